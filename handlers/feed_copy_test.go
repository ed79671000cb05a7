package handlers

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

// A replica answers a feed page from its copy while the page's stamp is unchanged (Store.Feed).
// These tests hold copies on one replica, change what the cards show through another, and check
// the first never answers an old copy.

// feedAnswers tells from the feed script's answer how a page was answered: "copy" when the
// script only confirmed the replica's copy, "read" when it read the page.
type feedAnswers struct{ hookLog[string] }

func (h *feedAnswers) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h *feedAnswers) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		h.note(cmd)
		return err
	}
}

func (h *feedAnswers) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// note keeps how an answer of the feed script (the only script called with the feed stamps as
// its fourth key) answered.
func (h *feedAnswers) note(cmd redis.Cmder) {
	args := cmd.Args()
	name := strings.ToUpper(cmd.Name())
	if (name != "EVALSHA" && name != "EVAL") || len(args) < 7 || !strings.HasSuffix(fmt.Sprint(args[6]), ":feedstamps") {
		return
	}
	c, ok := cmd.(*redis.Cmd)
	if !ok {
		return
	}
	res, err := c.StringSlice()
	if err != nil {
		return
	}
	how := "read"
	if len(res) > 0 && res[0] == "=" {
		how = "copy"
	}
	h.add(how)
}

// feedCards renders a page's cards for comparison: text, author, team, gesture, kudos, and
// "k" when the reader gave kudos, "s" when spotlighted.
func feedCards(l StoryList) []string {
	out := []string{}
	for _, st := range l.Items {
		team := ""
		if st.Author.Team != nil {
			team = st.Author.Team.Name
		}
		card := fmt.Sprintf("%s|%s|%s|%s|%d", st.Text, st.Author.Name, team, st.Gesture.Title, st.Kudos)
		if st.KudoedByMe {
			card += "|k"
		}
		if st.Spotlight {
			card += "|s"
		}
		out = append(out, card)
	}
	return out
}

