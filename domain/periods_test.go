package domain

import (
	"testing"
	"time"
)

func TestPreviousPeriods(t *testing.T) {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	for _, tc := range []struct {
		name         string
		day          string
		weekStartsOn int
		week, month  [2]string
	}{
		{"a Monday of a week starting on Monday", "2026-11-23", 1, [2]string{"2026-11-16", "2026-11-22"}, [2]string{"2026-10-01", "2026-10-31"}},
		{"a Sunday of a week starting on Monday", "2026-11-29", 1, [2]string{"2026-11-16", "2026-11-22"}, [2]string{"2026-10-01", "2026-10-31"}},
		{"a Sunday of a week starting on Sunday", "2026-11-29", 7, [2]string{"2026-11-22", "2026-11-28"}, [2]string{"2026-10-01", "2026-10-31"}},
		{"across a year and into a month of 31 days", "2027-01-02", 1, [2]string{"2026-12-21", "2026-12-27"}, [2]string{"2026-12-01", "2026-12-31"}},
		{"a month after a leap February", "2028-03-15", 1, [2]string{"2028-03-06", "2028-03-12"}, [2]string{"2028-02-01", "2028-02-29"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := PreviousWeek(tc.day, tc.weekStartsOn, ams)
			if w.Kind != "week" || w.FirstDay != tc.week[0] || w.LastDay != tc.week[1] || w.Key != "w"+tc.week[0] {
				t.Fatalf("week %+v, want %v", w, tc.week)
			}
			m := PreviousMonth(tc.day, ams)
			if m.Kind != "month" || m.FirstDay != tc.month[0] || m.LastDay != tc.month[1] {
				t.Fatalf("month %+v, want %v", m, tc.month)
			}
		})
	}

	t.Run("a week across the end of summer time is 169 hours long", func(t *testing.T) {
		w := PreviousWeek("2026-10-26", 1, ams) // clocks go back on Sunday 2026-10-25
		if w.FirstDay != "2026-10-19" || w.EndsAt.Sub(w.StartsAt) != 169*time.Hour {
			t.Fatalf("week %+v lasts %v", w, w.EndsAt.Sub(w.StartsAt))
		}
	})
}

func TestLastWeeks(t *testing.T) {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	weeks := LastWeeks("2026-11-25", 1, ams, 8)
	if len(weeks) != 8 {
		t.Fatalf("%d weeks", len(weeks))
	}
	if weeks[0].FirstDay != "2026-10-05" || weeks[7].FirstDay != "2026-11-23" {
		t.Fatalf("first %s, last %s", weeks[0].FirstDay, weeks[7].FirstDay)
	}
	for i := 1; i < len(weeks); i++ {
		if weeks[i].FirstDay != AddDays(weeks[i-1].LastDay, 1) || !weeks[i].StartsAt.Equal(weeks[i-1].EndsAt) {
			t.Fatalf("week %d %+v does not follow %+v", i, weeks[i], weeks[i-1])
		}
	}
}
