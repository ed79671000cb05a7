package store

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// boardScript reads a user leaderboard in one round trip: it checks that the caller may see
// it, then answers the top (or the window around the caller), the caller's place, and each
// shown user's name and privacy choice.
//
// KEYS[1] the board, KEYS[2] its user → member hash, KEYS[3] the team or challenge it belongs to,
// KEYS[4] the org's user labels (see userLabel).
// ARGV[1] limit, ARGV[2] the caller's id, ARGV[3] "1" to centre on the caller, ARGV[4] the org's
// key base, ARGV[5] "team" or "challenge", ARGV[6] the caller's role, ARGV[7] the caller's team,
// ARGV[8] the team's or challenge's id.
// Returns {"ok", size, caller rank (0-based, -1 if unranked), caller points, first rank,
// id, name, points, shown, …}, {"not_found"} or {"forbidden"}.
var boardScript = redis.NewScript(luaJSON + `
local owner = redis.call('HGET', KEYS[3], 'data')
if not owner then return {'not_found'} end
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
local mine = redis.call('HGET', KEYS[2], ARGV[2])
local rank, pts = -1, 0
if mine then
  rank = redis.call('ZREVRANK', KEYS[1], mine) or -1
  pts = tonumber(redis.call('ZSCORE', KEYS[1], mine)) or 0
end
local start = 0
if ARGV[3] == '1' and rank >= 0 then
  start = math.max(0, math.min(rank - math.floor(limit / 2), n - limit))
end
local out = {'ok', n, rank, pts, start}
local rows = redis.call('ZREVRANGE', KEYS[1], start, start + limit - 1, 'WITHSCORES')
if #rows == 0 then return out end
local ids = {}
for i = 1, #rows, 2 do ids[#ids + 1] = string.sub(rows[i], 15) end
-- the shown users' names and choices in one command: reading each user's JSON was most of a
-- board read's cost
local labels = redis.call('HMGET', KEYS[4], unpack(ids))
for j, id in ipairs(ids) do
  local name, shown = '', '1'
  if labels[j] then
    shown, name = string.sub(labels[j], 1, 1), string.sub(labels[j], 2)
  else -- a user stored before labels were kept (or deleted by hand): their JSON says it
    local data = redis.call('HGET', ARGV[4] .. 'user:' .. id, 'data')
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
  out[#out + 1] = rows[2 * j]
  out[#out + 1] = shown
end
return out
`)

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
	num := func(v any) int {
		switch x := v.(type) {
		case int64:
			return int(x)
		case string:
			f, _ := strconv.ParseFloat(x, 64)
			return int(f)
		}
		return 0
	}
	b := domain.Board{Entries: []domain.BoardEntry{}}
	if rank := num(res[2]); rank >= 0 {
		b.MyRank, b.MyPoints = rank+1, num(res[3])
	}
	start := num(res[4])
	for i := 5; i+3 < len(res); i += 4 {
		id, _ := res[i].(string)
		name, _ := res[i+1].(string)
		b.Entries = append(b.Entries, domain.BoardEntry{
			Rank: start + (i-5)/4 + 1, UserID: id, Name: name, Points: num(res[i+2]), Visible: res[i+3] == "1",
		})
	}
	return b, nil
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

// Dashboard reads a team's counters of a period in one pipeline.
func (s *Store) Dashboard(ctx context.Context, org, teamID string, period domain.Period, leadIDs []string) (domain.Dashboard, error) {
	d := s.keys.dashboard(org, teamID, period.Key)
	pipe := s.rdb.Pipeline()
	counts := pipe.HGetAll(ctx, d)
	participants := pipe.HLen(ctx, d+":u")
	top := pipe.ZRevRangeWithScores(ctx, d+":g", 0, 4)
	size := pipe.HGet(ctx, s.keys.teamSizes(org), teamID)
	open := pipe.SCard(ctx, s.keys.openBarriers(org, teamID))
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
		Participants: int(participants.Val()), OpenBarriers: int(open.Val()),
		Results: map[string]int{}, Reactions: map[string]int{}, DoneDays: map[string]int{},
	}
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
			if str, ok := v.(string); ok && json.Unmarshal([]byte(str), &rec) == nil && rec.Outcome != nil && rec.Outcome.Result == domain.ResultDone {
				out.DoneDays[leadIDs[i]]++
			}
		}
	}
	return out, nil
}
