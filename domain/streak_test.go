package domain

import (
	"testing"
	"time"
)

// results is a user's outcomes by day.
type results map[string]string

func (r results) of(day string) string { return r[day] }

func weekdaysRest(days ...int) Rest {
	return RestOf(User{Preferences: Preferences{Workdays: days}})
}

// Days of the week of 2026-11-23 (a Monday).
const (
	mon = "2026-11-23"
	tue = "2026-11-24"
	wed = "2026-11-25"
	thu = "2026-11-26"
	fri = "2026-11-27"
	sat = "2026-11-28"
	sun = "2026-11-29"
)

func TestStreakRules(t *testing.T) {
	workweek := weekdaysRest(1, 2, 3, 4, 5)
	paused := RestOf(User{Preferences: Preferences{Workdays: []int{1, 2, 3, 4, 5}, PausedFrom: tue, PausedUntil: thu}})
	cases := []struct {
		name    string
		start   Streak
		today   string
		rest    Rest
		results results
		settled Streak
		shown   Streak
	}{
		{"done workdays extend the streak", Streak{Settled: AddDays(mon, -1)}, fri, workweek,
			results{mon: ResultDone, tue: ResultDone, wed: ResultDone},
			Streak{Current: 3, Best: 3, Run: 3, Settled: wed}, Streak{Current: 3, Best: 3, Run: 3, Settled: wed}},
		{"a missed workday ends a streak without freezes", Streak{Current: 3, Best: 3, Run: 3, Settled: AddDays(mon, -1)}, thu, workweek,
			results{tue: ResultDone},
			Streak{Current: 1, Best: 3, Run: 1, Settled: tue}, Streak{Current: 1, Best: 3, Run: 1, Settled: tue}},
		{"a skipped workday spends a freeze instead", Streak{Current: 7, Best: 7, Freezes: 1, Run: 2, Settled: AddDays(mon, -1)}, wed, workweek,
			results{mon: ResultSkipped},
			Streak{Current: 7, Best: 7, Settled: mon}, Streak{Current: 7, Best: 7, Settled: mon}},
		{"a blocked day neither breaks nor extends", Streak{Current: 2, Best: 2, Run: 2, Settled: AddDays(mon, -1)}, wed, workweek,
			results{mon: ResultBlocked},
			Streak{Current: 2, Best: 2, Run: 2, Settled: mon}, Streak{Current: 2, Best: 2, Run: 2, Settled: mon}},
		{"weekends are not workdays", Streak{Current: 5, Best: 5, Run: 0, Freezes: 1, Settled: fri}, AddDays(mon, 8), workweek,
			results{},
			Streak{Current: 5, Best: 5, Freezes: 1, Settled: sun}, Streak{Current: 5, Best: 5, Freezes: 1, Settled: sun}},
		{"chosen workdays count a Sunday", Streak{Settled: fri}, AddDays(sun, 2), weekdaysRest(6, 7),
			results{sat: ResultDone, sun: ResultDone},
			Streak{Current: 2, Best: 2, Run: 2, Settled: sun}, Streak{Current: 2, Best: 2, Run: 2, Settled: sun}},
		{"five done workdays earn a freeze", Streak{Settled: AddDays(mon, -1)}, AddDays(mon, 7), workweek,
			results{mon: ResultDone, tue: ResultDone, wed: ResultDone, thu: ResultDone, fri: ResultDone},
			Streak{Current: 5, Best: 5, Freezes: 1, Run: 5, Settled: sat}, Streak{Current: 5, Best: 5, Freezes: 1, Run: 5, Settled: sat}},
		{"no more than two freezes are held", Streak{Current: 10, Best: 10, Freezes: 2, Run: 10, Settled: AddDays(mon, -1)}, AddDays(mon, 7), workweek,
			results{mon: ResultDone, tue: ResultDone, wed: ResultDone, thu: ResultDone, fri: ResultDone},
			Streak{Current: 15, Best: 15, Freezes: 2, Run: 15, Settled: sat}, Streak{Current: 15, Best: 15, Freezes: 2, Run: 15, Settled: sat}},
		{"paused days are not missed", Streak{Current: 4, Best: 4, Run: 4, Settled: AddDays(mon, -1)}, AddDays(fri, 2), paused,
			results{mon: ResultDone, fri: ResultDone},
			Streak{Current: 6, Best: 6, Freezes: 1, Run: 6, Settled: fri}, Streak{Current: 6, Best: 6, Freezes: 1, Run: 6, Settled: fri}},
		{"yesterday and today are not yet missed", Streak{Current: 3, Best: 3, Run: 3, Settled: mon}, wed, workweek,
			results{wed: ResultDone},
			Streak{Current: 3, Best: 3, Run: 3, Settled: mon}, Streak{Current: 4, Best: 4, Run: 4, Settled: mon}},
		{"a done on a weekend day neither extends it nor counts towards a freeze", Streak{Current: 3, Best: 3, Run: 4, Settled: fri},
			AddDays(mon, 7), workweek, results{sat: ResultDone},
			Streak{Current: 3, Best: 3, Run: 4, Settled: sat}, Streak{Current: 3, Best: 3, Run: 4, Settled: sat}},
		{"a skipped workday spends a freeze at once, before the day is settled", Streak{Current: 7, Best: 7, Freezes: 1, Run: 2, Settled: AddDays(mon, -1)},
			mon, workweek, results{mon: ResultSkipped},
			Streak{Current: 7, Best: 7, Freezes: 1, Run: 2, Settled: AddDays(mon, -1)}, Streak{Current: 7, Best: 7, Settled: AddDays(mon, -1)}},
		{"a skipped workday without a freeze resets it at once, best is kept", Streak{Current: 3, Best: 5, Run: 3, Settled: AddDays(mon, -1)},
			mon, workweek, results{mon: ResultSkipped},
			Streak{Current: 3, Best: 5, Run: 3, Settled: AddDays(mon, -1)}, Streak{Best: 5, Settled: AddDays(mon, -1)}},
		{"yesterday recorded late still counts", Streak{Current: 2, Best: 2, Run: 2, Settled: AddDays(mon, -1)},
			tue, workweek, results{mon: ResultDone},
			Streak{Current: 2, Best: 2, Run: 2, Settled: AddDays(mon, -1)}, Streak{Current: 3, Best: 3, Run: 3, Settled: AddDays(mon, -1)}},
		{"a missed workday is missed only once it is over for good", Streak{Current: 2, Best: 2, Run: 2, Settled: AddDays(mon, -1)},
			wed, workweek, results{},
			Streak{Best: 2, Settled: mon}, Streak{Best: 2, Settled: mon}},
		{"nothing counts before the first assignment", Streak{}, fri, workweek,
			results{mon: ResultDone}, Streak{}, Streak{}},
		{"a long absence looks back no further than the window", Streak{Current: 9, Best: 9, Settled: "2020-01-01"}, fri, workweek,
			results{}, Streak{Best: 9, Settled: wed}, Streak{Best: 9, Settled: wed}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, _ := c.start.Settle(c.today, c.results.of, c.rest)
			if got != c.settled {
				t.Errorf("settled %+v, want %+v", got, c.settled)
			}
			if shown := got.Shown(c.today, c.today, c.results.of, c.rest); shown != c.shown {
				t.Errorf("shown %+v, want %+v", shown, c.shown)
			}
		})
	}
}

