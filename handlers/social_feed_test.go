package handlers

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// The story feeds (contract section 5): newest first, stable pages while new stories arrive,
// team and org scope, deleted stories gone everywhere, kudos and spotlight on the cards.

// socialPage reads the page of a feed after cursor ("" for the first) and returns its ids and
// its next cursor ("" on the last page).
func (o *socialOrg) socialPage(s *Session, scope string, limit int, cursor string) ([]string, string) {
	o.t.Helper()
	q := fmt.Sprintf("?scope=%s&limit=%d", scope, limit)
	if cursor != "" {
		q += "&cursor=" + url.QueryEscape(cursor)
	}
	page := o.a.socialFeed(s, q)
	if len(page.Items) > limit {
		o.t.Fatalf("%d stories on a page of %d", len(page.Items), limit)
	}
	next := ""
	if page.NextCursor != nil {
		next = *page.NextCursor
	}
	return socialStoryIDs(page.Items), next
}

func socialWantIDs(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got  %q\n want %q", what, got, want)
	}
}

func TestSocialFeedPagination(t *testing.T) {
	o := socialNewOrg(t, "feed-pages")
	var reds, blues []*Session
	for i := range 12 {
		reds = append(reds, o.socialMember(fmt.Sprintf("Red Member %d", i+1), "employee", o.red.Id))
	}
	for i := range 4 {
		blues = append(blues, o.socialMember(fmt.Sprintf("Blue Member %d", i+1), "employee", o.blue.Id))
	}
	// Red and Blue stories interleaved in time: the org feed mixes them, the team feeds do not.
	var redIDs, blueIDs, orgIDs []string
	for i, s := range reds {
		o.a.clock.Advance(time.Second)
		id := o.socialShare(s, fmt.Sprintf("Red story %d", i+1))
		redIDs, orgIDs = append([]string{id}, redIDs...), append([]string{id}, orgIDs...)
		if i%3 == 0 {
			o.a.clock.Advance(time.Second)
			id := o.socialShare(blues[i/3], fmt.Sprintf("Blue story %d", i/3+1))
			blueIDs, orgIDs = append([]string{id}, blueIDs...), append([]string{id}, orgIDs...)
		}
	}

	t.Run("both feeds list every story once, newest first, in pages", func(t *testing.T) {
		socialWantIDs(t, "Red's team feed", socialStoryIDs(o.a.socialFeedAll(o.eva, "team", 5)), redIDs)
		socialWantIDs(t, "Blue's team feed", socialStoryIDs(o.a.socialFeedAll(o.olaf, "team", 5)), blueIDs)
		socialWantIDs(t, "the org feed", socialStoryIDs(o.a.socialFeedAll(o.eva, "org", 5)), orgIDs)
		socialWantIDs(t, "the org feed read by Blue", socialStoryIDs(o.a.socialFeedAll(o.olaf, "org", 7)), orgIDs)
		socialWantIDs(t, "the team feed is the default", socialStoryIDs(o.a.socialFeed(o.eva, "?limit=100").Items), redIDs)
	})

	for _, scope := range []string{"team", "org"} {
		t.Run("in the "+scope+" feed, stories shared while paging neither repeat nor push others out", func(t *testing.T) {
			want := redIDs
			if scope == "org" {
				want = orgIDs
			}
			got, cursor := o.socialPage(o.eva, scope, 5, "")
			socialWantIDs(t, "page 1", got, want[:5])
			// four new stories, two of Red, while the reader is on page 1
			var fresh, freshRed []string
			for _, s := range []*Session{o.ben, o.olaf, o.lena, o.max} {
				o.a.clock.Advance(time.Second)
				id := o.socialShare(s, "A story shared while someone pages")
				fresh = append([]string{id}, fresh...)
				if s == o.ben || s == o.lena {
					freshRed = append([]string{id}, freshRed...)
				}
			}
			redIDs, orgIDs = append(freshRed, redIDs...), append(fresh, orgIDs...)
			if scope == "team" {
				fresh = freshRed
			}
			pages := 1
			for cursor != "" {
				var page []string
				page, cursor = o.socialPage(o.eva, scope, 5, cursor)
				got = append(got, page...)
				if pages++; pages > 10 {
					t.Fatal("the pages never end")
				}
			}
			socialWantIDs(t, "pages read while stories arrive", got, want)
			if pages != (len(want)+4)/5 {
				t.Errorf("%d pages for %d stories of 5 a page", pages, len(want))
			}
			again, _ := o.socialPage(o.eva, scope, 100, "")
			socialWantIDs(t, "read again from the start", again, append(fresh, want...))
		})
	}

	t.Run("a story deleted while someone pages is left out, even the page's last one", func(t *testing.T) {
		want := slices.Clone(orgIDs)
		got, cursor := o.socialPage(o.eva, "org", 5, "")
		socialWantIDs(t, "page 1", got, want[:5])
		// the cursor's own story and one that page 2 would have shown
		for _, id := range []string{want[4], want[6]} {
			o.a.call("DELETE", "/v1/stories/"+id, o.admin.AccessToken, nil).expect(204)
		}
		page2, _ := o.socialPage(o.eva, "org", 5, cursor)
		socialWantIDs(t, "page 2", page2, []string{want[5], want[7], want[8], want[9], want[10]})
		orgIDs = slices.DeleteFunc(want, func(id string) bool { return id == want[4] || id == want[6] })
		socialWantIDs(t, "the org feed afterwards", socialStoryIDs(o.a.socialFeedAll(o.eva, "org", 3)), orgIDs)
	})

	t.Run("limits outside 1 to 100 are 422 and a made-up cursor is 400", func(t *testing.T) {
		for _, q := range []string{"?limit=0", "?limit=101", "?scope=everyone"} {
			o.a.call("GET", "/v1/stories"+q, o.eva.AccessToken, nil).wantProblem(422, "invalid")
		}
		o.a.call("GET", "/v1/stories?cursor=%25%25", o.eva.AccessToken, nil).wantProblem(400, "malformed")
	})
}

