package domain

// Streaks count consecutive workdays with a done gesture. A blocked or paused day neither
// breaks nor extends one; a skipped or missed workday spends a freeze if one is held, else ends
// it. Every FreezeEvery consecutive done workdays earn a freeze, at most MaxFreezes held.
const (
	FreezeEvery = 5
	MaxFreezes  = 2
	// settleWindow bounds how many days one settling looks back: a user away for longer
	// starts again from a streak that the missed days have long ended.
	settleWindow = 400
)

// Streak is a user's streak as settled up to Settled, the last day for which no outcome can
// arrive any more (outcomes are accepted until the end of the day after). Settled is "" until
// the user's first assignment: nothing before it counts.
type Streak struct {
	Current, Best, Freezes int
	Run                    int // done workdays since the last freeze was earned or spent
	Settled                string
}

// StreakStart is the settled day of the streak of a user whose first assignment is of day:
// every day before it counts for nothing, so none of them is a miss.
func StreakStart(day string) string { return AddDays(day, -1) }

// DayResults answers the result of the outcome recorded for a day ("" when none).
type DayResults func(day string) string

// Rest is when a user does not owe a gesture: their workdays and their pause.
type Rest struct {
	workdays               [8]bool // by ISO weekday
	pausedFrom, pausedTill string
}

// RestOf is the user's rest as their preferences say.
func RestOf(u User) Rest {
	var r Rest
	for _, d := range u.Preferences.Workdays {
		if d >= 1 && d <= 7 {
			r.workdays[d] = true
		}
	}
	r.pausedFrom, r.pausedTill = u.Preferences.PausedFrom, u.Preferences.PausedUntil
	return r
}

// Workday reports whether day is one of the user's workdays.
func (r Rest) Workday(day string) bool { return r.workdays[ISOWeekday(day)] }

func (r Rest) paused(day string) bool {
	return r.pausedTill != "" && r.pausedFrom <= day && day <= r.pausedTill
}

// step counts one day. final says the day is over for good: an open workday is then a miss,
// while before that it is only not yet done.
func (s Streak) step(day, result string, r Rest, final bool) Streak {
	if !r.Workday(day) {
		return s
	}
	switch {
	case result == ResultDone:
		s.Current++
		s.Run++
		s.Best = max(s.Best, s.Current)
		if s.Run%FreezeEvery == 0 && s.Freezes < MaxFreezes {
			s.Freezes++
		}
		return s
	case result == ResultBlocked, r.paused(day), !final && result == "":
		return s
	}
	if s.Freezes > 0 {
		s.Freezes--
	} else {
		s.Current = 0
	}
	s.Run = 0
	return s
}

// Settle counts every day up to today-2, for which no outcome can arrive any more. changed
// says whether anything moved (and so has to be stored).
func (s Streak) Settle(today string, results DayResults, r Rest) (settled Streak, changed bool) {
	if s.Settled == "" {
		return s, false
	}
	target := AddDays(today, -2)
	from := AddDays(s.Settled, 1)
	if target < from {
		return s, false
	}
	if earliest := AddDays(target, -settleWindow); from < earliest {
		from = earliest
	}
	for day := from; day <= target; day = AddDays(day, 1) {
		s = s.step(day, results(day), r, true)
	}
	s.Settled = target
	return s, true
}

// Shown is the streak as the user sees it today: the settled one with yesterday and today
// added, where a day still open is not (yet) a miss. latest is the user's newest assignment's
// day: after travelling west it may lie after today, and being today's it counts too.
func (s Streak) Shown(today, latest string, results DayResults, r Rest) Streak {
	if s.Settled == "" {
		return s
	}
	last := max(today, latest)
	for day := AddDays(s.Settled, 1); day <= last; day = AddDays(day, 1) {
		s = s.step(day, results(day), r, false)
	}
	return s
}
