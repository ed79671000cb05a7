package handlers

import (
	"net/http"
	"slices"
	"testing"
	"time"
)

// Who may do what with a story, a barrier and a suggestion of Eva (employee of Red), for every
// call of contract section 5: Eva herself, Ben (Red), Olaf (Blue), Lena (lead of Red), Max (lead
// of Blue), the admin, and another org's admin, to whom Eva's objects do not exist.

// socialWant is what one member of the cast gets: an HTTP status and, for errors, the code.
type socialWant struct {
	status int
	code   string
}

var (
	socialOK        = socialWant{status: 200}
	socialCreated   = socialWant{status: 201}
	socialNoContent = socialWant{status: 204}
	socialForbidden = socialWant{403, "forbidden"}
	socialOwnStory  = socialWant{403, "own_story"}
	socialNotFound  = socialWant{404, "not_found"}
)

func (w socialWant) check(r response) {
	r.t.Helper()
	if w.code != "" {
		r.wantProblem(w.status, w.code)
		return
	}
	r.expect(w.status)
}

// socialWantAll checks each member of the cast in order against want (same order as socialCast).
func socialWantAll(t *testing.T, o *socialOrg, want []socialWant, act func(a *testAPI, s *Session) response) {
	t.Helper()
	cast := o.socialCast()
	if len(want) != len(cast) {
		t.Fatalf("%d expectations for a cast of %d", len(want), len(cast))
	}
	for i, c := range cast {
		t.Run(c.who+" gets "+socialStatus(want[i].status), func(t *testing.T) {
			want[i].check(act(o.a.in(t), c.s))
		})
	}
}

func TestSocialStoryPermissions(t *testing.T) {
	o := socialNewOrg(t, "story-perm")
	story := o.socialShare(o.eva, "I held the door for a man with a pram.")

	t.Run("giving kudos", func(t *testing.T) {
		socialWantAll(t, o, []socialWant{socialOwnStory, socialNoContent, socialNoContent, socialNoContent, socialNoContent, socialNoContent, socialNotFound},
			func(a *testAPI, s *Session) response {
				return a.call("PUT", "/v1/stories/"+story+"/kudos", s.AccessToken, nil)
			})
	})
	t.Run("taking kudos back", func(t *testing.T) {
		socialWantAll(t, o, []socialWant{socialOwnStory, socialNoContent, socialNoContent, socialNoContent, socialNoContent, socialNoContent, socialNotFound},
			func(a *testAPI, s *Session) response {
				return a.call("DELETE", "/v1/stories/"+story+"/kudos", s.AccessToken, nil)
			})
	})
	t.Run("putting it in the spotlight", func(t *testing.T) {
		socialWantAll(t, o, []socialWant{socialForbidden, socialForbidden, socialForbidden, socialNoContent, socialForbidden, socialNoContent, socialNotFound},
			func(a *testAPI, s *Session) response {
				return a.call("POST", "/v1/stories/"+story+"/spotlight", s.AccessToken, nil)
			})
	})
	t.Run("deleting it (each caller a story of their own to delete)", func(t *testing.T) {
		socialWantAll(t, o, []socialWant{socialNoContent, socialForbidden, socialForbidden, socialNoContent, socialForbidden, socialNoContent, socialNotFound},
			func(a *testAPI, s *Session) response {
				fresh := o.socialShare(o.eva, "Another story to delete.")
				r := a.call("DELETE", "/v1/stories/"+fresh, s.AccessToken, nil)
				_, listed := a.socialFind(o.eva, "org", fresh)
				if listed != (r.Status != http.StatusNoContent) {
					t.Errorf("answered %d, yet the story is listed: %v", r.Status, listed)
				}
				return r
			})
	})
	t.Run("reading the team feed", func(t *testing.T) {
		seen := []bool{true, true, false, true, false, false, false} // the admin has no team
		for i, c := range o.socialCast() {
			_, ok := o.a.socialFind(c.s, "team", story)
			if ok != seen[i] {
				t.Errorf("%s: story in their team feed %v, want %v", c.who, ok, seen[i])
			}
		}
	})
	t.Run("reading the org feed", func(t *testing.T) {
		seen := []bool{true, true, true, true, true, true, false}
		for i, c := range o.socialCast() {
			_, ok := o.a.socialFind(c.s, "org", story)
			if ok != seen[i] {
				t.Errorf("%s: story in their org feed %v, want %v", c.who, ok, seen[i])
			}
		}
	})
	t.Run("an unknown story is 404 for every call", func(t *testing.T) {
		const missing = "06H0000000000000000000000X"
		for _, call := range []struct{ method, path string }{
			{"PUT", "/v1/stories/" + missing + "/kudos"}, {"DELETE", "/v1/stories/" + missing + "/kudos"},
			{"POST", "/v1/stories/" + missing + "/spotlight"}, {"DELETE", "/v1/stories/" + missing},
		} {
			o.a.call(call.method, call.path, o.admin.AccessToken, nil).wantProblem(404, "not_found")
		}
	})
	t.Run("without a token every call is 401", func(t *testing.T) {
		for _, call := range []struct{ method, path string }{
			{"GET", "/v1/stories"}, {"PUT", "/v1/stories/" + story + "/kudos"}, {"DELETE", "/v1/stories/" + story + "/kudos"},
			{"POST", "/v1/stories/" + story + "/spotlight"}, {"DELETE", "/v1/stories/" + story},
		} {
			o.a.call(call.method, call.path, "", nil).expect(401)
		}
	})
}

