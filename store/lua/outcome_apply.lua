-- Applies an outcome the server decided (see outcomeWrite in outcome.go), if the state it was
-- decided from is still current: the user's view stamp and their settled day are as read, and
-- no answer is kept under the request's Idempotency-Key. Otherwise nothing is written.
-- KEYS[1]  the user's assignments (day → record, "tm" → the team records refer to)
-- KEYS[2]  the user (its field "tv" is the view stamp)
-- KEYS[3]  the user's stats
-- KEYS[4]  the user's badges (badge id → when earned; "v:<value id>" → 1 for values done)
-- KEYS[5]  the Idempotency-Key's record (never written without a key)
-- KEYS[6]  the outcome index of the day
-- KEYS[7]  the outcome index's bucket of the user
-- KEYS[8]  the days with outcomes
-- ARGV[1]  the write, JSON (outcomeWrite)
-- Returns {"ok", gesture, value, challenge} (their JSON, "" when gone) or {"moved"}.
local w = cjson.decode(ARGV[1])
if (redis.call('HGET', KEYS[2], 'tv') or '') ~= w.stamp_read or (redis.call('HGET', KEYS[3], 'fin') or '') ~= w.fin_read
  or (w.idem ~= '' and redis.call('EXISTS', KEYS[5]) == 1) then
  return {'moved'}
end
redis.call('HSET', KEYS[1], w.day, w.record)
if w.team_field ~= '' then redis.call('HSET', KEYS[1], 'tm', w.team_field) end
redis.call('HSET', KEYS[2], 'tv', w.stamp)
redis.call('HSET', KEYS[3], unpack(w.stats))
for _, id in ipairs(w.earned) do redis.call('HSETNX', KEYS[4], id, w.earned_at) end
if w.mark_value ~= '' then redis.call('HSET', KEYS[4], w.mark_value, 1) end
if w.clear_values then
  local marks = {}
  for _, f in ipairs(redis.call('HKEYS', KEYS[4])) do
    if string.sub(f, 1, 2) == 'v:' then marks[#marks + 1] = f end
  end
  if #marks > 0 then redis.call('HDEL', KEYS[4], unpack(marks)) end
end
if redis.call('APPEND', KEYS[7], w.user .. ',') == #w.user + 1 then redis.call('HSET', KEYS[6], w.bucket, 1) end
redis.call('HINCRBY', KEYS[6], 'n', 1)
redis.call('ZADD', KEYS[8], w.day_number, w.day)
for _, b in ipairs(w.bumps) do bump(b.k, w.user, b.p, w.ms, b.ttl) end
count(w.counters)
for _, s in ipairs(w.sets) do redis.call('HSET', s.k, s.f, s.v) end
for _, a in ipairs(w.adds) do redis.call('SADD', a.k, a.v) end
for _, l in ipairs(w.indexes) do lexadd(l.k, l.v) end
if w.idem ~= '' then redis.call('SET', KEYS[5], w.idem, 'EX', w.idem_ttl) end
local function data(key) if key == '' then return '' end return redis.call('HGET', key, 'data') or '' end
return {'ok', data(w.gesture), data(w.value), data(w.challenge)}
