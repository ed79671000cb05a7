package domain

import (
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
		alts, err := Alternatives(rec, day, r)
		if err != nil {
			return // nothing else is left
		}
		for _, a := range alts {
			next, err := Swap(rec, day, r, a.Gesture.ID)
			if err != nil || next.GestureID != a.Gesture.ID || next.GestureID == p.GestureID || slices.Contains(skip, next.GestureID) {
				t.Fatalf("swap to offered %s: %+v, %v", a.Gesture.ID, next, err)
			}
		}
		if _, err := Swap(rec, day, r, p.GestureID); ErrorCode(err) != "invalid" {
			t.Fatalf("a swap to the gesture swapped away: %v", err)
		}
	})
}
