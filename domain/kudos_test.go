package domain

import (
	"errors"
	"testing"
)

func TestDecideKudos(t *testing.T) {
	now := KudosPeriods{Week: "w2026-11-30", Month: "m2026-12"}
	past := KudosPeriods{Week: "w2026-11-23", Month: "m2026-11"}
	story := Story{ID: "S1", AuthorID: "eva", TeamID: "T1"}
	this := func(pts int) PeriodPoints { return PeriodPoints{Key: now.Week, Points: pts} }
	month := func(pts int) PeriodPoints { return PeriodPoints{Key: now.Month, Points: pts} }
	give := KudosInput{Giver: "sam", Delta: 1, Points: 2, Now: now}
	takeBack := KudosInput{Giver: "sam", Delta: -1, Points: 2, Now: now}
	cases := []struct {
		name string
		s    KudosState
		in   KudosInput
		want KudosDecision
	}{
		{"a first kudos earns its points in now's periods and tells the author",
			KudosState{Story: story, Stats: KudosStats{Total: 5, Week: this(5), Month: month(5)}}, give,
			KudosDecision{Changed: true, Count: 1, Credit: 2, In: now, Notify: true,
				Stats: KudosStats{Total: 7, Received: 1, Week: this(7), Month: month(7)}}},
		{"a kudos given twice changes nothing",
			KudosState{Story: story, Count: 1, Given: true, GivenIn: now, Stats: KudosStats{Total: 2, Received: 1, Week: this(2)}}, give,
			KudosDecision{Count: 1, Stats: KudosStats{Total: 2, Received: 1, Week: this(2)}}},
		{"taking back a kudos never given changes nothing",
			KudosState{Story: story, Count: 3}, takeBack, KudosDecision{Count: 3}},
		{"a new week and month start again",
			KudosState{Story: story, Count: 2, Stats: KudosStats{Total: 40, Received: 2, Week: PeriodPoints{Key: past.Week, Points: 30},
				Month: PeriodPoints{Key: past.Month, Points: 40}}}, give,
			KudosDecision{Changed: true, Count: 3, Credit: 2, In: now, Notify: true,
				Stats: KudosStats{Total: 42, Received: 3, Week: this(2), Month: month(2)}}},
		{"a giver who took theirs back and gives again earns the points, but the author heard of it",
			KudosState{Story: story, Count: 4, TakenBack: true, Stats: KudosStats{Total: 8, Received: 4, Week: this(8), Month: month(8)}}, give,
			KudosDecision{Changed: true, Count: 5, Credit: 2, In: now, Stats: KudosStats{Total: 10, Received: 5, Week: this(10), Month: month(10)}}},
		{"the tenth kudos still earns points",
			KudosState{Story: story, Count: 9, Stats: KudosStats{Total: 18, Received: 9}}, give,
			KudosDecision{Changed: true, Count: 10, Credit: 2, In: now, Notify: true, Earned: true,
				Stats: KudosStats{Total: 20, Received: 10, Week: this(2), Month: month(2), Badge: true}}},
		{"the eleventh earns none, and the badge is earned once",
			KudosState{Story: story, Count: 10, Stats: KudosStats{Total: 20, Received: 12, Badge: true}}, give,
			KudosDecision{Changed: true, Count: 11, In: now, Notify: true, Stats: KudosStats{Total: 20, Received: 13, Badge: true}}},
		{"ten kudos over several stories earn the badge",
			KudosState{Story: story, Count: 0, Stats: KudosStats{Received: 9}}, give,
			KudosDecision{Changed: true, Count: 1, Credit: 2, In: now, Notify: true, Earned: true,
				Stats: KudosStats{Total: 2, Received: 10, Week: this(2), Month: month(2), Badge: true}}},
		{"taking one back with eleven on the story keeps the points: ten remain",
			KudosState{Story: story, Count: 11, Given: true, GivenIn: now, Stats: KudosStats{Total: 20, Received: 11, Week: this(20), Month: month(20), Badge: true}},
			takeBack,
			KudosDecision{Changed: true, Count: 10, In: now, Stats: KudosStats{Total: 20, Received: 10, Week: this(20), Month: month(20), Badge: true}}},
		{"taking one back with ten on the story costs its points",
			KudosState{Story: story, Count: 10, Given: true, GivenIn: now, Stats: KudosStats{Total: 20, Received: 10, Week: this(20), Month: month(20), Badge: true}},
			takeBack,
			KudosDecision{Changed: true, Count: 9, Credit: -2, In: now, Stats: KudosStats{Total: 18, Received: 9, Week: this(18), Month: month(18), Badge: true}}},
		{"a kudos of last week taken back costs the total, and last week's points stay on its boards only",
			KudosState{Story: story, Count: 1, Given: true, GivenIn: past, Stats: KudosStats{Total: 9, Received: 1, Week: this(7), Month: month(7)}},
			takeBack,
			KudosDecision{Changed: true, Count: 0, Credit: -2, In: past, Stats: KudosStats{Total: 7, Week: this(7), Month: month(7)}}},
		{"a kudos taken back in the week it was given costs that week's points",
			KudosState{Story: story, Count: 1, Given: true, GivenIn: past, Stats: KudosStats{Total: 9, Received: 1,
				Week: PeriodPoints{Key: past.Week, Points: 9}, Month: PeriodPoints{Key: past.Month, Points: 9}}},
			KudosInput{Giver: "sam", Delta: -1, Points: 2, Now: past},
			KudosDecision{Changed: true, Count: 0, Credit: -2, In: past, Stats: KudosStats{Total: 7,
				Week: PeriodPoints{Key: past.Week, Points: 7}, Month: PeriodPoints{Key: past.Month, Points: 7}}}},
		{"a kudos on the story with no periods kept is taken back from now's",
			KudosState{Story: story, Count: 1, Given: true, Stats: KudosStats{Total: 2, Received: 1, Week: this(2), Month: month(2)}},
			takeBack,
			KudosDecision{Changed: true, Count: 0, Credit: -2, In: now, Stats: KudosStats{Week: this(0), Month: month(0)}}},
		{"a kudos for an author who is gone moves the count only",
			KudosState{Story: story, Count: 3, AuthorGone: true, Stats: KudosStats{Total: 6, Received: 3}}, give,
			KudosDecision{Changed: true, Count: 4, In: now, Stats: KudosStats{Total: 6, Received: 3}}},
		{"with no points per kudos the count still moves",
			KudosState{Story: story, Count: 0}, KudosInput{Giver: "sam", Delta: 1, Points: 0, Now: now},
			KudosDecision{Changed: true, Count: 1, In: now, Notify: true, Stats: KudosStats{Received: 1}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := DecideKudos(c.s, c.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
	t.Run("one's own story is refused, given or taken back", func(t *testing.T) {
		for _, delta := range []int{1, -1} {
			_, err := DecideKudos(KudosState{Story: story}, KudosInput{Giver: "eva", Delta: delta, Points: 2, Now: now})
			var e *Error
			if !errors.As(err, &e) || e.Kind != KindForbidden || e.Code != "own_story" {
				t.Errorf("delta %d: %v, want forbidden own_story", delta, err)
			}
		}
	})
}

func TestMaySpotlight(t *testing.T) {
	team := &Team{ID: "T1", LeadIDs: []string{"lena"}}
	cases := []struct {
		name string
		p    Principal
		team *Team
		want bool
	}{
		{"an admin, any story", Principal{UserID: "ann", Role: RoleAdmin}, nil, true},
		{"the lead of the story's team", Principal{UserID: "lena", Role: RoleLead}, team, true},
		{"the lead of another team", Principal{UserID: "otto", Role: RoleLead}, team, false},
		{"a lead, on a story without a team", Principal{UserID: "lena", Role: RoleLead}, nil, false},
		{"an employee", Principal{UserID: "sam", Role: RoleEmployee}, team, false},
	}
	for _, c := range cases {
		err := MaySpotlight(c.p, c.team)
		if (err == nil) != c.want || err != nil && ErrorKind(err) != KindForbidden {
			t.Errorf("%s: %v, want allowed %v (refused as Forbidden)", c.name, err, c.want)
		}
	}
}

// FuzzKudos gives and takes back the kudos of up to eight givers on one story, in any order
// and over two weeks, and checks the rules' invariants: the author's points follow the first
// ten kudos on the story exactly, their received kudos the story's count, the badge is earned
// once, and each giver's first kudos alone is news.
func FuzzKudos(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 0x80, 0x81, 0x40, 0xc0})
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x88, 0x08, 0x89})
	f.Fuzz(func(t *testing.T, steps []byte) {
		weeks := []KudosPeriods{{Week: "w2026-11-23", Month: "m2026-11"}, {Week: "w2026-11-30", Month: "m2026-12"}}
		const points = 3
		s := KudosState{Story: Story{ID: "S1", AuthorID: "eva"}}
		given := map[string]KudosPeriods{}
		told := map[string]bool{}
		inPeriod := map[string]int{} // credited points by period key
		earned := 0
		for i, b := range steps {
			giver := string(rune('a' + b&7))
			delta, week := 1, 0
			if b&0x80 != 0 {
				delta = -1
			}
			if b&0x40 != 0 || i > len(steps)/2 {
				week = 1 // time only moves on
			}
			in := KudosInput{Giver: giver, Delta: delta, Points: points, Now: weeks[week]}
			g, ok := given[giver]
			s.Given, s.GivenIn = ok, g
			_, s.TakenBack = told[giver]
			s.TakenBack = s.TakenBack && !ok
			d, err := DecideKudos(s, in)
			if err != nil {
				t.Fatal(err)
			}
			if d.Changed != (ok != (delta > 0)) {
				t.Fatalf("step %d: changed %v with given %v, delta %d", i, d.Changed, ok, delta)
			}
			if !d.Changed {
				if d.Count != s.Count || d.Stats != s.Stats {
					t.Fatalf("step %d: an unchanged kudos moved %+v to %+v", i, s, d)
				}
				continue
			}
			if d.Notify == told[giver] || (d.Notify && delta < 0) {
				t.Fatalf("step %d: notify %v, told before %v, delta %d", i, d.Notify, told[giver], delta)
			}
			if delta > 0 {
				told[giver], given[giver] = true, d.In
			} else {
				delete(given, giver)
			}
			inPeriod[d.In.Week] += d.Credit
			if d.Earned {
				earned++
			}
			s.Count, s.Stats = d.Count, d.Stats
			if s.Count != len(given) || s.Stats.Received != s.Count {
				t.Fatalf("step %d: count %d, received %d, %d givers", i, s.Count, s.Stats.Received, len(given))
			}
			if want := points * min(s.Count, KudosCredited); s.Stats.Total != want {
				t.Fatalf("step %d: total %d with %d kudos, want %d", i, s.Stats.Total, s.Count, want)
			}
			if w := s.Stats.Week; w.Key != "" && w.Points != inPeriod[w.Key] {
				t.Fatalf("step %d: week %+v, credited in it %d", i, w, inPeriod[w.Key])
			}
			if s.Stats.Badge != (earned == 1) || earned > 1 {
				t.Fatalf("step %d: badge %v, earned %d times", i, s.Stats.Badge, earned)
			}
			if s.Stats.Received >= kudosBadgeAt && !s.Stats.Badge {
				t.Fatalf("step %d: %d received without the badge", i, s.Stats.Received)
			}
		}
	})
}
