package domain

import (
	"reflect"
	"slices"
	"testing"
)

// channelCatalog has a gesture for shops only, one for the phone only, one for both and one for
// every channel.
var channelCatalog = Catalog{Gestures: []CatalogGesture{
	{ID: "seat", ValueID: "v1", Points: 10, Channels: []Channel{ChannelStore}},
	{ID: "callback", ValueID: "v1", Points: 10, Channels: []Channel{ChannelPhone}},
	{ID: "name", ValueID: "v2", Points: 10, Channels: []Channel{ChannelStore, ChannelPhone}},
	{ID: "thanks", ValueID: "v2", Points: 10},
}}

func TestPickFollowsTheTeamsChannel(t *testing.T) {
	cases := []struct {
		name    string
		channel Channel
		want    []string
	}{
		{"a call-centre team never gets a shop's gesture", ChannelPhone, []string{"callback", "name", "thanks"}},
		{"a shop never gets a phone gesture", ChannelStore, []string{"seat", "name", "thanks"}},
		{"an online team gets the gestures of every channel only", ChannelOnline, []string{"thanks"}},
		{"a team without a channel gets every gesture", "", []string{"seat", "callback", "name", "thanks"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			seen := map[string]bool{}
			for seed := range uint32(32) {
				r := PickRequest{Catalog: channelCatalog, Role: RoleEmployee, TeamChannel: c.channel, Day: sat, Seed: seed}
				p, ok := PickGesture(r)
				if !ok || !slices.Contains(c.want, p.GestureID) {
					t.Fatalf("seed %d picked %+v, want one of %v", seed, p, c.want)
				}
				seen[p.GestureID] = true
				for _, a := range Ranked(r) {
					if !slices.Contains(c.want, a.Gesture.ID) {
						t.Fatalf("ranked %s for a %q team", a.Gesture.ID, c.channel)
					}
				}
			}
			if len(seen) != len(c.want) {
				t.Errorf("seeds picked %v, want every one of %v", seen, c.want)
			}
		})
	}
	t.Run("the channel is a hard rule: with every fitting gesture recent, no other channel's comes", func(t *testing.T) {
		r := PickRequest{Catalog: channelCatalog, Role: RoleEmployee, TeamChannel: ChannelOnline, Day: sat, Rest: weekdays,
			Recent: func(d string) string { return "thanks" }}
		if p, ok := PickGesture(r); !ok || p.GestureID != "thanks" {
			t.Errorf("picked %+v (ok %v), want thanks again", p, ok)
		}
		r.Shown = []string{"thanks"}
		if p, ok := PickGesture(r); ok {
			t.Errorf("picked %+v, want nothing", p)
		}
	})
}

func TestAChallengeIsPreferredWithoutForcingItsGestureDaily(t *testing.T) {
	cat := Catalog{
		Gestures:   []CatalogGesture{{ID: "g1", Points: 10}, {ID: "g2", Points: 10}, {ID: "g3", Points: 10}},
		Challenges: []CatalogChallenge{{ID: "c1", StartsOn: mon, EndsOn: AddDays(mon, 27), GestureIDs: []string{"g2"}, BonusPoints: 5}},
	}
	given := map[string]string{}
	for day := mon; day < AddDays(mon, 28); day = AddDays(day, 1) {
		if !weekdays.Workday(day) {
			continue
		}
		p, ok := PickGesture(PickRequest{Catalog: cat, Role: RoleEmployee, Day: day, Rest: weekdays, Seed: Seed("u1", day),
			Recent: func(d string) string { return given[d] }})
		if !ok {
			t.Fatalf("nothing picked on %s", day)
		}
		given[day] = p.GestureID
	}
	counts := map[string]int{}
	for _, g := range given {
		counts[g]++
	}
	if counts["g2"] < counts["g1"] || counts["g2"] < counts["g3"] {
		t.Errorf("the challenge's gesture came less than the others: %v", counts)
	}
	if counts["g2"] == len(given) {
		t.Errorf("the challenge forced its gesture every day: %v", counts)
	}
	t.Run("on a day after a gap, the challenge's gesture comes first", func(t *testing.T) {
		p, _ := PickGesture(PickRequest{Catalog: cat, Role: RoleEmployee, Day: wed, Rest: weekdays,
			Recent: func(d string) string { return map[string]string{mon: "g1", tue: "g3"}[d] }})
		if p.GestureID != "g2" || p.ChallengeID != "c1" || p.Bonus != 5 {
			t.Errorf("picked %+v", p)
		}
	})
}