func TestSocialFeedCards(t *testing.T) {
	o := socialNewOrg(t, "feed-cards")
	shared := o.a.clock.Now()
	story := o.socialShare(o.eva, "  I walked a lady to her car with our umbrella.  ", map[string]any{"reaction": "delighted"})
	o.a.clock.Advance(time.Minute)
	plain := o.socialShare(o.ben, "I greeted everyone today.")

	t.Run("a card shows the author, their team, the gesture, the value and the trimmed text", func(t *testing.T) {
		st, ok := o.a.socialFind(o.olaf, "org", story)
		if !ok {
			t.Fatal("the story is not in the org feed")
		}
		if st.Author.Id != o.eva.User.Id || st.Author.Name != "Eva Jansen" || st.Author.Team == nil || *st.Author.Team != (TeamRef{Id: o.red.Id, Name: "Red"}) {
			t.Errorf("author = %+v", st.Author)
		}
		if st.Gesture != (GestureRef{Id: o.gesture.Id, Title: "Greet every customer"}) || st.Value != (ValueRef{Id: o.value.Id, Name: "Attentive"}) {
			t.Errorf("gesture %+v, value %+v", st.Gesture, st.Value)
		}
		if st.Text != "I walked a lady to her car with our umbrella." {
			t.Errorf("text %q, want it trimmed", st.Text)
		}
		if st.Reaction == nil || *st.Reaction != ReactionDelighted || !st.CreatedAt.Equal(shared) {
			t.Errorf("reaction %v, created_at %s (want delighted, %s)", st.Reaction, st.CreatedAt, shared)
		}
		if st.Kudos != 0 || st.KudoedByMe || st.Spotlight {
			t.Errorf("a new story: kudos %d, kudoed_by_me %v, spotlight %v", st.Kudos, st.KudoedByMe, st.Spotlight)
		}
		if p, _ := o.a.socialFind(o.olaf, "org", plain); p.Reaction != nil {
			t.Errorf("a story without a reaction has reaction %v", *p.Reaction)
		}
	})

	t.Run("kudos are counted and kudoed_by_me is the reader's own", func(t *testing.T) {
		for _, s := range []*Session{o.ben, o.olaf, o.max} {
			o.a.call("PUT", "/v1/stories/"+story+"/kudos", s.AccessToken, nil).expect(204)
		}
		for _, c := range []struct {
			who    string
			s      *Session
			scope  string
			kudoed bool
		}{
			{"Ben, who gave kudos", o.ben, "team", true},
			{"Olaf, who gave kudos", o.olaf, "org", true},
			{"Eva, the author", o.eva, "team", false},
			{"Lena, who gave none", o.lena, "team", false},
			{"the admin, who gave none", &o.admin, "org", false},
		} {
			st, ok := o.a.socialFind(c.s, c.scope, story)
			if !ok || st.Kudos != 3 || st.KudoedByMe != c.kudoed {
				t.Errorf("%s: listed %v, kudos %d, kudoed_by_me %v; want 3, %v", c.who, ok, st.Kudos, st.KudoedByMe, c.kudoed)
			}
		}
		o.a.call("DELETE", "/v1/stories/"+story+"/kudos", o.olaf.AccessToken, nil).expect(204)
		if st, _ := o.a.socialFind(o.olaf, "org", story); st.Kudos != 2 || st.KudoedByMe {
			t.Errorf("after Olaf took his back: kudos %d, kudoed_by_me %v", st.Kudos, st.KudoedByMe)
		}
	})

	t.Run("a spotlighted story is marked in both feeds and keeps its place", func(t *testing.T) {
		before := socialStoryIDs(o.a.socialFeedAll(o.eva, "org", 100))
		o.a.call("POST", "/v1/stories/"+story+"/spotlight", o.lena.AccessToken, nil).expect(204)
		for _, scope := range []string{"team", "org"} {
			all := o.a.socialFeedAll(o.ben, scope, 100)
			for _, st := range all {
				if st.Spotlight != (st.Id == story) {
					t.Errorf("%s feed: story %q spotlight %v", scope, st.Text, st.Spotlight)
				}
			}
		}
		socialWantIDs(t, "the org feed after the spotlight", socialStoryIDs(o.a.socialFeedAll(o.eva, "org", 100)), before)
	})

	t.Run("a caller without a team has an empty team feed", func(t *testing.T) {
		l := o.a.socialFeed(&o.admin, "?scope=team")
		if len(l.Items) != 0 || l.NextCursor != nil {
			t.Errorf("the admin's team feed: %+v", l)
		}
		if len(o.a.socialFeedAll(&o.admin, "org", 100)) != 2 {
			t.Error("the admin's org feed lacks the stories")
		}
	})

	t.Run("another org's feeds do not show them", func(t *testing.T) {
		if l := o.a.socialFeed(&o.other.admin, "?scope=org"); len(l.Items) != 0 {
			t.Errorf("another org's feed: %+v", l.Items)
		}
	})

	t.Run("a story stays with the team its author was in when sharing it", func(t *testing.T) {
		o.a.clock.Advance(2 * time.Second) // a token of the very second of a change is given the benefit
		o.a.patchUser(o.admin, o.eva.User.Id, map[string]any{"team_id": o.blue.Id}).expect(200)
		o.a.loopRefresh(o.eva)
		moved := o.socialShare(o.eva, "My first story in Blue.")
		if _, ok := o.a.socialFind(o.lena, "team", story); !ok {
			t.Error("Eva's Red story left Red's feed when she moved")
		}
		if _, ok := o.a.socialFind(o.max, "team", story); ok {
			t.Error("Eva's Red story followed her to Blue")
		}
		if st, ok := o.a.socialFind(o.max, "team", moved); !ok || st.Author.Team == nil || st.Author.Team.Id != o.blue.Id {
			t.Errorf("Eva's Blue story in Blue's feed: %v, %+v", ok, st.Author)
		}
		if st, _ := o.a.socialFind(o.max, "org", story); st.Author.Team == nil || st.Author.Team.Id != o.red.Id {
			t.Errorf("the Red story's author.team = %+v, want Red", st.Author.Team)
		}
		// the old story's rights follow its team: Red's lead may still spotlight and delete it
		o.a.call("POST", "/v1/stories/"+moved+"/spotlight", o.lena.AccessToken, nil).wantProblem(403, "forbidden")
		o.a.call("POST", "/v1/stories/"+moved+"/spotlight", o.max.AccessToken, nil).expect(204)
		o.a.call("DELETE", "/v1/stories/"+story, o.max.AccessToken, nil).wantProblem(403, "forbidden")
		o.a.call("DELETE", "/v1/stories/"+story, o.lena.AccessToken, nil).expect(204)
	})
}

