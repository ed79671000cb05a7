package handlers

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// History, export and retention.

func TestLoopHistoryPages(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("history")
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 9)
	eva := o.member("Eva Jansen", "employee", "")

	var empty AssignmentList
	a.call("GET", "/v1/me/history", eva.AccessToken, nil).expect(200).decode(&empty)
	if len(empty.Items) != 0 || empty.NextCursor != nil {
		t.Fatalf("history before any assignment: %+v", empty)
	}

	const days = 25
	plan := strings.Repeat("dso", days)[:days]
	o.play(eva, 0, plan)

	t.Run("newest first over pages of 7, without gaps or duplicates", func(t *testing.T) {
		var got []Assignment
		cursor := ""
		for pages := 0; ; pages++ {
			if pages > days {
				t.Fatal("the cursor never ends")
			}
			path := "/v1/me/history?limit=7"
			if cursor != "" {
				path += "&cursor=" + url.QueryEscape(cursor)
			}
			var page AssignmentList
			a.call("GET", path, eva.AccessToken, nil).expect(200).decode(&page)
			if len(page.Items) > 7 || (page.NextCursor != nil && len(page.Items) != 7) {
				t.Fatalf("page %d: %d items, next %v", pages, len(page.Items), page.NextCursor)
			}
			got = append(got, page.Items...)
			if page.NextCursor == nil {
				break
			}
			cursor = *page.NextCursor
		}
		if len(got) != days {
			t.Fatalf("%d assignments, want %d", len(got), days)
		}
		for i, as := range got {
			day := days - 1 - i
			if loopDate(as) != loopDay(day) || as.Id != strings.ReplaceAll(loopDay(day), "-", "")+"-"+eva.User.Id {
				t.Fatalf("item %d is %s (%s), want %s", i, loopDate(as), as.Id, loopDay(day))
			}
			want := map[byte]string{'d': "done", 's': "skipped", 'o': "open"}[plan[day]]
			if string(as.Status) != want || (as.Outcome == nil) != (want == "open") {
				t.Fatalf("%s: status %s, outcome %+v, want %s", loopDate(as), as.Status, as.Outcome, want)
			}
		}
	})

	t.Run("the default page is 20", func(t *testing.T) {
		var page AssignmentList
		a.call("GET", "/v1/me/history", eva.AccessToken, nil).expect(200).decode(&page)
		if len(page.Items) != 20 || page.NextCursor == nil {
			t.Fatalf("%d items, next %v", len(page.Items), page.NextCursor)
		}
	})

	t.Run("a bad limit or cursor is refused", func(t *testing.T) {
		a.call("GET", "/v1/me/history?limit=101", eva.AccessToken, nil).wantProblem(422, "invalid")
		a.call("GET", "/v1/me/history?limit=0", eva.AccessToken, nil).wantProblem(422, "invalid")
		a.call("GET", "/v1/me/history?cursor=yesterday", eva.AccessToken, nil).wantProblem(400, "malformed")
	})

	t.Run("one's history is one's own", func(t *testing.T) {
		sam := o.member("Sam de Vries", "employee", "")
		var page AssignmentList
		a.call("GET", "/v1/me/history", sam.AccessToken, nil).expect(200).decode(&page)
		if len(page.Items) != 0 {
			t.Fatalf("Sam sees %d assignments", len(page.Items))
		}
	})
}

// loopExportOrg is an org with a few days of outcomes: Eva (no team) done Monday with a
// reaction and a shared story, skipped Tuesday, opened Wednesday; Sam (team Utrecht) blocked
// Monday and done Wednesday.
func loopExportOrg(t *testing.T) (*loopOrg, *Session, *Session, Team) {
	a := newAPI(t)
	o := a.loopNewOrg("export")
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 3)
	team := a.team(o.admin, "Utrecht")
	eva := o.member("Eva Jansen", "employee", "")
	sam := o.member("Sam de Vries", "employee", team.Id)
	as := a.loopToday(eva)
	a.loopOutcome(eva, as.Id, map[string]any{"result": "done", "reaction": "delighted", "story": "Smiles, commas, \"quotes\".", "share": true})
	a.loopDoToday(sam, "blocked")
	o.play(eva, 1, "so")
	o.play(sam, 2, "d")
	return o, eva, sam, team
}

