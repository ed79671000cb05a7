package domain

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"
)

var testCatalog = Catalog{
	Gestures: []CatalogGesture{
		{ID: "g1", ValueID: "v1", Points: 10},
		{ID: "g2", ValueID: "v2", Points: 10},
		{ID: "g3", ValueID: "v1", Points: 15, Roles: []Role{RoleLead}},
		{ID: "g4", ValueID: "v2", Points: 10, TeamIDs: []string{"t1"}},
	},
	Challenges: []CatalogChallenge{
		{ID: "c1", StartsOn: mon, EndsOn: fri, GestureIDs: []string{"g2"}, BonusPoints: 5},
		{ID: "c2", StartsOn: mon, EndsOn: fri, TeamIDs: []string{"t1"}, GestureIDs: []string{"g2", "g4"}, BonusPoints: 7},
	},
}

func ids(cs []Candidate) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.Gesture.ID+"/"+c.ChallengeID)
	}
	return out
}

func TestCandidatesFollowRoleTeamAndChallenges(t *testing.T) {
	cases := []struct {
		name string
		role Role
		team string
		day  string
		want []string
	}{
		{"an employee without a team gets the gestures for everyone", RoleEmployee, "", sat, []string{"g1/", "g2/"}},
		{"a lead gets the leads' gestures too", RoleLead, "", sat, []string{"g1/", "g2/", "g3/"}},
		{"a team's member gets the team's gestures", RoleEmployee, "t1", sat, []string{"g1/", "g2/", "g4/"}},
		{"a gesture counts for the first challenge running for the team", RoleEmployee, "t1", wed, []string{"g1/", "g2/c1", "g4/c2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ids(Candidates(PickRequest{Catalog: testCatalog, Role: c.role, TeamID: c.team, Day: c.day}))
			if !slices.Equal(got, c.want) {
				t.Errorf("candidates %v, want %v", got, c.want)
			}
		})
	}
}

var (
	weekdays = RestOf(User{Preferences: Preferences{Workdays: []int{1, 2, 3, 4, 5}}})
	nextMon  = AddDays(mon, 7) // after the test catalogue's challenges
)

func TestPickGesture(t *testing.T) {
	recent := func(m map[string]string) func(string) string { return func(d string) string { return m[d] } }
	cases := []struct {
		name string
		req  PickRequest
		want []string // the gestures the pick may be, whatever the seed
	}{
		{"a running challenge's gestures come first", PickRequest{Role: RoleEmployee, Day: wed}, []string{"g2"}},
		{"without challenges any gesture for the user may come", PickRequest{Role: RoleEmployee, Day: sat}, []string{"g1", "g2"}},
		{"a gesture of the user's last five workdays comes only when nothing else remains",
			PickRequest{Role: RoleEmployee, Day: sat, Rest: weekdays, Recent: recent(map[string]string{mon: "g1"})}, []string{"g2"}},
		{"a gesture older than five workdays may come again",
			PickRequest{Role: RoleEmployee, Day: sat, Rest: weekdays, Recent: recent(map[string]string{AddDays(sat, -8): "g1"})}, []string{"g1", "g2"}},
		{"the weekend is not counted among the five workdays",
			PickRequest{Role: RoleEmployee, Day: nextMon, Rest: weekdays, Recent: recent(map[string]string{mon: "g1"})}, []string{"g2"}},
		{"a day off the user was given a gesture on counts as a workday",
			PickRequest{Role: RoleEmployee, Day: nextMon, Rest: weekdays, Recent: recent(map[string]string{AddDays(nextMon, -1): "g2", mon: "g1"})}, []string{"g1"}},
		{"when every gesture was recent, the one given longest ago comes",
			PickRequest{Role: RoleEmployee, Day: sat, Rest: weekdays, Recent: recent(map[string]string{AddDays(sat, -1): "g1", AddDays(sat, -2): "g2"})}, []string{"g2"}},
		{"shown gestures never come again the same day", PickRequest{Role: RoleEmployee, Day: wed, Shown: []string{"g2"}}, []string{"g1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			seen := map[string]bool{}
			for seed := range uint32(16) {
				c.req.Catalog, c.req.Seed = testCatalog, seed
				p, ok := PickGesture(c.req)
				if !ok || !slices.Contains(c.want, p.GestureID) {
					t.Fatalf("seed %d picked %+v (ok %v), want one of %v", seed, p, ok, c.want)
				}
				seen[p.GestureID] = true
			}
			if len(seen) != len(c.want) {
				t.Errorf("seeds picked %v, want every one of %v", seen, c.want)
			}
		})
	}
	t.Run("the same request picks the same gesture", func(t *testing.T) {
		r := PickRequest{Catalog: testCatalog, Role: RoleEmployee, Day: sat, Seed: Seed("u1", sat)}
		a, _ := PickGesture(r)
		b, _ := PickGesture(r)
		if a != b {
			t.Errorf("%+v then %+v", a, b)
		}
	})
	t.Run("nothing is picked from an empty catalogue", func(t *testing.T) {
		if p, ok := PickGesture(PickRequest{Role: RoleEmployee, Day: sat}); ok {
			t.Errorf("picked %+v", p)
		}
	})
}

