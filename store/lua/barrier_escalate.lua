-- Escalates a barrier nobody acknowledged in time to the org's admins, exactly once: only a
-- barrier still open, not merged and not escalated before is marked (escalated_at) and put in
-- the team's escalated set, and only then are the admins told. Schedulers on several replicas
-- may try the same barrier; the first one does it, the others find it escalated.
-- KEYS[1]  the barrier (hash, field data)
-- KEYS[2]  the team's escalated barriers (set; keys.escalatedBarriers)
-- KEYS[3]  the org's active admins (set of user ids; keys.admins)
-- KEYS[4]  the org's push outbox (stream)
-- ARGV[1]  the escalation, JSON (barrierEscalation in social.go): base (the org's key base, for
--          the admins' hashes and inboxes "user:<id>", "inbox:<id>"), id, data (the barrier's
--          new JSON), notice {id, texts, data (JSON strings, handed to notify as they are), now
--          (RFC 3339), cap (inbox size)}
-- Returns "ok", or "skip" when the barrier is gone, no longer open, merged or escalated already.
local e = cjson.decode(ARGV[1])
local cur = redis.call('HGET', KEYS[1], 'data')
if not cur or barrier_status(cur) ~= 'open' or jstr(cur, 'merged_into') or jstr(cur, 'escalated_at') then
  return 'skip'
end
redis.call('HSET', KEYS[1], 'data', e.data)
redis.call('SADD', KEYS[2], e.id)
local n = e.notice
for _, admin in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  notify(e.base .. 'user:' .. admin, e.base .. 'inbox:' .. admin, KEYS[4], '', n.id, 'barrier_escalated',
    n.texts, n.data, n.now, 'barrier_escalated', '0', n.cap, '0')
end
return 'ok'
