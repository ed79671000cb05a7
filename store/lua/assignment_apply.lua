-- Writes an assignment the server decided (a new one for the day, or a swap; see
-- assignmentWrite in today.go) if the state it was decided from is still current: the user's
-- view stamp and the org's catalogue stamp are as read, and no answer is kept under the
-- request's Idempotency-Key. Otherwise nothing is written.
-- KEYS[1]  the user's assignments
-- KEYS[2]  the user
-- KEYS[3]  the org's settings
-- KEYS[4]  the user's stats (its field "fin" is set when it has none: nothing before counts)
-- KEYS[5]  the gestures and challenges that assignments refer to
-- KEYS[6]  the Idempotency-Key's record (never written without a key)
-- ARGV[1]  the write, JSON (assignmentWrite)
-- Returns {"ok", gesture, value, challenge} (their JSON, "" when gone) or {"moved"}.
local w = cjson.decode(ARGV[1])
if (redis.call('HGET', KEYS[2], 'tv') or '') ~= w.stamp_read or (redis.call('HGET', KEYS[3], 'cv') or '') ~= w.catalog_read
  or (w.idem ~= '' and redis.call('EXISTS', KEYS[6]) == 1) then
  return {'moved'}
end
redis.call('HSET', KEYS[1], w.day, w.record)
if w.latest then redis.call('HSET', KEYS[1], 'latest', w.day) end
redis.call('HSET', KEYS[2], 'tv', w.stamp)
redis.call('SADD', KEYS[5], unpack(w.used))
if w.settled ~= '' then redis.call('HSETNX', KEYS[4], 'fin', w.settled) end
if w.idem ~= '' then redis.call('SET', KEYS[6], w.idem, 'EX', w.idem_ttl) end
local function data(key) if key == '' then return '' end return redis.call('HGET', key, 'data') or '' end
return {'ok', data(w.gesture), data(w.value), data(w.challenge)}
