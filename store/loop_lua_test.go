package store

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// The daily-loop scripts do their own calendar arithmetic (dnum, dstr, wday in luaPrelude):
// it must agree with Go's time package on every day.

var loopDayScript = redis.NewScript(luaPrelude + `
return {dnum(ARGV[1]), dstr(dnum(ARGV[1])), wday(dnum(ARGV[1]))}
`)

// loopDayRangeScript answers dstr and wday for every day number from ARGV[1] to ARGV[2].
var loopDayRangeScript = redis.NewScript(luaPrelude + `
local out = {}
for z = tonumber(ARGV[1]), tonumber(ARGV[2]) do
  out[#out + 1] = dstr(z) .. ' ' .. wday(z)
end
return out
`)

func loopISOWeekday(d time.Time) int64 { return int64((int(d.Weekday())+6)%7 + 1) }

func TestLoopLuaDayArithmeticAgreesWithGo(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	for _, day := range []string{
		"1970-01-01", "1969-12-31", "1970-01-02",
		"2024-02-28", "2024-02-29", "2024-03-01",
		"2000-02-28", "2000-02-29", "2000-03-01",
		"1900-02-28", "1900-03-01", "2100-02-28", "2100-03-01",
		"1999-12-31", "2000-01-01", "2025-12-31", "2026-01-01", "2026-12-31", "2027-01-01",
		"2026-03-29", "2026-10-25", "2026-11-23", "2026-11-29",
		"0001-01-01", "1600-02-29", "9999-12-31",
	} {
		t.Run(day, func(t *testing.T) {
			d, err := time.Parse(time.DateOnly, day)
			if err != nil {
				t.Fatal(err)
			}
			res, err := loopDayScript.Run(ctx, s.rdb, nil, day).Slice()
			if err != nil {
				t.Fatal(err)
			}
			wantNum := d.Unix() / 86400
			if res[0].(int64) != wantNum || res[1].(string) != day || res[2].(int64) != loopISOWeekday(d) {
				t.Fatalf("dnum, dstr(dnum), wday = %v, want %d, %s, %d", res, wantNum, day, loopISOWeekday(d))
			}
			if n := dayNumber(day); n != wantNum {
				t.Fatalf("Go's dayNumber = %d, want %d", n, wantNum)
			}
		})
	}
}

func TestLoopLuaDayArithmeticOverTwoCenturies(t *testing.T) {
	s := newTestStore(t)
	from := time.Date(1899, 12, 25, 0, 0, 0, 0, time.UTC)
	to := time.Date(2101, 1, 5, 0, 0, 0, 0, time.UTC)
	// Twenty years per call: one call for all would be a script long enough for Redis to call
	// it busy on a loaded machine.
	var got []string
	for first, last := from.Unix()/86400, to.Unix()/86400; first <= last; first += 7305 {
		part, err := loopDayRangeScript.Run(context.Background(), s.rdb, nil, first, min(first+7304, last)).StringSlice()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, part...)
	}
	i := 0
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		want := d.Format(time.DateOnly) + " " + string(rune('0'+loopISOWeekday(d)))
		if i >= len(got) || got[i] != want {
			t.Fatalf("day number %d: Lua says %q, Go %q", d.Unix()/86400, got[min(i, len(got)-1)], want)
		}
		i++
	}
	if i != len(got) {
		t.Fatalf("Lua answered %d days, Go counted %d", len(got), i)
	}
}
