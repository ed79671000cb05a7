package domain

import (
	"strconv"
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

// AddDays moves a day by n days; a text that is not a day is answered as it is.
func AddDays(day string, n int) string {
	d, ok := dayNumber(day)
	if !ok {
		return day
	}
	if n == 0 {
		return day
	}
	return dayText(d + n)
}

// ISOWeekday is 1 for Monday … 7 for Sunday; 0 for a text that is not a day.
func ISOWeekday(day string) int {
	d, ok := dayNumber(day)
	if !ok {
		return 0
	}
	return ((d+3)%7+7)%7 + 1 // day 0, 1970-01-01, was a Thursday
}

// Days are moved by the hot paths dozens of times a request (streaks, periods, the days a
// record may count on); time.Parse, AddDate and Format cost a few hundred nanoseconds each
// time, so a day is turned into a count of days and back by the proleptic Gregorian calendar's
// arithmetic (as in Howard Hinnant's "chrono-compatible low-level date algorithms"), which
// FuzzDays checks against the time package.

// dayNumber is the count of days since 1970-01-01 of day "YYYY-MM-DD" (years 0000–9999, as
// time.Parse reads time.DateOnly); ok is false for anything else, or a date that does not exist.
func dayNumber(day string) (int, bool) {
	if len(day) != 10 || day[4] != '-' || day[7] != '-' {
		return 0, false
	}
	y, ok1 := decimal(day[:4])
	m, ok2 := decimal(day[5:7])
	d, ok3 := decimal(day[8:])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) {
		return 0, false
	}
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400                     // [0, 399]
	mp := (m + 9) % 12                     // March is 0
	doy := (153*mp+2)/5 + d - 1            // [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return era*146097 + doe - 719468, true
}

// dayText is the day "YYYY-MM-DD" of day number n (see dayNumber); outside years 0000–9999 it
// is written as the time package writes it.
func dayText(n int) string {
	z := n + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	if y < 0 || y > 9999 {
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + d/10), byte('0' + d%10)}
	return string(b[:])
}

// decimal reads a field of ASCII digits.
func decimal(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysInMonth is how many days month m of year y has.
func daysInMonth(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
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
	last := first
	if y, ok1 := decimal(day[:4]); ok1 {
		if m, ok2 := decimal(day[5:7]); ok2 && m >= 1 && m <= 12 {
			last = day[:8] + strconv.Itoa(daysInMonth(y, m))
		}
	}
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
