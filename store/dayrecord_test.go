package store

import (
	"reflect"
	"strings"
	"testing"

	"github.com/microact/microact/domain"
)

// A record is stored packed (recordFormat) and read back by decodeRecord as it was written.
func TestRecordsReadBackAsTheyWereWritten(t *testing.T) {
	const day = "2026-10-28"
	const ms = 1793185200000 // 2026-10-28T11:00:00Z
	bonus, zero := 5, 0
	team := func(s string) *string { return &s }
	assignment := func() dayRecord {
		return dayRecord{Day: day, Gesture: "G1", SwapsLeft: 2, Created: "2026-10-28T08:00:00Z"}
	}
	done := func(tm string) dayRecord {
		rec := assignment()
		rec.SwapsLeft = 0
		rec.Outcome = &outcomeJSON{Result: domain.ResultDone, Reaction: "delighted", Occurred: "2026-10-28T11:00:00Z",
			Recorded: "2026-10-28T11:00:00Z", Points: 10, Team: team(tm)}
		return rec
	}
	for _, tc := range []struct {
		name        string
		rec         dayRecord
		ms          int64
		team, holds string // the hash's team, and what the stored record must hold
	}{
		{"a new assignment", assignment(), 0, "", ""},
		{"a swapped assignment with a challenge's bonus", func() dayRecord {
			r := assignment()
			r.Gesture, r.Challenge, r.Bonus, r.SwapsLeft, r.Swapped = "G3", "C1", &bonus, 0, "G1,G2"
			return r
		}(), 0, "", ""},
		{"a done outcome", done("T1"), ms, "", "|T1|"},
		{"an outcome in the team its hash names refers to it", done("T1"), ms, "T1", "||=||"},
		{"an outcome in another team than its hash names keeps the team's id", done("T1"), ms, "T9", "|T1|"},
		{"an outcome in no team keeps none whatever its hash names", done(""), ms, "T1", "||||"},
		{"a shared story keeps every character, separators and quotes included", func() dayRecord {
			r := done("")
			r.Challenge, r.Bonus, r.Swapped, r.Created = "C1", &zero, "G0", "2026-10-27T23:30:00Z"
			o := r.Outcome
			o.Reaction, o.Story, o.Shared, o.Occurred, o.Points = "positive", "a|b \"c\" d\\e\nf/g ünï 😀 |", true, "2026-10-28T07:59:59Z", 15
			return r
		}(), ms + 999, "", ""},
		{"a blocked outcome recorded later than its millisecond keeps both times", func() dayRecord {
			r := done("T1")
			r.SwapsLeft = 1
			o := r.Outcome
			o.Result, o.Reaction, o.BarrierCat, o.BarrierTxt = domain.ResultBlocked, "", "time", "queue | till"
			o.Occurred, o.Recorded, o.Points = "2026-10-29T01:00:00Z", "2026-10-28T11:00:07Z", 2
			return r
		}(), ms, "", ""},
		{"a skipped outcome before 1970", dayRecord{Day: "1969-12-31", Gesture: "G1", Created: "1969-12-30T23:00:00Z",
			Outcome: &outcomeJSON{Result: domain.ResultSkipped, Occurred: "1969-12-31T12:00:00Z", Recorded: "1969-12-31T12:00:00Z", Team: team("T1")},
		}, -43199500, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stored := tc.rec.pack(tc.team, tc.ms)
			if !strings.HasPrefix(stored, recordFormat+"|") || !strings.Contains(stored, tc.holds) {
				t.Fatalf("stored %s, which does not hold %q", stored, tc.holds)
			}
			got, err := decodeRecord(tc.rec.Day, "U1", stored, tc.team)
			if err != nil {
				t.Fatalf("decode %s: %v", stored, err)
			}
			want := tc.rec
			want.ID = domain.AssignmentID(want.Day, "U1")
			if want.Outcome != nil {
				o := *want.Outcome
				o.ms = tc.ms
				want.Outcome = &o
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("read back\n%+v %+v\nwant\n%+v %+v", got, got.Outcome, want, want.Outcome)
			}
		})
	}
}

func TestASharedStorysTextIsLeftToTheStory(t *testing.T) {
	rec := dayRecord{Day: "2026-10-28", Gesture: "G1", Created: "2026-10-28T08:00:00Z", Outcome: &outcomeJSON{
		Result: domain.ResultDone, Reaction: "positive", Story: "Walked her to the shelf.", Shared: true, StoryID: "S1",
		Occurred: "2026-10-28T11:00:00Z", Recorded: "2026-10-28T11:00:00Z", Points: 15,
	}}
	stored := rec.pack("", 1793185200000)
	if strings.Contains(stored, "shelf") {
		t.Errorf("stored %s", stored)
	}
	got, err := decodeRecord("2026-10-28", "U1", stored, "")
	if err != nil {
		t.Fatal(err)
	}
	if o := got.Outcome; o.Story != "" || !o.storyHeld || !o.Shared || o.StoryID != "S1" {
		t.Errorf("read back %+v", o)
	}
}

func TestMalformedRecordsAreErrors(t *testing.T) {
	for _, raw := range []string{
		``, `2|G1||2||28800|`, `1|G1||2||28800`, `1|G1||x||28800|`, `1|G1||2||x|`,
		`1|G1||2||28800||z||||0|||||||0|`, `1|G1||2||28800||d|9||0|0||0|||||0|`,
		`1|G1||2||28800||d|||0|0||0|||||5|abc`, `1|G1||2||28800||d|||0|0||0|||||-1|abc`,
		`1|G1||2||28800||d||8|0|0||0|||||0|`, `1|G1||2||28800||d||0|0|0||0|||||0|`,
		// no other form is a record: not the JSON object nor the quoted compact form of before
		`{"g":"G1","sw":2,"t":"2026-10-28T08:00:00Z"}`, `"1|G1||2||28800|"`,
	} {
		if rec, err := decodeRecord("2026-10-28", "U1", raw, ""); err == nil {
			t.Errorf("%s decoded to %+v", raw, rec)
		}
	}
	if _, err := decodeRecord("2026-10-28", "U1", `1|G1||2||28800||d|||0|0||0|||||0|`, ""); err != nil {
		t.Errorf("the smallest outcome: %v", err)
	}
}
