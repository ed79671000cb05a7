package handlers

import (
	"slices"
	"strings"
	"testing"
)

// The catalogue an admin keeps: values, gestures, challenges.

func TestLoopCatalogValues(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("values")
	tok := o.admin.AccessToken

	t.Run("an admin creates, reads, lists and changes a value", func(t *testing.T) {
		var v Value
		a.call("POST", "/v1/admin/values", tok, map[string]any{"name": "Attentive", "description": "We notice first.",
			"translations": map[string]any{"nl": map[string]any{"name": "Attent"}}}).expect(201).decode(&v)
		if v.Id == "" || v.Name != "Attentive" || !v.Active || v.Translations.Nl == nil || *v.Translations.Nl.Name != "Attent" {
			t.Fatalf("created %+v", v)
		}
		var got Value
		a.call("GET", "/v1/admin/values/"+v.Id, tok, nil).expect(200).decode(&got)
		if got.Id != v.Id || got.Description != "We notice first." {
			t.Fatalf("read %+v", got)
		}
		a.call("PATCH", "/v1/admin/values/"+v.Id, tok, map[string]any{"name": "Attentive always"}).expect(200).decode(&got)
		if got.Name != "Attentive always" || got.Description != "We notice first." {
			t.Fatalf("changed %+v", got)
		}
		if ids := a.listAll("/v1/admin/values", tok, 1); !slices.Contains(ids, v.Id) {
			t.Fatalf("list %v", ids)
		}
	})

	t.Run("invalid values are refused", func(t *testing.T) {
		for _, c := range []struct {
			body   map[string]any
			status int
			field  string
		}{
			{map[string]any{"name": ""}, 422, "name"},
			{map[string]any{"name": strings.Repeat("x", 61)}, 422, "name"},
			{map[string]any{"name": "Fine", "description": strings.Repeat("x", 301)}, 422, "description"},
			{map[string]any{"name": "Fine", "colour": "red"}, 400, "colour"},
		} {
			p := a.call("POST", "/v1/admin/values", tok, c.body).expect(c.status).problem()
			if !p.names(c.field) {
				t.Errorf("%v: errors name %v, want %s", c.body, p.fieldNames(), c.field)
			}
		}
	})

	t.Run("only admins keep the catalogue", func(t *testing.T) {
		eva := o.member("Eva Jansen", "employee", "")
		a.call("POST", "/v1/admin/values", eva.AccessToken, map[string]any{"name": "Sneaky"}).wantProblem(403, "forbidden")
		a.call("GET", "/v1/admin/gestures", eva.AccessToken, nil).wantProblem(403, "forbidden")
	})

	t.Run("a value nothing refers to is deleted", func(t *testing.T) {
		v := o.value("Short-lived")
		a.call("DELETE", "/v1/admin/values/"+v.Id, tok, nil).expect(204)
		a.call("GET", "/v1/admin/values/"+v.Id, tok, nil).wantProblem(404, "not_found")
	})

	t.Run("a value an active gesture refers to is value_in_use", func(t *testing.T) {
		v := o.value("In use")
		o.gesture(v.Id, "Greet")
		a.call("DELETE", "/v1/admin/values/"+v.Id, tok, nil).wantProblem(409, "value_in_use")
		a.call("PATCH", "/v1/admin/values/"+v.Id, tok, map[string]any{"active": false}).wantProblem(409, "value_in_use")
	})

	t.Run("a value whose gestures history refers to is retired, and takes no new gestures", func(t *testing.T) {
		b := a.loopNewOrg("retire")
		v := b.value("Generous")
		other := b.value("Other")
		b.gesture(other.Id, "Other gesture", map[string]any{"roles": []string{"lead"}})
		g := b.gesture(v.Id, "Offer a taste")
		eva := b.member("Eva Jansen", "employee", "")
		as := a.loopToday(eva) // history now refers to the gesture
		// While the gesture is active (and given) the value stays.
		a.call("DELETE", "/v1/admin/values/"+v.Id, b.admin.AccessToken, nil).wantProblem(409, "value_in_use")
		a.call("DELETE", "/v1/admin/gestures/"+g.Id, b.admin.AccessToken, nil).expect(200)
		var retired Value
		a.call("DELETE", "/v1/admin/values/"+v.Id, b.admin.AccessToken, nil).expect(200).decode(&retired)
		if retired.Active || retired.Name != "Generous" {
			t.Fatalf("after delete: %+v, want it retired", retired)
		}
		if today := a.loopToday(eva); today.Id != as.Id || today.Gesture.Value.Name != "Generous" {
			t.Fatalf("history lost its value: %+v", today.Gesture)
		}
		p := a.call("POST", "/v1/admin/gestures", b.admin.AccessToken, map[string]any{"title": "New", "how_to": "x", "value_id": v.Id}).
			wantProblem(422, "invalid")
		if !p.names("value_id") {
			t.Errorf("errors name %v", p.fieldNames())
		}
		a.call("PATCH", "/v1/admin/values/"+v.Id, b.admin.AccessToken, map[string]any{"active": true}).expect(200)
		b.gesture(v.Id, "New")
	})

	t.Run("a value whose only gesture was retired unused is retired, not refused", func(t *testing.T) {
		v := o.value("Quiet")
		o.gesture(v.Id, "Never given", map[string]any{"roles": []string{"admin"}, "active": false})
		var got Value
		res := a.call("DELETE", "/v1/admin/values/"+v.Id, tok, nil)
		if res.Status == 409 {
			t.Fatalf("409 %s: no active gesture refers to the value (the API document: 409 only while an active gesture does)", res.Body)
		}
		res.expect(200).decode(&got)
		if got.Active {
			t.Fatalf("%+v", got)
		}
	})
}

