package handlers

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// The dashboard looks back (issue 21): last week, last month, and the last 8 weeks' series.
func TestBoardDashboardLookingBack(t *testing.T) {
	start := boardAmsterdam(t, "2026-09-28", "09:00:00") // a Monday, the week before the series
	o := boardNewOrgAt(t, "lookback", start)
	team := o.boardTeam("Store Utrecht")
	lena := o.member("Lena Bos", "lead", "") // leads the team without being a member
	o.boardLeadTeam(team, lena.User.Id)
	eva := o.member("Eva Jansen", "employee", team.Id)
	sam := o.member("Sam de Vries", "employee", team.Id)
	ida := o.member("Ida Smit", "employee", team.Id)
	o.member("Bob Kok", "employee", team.Id)

	done := func(day string, s *Session) { o.boardDoneAt(boardAmsterdam(t, day, "10:00:00"), s) }
	done("2026-09-28", eva) // before the series
	done("2026-10-05", eva) // the series' first week
	done("2026-10-06", sam)
	done("2026-10-31", ida) // a Saturday: last month, the week of 2026-10-26
	done("2026-11-16", eva) // last week
	done("2026-11-17", sam)
	done("2026-11-18", sam)
	done("2026-11-23", ida) // this week
	o.at(boardAmsterdam(t, "2026-11-25", "09:00:00"), lena)

	read := func(t *testing.T, period string) Dashboard {
		t.Helper()
		var d Dashboard
		o.a.in(t).call("GET", "/v1/teams/"+team.Id+"/dashboard?period="+period, lena.AccessToken, nil).expect(200).decode(&d)
		return d
	}
	near := func(a, b float32) bool { return math.Abs(float64(a-b)) < 1e-6 }
	series := func(d Dashboard) string {
		var parts []string
		for _, w := range d.Series {
			parts = append(parts, fmt.Sprintf("%s %.2f %d", w.StartsOn.Format("2006-01-02"), w.ParticipationRate, w.Done))
		}
		return strings.Join(parts, ", ")
	}
	const wantSeries = "2026-10-05 0.50 2, 2026-10-12 0.00 0, 2026-10-19 0.00 0, 2026-10-26 0.25 1, " +
		"2026-11-02 0.00 0, 2026-11-09 0.00 0, 2026-11-16 0.50 3, 2026-11-23 0.25 1"

	t.Run("last_week is the org week before this one", func(t *testing.T) {
		d := read(t, "last_week")
		boardWantPeriod(t, "last_week", d.Period, "week", boardAmsterdam(t, "2026-11-16", "00:00:00"), boardAmsterdam(t, "2026-11-23", "00:00:00"))
		if d.Members != 4 || !near(d.ParticipationRate, 0.5) || d.Results.Done != 3 || d.WorkdaysInPeriod != 5 {
			t.Errorf("last week: members %d, participation %v, done %d, workdays %d", d.Members, d.ParticipationRate, d.Results.Done, d.WorkdaysInPeriod)
		}
	})

	t.Run("last_month is the calendar month before this one", func(t *testing.T) {
		d := read(t, "last_month")
		boardWantPeriod(t, "last_month", d.Period, "month", boardAmsterdam(t, "2026-10-01", "00:00:00"), boardAmsterdam(t, "2026-11-01", "00:00:00"))
		if !near(d.ParticipationRate, 0.75) || d.Results.Done != 3 || d.WorkdaysInPeriod != 22 {
			t.Errorf("last month: participation %v, done %d, workdays %d", d.ParticipationRate, d.Results.Done, d.WorkdaysInPeriod)
		}
	})

	t.Run("the series is the last 8 weeks, oldest first, whatever the period", func(t *testing.T) {
		for _, period := range []string{"week", "month", "last_week", "last_month"} {
			if got := series(read(t, period)); got != wantSeries {
				t.Errorf("%s: series\n%s\nwant\n%s", period, got, wantSeries)
			}
		}
		d := read(t, "week")
		if last := d.Series[7]; !near(last.ParticipationRate, d.ParticipationRate) || last.Done != d.Results.Done {
			t.Errorf("this week's entry %+v differs from the dashboard's %v, %d", last, d.ParticipationRate, d.Results.Done)
		}
	})

	t.Run("an unknown period is 422", func(t *testing.T) {
		o.a.in(t).call("GET", "/v1/teams/"+team.Id+"/dashboard?period=yesterday", lena.AccessToken, nil).wantProblem(422, "invalid")
	})

	t.Run("weeks follow the org's week_starts_on", func(t *testing.T) {
		o.a.in(t).call("PATCH", "/v1/admin/org", o.admin.AccessToken, map[string]any{"week_starts_on": 7}).expect(200)
		d := read(t, "last_week")
		boardWantPeriod(t, "last_week from Sunday", d.Period, "week", boardAmsterdam(t, "2026-11-15", "00:00:00"), boardAmsterdam(t, "2026-11-22", "00:00:00"))
		if first, last := d.Series[0].StartsOn.Format("2006-01-02"), d.Series[7].StartsOn.Format("2006-01-02"); first != "2026-10-04" || last != "2026-11-22" {
			t.Errorf("series from Sunday: %s … %s", first, last)
		}
	})
}
