package handlers

import (
	"slices"
	"sync"
	"testing"
	"time"
)

// Which gesture a user is given: audience, challenges, no repeats, swaps.

func TestLoopAudienceFiltering(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("audience")
	teamA, teamB := a.team(o.admin, "Store A"), a.team(o.admin, "Store B")
	v := o.value("Attentive")
	forAll := o.gesture(v.Id, "For everyone")
	forEmployees := o.gesture(v.Id, "For employees", map[string]any{"roles": []string{"employee"}})
	forLeads := o.gesture(v.Id, "For leads", map[string]any{"roles": []string{"lead"}})
	forTeamA := o.gesture(v.Id, "For store A", map[string]any{"team_ids": []string{teamA.Id}})
	forLeadsOfA := o.gesture(v.Id, "For leads of store A", map[string]any{"roles": []string{"lead"}, "team_ids": []string{teamA.Id}})
	retired := o.gesture(v.Id, "Retired on creation", map[string]any{"active": false})
	retiredLater := o.gesture(v.Id, "Retired later")
	a.call("PATCH", "/v1/admin/gestures/"+retiredLater.Id, o.admin.AccessToken, map[string]any{"active": false}).expect(200)

	cases := []struct {
		who  *Session
		want []string
	}{
		{o.member("Ann Employee A", "employee", teamA.Id), []string{forAll.Id, forEmployees.Id, forTeamA.Id}},
		{o.member("Ben Employee B", "employee", teamB.Id), []string{forAll.Id, forEmployees.Id}},
		{o.member("Cas Employee Teamless", "employee", ""), []string{forAll.Id, forEmployees.Id}},
		{o.member("Dirk Lead A", "lead", teamA.Id), []string{forAll.Id, forLeads.Id, forTeamA.Id, forLeadsOfA.Id}},
		{o.member("Els Lead B", "lead", teamB.Id), []string{forAll.Id, forLeads.Id}},
		{&o.admin, []string{forAll.Id}},
	}
	sessions := make([]*Session, 0, len(cases))
	for _, c := range cases {
		if c.who != &o.admin {
			sessions = append(sessions, c.who)
		}
	}
	given := make([][]string, len(cases))
	// No repeats within 7 days while alternatives exist: the first len(want) days give each
	// allowed gesture once.
	for day := range 4 {
		o.at(loopAmsterdam(t, loopDay(day), "09:00:00"), sessions...)
		for i, c := range cases {
			as := a.loopToday(c.who)
			given[i] = append(given[i], as.Gesture.Id)
			if !slices.Contains(c.want, as.Gesture.Id) {
				t.Errorf("%s was given %q on %s, outside their audience", c.who.User.Name, as.Gesture.Title, loopDate(as))
			}
		}
	}
	for i, c := range cases {
		first := slices.Clone(given[i][:len(c.want)])
		slices.Sort(first)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(first, want) {
			t.Errorf("%s: the first %d days gave %v, want each of %v once", c.who.User.Name, len(want), first, want)
		}
		if slices.Contains(given[i], retired.Id) || slices.Contains(given[i], retiredLater.Id) {
			t.Errorf("%s was given a retired gesture", c.who.User.Name)
		}
	}

	t.Run("a swap stays inside the audience", func(t *testing.T) {
		ben := cases[1].who
		o.at(loopAmsterdam(t, loopDay(7), "09:00:00"), ben)
		as := a.loopToday(ben)
		var swapped Assignment
		a.call("POST", "/v1/me/assignments/"+as.Id+"/swap", ben.AccessToken, nil).expect(200).decode(&swapped)
		if !slices.Contains(cases[1].want, swapped.Gesture.Id) || swapped.Gesture.Id == as.Gesture.Id {
			t.Fatalf("swapped %q for %q", as.Gesture.Title, swapped.Gesture.Title)
		}
		// Both of Ben's gestures are used: nothing else is meant for him.
		a.call("POST", "/v1/me/assignments/"+as.Id+"/swap", ben.AccessToken, nil).wantProblem(409, "no_swaps_left")
	})
}