func TestLoopCatalogGestures(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("gestures")
	tok := o.admin.AccessToken
	v := o.value("Attentive")
	team := a.team(o.admin, "Store")
	b := a.loopNewOrg("othergestures")
	bValue := b.value("Theirs")
	bTeam := a.team(b.admin, "Their store")
	bGesture := b.gesture(bValue.Id, "Their gesture")

	t.Run("a gesture gets defaults", func(t *testing.T) {
		g := o.gesture(v.Id, "Greet")
		if g.Points != 10 || !g.Active || len(g.Roles) != 0 || len(g.TeamIds) != 0 || g.Source != "admin" || g.ValueId != v.Id {
			t.Fatalf("%+v", g)
		}
	})

	t.Run("invalid gestures are refused", func(t *testing.T) {
		valid := func(extra map[string]any) map[string]any {
			return loopMerge(map[string]any{"title": "Greet", "how_to": "Say hello.", "value_id": v.Id}, extra)
		}
		for _, c := range []struct {
			name   string
			body   map[string]any
			status int
			field  string
		}{
			{"an unknown value", valid(map[string]any{"value_id": "nope"}), 422, "value_id"},
			{"another org's value", valid(map[string]any{"value_id": bValue.Id}), 422, "value_id"},
			{"an unknown team", valid(map[string]any{"team_ids": []string{"nope"}}), 422, "team_ids"},
			{"another org's team", valid(map[string]any{"team_ids": []string{bTeam.Id}}), 422, "team_ids"},
			{"zero points", valid(map[string]any{"points": 0}), 422, "points"},
			{"101 points", valid(map[string]any{"points": 101}), 422, "points"},
			{"an unknown role", valid(map[string]any{"roles": []string{"boss"}}), 422, "roles"},
			{"no title", valid(map[string]any{"title": ""}), 422, "title"},
			{"an unknown locale", valid(map[string]any{"translations": map[string]any{"es": map[string]any{"title": "Hola"}}}), 400, "translations.es"},
		} {
			t.Run(c.name, func(t *testing.T) {
				p := a.call("POST", "/v1/admin/gestures", tok, c.body).expect(c.status).problem()
				if !slices.ContainsFunc(p.fieldNames(), func(f string) bool { return f == c.field || strings.HasPrefix(f, c.field+".") }) {
					t.Errorf("errors name %v, want %s", p.fieldNames(), c.field)
				}
			})
		}
		g := o.gesture(v.Id, "Valid", map[string]any{"team_ids": []string{team.Id}, "roles": []string{"lead"}, "points": 100})
		a.call("PATCH", "/v1/admin/gestures/"+g.Id, tok, map[string]any{"value_id": "nope"}).wantProblem(422, "invalid")
		a.call("PATCH", "/v1/admin/gestures/"+g.Id, tok, map[string]any{"team_ids": []string{bTeam.Id}}).wantProblem(422, "invalid")
	})

	t.Run("?active= lists active or retired gestures", func(t *testing.T) {
		c := a.loopNewOrg("activefilter")
		cv := c.value("Attentive")
		gs := c.gestures(cv.Id, "Greet", 5)
		for _, g := range gs[1:3] {
			a.call("PATCH", "/v1/admin/gestures/"+g.Id, c.admin.AccessToken, map[string]any{"active": false}).expect(200)
		}
		active := a.listAll("/v1/admin/gestures?active=true", c.admin.AccessToken, 2)
		retired := a.listAll("/v1/admin/gestures?active=false", c.admin.AccessToken, 1)
		all := a.listAll("/v1/admin/gestures", c.admin.AccessToken, 100)
		// Ids made in one millisecond (the clock stands still) need not sort in creation order.
		slices.Sort(active)
		slices.Sort(retired)
		wantActive, wantRetired := []string{gs[0].Id, gs[3].Id, gs[4].Id}, []string{gs[1].Id, gs[2].Id}
		slices.Sort(wantActive)
		slices.Sort(wantRetired)
		if !slices.Equal(active, wantActive) || !slices.Equal(retired, wantRetired) || len(all) != 5 {
			t.Fatalf("active %v, retired %v, all %v", active, retired, all)
		}
	})

	t.Run("an unused gesture is deleted, a given one retired and no longer given", func(t *testing.T) {
		c := a.loopNewOrg("deletegesture")
		cv := c.value("Attentive")
		given := c.gesture(cv.Id, "Given")
		eva := c.member("Eva Jansen", "employee", "")
		as := a.loopToday(eva)
		spare := c.gesture(cv.Id, "Spare")
		a.call("DELETE", "/v1/admin/gestures/"+spare.Id, c.admin.AccessToken, nil).expect(204)
		a.call("GET", "/v1/admin/gestures/"+spare.Id, c.admin.AccessToken, nil).wantProblem(404, "not_found")
		var g Gesture
		a.call("DELETE", "/v1/admin/gestures/"+given.Id, c.admin.AccessToken, nil).expect(200).decode(&g)
		if g.Active || g.Title != "Given" {
			t.Fatalf("after delete: %+v", g)
		}
		if today := a.loopToday(eva); today.Gesture.Title != "Given" || today.Id != as.Id {
			t.Fatalf("history lost its gesture: %+v", today)
		}
		sam := c.member("Sam de Vries", "employee", "")
		a.call("GET", "/v1/me/today", sam.AccessToken, nil).wantProblem(409, "no_gestures")
	})

	t.Run("a gesture a challenge refers to is retired, not deleted", func(t *testing.T) {
		c := a.loopNewOrg("challengegesture")
		cv := c.value("Attentive")
		g := c.gesture(cv.Id, "In a challenge")
		ch := c.challenge("Later", loopDay(30), loopDay(40), []string{g.Id})
		res := a.call("DELETE", "/v1/admin/gestures/"+g.Id, c.admin.AccessToken, nil)
		if res.Status == 204 {
			var got Challenge
			a.call("GET", "/v1/admin/challenges/"+ch.Id, c.admin.AccessToken, nil).expect(200).decode(&got)
			t.Fatalf("deleted, leaving challenge gesture_ids %v pointing at nothing (the API document: "+
				"a gesture that history refers to — assignments, outcomes, challenges — is retired)", got.GestureIds)
		}
		res.expect(200)
	})

	t.Run("another org's gesture is not found", func(t *testing.T) {
		a.call("GET", "/v1/admin/gestures/"+bGesture.Id, tok, nil).wantProblem(404, "not_found")
		a.call("PATCH", "/v1/admin/gestures/"+bGesture.Id, tok, map[string]any{"title": "Mine"}).wantProblem(404, "not_found")
		a.call("DELETE", "/v1/admin/gestures/"+bGesture.Id, tok, nil).wantProblem(404, "not_found")
		a.call("GET", "/v1/admin/values/"+bValue.Id, tok, nil).wantProblem(404, "not_found")
		a.call("PATCH", "/v1/admin/values/"+bValue.Id, tok, map[string]any{"name": "Mine"}).wantProblem(404, "not_found")
		a.call("DELETE", "/v1/admin/values/"+bValue.Id, tok, nil).wantProblem(404, "not_found")
		var g Gesture
		a.call("GET", "/v1/admin/gestures/"+bGesture.Id, b.admin.AccessToken, nil).expect(200).decode(&g)
		if g.Title != "Their gesture" {
			t.Fatalf("the other org's gesture changed: %+v", g)
		}
	})
}