func (o *loopOrg) export(query string) response {
	o.t.Helper()
	return o.a.call("GET", "/v1/admin/export/outcomes?"+query, o.admin.AccessToken, nil)
}

func loopCSV(t *testing.T, r response) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(r.Body)).ReadAll()
	if err != nil {
		t.Fatalf("%v: %s", err, r.Body)
	}
	return rows
}

func TestLoopExport(t *testing.T) {
	o, eva, sam, team := loopExportOrg(t)
	header := "date,user_id,user_name,team_id,team_name,gesture_id,gesture_title,value_id,value_name,result,reaction,points,story_shared,occurred_at,recorded_at"

	t.Run("CSV has the header and one row per outcome of the days asked, both inclusive", func(t *testing.T) {
		res := o.export("from=" + loopMonday + "&to=" + loopDay(1)).expect(200)
		if ct := res.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
		if first, _, _ := strings.Cut(string(res.Body), "\n"); first != header {
			t.Fatalf("header %q", first)
		}
		rows := loopCSV(t, res)[1:]
		if len(rows) != 3 {
			t.Fatalf("%d rows, want 3: %v", len(rows), rows)
		}
		byKey := map[string][]string{}
		for _, r := range rows {
			byKey[r[0]+" "+r[2]] = r
		}
		e := byKey[loopMonday+" Eva Jansen"]
		if e == nil || e[1] != eva.User.Id || e[3] != "" || e[4] != "" || e[9] != "done" || e[10] != "delighted" || e[11] != "15" || e[12] != "true" ||
			e[6] == "" || e[8] != "Attentive" || e[13] != "2026-11-23T08:00:00Z" || e[14] != "2026-11-23T08:00:00Z" {
			t.Errorf("Eva's Monday: %q", e)
		}
		s := byKey[loopMonday+" Sam de Vries"]
		if s == nil || s[1] != sam.User.Id || s[3] != team.Id || s[4] != "Utrecht" || s[9] != "blocked" || s[10] != "" || s[11] != "2" || s[12] != "false" {
			t.Errorf("Sam's Monday: %q", s)
		}
		if e := byKey[loopDay(1)+" Eva Jansen"]; e == nil || e[9] != "skipped" || e[11] != "0" {
			t.Errorf("Eva's Tuesday: %q", e)
		}
		if rows[0][0] > rows[len(rows)-1][0] {
			t.Errorf("rows not in order of day: %v", rows)
		}
	})

	t.Run("a day without outcomes exports the header only; an open assignment is no row", func(t *testing.T) {
		rows := loopCSV(t, o.export("from="+loopDay(2)+"&to="+loopDay(2)).expect(200))
		if len(rows) != 2 || rows[1][2] != "Sam de Vries" {
			t.Fatalf("Wednesday: %v, want Sam's done only", rows)
		}
		rows = loopCSV(t, o.export("from="+loopDay(5)+"&to="+loopDay(6)).expect(200))
		if len(rows) != 1 || strings.Join(rows[0], ",") != header {
			t.Fatalf("an empty weekend: %v", rows)
		}
	})

	t.Run("JSON lines carry the same rows with nulls for what is missing", func(t *testing.T) {
		res := o.export("from=" + loopMonday + "&to=" + loopDay(2) + "&format=jsonl").expect(200)
		if ct := res.Header.Get("Content-Type"); ct != "application/x-ndjson" {
			t.Errorf("Content-Type %q", ct)
		}
		var rows []map[string]any
		sc := bufio.NewScanner(bytes.NewReader(res.Body))
		for sc.Scan() {
			var row map[string]any
			if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
				t.Fatalf("line %q: %v", sc.Text(), err)
			}
			rows = append(rows, row)
		}
		if len(rows) != 4 {
			t.Fatalf("%d lines, want 4", len(rows))
		}
		for _, r := range rows {
			if r["user_name"] == "Eva Jansen" && (r["team_id"] != nil || r["team_name"] != nil) {
				t.Errorf("a teamless row: %v", r)
			}
			if r["result"] == "blocked" && (r["reaction"] != nil || r["points"] != 2.0 || r["story_shared"] != false) {
				t.Errorf("Sam's blocked row: %v", r)
			}
		}
	})

	t.Run("a row keeps the team the user had when the outcome was recorded", func(t *testing.T) {
		amersfoort := o.a.team(o.admin, "Amersfoort")
		o.a.call("PATCH", "/v1/admin/users/"+sam.User.Id, o.admin.AccessToken, map[string]any{"team_id": amersfoort.Id}).expect(200)
		rows := loopCSV(t, o.export("from="+loopMonday+"&to="+loopMonday).expect(200))[1:]
		for _, r := range rows {
			if r[2] == "Sam de Vries" && (r[3] != team.Id || r[4] != "Utrecht") {
				t.Errorf("Sam's Monday exported with team %s %q, want Utrecht, his team when he recorded it "+
					"(the API document's ExportRow.team_id)", r[3], r[4])
			}
		}
		o.a.call("PATCH", "/v1/admin/users/"+sam.User.Id, o.admin.AccessToken, map[string]any{"team_id": team.Id}).expect(200)
	})

	t.Run("bad ranges and callers are refused", func(t *testing.T) {
		p := o.export("from="+loopDay(1)+"&to="+loopMonday).wantProblem(422, "invalid")
		if !p.names("to") {
			t.Errorf("to before from: errors name %v", p.fieldNames())
		}
		o.export("from=2025-01-01&to=2026-02-06").wantProblem(422, "invalid")
		o.export("from=" + loopMonday).expect(400)
		o.export("from=" + loopMonday + "&to=" + loopMonday + "&format=xml").expect(422)
		o.a.call("GET", "/v1/admin/export/outcomes?from="+loopMonday+"&to="+loopMonday, eva.AccessToken, nil).wantProblem(403, "forbidden")
	})
}