func TestFeedCopyIsAnsweredOnlyWhileCurrent(t *testing.T) {
	o := socialNewOrg(t, "feedcopy")
	answers := &feedAnswers{}
	o.a.store.Client().AddHook(answers)
	r := o.a.replica() // the replica that reads; every change goes through o.a
	first := o.socialShare(o.eva, "She smiled.")
	o.socialShare(o.olaf, "He came back.")
	o.socialAdvance(0)

	// read reads one page on r as s; it must be answered as how, and show want.
	read := func(t *testing.T, s *Session, query, how string, want ...string) StoryList {
		t.Helper()
		var l StoryList
		hows := answers.during(func() { l = r.socialFeed(s, query) })
		if !slices.Equal(hows, []string{how}) {
			t.Errorf("%s read %s: answered by %q, want %q", s.User.Name, query, hows, how)
		}
		if got := feedCards(l); !slices.Equal(got, want) {
			t.Errorf("%s read %s:\n got %q\nwant %q", s.User.Name, query, got, want)
		}
		return l
	}
	eva := "She smiled.|Eva Jansen|Red|Greet every customer|0"
	olaf := "He came back.|Olaf Smit|Blue|Greet every customer|0"

	t.Run("a repeat read is answered from the copy, for every reader", func(t *testing.T) {
		read(t, o.ben, "?scope=team", "read", eva)
		read(t, o.ben, "?scope=team", "copy", eva)
		read(t, o.lena, "?scope=team", "copy", eva)
		read(t, o.ben, "?scope=org", "read", olaf, eva)
		read(t, o.olaf, "?scope=org", "copy", olaf, eva)
	})

	t.Run("a kudos shows at once, and only its giver sees it as theirs", func(t *testing.T) {
		o.a.call("PUT", "/v1/stories/"+first+"/kudos", o.ben.AccessToken, nil).expect(204)
		kudoed := "She smiled.|Eva Jansen|Red|Greet every customer|1"
		read(t, o.ben, "?scope=team", "read", kudoed+"|k")
		read(t, o.lena, "?scope=team", "copy", kudoed)
		read(t, o.ben, "?scope=team", "copy", kudoed+"|k")
		read(t, o.olaf, "?scope=org", "read", olaf, kudoed)
		read(t, o.ben, "?scope=org", "copy", olaf, kudoed+"|k")
		o.a.call("DELETE", "/v1/stories/"+first+"/kudos", o.ben.AccessToken, nil).expect(204)
		read(t, o.ben, "?scope=team", "read", eva)
	})

	t.Run("a new story shows at once in its team's feed and the org's, not in another team's", func(t *testing.T) {
		read(t, o.olaf, "?scope=team", "read", olaf)
		read(t, o.olaf, "?scope=team", "copy", olaf)
		o.socialShare(o.ben, "They laughed.")
		o.socialAdvance(0)
		ben := "They laughed.|Ben de Boer|Red|Greet every customer|0"
		read(t, o.lena, "?scope=team", "read", ben, eva)
		read(t, o.olaf, "?scope=org", "read", ben, olaf, eva)
		read(t, o.olaf, "?scope=team", "copy", olaf)
	})

	t.Run("later pages are kept by their cursor", func(t *testing.T) {
		p1 := read(t, o.ben, "?scope=org&limit=2", "read", "They laughed.|Ben de Boer|Red|Greet every customer|0", olaf)
		if p1.NextCursor == nil {
			t.Fatal("no next page")
		}
		read(t, o.ben, "?scope=org&limit=2&cursor="+*p1.NextCursor, "read", eva)
		read(t, o.lena, "?scope=org&limit=2&cursor="+*p1.NextCursor, "copy", eva)
		read(t, o.lena, "?scope=org&limit=2", "copy", "They laughed.|Ben de Boer|Red|Greet every customer|0", olaf)
	})

	ben := "They laughed.|Ben de Boer|Red|Greet every customer|0"
	t.Run("a spotlight shows at once", func(t *testing.T) {
		o.a.call("POST", "/v1/stories/"+first+"/spotlight", o.lena.AccessToken, nil).expect(204)
		read(t, o.ben, "?scope=team", "read", ben, eva+"|s")
		read(t, o.olaf, "?scope=org", "read", ben, olaf, eva+"|s")
	})
	eva += "|s"

	t.Run("a new name of the author, the team or the gesture shows at once", func(t *testing.T) {
		o.a.call("PATCH", "/v1/admin/users/"+o.eva.User.Id, o.admin.AccessToken, map[string]any{"name": "Eva de Vries"}).expect(200)
		eva = strings.Replace(eva, "Eva Jansen", "Eva de Vries", 1)
		read(t, o.ben, "?scope=team", "read", ben, eva)
		read(t, o.ben, "?scope=team", "copy", ben, eva)

		o.a.call("PATCH", "/v1/admin/teams/"+o.red.Id, o.admin.AccessToken, map[string]any{"name": "Red Square"}).expect(200)
		eva, ben = strings.Replace(eva, "|Red|", "|Red Square|", 1), strings.Replace(ben, "|Red|", "|Red Square|", 1)
		read(t, o.ben, "?scope=team", "read", ben, eva)
		read(t, o.olaf, "?scope=org", "read", ben, olaf, eva)

		o.a.call("PATCH", "/v1/admin/gestures/"+o.gesture.Id, o.admin.AccessToken, map[string]any{"title": "Greet them all"}).expect(200)
		for _, c := range []*string{&eva, &ben, &olaf} {
			*c = strings.Replace(*c, "Greet every customer", "Greet them all", 1)
		}
		read(t, o.ben, "?scope=team", "read", ben, eva)
		read(t, o.ben, "?scope=team", "copy", ben, eva)
		read(t, o.olaf, "?scope=org", "read", ben, olaf, eva)
	})

	t.Run("each reader's cards are in their own language, the copy's too", func(t *testing.T) {
		o.a.call("PATCH", "/v1/admin/gestures/"+o.gesture.Id, o.admin.AccessToken,
			map[string]any{"translations": map[string]any{"nl": map[string]any{"title": "Begroet ze allemaal"}}}).expect(200)
		o.a.call("PATCH", "/v1/me", o.ben.AccessToken, map[string]any{"locale": "nl"}).expect(200)
		dutch := func(c string) string { return strings.Replace(c, "Greet them all", "Begroet ze allemaal", 1) }
		read(t, o.ben, "?scope=team", "read", dutch(ben), dutch(eva))
		read(t, o.lena, "?scope=team", "copy", ben, eva)
		read(t, o.ben, "?scope=team", "copy", dutch(ben), dutch(eva))
		o.a.call("PATCH", "/v1/me", o.ben.AccessToken, map[string]any{"locale": "en"}).expect(200)
	})

	t.Run("a deleted story leaves the copies at once", func(t *testing.T) {
		o.a.call("DELETE", "/v1/stories/"+first, o.admin.AccessToken, nil).expect(204)
		read(t, o.ben, "?scope=team", "read", ben)
		read(t, o.olaf, "?scope=org", "read", ben, olaf)
		read(t, o.olaf, "?scope=org", "copy", ben, olaf)
	})
}