func TestSocialDeletedStory(t *testing.T) {
	o := socialNewOrg(t, "feed-delete")
	story := o.socialShare(o.eva, "The secret recipe for a smile.")
	o.a.clock.Advance(time.Second)
	kept := o.socialShare(o.ben, "A story that stays.")
	for _, s := range []*Session{o.ben, o.olaf} {
		o.a.call("PUT", "/v1/stories/"+story+"/kudos", s.AccessToken, nil).expect(204)
	}
	points := o.a.socialPoints(o.eva)
	o.a.call("DELETE", "/v1/stories/"+story, o.eva.AccessToken, nil).expect(204)

	t.Run("it is gone from every feed of everyone", func(t *testing.T) {
		for _, c := range o.socialCast() {
			for _, scope := range []string{"team", "org"} {
				if _, ok := o.a.socialFind(c.s, scope, story); ok {
					t.Errorf("%s still sees it in the %s feed", c.who, scope)
				}
			}
		}
		socialWantIDs(t, "Red's feed", socialStoryIDs(o.a.socialFeedAll(o.lena, "team", 1)), []string{kept})
		socialWantIDs(t, "the org feed", socialStoryIDs(o.a.socialFeedAll(o.olaf, "org", 1)), []string{kept})
	})
	t.Run("kudos and spotlight on it are 404, deleting it again is 204", func(t *testing.T) {
		o.a.call("PUT", "/v1/stories/"+story+"/kudos", o.lena.AccessToken, nil).wantProblem(404, "not_found")
		o.a.call("DELETE", "/v1/stories/"+story+"/kudos", o.ben.AccessToken, nil).wantProblem(404, "not_found")
		o.a.call("POST", "/v1/stories/"+story+"/spotlight", o.admin.AccessToken, nil).wantProblem(404, "not_found")
		o.a.call("DELETE", "/v1/stories/"+story, o.eva.AccessToken, nil).expect(204)
		o.a.call("DELETE", "/v1/stories/"+story, o.admin.AccessToken, nil).expect(204)
	})
	t.Run("deleting it again is still refused to those who could not delete it", func(t *testing.T) {
		o.a.call("DELETE", "/v1/stories/"+story, o.ben.AccessToken, nil).wantProblem(403, "forbidden")
		o.a.call("DELETE", "/v1/stories/"+story, o.other.admin.AccessToken, nil).wantProblem(404, "not_found")
	})
	t.Run("the points earned with it stay", func(t *testing.T) {
		if got := o.a.socialPoints(o.eva); got != points {
			t.Errorf("Eva's points went from %d to %d", points, got)
		}
	})
	t.Run("the export carries no story text", func(t *testing.T) {
		r := o.a.call("GET", "/v1/admin/export/outcomes?from="+loopDay(-1)+"&to="+loopDay(1)+"&format=jsonl", o.admin.AccessToken, nil).expect(200)
		if strings.Contains(string(r.Body), "secret recipe") || !strings.Contains(string(r.Body), o.eva.User.Id) {
			t.Errorf("export:\n%s", r.Body)
		}
	})
}

