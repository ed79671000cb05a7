package domain

import (
	"reflect"
	"slices"
	"testing"
)

// FuzzStreak checks the streak rules' invariants over any history: a streak never exceeds the
// best, freezes stay within bounds, settling is idempotent and settling day by day is settling
// at once.
func FuzzStreak(f *testing.F) {
	f.Add(uint64(0x1234), uint8(0x1f), uint8(10), uint8(3), uint8(5))
	f.Add(uint64(0xffffffff), uint8(0x7f), uint8(40), uint8(0), uint8(0))
	f.Fuzz(func(t *testing.T, history uint64, workdays, span, pauseAt, pauseLen uint8) {
		var days []int
		for d := 1; d <= 7; d++ {
			if workdays&(1<<(d-1)) != 0 {
				days = append(days, d)
			}
		}
		start := "2026-03-20" // across the spring DST change of most zones
		pauseFrom := AddDays(start, int(pauseAt%40))
		rest := RestOf(User{Preferences: Preferences{Workdays: days, PausedFrom: pauseFrom, PausedUntil: AddDays(pauseFrom, int(pauseLen%10))}})
		if pauseLen == 0 {
			rest = RestOf(User{Preferences: Preferences{Workdays: days}})
		}
		res := results{}
		all := []string{"", ResultDone, ResultSkipped, ResultBlocked}
		for i := range 32 {
			res[AddDays(start, i)] = all[history>>(2*i)&3]
		}
		today := AddDays(start, int(span%40)+2)
		s := Streak{Settled: AddDays(start, -1)}
		once, _ := s.Settle(today, res.of, rest)
		stepwise := s
		for d := AddDays(start, 2); d <= today; d = AddDays(d, 1) {
			stepwise, _ = stepwise.Settle(d, res.of, rest)
		}
		if once != stepwise {
			t.Fatalf("settled at once %+v, day by day %+v", once, stepwise)
		}
		if again, changed := once.Settle(today, res.of, rest); changed || again != once {
			t.Fatalf("settling again changed %+v to %+v", once, again)
		}
		shown := once.Shown(today, today, res.of, rest)
		for _, x := range []Streak{once, shown} {
			if x.Current > x.Best || x.Freezes < 0 || x.Freezes > MaxFreezes || x.Current < 0 {
				t.Fatalf("impossible streak %+v", x)
			}
		}
		if shown.Settled != once.Settled || shown.Best < once.Best {
			t.Fatalf("showing changed what is settled: %+v → %+v", once, shown)
		}
	})
}