func TestNewAssignmentAndSwap(t *testing.T) {
	req := PickRequest{Catalog: testCatalog, Role: RoleEmployee, TeamID: "t1", Day: wed, Seed: 3}
	rec, err := NewAssignment(req, 2)
	if err != nil || rec.SwapsLeft != 2 || rec.ChallengeID == "" || rec.Bonus == 0 {
		t.Fatalf("new assignment %+v, %v", rec, err)
	}
	t.Run("a swap picks another gesture and spends a swap", func(t *testing.T) {
		next, err := Swap(rec, wed, wed, req, "")
		if err != nil || next.GestureID == rec.GestureID || next.SwapsLeft != 1 || !slices.Equal(next.Swapped, []string{rec.GestureID}) {
			t.Fatalf("swapped %+v, %v", next, err)
		}
		if g := testCatalog.Gestures[0]; next.GestureID == g.ID && (next.ChallengeID != "" || next.Bonus != 0) {
			t.Errorf("a gesture outside the challenges kept its bonus: %+v", next)
		}
		again, err := Swap(next, wed, wed, req, "")
		if err != nil || slices.Contains(next.Swapped, again.GestureID) || again.GestureID == next.GestureID || again.SwapsLeft != 0 {
			t.Fatalf("second swap %+v, %v", again, err)
		}
		if _, err := Swap(again, wed, wed, req, ""); errorCode(err) != "no_swaps_left" {
			t.Errorf("a third swap: %v", err)
		}
	})
	cases := []struct {
		name          string
		rec           DayRecord
		latest, today string
		code          string // "" for a swap
	}{
		{"an assignment with an outcome is not swapped", DayRecord{Day: wed, GestureID: "g1", SwapsLeft: 2, Result: ResultDone}, wed, wed, "already_recorded"},
		{"only the newest assignment is swapped", DayRecord{Day: tue, GestureID: "g1", SwapsLeft: 2}, wed, wed, "too_late"},
		{"the newest is not swapped once its day is over, before today's is read", DayRecord{Day: tue, GestureID: "g1", SwapsLeft: 2}, tue, wed, "too_late"},
		{"the newest is swapped on a day before its own, flown west", DayRecord{Day: wed, GestureID: "g1", SwapsLeft: 2}, wed, tue, ""},
		{"without another gesture there is nothing to swap to", DayRecord{Day: wed, GestureID: "g1", SwapsLeft: 2, Swapped: []string{"g2", "g4"}}, wed, wed, "no_swaps_left"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Swap(c.rec, c.latest, c.today, req, ""); errorCode(err) != c.code {
				t.Errorf("error %v, want %q", err, c.code)
			}
			if _, err := Alternatives(c.rec, c.latest, c.today, req); errorCode(err) != c.code {
				t.Errorf("alternatives: error %v, want %q", err, c.code)
			}
		})
	}
	t.Run("an org without gestures has nothing to give", func(t *testing.T) {
		if _, err := NewAssignment(PickRequest{Day: wed}, 2); errorCode(err) != "no_gestures" {
			t.Errorf("error %v", err)
		}
	})
}

func errorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func outcomeState(role Role, res results) OutcomeState {
	return OutcomeState{
		User:     User{Role: role, Preferences: Preferences{Workdays: []int{1, 2, 3, 4, 5}}},
		Points:   Points{Done: 10, Story: 5, Blocked: 2},
		Barriers: []string{"time", "tools"},
		Record:   DayRecord{Day: fri, GestureID: "g2", ChallengeID: "c1", Bonus: 5, SwapsLeft: 1},
		Gesture:  CatalogGesture{ID: "g2", ValueID: "v2", Points: 10},
		Stats: LoopStats{Streak: Streak{Current: 3, Best: 3, Run: 3, Settled: wed}, Total: 40, Done: 4,
			Week: PeriodPoints{Key: "w" + mon, Points: 40}, Month: PeriodPoints{Key: "m2026-11", Points: 40}},
		Latest:       fri,
		Results:      res.of,
		ActiveValues: []string{"v1", "v2"},
	}
}

