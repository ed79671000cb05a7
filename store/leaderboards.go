package store

import (
	"context"
	"errors"
	"sort"
	"strconv"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// luaBoardScore holds what reads and writes of user leaderboards share. A board is a sorted
// set of user ids whose score holds the points and, below them, when they were reached:
//
//	points × 2^31 + (2^31 − 1 − seconds from 2020-01-01 UTC to the reach time)
//
// so among equal points the earlier reach sorts higher in ZREVRANGE (within one second the
// larger id). From 2^22 points on (centuries of daily gestures) the time part is left out and
// the points stay exact. Boards written by earlier versions held "<9999999999999 − ms
// reached>:<id>" members scored by points, with a user → time hash beside them (the board's
// key and ":m"); they are read as they are, and the first write turns the whole board into the
// new form (boardconvert), so a board never holds both.
//
// boardpoints(score) is a score's points, boardscore(points, seconds) the score of points
// reached at Unix time seconds, boardreached(score) that time again, boardentry(member, score)
// a member's user id and points in either form, boardmember(m, id) a user's member of a board
// of the old form (nil when not on it).
const luaBoardScore = `
local BOARD_UNIT, BOARD_EPOCH, BOARD_EXACT = 2147483648, 1577836800, 4194304
local function boardpoints(score) return math.floor(score / BOARD_UNIT) end
local function boardscore(pts, sec)
  if pts >= BOARD_EXACT then return pts * BOARD_UNIT end
  local t = math.min(math.max(sec - BOARD_EPOCH, 0), BOARD_UNIT - 1)
  return pts * BOARD_UNIT + (BOARD_UNIT - 1 - t)
end
local function boardreached(score)
  return BOARD_EPOCH + BOARD_UNIT - 1 - (score - boardpoints(score) * BOARD_UNIT)
end
local function boardold(member) return #member == 40 and string.byte(member, 14) == 58 end
local function boardentry(member, score)
  if boardold(member) then return string.sub(member, 15), tonumber(score) end
  return member, boardpoints(tonumber(score))
end
local function boardmember(m, id)
  local v = redis.call('HGET', m, id)
  if v and not string.find(v, ':', 1, true) then return v .. ':' .. id end
  return v
end
`

// boardScript reads a user leaderboard in one round trip: it checks that the caller may see
// it, then answers the top (or the window around the caller), the caller's place, and each
// shown user's name and privacy choice.
//
// KEYS[1] the board, KEYS[2] its user → member hash of the old form (see luaBoardScore),
// KEYS[3] the team or challenge it belongs to, KEYS[4] the org's user labels (see userLabel).
// ARGV[1] limit, ARGV[2] the caller's id, ARGV[3] "1" to centre on the caller, ARGV[4] the org's
// key base, ARGV[5] "team" or "challenge", ARGV[6] the caller's role, ARGV[7] the caller's team,
// ARGV[8] the team's or challenge's id.
// Returns {"ok", size, caller rank (0-based, -1 if unranked), caller points, first rank,
// id, name, points, shown, …}, {"not_found"} or {"forbidden"}.
var boardScript = redis.NewScript(luaJSON + luaBoardScore + luaBoardRows + `
if not isobject(KEYS[3]) then return {'not_found'} end
local owner = redis.call('HGET', KEYS[3], 'data')
-- a member reading their own team's board is let in without decoding the team
if ARGV[6] ~= 'admin' and not (ARGV[5] == 'team' and ARGV[7] ~= '' and ARGV[7] == ARGV[8]) then
  local o = cjson.decode(owner)
  local ok = false
  if ARGV[5] == 'team' then
    ok = ARGV[7] == o.id
    for _, id in ipairs(o.lead_ids or {}) do if id == ARGV[2] then ok = true end end
  else
    ok = #(o.team_ids or {}) == 0
    for _, id in ipairs(o.team_ids or {}) do if id == ARGV[7] then ok = true end end
  end
  if not ok then return {'forbidden'} end
end
local limit = tonumber(ARGV[1])
local n = redis.call('ZCARD', KEYS[1])
local mine = ARGV[2]
local score = redis.call('ZSCORE', KEYS[1], mine)
if not score then -- a board of the old form
  mine = boardmember(KEYS[2], ARGV[2])
  score = mine and redis.call('ZSCORE', KEYS[1], mine)
end
local rank, pts = -1, 0
if score then
  rank = redis.call('ZREVRANK', KEYS[1], mine)
  local _
  _, pts = boardentry(mine, score)
end
local start = 0
if ARGV[3] == '1' and rank >= 0 then
  start = math.max(0, math.min(rank - math.floor(limit / 2), n - limit))
end
local out = {'ok', n, rank, pts, start}
boardrows(redis.call('ZREVRANGE', KEYS[1], start, start + limit - 1, 'WITHSCORES'), KEYS[4], ARGV[4], out)
return out
`)

// luaBoardRows holds what both board scripts use (after luaBoardScore). boardrows(rows, labels,
// base, out) appends to out, for each member of a board's ZREVRANGE … WITHSCORES rows, the
// user's id, name, points and the label's flag ("1" or "0" for shown; "L" or "l" for a lead),
// reading the users' labels (see userLabel;
// labels is their key) in one command: reading each user's JSON was most of a board read's
// cost. isobject(key) tells a stored object from another kind of key an id may name.
const luaBoardRows = `
-- isobject tells whether key is a stored object (a hash with its JSON): an id such as
-- "<team id>:members" names another kind of key, which HGET would fail on
local function isobject(key)
  return redis.call('TYPE', key).ok == 'hash' and redis.call('HEXISTS', key, 'data') == 1
end
local function boardrows(rows, labels, base, out)
  if #rows == 0 then return end
  local ids, pts = {}, {}
  for i = 1, #rows, 2 do ids[#ids + 1], pts[#pts + 1] = boardentry(rows[i], rows[i + 1]) end
  local found = {}
  for from = 1, #ids, 1000 do -- unpack in slices: Lua's stack is bounded
    for _, l in ipairs(redis.call('HMGET', labels, unpack(ids, from, math.min(from + 999, #ids)))) do
      found[#found + 1] = l
    end
  end
  for j, id in ipairs(ids) do
    local name, shown = '', '1'
    if found[j] then
      shown, name = string.sub(found[j], 1, 1), string.sub(found[j], 2)
    else -- a user stored before labels were kept (or deleted by hand): their JSON says it
      local data = redis.call('HGET', base .. 'user:' .. id, 'data')
      if data then
        name = jstr(data, 'name')
        if name then
          if string.find(data, '"show_on_leaderboards":false', 1, true) then shown = '0' end
        else
          local u = cjson.decode(data)
          name = u.name
          if u.preferences and u.preferences.show_on_leaderboards == false then shown = '0' end
        end
      end
    end
    out[#out + 1] = id
    out[#out + 1] = name
    out[#out + 1] = pts[j]
    out[#out + 1] = shown
  end
end
`

// wholeBoardScript reads every member of a team's board in rank order, with the board's stamp
// (see WholeTeamBoard), for a replica to keep (handlers' copycache.go). A team without a stamp (none
// of its boards changed since stamps were kept) is given one: it stands for the boards as read.
//
// KEYS[1] the board, KEYS[2] the team, KEYS[3] the org's user labels, KEYS[4] the board stamps,
// KEYS[5] the org's settings. ARGV[1] the most members to read, ARGV[2] the team's id, ARGV[3]
// the org's key base, ARGV[4] a new board stamp.
// Returns {"ok", stamp, id, name, points, shown, …}, {"not_found"} or {"large"} (more members
// than ARGV[1]: nothing read).
var wholeBoardScript = redis.NewScript(luaJSON + luaBoardScore + luaBoardRows + luaBoardStamp + `
if not isobject(KEYS[2]) then return {'not_found'} end
if redis.call('ZCARD', KEYS[1]) > tonumber(ARGV[1]) then return {'large'} end
redis.call('HSETNX', KEYS[4], ARGV[2], ARGV[4])
local out = {'ok', boardstamp(KEYS[4], KEYS[5], ARGV[2])}
boardrows(redis.call('ZREVRANGE', KEYS[1], 0, -1, 'WITHSCORES'), KEYS[3], ARGV[3], out)
return out
`)

// luaBoardStamp is boardstamp(stamps, settings, team): the team's stamp and the org's label
// stamp joined by "/", or "" when the team has no stamp (then nothing may be kept).
const luaBoardStamp = `
local function boardstamp(stamps, settings, team)
  local ts = redis.call('HGET', stamps, team)
  if not ts then return '' end
  return ts .. '/' .. (redis.call('HGET', settings, 'lv') or '')
end
`

func (s *Store) readBoard(ctx context.Context, org, key, ownerKey, ownerID, kind string, r domain.BoardRead) (domain.Board, error) {
	centre := "0"
	if r.Around {
		centre = "1"
	}
	res, err := boardScript.Run(ctx, s.rdb, []string{key, key + ":m", ownerKey, s.keys.userLabels(org)},
		r.Limit, r.Caller.UserID, centre, s.keys.org(org), kind, string(r.Caller.Role), r.Caller.TeamID, ownerID).Slice()
	if err != nil {
		return domain.Board{}, translate("read board", err)
	}
	switch res[0] {
	case "not_found":
		return domain.Board{}, domain.NotFound(kind)
	case "forbidden":
		return domain.Board{}, domain.Forbidden("Only members, their leads and admins may see this board.")
	}
	b := domain.Board{}
	if rank := boardNum(res[2]); rank >= 0 {
		b.MyRank, b.MyPoints = rank+1, boardNum(res[3])
	}
	b.Entries = boardEntries(res[5:], boardNum(res[4])+1)
	return b, nil
}

// boardNum reads a number of a board script's answer (an integer, or a score as text).
func boardNum(v any) int {
	switch x := v.(type) {
	case int64:
		return int(x)
	case string:
		f, _ := strconv.ParseFloat(x, 64)
		return int(f)
	}
	return 0
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
			Rank: first + i/4, UserID: id, Name: name, Points: boardNum(rows[i+2]), Visible: shown, Role: roleShown(lead),
		})
	}
	return out
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
	}, max, teamID, s.keys.org(org), newStamp()).Slice()
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
	return s.readBoard(ctx, org, s.keys.teamBoard(org, teamID, period), s.keys.team(org, teamID), teamID, "team", r)
}