// FuzzPickGesture checks that a pick is always one of the user's candidates, never a gesture
// shown today nor one of another channel than the team's, the same for the same request, and
// the first of the ranking a swap's alternatives are taken from.
func FuzzPickGesture(f *testing.F) {
	f.Add(uint32(7), uint8(3), "t1", "2026-11-25", true, "store")
	f.Add(uint32(0), uint8(0), "", "2026-11-28", false, "")
	f.Fuzz(func(t *testing.T, seed uint32, shown uint8, team, day string, lead bool, channel string) {
		role := RoleEmployee
		if lead {
			role = RoleLead
		}
		var skip []string
		cat := Catalog{Challenges: testCatalog.Challenges}
		cat.Gestures = append(slices.Clone(testCatalog.Gestures), channelCatalog.Gestures...)
		for i, g := range cat.Gestures {
			if shown&(1<<(i%8)) != 0 {
				skip = append(skip, g.ID)
			}
		}
		r := PickRequest{Catalog: cat, Role: role, TeamID: team, Day: day, Shown: skip, Seed: seed, TeamChannel: Channel(channel),
			Rest:   RestOf(User{Preferences: Preferences{Workdays: []int{int(seed % 8), 3, 5}}}),
			Recent: func(d string) string { return cat.Gestures[len(d)%len(cat.Gestures)].ID }}
		p, ok := PickGesture(r)
		again, ok2 := PickGesture(r)
		if p != again || ok != ok2 {
			t.Fatalf("two picks of one request: %+v, %+v", p, again)
		}
		var open []string
		for _, c := range Candidates(r) {
			if !slices.Contains(skip, c.Gesture.ID) {
				open = append(open, c.Gesture.ID)
			}
		}
		if ok != (len(open) > 0) || (ok && !slices.Contains(open, p.GestureID)) {
			t.Fatalf("picked %+v (ok %v) from %v", p, ok, open)
		}
		ranked := Ranked(r)
		if len(ranked) != len(open) || (ok && ranked[0].Gesture.ID != p.GestureID) {
			t.Fatalf("ranked %v, picked %+v, open %v", ids(ranked), p, open)
		}
		for _, c := range ranked {
			if !OnChannel(c.Gesture.Channels, r.TeamChannel) {
				t.Fatalf("ranked %s of channels %v for a %q team", c.Gesture.ID, c.Gesture.Channels, r.TeamChannel)
			}
		}
		// a swap of the pick may take any alternative offered, and nothing else
		if !ok {
			return
		}
		rec := DayRecord{Day: day, GestureID: p.GestureID, SwapsLeft: 1, Swapped: skip}
		alts, err := Alternatives(rec, day, day, r)
		if err != nil {
			return // nothing else is left
		}
		for _, a := range alts {
			next, err := Swap(rec, day, day, r, a.Gesture.ID)
			if err != nil || next.GestureID != a.Gesture.ID || next.GestureID == p.GestureID || slices.Contains(skip, next.GestureID) {
				t.Fatalf("swap to offered %s: %+v, %v", a.Gesture.ID, next, err)
			}
		}
		if _, err := Swap(rec, day, day, r, p.GestureID); ErrorCode(err) != "invalid" {
			t.Fatalf("a swap to the gesture swapped away: %v", err)
		}
	})
}