func TestLoopChallenges(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("challenges")
	teamA, teamB := a.team(o.admin, "Store A"), a.team(o.admin, "Store B")
	v := o.value("Attentive")
	gs := o.gestures(v.Id, "Greet", 3)
	forLeads := o.gesture(v.Id, "Only for leads", map[string]any{"roles": []string{"lead"}})
	mon, fri := loopMonday, loopDay(4)
	umbrella := o.challenge("Umbrella week", mon, fri, []string{gs[1].Id}, map[string]any{"team_ids": []string{teamA.Id}, "bonus_points": 7})
	o.challenge("Leads only", mon, fri, []string{forLeads.Id}, map[string]any{"bonus_points": 50})
	o.challenge("Next week", loopDay(7), loopDay(11), []string{gs[2].Id}, map[string]any{"bonus_points": 3})
	o.challenge("Last week", loopDay(-7), loopDay(-1), []string{gs[0].Id}, map[string]any{"bonus_points": 3})

	ann := o.member("Ann Store A", "employee", teamA.Id)
	ben := o.member("Ben Store B", "employee", teamB.Id)

	t.Run("an active challenge for the user's team gives its gesture, with the bonus on done", func(t *testing.T) {
		as := a.loopToday(ann)
		if as.Gesture.Id != gs[1].Id || as.Challenge == nil || as.Challenge.Id != umbrella.Id || as.Challenge.Name != "Umbrella week" {
			t.Fatalf("Ann got %q with challenge %+v, want the umbrella gesture", as.Gesture.Title, as.Challenge)
		}
		if as.PointsIfDone != 17 {
			t.Errorf("today's card shows %d points if done, want 17 (10 and the bonus of 7)", as.PointsIfDone)
		}
		r := a.loopOutcome(ann, as.Id, map[string]any{"result": "done"})
		if r.PointsAwarded != 17 || r.Assignment.Outcome.Points != 17 || r.Stats.Points.Total != 17 {
			t.Fatalf("done with a challenge of bonus 7: %d points, want 17", r.PointsAwarded)
		}
	})

	t.Run("the challenge does not force its gesture the next day while others are left", func(t *testing.T) {
		o.at(loopAmsterdam(t, loopDay(1), "09:00:00"), ann, ben)
		as := a.loopToday(ann)
		if as.Gesture.Id == gs[1].Id || as.Challenge != nil || as.PointsIfDone != 10 {
			t.Fatalf("Tuesday Ann got %q (challenge %+v, %d points if done) again", as.Gesture.Title, as.Challenge, as.PointsIfDone)
		}
	})

	t.Run("a challenge for another team or outside its dates is not preferred, nor its bonus given", func(t *testing.T) {
		// Ben's team is not in the umbrella challenge; the others are out of their dates, and the
		// leads' challenge gesture is not meant for him.
		for day := 1; day <= 4; day++ {
			o.at(loopAmsterdam(t, loopDay(day), "10:00:00"), ben)
			as := a.loopToday(ben)
			if as.Challenge != nil || as.Gesture.Id == forLeads.Id {
				t.Fatalf("%s Ben got %q with challenge %+v", loopDate(as), as.Gesture.Title, as.Challenge)
			}
			r := a.loopOutcome(ben, as.Id, map[string]any{"result": "done"})
			if r.PointsAwarded != 10 {
				t.Fatalf("%s Ben earned %d, want 10 (no bonus)", loopDate(as), r.PointsAwarded)
			}
		}
	})

	t.Run("a challenge is preferred from its first day to its last", func(t *testing.T) {
		// newcomers, so no gesture of theirs is recent
		for _, c := range []struct {
			day, at string
			want    bool
		}{{"first", "00:00:00", true}, {"last", "23:59:00", true}, {"after the", "00:00:00", false}} {
			n := map[string]int{"first": 7, "last": 11, "after the": 12}[c.day]
			who := o.member("Newcomer "+c.day, "employee", teamB.Id)
			o.at(loopAmsterdam(t, loopDay(n), c.at), who)
			as := a.loopToday(who)
			if got := as.Challenge != nil && as.Challenge.Name == "Next week" && as.Gesture.Id == gs[2].Id; got != c.want {
				t.Fatalf("%s day of Next week: %q (challenge %+v)", c.day, as.Gesture.Title, as.Challenge)
			}
		}
	})

	t.Run("a blocked or skipped challenge gesture earns no bonus", func(t *testing.T) {
		cas := o.member("Cas Store A", "employee", teamA.Id)
		dirk := o.member("Dirk Store A", "employee", teamA.Id)
		o.at(loopAmsterdam(t, loopMonday, "09:00:00"), cas, dirk)
		if _, r := a.loopDoToday(cas, "blocked"); r.PointsAwarded != 2 {
			t.Errorf("blocked challenge gesture: %d points, want 2", r.PointsAwarded)
		}
		if _, r := a.loopDoToday(dirk, "skipped"); r.PointsAwarded != 0 {
			t.Errorf("skipped challenge gesture: %d points, want 0", r.PointsAwarded)
		}
	})

	t.Run("a swap away from the challenge gesture drops the challenge", func(t *testing.T) {
		eef := o.member("Eef Store A", "employee", teamA.Id)
		o.at(loopAmsterdam(t, loopMonday, "09:00:00"), eef)
		as := a.loopToday(eef)
		var swapped Assignment
		a.call("POST", "/v1/me/assignments/"+as.Id+"/swap", eef.AccessToken, nil).expect(200).decode(&swapped)
		if swapped.Challenge != nil || swapped.Gesture.Id == gs[1].Id {
			t.Fatalf("after the swap: %q with challenge %+v", swapped.Gesture.Title, swapped.Challenge)
		}
		if r := a.loopOutcome(eef, as.Id, map[string]any{"result": "done"}); r.PointsAwarded != 10 {
			t.Fatalf("done after swapping away: %d points, want 10", r.PointsAwarded)
		}
	})

	t.Run("an assignment keeps the bonus it was given with", func(t *testing.T) {
		fien := o.member("Fien Store A", "employee", teamA.Id)
		o.at(loopAmsterdam(t, loopMonday, "09:00:00"), fien)
		as := a.loopToday(fien)
		if as.Challenge == nil || as.Challenge.Id != umbrella.Id {
			t.Fatalf("Fien got %q with challenge %+v, want the umbrella gesture", as.Gesture.Title, as.Challenge)
		}
		a.call("PATCH", "/v1/admin/challenges/"+umbrella.Id, o.admin.AccessToken, map[string]any{"bonus_points": 50}).expect(200)
		if r := a.loopOutcome(fien, as.Id, map[string]any{"result": "done"}); r.PointsAwarded != 17 {
			t.Fatalf("done after the bonus changed from 7 to 50: %d points, want 17 "+
				"(the API document: assignments already given keep the challenge and bonus they were given with)", r.PointsAwarded)
		}
	})
}

