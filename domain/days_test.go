package domain

import (
	"testing"
	"time"
)

// The time package's answers, which the day arithmetic must give.
func addDaysByTime(day string, n int) string {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return d.AddDate(0, 0, n).Format(time.DateOnly)
}

func isoWeekdayByTime(day string) int {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return 0
	}
	return (int(d.Weekday())+6)%7 + 1
}

func TestAddDays(t *testing.T) {
	for _, tc := range []struct {
		day  string
		n    int
		want string
	}{
		{"2026-12-07", 0, "2026-12-07"},
		{"2026-12-07", 1, "2026-12-08"},
		{"2026-12-31", 1, "2027-01-01"},
		{"2027-01-01", -1, "2026-12-31"},
		{"2028-02-28", 1, "2028-02-29"}, // a leap year
		{"2027-02-28", 1, "2027-03-01"},
		{"2100-02-28", 1, "2100-03-01"}, // a century is not a leap year…
		{"2000-02-28", 1, "2000-02-29"}, // …unless it is a fourth one
		{"2026-03-29", 1, "2026-03-30"}, // DST begins in Europe: still one day
		{"2026-11-23", -400, "2025-10-19"},
		{"2026-11-23", 3653, "2036-11-23"},
		{"0000-01-01", 0, "0000-01-01"},
		{"0000-03-01", -1, "0000-02-29"},
		{"9999-12-31", 1, "10000-01-01"}, // as the time package writes it
		{"0000-01-01", -1, "-0001-12-31"},
		{"2026-02-30", 1, "2026-02-30"}, // no such day: answered as it is
		{"2026-13-01", 1, "2026-13-01"},
		{"2026-1-01", 1, "2026-1-01"},
		{"", 1, ""},
		{"2026-12-0x", 1, "2026-12-0x"},
	} {
		if got := AddDays(tc.day, tc.n); got != tc.want {
			t.Errorf("AddDays(%q, %d) = %q, want %q", tc.day, tc.n, got, tc.want)
		}
		if got := addDaysByTime(tc.day, tc.n); got != tc.want {
			t.Errorf("the time package moves %q by %d to %q, the table says %q", tc.day, tc.n, got, tc.want)
		}
	}
}

func TestISOWeekday(t *testing.T) {
	for day, want := range map[string]int{
		"2026-12-07": 1, "2026-12-13": 7, "1970-01-01": 4, "1969-12-31": 3, "2000-02-29": 2,
		"0000-01-01": 6, "2026-02-29": 0, "x": 0,
	} {
		if got := ISOWeekday(day); got != want {
			t.Errorf("ISOWeekday(%q) = %d, want %d", day, got, want)
		}
	}
}

func TestMonthOfLastDay(t *testing.T) {
	for day, want := range map[string]string{
		"2026-12-07": "2026-12-31", "2028-02-10": "2028-02-29", "2027-02-01": "2027-02-28", "2026-04-30": "2026-04-30",
	} {
		if got := MonthOf(day, time.UTC).LastDay; got != want {
			t.Errorf("MonthOf(%q).LastDay = %q, want %q", day, got, want)
		}
	}
}

// FuzzDays: the day arithmetic answers what the time package does, for any text and shift
// (AddDays, ISOWeekday), and MonthOf's last day for any day.
func FuzzDays(f *testing.F) {
	for _, s := range []string{"2026-12-07", "2028-02-29", "0000-01-01", "9999-12-31", "2026-02-30", "2026-00-10", "1582-10-05", "abcd-ef-gh"} {
		f.Add(s, int32(1))
		f.Add(s, int32(-1000000))
	}
	f.Fuzz(func(t *testing.T, day string, n int32) {
		if got, want := AddDays(day, int(n)), addDaysByTime(day, int(n)); got != want {
			t.Fatalf("AddDays(%q, %d) = %q, the time package %q", day, n, got, want)
		}
		if got, want := ISOWeekday(day), isoWeekdayByTime(day); got != want {
			t.Fatalf("ISOWeekday(%q) = %d, the time package %d", day, got, want)
		}
		if d, err := time.Parse(time.DateOnly, day); err == nil {
			if got, want := MonthOf(day, time.UTC).LastDay, d.AddDate(0, 1, -d.Day()).Format(time.DateOnly); got != want {
				t.Fatalf("MonthOf(%q).LastDay = %q, the time package %q", day, got, want)
			}
		}
	})
}

func BenchmarkAddDays(b *testing.B) {
	for i := range b.N {
		AddDays("2026-12-07", i%40-20)
	}
}
