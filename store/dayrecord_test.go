package store

import (
	"context"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

// recordRoundTripScript stores a record (ARGV[2], JSON in the scripts' full shape) as the daily
// scripts do, beside the team its hash names (ARGV[3], "" for none), and reads it back as they
// do: {what was stored, what record() answers, the gesture and result peek() answers}.
var recordRoundTripScript = redis.NewScript(luaPrelude + `
local team = nil
if ARGV[3] and ARGV[3] ~= '' then team = ARGV[3]; redis.call('HSET', KEYS[1], 'tm', team) end
redis.call('HSET', KEYS[1], ARGV[1], packed(cjson.decode(ARGV[2]), team))
local p = peek(KEYS[1], ARGV[1])
return {redis.call('HGET', KEYS[1], ARGV[1]), cjson.encode(record(KEYS[1], ARGV[1])), p.g .. ' ' .. (p.o and p.o.r or '-')}
`)

// storedRecordReadScript reads a record stored as it is (ARGV[2]) as the daily scripts do:
// {what record() answers, the gesture and result peek() answers}.
var storedRecordReadScript = redis.NewScript(luaPrelude + `
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local p = peek(KEYS[1], ARGV[1])
return {cjson.encode(record(KEYS[1], ARGV[1])), p.g .. ' ' .. (p.o and p.o.r or '-')}
`)

func TestRecordsReadBackAsTheyWereWritten(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	key := s.keys.assignments("acme", "U1")
	const day = "2026-10-28"
	outcome := `"r":"done","re":"delighted","st":"","sh":false,"bc":"","bt":"","oa":"2026-10-28T11:00:00Z",` +
		`"ra":"2026-10-28T11:00:00Z","ms":1793185200000,"p":10,"sid":"","bid":"","tm":"T1"`
	for _, tc := range []struct {
		name, day, record string
		compact           bool
		team, holds       string // the hash's team, and what the stored record must hold
	}{
		{"a new assignment is compact", day,
			`{"d":"2026-10-28","g":"G1","c":"","sw":2,"x":"","t":"2026-10-28T08:00:00Z"}`, true, "", ""},
		{"a swapped assignment with a challenge's bonus is compact", day,
			`{"d":"2026-10-28","g":"G3","c":"C1","b":5,"sw":0,"x":"G1,G2","t":"2026-10-28T08:00:00Z"}`, true, "", ""},
		{"a done outcome is compact", day,
			`{"d":"2026-10-28","g":"G1","c":"","sw":0,"x":"","t":"2026-10-28T08:00:00Z","o":{` + outcome + `}}`, true, "", "|T1|"},
		{"an outcome in the team its hash names refers to it", day,
			`{"d":"2026-10-28","g":"G1","c":"","sw":0,"x":"","t":"2026-10-28T08:00:00Z","o":{` + outcome + `}}`, true, "T1", "||=||"},
		{"an outcome in another team than its hash names keeps the team's id", day,
			`{"d":"2026-10-28","g":"G1","c":"","sw":0,"x":"","t":"2026-10-28T08:00:00Z","o":{` + outcome + `}}`, true, "T9", "|T1|"},
		{"an outcome in no team keeps none whatever its hash names", day,
			`{"d":"2026-10-28","g":"G1","c":"","sw":0,"x":"","t":"2026-10-28T08:00:00Z","o":{` +
				strings.Replace(outcome, `"tm":"T1"`, `"tm":""`, 1) + `}}`, true, "T1", "||||"},
		{"a shared story keeps every character, separators and quotes included", day,
			`{"d":"2026-10-28","g":"G1","c":"C1","b":0,"sw":0,"x":"G0","t":"2026-10-27T23:30:00Z","o":{"r":"done","re":"positive",` +
				`"st":"a|b \"c\" d\\e\nf/g ünï 😀 |","sh":true,"bc":"","bt":"","oa":"2026-10-28T07:59:59Z","ra":"2026-10-28T11:00:00Z",` +
				`"ms":1793185200999,"p":15,"sid":"S1","bid":"","tm":""}}`, true, "", ""},
		{"a blocked outcome recorded later than its millisecond keeps both times", day,
			`{"d":"2026-10-28","g":"G1","c":"","sw":1,"x":"","t":"2026-10-28T08:00:00Z","o":{"r":"blocked","re":"",` +
				`"st":"","sh":false,"bc":"time","bt":"queue | till","oa":"2026-10-29T01:00:00Z","ra":"2026-10-28T11:00:07Z",` +
				`"ms":1793185200000,"p":2,"sid":"","bid":"B1","tm":"T1"}}`, true, "", ""},
		{"a skipped outcome before 1970 is compact", "1969-12-31",
			`{"d":"1969-12-31","g":"G1","c":"","sw":0,"x":"","t":"1969-12-30T23:00:00Z","o":{"r":"skipped","re":"",` +
				`"st":"","sh":false,"bc":"","bt":"","oa":"1969-12-31T12:00:00Z","ra":"1969-12-31T12:00:00Z",` +
				`"ms":-43199500,"p":0,"sid":"","bid":"","tm":"T1"}}`, true, "", ""},
		{"an unknown reaction stays a JSON object", day,
			`{"d":"2026-10-28","g":"G1","c":"","sw":0,"x":"","t":"2026-10-28T08:00:00Z","o":{` +
				strings.Replace(outcome, "delighted", "amused", 1) + `}}`, false, "", ""},
		{"an outcome without its team (older) stays a JSON object", day,
			`{"d":"2026-10-28","g":"G1","c":"","sw":0,"x":"","t":"2026-10-28T08:00:00Z","o":{` +
				strings.Replace(outcome, `,"tm":"T1"`, "", 1) + `}}`, false, "", ""},
		{"a time not in canonical form stays a JSON object", day,
			`{"d":"2026-10-28","g":"G1","c":"","sw":2,"x":"","t":"2026-10-28T10:00:00+02:00"}`, false, "", ""},
		{"an id holding the separator stays a JSON object", day,
			`{"d":"2026-10-28","g":"G|1","c":"","sw":2,"x":"","t":"2026-10-28T08:00:00Z"}`, false, "", ""},
		{"an unknown field stays a JSON object", day,
			`{"d":"2026-10-28","g":"G1","c":"","sw":2,"x":"","t":"2026-10-28T08:00:00Z","new":1}`, false, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := s.rdb.Del(ctx, key).Err(); err != nil {
				t.Fatal(err)
			}
			res, err := recordRoundTripScript.Run(ctx, s.rdb, []string{key}, tc.day, tc.record, tc.team).StringSlice()
			if err != nil {
				t.Fatal(err)
			}
			stored, back := res[0], res[1]
			if got := strings.HasPrefix(stored, recordFormat+"|"); got != tc.compact {
				t.Fatalf("stored %s: compact %v, want %v", stored, got, tc.compact)
			}
			if !strings.Contains(stored, tc.holds) {
				t.Errorf("stored %s, which does not hold %q", stored, tc.holds)
			}
			if tc.compact && len(stored) >= len(tc.record)*2/3 {
				t.Errorf("stored %d bytes for a record of %d: %s", len(stored), len(tc.record), stored)
			}
			var want, got map[string]any
			if err := json.Unmarshal([]byte(tc.record), &want); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(back), &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("the scripts read back\n%s\nwant\n%s", back, tc.record)
			}
			wantPeek := want["g"].(string) + " -"
			if o, ok := want["o"].(map[string]any); ok {
				wantPeek = want["g"].(string) + " " + o["r"].(string)
			}
			if res[2] != wantPeek {
				t.Errorf("peek answers %q, want %q", res[2], wantPeek)
			}
			wantRec, err := decodeRecord(tc.day, "U1", tc.record, "")
			if err != nil {
				t.Fatal(err)
			}
			gotRec, err := decodeRecord(tc.day, "U1", stored, tc.team)
			if err != nil {
				t.Fatalf("decode %s: %v", stored, err)
			}
			if !reflect.DeepEqual(gotRec, wantRec) {
				t.Errorf("Go reads back\n%+v %+v\nwant\n%+v %+v", gotRec, gotRec.Outcome, wantRec, wantRec.Outcome)
			}
			if !tc.compact {
				return
			}
			// Earlier versions stored the same fields inside a JSON string: read just the same.
			quoted, _ := json.Marshal(stored)
			old, err := storedRecordReadScript.Run(ctx, s.rdb, []string{key}, tc.day, string(quoted)).StringSlice()
			if err != nil {
				t.Fatal(err)
			}
			var oldBack map[string]any
			if err := json.Unmarshal([]byte(old[0]), &oldBack); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(oldBack, want) || old[1] != wantPeek {
				t.Errorf("the scripts read the earlier form %s back as\n%s (peek %q)\nwant\n%s", quoted, old[0], old[1], tc.record)
			}
			if oldRec, err := decodeRecord(tc.day, "U1", string(quoted), tc.team); err != nil || !reflect.DeepEqual(oldRec, wantRec) {
				t.Errorf("Go reads the earlier form %s back as %+v, %v", quoted, oldRec, err)
			}
		})
	}
}