func TestLoopNoRepeatWithinFiveWorkdays(t *testing.T) {
	a := newAPI(t)
	t.Run("with 6 gestures 6 workdays differ and the 7th repeats the 1st", func(t *testing.T) {
		o := a.loopNewOrg("norepeat")
		v := o.value("Attentive")
		o.gestures(v.Id, "Greet", 6)
		eva := o.member("Eva Jansen", "employee", "")
		var ids []string
		for _, day := range []int{0, 1, 2, 3, 4, 7, 8} { // Monday to Friday, and the next Monday and Tuesday
			o.at(loopAmsterdam(t, loopDay(day), "09:00:00"), eva)
			ids = append(ids, a.loopToday(eva).Gesture.Id)
		}
		distinct := slices.Clone(ids[:6])
		slices.Sort(distinct)
		if len(slices.Compact(distinct)) != 6 {
			t.Fatalf("6 workdays gave %v: a repeat within 5 workdays", ids[:6])
		}
		if ids[6] != ids[0] {
			t.Fatalf("workday 7 gave %s; the only gesture not given in the previous 5 workdays is %s", ids[6], ids[0])
		}
	})

	t.Run("with 3 gestures 3 days differ", func(t *testing.T) {
		a.clock.Set(testNow)
		o := a.loopNewOrg("three")
		v := o.value("Attentive")
		o.gestures(v.Id, "Greet", 3)
		for _, name := range []string{"Eva Jansen", "Sam de Vries", "Ida Smit"} {
			s := o.member(name, "employee", "")
			var ids []string
			for day := range 3 {
				o.at(loopAmsterdam(t, loopDay(day), "09:00:00"), s)
				ids = append(ids, a.loopToday(s).Gesture.Id)
			}
			if len(slices.Compact(slices.Sorted(slices.Values(ids)))) != 3 {
				t.Fatalf("%s: 3 days gave %v", name, ids)
			}
			o.at(testNow)
		}
	})

	t.Run("with 1 gesture it repeats every day", func(t *testing.T) {
		a.clock.Set(testNow)
		o := a.loopNewOrg("one")
		v := o.value("Attentive")
		g := o.gesture(v.Id, "Greet")
		eva := o.member("Eva Jansen", "employee", "")
		for day := range 3 {
			o.at(loopAmsterdam(t, loopDay(day), "09:00:00"), eva)
			if as := a.loopToday(eva); as.Gesture.Id != g.Id {
				t.Fatalf("day %d gave %s", day, as.Gesture.Id)
			}
		}
	})
}

