package handlers

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// Kudos (contract sections 4 and 5): one per colleague, idempotent, not on one's own story,
// revocable; the author's points follow the story's kudos up to 10; the author is notified.

// socialKudos gives (PUT) or takes back (DELETE) s's kudos on story.
func (a *testAPI) socialKudos(method string, s *Session, story string) response {
	a.t.Helper()
	return a.call(method, "/v1/stories/"+story+"/kudos", s.AccessToken, nil)
}

// socialKudosOf is the story's kudos count as s reads it in the org feed.
func (a *testAPI) socialKudosOf(s *Session, story string) (int, bool) {
	a.t.Helper()
	st, ok := a.socialFind(s, "org", story)
	if !ok {
		a.t.Fatalf("story %s is not in the org feed", story)
	}
	return st.Kudos, st.KudoedByMe
}

func TestSocialKudosIdempotent(t *testing.T) {
	o := socialNewOrg(t, "kudos-once")
	story := o.socialShare(o.eva, "I helped a customer find the right size.")
	base := o.a.socialPoints(o.eva)

	t.Run("giving kudos twice is one kudos, one point and one notification", func(t *testing.T) {
		o.a.socialKudos("PUT", o.ben, story).expect(204)
		o.a.socialKudos("PUT", o.ben, story).expect(204)
		if n, mine := o.a.socialKudosOf(o.ben, story); n != 1 || !mine {
			t.Errorf("kudos %d, kudoed_by_me %v; want 1, true", n, mine)
		}
		if got := o.a.socialPoints(o.eva); got != base+1 {
			t.Errorf("Eva's points %d, want %d", got, base+1)
		}
		notes := o.a.socialNotices(o.eva, "kudos")
		if len(notes) != 1 {
			t.Fatalf("%d kudos notifications, want 1: %+v", len(notes), notes)
		}
		if n := notes[0]; n.Data["story_id"] != story || n.Data["kind"] != "kudos" || n.Data["id"] != n.Id || !strings.Contains(n.Body, "Ben de Boer") {
			t.Errorf("notification %+v", n)
		}
		if len(o.a.socialNotices(o.ben, "kudos")) != 0 {
			t.Error("the giver was notified too")
		}
	})
	t.Run("taking it back twice is fine and takes the point back once", func(t *testing.T) {
		o.a.socialKudos("DELETE", o.ben, story).expect(204)
		o.a.socialKudos("DELETE", o.ben, story).expect(204)
		if n, mine := o.a.socialKudosOf(o.ben, story); n != 0 || mine {
			t.Errorf("kudos %d, kudoed_by_me %v; want 0, false", n, mine)
		}
		if got := o.a.socialPoints(o.eva); got != base {
			t.Errorf("Eva's points %d, want %d", got, base)
		}
		if len(o.a.socialNotices(o.eva, "kudos")) != 1 {
			t.Error("taking kudos back notified the author")
		}
	})
	t.Run("taking back kudos never given changes nothing", func(t *testing.T) {
		o.a.socialKudos("DELETE", o.olaf, story).expect(204)
		if n, _ := o.a.socialKudosOf(o.olaf, story); n != 0 {
			t.Errorf("kudos %d, want 0", n)
		}
		if got := o.a.socialPoints(o.eva); got != base {
			t.Errorf("Eva's points %d, want %d", got, base)
		}
	})
	t.Run("on one's own story both are 403 own_story", func(t *testing.T) {
		o.a.socialKudos("PUT", o.eva, story).wantProblem(403, "own_story")
		o.a.socialKudos("DELETE", o.eva, story).wantProblem(403, "own_story")
		if n, _ := o.a.socialKudosOf(o.eva, story); n != 0 {
			t.Errorf("kudos %d, want 0", n)
		}
	})
	t.Run("giving again after taking back counts again, but tells Eva nothing new", func(t *testing.T) {
		pushes := o.a.outboxLen("kudos-once")
		for range 2 { // given, taken back, given: twice over
			o.a.socialKudos("PUT", o.ben, story).expect(204)
			if n, _ := o.a.socialKudosOf(o.ben, story); n != 1 {
				t.Errorf("kudos %d, want 1", n)
			}
			if got := o.a.socialPoints(o.eva); got != base+1 {
				t.Errorf("Eva's points %d, want %d", got, base+1)
			}
			o.a.socialKudos("DELETE", o.ben, story).expect(204)
		}
		o.a.socialKudos("PUT", o.ben, story).expect(204)
		if n := len(o.a.socialNotices(o.eva, "kudos")); n != 1 {
			t.Errorf("%d kudos notifications in Eva's inbox, want 1: one per giver per story", n)
		}
		if n := o.a.outboxLen("kudos-once"); n != pushes {
			t.Errorf("%d more notifications to push, want none", n-pushes)
		}
	})
	t.Run("another giver's first kudos is news", func(t *testing.T) {
		o.a.socialKudos("PUT", o.olaf, story).expect(204)
		if n := len(o.a.socialNotices(o.eva, "kudos")); n != 2 {
			t.Errorf("%d kudos notifications, want 2", n)
		}
	})
}

