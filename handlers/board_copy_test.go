package handlers

import (
	"slices"
	"testing"
	"time"
)

// A replica answers a team's members and admins from its copy of the whole board while the
// board's stamp is unchanged (copycache.go, Server.teamBoard). These tests hold copies on one
// replica, change the board through another, and check the first never answers an old copy.

// boardAnswers tells from the round trips a board read made how it was answered: "copy" when
// it read only the stamps (one pipeline of two HGETs), "read" when it ran a board script. (The
// first request with a renewed access token also checks the session: another round trip.)
type boardAnswers struct {
	loopRoundTrips
}

func (h *boardAnswers) read(a *testAPI, token, path string) ([]string, string) {
	a.t.Helper()
	var lb Leaderboard
	trips := h.during(func() { lb, _ = a.boardGet(token, path) })
	for _, trip := range trips {
		if slices.Contains(trip, "EVALSHA") || slices.Contains(trip, "EVAL") {
			return boardRows(lb), "read"
		}
	}
	if slices.ContainsFunc(trips, func(trip []string) bool { return slices.Equal(trip, []string{"HGET", "HGET"}) }) {
		return boardRows(lb), "copy"
	}
	a.t.Fatalf("round trips %v: neither the stamps alone nor a board script", trips)
	return nil, ""
}

func TestBoardCopyIsAnsweredOnlyWhileCurrent(t *testing.T) {
	o := boardNewOrg(t, "boardcopy")
	answers := &boardAnswers{}
	o.a.store.Client().AddHook(answers)
	r := o.a.replica() // the replica that reads; every change goes through o.a
	red, blue := o.boardTeam("Red"), o.boardTeam("Blue")
	eva := o.member("Eva", "employee", red.Id)
	sam := o.member("Sam", "employee", red.Id)
	max := o.member("Max", "employee", red.Id)
	bob := o.member("Bob", "employee", blue.Id)
	week := "/v1/leaderboards/teams/" + red.Id + "?period=week"
	at := func(clock string) time.Time { return boardAmsterdam(t, loopDay(0), clock) }
	o.boardDoneAt(at("09:00:00"), eva)
	o.boardDoneAt(at("09:01:00"), sam)
	o.at(at("09:02:00"), eva, sam, max, bob)

	// check reads the board on r as max twice: the first read must show want (and read the
	// board unless a copy may be answered), the second is answered from the copy.
	check := func(t *testing.T, what string, firstHow string, want []string) {
		t.Helper()
		rows, how := answers.read(r, max.AccessToken, week)
		if how != firstHow {
			t.Errorf("%s: the first read was answered by %q, want %q", what, how, firstHow)
		}
		boardWantRows(t, what, rows, want)
		rows, how = answers.read(r, max.AccessToken, week)
		if how != "copy" {
			t.Errorf("%s: the repeat read was answered by %q, want the copy", what, how)
		}
		boardWantRows(t, what+", again", rows, want)
	}

	t.Run("a repeat read is answered from the copy", func(t *testing.T) {
		check(t, "the board", "read", []string{"1 Eva 10", "2 Sam 10"})
		rows, how := answers.read(r, max.AccessToken, week+"&around=me&limit=1")
		if how != "copy" || len(rows) != 1 || rows[0] != "1 Eva 10" {
			t.Errorf("another window of the same board: %q by %q, want the copy's top", rows, how)
		}
	})

	t.Run("an outcome on another replica shows at once", func(t *testing.T) {
		res := o.boardRecordAt(at("10:00:00"), max, "done", map[string]any{"story": "She smiled.", "share": true})
		o.at(at("10:00:01"), eva, sam, bob)
		check(t, "after Max's shared story", "read", []string{"1 Max 15*", "2 Eva 10", "3 Sam 10"})

		o.a.call("PUT", "/v1/stories/"+*res.StoryId+"/kudos", eva.AccessToken, nil).expect(204)
		check(t, "after Eva's kudos for Max", "read", []string{"1 Max 16*", "2 Eva 10", "3 Sam 10"})
	})

	t.Run("a skipped gesture changes no board, so the copy stays", func(t *testing.T) {
		res := o.boardRecordAt(at("11:00:00"), bob, "skipped")
		if res.PointsAwarded != 0 {
			t.Fatalf("a skip awarded %d points", res.PointsAwarded)
		}
		o.at(at("11:00:01"), eva, sam, max)
		check(t, "after a skip in another team", "copy", []string{"1 Max 16*", "2 Eva 10", "3 Sam 10"})
	})

	t.Run("a new name and hiding from leaderboards show at once", func(t *testing.T) {
		o.boardPatchUser(eva, map[string]any{"name": "Eva Jansen"})
		check(t, "after Eva's new name", "read", []string{"1 Max 16*", "2 Eva Jansen 10", "3 Sam 10"})
		o.a.call("PATCH", "/v1/me", sam.AccessToken, map[string]any{"preferences": map[string]any{"show_on_leaderboards": false}}).expect(200)
		check(t, "after Sam hid", "read", []string{"1 Max 16*", "2 Eva Jansen 10", "3 - 10"})
		o.a.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"preferences": map[string]any{"reminder_time": "09:15"}}).expect(200)
		check(t, "after a change boards do not show", "copy", []string{"1 Max 16*", "2 Eva Jansen 10", "3 - 10"})
	})

	t.Run("an id naming another kind of key than a team's is no team", func(t *testing.T) {
		for _, who := range []*Session{&o.admin, max} {
			r.call("GET", "/v1/leaderboards/teams/"+red.Id+":members?period=week", who.AccessToken, nil).expect(404)
		}
	})

	t.Run("a member of another team is refused, whatever the replica keeps", func(t *testing.T) {
		r.call("GET", week, bob.AccessToken, nil).expect(403)
		r.call("GET", week, o.admin.AccessToken, nil).expect(200)
	})

	t.Run("a rebuild shows at once", func(t *testing.T) {
		if err := o.a.store.RebuildBoards(t.Context(), o.slug, nil); err != nil {
			t.Fatal(err)
		}
		// the rebuild replays the points outcomes were given; kudos points are not replayed
		check(t, "after the rebuild", "read", []string{"1 Max 15*", "2 Eva Jansen 10", "3 - 10"})
	})

	t.Run("a deleted team's board is not found, though the replica kept it", func(t *testing.T) {
		green := o.boardTeam("Green")
		gus := o.member("Gus", "employee", green.Id)
		o.boardDoneAt(at("12:00:00"), gus)
		o.at(at("12:00:01"))
		path := "/v1/leaderboards/teams/" + green.Id + "?period=week"
		rows, _ := answers.read(r, o.admin.AccessToken, path)
		boardWantRows(t, "Green's board", rows, []string{"1 Gus 10"})
		if _, how := answers.read(r, o.admin.AccessToken, path); how != "copy" {
			t.Fatalf("the admin's repeat read was answered by %q, want the copy", how)
		}
		o.boardPatchUser(gus, map[string]any{"team_id": blue.Id})
		o.a.call("DELETE", "/v1/admin/teams/"+green.Id, o.admin.AccessToken, nil).expect(204)
		r.call("GET", path, o.admin.AccessToken, nil).expect(404)
	})
}