func TestLoopTodayIsStable(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("stable")
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 5)
	eva := o.member("Eva Jansen", "employee", "")

	t.Run("reading today twice gives the same assignment", func(t *testing.T) {
		first := a.loopToday(eva)
		if first.Status != "open" || first.SwapsLeft != 2 || first.Outcome != nil || first.Id != "20261123-"+eva.User.Id {
			t.Fatalf("first read: %+v", first)
		}
		o.at(loopAmsterdam(t, loopMonday, "23:59:59"), eva)
		if again := a.loopToday(eva); again.Id != first.Id || again.Gesture != first.Gesture {
			t.Fatalf("second read %+v, want %+v", again, first)
		}
	})

	t.Run("concurrent first reads make one assignment", func(t *testing.T) {
		sam := o.member("Sam de Vries", "employee", "")
		var wg sync.WaitGroup
		answers := make([]loopRaw, 10)
		for i := range answers {
			wg.Go(func() { answers[i] = a.loopGetRaw("/v1/me/today", sam.AccessToken) })
		}
		wg.Wait()
		for _, r := range answers[1:] {
			if r.err != nil || r.status != 200 || string(r.body) != string(answers[0].body) {
				t.Fatalf("concurrent reads differ: %d %s vs %s (%v)", r.status, r.body, answers[0].body, r.err)
			}
		}
		loopWantHistoryDays(t, a, sam, loopDate(a.loopToday(sam)))
	})
}