func TestASharedStorysTextIsLeftToTheStory(t *testing.T) {
	s := newTestStore(t)
	key := s.keys.assignments("acme", "U1")
	rec := `{"d":"2026-10-28","g":"G1","c":"","sw":0,"x":"","t":"2026-10-28T08:00:00Z","o":{"r":"done","re":"positive",` +
		`"st":"Walked her to the shelf.","sh":true,"sts":true,"bc":"","bt":"","oa":"2026-10-28T11:00:00Z","ra":"2026-10-28T11:00:00Z",` +
		`"ms":1793185200000,"p":15,"sid":"S1","bid":"","tm":""}}`
	res, err := recordRoundTripScript.Run(context.Background(), s.rdb, []string{key}, "2026-10-28", rec).StringSlice()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(res[0], "shelf") || !strings.HasPrefix(res[0], recordFormat+"|") {
		t.Errorf("stored %s", res[0])
	}
	var back struct{ O map[string]any }
	if err := json.Unmarshal([]byte(res[1]), &back); err != nil {
		t.Fatal(err)
	}
	if back.O["st"] != "" || back.O["sts"] != true || back.O["sh"] != true || back.O["sid"] != "S1" {
		t.Errorf("the scripts read back %s", res[1])
	}
	got, err := decodeRecord("2026-10-28", "U1", res[0], "")
	if err != nil {
		t.Fatal(err)
	}
	if o := got.Outcome; o.Story != "" || !o.storyHeld || !o.Shared || o.StoryID != "S1" {
		t.Errorf("Go reads back %+v", o)
	}
}

