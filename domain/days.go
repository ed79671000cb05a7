package domain

import (
	"strings"
	"time"
)

// A local day is a calendar date "YYYY-MM-DD" in some time zone. Days are compared as strings
// (the format sorts) and moved with AddDays, which never touches a clock time, so daylight
// saving changes cannot make a day 23 or 25 hours long here.

// LocalDay is the day that instant t falls on in loc.
func LocalDay(t time.Time, loc *time.Location) string {
	return t.In(loc).Format(time.DateOnly)
}

// AddDays moves a day by n days.
func AddDays(day string, n int) string {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return d.AddDate(0, 0, n).Format(time.DateOnly)
}

// ISOWeekday is 1 for Monday … 7 for Sunday.
func ISOWeekday(day string) int {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return 0
	}
	return (int(d.Weekday())+6)%7 + 1
}

// StartOfDay is the first instant of day in loc: not always 00:00, where DST starts at midnight
// (Santiago, Havana, the Azores), and the day begins when the clocks jump to 01:00.
func StartOfDay(day string, loc *time.Location) time.Time {
	d, err := time.ParseInLocation(time.DateOnly, day, loc)
	if err != nil {
		return time.Time{}
	}
	// A midnight the clocks skip is read with the offset after the jump, an instant that is still
	// on the day before: the day begins where that zone offset ends.
	if d.Format(time.DateOnly) != day {
		if _, end := d.ZoneBounds(); !end.IsZero() {
			d = end
		}
	}
	return d.UTC()
}

// Period is one reset period of points and leaderboards, in the org's time zone.
type Period struct {
	Kind     string // "week", "month" or "all"
	Key      string // stable name: "w2026-11-23" (its first day), "m2026-11", "all"
	FirstDay string // "" for all
	LastDay  string
	StartsAt time.Time // zero for all
	EndsAt   time.Time
}

// WeekOf is the org week containing day; weekStartsOn is an ISO weekday.
func WeekOf(day string, weekStartsOn int, loc *time.Location) Period {
	back := (ISOWeekday(day) - weekStartsOn + 7) % 7
	first := AddDays(day, -back)
	last := AddDays(first, 6)
	return Period{Kind: "week", Key: "w" + first, FirstDay: first, LastDay: last,
		StartsAt: StartOfDay(first, loc), EndsAt: StartOfDay(AddDays(last, 1), loc)}
}

// MonthOf is the calendar month containing day.
func MonthOf(day string, loc *time.Location) Period {
	first := day[:8] + "01"
	d, _ := time.Parse(time.DateOnly, first)
	last := d.AddDate(0, 1, -1).Format(time.DateOnly)
	return Period{Kind: "month", Key: "m" + strings.TrimSuffix(day[:7], "-"), FirstDay: first, LastDay: last,
		StartsAt: StartOfDay(first, loc), EndsAt: StartOfDay(AddDays(last, 1), loc)}
}

// AllTime is the period that never resets.
func AllTime() Period { return Period{Kind: "all", Key: "all"} }

// AssignmentID names a user's assignment of one day. It is derived, not stored: the day first,
// so ids sort by date, then the user.
func AssignmentID(day, userID string) string {
	return strings.ReplaceAll(day, "-", "") + "-" + userID
}

// ParseAssignmentID splits an assignment id into its day and user.
func ParseAssignmentID(id string) (day, userID string, ok bool) {
	compact, user, found := strings.Cut(id, "-")
	if !found || len(compact) != 8 || !ValidID(user) {
		return "", "", false
	}
	day = compact[:4] + "-" + compact[4:6] + "-" + compact[6:]
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		return "", "", false
	}
	return day, user, true
}
