package handlers

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Suggestions (contract section 5): reviewed by the author's lead or an admin; approval makes an
// active gesture (for the author's team when a lead approves, for everyone when an admin does);
// the author is notified either way; a suggestion is reviewed once.

// socialReview approves or rejects a suggestion as s (note "" sends no body).
func (a *testAPI) socialReview(s *Session, id, review, note string) response {
	a.t.Helper()
	var body any
	if note != "" {
		body = map[string]any{"note": note}
	}
	return a.call("POST", "/v1/suggestions/"+id+"/"+review, s.AccessToken, body)
}

// socialGesture reads a gesture as admin.
func (o *socialOrg) socialGesture(id string) Gesture {
	o.t.Helper()
	var g Gesture
	o.a.call("GET", "/v1/admin/gestures/"+id, o.admin.AccessToken, nil).expect(200).decode(&g)
	return g
}

// socialSuggestionGestures lists the ids of the catalogue's gestures that came from suggestions.
func (o *socialOrg) socialSuggestionGestures() []string {
	o.t.Helper()
	var l GestureList
	o.a.call("GET", "/v1/admin/gestures?limit=100", o.admin.AccessToken, nil).expect(200).decode(&l)
	var ids []string
	for _, g := range l.Items {
		if g.Source == "suggestion" {
			ids = append(ids, g.Id)
		}
	}
	return ids
}

func TestSocialSuggestionApproval(t *testing.T) {
	o := socialNewOrg(t, "suggest-approve")
	suggested := o.a.clock.Now()
	byEva := o.a.socialSuggest(o.eva, o.value.Id, "Offer a glass of water")
	o.a.clock.Advance(time.Second) // lists are newest first
	byOlaf := o.a.socialSuggest(o.olaf, o.value.Id, "Hold the umbrella")

	t.Run("a new suggestion is pending, with its author and value", func(t *testing.T) {
		if byEva.Status != "pending" || byEva.Note != "" || byEva.GestureId != nil || byEva.Author != (UserRef{Id: o.eva.User.Id, Name: "Eva Jansen"}) ||
			byEva.Value != (ValueRef{Id: o.value.Id, Name: "Attentive"}) || byEva.HowTo != "How to Offer a glass of water." || !byEva.CreatedAt.Equal(suggested) {
			t.Errorf("suggestion %+v", byEva)
		}
	})

	var lenaGesture, adminGesture string
	t.Run("approved by the author's lead, it becomes a gesture for the author's team only", func(t *testing.T) {
		var sg Suggestion
		o.a.socialReview(o.lena, byEva.Id, "approve", "Lovely idea.").expect(200).decode(&sg)
		if sg.Status != "approved" || sg.Note != "Lovely idea." || sg.GestureId == nil || sg.Id != byEva.Id {
			t.Fatalf("suggestion %+v", sg)
		}
		lenaGesture = *sg.GestureId
		g := o.socialGesture(lenaGesture)
		if !slices.Equal(g.TeamIds, []string{o.red.Id}) || len(g.Roles) != 0 || !g.Active || g.Source != "suggestion" ||
			g.Title != "Offer a glass of water" || g.HowTo != "How to Offer a glass of water." || g.ValueId != o.value.Id {
			t.Errorf("gesture %+v", g)
		}
	})
	t.Run("approved by an admin, it becomes a gesture for everyone", func(t *testing.T) {
		var sg Suggestion
		o.a.socialReview(&o.admin, byOlaf.Id, "approve", "").expect(200).decode(&sg)
		if sg.Status != "approved" || sg.Note != "" || sg.GestureId == nil {
			t.Fatalf("suggestion %+v", sg)
		}
		adminGesture = *sg.GestureId
		if g := o.socialGesture(adminGesture); len(g.TeamIds) != 0 || len(g.Roles) != 0 || !g.Active || g.Source != "suggestion" {
			t.Errorf("gesture %+v", g)
		}
	})
	t.Run("the gestures are given to their audiences", func(t *testing.T) {
		o.a.call("PATCH", "/v1/admin/gestures/"+o.gesture.Id, o.admin.AccessToken, map[string]any{"active": false}).expect(200)
		given := map[*Session][]string{}
		for range 2 { // without repeats while an alternative exists, two days give a Red member both
			for _, s := range []*Session{o.ben, o.lena, o.olaf, o.max} {
				given[s] = append(given[s], o.a.loopToday(s).Gesture.Id)
			}
			o.socialAdvance(day)
		}
		for _, s := range []*Session{o.ben, o.lena} {
			if !slices.Contains(given[s], lenaGesture) || !slices.Contains(given[s], adminGesture) {
				t.Errorf("%s (Red) was given %q, want both approved gestures", s.User.Name, given[s])
			}
		}
		for _, s := range []*Session{o.olaf, o.max} {
			if !slices.Equal(given[s], []string{adminGesture, adminGesture}) {
				t.Errorf("%s (Blue) was given %q, want only the admin's", s.User.Name, given[s])
			}
		}
	})
	t.Run("the author is notified of the approval", func(t *testing.T) {
		for _, c := range []struct {
			s  *Session
			sg Suggestion
		}{{o.eva, byEva}, {o.olaf, byOlaf}} {
			notes := o.a.socialNotices(c.s, "suggestion_reviewed")
			if len(notes) != 1 || notes[0].Data["suggestion_id"] != c.sg.Id || notes[0].Data["status"] != "approved" || !strings.Contains(notes[0].Body, c.sg.Title) {
				t.Errorf("%s's notifications: %+v", c.s.User.Name, notes)
			}
		}
	})
	t.Run("the lists show them approved, no longer pending", func(t *testing.T) {
		socialWantIDs(t, "the admin's pending", o.a.socialSuggestionIDs(&o.admin, ""), nil)
		socialWantIDs(t, "the admin's approved", o.a.socialSuggestionIDs(&o.admin, "approved"), []string{byOlaf.Id, byEva.Id})
		socialWantIDs(t, "Lena's approved", o.a.socialSuggestionIDs(o.lena, "approved"), []string{byEva.Id})
		socialWantIDs(t, "Max's approved", o.a.socialSuggestionIDs(o.max, "approved"), []string{byOlaf.Id})
	})
}

