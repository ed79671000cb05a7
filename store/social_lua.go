package store

import "github.com/redis/go-redis/v9"

// luaStory reads stored stories and barriers (see decodeStory and decodeBarrier in social.go):
// story_of(data) answers a table with at least a story's author_id, team_id, gesture_id and
// value_id, held_text(data, n) a story's or a barrier's text and barrier_status(data) a
// barrier's status. A story in the compact form is split at its first seven '|'; one stored as
// a JSON object (by earlier versions, or one the compact form cannot hold) has its ids read
// without decoding it where they are plain strings.
const luaStory = `
local function story_of(data)
  if string.sub(data, 1, 1) == '{' then
    local s = {author_id = jstr(data, 'author_id'), team_id = jstr(data, 'team_id'),
               gesture_id = jstr(data, 'gesture_id'), value_id = jstr(data, 'value_id')}
    if not (s.author_id and s.team_id and s.gesture_id and s.value_id) then s = cjson.decode(data) end
    return s
  end
  local f, from = {}, 1
  for i = 1, 7 do
    local to = string.find(data, '|', from, true)
    if not to then return {} end
    f[i] = string.sub(data, from, to - 1)
    from = to + 1
  end
  return {author_id = f[3], team_id = f[4], gesture_id = f[5], value_id = f[6], text = string.sub(data, from)}
end
-- held_text answers the text of a stored story or barrier: a JSON object's "text", or in the
-- compact form all after the n-th '|' (7 for a story, 5 for a barrier; see decodeBarrier).
local function held_text(data, n)
  local t
  if string.sub(data, 1, 1) == '{' then
    t = jstr(data, 'text')
    if not t then t = cjson.decode(data).text end
  else
    local from = 1
    for _ = 1, n do
      local to = string.find(data, '|', from, true)
      if not to then return '' end
      from = to + 1
    end
    t = string.sub(data, from)
  end
  if type(t) ~= 'string' then return '' end
  return t
end
-- barrier_status answers a stored barrier's status: a compact one is open (it is written only
-- when a barrier is reported; every change stores its JSON object).
local function barrier_status(data)
  if string.sub(data, 1, 1) == '{' then return cjson.decode(data).status end
  return 'open'
end
`

// feedScript reads one page of a story feed with everything a card shows, in one round trip —
// or, when the replica's copy of the page is current, only what the copy cannot know.
//
// KEYS[1] the feed (score 0, members story ids, which sort by time), KEYS[2] the org's user
// labels, KEYS[3] the org's settings, KEYS[4] the feed stamps. ARGV[1] the last id of the
// previous page ("" for the first), ARGV[2] limit, ARGV[3] the viewer's id, ARGV[4] the org's
// key base, ARGV[5] the catalog stamp of the replica's copy of the gestures and values ("" for
// none; see catalogCopy), ARGV[6] the stamp of the replica's copy of this page ("" for none),
// ARGV[7] a new feed stamp (for a feed without one), ARGV[8] the feed's field in the feed stamps,
// ARGV[9…] the ids of the copy's cards. The viewer's locale ("" when unknown) is the language
// the page is rendered in: sent along, it costs the request no round trip of its own.
//
// A copy is current while the feed's stamp, the org's label stamp and its catalog stamp are what
// they were when it was read (the page's stamp joins the three). Then the answer is {"=", the
// viewer's locale, then per id of the copy whether the viewer gave it kudos ("1"/"0")}. Otherwise
// it is {next, n, the org's catalog stamp, the page's stamp, the viewer's locale, then the n
// objects the page refers to (JSON, an author's label (see userLabel), or "" when gone), then per
// story: story, kudos, spotlight, kudoed, and its author, team, gesture and value as positions in
// that list (1-based, "0" for none) — or, for a gesture or value while ARGV[5] is the org's
// catalog stamp, "=" and its key in the copy ("=gesture:<id>")}. A page's cards mostly share their team, gestures and values: each is read
// and sent once (a team feed of 20 cards sent its team 20 times, and the gestures' texts with them
// — most of the answer).
var feedScript = redis.NewScript(luaJSON + luaStory + luaLexIndex + `
local base = ARGV[4]
local fs = redis.call('HGET', KEYS[4], ARGV[8])
if not fs then fs = ARGV[7]; redis.call('HSET', KEYS[4], ARGV[8], fs) end
local set = redis.call('HMGET', KEYS[3], 'lv', 'cv')
local stamp = set[2] or ''
local pstamp = fs .. '/' .. (set[1] or '') .. '/' .. stamp
local viewer = redis.call('HGET', base .. 'user:' .. ARGV[3], 'data')
local locale = (viewer and jstr(viewer, 'locale')) or ''
if ARGV[6] == pstamp then
  local out = {'=', locale}
  for i = 9, #ARGV do
    out[#out + 1] = tostring(redis.call('SISMEMBER', base .. 'story:' .. ARGV[i] .. ':kudos', ARGV[3]))
  end
  return out
end
local max = '+'
if ARGV[1] ~= '' then max = '(' .. ARGV[1] end
local limit = tonumber(ARGV[2])
local ids = lexrange(KEYS[1], max, limit + 1)
local next = ''
if #ids > limit then next = ids[limit]; ids[limit + 1] = nil end
local kept = stamp ~= '' and stamp == ARGV[5] -- the replica's copy of the catalogue is current
local objs, at = {}, {}
local function ref(kind, id)
  if id == nil or id == '' or id == cjson.null then return '0' end
  if kept and (kind == 'gesture:' or kind == 'value:') then return '=' .. kind .. id end
  local key = base .. kind .. id
  local i = at[key]
  if not i then
    local o
    -- an author is sent as their label, a fraction of their JSON; a user stored before labels
    -- were kept is sent as their JSON
    if kind == 'user:' then o = redis.call('HGET', KEYS[2], id) end
    objs[#objs + 1] = o or redis.call('HGET', key, 'data') or ''
    i = tostring(#objs)
    at[key] = i
  end
  return i
end
local cards = {}
for _, id in ipairs(ids) do
  local k = base .. 'story:' .. id
  local f = redis.call('HMGET', k, 'data', 'kudos', 'spotlight')
  -- the four ids a card refers to, read without decoding the story (a decode per card was a
  -- good part of a page's cost); a compact story is sent with its id before it
  local s = story_of(f[1])
  local card = f[1]
  if string.sub(card, 1, 1) ~= '{' then card = id .. '|' .. card end
  local kudoed = redis.call('SISMEMBER', k .. ':kudos', ARGV[3])
  for _, v in ipairs({card, f[2] or '0', f[3] or '0', tostring(kudoed), ref('user:', s.author_id),
      ref('team:', s.team_id), ref('gesture:', s.gesture_id), ref('value:', s.value_id)}) do
    cards[#cards + 1] = v
  end
end
local out = {next, tostring(#objs), stamp, pstamp, locale}
for _, o in ipairs(objs) do out[#out + 1] = o end
for _, v in ipairs(cards) do out[#out + 1] = v end
return out
`)

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