// ChallengeBoard reads a challenge's board.
func (s *Store) ChallengeBoard(ctx context.Context, org, challengeID string, r domain.BoardRead) (domain.Board, error) {
	return s.readBoard(ctx, org, s.keys.challengeBoard(org, challengeID), s.keys.challenge(org, challengeID), challengeID, "challenge", r)
}

// teamsScript reads, in one round trip and a few bulk commands, every team with its points in
// a period, its active member count and name.
//
// KEYS[1] the org's teams, KEYS[2] the teams board, KEYS[3] team sizes, KEYS[4] team names.
// ARGV[1] the org's key base. Returns {id, points, members, name, …}.
var teamsScript = redis.NewScript(`
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
local out = {}
for from = 1, #ids, 1000 do -- unpack in slices: Lua's stack is bounded
  local slice = {unpack(ids, from, math.min(from + 999, #ids))}
  local pts = redis.call('ZMSCORE', KEYS[2], unpack(slice))
  local sizes = redis.call('HMGET', KEYS[3], unpack(slice))
  local names = redis.call('HMGET', KEYS[4], unpack(slice))
  for i, id in ipairs(slice) do
    local name = names[i]
    if not name then -- a team from before names were indexed
      local data = redis.call('HGET', ARGV[1] .. 'team:' .. id, 'data')
      name = data and cjson.decode(data).name or ''
    end
    out[#out + 1] = id
    out[#out + 1] = pts[i] or '0'
    out[#out + 1] = sizes[i] or '0'
    out[#out + 1] = name
  end
end
return out
`)

