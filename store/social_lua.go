package store

// luaStory reads stored stories and barriers (lua/lib_story.lua).
var luaStory = luaSource("lib_story")

// kudosScript gives or takes back one kudos, credits the author (for at most 10 kudos per story)
// and, for a giver's first kudos on the story, notifies the author — one atomic step. A kudos
// taken back and given again is not news: the author hears of each giver once per story.
//
// KEYS[1] the story, KEYS[2] its kudos givers, KEYS[3] the author's stats, KEYS[4] the author's
// badges, KEYS[5] the author, KEYS[6] their inbox, KEYS[7] the org's outbox, KEYS[8] a once guard,
// KEYS[9] when each kudos was given, "<week>|<month>", or "-" for a giver who took theirs back
// (see keys.storyKudosAt; a kudos of an earlier version has no entry and is taken back from the
// current periods, as it was then).
// ARGV[1] giver id, ARGV[2] delta (1 or -1), ARGV[3] points per kudos, ARGV[4] now (Unix ms),
// ARGV[5] the org's key base, ARGV[6] week key, ARGV[7] month key, ARGV[8] week expiry,
// ARGV[9] month expiry, ARGV[10] now (RFC 3339), ARGV[11] notification id, ARGV[12] texts JSON,
// ARGV[13] data JSON, ARGV[14] collapse key, ARGV[15] inbox cap, ARGV[16] a new board and feed stamp.
// Returns "ok", "not_found" or "own_story".
var kudosScript = newLoopScript(notifyLua + `
local data = redis.call('HGET', KEYS[1], 'data')
if not data or redis.call('HGET', KEYS[1], 'deleted') == '1' then return 'not_found' end
local s = story_of(data)
if s.author_id == ARGV[1] then return 'own_story' end
local delta = tonumber(ARGV[2])
-- the periods whose points and boards this kudos changes: now's, or, taking one back, those it
-- was given in
local week, month = ARGV[6], ARGV[7]
local told = false -- the author was told of this giver's kudos before
if delta > 0 then
  if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 'ok' end
  told = redis.call('HGET', KEYS[9], ARGV[1]) == '-'
  redis.call('HSET', KEYS[9], ARGV[1], week .. '|' .. month)
else
  if redis.call('SREM', KEYS[2], ARGV[1]) == 0 then return 'ok' end
  local at = redis.call('HGET', KEYS[9], ARGV[1])
  if at then week, month = string.match(at, '^([^|]*)|(.*)$') end
  redis.call('HSET', KEYS[9], ARGV[1], '-')
end
local count = redis.call('HINCRBY', KEYS[1], 'kudos', delta)
feedchanged(ARGV[5], s.team_id, ARGV[16])
local received = redis.call('HINCRBY', KEYS[3], 'kudos', delta)
if (delta > 0 and count <= 10) or (delta < 0 and count < 10) then
  local pts = delta * tonumber(ARGV[3])
  redis.call('HINCRBY', KEYS[3], 'tot', pts)
  for _, p in ipairs({{'wk', 'wp', week}, {'mk', 'mp', month}}) do
    -- the stats keep the current week's and month's points only: a past period's are not there
    if redis.call('HGET', KEYS[3], p[1]) == p[3] then redis.call('HINCRBY', KEYS[3], p[2], pts)
    elseif delta > 0 then redis.call('HSET', KEYS[3], p[1], p[3], p[2], pts) end
  end
  local base, uid = ARGV[5], s.author_id
  local author = cjson.decode(redis.call('HGET', KEYS[5], 'data'))
  local team = str(author.team_id)
  local ms = tonumber(ARGV[4])
  if team ~= '' then boardchanged(base, team, ARGV[16]) end
  for _, p in ipairs({{week, ARGV[8], ARGV[6]}, {month, ARGV[9], ARGV[7]}, {'all', '', 'all'}}) do
    if team ~= '' then
      -- a kudos taken back from a past period (p[1] not now's, p[3]) leaves its boards' time to
      -- live alone, and a board no longer kept stays gone (adjust leaves a board without the user
      -- alone)
      local current, teams = p[1] == p[3], base .. 'lb:o:' .. p[1]
      adjust(base .. 'lb:t:' .. team .. ':' .. p[1], uid, pts, ms, p[2])
      if current or redis.call('ZSCORE', teams, team) then
        redis.call('ZINCRBY', teams, pts, team)
        if current then expire(teams, p[2]) end
      end
    end
  end
end
if delta > 0 then
  if received >= 10 then redis.call('HSETNX', KEYS[4], 'kudos_10', badgetime(ARGV[10])) end
  if told then return 'ok' end
  notify(KEYS[5], KEYS[6], KEYS[7], KEYS[8], ARGV[11], 'kudos', ARGV[12], ARGV[13], ARGV[10], ARGV[14], '0', ARGV[15], '0')
end
return 'ok'
`)

// spotlightScript marks a story spotlighted by the author's lead or an admin and notifies the
// author (once: spotlighting again changes nothing).
//
// KEYS[1] the story, KEYS[2] the author, KEYS[3] their inbox, KEYS[4] the outbox, KEYS[5] a once
// guard. ARGV[1] caller id, ARGV[2] caller role, ARGV[3] the org's key base, ARGV[4] notification
// id, ARGV[5] texts JSON, ARGV[6] data JSON, ARGV[7] now, ARGV[8] inbox cap, ARGV[9] a new feed stamp.
// Returns "ok", "not_found" or "forbidden".
var spotlightScript = newLoopScript(notifyLua + `
local data = redis.call('HGET', KEYS[1], 'data')
if not data or redis.call('HGET', KEYS[1], 'deleted') == '1' then return 'not_found' end
local s = story_of(data)
if ARGV[2] ~= 'admin' and not leads(ARGV[3], s.team_id, ARGV[1]) then return 'forbidden' end
if redis.call('HGET', KEYS[1], 'spotlight') == '1' then return 'ok' end
redis.call('HSET', KEYS[1], 'spotlight', '1')
feedchanged(ARGV[3], s.team_id, ARGV[9])
notify(KEYS[2], KEYS[3], KEYS[4], KEYS[5], ARGV[4], 'spotlight', ARGV[5], ARGV[6], ARGV[7], 'spotlight', '0', ARGV[8], '0')
return 'ok'
`)
