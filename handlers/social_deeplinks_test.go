package handlers

import (
	"testing"
)

// Deep links (issue 23): GET /v1/stories/{id} and GET /v1/barriers/{id} answer what a
// notification links to, to those who see it in the lists.

func TestSocialStoryDeepLink(t *testing.T) {
	o := socialNewOrg(t, "story-link")
	story := o.socialShare(o.eva, "I walked a lost child back to her father.", map[string]any{"reaction": "delighted"})
	o.a.call("PUT", "/v1/stories/"+story+"/kudos", o.ben.AccessToken, nil).expect(204)

	t.Run("everyone in the org reads it as the feed shows it; another org gets 404", func(t *testing.T) {
		socialWantAll(t, o, []socialWant{socialOK, socialOK, socialOK, socialOK, socialOK, socialOK, socialNotFound},
			func(a *testAPI, s *Session) response {
				return a.call("GET", "/v1/stories/"+story, s.AccessToken, nil)
			})
	})

	t.Run("the story is the feed's card, kudoed_by_me the reader's own", func(t *testing.T) {
		card, ok := o.a.socialFind(o.ben, "org", story)
		if !ok {
			t.Fatal("the story is not in the org feed")
		}
		var got Story
		o.a.call("GET", "/v1/stories/"+story, o.ben.AccessToken, nil).expect(200).decode(&got)
		if got.Id != card.Id || got.Text != card.Text || got.Author.Name != "Eva Jansen" || got.Author.Team == nil ||
			got.Author.Team.Name != "Red" || got.Gesture.Title != card.Gesture.Title || got.Value.Name != card.Value.Name ||
			got.Kudos != 1 || !got.KudoedByMe || got.Spotlight || got.Reaction == nil || *got.Reaction != "delighted" ||
			!got.CreatedAt.Equal(card.CreatedAt) {
			t.Errorf("deep link %+v, feed card %+v", got, card)
		}
		o.a.call("GET", "/v1/stories/"+story, o.olaf.AccessToken, nil).expect(200).decode(&got)
		if got.KudoedByMe || got.Kudos != 1 {
			t.Errorf("Olaf reads kudos %d, kudoed_by_me %v", got.Kudos, got.KudoedByMe)
		}
	})

	t.Run("a spotlighted story says so", func(t *testing.T) {
		o.a.call("POST", "/v1/stories/"+story+"/spotlight", o.lena.AccessToken, nil).expect(204)
		var got Story
		o.a.call("GET", "/v1/stories/"+story, o.olaf.AccessToken, nil).expect(200).decode(&got)
		if !got.Spotlight {
			t.Error("spotlight is false after the spotlight")
		}
	})

	t.Run("a deleted story and an unknown id are 404", func(t *testing.T) {
		gone := o.socialShare(o.eva, "A story that goes away.")
		o.a.call("DELETE", "/v1/stories/"+gone, o.eva.AccessToken, nil).expect(204)
		o.a.call("GET", "/v1/stories/"+gone, o.eva.AccessToken, nil).wantProblem(404, "not_found")
		o.a.call("GET", "/v1/stories/01JFZ8P4R6T8V0X2Z4B6D8F0H2", o.eva.AccessToken, nil).wantProblem(404, "not_found")
	})

	t.Run("a malformed id is 404 (no such story can exist)", func(t *testing.T) {
		o.a.call("GET", "/v1/stories/not-an-id", o.eva.AccessToken, nil).expect(404)
	})
}

func TestSocialBarrierDeepLink(t *testing.T) {
	o := socialNewOrg(t, "barrier-link")
	b := o.a.socialReport(o.eva, "tools", "The card reader at till 2 keeps failing.")

	t.Run("the reporter, their team's lead and admins read it; colleagues are refused; another org gets 404", func(t *testing.T) {
		socialWantAll(t, o, []socialWant{socialOK, socialForbidden, socialForbidden, socialOK, socialForbidden, socialOK, socialNotFound},
			func(a *testAPI, s *Session) response {
				return a.call("GET", "/v1/barriers/"+b.Id, s.AccessToken, nil)
			})
	})

	t.Run("it is the barrier as listed, after a change too", func(t *testing.T) {
		o.a.socialMove(o.lena, b.Id, "acknowledged", "A new reader is ordered.").expect(200)
		var got Barrier
		o.a.call("GET", "/v1/barriers/"+b.Id, o.eva.AccessToken, nil).expect(200).decode(&got)
		if got.Id != b.Id || got.Status != "acknowledged" || got.Note != "A new reader is ordered." || got.Reporter.Name != "Eva Jansen" ||
			got.Team == nil || got.Team.Name != "Red" || got.Text != b.Text {
			t.Errorf("deep link %+v", got)
		}
	})

	t.Run("a barrier filed with a blocked outcome is there too", func(t *testing.T) {
		as := o.a.loopToday(o.ben)
		r := o.a.loopOutcome(o.ben, as.Id, map[string]any{"result": "blocked", "barrier": map[string]any{"category": "time", "text": "Too busy at the till."}})
		if r.BarrierId == nil {
			t.Fatal("no barrier id")
		}
		var got Barrier
		o.a.call("GET", "/v1/barriers/"+*r.BarrierId, o.lena.AccessToken, nil).expect(200).decode(&got)
		if got.Text != "Too busy at the till." || got.Status != "open" || got.Reporter.Id != o.ben.User.Id {
			t.Errorf("deep link %+v", got)
		}
	})

	t.Run("an unknown id is 404", func(t *testing.T) {
		o.a.call("GET", "/v1/barriers/01JFZ9B2D4F6H8K0M2P4R6T8V0", o.admin.AccessToken, nil).wantProblem(404, "not_found")
	})
}
