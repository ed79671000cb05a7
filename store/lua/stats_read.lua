-- Reads what a user's stats are settled and shown from (see runStats in loop.go), and what
-- GET /v1/me shows with them. It decides nothing: the server does.
-- KEYS[1]  the user's assignments (day → record, "latest" → newest day)
-- KEYS[2]  the user (its field "sv" is the stats stamp, "tv" the view stamp)
-- KEYS[3]  the user's stats
-- KEYS[4]  the user's badges
-- KEYS[5]  the org's team labels
-- KEYS[6…] the boards of the team the caller names (ARGV's team), if any
-- ARGV[1]  the read (statsRead in loop.go; scriptArg):
--   days         the days whose records are answered
--   stats        the stats' fields
--   enrolled     the user's enrolled field
--   user         their id
--   team         their team as the caller knows it
--   record_team  the assignments' field naming the records' team
-- Returns {user, enrolled, team label, latest day, {stats…}, {badge, earned, …}, {record of each
-- day…}, stats stamp, {the user's score on each board of KEYS[6…]}, view stamp, the records'
-- team} ("" where unset; the scores only while the user is in the team named, {} otherwise), or
-- {} for a user not found. The records, the newest day, their team and the view stamp are what
-- the server keeps of the loop state (keepLoopState in loopcopy.go).
local r = cmsgpack.unpack(ARGV[1])
local u = redis.call('HMGET', KEYS[2], 'data', r.enrolled, 'sv', 'tv')
if not u[1] then return {} end
local team = jstr(u[1], 'team_id')
if team == nil and not string.find(u[1], '"team_id":', 1, true) then team = '' end
if team == nil then team = cjson.decode(u[1]).team_id or '' end
local label = ''
if team ~= '' then label = redis.call('HGET', KEYS[5], team) or '' end
local function strs(vals)
  for i, v in ipairs(vals) do if not v then vals[i] = '' end end
  return vals
end
local scores = {}
if team ~= '' and team == r.team then
  for i = 6, #KEYS do scores[#scores + 1] = redis.call('ZSCORE', KEYS[i], r.user) or '' end
end
local recs = strs(redis.call('HMGET', KEYS[1], 'latest', r.record_team, unpack(r.days)))
local latest, recTeam = table.remove(recs, 1), table.remove(recs, 1)
return {u[1], u[2] or '', label, latest, strs(redis.call('HMGET', KEYS[3], unpack(r.stats))),
        redis.call('HGETALL', KEYS[4]), recs, u[3] or '', scores, u[4] or '', recTeam}