// The 5 workdays and the contract's 7 days both hold: for a five-day week they are the
// same, for a six-day shop the 7 days reach further, for a three-day week the 5 workdays do.
func TestNoGestureRepeatsWithinFiveWorkdaysOrSevenDaysWhileOthersAreLeft(t *testing.T) {
	cases := []struct {
		name     string
		workdays []int
		gestures int
	}{
		{"Monday to Friday", []int{1, 2, 3, 4, 5}, 7},
		{"a six-day shop", []int{1, 2, 3, 4, 5, 6}, 8},
		{"three days a week", []int{1, 3, 5}, 7},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rest := RestOf(User{Preferences: Preferences{Workdays: c.workdays}})
			cat := Catalog{}
			for i := range c.gestures {
				cat.Gestures = append(cat.Gestures, CatalogGesture{ID: string(rune('a' + i)), Points: 10})
			}
			given := map[string]string{}
			var days, order []string
			for day := nextMon; day < AddDays(nextMon, 70); day = AddDays(day, 1) {
				if !rest.Workday(day) {
					continue
				}
				p, _ := PickGesture(PickRequest{Catalog: cat, Role: RoleEmployee, Day: day, Rest: rest, Seed: Seed("u2", day),
					Recent: func(d string) string { return given[d] }})
				given[day] = p.GestureID
				days, order = append(days, day), append(order, p.GestureID)
			}
			for i := range order {
				if j := slices.Index(order[max(0, i-RepeatWorkdays):i], order[i]); j >= 0 {
					t.Fatalf("workday %d repeated %s of workday %d: %v", i, order[i], max(0, i-RepeatWorkdays)+j, order)
				}
				for j := range i {
					if order[j] == order[i] && days[j] >= AddDays(days[i], -RepeatDays) {
						t.Fatalf("%s came on %s and again on %s, within %d days: %v", order[i], days[j], days[i], RepeatDays, order)
					}
				}
			}
		})
	}
}

func TestAlternatives(t *testing.T) {
	req := PickRequest{Catalog: testCatalog, Role: RoleLead, TeamID: "t1", Day: wed, Seed: 11}
	rec, _ := NewAssignment(req, 2)
	alts, err := Alternatives(rec, wed, wed, req)
	if err != nil || len(alts) != MaxAlternatives {
		t.Fatalf("alternatives %v, %v", ids(alts), err)
	}
	for _, a := range alts {
		if a.Gesture.ID == rec.GestureID {
			t.Errorf("the gesture swapped away is offered: %v", ids(alts))
		}
	}
	t.Run("a swap without a choice takes the first alternative", func(t *testing.T) {
		next, _ := Swap(rec, wed, wed, req, "")
		if next.GestureID != alts[0].Gesture.ID {
			t.Errorf("swapped to %s, alternatives %v", next.GestureID, ids(alts))
		}
	})
	t.Run("points if done include the challenge's bonus", func(t *testing.T) {
		for _, a := range alts {
			if a.PointsIfDone() != a.Gesture.Points+a.Bonus || (a.ChallengeID != "" && a.Bonus == 0) {
				t.Errorf("%+v: points if done %d", a, a.PointsIfDone())
			}
		}
	})
	t.Run("fewer than three are offered when fewer are left", func(t *testing.T) {
		r := rec
		r.Swapped = []string{"g1", "g2", "g3", "g4"}
		r.Swapped = slices.DeleteFunc(r.Swapped, func(g string) bool { return g == rec.GestureID || g == "g3" })
		got, err := Alternatives(r, wed, wed, req)
		if err != nil || !slices.Equal(ids(got), []string{"g3/"}) {
			t.Errorf("alternatives %v, %v", ids(got), err)
		}
	})
	refusals := []struct {
		name string
		rec  DayRecord
		code string
	}{
		{"none once an outcome is recorded", DayRecord{Day: wed, GestureID: "g1", SwapsLeft: 2, Result: ResultSkipped}, "already_recorded"},
		{"none without swaps left", DayRecord{Day: wed, GestureID: "g1"}, "no_swaps_left"},
		{"none when nothing else is left", DayRecord{Day: wed, GestureID: "g1", SwapsLeft: 2, Swapped: []string{"g2", "g3", "g4"}}, "no_swaps_left"},
	}
	for _, c := range refusals {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Alternatives(c.rec, wed, wed, req); errorCode(err) != c.code {
				t.Errorf("error %v, want %s", err, c.code)
			}
		})
	}
}

func TestSwapToAChosenGesture(t *testing.T) {
	req := PickRequest{Catalog: testCatalog, Role: RoleLead, TeamID: "t1", Day: wed, Seed: 4}
	rec, _ := NewAssignment(req, 2)
	alts, _ := Alternatives(rec, wed, wed, req)
	for _, a := range alts {
		t.Run("the user may choose "+a.Gesture.ID, func(t *testing.T) {
			next, err := Swap(rec, wed, wed, req, a.Gesture.ID)
			if err != nil || next.GestureID != a.Gesture.ID || next.ChallengeID != a.ChallengeID || next.Bonus != a.Bonus ||
				next.SwapsLeft != rec.SwapsLeft-1 || !slices.Equal(next.Swapped, []string{rec.GestureID}) {
				t.Errorf("swapped to %+v, %v", next, err)
			}
		})
	}
	offered := func(id string) bool {
		return slices.ContainsFunc(alts, func(c Candidate) bool { return c.Gesture.ID == id })
	}
	for _, g := range []string{rec.GestureID, "g9", "nope"} {
		t.Run("a gesture not offered is refused: "+g, func(t *testing.T) {
			if offered(g) {
				t.Skip("offered")
			}
			_, err := Swap(rec, wed, wed, req, g)
			if errorCode(err) != "invalid" || len(AsError(err).Fields) != 1 || AsError(err).Fields[0].Field != "gesture_id" {
				t.Errorf("error %v", err)
			}
		})
	}
	t.Run("a choice does not get past the swap's own refusals", func(t *testing.T) {
		done := rec
		done.Result = ResultDone
		if _, err := Swap(done, wed, wed, req, alts[0].Gesture.ID); errorCode(err) != "already_recorded" {
			t.Errorf("error %v", err)
		}
	})
}