func TestLoopCatalogChallenges(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("challenges")
	tok := o.admin.AccessToken
	v := o.value("Attentive")
	gs := o.gestures(v.Id, "Greet", 2)
	team := a.team(o.admin, "Store")
	b := a.loopNewOrg("otherchallenges")
	bg := b.gesture(b.value("Theirs").Id, "Theirs")
	bTeam := a.team(b.admin, "Theirs")
	bChallenge := b.challenge("Theirs", loopMonday, loopDay(6), []string{bg.Id})

	t.Run("a challenge is created and read back", func(t *testing.T) {
		c := o.challenge("Umbrella week", loopMonday, loopDay(6), []string{gs[0].Id}, map[string]any{"team_ids": []string{team.Id}, "bonus_points": 5, "description": "Rain."})
		var got Challenge
		a.call("GET", "/v1/admin/challenges/"+c.Id, tok, nil).expect(200).decode(&got)
		if got.Name != "Umbrella week" || got.BonusPoints != 5 || got.StartsOn.Format("2006-01-02") != loopMonday ||
			got.EndsOn.Format("2006-01-02") != loopDay(6) || !slices.Equal(got.TeamIds, []string{team.Id}) || !slices.Equal(got.GestureIds, []string{gs[0].Id}) {
			t.Fatalf("%+v", got)
		}
		if ids := a.listAll("/v1/admin/challenges", tok, 1); !slices.Contains(ids, c.Id) {
			t.Fatalf("list %v", ids)
		}
	})

	t.Run("a challenge without bonus_points or description gets none", func(t *testing.T) {
		c := o.challenge("Plain week", loopMonday, loopDay(6), []string{gs[0].Id})
		if c.BonusPoints != 0 || c.Description != "" || len(c.TeamIds) != 0 {
			t.Fatalf("%+v", c)
		}
	})

	t.Run("invalid challenges are refused", func(t *testing.T) {
		valid := func(extra map[string]any) map[string]any {
			return loopMerge(map[string]any{"name": "C", "starts_on": loopMonday, "ends_on": loopDay(6), "gesture_ids": []string{gs[0].Id}}, extra)
		}
		for _, c := range []struct {
			name  string
			body  map[string]any
			field string
		}{
			{"ending before it starts", valid(map[string]any{"ends_on": loopDay(-1)}), "ends_on"},
			{"running over 366 days", valid(map[string]any{"ends_on": loopDay(367)}), "ends_on"},
			{"an unknown gesture", valid(map[string]any{"gesture_ids": []string{gs[0].Id, "C9ZZ"}}), "gesture_ids"},
			{"another org's gesture", valid(map[string]any{"gesture_ids": []string{bg.Id}}), "gesture_ids"},
			{"no gestures", valid(map[string]any{"gesture_ids": []string{}}), "gesture_ids"},
			{"an unknown team", valid(map[string]any{"team_ids": []string{"C9ZZ"}}), "team_ids"},
			{"another org's team", valid(map[string]any{"team_ids": []string{bTeam.Id}}), "team_ids"},
			{"a bonus over 100", valid(map[string]any{"bonus_points": 101}), "bonus_points"},
		} {
			t.Run(c.name, func(t *testing.T) {
				p := a.call("POST", "/v1/admin/challenges", tok, c.body).wantProblem(422, "invalid")
				if !p.names(c.field) {
					t.Errorf("errors name %v, want %s", p.fieldNames(), c.field)
				}
			})
		}
		ch := o.challenge("Patch me", loopMonday, loopDay(6), []string{gs[0].Id})
		p := a.call("PATCH", "/v1/admin/challenges/"+ch.Id, tok, map[string]any{"starts_on": loopDay(7)}).wantProblem(422, "invalid")
		if !p.names("ends_on") {
			t.Errorf("a patch moving the start past the end: errors name %v", p.fieldNames())
		}
	})

	t.Run("an unused challenge is deleted, a used one ends yesterday", func(t *testing.T) {
		c := a.loopNewOrg("endchallenge")
		cv := c.value("Attentive")
		cg := c.gestures(cv.Id, "Greet", 3)
		unused := c.challenge("Unused", loopDay(10), loopDay(12), []string{cg[0].Id})
		a.call("DELETE", "/v1/admin/challenges/"+unused.Id, c.admin.AccessToken, nil).expect(204)
		a.call("GET", "/v1/admin/challenges/"+unused.Id, c.admin.AccessToken, nil).wantProblem(404, "not_found")

		used := c.challenge("Used", loopDay(-3), loopDay(10), []string{cg[1].Id}, map[string]any{"bonus_points": 4})
		eva := c.member("Eva Jansen", "employee", "")
		if as := a.loopToday(eva); as.Challenge == nil {
			t.Fatal("the running challenge was not preferred")
		}
		var ended Challenge
		a.call("DELETE", "/v1/admin/challenges/"+used.Id, c.admin.AccessToken, nil).expect(200).decode(&ended)
		if ended.EndsOn.Format("2006-01-02") != loopDay(-1) || ended.StartsOn.Format("2006-01-02") != loopDay(-3) {
			t.Fatalf("ended %s..%s, want it to end yesterday %s", ended.StartsOn, ended.EndsOn, loopDay(-1))
		}
		sam := c.member("Sam de Vries", "employee", "")
		if as := a.loopToday(sam); as.Challenge != nil {
			t.Fatalf("an ended challenge was still preferred: %+v", as.Challenge)
		}
		// Eva's assignment keeps its challenge and bonus.
		if r := a.loopOutcome(eva, a.loopToday(eva).Id, map[string]any{"result": "done"}); r.PointsAwarded != 14 || r.Assignment.Challenge == nil {
			t.Fatalf("done for the ended challenge: %d points, challenge %+v", r.PointsAwarded, r.Assignment.Challenge)
		}
	})

	t.Run("another org's challenge is not found", func(t *testing.T) {
		a.call("GET", "/v1/admin/challenges/"+bChallenge.Id, tok, nil).wantProblem(404, "not_found")
		a.call("PATCH", "/v1/admin/challenges/"+bChallenge.Id, tok, map[string]any{"name": "Mine"}).wantProblem(404, "not_found")
		a.call("DELETE", "/v1/admin/challenges/"+bChallenge.Id, tok, nil).wantProblem(404, "not_found")
	})
}