// outboxLen is how many notifications of org wait in its push outbox.
func (a *testAPI) outboxLen(org string) int64 {
	a.t.Helper()
	n, err := a.store.Client().XLen(context.Background(), a.store.Keys().Outbox(org)).Result()
	if err != nil {
		a.t.Fatal(err)
	}
	return n
}

func TestSocialKudosPoints(t *testing.T) {
	o := socialNewOrg(t, "kudos-points")
	o.patchOrg(map[string]any{"points": map[string]any{"kudos": 3}})
	givers := []*Session{o.ben, o.olaf, o.lena, o.max, &o.admin}
	for i := len(givers); i < 11; i++ {
		givers = append(givers, o.socialMember(fmt.Sprintf("Colleague %d", i+1), "employee", o.red.Id))
	}
	story := o.socialShare(o.eva, "A customer came back just to say thank you.")
	before := o.a.loopMe(o.eva).Stats.Points
	board := func() int {
		t.Helper()
		lb, _ := o.a.boardGet(o.eva.AccessToken, "/v1/leaderboards/teams/"+o.red.Id+"?period=week")
		for _, e := range lb.Entries {
			if e.User.Id != nil && *e.User.Id == o.eva.User.Id {
				return e.Points
			}
		}
		t.Fatalf("Eva is not on Red's board: %v", boardRows(lb))
		return 0
	}
	boardBefore := board()
	want := func(what string, extra int) {
		t.Helper()
		p := o.a.loopMe(o.eva).Stats.Points
		if p.Total != before.Total+extra || p.Week != before.Week+extra || p.Month != before.Month+extra {
			t.Errorf("%s: points %+v, want %+v plus %d", what, p, before, extra)
		}
		if got := board(); got != boardBefore+extra {
			t.Errorf("%s: Eva has %d on Red's week board, want %d", what, got, boardBefore+extra)
		}
	}

	t.Run("each of the first ten kudos earns the org's kudos points, the eleventh none", func(t *testing.T) {
		for i, g := range givers {
			o.a.socialKudos("PUT", g, story).expect(204)
			want(fmt.Sprintf("after %d kudos", i+1), 3*min(i+1, 10))
		}
		if n, _ := o.a.socialKudosOf(o.eva, story); n != 11 {
			t.Errorf("kudos %d, want 11", n)
		}
	})
	t.Run("taking back the eleventh keeps the points", func(t *testing.T) {
		o.a.socialKudos("DELETE", givers[10], story).expect(204)
		want("10 kudos left", 30)
	})
	t.Run("taking back one of the first ten, with ten left, costs a kudos' points", func(t *testing.T) {
		o.a.socialKudos("DELETE", givers[0], story).expect(204)
		want("9 kudos left", 27)
	})
	t.Run("with eleven again, taking back one of the first ten keeps the points: ten kudos remain", func(t *testing.T) {
		o.a.socialKudos("PUT", givers[0], story).expect(204)
		o.a.socialKudos("PUT", givers[10], story).expect(204)
		want("11 kudos again", 30)
		o.a.socialKudos("DELETE", givers[3], story).expect(204)
		want("10 kudos left", 30)
		o.a.socialKudos("PUT", givers[3], story).expect(204)
	})
	t.Run("each giver's first kudos notified Eva once, and ten kudos earned her the badge", func(t *testing.T) {
		if n := len(o.a.socialNotices(o.eva, "kudos")); n != 11 {
			t.Errorf("%d kudos notifications, want 11", n)
		}
		if !o.a.socialHasBadge(o.eva, "kudos_10") {
			t.Error("Eva has no kudos_10 badge")
		}
	})
	t.Run("taking every kudos back returns the points exactly", func(t *testing.T) {
		for _, g := range givers {
			o.a.socialKudos("DELETE", g, story).expect(204)
		}
		want("no kudos", 0)
		if !o.a.socialHasBadge(o.eva, "kudos_10") {
			t.Error("the kudos_10 badge was taken away")
		}
	})
}

