-- Reads a user leaderboard in one round trip: checks that the caller may see it, then answers
-- the top (or the window around the caller), the caller's place, and each shown user's name and
-- privacy choice. Needs lib_board_score and lib_board_rows in front of it.
-- KEYS[1]  the board
-- KEYS[2]  the team or challenge it belongs to
-- KEYS[3]  the org's user labels (see userLabel)
-- ARGV[1]  the read, JSON (boardRead in leaderboards.go):
--   limit     the most rows
--   caller    the caller's id
--   around    true to centre on the caller
--   kind      "team" or "challenge"
--   role      the caller's role
--   team      the caller's team ("" none)
--   owner     the team's or challenge's id
-- Returns {"ok", size, caller rank (0-based, -1 if unranked), caller points, first rank,
-- id, name, points, shown, …}, {"not_found"} or {"forbidden"}.
local r = cjson.decode(ARGV[1])
if not isobject(KEYS[2]) then return {'not_found'} end
-- a member reading their own team's board is let in without decoding the team
if r.role ~= 'admin' and not (r.kind == 'team' and r.team ~= '' and r.team == r.owner) then
  local o = cjson.decode(redis.call('HGET', KEYS[2], 'data'))
  local ok = false
  if r.kind == 'team' then
    ok = r.team == o.id
    for _, id in ipairs(o.lead_ids or {}) do if id == r.caller then ok = true end end
  else
    ok = #(o.team_ids or {}) == 0
    for _, id in ipairs(o.team_ids or {}) do if id == r.team then ok = true end end
  end
  if not ok then return {'forbidden'} end
end
local n = redis.call('ZCARD', KEYS[1])
local score = redis.call('ZSCORE', KEYS[1], r.caller)
local rank, pts = -1, 0
if score then
  rank = redis.call('ZREVRANK', KEYS[1], r.caller)
  pts = boardpoints(tonumber(score))
end
local start = 0
if r.around and rank >= 0 then
  start = math.max(0, math.min(rank - math.floor(r.limit / 2), n - r.limit))
end
local out = {'ok', n, rank, pts, start}
boardrows(redis.call('ZREVRANGE', KEYS[1], start, start + r.limit - 1, 'WITHSCORES'), KEYS[3], out)
return out