func TestSocialSpotlight(t *testing.T) {
	o := socialNewOrg(t, "spotlight")
	story := o.socialShare(o.eva, "A regular brought us flowers.")

	t.Run("the author's lead spotlights it and the author is told who did", func(t *testing.T) {
		o.a.call("POST", "/v1/stories/"+story+"/spotlight", o.lena.AccessToken, nil).expect(204)
		notes := o.a.socialNotices(o.eva, "spotlight")
		if len(notes) != 1 || notes[0].Data["story_id"] != story || !strings.Contains(notes[0].Body, "Lena Bos") {
			t.Errorf("notifications %+v", notes)
		}
	})
	t.Run("spotlighting it again changes nothing and tells no one", func(t *testing.T) {
		o.a.call("POST", "/v1/stories/"+story+"/spotlight", o.admin.AccessToken, nil).expect(204)
		o.a.call("POST", "/v1/stories/"+story+"/spotlight", o.lena.AccessToken, nil).expect(204)
		if n := len(o.a.socialNotices(o.eva, "spotlight")); n != 1 {
			t.Errorf("%d spotlight notifications, want 1", n)
		}
		if st, _ := o.a.socialFind(o.ben, "team", story); !st.Spotlight {
			t.Error("not in the spotlight")
		}
	})
	t.Run("a refused spotlight marks nothing", func(t *testing.T) {
		other := o.socialShare(o.ben, "I found a lost child's parents.")
		o.a.call("POST", "/v1/stories/"+other+"/spotlight", o.max.AccessToken, nil).wantProblem(403, "forbidden")
		if st, _ := o.a.socialFind(o.ben, "team", other); st.Spotlight {
			t.Error("in the spotlight after a refusal")
		}
		if n := len(o.a.socialNotices(o.ben, "spotlight")); n != 0 {
			t.Errorf("%d spotlight notifications after a refusal", n)
		}
	})
	t.Run("a lead who no longer leads the team may not spotlight its stories", func(t *testing.T) {
		other := o.socialShare(o.ben, "Another one.")
		o.socialLeads(o.red, o.max)
		o.a.call("POST", "/v1/stories/"+other+"/spotlight", o.lena.AccessToken, nil).wantProblem(403, "forbidden")
		o.a.call("POST", "/v1/stories/"+other+"/spotlight", o.max.AccessToken, nil).expect(204)
		o.a.call("DELETE", "/v1/stories/"+other, o.lena.AccessToken, nil).wantProblem(403, "forbidden")
		o.a.call("DELETE", "/v1/stories/"+other, o.max.AccessToken, nil).expect(204)
	})
}
