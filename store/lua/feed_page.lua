-- Reads one page of a story feed with everything a card shows, in one round trip — or, when the
-- replica's copy of the page is current, only what the copy cannot know (see Store.Feed). Needs
-- lib_json, lib_story, lib_keys and lib_lex_index in front of it.
-- KEYS[1]  the feed (a lex index of story ids, which sort by time)
-- KEYS[2]  the org's user labels (see userLabel)
-- KEYS[3]  the org's settings (its label stamp "lv" and catalog stamp "cv")
-- KEYS[4]  the feed stamps
-- KEYS[5]  the viewer (their locale is the language the page is rendered in: sent along, it
--          costs the request no round trip of its own)
-- ARGV[1]  the read (feedRead in social.go; scriptArg):
--   after       the last id of the previous page ("" for the first)
--   limit       the most cards
--   viewer      the viewer's id
--   catalog     the catalog stamp of the replica's copy of the gestures and values ("" for none;
--               see catalogCopy)
--   copy        the stamp of the replica's copy of this page ("" for none)
--   copy_ids    the ids of the copy's cards
--   new_stamp   a new feed stamp (for a feed without one)
--   field       the feed's field in the feed stamps
--   story       the key pattern (keyPattern in keys.go, filled in by keyof) of a story
--   kudos       that of a story's kudos givers
--   team        that of a team
--   gesture     that of a gesture
--   value       that of a value
--
-- A copy is current while the feed's stamp, the org's label stamp and its catalog stamp are what
-- they were when it was read (the page's stamp joins the three). Then the answer is {"=", the
-- viewer's locale, then per id of the copy whether the viewer gave it kudos ("1"/"0")}.
-- Otherwise it is {next, n, the org's catalog stamp, the page's stamp, the viewer's locale, then
-- the n objects the page refers to (an author's label, a team's JSON, or "" when gone), then per
-- story: its id, '|' and its data, kudos, spotlight, kudoed, and its author, team, gesture and
-- value as positions in that list (1-based, "0" for none) — or, for a gesture or value while
-- catalog is the org's catalog stamp, "=" and its name in the copy ("=gesture:<id>") —, and its
-- customer quote (see quoteField; "" for none)}. A page's
-- cards mostly share their team, gestures and values: each is read and sent once (a team feed of
-- 20 cards sent its team 20 times, and the gestures' texts with them — most of the answer).
local r = cmsgpack.unpack(ARGV[1])
local fs = redis.call('HGET', KEYS[4], r.field)
if not fs then fs = r.new_stamp; redis.call('HSET', KEYS[4], r.field, fs) end
local set = redis.call('HMGET', KEYS[3], 'lv', 'cv')
local stamp = set[2] or ''
local pstamp = fs .. '/' .. (set[1] or '') .. '/' .. stamp
local viewer = redis.call('HGET', KEYS[5], 'data')
local locale = (viewer and jstr(viewer, 'locale')) or ''
if r.copy == pstamp then
  local out = {'=', locale}
  for _, id in ipairs(r.copy_ids) do
    out[#out + 1] = tostring(redis.call('SISMEMBER', keyof(r.kudos, id), r.viewer))
  end
  return out
end
local max = '+'
if r.after ~= '' then max = '(' .. r.after end
local ids = lexrange(KEYS[1], max, r.limit + 1)
local next = ''
if #ids > r.limit then next = ids[r.limit]; ids[r.limit + 1] = nil end
local kept = stamp ~= '' and stamp == r.catalog -- the replica's copy of the catalogue is current
local prefix = {team = r.team, gesture = r.gesture, value = r.value}
local objs, at = {}, {}
local function ref(kind, id)
  if id == nil or id == '' then return '0' end
  if kept and (kind == 'gesture' or kind == 'value') then return '=' .. kind .. ':' .. id end
  local name = kind .. ':' .. id
  local i = at[name]
  if not i then
    local o
    if kind == 'user' then -- an author is sent as their label, a fraction of their JSON
      o = redis.call('HGET', KEYS[2], id)
    else
      o = redis.call('HGET', keyof(prefix[kind], id), 'data')
    end
    objs[#objs + 1] = o or ''
    i = tostring(#objs)
    at[name] = i
  end
  return i
end
local cards = {}
for _, id in ipairs(ids) do
  local f = redis.call('HMGET', keyof(r.story, id), 'data', 'kudos', 'spotlight', 'quote')
  if f[1] then -- a story deleted by hand, still in the feed, is left out
    -- the four ids a card refers to, read without decoding the story (a decode per card was a
    -- good part of a page's cost)
    local s = story_of(f[1])
    local kudoed = redis.call('SISMEMBER', keyof(r.kudos, id), r.viewer)
    for _, v in ipairs({id .. '|' .. f[1], f[2] or '0', f[3] or '0', tostring(kudoed), ref('user', s.author_id),
        ref('team', s.team_id), ref('gesture', s.gesture_id), ref('value', s.value_id), f[4] or ''}) do
      cards[#cards + 1] = v
    end
  end
end
local out = {next, tostring(#objs), stamp, pstamp, locale}
for _, o in ipairs(objs) do out[#out + 1] = o end
for _, v in ipairs(cards) do out[#out + 1] = v end
return out
