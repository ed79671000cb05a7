package domain

import "slices"

// The daily loop's decisions: what today's first read creates, what a swap changes and what an
// outcome is worth. Each is a function of the user's state and the clock; the store reads the
// state, asks here, and writes the answer only if the state is still the one it read.

// DayRecord is an assignment as the loop decides over it.
type DayRecord struct {
	Day         string
	GestureID   string
	ChallengeID string
	Bonus       int // the challenge's bonus points as given with the assignment
	SwapsLeft   int
	Swapped     []string // the gestures swapped away, oldest first
	Result      string   // the outcome's result, "" while open
}

// NewAssignment decides the assignment of day for a user who has none for it yet.
func NewAssignment(r PickRequest, swapsPerDay int) (DayRecord, error) {
	p, ok := PickGesture(r)
	if !ok {
		return DayRecord{}, Conflict("no_gestures", "No gesture is available for you yet; an admin has to add some first.")
	}
	return DayRecord{Day: r.Day, GestureID: p.GestureID, ChallengeID: p.ChallengeID, Bonus: p.Bonus, SwapsLeft: swapsPerDay}, nil
}

// Swap decides a swap of rec, the user's assignment; latest is the day of their newest one and
// today their local day. r is the pick request of rec's day (its Shown and Seed are set here).
// choice is the gesture the user chose among the alternatives ("" lets the rules pick, as the
// first read does).
func Swap(rec DayRecord, latest, today string, r PickRequest, choice string) (DayRecord, error) {
	alts, r, err := swapAlternatives(rec, latest, today, r)
	if err != nil {
		return rec, err
	}
	c := alts[0]
	if choice != "" {
		i := slices.IndexFunc(alts, func(c Candidate) bool { return c.Gesture.ID == choice })
		if i < 0 {
			return rec, Invalid("invalid", "The swap is not valid.",
				FieldError{Field: "gesture_id", Message: "must be one of the alternatives offered for this assignment"})
		}
		c = alts[i]
	}
	next := rec
	next.Swapped = r.Shown
	next.GestureID, next.ChallengeID, next.Bonus = c.Gesture.ID, c.ChallengeID, c.Bonus
	next.SwapsLeft--
	return next, nil
}

// Alternatives are the gestures a swap of rec offers to choose from (MaxAlternatives at most,
// the one a swap without a choice picks first); refused as the swap would be.
func Alternatives(rec DayRecord, latest, today string, r PickRequest) ([]Candidate, error) {
	alts, _, err := swapAlternatives(rec, latest, today, r)
	return alts, err
}

// swappable says whether the assignment of day may still be swapped on today, the user's
// local day, when latest is the day of their newest: only the newest, and not once its day is
// over (the newest may be yesterday's until today's is read).
func swappable(day, latest, today string) bool { return day == latest && day >= today }

// swapAlternatives refuses a swap of an assignment with an outcome, of one no longer swappable,
// and when no swap is left.
func swapAlternatives(rec DayRecord, latest, today string, r PickRequest) ([]Candidate, PickRequest, error) {
	switch {
	case rec.Result != "":
		return nil, r, Conflict("already_recorded", "An outcome has been recorded for this assignment already.")
	case !swappable(rec.Day, latest, today):
		return nil, r, Invalid("too_late", "Only today's assignment can be changed.")
	case rec.SwapsLeft <= 0:
		return nil, r, Conflict("no_swaps_left", "No swaps are left for today.")
	}
	r.Day = rec.Day
	r.Shown = append(slices.Clone(rec.Swapped), rec.GestureID)
	r.Seed = SwapSeed(r.Seed, len(rec.Swapped))
	alts := ranked(r, MaxAlternatives)
	if len(alts) == 0 {
		return nil, r, Conflict("no_swaps_left", "There is no other gesture to swap to.")
	}
	return alts, r, nil
}

// PeriodPoints are a user's points of their newest week or month: older periods are kept by
// the leaderboards only.
type PeriodPoints struct {
	Key    string // the period's key ("" none yet)
	Points int
}

// Add counts pts for the period key: a newer period starts again, an older one is not kept.
func (p PeriodPoints) Add(key string, pts int) PeriodPoints {
	switch {
	case p.Key == key:
		p.Points += pts
	case p.Key == "" || p.Key < key:
		p = PeriodPoints{Key: key, Points: pts}
	}
	return p
}

// Take takes pts back from period key's points; another period's are not kept here and stay
// as they are.
func (p PeriodPoints) Take(key string, pts int) PeriodPoints {
	if p.Key == key {
		p.Points -= pts
	}
	return p
}

// In answers the points of period key (0 when they are of another period).
func (p PeriodPoints) In(key string) int {
	if p.Key == key {
		return p.Points
	}
	return 0
}

// LoopStats are a user's counters as stored.
type LoopStats struct {
	Streak      Streak
	Total, Done int
	Week, Month PeriodPoints
}