func TestSocialKudosBadge(t *testing.T) {
	o := socialNewOrg(t, "kudos-badge")
	var givers []*Session
	for i := range 10 {
		givers = append(givers, o.socialMember(fmt.Sprintf("Fan %d", i+1), "employee", o.blue.Id))
	}
	first := o.socialShare(o.eva, "First story.")
	second := o.socialShare(o.eva, "Second story.") // the next day
	t.Run("nine kudos over two stories are not ten", func(t *testing.T) {
		for i, g := range givers[:9] {
			story := first
			if i%2 == 1 {
				story = second
			}
			o.a.socialKudos("PUT", g, story).expect(204)
		}
		if o.a.socialHasBadge(o.eva, "kudos_10") {
			t.Error("kudos_10 after 9 kudos")
		}
	})
	t.Run("giving and taking back the same kudos does not count twice", func(t *testing.T) {
		o.a.socialKudos("DELETE", givers[0], first).expect(204)
		o.a.socialKudos("PUT", givers[0], first).expect(204)
		if o.a.socialHasBadge(o.eva, "kudos_10") {
			t.Error("kudos_10 after 9 kudos, one of them given twice")
		}
	})
	t.Run("the tenth kudos over all stories earns kudos_10", func(t *testing.T) {
		o.a.socialKudos("PUT", givers[9], second).expect(204)
		if !o.a.socialHasBadge(o.eva, "kudos_10") {
			t.Error("no kudos_10 after 10 kudos")
		}
	})
}

// A kudos taken back in a later week than it was given must not cost the author or their team
// points in the new week, where they were never earned.
func TestSocialKudosRevokedNextWeek(t *testing.T) {
	o := socialNewOrg(t, "kudos-week")
	story := o.socialShare(o.eva, "A story on Monday.")
	o.a.socialKudos("PUT", o.ben, story).expect(204)
	o.socialAdvance(7 * day) // next Monday
	_, done := o.a.loopDoToday(o.eva, "done")
	earned := done.PointsAwarded
	total := o.a.socialPoints(o.eva)
	lastWeek := o.a.boardScan(o.a.store.Keys().TeamBoard(o.slug, o.red.Id, "w*"))
	if len(lastWeek) != 2 {
		t.Fatalf("Red's week boards: %v, want last week's and this week's", lastWeek)
	}
	lastWeekPoints := func() int64 {
		return int64(o.a.store.Client().ZScore(context.Background(), lastWeek[0], o.eva.User.Id).Val()) >> 31
	}
	before := lastWeekPoints()
	o.a.socialKudos("DELETE", o.ben, story).expect(204)

	me := o.a.loopMe(o.eva).Stats.Points
	if me.Total != total-1 {
		t.Errorf("total %d, want %d: the kudos' point is taken back", me.Total, total-1)
	}
	if me.Week != earned {
		t.Errorf("this week's points %d, want the %d earned this week", me.Week, earned)
	}
	// when the kudos was given is forgotten; only that Eva was told of Ben's kudos stays
	if keys := o.a.boardScan(o.a.store.Keys().StoryKudosAt(o.slug, story)); len(keys) != 1 {
		t.Errorf("kudosat keys %v", keys)
	} else if at := o.a.store.Client().HGetAll(context.Background(), keys[0]).Val(); len(at) != 1 || at[o.ben.User.Id] != "-" {
		t.Errorf("when the kudos was given outlived it: %v", at)
	}
	if after := lastWeekPoints(); after != before-1 {
		t.Errorf("last week's board gives Eva %d points after the kudos was taken back, %d before", after, before)
	}
	lb, _ := o.a.boardGet(o.eva.AccessToken, "/v1/leaderboards/teams/"+o.red.Id+"?period=week")
	boardWantRows(t, "this week's board of Red", boardRows(lb), []string{fmt.Sprintf("1 Eva Jansen %d*", earned)})
	for _, e := range o.a.boardTeams(o.eva.AccessToken, "?period=week").Entries {
		if e.Team.Id == o.red.Id && e.Points != earned {
			t.Errorf("this week's board of teams: %s, want %d points", boardTeamRow(e), earned)
		}
	}
}