func TestLoopRetention(t *testing.T) {
	o, eva, sam, _ := loopExportOrg(t)
	a := o.a
	meBefore := map[string]Stats{}
	for _, s := range []*Session{eva, sam} {
		meBefore[s.User.Id] = a.loopMe(s).Stats
	}

	// Everything before Tuesday expires: Eva's and Sam's Monday.
	n, err := a.store.ExpireOutcomes(context.Background(), "export", loopDay(1))
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("%d day records removed, want 2", n)
	}

	t.Run("history no longer lists the expired days", func(t *testing.T) {
		loopWantHistoryDays(t, a, eva, loopDay(2), loopDay(1))
		loopWantHistoryDays(t, a, sam, loopDay(2))
	})

	t.Run("export no longer has them", func(t *testing.T) {
		rows := loopCSV(t, o.export("from="+loopMonday+"&to="+loopDay(2)).expect(200))[1:]
		var days []string
		for _, r := range rows {
			days = append(days, r[0]+" "+r[2])
		}
		slices.Sort(days)
		if !slices.Equal(days, []string{loopDay(1) + " Eva Jansen", loopDay(2) + " Sam de Vries"}) {
			t.Fatalf("exported %v", days)
		}
	})

	t.Run("points, done count, streaks and badges stay", func(t *testing.T) {
		for _, s := range []*Session{eva, sam} {
			me := a.loopMe(s)
			if me.Stats != meBefore[s.User.Id] {
				t.Errorf("%s: stats %+v, were %+v", s.User.Name, me.Stats, meBefore[s.User.Id])
			}
			if s == eva && (me.Stats.Points.Total != 15 || me.Stats.DoneTotal != 1 || !slices.Contains(loopBadgeIDs(me.Badges), "first_story")) {
				t.Errorf("Eva after retention: %+v %v", me.Stats, loopBadgeIDs(me.Badges))
			}
		}
	})

	t.Run("expiring again removes nothing more", func(t *testing.T) {
		n, err := a.store.ExpireOutcomes(context.Background(), "export", loopDay(1))
		if err != nil || n != 0 {
			t.Fatalf("second run: %d, %v", n, err)
		}
	})

	t.Run("the streak does not lose the expired days", func(t *testing.T) {
		// Eva: Monday done, Tuesday skipped (streak 0, best 1); nothing changes once Monday's
		// record is gone and the days are final.
		st := o.streakOn(eva, 14)
		if st.Best != 1 || st.Current != 0 {
			t.Fatalf("streak %+v", st)
		}
		sst := o.streakOn(sam, 14)
		if sst.Best != 1 {
			t.Fatalf("Sam's best %+v", sst)
		}
	})
}
