package handlers

import (
	"slices"
	"testing"
)

// Content by channel and a swap the employee chooses (issue 23).

func TestPickFollowsTheTeamsChannel(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("channels")
	v := o.value("Attentive")
	seat := o.gesture(v.Id, "Offer a seat", map[string]any{"channels": []string{"store"}})
	callback := o.gesture(v.Id, "Call back as promised", map[string]any{"channels": []string{"phone"}})
	byName := o.gesture(v.Id, "Use their name", map[string]any{"channels": []string{"phone", "store"}})
	thanks := o.gesture(v.Id, "Say thank you")
	if !slices.Equal(byName.Channels, []Channel{"store", "phone"}) || thanks.Channels == nil || len(thanks.Channels) != 0 {
		t.Fatalf("channels as stored: %v and %v", byName.Channels, thanks.Channels)
	}

	var service Team
	a.call("POST", "/v1/admin/teams", o.admin.AccessToken, map[string]any{"name": "Customer Service", "channel": "phone"}).expect(201).decode(&service)
	shop := a.team(o.admin, "Store Utrecht")
	if service.Channel == nil || *service.Channel != "phone" || shop.Channel != nil {
		t.Fatalf("teams' channels: %v, %v", service.Channel, shop.Channel)
	}
	a.call("PATCH", "/v1/admin/teams/"+shop.Id, o.admin.AccessToken, map[string]any{"channel": "store"}).expect(200).decode(&shop)
	if shop.Channel == nil || *shop.Channel != "store" {
		t.Fatalf("the shop's channel after the patch: %v", shop.Channel)
	}

	cases := []struct {
		name string
		team string
		want []string
	}{
		{"a call-centre agent never gets a shop's gesture", service.Id, []string{callback.Id, byName.Id, thanks.Id}},
		{"a shop employee never gets a phone gesture", shop.Id, []string{seat.Id, byName.Id, thanks.Id}},
		{"someone without a team gets every gesture", "", []string{seat.Id, callback.Id, byName.Id, thanks.Id}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			who := o.member("Member "+c.name[:12], "employee", c.team)
			var given []string
			for day := range 5 { // a working week: every fitting gesture comes once before any repeats
				o.at(loopAmsterdam(t, loopDay(day), "09:00:00"), who)
				as := a.loopToday(who)
				if !slices.Contains(c.want, as.Gesture.Id) {
					t.Fatalf("%s was given %q", loopDate(as), as.Gesture.Title)
				}
				given = append(given, as.Gesture.Id)
				if day == 0 && as.SwapsLeft > 0 {
					var alts AlternativeList
					a.call("GET", "/v1/me/assignments/"+as.Id+"/alternatives", who.AccessToken, nil).expect(200).decode(&alts)
					for _, alt := range alts.Items {
						if !slices.Contains(c.want, alt.Gesture.Id) {
							t.Fatalf("offered %q", alt.Gesture.Title)
						}
					}
				}
			}
			if got := slices.Compact(slices.Sorted(slices.Values(given[:len(c.want)]))); len(got) != len(c.want) {
				t.Errorf("the first %d days gave %v, want each of %v once", len(c.want), given, c.want)
			}
			o.at(testNow)
		})
	}

	t.Run("a call centre with only shop gestures has nothing to give", func(t *testing.T) {
		for _, g := range []Gesture{callback, byName, thanks} {
			a.call("PATCH", "/v1/admin/gestures/"+g.Id, o.admin.AccessToken, map[string]any{"channels": []string{"store"}}).expect(200)
		}
		agent := o.member("Agent Later", "employee", service.Id)
		a.call("GET", "/v1/me/today", agent.AccessToken, nil).wantProblem(409, "no_gestures")
		a.call("PATCH", "/v1/admin/teams/"+service.Id, o.admin.AccessToken, map[string]any{"channel": nil}).expect(200).decode(&service)
		if service.Channel != nil {
			t.Fatalf("a null channel was kept: %v", *service.Channel)
		}
		if as := a.loopToday(agent); as.Gesture.Id == "" {
			t.Fatalf("without a channel the team gets every gesture: %+v", as)
		}
	})

	t.Run("an unknown channel is refused, and changes nothing", func(t *testing.T) {
		p := a.call("POST", "/v1/admin/gestures", o.admin.AccessToken, map[string]any{"title": "Fax", "how_to": "Send a fax.", "value_id": v.Id, "channels": []string{"fax"}}).wantProblem(422, "invalid")
		if !slices.ContainsFunc(p.fieldNames(), func(f string) bool { return len(f) >= 8 && f[:8] == "channels" }) {
			t.Errorf("fields %v, want channels", p.fieldNames())
		}
		p = a.call("PATCH", "/v1/admin/teams/"+shop.Id, o.admin.AccessToken, map[string]any{"channel": "shop"}).wantProblem(422, "invalid")
		if !slices.ContainsFunc(p.fieldNames(), func(f string) bool { return len(f) >= 7 && f[:7] == "channel" }) {
			t.Errorf("fields %v, want channel", p.fieldNames())
		}
		var again Team
		a.call("GET", "/v1/admin/teams/"+shop.Id, o.admin.AccessToken, nil).expect(200).decode(&again)
		if again.Channel == nil || *again.Channel != "store" {
			t.Errorf("the shop's channel after a refused patch: %v", again.Channel)
		}
	})
}