func TestSocialSuggestionRejection(t *testing.T) {
	o := socialNewOrg(t, "suggest-reject")
	sg := o.a.socialSuggest(o.eva, o.value.Id, "Sing to customers")

	t.Run("rejecting keeps the note and makes no gesture", func(t *testing.T) {
		var got Suggestion
		o.a.socialReview(o.lena, sg.Id, "reject", "  Not everyone likes singing.  ").expect(200).decode(&got)
		if got.Status != "rejected" || got.Note != "Not everyone likes singing." || got.GestureId != nil {
			t.Errorf("suggestion %+v", got)
		}
		if ids := o.socialSuggestionGestures(); len(ids) != 0 {
			t.Errorf("gestures from suggestions: %q", ids)
		}
		socialWantIDs(t, "rejected", o.a.socialSuggestionIDs(&o.admin, "rejected"), []string{sg.Id})
	})
	t.Run("the author is notified of the rejection", func(t *testing.T) {
		notes := o.a.socialNotices(o.eva, "suggestion_reviewed")
		if len(notes) != 1 || notes[0].Data["suggestion_id"] != sg.Id || notes[0].Data["status"] != "rejected" || !strings.Contains(notes[0].Body, "Sing to customers") {
			t.Errorf("notifications: %+v", notes)
		}
	})
	t.Run("a note with control characters or over 1000 characters is 422", func(t *testing.T) {
		fresh := o.a.socialSuggest(o.eva, o.value.Id, "Whistle")
		o.a.socialReview(o.lena, fresh.Id, "reject", "No\x07thanks").wantProblem(422, "invalid")
		o.a.socialReview(o.lena, fresh.Id, "reject", strings.Repeat("n", 1001)).wantProblem(422, "invalid")
		socialWantIDs(t, "still pending", o.a.socialSuggestionIDs(o.lena, "pending"), []string{fresh.Id})
	})
}

