package domain

import "time"

// The lead's dashboard looks back: the previous week and month, and the weeks of a chart.

// PreviousWeek is the org week before the one containing day.
func PreviousWeek(day string, weekStartsOn int, loc *time.Location) Period {
	return WeekOf(AddDays(WeekOf(day, weekStartsOn, loc).FirstDay, -1), weekStartsOn, loc)
}

// PreviousMonth is the calendar month before the one containing day.
func PreviousMonth(day string, loc *time.Location) Period {
	return MonthOf(AddDays(MonthOf(day, loc).FirstDay, -1), loc)
}

// LastWeeks are the n org weeks ending with the one containing day, oldest first.
func LastWeeks(day string, weekStartsOn int, loc *time.Location, n int) []Period {
	weeks := make([]Period, n)
	w := WeekOf(day, weekStartsOn, loc)
	for i := n - 1; i >= 0; i-- {
		weeks[i] = w
		w = WeekOf(AddDays(w.FirstDay, -1), weekStartsOn, loc)
	}
	return weeks
}

// PeriodParticipation is how a team took part in one period: how many of its members did at
// least one gesture, and how many gestures were done.
type PeriodParticipation struct {
	Period       Period
	Members      int
	Participants int
	Done         int
}
