package store

import (
	"encoding/json"
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
	}
	f.Fuzz(func(t *testing.T, day, raw string) {
		rec, err := decodeRecord(day, "U1", raw)
		if err != nil || !strings.HasPrefix(raw, `"`) {
			return
		}
		if _, err := time.Parse(time.DateOnly, day); err != nil {
			return
		}
		var s string
		if err := json.Unmarshal([]byte(raw), &s); err != nil {
			t.Fatalf("decoded %q, which is no JSON string: %v", raw, err)
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