func TestLoopTranslationsFollowTheUsersLocale(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("locale")
	v := o.value("Attentive", map[string]any{"translations": map[string]any{"nl": map[string]any{"name": "Attent", "description": "We zien het eerst."}}})
	g := o.gesture(v.Id, "Hold the door", map[string]any{"how_to": "Hold it open.",
		"translations": map[string]any{"nl": map[string]any{"title": "Houd de deur open", "how_to": "Houd hem open."}}})
	eva := o.member("Eva Jansen", "employee", "")

	as := a.loopToday(eva)
	if as.Gesture.Title != "Hold the door" || as.Gesture.HowTo != "Hold it open." || as.Gesture.Value.Name != "Attentive" {
		t.Fatalf("in English: %+v", as.Gesture)
	}
	a.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"locale": "nl"}).expect(200)
	as = a.loopToday(eva)
	if as.Gesture.Title != "Houd de deur open" || as.Gesture.HowTo != "Houd hem open." ||
		as.Gesture.Value.Name != "Attent" || as.Gesture.Value.Description != "We zien het eerst." {
		t.Fatalf("in Dutch: %+v", as.Gesture)
	}
	if hist := loopHistory(t, a, eva); hist[0].Gesture.Title != "Houd de deur open" {
		t.Fatalf("history in Dutch: %+v", hist[0].Gesture)
	}

	// A translation without a how_to falls back to the base one.
	a.call("PATCH", "/v1/admin/gestures/"+g.Id, o.admin.AccessToken,
		map[string]any{"translations": map[string]any{"nl": map[string]any{"title": "Deur open"}}}).expect(200)
	as = a.loopToday(eva)
	if as.Gesture.Title != "Deur open" || as.Gesture.HowTo != "Hold it open." {
		t.Fatalf("a partial translation: %+v", as.Gesture)
	}
	r := a.loopOutcome(eva, as.Id, map[string]any{"result": "done"})
	if r.Assignment.Gesture.Title != "Deur open" || r.BadgesEarned[0].Name != "Eerste gebaar" {
		t.Fatalf("the outcome's answer: %+v, badges %+v", r.Assignment.Gesture, r.BadgesEarned)
	}
}