func TestSocialBarrierPermissions(t *testing.T) {
	o := socialNewOrg(t, "barrier-perm")

	t.Run("reporting", func(t *testing.T) {
		socialWantAll(t, o, []socialWant{socialCreated, socialCreated, socialCreated, socialCreated, socialCreated, socialCreated, socialCreated},
			func(a *testAPI, s *Session) response {
				return a.call("POST", "/v1/barriers", s.AccessToken, map[string]any{"category": "tools", "text": "The scanner is broken."})
			})
	})
	barrier := o.a.socialReport(o.eva, "stock", "No umbrellas left to lend.")
	t.Run("listing", func(t *testing.T) {
		seen := []bool{true, false, false, true, false, true, false}
		for i, c := range o.socialCast() {
			ok := slices.Contains(o.a.socialBarrierIDs(c.s, ""), barrier.Id)
			if ok != seen[i] {
				t.Errorf("%s: sees the barrier %v, want %v", c.who, ok, seen[i])
			}
		}
	})
	t.Run("listing one team", func(t *testing.T) {
		q := "?team_id=" + o.red.Id
		socialWantAll(t, o, []socialWant{socialForbidden, socialForbidden, socialForbidden, socialOK, socialForbidden, socialOK, socialNotFound},
			func(a *testAPI, s *Session) response { return a.call("GET", "/v1/barriers"+q, s.AccessToken, nil) })
	})
	t.Run("acknowledging (each caller a barrier of their own to move)", func(t *testing.T) {
		socialWantAll(t, o, []socialWant{socialForbidden, socialForbidden, socialForbidden, socialOK, socialForbidden, socialOK, socialNotFound},
			func(a *testAPI, s *Session) response {
				fresh := a.socialReport(o.eva, "time", "Too busy at the till.")
				r := a.socialMove(s, fresh.Id, "acknowledged", "On it.")
				var after Barrier
				for _, b := range o.socialBarriers(o.eva) {
					if b.Id == fresh.Id {
						after = b
					}
				}
				if want := map[bool]string{true: "acknowledged", false: "open"}[r.Status == 200]; string(after.Status) != want {
					t.Errorf("answered %d, and the barrier is %s", r.Status, after.Status)
				}
				return r
			})
	})
	t.Run("an unknown barrier is 404", func(t *testing.T) {
		o.a.socialMove(&o.admin, "06H0000000000000000000000X", "resolved", "").wantProblem(404, "not_found")
	})
	t.Run("without a token every call is 401", func(t *testing.T) {
		o.a.call("GET", "/v1/barriers", "", nil).expect(401)
		o.a.call("POST", "/v1/barriers", "", map[string]any{"category": "time", "text": "x"}).expect(401)
		o.a.call("PATCH", "/v1/barriers/"+barrier.Id, "", map[string]any{"status": "resolved"}).expect(401)
	})
}

