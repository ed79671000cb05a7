-- Writes an assignment the server decided (a new one for the day, or a swap; see
-- assignmentWrite in today.go) if the state it was decided from is still current: the user's
-- view stamp and the org's catalogue stamp are as read, and no answer is kept under the
-- request's Idempotency-Key. Otherwise nothing is written.
-- KEYS[1]  the user's assignments
-- KEYS[2]  the user ("tv" the view stamp; "sv" the stats stamp, new when "fin" is set)
-- KEYS[3]  the org's settings
-- KEYS[4]  the user's stats (its field "fin" is set when it has none: nothing before counts)
-- KEYS[5]  the gestures and challenges that assignments refer to
-- KEYS[6]  the Idempotency-Key's record (never written without a key)
-- KEYS[7]  the board of the assignment's challenge, if it has one: the user's score there is
--          answered, with their stats stamp, which covers it (for a replica's copy)
-- ARGV[1]  the write (assignmentWrite in today.go; scriptArg; a field marked * is left
--          out when it is empty):
--   stamp_read    the user's view stamp as read
--   catalog_read  the org's catalogue stamp as read
--   idem*         what the Idempotency-Key keeps (none without one)
--   idem_ttl*     its time to live, seconds
--   day           the assignment's day
--   record        its record, packed (see recordFormat)
--   latest*       true: the day is the user's newest
--   settled*      the stats' settled day when they have none (none leaves it)
--   stats_stamp*  the new stats stamp when it sets it
--   user          the user's id
--   stamp         a new view stamp
--   used          what the record refers to (see keys.used)
--   fields        the assignments' fields the state is read from (loopFields), joined by ","
--   gesture*      the key of the gesture answered
--   value*        the key of its value
--   challenge*    the key of the challenge the record names
-- Returns {"ok", gesture, value, challenge, settled, stats, score, at} (the objects' JSON, ""
-- when gone; settled "1" when it set the settled day, and stats the stats stamp that replaced,
-- so that a replica whose copy was at that one knows the new one: keepSettled; score the
-- user's on KEYS[7], "" none, and at their stats stamp now, "" without KEYS[7]), or, when the
-- state moved, the state as it is now, for the server to decide again (movedLoop in today.go):
-- {"moved", {the user's data, "tv"}, {the assignments' fields, in order}, the record kept under
-- the Idempotency-Key ("" none or without one), "cv"}.
local w = cmsgpack.unpack(ARGV[1])
local cv = redis.call('HGET', KEYS[3], 'cv') or ''
local idem = w.idem and redis.call('GET', KEYS[6])
if (redis.call('HGET', KEYS[2], 'tv') or '') ~= w.stamp_read or cv ~= w.catalog_read or idem then
  local fields = {}
  for f in string.gmatch(w.fields, '[^,]+') do fields[#fields + 1] = f end
  return {'moved', redis.call('HMGET', KEYS[2], 'data', 'tv'), redis.call('HMGET', KEYS[1], unpack(fields)), idem or '', cv}
end
if w.latest then
  redis.call('HSET', KEYS[1], w.day, w.record, 'latest', w.day)
else
  redis.call('HSET', KEYS[1], w.day, w.record)
end
redis.call('HSET', KEYS[2], 'tv', w.stamp)
redis.call('SADD', KEYS[5], unpack(w.used))
local settled, stats = '0', ''
if w.settled and redis.call('HSETNX', KEYS[4], 'fin', w.settled) == 1 then
  settled, stats = '1', redis.call('HGET', KEYS[2], 'sv') or ''
  redis.call('HSET', KEYS[2], 'sv', w.stats_stamp)
end
if w.idem then redis.call('SET', KEYS[6], w.idem, 'EX', w.idem_ttl) end
local function data(key) if not key then return '' end return redis.call('HGET', key, 'data') or '' end
local score, at = '', ''
if KEYS[7] then
  score, at = redis.call('ZSCORE', KEYS[7], w.user) or '', redis.call('HGET', KEYS[2], 'sv') or ''
end
return {'ok', data(w.gesture), data(w.value), data(w.challenge), settled, stats, score, at}
