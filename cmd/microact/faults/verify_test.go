package faults

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"sync"
	"testing"

	"github.com/microact/microact/handlers"
)

// verifyExactlyOnce checks, through the API of base, that every intent is recorded exactly
// once and counted once everywhere an outcome counts: the assignment, the user's stats and
// history, the export, the team and teams boards, the team dashboards, the story feed and
// the barrier list. Points are checked against the org's rules, not against what the load saw.
func verifyExactlyOnce(t *testing.T, base string, o *org, all []*intent) {
	t.Helper()
	want := map[string]int{} // user → points
	var day string
	var mu sync.Mutex
	var wg sync.WaitGroup
	slots := make(chan struct{}, 8)
	for _, in := range all {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			var today handlers.Assignment
			var me handlers.Me
			err := errors.Join(fetch(base+"/v1/me/today", in.token, &today), fetch(base+"/v1/me", in.token, &me))
			history, herr := pages[handlers.Assignment](base+"/v1/me/history", in.token)
			if err = errors.Join(err, herr); err != nil {
				t.Errorf("user %d: %v", in.n, err)
				return
			}
			points := in.expectedPoints(today.Gesture.Points)
			if today.Outcome == nil || string(today.Status) != in.result || string(today.Outcome.Result) != in.result || today.Outcome.Points != points {
				t.Errorf("user %d: today is %s with outcome %+v, want %s worth %d", in.n, today.Status, today.Outcome, in.result, points)
			}
			done := 0
			if in.result == "done" {
				done = 1
			}
			if me.Stats.Points.Total != points || me.Stats.Points.Week != points || me.Stats.DoneTotal != done {
				t.Errorf("user %d: stats %+v, want %d points and %d done", in.n, me.Stats, points, done)
			}
			if in.swapKey != "" && in.swapped == nil {
				t.Errorf("user %d: the swap was never answered", in.n)
			} else if in.swapped != nil && today.Gesture.Id != in.swapped.Gesture.Id {
				t.Errorf("user %d: today's gesture is %s, the swap answered %s: a repeat of it swapped again", in.n, today.Gesture.Id, in.swapped.Gesture.Id)
			}
			if len(history) != 1 || history[0].Outcome == nil {
				t.Errorf("user %d: history has %d assignments, want today's with its outcome", in.n, len(history))
			}
			mu.Lock()
			want[in.id], day = points, string(today.Date.Format("2006-01-02"))
			mu.Unlock()
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}

	t.Run("the export has one row per outcome, with its points", func(t *testing.T) {
		a := send("GET", base+"/v1/admin/export/outcomes?format=jsonl&from="+day+"&to="+day, o.admin, nil)
		if a.err != nil || a.status != 200 {
			t.Fatalf("export: %s", a)
		}
		rows := map[string]int{}
		sc := bufio.NewScanner(bytes.NewReader(a.body))
		for sc.Scan() {
			var row handlers.ExportRow
			if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
				t.Fatalf("export row %q: %v", sc.Text(), err)
			}
			rows[row.UserId]++
			if row.Points != want[row.UserId] {
				t.Errorf("export: user %s has %d points, want %d", row.UserId, row.Points, want[row.UserId])
			}
		}
		for _, in := range all {
			if rows[in.id] != 1 {
				t.Errorf("export: user %d has %d rows, want 1", in.n, rows[in.id])
			}
		}
		if len(rows) != len(all) {
			t.Errorf("export: %d users, want %d", len(rows), len(all))
		}
	})

	t.Run("each team board holds each member's points once", func(t *testing.T) {
		teamSum := map[string]int{}
		for _, in := range all {
			teamSum[in.team] += want[in.id]
		}
		for _, team := range o.teams {
			var board handlers.Leaderboard
			must(t, 200, &board, "GET", base+"/v1/leaderboards/teams/"+team.Id+"?period=all&limit=100", o.admin, nil)
			sum := 0
			for _, e := range board.Entries {
				sum += e.Points
				if e.User.Id != nil && e.Points != want[*e.User.Id] {
					t.Errorf("team %s: user %s has %d points on the board, want %d", team.Name, *e.User.Id, e.Points, want[*e.User.Id])
				}
			}
			if sum != teamSum[team.Id] {
				t.Errorf("team %s: the board sums to %d points, want %d", team.Name, sum, teamSum[team.Id])
			}
		}
		var teams handlers.TeamsLeaderboard
		must(t, 200, &teams, "GET", base+"/v1/leaderboards/teams?period=all&limit=100", o.admin, nil)
		for _, e := range teams.Entries {
			if e.Points != teamSum[e.Team.Id] {
				t.Errorf("teams board: %s has %d points, want %d", e.Team.Name, e.Points, teamSum[e.Team.Id])
			}
		}
		if len(teams.Entries) != len(o.teams) {
			t.Errorf("teams board has %d teams, want %d", len(teams.Entries), len(o.teams))
		}
	})

	t.Run("each team dashboard counts each outcome once", func(t *testing.T) {
		type counts struct{ done, skipped, blocked, stories int }
		wantCounts := map[string]*counts{}
		for _, team := range o.teams {
			wantCounts[team.Id] = &counts{}
		}
		for _, in := range all {
			c := wantCounts[in.team]
			switch in.result {
			case "done":
				c.done++
			case "skipped":
				c.skipped++
			case "blocked":
				c.blocked++
			}
			if in.shared {
				c.stories++
			}
		}
		for _, team := range o.teams {
			var d handlers.Dashboard
			must(t, 200, &d, "GET", base+"/v1/teams/"+team.Id+"/dashboard?period=week", o.admin, nil)
			got := counts{d.Results.Done, d.Results.Skipped, d.Results.Blocked, d.StoriesShared}
			if got != *wantCounts[team.Id] {
				t.Errorf("team %s: dashboard counts %+v, want %+v", team.Name, got, *wantCounts[team.Id])
			}
		}
	})

	t.Run("each shared story and each reported barrier exists once", func(t *testing.T) {
		feed, err := pages[handlers.Story](base+"/v1/stories?scope=org", o.admin)
		if err != nil {
			t.Fatal(err)
		}
		reported, err := pages[handlers.Barrier](base+"/v1/barriers", o.admin)
		if err != nil {
			t.Fatal(err)
		}
		stories, barriers := map[string]int{}, map[string]int{}
		for _, s := range feed {
			stories[s.Author.Id]++
		}
		for _, b := range reported {
			barriers[b.Reporter.Id]++
		}
		for _, in := range all {
			wantStories, wantBarriers := 0, 0
			if in.shared {
				wantStories = 1
			}
			if in.result == "blocked" {
				wantBarriers = 1
			}
			if stories[in.id] != wantStories || barriers[in.id] != wantBarriers {
				t.Errorf("user %d (%s): %d stories and %d barriers, want %d and %d", in.n, in.result, stories[in.id], barriers[in.id], wantStories, wantBarriers)
			}
		}
	})
}