// TeamsBoard ranks every team by points per active member; ties go to more points, then to
// the older team. Teams without active members rank last.
func (s *Store) TeamsBoard(ctx context.Context, org, period string) ([]domain.TeamStanding, error) {
	res, err := teamsScript.Run(ctx, s.rdb, []string{s.keys.teams(org), s.keys.teamsBoard(org, period), s.keys.teamSizes(org), s.keys.teamLabels(org)}, s.keys.org(org)).StringSlice()
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

// participantsScript counts who took part in a team's period and still counts among its members:
// the users of the period's done counts (KEYS[1]) who are in the team now (KEYS[2]) and active,
// so that the share of members taking part compares like with like (the members are the team's
// active members). ARGV[1] the org's key base.
var participantsScript = redis.NewScript(`
local n = 0
for _, uid in ipairs(redis.call('HKEYS', KEYS[1])) do
  if redis.call('ZSCORE', KEYS[2], uid) then
    local u = redis.call('HGET', ARGV[1] .. 'user:' .. uid, 'data')
    if u and string.find(u, '"active":true', 1, true) then n = n + 1 end
  end
end
return n
`)

// Dashboard reads a team's counters of a period in one pipeline.
func (s *Store) Dashboard(ctx context.Context, org, teamID string, period domain.Period, leadIDs []string) (domain.Dashboard, error) {
	d := s.keys.dashboard(org, teamID, period.Key)
	pipe := s.rdb.Pipeline()
	counts := pipe.HGetAll(ctx, d)
	memberDone := pipe.HGetAll(ctx, d+":u")
	members := pipe.ZRange(ctx, s.keys.teamMembers(org, teamID), 0, -1)
	participants := participantsScript.Eval(ctx, pipe, []string{d + ":u", s.keys.teamMembers(org, teamID)}, s.keys.org(org))
	top := pipe.ZRevRangeWithScores(ctx, d+":g", 0, 4)
	size := pipe.HGet(ctx, s.keys.teamSizes(org), teamID)
	open := pipe.SCard(ctx, s.keys.openBarriers(org, teamID))
	// an escalated barrier counts while unresolved: retention takes an expired one off the open set
	escalated := pipe.SInterCard(ctx, 0, s.keys.openBarriers(org, teamID), s.keys.escalatedBarriers(org, teamID))
	// A lead's days are read from their own assignments: a lead may lead a team they are not
	// a member of, whose counters then never see their gestures.
	var periodDays []string
	for day := period.FirstDay; day != "" && day <= period.LastDay; day = domain.AddDays(day, 1) {
		periodDays = append(periodDays, day)
	}
	leadDays := make([]*redis.SliceCmd, len(leadIDs))
	for i, id := range leadIDs {
		if len(periodDays) > 0 {
			leadDays[i] = pipe.HMGet(ctx, s.keys.assignments(org, id), periodDays...)
		}
	}
	if _, err := pipe.Exec(ctx); err != nil && err != redis.Nil {
		return domain.Dashboard{}, translate("dashboard", err)
	}
	out := domain.Dashboard{
		OpenBarriers: int(open.Val()), EscalatedBarriers: int(escalated.Val()), Results: map[string]int{}, Reactions: map[string]int{}, DoneDays: map[string]int{},
		MemberIDs: members.Val(), MemberDone: make(map[string]int, len(memberDone.Val())),
	}
	for id, v := range memberDone.Val() {
		out.MemberDone[id], _ = strconv.Atoi(v)
	}
	out.Participants, _ = participants.Int() // an error failed Exec above
	out.Members, _ = strconv.Atoi(size.Val())
	for k, v := range counts.Val() {
		n, _ := strconv.Atoi(v)
		switch {
		case k == "stories":
			out.StoriesShared = n
		case len(k) > 2 && k[:2] == "r:":
			out.Reactions[k[2:]] = n
		default:
			out.Results[k] = n
		}
	}
	for _, z := range top.Val() {
		out.TopGestures = append(out.TopGestures, domain.GestureCount{GestureID: z.Member.(string), Done: int(z.Score)})
	}
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
	return out, nil
}

// Participation reads how a team took part in each of periods, in one pipeline: its active
// members now, and per period the members among them with a done gesture and the gestures done.
func (s *Store) Participation(ctx context.Context, org, teamID string, periods []domain.Period) ([]domain.PeriodParticipation, error) {
	pipe := s.rdb.Pipeline()
	size := pipe.HGet(ctx, s.keys.teamSizes(org), teamID)
	done := make([]*redis.StringCmd, len(periods))
	participants := make([]*redis.Cmd, len(periods))
	for i, p := range periods {
		d := s.keys.dashboard(org, teamID, p.Key)
		done[i] = pipe.HGet(ctx, d, domain.ResultDone)
		participants[i] = participantsScript.Eval(ctx, pipe, []string{d + ":u", s.keys.teamMembers(org, teamID)}, s.keys.org(org))
	}
	if _, err := pipe.Exec(ctx); err != nil && err != redis.Nil {
		return nil, translate("participation", err)
	}
	members, _ := strconv.Atoi(size.Val())
	out := make([]domain.PeriodParticipation, len(periods))
	for i, p := range periods {
		out[i] = domain.PeriodParticipation{Period: p, Members: members}
		out[i].Participants, _ = participants[i].Int() // an error failed Exec above
		out[i].Done, _ = strconv.Atoi(done[i].Val())
	}
	return out, nil
}