func TestSocialSuggestionReviewedOnce(t *testing.T) {
	o := socialNewOrg(t, "suggest-once")
	for _, c := range []struct{ first, second string }{
		{"approve", "approve"}, {"approve", "reject"}, {"reject", "approve"}, {"reject", "reject"},
	} {
		t.Run(c.first+" then "+c.second+" is 409 already_reviewed", func(t *testing.T) {
			a := o.a.in(t)
			sg := a.socialSuggest(o.eva, o.value.Id, "Smile at "+c.first+" and "+c.second)
			var first Suggestion
			a.socialReview(o.lena, sg.Id, c.first, "").expect(200).decode(&first)
			gestures := o.socialSuggestionGestures()
			notes := len(a.socialNotices(o.eva, "suggestion_reviewed"))
			for _, s := range []*Session{o.lena, &o.admin} {
				a.socialReview(s, sg.Id, c.second, "Again.").wantProblem(409, "already_reviewed")
			}
			socialWantIDs(t, "gestures from suggestions", o.socialSuggestionGestures(), gestures)
			if got := len(a.socialNotices(o.eva, "suggestion_reviewed")); got != notes {
				t.Errorf("%d notifications after the refused review, want %d", got, notes)
			}
			status := map[string]string{"approve": "approved", "reject": "rejected"}[c.first]
			if !slices.Contains(a.socialSuggestionIDs(&o.admin, status), sg.Id) {
				t.Errorf("the suggestion is no longer %s", status)
			}
		})
	}

	t.Run("two reviews at once: one wins, the other is 409, one gesture at most", func(t *testing.T) {
		for range 5 {
			sg := o.a.socialSuggest(o.eva, o.value.Id, "Race")
			before := len(o.socialSuggestionGestures())
			var wg sync.WaitGroup
			res := make([]loopRaw, 2)
			for i, s := range []*Session{o.lena, &o.admin} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					res[i] = o.a.loopPostRaw("/v1/suggestions/"+sg.Id+"/approve", s.AccessToken, map[string]any{})
				}()
			}
			wg.Wait()
			statuses := []int{res[0].status, res[1].status}
			slices.Sort(statuses)
			if !slices.Equal(statuses, []int{200, 409}) {
				t.Fatalf("statuses %v (%s / %s)", statuses, res[0].body, res[1].body)
			}
			if got := len(o.socialSuggestionGestures()); got != before+1 {
				t.Errorf("%d gestures from suggestions, want %d", got, before+1)
			}
			o.a.clock.Advance(time.Second)
		}
	})
}

// The OpenAPI document says an approved suggestion's gesture gets "the org's default points",
// and PointsSettings.done is the "Default points of a done gesture".
func TestSocialSuggestionDefaultPoints(t *testing.T) {
	o := socialNewOrg(t, "suggest-points")
	o.patchOrg(map[string]any{"points": map[string]any{"done": 15}})
	var sg Suggestion
	o.a.socialReview(&o.admin, o.a.socialSuggest(o.eva, o.value.Id, "Say goodbye").Id, "approve", "").expect(200).decode(&sg)
	if g := o.socialGesture(*sg.GestureId); g.Points != 15 {
		t.Errorf("the gesture is worth %d, want the org's 15", g.Points)
	}
}