// socialBarriers lists every barrier s sees, all pages.
func (o *socialOrg) socialBarriers(s *Session) []Barrier {
	o.t.Helper()
	var l BarrierList
	o.a.call("GET", "/v1/barriers?limit=100", s.AccessToken, nil).expect(200).decode(&l)
	return l.Items
}

func TestSocialSuggestionPermissions(t *testing.T) {
	o := socialNewOrg(t, "suggest-perm")

	t.Run("suggesting for a value of the org", func(t *testing.T) {
		// to another org's admin, this org's value does not exist: 422 like any unknown value
		socialWantAll(t, o, []socialWant{socialCreated, socialCreated, socialCreated, socialCreated, socialCreated, socialCreated, {422, "invalid"}},
			func(a *testAPI, s *Session) response {
				return a.call("POST", "/v1/suggestions", s.AccessToken, map[string]any{"title": "Offer water", "how_to": "Offer a glass of water.", "value_id": o.value.Id})
			})
	})
	t.Run("another org's value cannot be suggested for", func(t *testing.T) {
		v := o.other.value("Helpful")
		o.a.call("POST", "/v1/suggestions", o.eva.AccessToken, map[string]any{"title": "Offer water", "how_to": "Offer a glass of water.", "value_id": v.Id}).
			wantProblem(422, "invalid")
	})
	sg := o.a.socialSuggest(o.eva, o.value.Id, "Hold the umbrella")
	t.Run("listing", func(t *testing.T) {
		socialWantAll(t, o, []socialWant{socialOK, socialOK, socialOK, socialOK, socialOK, socialOK, socialOK},
			func(a *testAPI, s *Session) response { return a.call("GET", "/v1/suggestions", s.AccessToken, nil) })
		// employees see their own suggestions only
		seen := []bool{true, false, false, true, false, true, false}
		for i, c := range o.socialCast() {
			if ok := slices.Contains(o.a.socialSuggestionIDs(c.s, ""), sg.Id); ok != seen[i] {
				t.Errorf("%s: sees the suggestion %v, want %v", c.who, ok, seen[i])
			}
		}
	})
	for _, review := range []string{"approve", "reject"} {
		t.Run(review+" (each caller a suggestion of their own to review)", func(t *testing.T) {
			o.socialAdvance(time.Hour) // Eva suggests more than the hourly limit over the test
			socialWantAll(t, o, []socialWant{socialForbidden, socialForbidden, socialForbidden, socialOK, socialForbidden, socialOK, socialNotFound},
				func(a *testAPI, s *Session) response {
					fresh := a.socialSuggest(o.eva, o.value.Id, "Wave goodbye")
					r := a.call("POST", "/v1/suggestions/"+fresh.Id+"/"+review, s.AccessToken, map[string]any{"note": "Thanks!"})
					pending := slices.Contains(a.socialSuggestionIDs(&o.admin, "pending"), fresh.Id)
					if pending != (r.Status != 200) {
						t.Errorf("answered %d, and the suggestion is still pending: %v", r.Status, pending)
					}
					return r
				})
		})
	}
	t.Run("an unknown suggestion is 404", func(t *testing.T) {
		o.a.call("POST", "/v1/suggestions/06H0000000000000000000000X/approve", o.admin.AccessToken, nil).wantProblem(404, "not_found")
		o.a.call("POST", "/v1/suggestions/06H0000000000000000000000X/reject", o.admin.AccessToken, nil).wantProblem(404, "not_found")
	})
	t.Run("without a token every call is 401", func(t *testing.T) {
		o.a.call("GET", "/v1/suggestions", "", nil).expect(401)
		o.a.call("POST", "/v1/suggestions", "", map[string]any{"title": "x", "how_to": "y", "value_id": o.value.Id}).expect(401)
		o.a.call("POST", "/v1/suggestions/"+sg.Id+"/approve", "", nil).expect(401)
		o.a.call("POST", "/v1/suggestions/"+sg.Id+"/reject", "", nil).expect(401)
	})
}
