package store

import (
	"context"
	"slices"
	"testing"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// What versions before the compact records stored stays readable: records as JSON objects, the
// user's days in a sorted set (asgdays), a day's users in a set (outcomes:<day>). A day may
// have both forms of the day index (outcomes recorded before and after the upgrade).
func TestDataOfOlderVersionsStillReads(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	o, _ := s.org("legacy")
	team := s.team(o, "Utrecht")
	eva, _ := s.user(o, "Eva", "eva@legacy.example", "employee", team.ID)
	sam, _ := s.user(o, "Sam", "sam@legacy.example", "employee", "")
	v, err := s.SaveValue(ctx, domain.Value{ID: domain.NewID(testNow), Org: o.ID, Name: "Attentive", Active: true, CreatedAt: testNow})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.SaveGesture(ctx, domain.Gesture{ID: "G1", Org: o.ID, Title: "Greet", ValueID: v.ID, Points: 10, Active: true,
		Roles: []domain.Role{}, TeamIDs: []string{}, CreatedAt: testNow})
	if err != nil {
		t.Fatal(err)
	}
	base := s.keys.org(o.ID)
	p := s.rdb.TxPipeline()
	// Eva: a full record of the oldest kind (id, day and empty fields kept), one without its
	// empties, and an open assignment; Sam: a blocked day indexed the new way.
	p.HSet(ctx, base+"asg:"+eva.ID,
		"2026-11-16", `{"id":"`+domain.AssignmentID("2026-11-16", eva.ID)+`","d":"2026-11-16","g":"G1","c":"","sw":0,"x":"","t":"2026-11-16T08:00:00Z",`+
			`"o":{"r":"done","re":"neutral","st":"","sh":false,"bc":"","bt":"","oa":"2026-11-16T11:00:00Z","ra":"2026-11-16T11:00:00Z","p":10,"sid":"","bid":""}}`,
		"2026-11-17", `{"g":"G1","sw":0,"t":"2026-11-17T08:00:00Z","o":{"r":"done","re":"delighted","st":"Smiles","sh":true,`+
			`"oa":"2026-11-17T11:00:00Z","ra":"2026-11-17T12:00:00Z","ms":1763380800000,"p":13,"sid":"S1","tm":"`+team.ID+`"}}`,
		"2026-11-18", `{"g":"G1","sw":2,"t":"2026-11-18T08:00:00Z"}`,
		"latest", "2026-11-18")
	p.ZAdd(ctx, base+"asgdays:"+eva.ID, redis.Z{Score: float64(dayNumber("2026-11-16")), Member: "2026-11-16"},
		redis.Z{Score: float64(dayNumber("2026-11-17")), Member: "2026-11-17"}, redis.Z{Score: float64(dayNumber("2026-11-18")), Member: "2026-11-18"})
	p.HSet(ctx, base+"asg:"+sam.ID,
		"2026-11-17", `"1|G1||0||28800||b|||39600000|0||2||B1||time|0|queue"`, "latest", "2026-11-17")
	p.SAdd(ctx, base+"outcomes:2026-11-16", eva.ID)
	p.SAdd(ctx, base+"outcomes:2026-11-17", eva.ID)
	p.HSet(ctx, base+"outidx:2026-11-17", "b"+sam.ID[len(sam.ID)-1:], 1, "n", 1)
	p.Append(ctx, base+"outidx:2026-11-17:b"+sam.ID[len(sam.ID)-1:], sam.ID+",")
	for _, d := range []string{"2026-11-16", "2026-11-17"} {
		p.ZAdd(ctx, base+"outcomedays", redis.Z{Score: float64(dayNumber(d)), Member: d})
	}
	if _, err := p.Exec(ctx); err != nil {
		t.Fatal(err)
	}

	t.Run("history lists every day, newest first, with what was recorded", func(t *testing.T) {
		views, next, err := s.History(ctx, o.ID, eva.ID, domain.Page{Limit: 2})
		if err != nil || len(views) != 2 || next != "2026-11-17" {
			t.Fatalf("first page: %d views, next %q, %v", len(views), next, err)
		}
		if views[0].Assignment.Outcome != nil || views[0].Assignment.SwapsLeft != 2 || views[0].Gesture.Title != "Greet" {
			t.Errorf("the open day: %+v", views[0].Assignment)
		}
		if got := views[1].Assignment.Outcome; got == nil || got.Story != "Smiles" || !got.Shared || got.Points != 13 ||
			got.RecordedAt.Format("15:04") != "12:00" || got.OccurredAt.Format("15:04") != "11:00" {
			t.Errorf("the shared story's day: %+v", got)
		}
		rest, next, err := s.History(ctx, o.ID, eva.ID, domain.Page{Limit: 2, Cursor: next})
		if err != nil || len(rest) != 1 || next != "" || rest[0].Assignment.ID != domain.AssignmentID("2026-11-16", eva.ID) ||
			rest[0].Assignment.Outcome.RecordedAt.Format("15:04") != "11:00" {
			t.Fatalf("second page: %+v, next %q, %v", rest, next, err)
		}
	})

	t.Run("export has one row per outcome of both forms of the index, by day", func(t *testing.T) {
		n, err := s.CountOutcomes(ctx, o.ID, "", "")
		if err != nil || n != 3 {
			t.Fatalf("count %d, %v", n, err)
		}
		var rows []string
		err = s.ExportOutcomes(ctx, o.ID, "2026-11-16", "2026-11-17", func(r domain.ExportRow) error {
			rows = append(rows, r.Day+" "+r.UserName+" "+r.Result+" "+r.TeamID+" "+r.RecordedAt.Format("15:04"))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"2026-11-16 Eva done " + team.ID + " 11:00", "2026-11-17 Eva done " + team.ID + " 12:00", "2026-11-17 Sam blocked  11:00"}
		if eva.ID > sam.ID {
			want[1], want[2] = want[2], want[1]
		}
		if !slices.Equal(rows, want) {
			t.Errorf("rows\n%q\nwant\n%q", rows, want)
		}
	})

	t.Run("rebuilt boards count every outcome", func(t *testing.T) {
		var done, total int64
		if err := s.RebuildBoards(ctx, o.ID, func(d, all int64) { done, total = d, all }); err != nil {
			t.Fatal(err)
		}
		if done != 3 || total != 3 {
			t.Errorf("replayed %d of %d, want 3 of 3", done, total)
		}
		pts, err := s.rdb.ZScore(ctx, s.keys.teamsBoard(o.ID, "all"), team.ID).Result()
		if err != nil || pts != 23 {
			t.Errorf("the team's all-time points %v, %v, want 23", pts, err)
		}
	})

	t.Run("retention removes the old indexes with the records", func(t *testing.T) {
		n, err := s.ExpireOutcomes(ctx, o.ID, "2026-11-18")
		if err != nil || n != 3 {
			t.Fatalf("removed %d, %v", n, err)
		}
		for _, k := range []string{"asgdays:" + eva.ID, "outcomes:2026-11-16", "outcomes:2026-11-17", "outidx:2026-11-17", "outidx:2026-11-17:b" + sam.ID[len(sam.ID)-1:]} {
			if s.exists(base + k) {
				t.Errorf("%s is still there", k)
			}
		}
		views, _, err := s.History(ctx, o.ID, eva.ID, domain.Page{Limit: 5})
		if err != nil || len(views) != 1 || views[0].Assignment.Day != "2026-11-18" {
			t.Errorf("history after retention: %+v, %v", views, err)
		}
	})
}