// Shown are the stats as the user sees them on today in the periods dc names.
func (s LoopStats) Shown(dc DayContext, latest string, results DayResults, r Rest) Stats {
	st := s.Streak.Shown(dc.Today, latest, results, r)
	return Stats{
		PointsWeek: s.Week.In(dc.Week.Key), PointsMonth: s.Month.In(dc.Month.Key), PointsTotal: s.Total,
		StreakCurrent: st.Current, StreakBest: st.Best, Freezes: st.Freezes, DoneTotal: s.Done, Badges: []Badge{},
	}
}

// OutcomeState is what an outcome is decided from.
type OutcomeState struct {
	User     User
	Points   Points   // the org's point rules
	Barriers []string // the org's barrier categories
	Record   DayRecord
	Gesture  CatalogGesture // the assignment's gesture
	Stats    LoopStats
	Latest   string     // the day of the user's newest assignment
	Results  DayResults // of the user's other days
	Held     []string   // the badges the user holds
	// ValuesDone are the values the user has done while they do not hold all_values.
	ValuesDone   []string
	ActiveValues []string // the org's active values
}

// OutcomeDecision is what an outcome changes.
type OutcomeDecision struct {
	Record          DayRecord // the assignment after it: its result in, no swap left
	Points          int
	Shared          bool
	BarrierCategory string
	Stats           LoopStats // as stored after the outcome, settled
	Shown           Stats     // as the user sees them after it
	Earned          []string  // badges earned by it
	// MarkValue is a value to count towards all_values ("" none); ClearValues says all_values
	// was earned and the values counted towards it are no longer kept.
	MarkValue   string
	ClearValues bool
}

// DecideOutcome decides the outcome in of the state's assignment for the user's request clock
// dc; weekDays are the days of the org week of the assignment's day (for lead_by_example).
func DecideOutcome(s OutcomeState, in OutcomeInput, dc DayContext, weekDays []string, occurredWeek, occurredMonth string) (OutcomeDecision, error) {
	if s.Record.Result != "" {
		return OutcomeDecision{}, Conflict("already_recorded", "An outcome has been recorded for this assignment already.")
	}
	var d OutcomeDecision
	d.Record = s.Record
	d.Record.Result, d.Record.SwapsLeft = in.Result, 0 // nothing is left to swap once it is in
	if in.Result == ResultBlocked {
		if !slices.Contains(s.Barriers, in.BarrierCategory) {
			return OutcomeDecision{}, Invalid("invalid", "The outcome is not valid.",
				FieldError{Field: "barrier.category", Message: "not one of the org's barrier categories"})
		}
		d.BarrierCategory = in.BarrierCategory
	}
	d.Shared = in.Result == ResultDone && in.Share && in.Story != ""
	switch in.Result {
	case ResultDone:
		d.Points = s.Gesture.Points + s.Record.Bonus
		if d.Shared {
			d.Points += s.Points.Story
		}
	case ResultBlocked:
		d.Points = s.Points.Blocked
	}

	day := s.Record.Day
	results := func(x string) string {
		if x == day {
			return in.Result
		}
		return s.Results(x)
	}
	rest := RestOf(s.User)
	st := s.Stats
	before := func(x string) string { // settling before the outcome: its day is still open
		if x == day {
			return ""
		}
		return s.Results(x)
	}
	st.Streak, _ = st.Streak.Settle(dc.Today, before, rest)
	st.Total += d.Points
	st.Week, st.Month = st.Week.Add(occurredWeek, d.Points), st.Month.Add(occurredMonth, d.Points)
	if in.Result == ResultDone {
		st.Done++
	}
	d.Stats = st
	d.Shown = st.Shown(dc, s.Latest, results, rest)
	if in.Result != ResultDone {
		return d, nil
	}

	held := func(id string) bool { return slices.Contains(s.Held, id) || slices.Contains(d.Earned, id) }
	award := func(id string, earned bool) {
		if earned && !held(id) {
			d.Earned = append(d.Earned, id)
		}
	}
	award("first_gesture", st.Done == 1)
	award("streak_5", d.Shown.StreakCurrent >= 5)
	award("streak_20", d.Shown.StreakCurrent >= 20)
	award("first_story", d.Shared)
	if !held("all_values") {
		done := append(slices.Clone(s.ValuesDone), s.Gesture.ValueID)
		all := len(s.ActiveValues) > 0
		for _, v := range s.ActiveValues {
			all = all && slices.Contains(done, v)
		}
		award("all_values", all)
		d.ClearValues = all
		if !all {
			d.MarkValue = s.Gesture.ValueID
		}
	}
	if s.User.Role == RoleLead || s.User.Role == RoleAdmin {
		every, any := true, false
		for _, x := range weekDays {
			if rest.Workday(x) {
				any = true
				every = every && results(x) == ResultDone
			}
		}
		award("lead_by_example", any && every)
	}
	return d, nil
}
