package handlers

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// The lead's dashboard: the team's counters of the current week or month.
func TestBoardDashboard(t *testing.T) {
	friday := boardAmsterdam(t, "2026-11-20", "09:00:00") // the week before loopMonday, same month
	o := boardNewOrgAt(t, "dashboard", friday)
	// Employees are given the greeting, leads a gesture of their own, so top_gestures is known.
	o.a.call("PATCH", "/v1/admin/gestures/"+o.greeting.Id, o.admin.AccessToken, map[string]any{"roles": []string{"employee"}}).expect(200)
	o.gesture(o.value.Id, "Lead by example", map[string]any{"roles": []string{"lead"}})

	team := o.boardTeam("Store Utrecht")
	other := o.boardTeam("Store Zwolle")
	lena := o.member("Lena Bos", "lead", team.Id)
	max := o.member("Max Visser", "lead", other.Id) // leads Utrecht too, works in Zwolle
	eva := o.member("Eva Jansen", "employee", team.Id)
	sam := o.member("Sam de Vries", "employee", team.Id)
	ida := o.member("Ida Smit", "employee", team.Id)
	bob := o.member("Bob Kok", "employee", team.Id)
	o.boardLeadTeam(team, lena.User.Id, max.User.Id)

	o.boardDoneAt(friday, sam) // last week: counts for the month only
	at := func(day int, clock string, ms int) time.Time {
		return boardAmsterdam(t, loopDay(day), clock).Add(time.Duration(ms) * time.Millisecond)
	}
	o.boardRecordAt(at(0, "09:00:00", 0), eva, "done", map[string]any{"reaction": "delighted", "story": "She smiled all day.", "share": true})
	o.boardRecordAt(at(0, "09:00:00", 1), sam, "skipped")
	barrier := o.boardRecordAt(at(0, "09:00:00", 2), ida, "blocked").BarrierId
	o.boardRecordAt(at(0, "09:00:00", 3), lena, "done", map[string]any{"reaction": "positive"})
	o.boardRecordAt(at(0, "09:00:00", 4), max, "done")
	o.boardRecordAt(at(1, "09:00:00", 0), eva, "done", map[string]any{"reaction": "negative"})
	o.boardRecordAt(at(1, "09:00:00", 1), lena, "done")
	o.boardRecordAt(at(2, "09:00:00", 0), eva, "done")
	o.at(at(2, "12:00:00", 0), lena, max, bob)

	read := func(t *testing.T, s *Session, teamID, period string) (Dashboard, string) {
		t.Helper()
		var d Dashboard
		r := o.a.call("GET", "/v1/teams/"+teamID+"/dashboard?period="+period, s.AccessToken, nil).expect(200)
		r.decode(&d)
		return d, string(r.Body)
	}
	gestures := func(d Dashboard) string {
		var parts []string
		for _, g := range d.TopGestures {
			parts = append(parts, fmt.Sprintf("%s %d", g.Title, g.Done))
		}
		return strings.Join(parts, ", ")
	}
	near := func(a, b float32) bool { return math.Abs(float64(a-b)) < 1e-4 }
	want := func(t *testing.T, d Dashboard, members int, rate float32, done, skipped, blocked int, top string, workdays int) {
		t.Helper()
		if d.Team.Id != team.Id || d.Team.Name != "Store Utrecht" {
			t.Errorf("team %+v", d.Team)
		}
		if d.Members != members || !near(d.ParticipationRate, rate) {
			t.Errorf("members %d, participation %.3f; want %d, %.3f", d.Members, d.ParticipationRate, members, rate)
		}
		if d.Results.Done != done || d.Results.Skipped != skipped || d.Results.Blocked != blocked {
			t.Errorf("results %+v, want done %d, skipped %d, blocked %d", d.Results, done, skipped, blocked)
		}
		if d.Reactions.Delighted != 1 || d.Reactions.Positive != 1 || d.Reactions.Neutral != 0 || d.Reactions.Negative != 1 {
			t.Errorf("reactions %+v, want 1 delighted, 1 positive, 1 negative", d.Reactions)
		}
		if got := gestures(d); got != top {
			t.Errorf("top gestures %q, want %q", got, top)
		}
		if d.WorkdaysInPeriod != workdays || d.StoriesShared != 1 || d.OpenBarriers != 1 {
			t.Errorf("workdays %d, stories %d, open barriers %d; want %d, 1, 1", d.WorkdaysInPeriod, d.StoriesShared, d.OpenBarriers, workdays)
		}
		if len(d.Leads) != 2 || d.Leads[0].Id != lena.User.Id || d.Leads[0].Name != "Lena Bos" || d.Leads[0].DaysDone != 2 || d.Leads[1].Id != max.User.Id {
			t.Errorf("leads %+v, want Lena with 2 days done, then Max", d.Leads)
		}
	}

	t.Run("the week's counters", func(t *testing.T) {
		d, _ := read(t, lena, team.Id, "week")
		want(t, d, 5, 0.4, 5, 1, 1, "Greet every customer 3, Lead by example 2", 5)
		boardWantPeriod(t, "week", d.Period, "week", boardAmsterdam(t, loopDay(0), "00:00:00"), boardAmsterdam(t, loopDay(7), "00:00:00"))
	})

	t.Run("the month's counters include last week", func(t *testing.T) {
		d, _ := read(t, &o.admin, team.Id, "month")
		want(t, d, 5, 0.6, 6, 1, 1, "Greet every customer 4, Lead by example 2", 21)
		boardWantPeriod(t, "month", d.Period, "month", boardAmsterdam(t, "2026-11-01", "00:00:00"), boardAmsterdam(t, "2026-12-01", "00:00:00"))
	})

	t.Run("a lead's days done count wherever the lead works", func(t *testing.T) {
		d, _ := read(t, max, team.Id, "week")
		if len(d.Leads) != 2 || d.Leads[1].DaysDone != 1 {
			t.Errorf("leads %+v, want Max with 1 day done", d.Leads)
		}
	})

	t.Run("the lead sees each active member's days done, fewest first, and who never enrolled", func(t *testing.T) {
		var invited UserCreated
		o.a.call("POST", "/v1/admin/users", o.admin.AccessToken, map[string]any{
			"name": "Ina Nieuw", "email": "ina@dashboard.example", "role": "employee", "team_id": team.Id,
		}).expect(201).decode(&invited)
		d, body := read(t, lena, team.Id, "week")
		var got []string
		for _, p := range d.People {
			got = append(got, fmt.Sprintf("%s %d %v", p.Name, p.DaysDone, p.Enrolled))
		}
		want := []string{"Bob Kok 0 true", "Ida Smit 0 true", "Ina Nieuw 0 false", "Sam de Vries 0 true", "Lena Bos 2 true", "Eva Jansen 3 true"}
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("people %q, want %q", got, want)
		}
		// participation counts enrolled, active members only: Ina, invited, does not drag it down
		if d.Members != 5 || !near(d.ParticipationRate, 0.4) {
			t.Errorf("with Ina invited: members %d, participation %.3f; want 5, 0.4", d.Members, d.ParticipationRate)
		}
		if last := d.Series[len(d.Series)-1]; !near(last.ParticipationRate, 0.4) {
			t.Errorf("with Ina invited: this week's participation in the series %.3f, want 0.4", last.ParticipationRate)
		}
		if strings.Contains(body, `"people":[`) && strings.Count(body, "Max Visser") != 1 {
			t.Errorf("Max leads the team but works in Zwolle: he is one of its leads, not of its people: %s", body)
		}
		o.a.call("PATCH", "/v1/admin/users/"+invited.User.Id, o.admin.AccessToken, map[string]any{"active": false}).expect(200)
	})

	t.Run("a deactivated member leaves the count of members", func(t *testing.T) {
		o.boardPatchUser(bob, map[string]any{"active": false})
		d, _ := read(t, lena, team.Id, "week")
		if d.Members != 4 || !near(d.ParticipationRate, 0.5) {
			t.Errorf("members %d, participation %.3f; want 4, 0.5", d.Members, d.ParticipationRate)
		}
	})

	t.Run("a team with nothing yet answers zeros and empty lists", func(t *testing.T) {
		quiet := o.boardTeam("Store Delft")
		d, body := read(t, &o.admin, quiet.Id, "week")
		if d.Members != 0 || d.ParticipationRate != 0 || d.Results.Done != 0 || d.OpenBarriers != 0 || d.StoriesShared != 0 {
			t.Errorf("an empty team's dashboard: %s", body)
		}
		if !strings.Contains(body, `"top_gestures":[]`) || !strings.Contains(body, `"leads":[]`) || !strings.Contains(body, `"people":[]`) {
			t.Errorf("empty lists must be [], not null: %s", body)
		}
	})

	t.Run("a member who moves away no longer counts as participating", func(t *testing.T) {
		o.boardPatchUser(eva, map[string]any{"team_id": other.Id})
		d, _ := read(t, lena, team.Id, "week")
		if d.Members != 3 {
			t.Fatalf("members %d, want 3 (Lena, Sam, Ida)", d.Members)
		}
		// only Lena of the three current members took part (Eva did too, but has left)
		if d.ParticipationRate != 0.333 { // a third, rounded to three decimals
			t.Errorf("participation %v, want 0.333", d.ParticipationRate)
		}
	})

	t.Run("a participant who comes back counts again, and no longer once deactivated", func(t *testing.T) {
		o.boardPatchUser(eva, map[string]any{"team_id": team.Id})
		if d, _ := read(t, lena, team.Id, "week"); d.Members != 4 || !near(d.ParticipationRate, 0.5) {
			t.Errorf("Eva back: members %d, participation %.3f; want 4, 0.5", d.Members, d.ParticipationRate)
		}
		o.boardPatchUser(eva, map[string]any{"active": false})
		if d, _ := read(t, lena, team.Id, "week"); d.Members != 3 || d.ParticipationRate != 0.333 {
			t.Errorf("Eva deactivated: members %d, participation %v; want 3, 0.333", d.Members, d.ParticipationRate)
		}
	})

	t.Run("an acknowledged barrier is still open, a resolved one is not, also after a rebuild", func(t *testing.T) {
		if barrier == nil {
			t.Fatal("the blocked outcome answered no barrier id")
		}
		open := func() int {
			t.Helper()
			d, _ := read(t, lena, team.Id, "week")
			return d.OpenBarriers
		}
		o.a.call("PATCH", "/v1/barriers/"+*barrier, lena.AccessToken, map[string]any{"status": "acknowledged"}).expect(200)
		if n := open(); n != 1 {
			t.Errorf("%d open barriers after acknowledging, want 1", n)
		}
		o.a.call("PATCH", "/v1/barriers/"+*barrier, lena.AccessToken, map[string]any{"status": "resolved"}).expect(200)
		if n := open(); n != 0 {
			t.Errorf("%d open barriers after resolving, want 0", n)
		}
		if err := o.a.store.RebuildBoards(context.Background(), o.slug, nil); err != nil {
			t.Fatal(err)
		}
		if n := open(); n != 0 {
			t.Errorf("%d open barriers after a rebuild, want 0", n)
		}
	})
}
