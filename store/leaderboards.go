package store

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// The board scripts (lua/board_*.lua). A board is a sorted set of user ids scored by their
// points and when they reached them (domain.BoardPlace); the scripts answer scores as stored.
var (
	boardScript         = luaScript("lib_board_rows", "board_read")
	wholeBoardScript    = luaScript("lib_board_rows", "board_whole")
	teamsScript         = luaScript("teams_board")
	dashboardLogsScript = luaScript("lib_keys", "team_dashboard_logs")
)

// boardRead is boardScript's argument.
type boardRead struct {
	Limit  int    `json:"limit"`
	Caller string `json:"caller"`
	Around bool   `json:"around"`
	Radius int    `json:"radius"`
}

// readBoard reads a board and the team or challenge it belongs to in one round trip, and
// answers the board if the caller may see it (domain.MaySeeBoard); owner decodes the owner's
// record. The board is read whether or not the caller may see it: a second round trip for
// the common read costs more than the rows a refused caller never gets.
func (s *Store) readBoard(ctx context.Context, org, key, ownerKey, kind string, owner func(objectRow) (domain.BoardOwner, error), r domain.BoardRead) (domain.Board, error) {
	res, err := boardScript.Run(ctx, s.rdb, []string{key, ownerKey, s.keys.userLabels(org)}, scriptArg(boardRead{
		Limit: r.Limit, Caller: r.Caller.UserID, Around: r.Around, Radius: r.WindowRadius(),
	})).Slice()
	if err != nil {
		return domain.Board{}, translate("read board", err)
	}
	data, ok := res[0].(string)
	if !ok {
		return domain.Board{}, domain.NotFound(kind)
	}
	o, err := owner(objectRow{key: ownerKey, data: data, found: true})
	if err != nil {
		return domain.Board{}, err
	}
	if domain.MaySeeBoard(r.Caller, o) != domain.BoardAllowed {
		return domain.Board{}, domain.Forbidden("Only members, their leads and admins may see this board.")
	}
	b := domain.Board{}
	rank := boardNum(res[2])
	if rank >= 0 {
		b.MyRank, b.MyPoints = rank+1, boardPoints(res[3])
	}
	// the rows read start at first; the window (domain.BoardRead.WindowStart) is among them
	first, rows := boardNum(res[4]), res[5:]
	start := r.WindowStart(rank, boardNum(res[1]))
	from := min(max(start-first, 0)*4, len(rows))
	rows = rows[from:min(from+max(r.Limit, 0)*4, len(rows))]
	b.Entries = boardEntries(rows, start+1)
	return b, nil
}

// boardNum reads a number of a board script's answer.
func boardNum(v any) int {
	n, _ := v.(int64)
	return int(n)
}

// boardPoints reads the points of a board's score as a script answers it (text).
func boardPoints(v any) int {
	str, _ := v.(string)
	f, _ := strconv.ParseFloat(str, 64)
	return domain.BoardPlaceOf(f).Points
}

// boardScore is a user's score on a board as read: on says the board holds them.
type boardScore struct {
	score float64
	on    bool
}

// arg is the score as a script compares it: "" when the board does not hold the user.
func (b boardScore) arg() string {
	if !b.on {
		return ""
	}
	return strconv.FormatFloat(b.score, 'f', -1, 64)
}

// boardMove is a change of a user's points on a board: pts at sec (Unix seconds), and the
// board's time to live (seconds, 0 none) to give it when it first holds the user.
type boardMove struct {
	key string
	pts int
	sec int64
	ttl int64
}

// moved is the user's score after m, from the score as read, and whether it changes
// (domain.MoveOnBoard decides).
func (m boardMove) moved(have boardScore) (boardScore, bool) {
	p, write := domain.MoveOnBoard(domain.BoardPlaceOf(have.score), have.on, m.pts, m.sec)
	return boardScore{score: p.Score(), on: true}, write
}

// scoreOf is a score as ZSCORE answered it; scoreText as a script did ("" none).
func scoreOf(c *redis.FloatCmd) boardScore { return boardScore{score: c.Val(), on: c.Err() == nil} }
func scoreText(v string) boardScore {
	f, err := strconv.ParseFloat(v, 64)
	return boardScore{score: f, on: v != "" && err == nil}
}

