-- Applies an outcome the server decided (see outcomeWrite in outcome.go), if the state it was
-- decided from is still current: the user's view stamp, their stats stamp (every write to their
-- stats, badges or places on boards sets a new one) and the org's catalogue stamp are as read,
-- and no answer is kept under the request's Idempotency-Key. Otherwise nothing is written.
-- KEYS[1]  the user's assignments (day → record, "tm" → the team records refer to)
-- KEYS[2]  the user (its field "tv" is the view stamp, "sv" the stats stamp)
-- KEYS[3]  the user's stats
-- KEYS[4]  the user's badges (badge id → when earned; "v:<value id>" → 1 for values done)
-- KEYS[5]  the Idempotency-Key's record (never written without a key)
-- KEYS[6]  the org's outcome counts (day → outcomes recorded for it)
-- KEYS[7]  the org's settings (its field "cv" is the catalogue stamp)
-- ARGV[1]  the write (outcomeWrite in outcome.go; scriptArg; a field marked * is left
--          out when it is empty):
--   stamp_read   the user's view stamp as read
--   stats_read   the user's stats stamp as read (their stats and badges decided with)
--   catalog_read the org's catalogue stamp as read (its catalogue and settings decided with)
--   idem*        the answer to keep under the Idempotency-Key (none without one)
--   idem_ttl*    its time to live, seconds
--   day          the assignment's day
--   record       its record, packed (see recordFormat)
--   team_field*  the team records refer to, when it is set now (none leaves it)
--   stamp        a new view and stats stamp
--   user         the user's id
--   fields       the assignments' fields the state is read from (outcomeFields), joined by ","
--   earned_at*   when its badges were earned, Unix seconds (with badges earned)
--   gesture*     the key of the gesture to answer
--   value*       the key of its value
--   challenge*   the key of the challenge the record names
--   places       the user's places on boards, each 3 items: a board k, their new score
--                (domain.MoveOnBoard) and the board's time to live in seconds when it first
--                holds the user (0 none, or on it already). Their places as read need no check:
--                every write of a user's place sets their stats stamp (fieldStatsStamp).
--   writes       the writes, each its name and arguments:
--     stats n f v …      the stats' n fields f set to v (those the outcome changed; none: no stats)
--     earn id            badge id earned (HSETNX)
--     mark f             badges field f set to 1 (a value done)
--     unmark f           badges field f removed (a value's mark, once all_values is earned)
--     hincr k f n ttl    HINCRBY k f n, EXPIRE k ttl on its first count (ttl 0: none)
--     zincr k m n ttl    the same with ZINCRBY k n m
--     log k entry ttl    entry appended to the list k, EXPIRE k ttl when it made it (a dashboard log)
--     hset k f v | sadd k m | lex k m (lexadd)
-- Returns {"ok", gesture, value, challenge} (their JSON, "" when gone or not asked), or, when
-- the state moved, the state as it is now, for the server to decide again (movedRead in
-- outcome.go): {"moved", {the user's data, "tv", "sv"}, {the assignments' fields, in order},
-- the stats, the badges (each hash whole: field, value, …), {board, the user's score ("" none),
-- …} of the boards in places, the answer kept under the Idempotency-Key ("" none or without
-- one), "cv"}.
local a = cmsgpack.unpack(ARGV[1])
local P, W = a.places or {}, a.writes or {}
local u = redis.call('HMGET', KEYS[2], 'tv', 'sv')
local cv = redis.call('HGET', KEYS[7], 'cv') or ''
local idem = a.idem and redis.call('GET', KEYS[5])
if (u[1] or '') ~= a.stamp_read or (u[2] or '') ~= a.stats_read or cv ~= a.catalog_read or idem then
  local fields, scores = {}, {}
  for f in string.gmatch(a.fields, '[^,]+') do fields[#fields + 1] = f end
  for j = 1, #P, 3 do
    scores[#scores + 1] = P[j]
    scores[#scores + 1] = redis.call('ZSCORE', P[j], a.user) or ''
  end
  return {'moved', redis.call('HMGET', KEYS[2], 'data', 'tv', 'sv'), redis.call('HMGET', KEYS[1], unpack(fields)),
    redis.call('HGETALL', KEYS[3]), redis.call('HGETALL', KEYS[4]), scores, idem or '', cv}
end
if a.team_field then
  redis.call('HSET', KEYS[1], a.day, a.record, 'tm', a.team_field)
else
  redis.call('HSET', KEYS[1], a.day, a.record)
end
redis.call('HSET', KEYS[2], 'tv', a.stamp, 'sv', a.stamp)
redis.call('HINCRBY', KEYS[6], a.day, 1)
for j = 1, #P, 3 do
  redis.call('ZADD', P[j], P[j + 1], a.user)
  if P[j + 2] ~= '0' then redis.call('EXPIRE', P[j], P[j + 2]) end
end
local i, n = 1, #W
while i <= n do
  local op = W[i]
  if op == 'stats' then
    local n = 2 * tonumber(W[i + 1])
    redis.call('HSET', KEYS[3], unpack(W, i + 2, i + 1 + n))
    i = i + 2 + n
  elseif op == 'hincr' or op == 'zincr' then
    local k, f, by, ttl = W[i + 1], W[i + 2], tonumber(W[i + 3]), tonumber(W[i + 4])
    local v
    if op == 'zincr' then v = tonumber(redis.call('ZINCRBY', k, by, f)) else v = redis.call('HINCRBY', k, f, by) end
    if v == by and ttl > 0 then redis.call('EXPIRE', k, ttl) end
    i = i + 5
  elseif op == 'log' then
    local k, ttl = W[i + 1], tonumber(W[i + 3])
    if redis.call('RPUSH', k, W[i + 2]) == 1 and ttl > 0 then redis.call('EXPIRE', k, ttl) end
    i = i + 4
  elseif op == 'hset' then
    redis.call('HSET', W[i + 1], W[i + 2], W[i + 3])
    i = i + 4
  elseif op == 'earn' then
    redis.call('HSETNX', KEYS[4], W[i + 1], a.earned_at)
    i = i + 2
  elseif op == 'mark' then
    redis.call('HSET', KEYS[4], W[i + 1], 1)
    i = i + 2
  elseif op == 'unmark' then
    redis.call('HDEL', KEYS[4], W[i + 1])
    i = i + 2
  elseif op == 'sadd' then
    redis.call('SADD', W[i + 1], W[i + 2])
    i = i + 3
  elseif op == 'lex' then
    lexadd(W[i + 1], W[i + 2])
    i = i + 3
  else
    return redis.error_reply('outcome_apply: unknown write ' .. tostring(op))
  end
end
if a.idem then redis.call('SET', KEYS[5], a.idem, 'EX', a.idem_ttl) end
local function data(key) if not key then return '' end return redis.call('HGET', key, 'data') or '' end
return {'ok', data(a.gesture), data(a.value), data(a.challenge)}
