package handlers

import (
	"strings"
	"testing"
	"time"
)

// Ranking on a team board: ties, points that never go down, the window around the caller and
// users who hide from leaderboards. Day 0 is Monday 23 November 2026, the org in Amsterdam.

func TestBoardTiesGoToWhoReachedThePointsFirst(t *testing.T) {
	o := boardNewOrg(t, "ties")
	team := o.boardTeam("Store Utrecht")
	eva := o.member("Eva Jansen", "employee", team.Id)
	sam := o.member("Sam de Vries", "employee", team.Id) // created after Eva: the larger id
	week := "/v1/leaderboards/teams/" + team.Id + "?period=week"

	t.Run("equal points reached a second apart rank the earlier one first", func(t *testing.T) {
		monday := boardAmsterdam(t, loopDay(0), "09:00:00")
		o.boardDoneAt(monday, sam)
		o.boardDoneAt(monday.Add(time.Second), eva)
		lb, _ := o.a.boardGet(eva.AccessToken, week)
		boardWantRows(t, "Monday, Sam first", boardRows(lb), []string{"1 Sam de Vries 10", "2 Eva Jansen 10*"})
		boardWantMe(t, "Eva on Monday", lb, 2, 10)
	})

	t.Run("reaching the next tie first overtakes, whichever id is smaller", func(t *testing.T) {
		tuesday := boardAmsterdam(t, loopDay(1), "09:00:00")
		o.boardDoneAt(tuesday, eva)
		o.boardDoneAt(tuesday.Add(time.Second), sam)
		for _, period := range []string{"week", "month", "all"} {
			lb, _ := o.a.boardGet(sam.AccessToken, "/v1/leaderboards/teams/"+team.Id+"?period="+period)
			boardWantRows(t, "Tuesday, "+period, boardRows(lb), []string{"1 Eva Jansen 20", "2 Sam de Vries 20*"})
			boardWantMe(t, "Sam on Tuesday, "+period, lb, 2, 20)
		}
	})

	t.Run("more points beat an earlier reach", func(t *testing.T) {
		o.boardDoneAt(boardAmsterdam(t, loopDay(2), "09:00:00"), sam)
		o.at(boardAmsterdam(t, loopDay(2), "09:01:00"), eva)
		lb, _ := o.a.boardGet(eva.AccessToken, week)
		boardWantRows(t, "Wednesday", boardRows(lb), []string{"1 Sam de Vries 30", "2 Eva Jansen 20*"})
	})
}

func TestBoardPointsNeverGoDown(t *testing.T) {
	o := boardNewOrg(t, "negative")
	team := o.boardTeam("Store Utrecht")
	eva := o.member("Eva Jansen", "employee", team.Id)
	sam := o.member("Sam de Vries", "employee", team.Id)
	week := "/v1/leaderboards/teams/" + team.Id + "?period=week"

	t.Run("a skipped gesture adds nothing and puts nobody on the board", func(t *testing.T) {
		if r := o.boardRecordAt(boardAmsterdam(t, loopDay(0), "09:00:00"), eva, "skipped"); r.PointsAwarded != 0 {
			t.Fatalf("skipped awarded %d points", r.PointsAwarded)
		}
		lb, _ := o.a.boardGet(eva.AccessToken, week)
		boardWantRows(t, "after a skip", boardRows(lb), []string{})
		boardWantMe(t, "Eva after a skip", lb, 0, 0)
		if got := o.a.boardTeams(eva.AccessToken, "").Entries; len(got) != 1 || got[0].Points != 0 {
			t.Errorf("teams board after a skip: %q", boardTeamRows(o.a.boardTeams(eva.AccessToken, "")))
		}
	})

	t.Run("a blocked gesture adds the org's blocked points", func(t *testing.T) {
		o.boardRecordAt(boardAmsterdam(t, loopDay(0), "10:00:00"), sam, "blocked")
		lb, _ := o.a.boardGet(sam.AccessToken, week)
		boardWantRows(t, "after Sam's barrier", boardRows(lb), []string{"1 Sam de Vries 2*"})
	})

	t.Run("with blocked worth no points a barrier adds nothing", func(t *testing.T) {
		o.patchOrg(map[string]any{"points": map[string]any{"blocked": 0}})
		if r := o.boardRecordAt(boardAmsterdam(t, loopDay(1), "09:00:00"), eva, "blocked"); r.PointsAwarded != 0 {
			t.Fatalf("blocked at 0 points awarded %d", r.PointsAwarded)
		}
		lb, _ := o.a.boardGet(eva.AccessToken, week)
		boardWantRows(t, "after Eva's barrier", boardRows(lb), []string{"1 Sam de Vries 2"})
		boardWantMe(t, "Eva", lb, 0, 0)
	})

	t.Run("a skip after points leaves them where they were", func(t *testing.T) {
		o.boardDoneAt(boardAmsterdam(t, loopDay(2), "09:00:00"), sam)
		o.boardRecordAt(boardAmsterdam(t, loopDay(3), "09:00:00"), sam, "skipped")
		for _, period := range []string{"week", "month", "all"} {
			lb, _ := o.a.boardGet(sam.AccessToken, "/v1/leaderboards/teams/"+team.Id+"?period="+period)
			boardWantRows(t, period, boardRows(lb), []string{"1 Sam de Vries 12*"})
		}
		if got := o.a.boardTeams(sam.AccessToken, "").Entries; len(got) != 1 || got[0].Points != 12 {
			t.Errorf("teams board: %q, want the team at 12 points", boardTeamRows(o.a.boardTeams(sam.AccessToken, "")))
		}
		if me := o.a.loopMe(sam); me.Stats.Points.Week != 12 {
			t.Errorf("Sam's own week points are %d; the board says 12", me.Stats.Points.Week)
		}
	})
}

