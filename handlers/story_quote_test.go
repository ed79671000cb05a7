package handlers

import (
	"strings"
	"testing"
)

// A shared story quotes a customer comment of the author's team and the assignment's day, and
// every place a story shows carries the quote.
func TestStoryQuotesACustomer(t *testing.T) {
	t.Parallel()
	o := socialNewOrg(t, "quote")
	answer := func(team Team, score, comment string) {
		t.Helper()
		var link FeedbackLink
		o.a.call("GET", "/v1/teams/"+team.Id+"/feedback-link", o.admin.AccessToken, nil).expect(200).decode(&link)
		o.a.call("POST", feedbackPath(t, link), "", answerForm(score, comment), "Content-Type", formType).expect(200)
	}
	answer(o.red, "10", "Yesterday's praise")
	o.socialAdvance(day)
	answer(o.red, "10", "Eva found the right size, call me on 06 1234 5678")
	answer(o.red, "9", "")
	answer(o.red, "4", "The queue was long")
	answer(o.blue, "10", "Blue's customer")
	as := o.a.loopToday(o.eva)
	comments := "/v1/me/assignments/" + as.Id + "/customer-comments"

	var list CustomerCommentList
	t.Run("the quotable comments are the team's of the day with words, newest first, masked as stored", func(t *testing.T) {
		o.a.call("GET", comments, o.eva.AccessToken, nil).expect(200).decode(&list)
		got := []string{}
		for _, c := range list.Items {
			got = append(got, c.Comment)
		}
		want := []string{"The queue was long", "Eva found the right size, call me on […]"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("got %q, want %q", got, want)
		}
		if list.Items[1].Score != 10 || list.Items[1].Day.String() != "2026-11-24" {
			t.Fatalf("got %+v", list.Items[1])
		}
	})
	t.Run("another person's assignment is not found", func(t *testing.T) {
		o.a.call("GET", comments, o.ben.AccessToken, nil).expect(404)
	})
	var blueID string
	t.Run("a teammate of another team sees only their team's", func(t *testing.T) {
		var blue CustomerCommentList
		o.a.call("GET", "/v1/me/assignments/"+o.a.loopToday(o.olaf).Id+"/customer-comments", o.olaf.AccessToken, nil).expect(200).decode(&blue)
		if len(blue.Items) != 1 || blue.Items[0].Comment != "Blue's customer" {
			t.Fatalf("got %+v", blue.Items)
		}
		blueID = blue.Items[0].Id
	})
	quoted := list.Items[1]
	outcome := "/v1/me/assignments/" + as.Id + "/outcome"
	t.Run("a quote that is not the team's of the day, or without a shared story, is refused and nothing is recorded", func(t *testing.T) {
		for _, body := range []map[string]any{
			{"result": "done", "story": "Found the size", "share": true, "customer_quote_id": blueID},
			{"result": "done", "story": "Found the size", "share": true, "customer_quote_id": "01JEQ4ZK6W2M3N4P5Q6R7S8T9V"},
			{"result": "done", "story": "Found the size", "customer_quote_id": quoted.Id},
			{"result": "skipped", "customer_quote_id": quoted.Id},
			{"result": "done", "story": "Found the size", "share": true, "customer_quote_id": "no id"},
		} {
			r := o.a.call("POST", outcome, o.eva.AccessToken, body).expect(422)
			if !strings.Contains(string(r.Body), `"field":"customer_quote_id"`) {
				t.Fatalf("%v: %s", body, r.Body)
			}
		}
		if o.a.loopToday(o.eva).Outcome != nil {
			t.Fatal("a refused quote recorded the outcome")
		}
	})
	var storyID string
	t.Run("the chosen comment is quoted in the story", func(t *testing.T) {
		storyID = o.socialShare(o.eva, "Found the right size for a boy", map[string]any{"customer_quote_id": quoted.Id})
	})
	plain := o.socialShare(o.ben, "Held the door")
	check := func(t *testing.T, where string, q *CustomerQuote) {
		t.Helper()
		if q == nil || q.Score != 10 || q.Comment != quoted.Comment || !q.CreatedAt.Equal(quoted.CreatedAt) {
			t.Fatalf("%s: quote %+v, want %+v", where, q, quoted)
		}
	}
	t.Run("the feeds, the story and the break-room screen carry the quote; a story without one says null", func(t *testing.T) {
		for _, scope := range []string{"team", "org"} {
			for _, st := range o.a.socialFeedAll(o.lena, scope, 10) {
				switch st.Id {
				case storyID:
					check(t, scope+" feed", st.CustomerQuote)
				case plain:
					if st.CustomerQuote != nil {
						t.Fatalf("%s feed: Ben's story quotes %+v", scope, st.CustomerQuote)
					}
				}
			}
		}
		var st Story
		r := o.a.call("GET", "/v1/stories/"+storyID, o.olaf.AccessToken, nil).expect(200)
		r.decode(&st)
		check(t, "GET /v1/stories/{id}", st.CustomerQuote)
		if b := string(o.a.call("GET", "/v1/stories/"+plain, o.eva.AccessToken, nil).expect(200).Body); !strings.Contains(b, `"customer_quote":null`) {
			t.Fatalf("a story without a quote: %s", b)
		}
		o.a.call("POST", "/v1/stories/"+storyID+"/spotlight", o.lena.AccessToken, nil).expect(204)
		sc, _ := o.displayRead(displayToken(t, o.displayCreate(o.lena, o.red.Id)))
		if sc.Spotlight == nil || sc.Spotlight.Id != storyID {
			t.Fatalf("spotlight %+v", sc.Spotlight)
		}
		check(t, "the screen's spotlight", sc.Spotlight.CustomerQuote)
		for _, s := range sc.Stories {
			if s.Id == storyID {
				check(t, "the screen's stories", s.CustomerQuote)
			}
		}
	})
	t.Run("the author's data export carries the quote with their story; a story without one says null", func(t *testing.T) {
		var ex MeExport
		o.a.call("GET", "/v1/me/export", o.eva.AccessToken, nil).expect(200).decode(&ex)
		found := false
		for _, st := range ex.Stories {
			if st.Id == storyID {
				found = true
				check(t, "eva's export", st.CustomerQuote)
			}
		}
		if !found {
			t.Fatalf("eva's export lacks her story: %+v", ex.Stories)
		}
		b := string(o.a.call("GET", "/v1/me/export", o.ben.AccessToken, nil).expect(200).Body)
		if !strings.Contains(b, `"id":"`+plain+`"`) || !strings.Contains(b, `"customer_quote":null`) {
			t.Fatalf("ben's export: %s", b)
		}
	})
}