// teamBoards are the keys of team's boards of periods, each once ("" none).
func (s *Store) teamBoards(org, team string, periods ...string) []string {
	var out []string
	for _, p := range periods {
		if k := s.keys.teamBoard(org, team, p); p != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// queueScores queues in pipe user's score on each of boards; scoresOf reads them once run.
func queueScores(ctx context.Context, pipe redis.Pipeliner, user string, boards []string) map[string]*redis.FloatCmd {
	reads := make(map[string]*redis.FloatCmd, len(boards))
	for _, k := range boards {
		if reads[k] == nil {
			reads[k] = pipe.ZScore(ctx, k, user)
		}
	}
	return reads
}

func scoresOf(reads map[string]*redis.FloatCmd) map[string]boardScore {
	out := make(map[string]boardScore, len(reads))
	for k, c := range reads {
		out[k] = scoreOf(c)
	}
	return out
}

// readScores reads user's scores on the boards of moves that known does not hold, in one round
// trip (none when known holds them all), and answers them with known's.
func (s *Store) readScores(ctx context.Context, user string, known map[string]boardScore, moves []boardMove) (map[string]boardScore, error) {
	var missing []string
	for _, m := range moves {
		if _, ok := known[m.key]; !ok {
			missing = append(missing, m.key)
		}
	}
	out := map[string]boardScore{}
	if len(missing) > 0 {
		pipe := s.rdb.Pipeline()
		reads := queueScores(ctx, pipe, user, missing)
		if err := execReads(ctx, pipe); err != nil {
			return nil, translate("read board scores", err)
		}
		out = scoresOf(reads)
	}
	for _, m := range moves {
		if have, ok := known[m.key]; ok {
			out[m.key] = have
		}
	}
	return out, nil
}

// boardEntries reads the rows boardrows answered (id, name, points, shown, …), ranked from first.
func boardEntries(rows []any, first int) []domain.BoardEntry {
	out := make([]domain.BoardEntry, 0, len(rows)/4)
	for i := 0; i+3 < len(rows); i += 4 {
		id, _ := rows[i].(string)
		name, _ := rows[i+1].(string)
		flag, _ := rows[i+3].(string)
		shown, lead := labelFlags(flag)
		out = append(out, domain.BoardEntry{
			Rank: first + i/4, UserID: id, Name: name, Points: boardPoints(rows[i+2]), Visible: shown, Role: roleShown(lead),
		})
	}
	return out
}

// boardWhole is board_whole.lua's argument.
type boardWhole struct {
	Max   int    `json:"max"`
	Team  string `json:"team"`
	Stamp string `json:"stamp"`
}

// WholeTeamBoard reads every entry of a team's board of a period, ranked, with the stamp of the
// team's boards read in the same step. While
// TeamBoardStamp answers the same stamp, the board shows the same: every change to a team's
// boards writes a new team stamp (the outcome, kudos and replay scripts), and every change to
// what a board shows of a user (their name or leaderboard choice) a new label stamp for the
// org (UpdateUser). ok is false, and nothing read, when the board has more than max entries.
// The caller's access is not checked.
func (s *Store) WholeTeamBoard(ctx context.Context, org, teamID, period string, max int) ([]domain.BoardEntry, string, bool, error) {
	res, err := wholeBoardScript.Run(ctx, s.rdb, []string{
		s.keys.teamBoard(org, teamID, period), s.keys.team(org, teamID), s.keys.userLabels(org),
		s.keys.boardStamps(org), s.keys.orgSettings(org),
	}, scriptArg(boardWhole{Max: max, Team: teamID, Stamp: newStamp()})).Slice()
	if err != nil {
		return nil, "", false, translate("read whole board", err)
	}
	switch res[0] {
	case "not_found":
		return nil, "", false, domain.NotFound("team")
	case "large":
		return nil, "", false, nil
	}
	stamp, _ := res[1].(string)
	return boardEntries(res[2:], 1), stamp, true, nil
}

// TeamBoardStamp reads the stamp of a team's boards as it is now (see WholeTeamBoard), in one
// round trip of two HGETs.
func (s *Store) TeamBoardStamp(ctx context.Context, org, teamID string) (string, error) {
	pipe := s.rdb.Pipeline()
	team := pipe.HGet(ctx, s.keys.boardStamps(org), teamID)
	labels := pipe.HGet(ctx, s.keys.orgSettings(org), fieldLabelStamp)
	_, _ = pipe.Exec(ctx) // each answer's own error is looked at: a stamp not set is no failure
	for _, c := range []*redis.StringCmd{team, labels} {
		if err := c.Err(); err != nil && !errors.Is(err, redis.Nil) {
			return "", translate("board stamp", err)
		}
	}
	if team.Val() == "" {
		return "", nil
	}
	return team.Val() + "/" + labels.Val(), nil
}

// TeamBoard reads a team's board of a period ("w…", "m…" or "all").
func (s *Store) TeamBoard(ctx context.Context, org, teamID, period string, r domain.BoardRead) (domain.Board, error) {
	return s.readBoard(ctx, org, s.keys.teamBoard(org, teamID, period), s.keys.team(org, teamID), "team", func(row objectRow) (domain.BoardOwner, error) {
		var t domain.Team
		err := row.decode(&t)
		return domain.TeamBoardOwner(t), err
	}, r)
}

// ChallengeBoard reads a challenge's board and the challenge, as the board script read it (the
// zero challenge with an error).
func (s *Store) ChallengeBoard(ctx context.Context, org, challengeID string, r domain.BoardRead) (domain.Board, domain.Challenge, error) {
	var c domain.Challenge
	b, err := s.readBoard(ctx, org, s.keys.challengeBoard(org, challengeID), s.keys.challenge(org, challengeID), "challenge", func(row objectRow) (domain.BoardOwner, error) {
		err := row.decode(&c)
		return domain.ChallengeBoardOwner(c), err
	}, r)
	if err != nil {
		return domain.Board{}, domain.Challenge{}, err
	}
	return b, c, nil
}

// TeamsBoard ranks every team by points per active member; ties go to more points, then to
// the older team. Teams without active members rank last.
func (s *Store) TeamsBoard(ctx context.Context, org, period string) ([]domain.TeamStanding, error) {
	res, err := teamsScript.Run(ctx, s.rdb, []string{s.keys.teams(org), s.keys.teamsBoard(org, period), s.keys.teamSizes(org), s.keys.teamLabels(org)}).StringSlice()
	if err != nil {
		return nil, translate("teams board", err)
	}
	out := make([]domain.TeamStanding, 0, len(res)/4)
	for i := 0; i+3 < len(res); i += 4 {
		pts, _ := strconv.ParseFloat(res[i+1], 64)
		members, _ := strconv.Atoi(res[i+2])
		t := domain.TeamStanding{TeamID: res[i], Points: int(pts), Members: max(members, 0), Name: res[i+3]}
		if t.Members > 0 {
			t.Score = float64(t.Points) / float64(t.Members)
		}
		out = append(out, t)
	}
	sort.SliceStable(out, func(i, j int) bool { // ids sort by creation: stable keeps older first
		a, b := out[i], out[j]
		if (a.Members > 0) != (b.Members > 0) { // else a memberless team with points outranks a scoreless one
			return a.Members > 0
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Points > b.Points
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	return out, nil
}

// Dashboard reads a team's figures of a period (see TeamDashboard).
func (s *Store) Dashboard(ctx context.Context, org, teamID string, period domain.Period, leadIDs []string) (domain.Dashboard, error) {
	d, _, err := s.TeamDashboard(ctx, org, teamID, period, nil, leadIDs)
	return d, err
}

// dashboardLogs is team_dashboard_logs.lua's argument.
type dashboardLogs struct {
	Enrolled string   `json:"enrolled"`
	User     []string `json:"user"`
}

// TeamDashboard reads a team's figures of a period and how it took part in each of weeks, counted
// from the team's dashboard logs of their days (at most a month's each: see dashEntry), in one
// pipeline: one script call reads each day's log once, the period's and the weeks' days
// together, with the team's members now and their records (team_dashboard_logs.lua), from
// which domain.Participants decides who took part.
func (s *Store) TeamDashboard(ctx context.Context, org, teamID string, period domain.Period, weeks []domain.Period, leadIDs []string) (domain.Dashboard, []domain.PeriodParticipation, error) {
	pDays := periodDays(period)
	wDays := make([][]string, len(weeks))
	var days []string // each day read, once
	index := map[string]int{}
	read := func(ds []string) {
		for _, d := range ds {
			if _, ok := index[d]; !ok {
				index[d] = len(days)
				days = append(days, d)
			}
		}
	}
	read(pDays)
	for i, w := range weeks {
		wDays[i] = periodDays(w)
		read(wDays[i])
	}
	pipe := s.rdb.Pipeline()
	keys := append([]string{s.keys.teamMembers(org, teamID)}, s.dashboardDays(org, teamID, days)...)
	arg := dashboardLogs{Enrolled: fieldEnrolled, User: keyPattern(s.keys.user(org, keyHole))}
	logs := dashboardLogsScript.Eval(ctx, pipe, keys, scriptArg(arg))
	size := pipe.HGet(ctx, s.keys.teamSizes(org), teamID)
	open := pipe.SCard(ctx, s.keys.openBarriers(org, teamID))
	// an escalated barrier counts while unresolved: retention takes an expired one off the open set
	escalated := pipe.SInterCard(ctx, 0, s.keys.openBarriers(org, teamID), s.keys.escalatedBarriers(org, teamID))
	// A lead's days are read from their own assignments: a lead may lead a team they are not
	// a member of, whose logs then never see their gestures.
	leadDays := make([]*redis.SliceCmd, len(leadIDs))
	for i, id := range leadIDs {
		if len(pDays) > 0 {
			leadDays[i] = pipe.HMGet(ctx, s.keys.assignments(org, id), pDays...)
		}
	}
	if err := execReads(ctx, pipe); err != nil {
		return domain.Dashboard{}, nil, translate("dashboard", err)
	}
	reply, _ := logs.Slice() // an error failed Exec above
	if len(reply) != 3+len(days) {
		return domain.Dashboard{}, nil, domain.Internal("dashboard", errors.New("the dashboard logs script answered "+strconv.Itoa(len(reply))+" lists"))
	}
	people, members, err := s.dashboardMembers(org, reply[0], reply[1], reply[2])
	if err != nil {
		return domain.Dashboard{}, nil, err
	}
	entries := make([][]dashEntryRead, len(days))
	for i, v := range reply[3:] {
		list, _ := v.([]any)
		strs := make([]string, 0, len(list))
		for _, e := range list {
			if e, ok := e.(string); ok {
				strs = append(strs, e)
			}
		}
		parseDashEntries(strs, func(e dashEntryRead) { entries[i] = append(entries[i], e) })
	}
	// participants counts who took part in the logs of ds.
	participants := func(ds []string) int {
		var doneBy []string
		for _, d := range ds {
			for _, e := range entries[index[d]] {
				if u := e.participant(); u != "" {
					doneBy = append(doneBy, u)
				}
			}
		}
		return domain.Participants(doneBy, members)
	}
	out := domain.Dashboard{
		OpenBarriers: int(open.Val()), EscalatedBarriers: int(escalated.Val()), Results: map[string]int{}, Reactions: map[string]int{}, DoneDays: map[string]int{},
		People: people, MemberDone: map[string]int{}, Participants: participants(pDays),
	}
	out.Members, _ = strconv.Atoi(size.Val())
	gestures := map[string]int{}
	for _, d := range pDays {
		for _, e := range entries[index[d]] {
			out.Results[e.Result]++
			if e.Reaction != "" {
				out.Reactions[e.Reaction]++
			}
			if e.Shared {
				out.StoriesShared++
			}
			if e.User != "" {
				out.MemberDone[e.User]++
				gestures[e.Gesture]++
			}
		}
	}
	out.TopGestures = topGestures(gestures, 5)
	for i, cmd := range leadDays {
		if cmd == nil {
			continue
		}
		for _, v := range cmd.Val() {
			var rec dayRecord
			if str, ok := v.(string); ok && parseRecord(str, &rec) == nil && rec.Outcome != nil && rec.Outcome.Result == domain.ResultDone {
				out.DoneDays[leadIDs[i]]++
			}
		}
	}
	series := make([]domain.PeriodParticipation, len(weeks))
	for i, w := range weeks {
		series[i] = domain.PeriodParticipation{Period: w, Members: out.Members, Participants: participants(wDays[i])}
		for _, d := range wDays[i] {
			for _, e := range entries[index[d]] {
				if e.Result == domain.ResultDone {
					series[i].Done++
				}
			}
		}
	}
	return out, series, nil
}

// EscalatedBarriers counts, per team of teamIDs, the unresolved barriers that went to the org's
// admins and that no lead acknowledged since (the dashboard's flag), in one pipeline.
func (s *Store) EscalatedBarriers(ctx context.Context, org string, teamIDs []string) (map[string]int, error) {
	if len(teamIDs) == 0 {
		return map[string]int{}, nil
	}
	pipe := s.rdb.Pipeline()
	counts := make([]*redis.IntCmd, len(teamIDs))
	for i, id := range teamIDs {
		counts[i] = pipe.SInterCard(ctx, 0, s.keys.openBarriers(org, id), s.keys.escalatedBarriers(org, id))
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, translate("escalated barriers", err)
	}
	out := make(map[string]int, len(teamIDs))
	for i, id := range teamIDs {
		out[id] = int(counts[i].Val())
	}
	return out, nil
}

// periodDays are the days of a period, none for all time.
func periodDays(p domain.Period) []string {
	var days []string
	for day := p.FirstDay; day != "" && day <= p.LastDay; day = domain.AddDays(day, 1) {
		days = append(days, day)
	}
	return days
}

// dashboardDays are the keys of a team's dashboard logs of days.
func (s *Store) dashboardDays(org, team string, days []string) []string {
	keys := make([]string, len(days))
	for i, d := range days {
		keys[i] = s.keys.dashboardDay(org, team, d)
	}
	return keys
}

// dashEntryRead is an entry of a dashboard log (see dashEntry), decoded.
type dashEntryRead struct {
	Result, Reaction string
	Shared           bool
	User, Gesture    string // a done gesture's, "" otherwise
	Day              string // a done gesture's assignment day when not the log's, "" otherwise
}

// participant is the user of a done entry, who took part if an active member now (see
// domain.Participants); "" otherwise.
func (e dashEntryRead) participant() string {
	if e.Result != domain.ResultDone {
		return ""
	}
	return e.User
}

// dashboardMembers reads the team's members as team_dashboard_logs.lua answered them, in
// order: as users (a member without a record is the zero user) and as team members, each with
// whether they are active (a user without a record is not).
func (s *Store) dashboardMembers(org string, ids, records, enrolled any) ([]domain.User, []domain.TeamMember, error) {
	idList, _ := ids.([]any)
	recList, _ := records.([]any)
	enrList, _ := enrolled.([]any)
	users := make([]domain.User, 0, len(idList))
	members := make([]domain.TeamMember, 0, len(idList))
	for i, v := range idList {
		id, _ := v.(string)
		var data string
		if i < len(recList) {
			data, _ = recList[i].(string)
		}
		u, err := s.viewedUser(org, data)
		if err != nil {
			return nil, nil, err
		}
		u.Enrolled = i < len(enrList) && enrList[i] != nil
		users = append(users, u)
		members = append(members, domain.TeamMember{ID: id, Active: u.Active})
	}
	return users, members, nil
}

// parseDashEntries calls f with each entry of a dashboard log, skipping any it cannot read.
func parseDashEntries(log []string, f func(dashEntryRead)) {
	for _, e := range log {
		if len(e) < 3 {
			continue
		}
		result, ok := resultNames[e[:1]]
		if !ok {
			continue
		}
		r := dashEntryRead{Result: result, Reaction: reactionNames[e[1:2]], Shared: e[2] == '1'}
		if rest := e[3:]; rest != "" {
			r.User, rest, _ = strings.Cut(rest, "|")
			r.Gesture, r.Day, _ = strings.Cut(rest, "|")
		}
		f(r)
	}
}

// dashEntryAs is the dashboard log entry e (see dashEntry) of user's gesture with id in place of
// theirs (an erasure's anonymous id); ok is false when e names no gesture of user's.
func dashEntryAs(e, user, id string) (string, bool) {
	if len(e) < 3 {
		return "", false
	}
	if u, _, _ := strings.Cut(e[3:], "|"); u == "" || u != user {
		return "", false
	}
	return e[:3] + id + e[3+len(user):], true
}

// topGestures are the n gestures done most, the larger id first among equal counts (as a sorted
// set's ZREVRANGE lists them).
func topGestures(done map[string]int, n int) []domain.GestureCount {
	var out []domain.GestureCount
	for id, c := range done {
		out = append(out, domain.GestureCount{GestureID: id, Done: c})
	}
	slices.SortFunc(out, func(a, b domain.GestureCount) int {
		if a.Done != b.Done {
			return cmp.Compare(b.Done, a.Done)
		}
		return strings.Compare(b.GestureID, a.GestureID)
	})
	return out[:min(n, len(out))]
}