func TestChannelsOfGesturesAndTeams(t *testing.T) {
	cases := []struct {
		name  string
		in    []string
		want  []Channel
		field string
	}{
		{"channels are kept in a stable order", []string{"phone", "store"}, []Channel{ChannelStore, ChannelPhone}, ""},
		{"no channel means every channel", []string{}, []Channel{}, ""},
		{"an unknown channel is refused", []string{"fax"}, nil, "channels"},
		{"a repeated channel is refused", []string{"store", "store"}, nil, "channels"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := Gesture{Title: "x", Channels: []Channel{ChannelField}}
			err := g.Apply(GestureInput{Channels: &c.in})
			switch {
			case c.field != "" && (err == nil || AsError(err).Fields[0].Field != c.field):
				t.Errorf("error %v, want one on %s", err, c.field)
			case c.field != "" && !slices.Equal(g.Channels, []Channel{ChannelField}):
				t.Errorf("a refused change changed the gesture: %v", g.Channels)
			case c.field == "" && (err != nil || !slices.Equal(g.Channels, c.want)):
				t.Errorf("channels %v, %v; want %v", g.Channels, err, c.want)
			}
		})
	}
	teamCases := []struct {
		name, in string
		want     Channel
		bad      bool
	}{
		{"a team gets a channel", "phone", ChannelPhone, false},
		{"an empty channel clears it", "", "", false},
		{"an unknown channel is refused", "shop", ChannelStore, true},
	}
	for _, c := range teamCases {
		t.Run(c.name, func(t *testing.T) {
			tm := Team{Name: "Service", Channel: ChannelStore}
			err := tm.Apply(TeamInput{Channel: &c.in})
			if (err != nil) != c.bad || tm.Channel != c.want || (c.bad && AsError(err).Fields[0].Field != "channel") {
				t.Errorf("channel %q, %v", tm.Channel, err)
			}
		})
	}
}

// A gesture taken out of use is never given nor offered in a swap, whatever else fits.
func TestAnInactiveGestureIsNeverGiven(t *testing.T) {
	cat := Catalog{Gestures: []CatalogGesture{
		{ID: "retired", ValueID: "v1", Points: 50, Inactive: true},
		{ID: "thanks", ValueID: "v2", Points: 10},
	}, Challenges: []CatalogChallenge{{ID: "C1", StartsOn: sat, EndsOn: sat, GestureIDs: []string{"retired"}, BonusPoints: 20}}}
	for seed := range uint32(16) {
		r := PickRequest{Catalog: cat, Role: RoleEmployee, Day: sat, Seed: seed}
		if p, ok := PickGesture(r); !ok || p.GestureID != "thanks" {
			t.Fatalf("seed %d picked %+v", seed, p)
		}
		r.Shown = []string{"thanks"}
		if alts := Ranked(r); len(alts) != 0 {
			t.Fatalf("seed %d offers %v", seed, alts)
		}
	}
	cat.Gestures[1].Inactive = true
	if p, ok := PickGesture(PickRequest{Catalog: cat, Role: RoleEmployee, Day: sat}); ok {
		t.Errorf("with every gesture inactive, picked %+v", p)
	}
}

func TestCatalogOf(t *testing.T) {
	gs := []Gesture{
		{ID: "g1", ValueID: "v1", Points: 10, Active: true, Roles: []Role{}, TeamIDs: []string{}},
		{ID: "g2", ValueID: "v2", Points: 15, Roles: []Role{RoleLead}, TeamIDs: []string{"t1"}, Channels: []Channel{"phone"}, Title: "not seen by the loop"},
	}
	cs := []Challenge{{ID: "c1", StartsOn: "2026-11-23", EndsOn: "2026-11-29", TeamIDs: []string{}, GestureIDs: []string{"g1"}, BonusPoints: 5, Name: "not seen"}}
	want := Catalog{
		Gestures: []CatalogGesture{
			{ID: "g1", ValueID: "v1", Points: 10},
			{ID: "g2", ValueID: "v2", Points: 15, Roles: []Role{RoleLead}, TeamIDs: []string{"t1"}, Channels: []Channel{"phone"}, Inactive: true},
		},
		Challenges: []CatalogChallenge{{ID: "c1", StartsOn: "2026-11-23", EndsOn: "2026-11-29", GestureIDs: []string{"g1"}, BonusPoints: 5}},
	}
	if got := CatalogOf(gs, cs); !reflect.DeepEqual(got, want) {
		t.Errorf("CatalogOf = %+v\nwant %+v", got, want)
	}
}
