package store

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzDecodeRecord: whatever a record field holds, decoding it answers a record or an error,
// never a panic, and a compact record decodes to times in RFC 3339 and texts that are exactly
// its last field.
func FuzzDecodeRecord(f *testing.F) {
	for _, seed := range []string{
		`"1|G1||2||28800|"`, `"1|G1|C1|0|G0,G2|-3600|5"`,
		`"1|G1||0||28800||d|1|1|39600000|0||15|S1||T1||6|a|b|cdbar"`,
		`"1|G1||0||28800||d|2|3|39600999|-7|3|15|S1||||0|"`,
		`"1|G1||1||28800||b|||39600000|0||2||B1|T1|time|0|queue | till"`,
		`"1|G1||0||28800||s|||-1|0||0|||||0|"`, `"1|G1||0||28800||d|||0|0||0|||||99|x"`,
		`{"g":"G1","sw":0,"t":"2026-10-28T08:00:00Z","o":{"r":"done","oa":"2026-10-28T11:00:00Z","p":10}}`,
		`"1|G1||0||9223372036854775807||d|||9223372036854775807|9223372036854775807|-9223372036854775808|0|||||0|"`,
		`""`, `"\u0000|"`, `[]`, `null`, `"1|||||||||||||||||||"`,
	} {
		f.Add("2026-10-28", seed)
		if bare, err := strconv.Unquote(seed); err == nil && strings.HasPrefix(seed, `"`) {
			f.Add("2026-10-28", bare) // as the scripts store them now
		}
	}
	f.Fuzz(func(t *testing.T, day, raw string) {
		rec, err := decodeRecord(day, "U1", raw, "T1")
		if err != nil || (!strings.HasPrefix(raw, `"`) && !strings.HasPrefix(raw, recordFormat+"|")) {
			return
		}
		if _, err := time.Parse(time.DateOnly, day); err != nil {
			return
		}
		s := raw
		if strings.HasPrefix(raw, `"`) {
			if err := json.Unmarshal([]byte(raw), &s); err != nil {
				t.Fatalf("decoded %q, which is no JSON string: %v", raw, err)
			}
		}
		times := []string{rec.Created}
		if o := rec.Outcome; o != nil {
			times = append(times, o.Occurred, o.Recorded)
			if !strings.HasSuffix(s, o.Story+o.BarrierTxt) {
				t.Errorf("story %q and barrier text %q are not the end of %q", o.Story, o.BarrierTxt, s)
			}
		}
		for _, at := range times {
			if len(at) != len("2026-10-28T08:00:00Z") || at[0] == '-' {
				continue // a year out of RFC 3339's range, from offsets no script writes
			}
			if _, err := time.Parse(time.RFC3339, at); err != nil {
				t.Errorf("time %q of %q: %v", at, raw, err)
			}
		}
	})
}

// FuzzDecodeStory: a stored story's data of either form, or a feed card of one, never panics;
// a compact one decodes to its fields, the text being all after the seventh '|'.
func FuzzDecodeStory(f *testing.F) {
	for _, seed := range []string{
		"S1|2026-11-12|39600|U1|T1|G1|V1|1|She smiled.", "S1|2026-11-12|-3600|U1||G1|V1||a | b |",
		"S1|2026-11-12|0|U1|T1|G1|V1|9|bad reaction", "S1|2026-13-12|0|U1|T1|G1|V1|1|bad day",
		"S1|2026-11-12|4294967297|U1|T1|G1|V1|1|far", "S1|2026-11-12|x|U1|T1|G1|V1|1|",
		`{"id":"S1","author_id":"U1","team_id":"T1","text":"Hi","day":"2026-11-12","created_at":"2026-11-12T11:00:00Z"}`,
		"S1|", "", "|||||||", `{"created_at":7}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		st, err := decodeStoryCard(raw)
		if err != nil || strings.HasPrefix(raw, "{") {
			return
		}
		fields := strings.SplitN(raw, "|", 9)
		if len(fields) != 9 {
			t.Fatalf("decoded %q, which has fewer than eight '|'", raw)
		}
		if st.ID != fields[0] || st.Day != fields[1] || st.AuthorID != fields[3] || st.TeamID != fields[4] || st.GestureID != fields[5] ||
			st.ValueID != fields[6] || st.Text != fields[8] || reactionNames[fields[7]] != st.Reaction {
			t.Errorf("%q decoded to %+v", raw, st)
		}
		day, _ := time.Parse(time.DateOnly, st.Day)
		if secs, _ := strconv.ParseInt(fields[2], 10, 64); st.CreatedAt.Sub(day) != time.Duration(secs)*time.Second {
			t.Errorf("%q: created at %s", raw, st.CreatedAt)
		}
	})
}

// FuzzDecodeBarrier: a stored barrier's data of either form never panics; a compact one is an
// open barrier of its fields, the text being all after the fifth '|'.
func FuzzDecodeBarrier(f *testing.F) {
	for _, seed := range []string{
		"2026-11-24|39600|U1|T1|time|Queue at the till.", "2026-11-24|-60|U1||stock|a | b", "2026-11-24|x|U1|T1|time|",
		`{"id":"B1","reporter_id":"U1","status":"resolved","note":"Done.","created_at":"2026-11-24T11:00:00Z","updated_at":"2026-11-25T09:00:00Z"}`,
		"|||||", "2026-11-24|1", "", `{"created_at":1}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		b, err := decodeBarrier("B1", raw)
		if err != nil || strings.HasPrefix(raw, "{") {
			return
		}
		fields := strings.SplitN(raw, "|", 6)
		if len(fields) != 6 || b.ID != "B1" || b.Day != fields[0] || b.ReporterID != fields[2] || b.TeamID != fields[3] ||
			b.Category != fields[4] || b.Text != fields[5] || b.Status != "open" || b.Note != "" || !b.UpdatedAt.Equal(b.CreatedAt) {
			t.Errorf("%q decoded to %+v", raw, b)
		}
	})
}