func TestStreakStart(t *testing.T) {
	// Eva's first assignment is Wednesday's: Monday and Tuesday, workdays she never had a
	// gesture for, are no misses, and her first done day starts her streak at 1.
	workweek := weekdaysRest(1, 2, 3, 4, 5)
	s := Streak{Settled: StreakStart(wed)}
	if shown := s.Shown(wed, wed, results{wed: ResultDone}.of, workweek); shown.Current != 1 || shown.Best != 1 {
		t.Errorf("on the first day: %+v, want a streak of 1", shown)
	}
	if _, changed := s.Settle(thu, results{wed: ResultDone}.of, workweek); changed {
		t.Errorf("settling on Thursday moved a streak that starts on Wednesday")
	}
	got, _ := s.Settle(sat, results{wed: ResultDone, thu: ResultDone}.of, workweek)
	if got.Current != 2 || got.Settled != thu {
		t.Errorf("settled %+v, want 2 up to Thursday", got)
	}
}

func TestStreakAcrossTheDateLineAndDST(t *testing.T) {
	workweek := weekdaysRest(1, 2, 3, 4, 5)
	auckland, _ := time.LoadLocation("Pacific/Auckland")
	honolulu, _ := time.LoadLocation("Pacific/Honolulu")
	amsterdam, _ := time.LoadLocation("Europe/Amsterdam")

	t.Run("flying west, the assignment dated after today still counts", func(t *testing.T) {
		// done on Tuesday in Auckland; in Honolulu it is still Monday
		at := time.Date(2026, 11, 24, 9, 0, 0, 0, auckland)
		today := LocalDay(at, honolulu)
		if today != mon {
			t.Fatalf("today in Honolulu = %s", today)
		}
		s := Streak{Current: 1, Best: 1, Run: 1, Settled: AddDays(mon, -2)}
		shown := s.Shown(today, tue, results{tue: ResultDone}.of, workweek)
		if shown.Current != 2 {
			t.Errorf("streak %d, want 2", shown.Current)
		}
	})
	t.Run("flying east, the day jumped to is open and yesterday not yet missed", func(t *testing.T) {
		at := time.Date(2026, 11, 24, 20, 0, 0, 0, honolulu) // Tuesday evening in Honolulu
		today := LocalDay(at, auckland)                      // Wednesday evening in Auckland
		if today != wed {
			t.Fatalf("today in Auckland = %s", today)
		}
		s := Streak{Current: 2, Best: 2, Run: 2, Settled: AddDays(mon, -1)}
		got, _ := s.Settle(today, results{mon: ResultDone}.of, workweek)
		if got.Current != 3 || got.Settled != mon {
			t.Errorf("settled %+v, want 3 up to Monday", got)
		}
		if shown := got.Shown(today, today, results{mon: ResultDone, wed: ResultDone}.of, workweek); shown.Current != 4 {
			t.Errorf("shown %d, want 4 (Tuesday still open)", shown.Current)
		}
	})
	t.Run("the night the clocks go back is one day", func(t *testing.T) {
		// 2026-10-25 has 25 hours in Amsterdam: 23:30 that day is still the 25th
		at := time.Date(2026, 10, 25, 23, 30, 0, 0, amsterdam)
		if LocalDay(at, amsterdam) != "2026-10-25" {
			t.Fatalf("day %s", LocalDay(at, amsterdam))
		}
		s := Streak{Settled: "2026-10-22"}
		got, _ := s.Settle("2026-10-27", results{"2026-10-23": ResultDone}.of, workweek)
		if got.Settled != "2026-10-25" || got.Current != 1 {
			t.Errorf("settled %+v", got)
		}
	})
}
