package handlers

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/internal/copies"
)

// boardLimit is ?limit= of the boards (default 10).
func boardLimit(limit *BoardLimit) int {
	if limit == nil {
		return 10
	}
	return *limit
}

// kindOf reads a ?period= parameter ("week" when absent).
func kindOf[P ~string](p *P) string {
	if p == nil {
		return "week"
	}
	return string(*p)
}

// period picks the org period of a board ("week" by default).
func (s *Server) period(org *orgEntry, kind string) domain.Period {
	periods := org.periodsOf(domain.LocalDay(s.now(), org.loc))
	switch kind {
	case "month":
		return periods.month
	case "all":
		return domain.AllTime()
	}
	return periods.week
}

func toBoardPeriod(p domain.Period) BoardPeriod {
	out := BoardPeriod{Kind: BoardPeriodKind(p.Kind)}
	if !p.StartsAt.IsZero() {
		starts, ends := instant(p.StartsAt), instant(p.EndsAt)
		out.StartsAt, out.EndsAt = &starts, &ends
	}
	return out
}

func toLeaderboard(b domain.Board, p domain.Period, me string) Leaderboard {
	out := Leaderboard{Period: toBoardPeriod(p), Entries: make([]LeaderboardEntry, len(b.Entries))}
	for i, e := range b.Entries {
		entry := LeaderboardEntry{Rank: e.Rank, Points: e.Points, IsMe: e.UserID == me}
		if e.Visible || entry.IsMe {
			id, name := e.UserID, e.Name
			entry.User, entry.Role = BoardUser{Id: &id, Name: &name}, shownRole(e.Role)
		}
		out.Entries[i] = entry
	}
	if b.MyRank > 0 {
		out.Me = &MyRank{Rank: b.MyRank, Points: b.MyPoints}
	}
	return out
}