func TestSocialSuggestionEdges(t *testing.T) {
	o := socialNewOrg(t, "suggest-edges")

	t.Run("nobody reviews their own suggestion: another lead of the team or an admin does", func(t *testing.T) {
		own := o.a.socialSuggest(o.lena, o.value.Id, "Lead by example")
		for _, review := range []string{"approve", "reject"} {
			o.a.socialReview(o.lena, own.Id, review, "").wantProblem(403, "own_suggestion")
		}
		if !slices.Contains(o.a.socialSuggestionIDs(&o.admin, "pending"), own.Id) {
			t.Fatal("a refused review changed the suggestion: it is no longer pending")
		}
		colead := o.socialMember("Cor Colead", "lead", o.red.Id)
		o.socialLeads(o.red, o.lena, colead)
		o.a.socialReview(colead, own.Id, "approve", "").expect(200)
	})
	t.Run("an admin's own suggestion is reviewed by another admin", func(t *testing.T) {
		own := o.a.socialSuggest(&o.admin, o.value.Id, "Admins lead too")
		o.a.socialReview(&o.admin, own.Id, "approve", "").wantProblem(403, "own_suggestion")
		second := o.socialMember("Second Admin", "admin", "")
		o.a.socialReview(second, own.Id, "reject", "Covered already").expect(200)
	})
	t.Run("a suggestion of a user without a team is for admins only, and becomes an org-wide gesture", func(t *testing.T) {
		drifter := o.socialMember("Dana Drift", "employee", "")
		sg := o.a.socialSuggest(drifter, o.value.Id, "Tidy the shelf")
		if ids := o.a.socialSuggestionIDs(o.lena, ""); slices.Contains(ids, sg.Id) {
			t.Error("Lena sees the suggestion of someone outside her team")
		}
		o.a.socialReview(o.lena, sg.Id, "approve", "").wantProblem(403, "forbidden")
		var got Suggestion
		o.a.socialReview(&o.admin, sg.Id, "approve", "").expect(200).decode(&got)
		if g := o.socialGesture(*got.GestureId); len(g.TeamIds) != 0 {
			t.Errorf("team_ids %q", g.TeamIds)
		}
	})
	t.Run("the team is the author's when suggesting, even after a move", func(t *testing.T) {
		sg := o.a.socialSuggest(o.ben, o.value.Id, "Carry the bags")
		o.a.clock.Advance(2 * time.Second) // a token of the very second of a change is given the benefit
		o.a.patchUser(o.admin, o.ben.User.Id, map[string]any{"team_id": o.blue.Id}).expect(200)
		o.a.loopRefresh(o.ben)
		o.a.socialReview(o.max, sg.Id, "approve", "").wantProblem(403, "forbidden")
		var got Suggestion
		o.a.socialReview(o.lena, sg.Id, "approve", "").expect(200).decode(&got)
		if g := o.socialGesture(*got.GestureId); !slices.Equal(g.TeamIds, []string{o.red.Id}) {
			t.Errorf("team_ids %q, want Red's", g.TeamIds)
		}
	})
	t.Run("a value retired before the review cannot be approved", func(t *testing.T) {
		v := o.loopOrg.value("Patient")
		sg := o.a.socialSuggest(o.eva, v.Id, "Let them finish talking")
		o.a.call("PATCH", "/v1/admin/values/"+v.Id, o.admin.AccessToken, map[string]any{"active": false}).expect(200)
		o.a.socialReview(o.lena, sg.Id, "approve", "").wantProblem(422, "invalid")
		if !slices.Contains(o.a.socialSuggestionIDs(o.lena, "pending"), sg.Id) {
			t.Error("the suggestion is no longer pending")
		}
		o.a.socialReview(o.lena, sg.Id, "reject", "That value is retired.").expect(200)
	})
	t.Run("suggesting for a retired or unknown value is 422", func(t *testing.T) {
		o.a.call("POST", "/v1/suggestions", o.eva.AccessToken, map[string]any{"title": "x", "how_to": "y", "value_id": "06H0000000000000000000000X"}).
			wantProblem(422, "invalid")
	})
}