func TestMalformedCompactRecordsAreErrors(t *testing.T) {
	for _, raw := range []string{
		`""`, `"2|G1||2||28800|"`, `"1|G1||2||28800"`, `"1|G1||x||28800|"`, `"1|G1||2||x|"`,
		`"1|G1||2||28800||z||||0|||||||0|"`, `"1|G1||2||28800||d|9||0|0||0|||||0|"`,
		`"1|G1||2||28800||d|||0|0||0|||||5|abc"`, `"1|G1||2||28800||d|||0|0||0|||||-1|abc"`,
		`"1|G1||2||28800||d||8|0|0||0|||||0|"`, `"1|G1||2||28800||d||0|0|0||0|||||0|"`,
	} {
		bare, _ := strconv.Unquote(raw)
		for _, raw := range []string{raw, bare} { // as earlier versions stored them, and as now
			if rec, err := decodeRecord("2026-10-28", "U1", raw, ""); err == nil {
				t.Errorf("%s decoded to %+v", raw, rec)
			}
		}
	}
	for _, raw := range []string{`"1|G1||2||28800||d|||0|0||0|||||0|"`, `1|G1||2||28800||d|||0|0||0|||||0|`} {
		if _, err := decodeRecord("2026-10-28", "U1", raw, ""); err != nil {
			t.Errorf("the smallest outcome %s: %v", raw, err)
		}
	}
}