// FuzzDecideOutcome checks what any outcome decides over any history before it, late ones
// too, by an employee, a lead or an admin, on any workdays, with or without a pause around it,
// and after a flight west that left the assignment dated after the user's today (DST is
// FuzzLocalDays' and the streak tables'): the points follow the org's rules and land in the
// totals, a streak never exceeds the best nor freezes their bounds, a badge is earned once and
// only for a done gesture, all_values clears the marks it replaces, and the same state decides
// the same.
func FuzzDecideOutcome(f *testing.F) {
	f.Add(uint64(0x5555), uint8(0), uint8(3), uint8(2), uint8(0x1f), uint8(7), uint8(0), uint8(1))
	f.Add(uint64(0), uint8(2), uint8(0), uint8(0), uint8(0x41), uint8(0), uint8(255), uint8(0))
	f.Add(uint64(0x5555), uint8(0), uint8(0), uint8(4), uint8(0x1f), uint8(0), uint8(7), uint8(2))
	f.Add(uint64(0xe700000000005555), uint8(16), uint8(1), uint8(6), uint8(0x1f), uint8(1), uint8(3), uint8(1)) // paused, flown west
	f.Fuzz(func(t *testing.T, history uint64, result, late, streak, workdays, held, values, who uint8) {
		var days []int
		for d := 1; d <= 7; d++ {
			if workdays&(1<<(d-1)) != 0 {
				days = append(days, d)
			}
		}
		today := AddDays("2026-10-19", int(history%29))
		day := AddDays(today, -int(late%3))
		if result&16 != 0 { // flown west: today is the day before the assignment's
			day = AddDays(today, 1)
		}
		res := results{}
		all := []string{"", ResultDone, ResultSkipped, ResultBlocked}
		for i := 1; i <= 21; i++ {
			res[AddDays(day, -i)] = all[history>>(2*(i%32))&3]
		}
		role := []Role{RoleEmployee, RoleLead, RoleAdmin}[who%3]
		badges := []string{"first_gesture", "streak_5", "streak_20", "first_story", "all_values", "lead_by_example"}
		var have []string
		for i, b := range badges {
			if held&(1<<i) != 0 {
				have = append(have, b)
			}
		}
		var done []string
		for i, v := range []string{"v1", "v2", "v3"} {
			if values&(1<<i) != 0 {
				done = append(done, v)
			}
		}
		cur := int(streak % 30)
		prefs := Preferences{Workdays: days}
		if pause := history >> 56; pause&1 != 0 { // bits the history above leaves alone
			// beginning up to two days after the assignment's (a late outcome's today), or before it
			prefs.PausedFrom = AddDays(day, 2-int(pause>>1&15))
			prefs.PausedUntil = AddDays(prefs.PausedFrom, int(pause>>5))
		}
		s := OutcomeState{
			User:     User{Role: role, Preferences: prefs},
			Points:   Points{Done: 10, Story: int(values % 7), Blocked: int(streak % 4)},
			Barriers: []string{"time"},
			Record:   DayRecord{Day: day, GestureID: "g1", Bonus: int(late % 5)},
			Gesture:  CatalogGesture{ID: "g1", ValueID: "v" + string(rune('1'+values%3)), Points: 10 + int(held%3)},
			Stats: LoopStats{Streak: Streak{Current: cur, Best: cur + int(held%4), Freezes: int(workdays % 3), Run: cur, Settled: AddDays(day, -1-int(late%2))},
				Total: 100, Done: 10 * (int(held) % 2)},
			Latest: day, Results: res.of, Held: have, ValuesDone: done, ActiveValues: []string{"v1", "v2", "v3"},
		}
		in := OutcomeInput{Result: []string{ResultDone, ResultSkipped, ResultBlocked}[result%3], BarrierCategory: "time",
			Story: []string{"", "She smiled."}[result/3%2], Share: result&8 != 0}
		dc := DayContext{Today: today, Week: Period{Key: "w"}, Month: Period{Key: "m"}}
		d, err := DecideOutcome(s, in, dc, WeekDays(day, 1), "w", "m")
		if err != nil {
			t.Fatal(err)
		}
		again, _ := DecideOutcome(s, in, dc, WeekDays(day, 1), "w", "m")
		if !reflect.DeepEqual(d, again) {
			t.Fatalf("decided %+v, then %+v", d, again)
		}
		want := map[string]int{ResultDone: s.Gesture.Points + s.Record.Bonus, ResultBlocked: s.Points.Blocked}[in.Result]
		if d.Shared {
			want += s.Points.Story
		}
		if d.Points != want || d.Stats.Total != s.Stats.Total+d.Points || d.Shown.PointsTotal != d.Stats.Total {
			t.Fatalf("%s earned %d (total %d), want %d", in.Result, d.Points, d.Stats.Total, want)
		}
		if d.Shared != (in.Result == ResultDone && in.Share && in.Story != "") {
			t.Fatalf("shared %v for %+v", d.Shared, in)
		}
		if st := d.Shown; st.StreakCurrent > st.StreakBest || st.StreakCurrent < 0 || st.Freezes < 0 || st.Freezes > MaxFreezes {
			t.Fatalf("impossible streak shown %+v", st)
		}
		if d.Stats.Streak.Best < s.Stats.Streak.Best {
			t.Fatalf("the best streak fell from %d to %d", s.Stats.Streak.Best, d.Stats.Streak.Best)
		}
		if in.Result != ResultDone && (len(d.Earned) > 0 || d.MarkValue != "" || d.ClearValues) {
			t.Fatalf("a %s outcome earned %v, marked %q", in.Result, d.Earned, d.MarkValue)
		}
		for i, b := range d.Earned {
			if slices.Contains(have, b) || slices.Contains(d.Earned[i+1:], b) || !slices.Contains(badges, b) {
				t.Fatalf("earned %v holding %v", d.Earned, have)
			}
		}
		if d.ClearValues != slices.Contains(d.Earned, "all_values") || (d.ClearValues && d.MarkValue != "") {
			t.Fatalf("all_values earned %v, clear %v, mark %q", d.Earned, d.ClearValues, d.MarkValue)
		}
		if role == RoleEmployee && slices.Contains(d.Earned, "lead_by_example") {
			t.Fatal("an employee led by example")
		}
	})
}