func TestSocialSuggestionLists(t *testing.T) {
	o := socialNewOrg(t, "suggest-lists")
	var red, all []string
	for i, s := range []*Session{o.eva, o.olaf, o.ben, o.max, o.lena, o.olaf, o.eva} {
		o.a.clock.Advance(time.Second)
		sg := o.a.socialSuggest(s, o.value.Id, "Idea "+socialStatus(i))
		all = append([]string{sg.Id}, all...)
		if s == o.eva || s == o.ben || s == o.lena {
			red = append([]string{sg.Id}, red...)
		}
	}
	o.a.socialReview(&o.admin, all[1], "reject", "").expect(200) // Olaf's second
	all = slices.Delete(all, 1, 2)
	for _, limit := range []int{1, 2, 100} {
		socialWantIDs(t, "the admin's pending by "+socialStatus(limit), o.a.listAll("/v1/suggestions", o.admin.AccessToken, limit), all)
		socialWantIDs(t, "Lena's pending by "+socialStatus(limit), o.a.listAll("/v1/suggestions?status=pending", o.lena.AccessToken, limit), red)
	}
	o.a.call("GET", "/v1/suggestions?status=maybe", o.admin.AccessToken, nil).wantProblem(422, "invalid")
}

// Employees see their own suggestions and what became of them (issue 23).
func TestSocialSuggestionsOfMyOwn(t *testing.T) {
	o := socialNewOrg(t, "suggest-mine")
	pending := o.a.socialSuggest(o.eva, o.value.Id, "Offer water")
	o.a.clock.Advance(time.Second)
	approved := o.a.socialSuggest(o.eva, o.value.Id, "Carry the bags")
	o.a.clock.Advance(time.Second)
	rejected := o.a.socialSuggest(o.eva, o.value.Id, "Sing a song")
	o.a.clock.Advance(time.Second)
	bens := o.a.socialSuggest(o.ben, o.value.Id, "Ben's idea")
	o.a.socialReview(o.lena, approved.Id, "approve", "Lovely, let's all do this.").expect(200)
	o.a.socialReview(&o.admin, rejected.Id, "reject", "Not in the shop, please.").expect(200)

	t.Run("an employee lists all of their own, newest first, with status and the review note", func(t *testing.T) {
		var l SuggestionList
		o.a.call("GET", "/v1/suggestions", o.eva.AccessToken, nil).expect(200).decode(&l)
		if len(l.Items) != 3 {
			t.Fatalf("%d suggestions, want Eva's 3: %+v", len(l.Items), l.Items)
		}
		want := []struct {
			id, status, note string
			gesture          bool
		}{{rejected.Id, "rejected", "Not in the shop, please.", false}, {approved.Id, "approved", "Lovely, let's all do this.", true}, {pending.Id, "pending", "", false}}
		for i, w := range want {
			got := l.Items[i]
			if got.Id != w.id || string(got.Status) != w.status || got.Note != w.note || (got.GestureId != nil) != w.gesture || got.Author.Id != o.eva.User.Id {
				t.Errorf("item %d: %+v, want %+v", i, got, w)
			}
		}
	})
	t.Run("status narrows an employee's list", func(t *testing.T) {
		socialWantIDs(t, "Eva's approved", o.a.listAll("/v1/suggestions?status=approved", o.eva.AccessToken, 1), []string{approved.Id})
		socialWantIDs(t, "Ben's", o.a.listAll("/v1/suggestions", o.ben.AccessToken, 1), []string{bens.Id})
		socialWantIDs(t, "Olaf's", o.a.listAll("/v1/suggestions", o.olaf.AccessToken, 1), []string{})
	})
	t.Run("leads and admins still get what waits for review", func(t *testing.T) {
		socialWantIDs(t, "Lena's pending", o.a.listAll("/v1/suggestions", o.lena.AccessToken, 100), []string{bens.Id, pending.Id})
	})
}