func TestLoopSwaps(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("swaps")
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 5)
	eva := o.member("Eva Jansen", "employee", "")
	sam := o.member("Sam de Vries", "employee", "")
	swap := func(s *Session, id string) response {
		t.Helper()
		return a.call("POST", "/v1/me/assignments/"+id+"/swap", s.AccessToken, nil)
	}

	t.Run("two swaps a day, each to a gesture not given before that day", func(t *testing.T) {
		as := a.loopToday(eva)
		seen := []string{as.Gesture.Id}
		for want := 1; want >= 0; want-- {
			var s Assignment
			swap(eva, as.Id).expect(200).decode(&s)
			if s.Id != as.Id || s.SwapsLeft != want || slices.Contains(seen, s.Gesture.Id) {
				t.Fatalf("swap: %+v, seen %v", s, seen)
			}
			seen = append(seen, s.Gesture.Id)
			if today := a.loopToday(eva); today.Gesture.Id != s.Gesture.Id || today.SwapsLeft != want {
				t.Fatalf("today after the swap: %+v", today)
			}
		}
		swap(eva, as.Id).wantProblem(409, "no_swaps_left")
	})

	t.Run("another user's assignment or a made-up id is not found", func(t *testing.T) {
		evas := a.loopToday(eva)
		swap(sam, evas.Id).wantProblem(404, "not_found")
		a.loopRecord(sam, evas.Id, map[string]any{"result": "done"}).wantProblem(404, "not_found")
		for _, id := range []string{"20261123-nobody", "nonsense", "20261323-" + sam.User.Id, "20261124-" + sam.User.Id} {
			swap(sam, id).expect(404)
			a.loopRecord(sam, id, map[string]any{"result": "done"}).expect(404)
		}
	})

	t.Run("after an outcome a swap is already_recorded", func(t *testing.T) {
		as := a.loopToday(sam)
		r := a.loopOutcome(sam, as.Id, map[string]any{"result": "done"})
		swap(sam, as.Id).wantProblem(409, "already_recorded")
		if r.Assignment.SwapsLeft != 0 {
			t.Errorf("swaps_left after the outcome: %d, want 0 (the API document: 0 once an outcome is recorded)", r.Assignment.SwapsLeft)
		}
	})

	t.Run("yesterday's assignment can no longer be swapped", func(t *testing.T) {
		ida := o.member("Ida Smit", "employee", "")
		monday := a.loopToday(ida)
		o.at(loopAmsterdam(t, loopDay(1), "09:00:00"), ida)
		a.loopToday(ida)
		swap(ida, monday.Id).wantProblem(422, "too_late")
	})

	t.Run("nor before today's is read, and history shows it has no swap left", func(t *testing.T) {
		// which day may still be swapped is domain.TestNewAssignmentAndSwap's
		jan := o.member("Jan Bakker", "employee", "")
		first := a.loopToday(jan)
		if first.SwapsLeft != 2 {
			t.Fatalf("the first day's swaps_left %d", first.SwapsLeft)
		}
		o.at(a.clock.Now().Add(24*time.Hour), jan) // the next day: the first's is still the newest
		swap(jan, first.Id).wantProblem(422, "too_late")
		a.call("GET", "/v1/me/assignments/"+first.Id+"/alternatives", jan.AccessToken, nil).wantProblem(422, "too_late")
		if hist := loopHistory(t, a, jan); len(hist) != 1 || hist[0].Id != first.Id || hist[0].SwapsLeft != 0 {
			t.Fatalf("history the next day %+v, want the first day's with swaps_left 0", hist)
		}
		if today := a.loopToday(jan); today.SwapsLeft != 2 {
			t.Errorf("the next day's swaps_left %d", today.SwapsLeft)
		}
	})

	t.Run("swaps_per_day sets the day's swaps", func(t *testing.T) {
		o.patchOrg(map[string]any{"swaps_per_day": 0})
		jan := o.member("Jan Visser", "employee", "")
		as := a.loopToday(jan)
		if as.SwapsLeft != 0 {
			t.Fatalf("swaps_left %d with swaps_per_day 0", as.SwapsLeft)
		}
		swap(jan, as.Id).wantProblem(409, "no_swaps_left")
		o.patchOrg(map[string]any{"swaps_per_day": 3})
		noor := o.member("Noor Bakker", "employee", "")
		if as := a.loopToday(noor); as.SwapsLeft != 3 {
			t.Fatalf("swaps_left %d with swaps_per_day 3", as.SwapsLeft)
		}
	})

	t.Run("a swap repeated with its Idempotency-Key swaps once, and answers the assignment", func(t *testing.T) {
		lot := o.member("Lot Mulder", "employee", "")
		as := a.loopToday(lot)
		keyed := func(id, key string) response {
			return a.call("POST", "/v1/me/assignments/"+id+"/swap", lot.AccessToken, nil, "Idempotency-Key", key)
		}
		var first, again Assignment
		keyed(as.Id, "swap-1").expect(200).decode(&first)
		if first.SwapsLeft != as.SwapsLeft-1 || first.Gesture.Id == as.Gesture.Id {
			t.Fatalf("the first swap: %+v", first)
		}
		r := keyed(as.Id, "swap-1")
		r.expect(200).decode(&again)
		if r.Header.Get("Idempotent-Replayed") != "true" || again.Gesture.Id != first.Gesture.Id || again.SwapsLeft != first.SwapsLeft {
			t.Fatalf("the repeat (replayed %q): %+v, want the first swap's assignment", r.Header.Get("Idempotent-Replayed"), again)
		}
		if today := a.loopToday(lot); today.Gesture.Id != first.Gesture.Id || today.SwapsLeft != first.SwapsLeft {
			t.Fatalf("today after the repeat: %+v, want one swap used", today)
		}
		// another key swaps again; the same key for an outcome is another request
		keyed(as.Id, "swap-2").expect(200)
		a.call("POST", "/v1/me/assignments/"+as.Id+"/outcome", lot.AccessToken, map[string]any{"result": "done"}, "Idempotency-Key", "swap-1").
			wantProblem(422, "idempotency_key_reused")
		// the repeat is still answered the next day, when a new swap of the assignment is too_late
		o.at(a.clock.Now().Add(24*time.Hour), lot)
		a.loopToday(lot)
		keyed(as.Id, "swap-1").expect(200)
		keyed(as.Id, "swap-3").wantProblem(422, "too_late")
	})

	t.Run("with one gesture there is nothing to swap to", func(t *testing.T) {
		o := a.loopNewOrg("single")
		v := o.value("Attentive")
		o.gesture(v.Id, "Greet")
		eva := o.member("Eva Jansen", "employee", "")
		as := a.loopToday(eva)
		a.call("POST", "/v1/me/assignments/"+as.Id+"/swap", eva.AccessToken, nil).wantProblem(409, "no_swaps_left")
		if again := a.loopToday(eva); again.SwapsLeft != 2 {
			t.Errorf("a refused swap used one: swaps_left %d", again.SwapsLeft)
		}
	})
}

func TestLoopNoGestureAvailable(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("empty")
	eva := o.member("Eva Jansen", "employee", "")
	// The API document: no active gesture meant for the caller is 409 no_gestures.
	a.call("GET", "/v1/me/today", eva.AccessToken, nil).wantProblem(409, "no_gestures")

	v := o.value("Attentive")
	o.gesture(v.Id, "For leads", map[string]any{"roles": []string{"lead"}})
	o.gesture(v.Id, "Retired", map[string]any{"active": false})
	a.call("GET", "/v1/me/today", eva.AccessToken, nil).wantProblem(409, "no_gestures")
	loopWantHistoryDays(t, a, eva)

	g := o.gesture(v.Id, "For everyone")
	if as := a.loopToday(eva); as.Gesture.Id != g.Id {
		t.Fatalf("with a gesture for her: %+v", as)
	}
}

// loopGetRaw sends a GET without touching t, for concurrent requests.
func (a *testAPI) loopGetRaw(path, token string) loopRaw {
	return a.loopDoRaw("GET", path, token, nil)
}