func TestDecideOutcome(t *testing.T) {
	dc := DayContext{Today: fri, Week: Period{Key: "w" + mon}, Month: Period{Key: "m2026-11"}}
	week := WeekDays(fri, 1)
	allWeek := results{mon: ResultDone, tue: ResultDone, wed: ResultDone, thu: ResultDone}
	cases := []struct {
		name   string
		state  OutcomeState
		in     OutcomeInput
		points int
		streak int
		earned []string
		check  func(t *testing.T, d OutcomeDecision)
	}{
		{"a done gesture earns its points and the challenge's bonus, and the fifth a streak badge",
			outcomeState(RoleEmployee, allWeek), OutcomeInput{Result: ResultDone}, 15, 5, []string{"streak_5"}, nil},
		{"a shared story adds the org's story points and its badge",
			outcomeState(RoleEmployee, allWeek), OutcomeInput{Result: ResultDone, Story: "nice", Share: true}, 20, 5, []string{"streak_5", "first_story"}, nil},
		{"a blocked gesture earns the blocked points and keeps the streak",
			outcomeState(RoleEmployee, allWeek), OutcomeInput{Result: ResultBlocked, BarrierCategory: "time"}, 2, 4, nil, nil},
		{"a skipped gesture earns nothing and, without a freeze, ends the streak at once",
			outcomeState(RoleEmployee, allWeek), OutcomeInput{Result: ResultSkipped}, 0, 0, nil, nil},
		{"a lead who did every workday of the week leads by example",
			outcomeState(RoleLead, allWeek), OutcomeInput{Result: ResultDone}, 15, 5, []string{"streak_5", "lead_by_example"}, nil},
		{"a lead who missed a workday does not",
			func() OutcomeState {
				s := outcomeState(RoleLead, results{mon: ResultDone, tue: ResultDone, thu: ResultDone})
				s.Stats.Streak = Streak{Current: 0, Best: 3, Run: 0, Settled: wed}
				return s
			}(), OutcomeInput{Result: ResultDone}, 15, 2, nil, nil},
		{"the first done gesture earns first_gesture", func() OutcomeState {
			s := outcomeState(RoleEmployee, results{})
			s.Stats = LoopStats{Streak: Streak{Settled: thu}}
			return s
		}(), OutcomeInput{Result: ResultDone}, 15, 1, []string{"first_gesture"}, nil},
		{"the last value not yet done earns all_values and clears the marks", func() OutcomeState {
			s := outcomeState(RoleEmployee, allWeek)
			s.Held, s.ValuesDone = []string{"streak_5"}, []string{"v1"}
			return s
		}(), OutcomeInput{Result: ResultDone}, 15, 5, []string{"all_values"}, func(t *testing.T, d OutcomeDecision) {
			if !d.ClearValues || d.MarkValue != "" {
				t.Errorf("values: clear %v, mark %q", d.ClearValues, d.MarkValue)
			}
		}},
		{"a value done before all are is marked", func() OutcomeState {
			s := outcomeState(RoleEmployee, allWeek)
			s.Held = []string{"streak_5"}
			return s
		}(), OutcomeInput{Result: ResultDone}, 15, 5, nil, func(t *testing.T, d OutcomeDecision) {
			if d.ClearValues || d.MarkValue != "v2" {
				t.Errorf("values: clear %v, mark %q", d.ClearValues, d.MarkValue)
			}
		}},
		{"points go to the newest week, and an older week's are not kept", func() OutcomeState {
			s := outcomeState(RoleEmployee, allWeek)
			s.Stats.Week = PeriodPoints{Key: "w2026-11-16", Points: 30}
			return s
		}(), OutcomeInput{Result: ResultDone}, 15, 5, []string{"streak_5"}, func(t *testing.T, d OutcomeDecision) {
			if d.Stats.Week != (PeriodPoints{Key: "w" + mon, Points: 15}) || d.Shown.PointsWeek != 15 || d.Shown.PointsTotal != 55 {
				t.Errorf("week %+v, shown %+v", d.Stats.Week, d.Shown)
			}
		}},
		{"the assignment keeps its result and has no swap left", outcomeState(RoleEmployee, allWeek), OutcomeInput{Result: ResultBlocked, BarrierCategory: "tools"}, 2, 4,
			nil, func(t *testing.T, d OutcomeDecision) {
				want := outcomeState(RoleEmployee, allWeek).Record
				want.Result, want.SwapsLeft = ResultBlocked, 0
				if !reflect.DeepEqual(d.Record, want) {
					t.Errorf("record %+v, want %+v", d.Record, want)
				}
			}},
		{"settling counts the days that can no longer change", outcomeState(RoleEmployee, allWeek), OutcomeInput{Result: ResultSkipped}, 0, 0,
			nil, func(t *testing.T, d OutcomeDecision) {
				if d.Stats.Streak.Settled != wed {
					t.Errorf("settled up to %s", d.Stats.Streak.Settled)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := DecideOutcome(c.state, c.in, dc, week, "w"+mon, "m2026-11")
			if err != nil {
				t.Fatal(err)
			}
			if d.Points != c.points || d.Shown.StreakCurrent != c.streak || !slices.Equal(d.Earned, c.earned) {
				t.Errorf("points %d streak %d earned %v, want %d %d %v", d.Points, d.Shown.StreakCurrent, d.Earned, c.points, c.streak, c.earned)
			}
			if c.check != nil {
				c.check(t, d)
			}
		})
	}
	t.Run("an unknown barrier category is refused", func(t *testing.T) {
		_, err := DecideOutcome(outcomeState(RoleEmployee, allWeek), OutcomeInput{Result: ResultBlocked, BarrierCategory: "weather"}, dc, week, "w"+mon, "m2026-11")
		if errorCode(err) != "invalid" {
			t.Errorf("error %v", err)
		}
	})
	t.Run("a second outcome is refused", func(t *testing.T) {
		s := outcomeState(RoleEmployee, allWeek)
		s.Record.Result = ResultDone
		if _, err := DecideOutcome(s, OutcomeInput{Result: ResultDone}, dc, week, "w"+mon, "m2026-11"); errorCode(err) != "already_recorded" {
			t.Errorf("error %v", err)
		}
	})
}

// lead_by_example: a lead or an admin with a done gesture on every one of their workdays of
// the org week of the outcome's day, earned by the outcome that completes it.
func TestLeadByExample(t *testing.T) {
	mtw := []int{1, 2, 3}
	for _, c := range []struct {
		name     string
		role     Role
		workdays []int
		day      string
		before   results
		earned   bool
	}{
		{"a lead done Monday to Friday, on Friday", RoleLead, nil, fri, results{mon: ResultDone, tue: ResultDone, wed: ResultDone, thu: ResultDone}, true},
		{"an admin alike", RoleAdmin, nil, fri, results{mon: ResultDone, tue: ResultDone, wed: ResultDone, thu: ResultDone}, true},
		{"an employee never", RoleEmployee, nil, fri, results{mon: ResultDone, tue: ResultDone, wed: ResultDone, thu: ResultDone}, false},
		{"a lead who skipped Thursday", RoleLead, nil, fri, results{mon: ResultDone, tue: ResultDone, wed: ResultDone, thu: ResultSkipped}, false},
		{"a lead blocked on Thursday", RoleLead, nil, fri, results{mon: ResultDone, tue: ResultDone, wed: ResultDone, thu: ResultBlocked}, false},
		{"a lead on Thursday, Friday still to come", RoleLead, nil, thu, results{mon: ResultDone, tue: ResultDone, wed: ResultDone}, false},
		{"a lead working Monday to Wednesday, on Wednesday", RoleLead, mtw, wed, results{mon: ResultDone, tue: ResultDone}, true},
		{"a lead working Monday to Wednesday, all three done, on a Friday off", RoleLead, mtw, fri, results{mon: ResultDone, tue: ResultDone, wed: ResultDone}, true},
		{"a lead who works no day of the week", RoleLead, []int{}, fri, results{}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := outcomeState(c.role, c.before)
			s.Held = []string{"streak_5", "first_gesture"} // only the badge asked about is new
			if c.workdays != nil {
				s.User.Preferences.Workdays = c.workdays
			}
			s.Record.Day, s.Latest = c.day, c.day
			dc := DayContext{Today: c.day, Week: Period{Key: "w" + mon}, Month: Period{Key: "m2026-11"}}
			d, err := DecideOutcome(s, OutcomeInput{Result: ResultDone}, dc, WeekDays(c.day, 1), "w"+mon, "m2026-11")
			if err != nil {
				t.Fatal(err)
			}
			if got := slices.Contains(d.Earned, "lead_by_example"); got != c.earned {
				t.Errorf("earned %v, want lead_by_example: %v", d.Earned, c.earned)
			}
		})
	}
}