func TestAlternatives(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("alternatives")
	red := o.value("Attentive")
	blue := o.value("Reliable")
	gs := append(o.gestures(red.Id, "Greet", 3), o.gestures(blue.Id, "Promise", 2)...)
	o.challenge("Umbrella week", loopMonday, loopDay(4), []string{gs[4].Id}, map[string]any{"bonus_points": 7})
	eva := o.member("Eva Jansen", "employee", "")
	sam := o.member("Sam de Vries", "employee", "")
	alternatives := func(s *Session, id string) response {
		t.Helper()
		return a.call("GET", "/v1/me/assignments/"+id+"/alternatives", s.AccessToken, nil)
	}

	as := a.loopToday(eva)
	if as.Gesture.Id != gs[4].Id || as.PointsIfDone != 17 {
		t.Fatalf("today: %q, %d points if done; want the challenge's gesture, 17", as.Gesture.Title, as.PointsIfDone)
	}
	var alts AlternativeList
	alternatives(eva, as.Id).expect(200).decode(&alts)
	t.Run("up to three, each with its value, never today's gesture", func(t *testing.T) {
		if alts.AssignmentId != as.Id || alts.SwapsLeft != 2 || len(alts.Items) != 3 {
			t.Fatalf("alternatives %+v", alts)
		}
		for _, alt := range alts.Items {
			want := red
			if slices.ContainsFunc(gs[3:], func(g Gesture) bool { return g.Id == alt.Gesture.Id }) {
				want = blue
			}
			if alt.Gesture.Id == as.Gesture.Id || alt.Gesture.Value.Id != want.Id || alt.Gesture.Value.Name != want.Name ||
				alt.Challenge != nil || alt.PointsIfDone != 10 {
				t.Errorf("alternative %+v", alt)
			}
		}
	})
	t.Run("reading them changes nothing", func(t *testing.T) {
		var again AlternativeList
		alternatives(eva, as.Id).expect(200).decode(&again)
		if !slices.EqualFunc(again.Items, alts.Items, func(x, y Alternative) bool { return x.Gesture.Id == y.Gesture.Id }) {
			t.Errorf("a second read offered %+v, first %+v", again.Items, alts.Items)
		}
		if today := a.loopToday(eva); today.Gesture.Id != as.Gesture.Id || today.SwapsLeft != 2 {
			t.Errorf("today after reading the alternatives: %+v", today)
		}
	})
	t.Run("the challenge's bonus is in points_if_done of an alternative", func(t *testing.T) {
		o := a.loopNewOrg("alternatives-bonus")
		v := o.value("Attentive")
		gs := o.gestures(v.Id, "Greet", 4)
		ben := o.member("Ben Bakker", "employee", "")
		today := a.loopToday(ben)
		other := gs[0]
		if other.Id == today.Gesture.Id {
			other = gs[1]
		}
		// a challenge that starts after today's gesture was given: its gesture comes first among the alternatives
		ch := o.challenge("Smile week", loopMonday, loopDay(4), []string{other.Id}, map[string]any{"bonus_points": 5})
		var alts AlternativeList
		alternatives(ben, today.Id).expect(200).decode(&alts)
		if len(alts.Items) != 3 || alts.Items[0].Gesture.Id != other.Id || alts.Items[0].PointsIfDone != 15 ||
			alts.Items[0].Challenge == nil || alts.Items[0].Challenge.Id != ch.Id || alts.Items[0].Challenge.Name != "Smile week" {
			t.Fatalf("alternatives %+v, want %q first with 15 points if done", alts.Items, other.Title)
		}
		var swapped Assignment
		a.call("POST", "/v1/me/assignments/"+today.Id+"/swap", ben.AccessToken, map[string]any{"gesture_id": other.Id}).expect(200).decode(&swapped)
		if swapped.Challenge == nil || swapped.Challenge.Id != ch.Id || swapped.PointsIfDone != 15 {
			t.Fatalf("chose the challenge's gesture: %+v", swapped)
		}
		if r := a.loopOutcome(ben, today.Id, map[string]any{"result": "done"}); r.PointsAwarded != 15 {
			t.Errorf("done: %d points, the card promised 15", r.PointsAwarded)
		}
	})
	t.Run("refused as the swap would be", func(t *testing.T) {
		alternatives(sam, as.Id).wantProblem(404, "not_found")
		alternatives(eva, "20261123-nobody").expect(404)
		done := a.loopToday(sam)
		a.loopOutcome(sam, done.Id, map[string]any{"result": "skipped"})
		alternatives(sam, done.Id).wantProblem(409, "already_recorded")
		o.patchOrg(map[string]any{"swaps_per_day": 0})
		ida := o.member("Ida Smit", "employee", "")
		alternatives(ida, a.loopToday(ida).Id).wantProblem(409, "no_swaps_left")
		o.patchOrg(map[string]any{"swaps_per_day": 2})
		o.at(loopAmsterdam(t, loopDay(1), "09:00:00"), eva)
		a.loopToday(eva)
		alternatives(eva, as.Id).wantProblem(422, "too_late")
	})
}