// boardSeason gives a team seven ranked members: the k-th does their gesture on the first 7-k
// days of the week, so they finish with 70, 60, … 10 points; an eighth member earns nothing.
func boardSeason(t *testing.T, slug string) (*boardOrg, Team, []*Session) {
	o := boardNewOrg(t, slug)
	team := o.boardTeam("Store Utrecht")
	names := []string{"Anna", "Bram", "Cor", "Daan", "Eva", "Fien", "Gijs", "Hugo"}
	members := make([]*Session, len(names))
	for i, n := range names {
		members[i] = o.member(n, "employee", team.Id)
	}
	for day := range 7 {
		for k := 0; k < 7-day; k++ {
			o.boardDoneAt(boardAmsterdam(t, loopDay(day), "09:00:00").Add(time.Duration(k)*time.Millisecond), members[k])
		}
	}
	o.at(boardAmsterdam(t, loopDay(6), "20:00:00"), members...)
	return o, team, members
}

func TestBoardAroundMe(t *testing.T) {
	o, team, m := boardSeason(t, "around")
	anna, bram, daan, fien, gijs, hugo := m[0], m[1], m[3], m[5], m[6], m[7]
	board := "/v1/leaderboards/teams/" + team.Id + "?period=week"

	for _, c := range []struct {
		name   string
		caller *Session
		query  string
		want   []string
		rank   int
		points int
	}{
		{"at the top the window shifts down and keeps its size", anna, "&limit=3&around=me",
			[]string{"1 Anna 70*", "2 Bram 60", "3 Cor 50"}, 1, 70},
		{"second from the top the window starts at the top", bram, "&limit=3&around=me",
			[]string{"1 Anna 70", "2 Bram 60*", "3 Cor 50"}, 2, 60},
		{"in the middle the caller is centred", daan, "&limit=3&around=me",
			[]string{"3 Cor 50", "4 Daan 40*", "5 Eva 30"}, 4, 40},
		{"an even window puts one more above the caller", daan, "&limit=4&around=me",
			[]string{"2 Bram 60", "3 Cor 50", "4 Daan 40*", "5 Eva 30"}, 4, 40},
		{"a window of one is the caller", daan, "&limit=1&around=me",
			[]string{"4 Daan 40*"}, 4, 40},
		{"second from the bottom the window ends at the bottom", fien, "&limit=3&around=me",
			[]string{"5 Eva 30", "6 Fien 20*", "7 Gijs 10"}, 6, 20},
		{"at the bottom the window shifts up and keeps its size", gijs, "&limit=3&around=me",
			[]string{"5 Eva 30", "6 Fien 20", "7 Gijs 10*"}, 7, 10},
		{"at the bottom a larger window still ends at the bottom", gijs, "&limit=4&around=me",
			[]string{"4 Daan 40", "5 Eva 30", "6 Fien 20", "7 Gijs 10*"}, 7, 10},
		{"a window larger than the board is the whole board", gijs, "&limit=10&around=me",
			[]string{"1 Anna 70", "2 Bram 60", "3 Cor 50", "4 Daan 40", "5 Eva 30", "6 Fien 20", "7 Gijs 10*"}, 7, 10},
		{"without around the top is shown and me is still filled", gijs, "&limit=3",
			[]string{"1 Anna 70", "2 Bram 60", "3 Cor 50"}, 7, 10},
		{"an unranked caller around me sees the top and no me", hugo, "&limit=3&around=me",
			[]string{"1 Anna 70", "2 Bram 60", "3 Cor 50"}, 0, 0},
		{"an admin, not on the board, around me sees the top", &o.admin, "&limit=2&around=me",
			[]string{"1 Anna 70", "2 Bram 60"}, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			lb, _ := o.a.boardGet(c.caller.AccessToken, board+c.query)
			boardWantRows(t, "entries", boardRows(lb), c.want)
			boardWantMe(t, "me", lb, c.rank, c.points)
		})
	}

	t.Run("a limit outside 1 to 100, another period or around is refused", func(t *testing.T) {
		for _, q := range []string{"&limit=0", "&limit=101", "&around=you"} {
			if p := o.a.call("GET", board+q, hugo.AccessToken, nil).wantProblem(422, "invalid"); len(p.Errors) != 1 {
				t.Errorf("%s: errors %v", q, p.fieldNames())
			}
		}
		o.a.call("GET", "/v1/leaderboards/teams/"+team.Id+"?period=year", hugo.AccessToken, nil).wantProblem(422, "invalid")
		o.a.call("GET", board+"&limit=100", hugo.AccessToken, nil).expect(200)
	})

	t.Run("the default limit is 10", func(t *testing.T) {
		lb, _ := o.a.boardGet(hugo.AccessToken, board)
		if len(lb.Entries) != 7 {
			t.Errorf("%d entries of 7", len(lb.Entries))
		}
	})
}

