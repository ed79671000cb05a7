package handlers

import (
	"context"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

// A board read (top limit + the caller's rank + names) is one Redis round trip: counted with a
// go-redis hook on the store's own client, after the scripts are loaded (the very first run
// of a script after Redis starts adds an EVAL after the failed EVALSHA).
func TestBoardReadIsOneRoundTrip(t *testing.T) {
	o, team, m := boardSeason(t, "roundtrip")
	gijs := m[6]
	ctx := context.Background()
	counter := &boardCounter{}
	o.a.store.Client().AddHook(counter)
	caller := domain.Principal{UserID: gijs.User.Id, Org: o.slug, Role: domain.RoleEmployee, TeamID: team.Id}
	week := "w" + loopDay(0)
	boardPath := "/v1/leaderboards/teams/" + team.Id + "?limit=3"

	// Load the scripts and fill this replica's org cache.
	if _, err := o.a.store.TeamBoard(ctx, o.slug, team.Id, week, domain.BoardRead{Caller: caller, Limit: 3}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.a.store.TeamsBoard(ctx, o.slug, week); err != nil {
		t.Fatal(err)
	}
	o.a.call("GET", boardPath, gijs.AccessToken, nil).expect(200)

	for _, around := range []bool{false, true} {
		name := map[bool]string{false: "the top", true: "the window around the caller"}[around]
		t.Run("the store reads "+name+", the caller's rank and the names in one call", func(t *testing.T) {
			var b domain.Board
			var err error
			trips := counter.during(func() {
				b, err = o.a.store.TeamBoard(ctx, o.slug, team.Id, week, domain.BoardRead{Caller: caller, Limit: 3, Around: around})
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(trips) != 1 {
				t.Errorf("%d round trips: %q", len(trips), trips)
			}
			if len(b.Entries) != 3 || b.Entries[0].Name == "" || b.MyRank != 7 || b.MyPoints != 10 {
				t.Errorf("board %+v, want 3 named entries and Gijs 7th with 10 points", b)
			}
		})
	}

	t.Run("a whole HTTP request for a team board makes one call", func(t *testing.T) {
		var lb Leaderboard
		trips := counter.during(func() { lb, _ = o.a.boardGet(gijs.AccessToken, boardPath+"&around=me") })
		if len(trips) != 1 {
			t.Errorf("%d round trips: %q", len(trips), trips)
		}
		boardWantRows(t, "Gijs around himself", boardRows(lb), []string{"5 Eva 30", "6 Fien 20", "7 Gijs 10*"})
	})

	t.Run("the teams board is one call", func(t *testing.T) {
		trips := counter.during(func() { _ = o.a.boardTeams(gijs.AccessToken, "") })
		if len(trips) != 1 {
			t.Errorf("%d round trips: %q", len(trips), trips)
		}
	})

	t.Run("a challenge board is one call, its challenge read with it", func(t *testing.T) {
		ch := o.challenge("Roundtrip week", loopDay(0), loopDay(6), []string{o.greeting.Id})
		path := "/v1/leaderboards/challenges/" + ch.Id + "?limit=3"
		o.a.call("GET", path, gijs.AccessToken, nil).expect(200) // the script loaded
		var lb Leaderboard
		trips := counter.during(func() { lb, _ = o.a.boardGet(gijs.AccessToken, path) })
		if len(trips) != 1 {
			t.Errorf("%d round trips: %q", len(trips), trips)
		}
		if lb.Period.StartsAt == nil || lb.Period.EndsAt == nil || !lb.Period.EndsAt.After(*lb.Period.StartsAt) {
			t.Errorf("period %+v, want the challenge's days", lb.Period)
		}
	})

	t.Run("the dashboard's counters are one pipeline", func(t *testing.T) {
		trips := counter.during(func() {
			if _, err := o.a.store.Dashboard(ctx, o.slug, team.Id, domain.WeekOf(loopDay(0), 1, time.UTC), nil); err != nil {
				t.Fatal(err)
			}
		})
		if len(trips) != 1 {
			t.Errorf("%d round trips: %q", len(trips), trips)
		}
		trips = counter.during(func() {
			o.a.call("GET", "/v1/teams/"+team.Id+"/dashboard", o.admin.AccessToken, nil).expect(200)
		})
		t.Logf("a whole dashboard request makes %d round trips: %q", len(trips), trips)
	})
}