func TestSwapToAChosenGesture(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("choose")
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 6)
	eva := o.member("Eva Jansen", "employee", "")
	swap := func(s *Session, id string, body any, headers ...string) response {
		t.Helper()
		return a.call("POST", "/v1/me/assignments/"+id+"/swap", s.AccessToken, body, headers...)
	}
	offered := func(s *Session, id string) []string {
		t.Helper()
		var alts AlternativeList
		a.call("GET", "/v1/me/assignments/"+id+"/alternatives", s.AccessToken, nil).expect(200).decode(&alts)
		var out []string
		for _, x := range alts.Items {
			out = append(out, x.Gesture.Id)
		}
		return out
	}

	as := a.loopToday(eva)
	first := offered(eva, as.Id)
	t.Run("the last alternative can be chosen, and today follows", func(t *testing.T) {
		var s Assignment
		swap(eva, as.Id, map[string]any{"gesture_id": first[2]}).expect(200).decode(&s)
		if s.Gesture.Id != first[2] || s.SwapsLeft != 1 {
			t.Fatalf("swapped to %+v, chose %s", s, first[2])
		}
		if today := a.loopToday(eva); today.Gesture.Id != first[2] || today.SwapsLeft != 1 {
			t.Fatalf("today after the choice: %+v", today)
		}
		again := offered(eva, as.Id)
		if slices.Contains(again, as.Gesture.Id) || slices.Contains(again, first[2]) {
			t.Errorf("offered after the swap %v: the gesture swapped away or today's", again)
		}
	})
	t.Run("a gesture not offered is refused with a field error, and no swap is used", func(t *testing.T) {
		now := offered(eva, as.Id)
		for _, g := range []string{as.Gesture.Id, first[2], "01JD4G2K7M9P1R3T5V7X9Z1B3D"} {
			if slices.Contains(now, g) {
				continue
			}
			p := swap(eva, as.Id, map[string]any{"gesture_id": g}).wantProblem(422, "invalid")
			if !slices.Equal(p.fieldNames(), []string{"gesture_id"}) {
				t.Errorf("fields %v", p.fieldNames())
			}
		}
		swap(eva, as.Id, map[string]any{"gesture_id": "not an id"}).wantProblem(422, "invalid")
		swap(eva, as.Id, map[string]any{"gesture": now[0]}).wantProblem(400, "unknown_field")
		if today := a.loopToday(eva); today.SwapsLeft != 1 || today.Gesture.Id != first[2] {
			t.Errorf("a refused choice changed today: %+v", today)
		}
	})
	t.Run("a body without gesture_id picks blind: the first alternative", func(t *testing.T) {
		now := offered(eva, as.Id)
		var s Assignment
		swap(eva, as.Id, map[string]any{}).expect(200).decode(&s)
		if s.Gesture.Id != now[0] || s.SwapsLeft != 0 {
			t.Errorf("swapped to %s, want %s", s.Gesture.Id, now[0])
		}
	})
	t.Run("the Idempotency-Key keeps the choice: another gesture with the same key is a reused key", func(t *testing.T) {
		sam := o.member("Sam de Vries", "employee", "")
		today := a.loopToday(sam)
		alts := offered(sam, today.Id)
		var s, replay Assignment
		swap(sam, today.Id, map[string]any{"gesture_id": alts[1]}, "Idempotency-Key", "choose-1").expect(200).decode(&s)
		r := swap(sam, today.Id, map[string]any{"gesture_id": alts[1]}, "Idempotency-Key", "choose-1")
		r.expect(200).decode(&replay)
		if r.Header.Get("Idempotent-Replayed") != "true" || replay.Gesture.Id != alts[1] || replay.SwapsLeft != 1 {
			t.Fatalf("the repeat: %+v (replayed %q)", replay, r.Header.Get("Idempotent-Replayed"))
		}
		swap(sam, today.Id, map[string]any{"gesture_id": alts[2]}, "Idempotency-Key", "choose-1").wantProblem(422, "idempotency_key_reused")
		swap(sam, today.Id, nil, "Idempotency-Key", "choose-1").wantProblem(422, "idempotency_key_reused")
		if now := a.loopToday(sam); now.Gesture.Id != alts[1] || now.SwapsLeft != 1 {
			t.Errorf("today after the repeats: %+v", now)
		}
	})
}