// GetTeamLeaderboard ranks a team's members by points in a period.
func (s *Server) GetTeamLeaderboard(c echo.Context, teamID TeamId, params GetTeamLeaderboardParams) error {
	ctx, p := c.Request().Context(), principal(c)
	org, err := s.orgs.get(ctx, p.Org)
	if err != nil {
		return err
	}
	period := s.period(org, kindOf(params.Period))
	board, err := s.teamBoard(ctx, teamID, period.Key, domain.BoardRead{
		Caller: p, Limit: boardLimit(params.Limit), Around: params.Around != nil,
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toLeaderboard(board, period, p.UserID))
}

// teamBoard reads a team's board of a period for r.Caller. Whoever may see it without the
// team read (domain.MaySeeBoard: its members and admins) is answered from this replica's copy
// of the whole board while the board's stamp is unchanged (see copycache.go): the members open
// it many times a day, and a read of the stamp costs Redis a fraction of a board read. Anyone
// else (whether they lead the team decides) and boards too large to keep are read by the
// store, which reads the team with the board and decides.
func (s *Server) teamBoard(ctx context.Context, teamID, period string, r domain.BoardRead) (domain.Board, error) {
	p := r.Caller
	if domain.MaySeeBoard(p, domain.BoardOwner{ID: teamID}) != domain.BoardAllowed {
		return s.Boards.TeamBoard(ctx, p.Org, teamID, period, r)
	}
	cp, err := s.boards.Read(ctx, p.Org+"\x00"+teamID+"\x00"+period, func(ctx context.Context, cp copies.Copy[boardCopy]) (bool, error) {
		if cp.Value.large { // large boards stay large: a board's members only leave it with its period
			return true, nil
		}
		stamp, err := s.Boards.TeamBoardStamp(ctx, p.Org, teamID)
		return stamp == cp.Stamp, err
	}, func(ctx context.Context) (copies.Copy[boardCopy], error) {
		entries, stamp, ok, err := s.Boards.WholeTeamBoard(ctx, p.Org, teamID, period, boardCopyMax)
		if !ok {
			stamp = largeBoard
		}
		return copies.Copy[boardCopy]{Stamp: stamp, Value: boardCopy{entries: entries, large: !ok}}, err
	})
	if err != nil {
		return domain.Board{}, err
	}
	if cp.large {
		return s.Boards.TeamBoard(ctx, p.Org, teamID, period, r)
	}
	return domain.BoardWindow(cp.entries, r), nil
}

// GetChallengeLeaderboard ranks everyone taking part in a challenge.
func (s *Server) GetChallengeLeaderboard(c echo.Context, challengeID ChallengeId, params GetChallengeLeaderboardParams) error {
	ctx, p := c.Request().Context(), principal(c)
	board, ch, err := s.Boards.ChallengeBoard(ctx, p.Org, challengeID, domain.BoardRead{
		Caller: p, Limit: boardLimit(params.Limit), Around: params.Around != nil,
	})
	if err != nil {
		return err
	}
	org, err := s.orgs.get(ctx, p.Org)
	if err != nil {
		return err
	}
	period := domain.Period{Kind: "challenge", StartsAt: domain.StartOfDay(ch.StartsOn, org.loc),
		EndsAt: domain.StartOfDay(domain.AddDays(ch.EndsOn, 1), org.loc)}
	return c.JSON(http.StatusOK, toLeaderboard(board, period, p.UserID))
}

// GetTeamsLeaderboard ranks the org's teams by points per active member.
func (s *Server) GetTeamsLeaderboard(c echo.Context, params GetTeamsLeaderboardParams) error {
	ctx, p := c.Request().Context(), principal(c)
	org, err := s.orgs.get(ctx, p.Org)
	if err != nil {
		return err
	}
	period := s.period(org, kindOf(params.Period))
	standings, err := s.teamsBoard(ctx, p.Org, period.Key)
	if err != nil {
		return err
	}
	out := TeamsLeaderboard{Period: toBoardPeriod(period), Entries: []TeamsLeaderboardEntry{}}
	limit := boardLimit(params.Limit)
	for _, t := range standings {
		e := TeamsLeaderboardEntry{Rank: t.Rank, Team: TeamRef{Id: t.TeamID, Name: t.Name}, Points: t.Points, Members: t.Members, Score: float32(domain.ShownScore(t.Score))}
		if len(out.Entries) < limit {
			out.Entries = append(out.Entries, e)
		}
		if t.TeamID == p.TeamID {
			out.Me = &e
		}
	}
	return c.JSON(http.StatusOK, out)
}

// GetTeamDashboard shows a team's lead how the team, and they themselves, are doing.
func (s *Server) GetTeamDashboard(c echo.Context, teamID TeamId, params GetTeamDashboardParams) error {
	ctx, p := c.Request().Context(), principal(c)
	team, err := s.Teams.Team(ctx, p.Org, teamID)
	if err != nil {
		return err
	}
	if !team.DashboardVisibleTo(p) {
		return domain.Forbidden("Only the team's leads and admins may see its dashboard.")
	}
	org, err := s.orgs.get(ctx, p.Org)
	if err != nil {
		return err
	}
	today := domain.LocalDay(s.now(), org.loc)
	var period domain.Period
	switch kindOf(params.Period) {
	case string(GetTeamDashboardParamsPeriodLastWeek):
		period = domain.PreviousWeek(today, org.org.WeekStartsOn, org.loc)
	case string(GetTeamDashboardParamsPeriodLastMonth):
		period = domain.PreviousMonth(today, org.loc)
	default:
		period = s.period(org, kindOf(params.Period))
	}
	d, weeks, err := s.Boards.TeamDashboard(ctx, p.Org, teamID, period, domain.LastWeeks(today, org.org.WeekStartsOn, org.loc, dashboardWeeks), team.LeadIDs)
	if err != nil {
		return err
	}
	out := Dashboard{
		Team: TeamRef{Id: team.ID, Name: team.Name}, Period: toBoardPeriod(period), Members: d.Members,
		OpenBarriers: d.OpenBarriers, EscalatedBarriers: d.EscalatedBarriers, StoriesShared: d.StoriesShared, WorkdaysInPeriod: weekdaysIn(period),
		Leads: []DashboardLead{}, TopGestures: []GestureDone{},
	}
	out.ParticipationRate = float32(domain.ShareOf(d.Participants, d.Members))
	out.Series = make([]DashboardWeek, len(weeks))
	for i, w := range weeks {
		out.Series[i] = DashboardWeek{
			StartsOn: localDate(w.Period.FirstDay), ParticipationRate: float32(domain.ShareOf(w.Participants, w.Members)), Done: w.Done,
		}
	}
	periods := make([]domain.Period, len(weeks))
	for i, w := range weeks {
		periods[i] = w.Period
	}
	if out.Nps, err = s.dashboardNPS(ctx, p, teamID, period, periods, today); err != nil {
		return err
	}
	out.Results.Done, out.Results.Skipped, out.Results.Blocked = d.Results["done"], d.Results["skipped"], d.Results["blocked"]
	r := d.Reactions
	out.Reactions.Delighted, out.Reactions.Positive, out.Reactions.Neutral, out.Reactions.Negative = r["delighted"], r["positive"], r["neutral"], r["negative"]
	leads, err := s.Users.UsersByID(ctx, p.Org, team.LeadIDs)
	if err != nil {
		return err
	}
	for _, l := range leads {
		out.Leads = append(out.Leads, DashboardLead{Id: l.ID, Name: l.Name, DaysDone: d.DoneDays[l.ID]})
	}
	out.People = dashboardPeople(d)
	for _, g := range d.TopGestures {
		gesture, err := s.Catalog.Gesture(ctx, p.Org, g.GestureID)
		if err != nil && domain.ErrorKind(err) != domain.KindNotFound {
			return err
		}
		out.TopGestures = append(out.TopGestures, GestureDone{Id: g.GestureID, Title: gesture.Title, Done: g.Done})
	}
	return c.JSON(http.StatusOK, out)
}

// dashboardPeople lists the team's active members with their days done, fewest first.
func dashboardPeople(d domain.Dashboard) []DashboardPerson {
	out := []DashboardPerson{}
	for _, u := range d.People {
		if u.ID != "" && u.Active {
			out = append(out, DashboardPerson{Id: u.ID, Name: u.Name, DaysDone: d.MemberDone[u.ID], Enrolled: u.Enrolled})
		}
	}
	slices.SortStableFunc(out, func(a, b DashboardPerson) int {
		if a.DaysDone != b.DaysDone {
			return a.DaysDone - b.DaysDone
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// localDate is a local day ("2026-11-23") as the API's date type.
func localDate(day string) LocalDate {
	t, _ := time.Parse(time.DateOnly, day) // made by domain's day arithmetic, never malformed
	return LocalDate{Time: t}
}

// dashboardWeeks is how many weeks the dashboard's series shows.
const dashboardWeeks = 8

// weekdaysIn counts Monday to Friday in a period.
func weekdaysIn(p domain.Period) int {
	n := 0
	for day := p.FirstDay; day <= p.LastDay; day = domain.AddDays(day, 1) {
		if domain.ISOWeekday(day) <= 5 {
			n++
		}
	}
	return n
}

// teamsBoardFresh is how long one read of the board of teams is served to everyone in the org:
// ranking every team costs milliseconds of Redis time, and a board that lags two seconds is
// still a live board.
const teamsBoardFresh = 2 * time.Second

// teamsBoardCacheSize bounds the boards of teams a replica keeps (one per org and period read).
const teamsBoardCacheSize = 10_000

// teamsBoards keeps each org's and period's board of teams (key: org, NUL, period) for
// teamsBoardFresh: its copies are kept for a while rather than stamped.
type teamsBoards = copies.Cache[teamsBoard]

type teamsBoard struct {
	read      time.Time
	standings []domain.TeamStanding
}

// teamsBoard answers the ranking of an org's teams, from a two-second copy.
func (s *Server) teamsBoard(ctx context.Context, org, period string) ([]domain.TeamStanding, error) {
	now := s.now()
	b, err := s.teams.ReadShared(ctx, org+"\x00"+period, func(_ context.Context, cp copies.Copy[teamsBoard]) (bool, error) {
		return now.Sub(cp.Value.read) < teamsBoardFresh, nil
	}, func(ctx context.Context) (copies.Copy[teamsBoard], error) {
		standings, err := s.Boards.TeamsBoard(ctx, org, period)
		return copies.Copy[teamsBoard]{Stamp: "age", Value: teamsBoard{read: now, standings: standings}}, err
	})
	return b.standings, err
}

// forgetTeamsBoards drops an org's copies of the board of teams after a change this replica
// made (points or members); other replicas catch up within teamsBoardFresh.
func (s *Server) forgetTeamsBoards(org string) { s.teams.Forget(org + "\x00") }
