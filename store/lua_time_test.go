package store

import (
	"context"
	"strconv"
	"testing"
	"time"
)

// Scripts given RFC 3339 times do their own calendar arithmetic (lib_time.lua): it must agree
// with Go's time package on every day.

var (
	loopDayScript      = testLuaScript("test_day", "lib_time")
	loopDayRangeScript = testLuaScript("test_day_range", "lib_time")
)

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
			noon := d.Unix() + 12*3600
			if res[0].(int64) != wantNum || res[1].(string) != day || res[2].(int64) != noon || res[3].(string) != strconv.FormatInt(noon, 10) {
				t.Fatalf("dnum, dstr(dnum), tsec, badgetime = %v, want %d, %s, %d, %d", res, wantNum, day, noon, noon)
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
		want := d.Format(time.DateOnly)
		if i >= len(got) || got[i] != want {
			t.Fatalf("day number %d: Lua says %q, Go %q", d.Unix()/86400, got[min(i, len(got)-1)], want)
		}
		i++
	}
	if i != len(got) {
		t.Fatalf("Lua answered %d days, Go counted %d", len(got), i)
	}
}