// TestOutcomePoints follows an outcome as the app sends it through validation and the decision:
// what it earns, whether it shares a story and which badge a story brings.
func TestOutcomePoints(t *testing.T) {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, ams) // Friday
	dc := DayContext{Today: fri, Now: now, Week: Period{Key: "w" + mon}, Month: Period{Key: "m2026-11"}}
	first := func(points Points, gesturePoints int) OutcomeState {
		s := outcomeState(RoleEmployee, results{})
		s.Stats = LoopStats{Streak: Streak{Settled: thu}}
		s.Record.ChallengeID, s.Record.Bonus = "", 0
		s.Points, s.Gesture.Points = points, gesturePoints
		return s
	}
	org := Points{Done: 10, Story: 5, Blocked: 2}
	blocked := OutcomeFields{Result: ResultBlocked, HasBarrier: true, BarrierCategory: "time", BarrierText: "Queue."}
	for _, c := range []struct {
		name   string
		state  OutcomeState
		in     OutcomeFields
		points int
		shared bool
		earned []string
	}{
		{"done earns the gesture's points", first(org, 10), OutcomeFields{Result: ResultDone}, 10, false, []string{"first_gesture"}},
		{"a gesture's own points count, not the org's default", first(org, 25), OutcomeFields{Result: ResultDone}, 25, false, []string{"first_gesture"}},
		{"a shared story adds the story points and first_story", first(org, 10),
			OutcomeFields{Result: ResultDone, Reaction: "delighted", Story: "She smiled.", Share: true}, 15, true, []string{"first_gesture", "first_story"}},
		{"a story kept to oneself adds nothing", first(org, 10), OutcomeFields{Result: ResultDone, Story: "She smiled."}, 10, false, []string{"first_gesture"}},
		{"a blank story shared is no story", first(org, 10), OutcomeFields{Result: ResultDone, Story: "   ", Share: true}, 10, false, []string{"first_gesture"}},
		{"the org's story points apply", first(Points{Done: 10, Story: 7, Blocked: 3}, 10),
			OutcomeFields{Result: ResultDone, Story: "A regular came back.", Share: true}, 17, true, []string{"first_gesture", "first_story"}},
		{"blocked earns the org's blocked points", first(org, 10), blocked, 2, false, nil},
		{"the org's blocked points apply", first(Points{Done: 10, Story: 7, Blocked: 3}, 10), blocked, 3, false, nil},
		{"skipped earns nothing, and no first_gesture", first(org, 10), OutcomeFields{Result: ResultSkipped}, 0, false, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			in, err := ValidateOutcome(c.in, fri, fri, now, ams)
			if err != nil {
				t.Fatal(err)
			}
			d, err := DecideOutcome(c.state, in, dc, WeekDays(fri, 1), "w"+mon, "m2026-11")
			if err != nil {
				t.Fatal(err)
			}
			if d.Points != c.points || d.Shared != c.shared || !slices.Equal(d.Earned, c.earned) {
				t.Errorf("points %d shared %v earned %v, want %d %v %v", d.Points, d.Shared, d.Earned, c.points, c.shared, c.earned)
			}
			done := 0
			if c.in.Result == ResultDone {
				done = 1
			}
			want := Stats{PointsWeek: c.points, PointsMonth: c.points, PointsTotal: c.points, DoneTotal: done, StreakCurrent: done, StreakBest: done}
			shown := d.Shown
			shown.Badges = nil // the held ones, none here
			if !reflect.DeepEqual(shown, want) {
				t.Errorf("shown %+v, want %+v", shown, want)
			}
		})
	}
}

func TestSwapsLeftOn(t *testing.T) {
	open := AssignmentView{Assignment: Assignment{Day: tue, SwapsLeft: 2}}
	done := AssignmentView{Assignment: Assignment{Day: tue, SwapsLeft: 2, Outcome: &OutcomeRecord{Result: ResultDone}}}
	older := open
	older.Latest = wed
	for _, c := range []struct {
		name  string
		v     AssignmentView
		today string
		want  int
	}{
		{"today's open assignment has its swaps", open, tue, 2},
		{"one with an outcome has none", done, tue, 0},
		{"yesterday's has none, its day is over", open, wed, 0},
		{"one dated after today (flown west) has its swaps", open, mon, 2},
		{"one older than the newest has none, though it is today's again (flown west)", older, tue, 0},
	} {
		if got := c.v.SwapsLeftOn(c.today); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}
