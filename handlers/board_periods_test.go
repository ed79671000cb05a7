package handlers

import (
	"context"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

// Periods: boards reset at the org's local midnight on the org's first weekday (weeks) or the
// first of the month, and a past period's board stays readable until it expires.

// boardKept is how long a period's boards outlive it (store.boardKept).
const boardKept = 62 * 24 * time.Hour

// boardWantPeriod fails unless a board's period is kind from..to.
func boardWantPeriod(t *testing.T, what string, p BoardPeriod, kind string, from, to time.Time) {
	t.Helper()
	if string(p.Kind) != kind || p.StartsAt == nil || p.EndsAt == nil || !p.StartsAt.Equal(from) || !p.EndsAt.Equal(to) {
		t.Errorf("%s: period %s %v – %v, want %s %s – %s", what, p.Kind, p.StartsAt, p.EndsAt, kind,
			from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
}

func TestBoardPeriodRollOver(t *testing.T) {
	o := boardNewOrg(t, "rollover")
	began := o.a.clock.Now()
	team := o.boardTeam("Store Utrecht")
	eva := o.member("Eva Jansen", "employee", team.Id)
	board := "/v1/leaderboards/teams/" + team.Id + "?period="
	utc := func(day string, hour int) time.Time {
		d, _ := time.Parse(time.DateOnly, day)
		return d.Add(time.Duration(hour) * time.Hour)
	}
	o.boardDoneAt(boardAmsterdam(t, loopDay(0), "09:00:00"), eva)

	t.Run("until the last millisecond of Sunday the week's board holds the week's points", func(t *testing.T) {
		o.at(boardAmsterdam(t, loopDay(6), "23:59:59").Add(999*time.Millisecond), eva)
		lb, _ := o.a.boardGet(eva.AccessToken, board+"week")
		boardWantRows(t, "Sunday night", boardRows(lb), []string{"1 Eva Jansen 10*"})
		boardWantPeriod(t, "Sunday night", lb.Period, "week", utc("2026-11-22", 23), utc("2026-11-29", 23))
		// Eva opens Sunday's assignment and will record it after midnight.
		o.a.loopToday(eva)
	})

	t.Run("at midnight on Monday the week's board starts empty; the month's and all-time's go on", func(t *testing.T) {
		o.at(boardAmsterdam(t, loopDay(7), "00:00:00"), eva)
		lb, _ := o.a.boardGet(eva.AccessToken, board+"week")
		boardWantRows(t, "new week", boardRows(lb), []string{})
		boardWantMe(t, "new week", lb, 0, 0)
		boardWantPeriod(t, "new week", lb.Period, "week", utc("2026-11-29", 23), utc("2026-12-06", 23))
		for _, period := range []string{"month", "all"} {
			lb, _ := o.a.boardGet(eva.AccessToken, board+period)
			boardWantRows(t, period, boardRows(lb), []string{"1 Eva Jansen 10*"})
		}
		if got := o.a.boardTeams(eva.AccessToken, "?period=week").Entries[0].Points; got != 0 {
			t.Errorf("the teams board of the new week gives the team %d points", got)
		}
		if me := o.a.loopMe(eva); me.Stats.Points.Week != 0 || me.Stats.Points.Month != 10 {
			t.Errorf("Eva's own points: %+v, want week 0 and month 10 like the boards", me.Stats.Points)
		}
	})

	t.Run("an outcome for Sunday recorded after midnight counts for the week it occurred in", func(t *testing.T) {
		o.at(boardAmsterdam(t, loopDay(7), "00:30:00"), eva)
		o.a.loopOutcome(eva, domain.AssignmentID(loopDay(6), eva.User.Id), map[string]any{
			"result": "done", "occurred_at": boardAmsterdam(t, loopDay(6), "21:00:00"),
		})
		lb, _ := o.a.boardGet(eva.AccessToken, board+"week")
		boardWantRows(t, "the new week", boardRows(lb), []string{})
		last, err := o.a.store.TeamBoard(context.Background(), o.slug, team.Id, "w"+loopDay(0), domain.BoardRead{
			Caller: domain.Principal{UserID: eva.User.Id, Org: o.slug, Role: domain.RoleEmployee, TeamID: team.Id}, Limit: 10,
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(last.Entries) != 1 || last.Entries[0].UserID != eva.User.Id || last.Entries[0].Points != 20 || last.MyRank != 1 {
			t.Errorf("last week's board read by its key: %+v, want Eva first with 20 points", last)
		}
	})

	t.Run("last week's and last month's keys expire 62 days after their period ends; all-time never", func(t *testing.T) {
		k := o.a.store.Keys()
		weekEnd, monthEnd := utc("2026-11-29", 23), utc("2026-11-30", 23)
		for _, c := range []struct {
			key  string
			want int64
		}{
			{k.TeamBoard(o.slug, team.Id, "w2026-11-23"), weekEnd.Add(boardKept).Unix()},
			{k.TeamsBoard(o.slug, "w2026-11-23"), weekEnd.Add(boardKept).Unix()},
			// a day's dashboard log lives as long as the later of its week and its month
			{k.DashboardDay(o.slug, team.Id, "2026-11-23"), monthEnd.Add(boardKept).Unix()},
			{k.DashboardDay(o.slug, team.Id, "2026-11-29"), monthEnd.Add(boardKept).Unix()},
			{k.TeamBoard(o.slug, team.Id, "m2026-11"), monthEnd.Add(boardKept).Unix()},
			{k.TeamsBoard(o.slug, "m2026-11"), monthEnd.Add(boardKept).Unix()},
			{k.TeamBoard(o.slug, team.Id, "all"), -1},
			{k.TeamsBoard(o.slug, "all"), -1},
		} {
			// Keys live on relative to the injected clock: Redis counts the same span by its own.
			// The span is set when a key is first written, which may have been on an earlier
			// injected day of this test (in production the clocks agree and it is one instant):
			// it may end up to that many days later by Redis' clock, never earlier.
			got, want := o.a.boardExpireAt(c.key), c.want
			slack := int64(0)
			if want > 0 {
				want = time.Now().Unix() + (want - o.a.clock.Now().Unix())
				slack = int64(o.a.clock.Now().Sub(began).Seconds())
			}
			if got < want-5 || got > want+slack+5 || (want < 0) != (got < 0) {
				t.Errorf("%s expires at %d, want %d (up to %d s later)", c.key, got, want, slack)
			}
		}
	})

	t.Run("the new week's board fills from its first outcome", func(t *testing.T) {
		o.boardDoneAt(boardAmsterdam(t, loopDay(7), "09:00:00"), eva)
		lb, _ := o.a.boardGet(eva.AccessToken, board+"week")
		boardWantRows(t, "Monday of the new week", boardRows(lb), []string{"1 Eva Jansen 10*"})
	})

	t.Run("on the first of the month the month's board starts empty", func(t *testing.T) {
		o.at(boardAmsterdam(t, "2026-12-01", "00:00:00"), eva)
		lb, _ := o.a.boardGet(eva.AccessToken, board+"month")
		boardWantRows(t, "December", boardRows(lb), []string{})
		boardWantPeriod(t, "December", lb.Period, "month", utc("2026-11-30", 23), utc("2026-12-31", 23))
		lb, _ = o.a.boardGet(eva.AccessToken, board+"all")
		boardWantRows(t, "all time", boardRows(lb), []string{"1 Eva Jansen 30*"})
		if lb.Period.StartsAt != nil || lb.Period.EndsAt != nil || lb.Period.Kind != "all" {
			t.Errorf("all time has period %+v, want no bounds", lb.Period)
		}
	})
}

func TestBoardPeriodBoundsAcrossDST(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	midnight := func(day string) time.Time {
		d, err := time.ParseInLocation(time.DateOnly, day, ams)
		if err != nil {
			t.Fatal(err)
		}
		return d.UTC()
	}
	// The autumn week as the contract spells it, so the Go computation below is checked too.
	if got := midnight("2026-10-19"); got.Format(time.RFC3339) != "2026-10-18T22:00:00Z" {
		t.Fatalf("Monday 19 October starts at %s", got.Format(time.RFC3339))
	}
	if got := midnight("2026-10-26"); got.Format(time.RFC3339) != "2026-10-25T23:00:00Z" {
		t.Fatalf("Monday 26 October starts at %s", got.Format(time.RFC3339))
	}

	for _, c := range []struct {
		name               string
		day                string // a day of the week, where the org is created
		weekStartsOn       int
		weekFrom, weekTo   string // local days whose midnights bound the week
		monthFrom, monthTo string
		hours              int
	}{
		{"autumn, weeks from Monday: the week of 25 October has 169 hours", "2026-10-21", 1,
			"2026-10-19", "2026-10-26", "2026-10-01", "2026-11-01", 169},
		{"spring, weeks from Monday: the week of 29 March has 167 hours", "2026-03-25", 1,
			"2026-03-23", "2026-03-30", "2026-03-01", "2026-04-01", 167},
		{"autumn, weeks from Sunday: the week that starts on 25 October", "2026-10-27", 7,
			"2026-10-25", "2026-11-01", "2026-10-01", "2026-11-01", 169},
		{"spring, weeks from Sunday: the week that starts on 29 March", "2026-03-31", 7,
			"2026-03-29", "2026-04-05", "2026-03-01", "2026-04-01", 167},
		{"weeks from Sunday outside DST", "2026-11-25", 7,
			"2026-11-22", "2026-11-29", "2026-11-01", "2026-12-01", 168},
		{"spring a year later, weeks from Monday: the week of 28 March 2027", "2027-03-24", 1,
			"2027-03-22", "2027-03-29", "2027-03-01", "2027-04-01", 167},
		{"spring a year later, weeks from Sunday: the week that starts on 28 March 2027", "2027-03-30", 7,
			"2027-03-28", "2027-04-04", "2027-03-01", "2027-04-01", 167},
	} {
		t.Run(c.name, func(t *testing.T) {
			from, to := midnight(c.weekFrom), midnight(c.weekTo)
			if got := int(to.Sub(from) / time.Hour); got != c.hours {
				t.Fatalf("the test's week lasts %d hours", got)
			}
			o := boardNewOrgAt(t, "dst", boardAmsterdam(t, c.day, "12:00:00"))
			if c.weekStartsOn != 1 {
				o.patchOrg(map[string]any{"week_starts_on": c.weekStartsOn})
			}
			team := o.boardTeam("Store Utrecht")
			eva := o.member("Eva Jansen", "employee", team.Id)
			board := "/v1/leaderboards/teams/" + team.Id + "?period="

			lb, _ := o.a.boardGet(eva.AccessToken, board+"week")
			boardWantPeriod(t, "team board", lb.Period, "week", from, to)
			lb, _ = o.a.boardGet(eva.AccessToken, board+"month")
			boardWantPeriod(t, "team board, month", lb.Period, "month", midnight(c.monthFrom), midnight(c.monthTo))
			boardWantPeriod(t, "teams board", o.a.boardTeams(eva.AccessToken, "?period=week").Period, "week", from, to)
			var d Dashboard
			o.a.call("GET", "/v1/teams/"+team.Id+"/dashboard", o.admin.AccessToken, nil).expect(200).decode(&d)
			boardWantPeriod(t, "dashboard", d.Period, "week", from, to)

			// A done in the week's last local half hour counts for it; the board is empty from
			// the next local midnight.
			o.boardDoneAt(to.Add(-30*time.Minute), eva)
			o.at(to.Add(-time.Millisecond), eva)
			lb, _ = o.a.boardGet(eva.AccessToken, board+"week")
			boardWantRows(t, "the week's last millisecond", boardRows(lb), []string{"1 Eva Jansen 10*"})
			o.at(to, eva)
			lb, _ = o.a.boardGet(eva.AccessToken, board+"week")
			boardWantRows(t, "the next week's first instant", boardRows(lb), []string{})
			next := midnight(domain.AddDays(c.weekTo, 7))
			boardWantPeriod(t, "the next week", lb.Period, "week", to, next)

			// A done on the new week's first day is still there on its second day (a Monday
			// when weeks start on Sunday).
			o.boardDoneAt(to.Add(9*time.Hour), eva)
			o.at(midnight(domain.AddDays(c.weekTo, 1)).Add(time.Hour), eva)
			lb, _ = o.a.boardGet(eva.AccessToken, board+"week")
			boardWantRows(t, "the next week's second day", boardRows(lb), []string{"1 Eva Jansen 10*"})
			boardWantPeriod(t, "the next week's second day", lb.Period, "week", to, next)
		})
	}
}

// Redis expires keys by its own clock, the application reckons periods by the injected one.
// An outcome dated in the past (tests, a replay) must still land on the boards of its period
// for as long as boardKept after that period ended, counted on the injected clock.
func TestBoardOfAPastDate(t *testing.T) {
	monday := boardAmsterdam(t, "2025-06-02", "09:00:00")
	o := boardNewOrgAt(t, "pastdate", monday)
	team := o.boardTeam("Store Utrecht")
	eva := o.member("Eva Jansen", "employee", team.Id)
	o.boardDoneAt(monday, eva)
	for _, period := range []string{"week", "month", "all"} {
		lb, _ := o.a.boardGet(eva.AccessToken, "/v1/leaderboards/teams/"+team.Id+"?period="+period)
		boardWantRows(t, period, boardRows(lb), []string{"1 Eva Jansen 10*"})
	}
}