func TestBoardPrivacy(t *testing.T) {
	o := boardNewOrg(t, "privacy")
	team := o.boardTeam("Store Utrecht")
	eva := o.member("Eva Jansen", "employee", team.Id)
	sam := o.member("Sam de Vries", "employee", team.Id)
	ida := o.member("Ida Smit", "employee", team.Id)
	lena := o.member("Lena Bos", "lead", team.Id)
	o.boardLeadTeam(team, lena.User.Id)
	ch := o.challenge("Greeting week", loopDay(0), loopDay(6), []string{o.greeting.Id}, map[string]any{"bonus_points": 5})
	o.a.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"preferences": map[string]any{"show_on_leaderboards": false}}).expect(200)

	monday := boardAmsterdam(t, loopDay(0), "09:00:00")
	o.boardDoneAt(monday, eva)
	o.boardDoneAt(monday.Add(time.Millisecond), sam)
	o.boardDoneAt(boardAmsterdam(t, loopDay(1), "09:00:00"), eva)
	o.at(boardAmsterdam(t, loopDay(1), "12:00:00"), eva, sam, ida, lena)

	for _, path := range []string{"/v1/leaderboards/teams/" + team.Id + "?period=week", "/v1/leaderboards/challenges/" + ch.Id} {
		t.Run("others see a hidden user without id or name, at the same place: "+path, func(t *testing.T) {
			for who, s := range map[string]*Session{"a teammate": sam, "a lead": lena, "an admin": &o.admin, "an unranked teammate": ida} {
				lb, body := o.a.boardGet(s.AccessToken, path)
				want := []string{"1 - 30", "2 Sam de Vries 15"}
				if s == sam {
					want[1] += "*"
				}
				boardWantRows(t, who, boardRows(lb), want)
				if n := strings.Count(body, `"user":{"id":null,"name":null}`); n != 1 {
					t.Errorf("%s: %d entries with id and name null, want 1: %s", who, n, body)
				}
			}
		})

		t.Run("the hidden user sees themselves: "+path, func(t *testing.T) {
			lb, _ := o.a.boardGet(eva.AccessToken, path)
			boardWantRows(t, "Eva", boardRows(lb), []string{"1 Eva Jansen 30*", "2 Sam de Vries 15"})
			if id := lb.Entries[0].User.Id; id == nil || *id != eva.User.Id {
				t.Errorf("Eva's own entry has id %v", id)
			}
			boardWantMe(t, "Eva", lb, 1, 30)
			lb, _ = o.a.boardGet(eva.AccessToken, path+map[bool]string{true: "&", false: "?"}[strings.Contains(path, "?")]+"around=me&limit=1")
			boardWantRows(t, "Eva around herself", boardRows(lb), []string{"1 Eva Jansen 30*"})
		})
	}

	t.Run("hidden points still count for the team", func(t *testing.T) {
		if got := o.a.boardTeams(sam.AccessToken, "").Entries; len(got) != 1 || got[0].Points != 45 {
			t.Errorf("teams board: %q, want the team at 45 points", boardTeamRows(o.a.boardTeams(sam.AccessToken, "")))
		}
	})

	t.Run("showing again applies at once", func(t *testing.T) {
		o.a.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"preferences": map[string]any{"show_on_leaderboards": true}}).expect(200)
		lb, _ := o.a.boardGet(sam.AccessToken, "/v1/leaderboards/teams/"+team.Id)
		boardWantRows(t, "Sam's view", boardRows(lb), []string{"1 Eva Jansen 30", "2 Sam de Vries 15*"})
	})
}
