-- Takes an entry off the outbox and puts it on the retry schedule or the dead letters, in one
-- step.
-- KEYS[1]  the outbox
-- KEYS[2]  the retry set or the dead-letter stream
-- ARGV[1]  the move, JSON (outboxMove in notify.go): entry (the outbox entry id), to ("retry" or
--          "dead"), due (Unix ms, for a retry), reason (for a dead letter), user, n (the
--          notification JSON), collapse, attempts
local m = cjson.decode(ARGV[1])
if m.to == 'retry' then
  redis.call('ZADD', KEYS[2], m.due, cjson.encode({u = m.user, n = m.n, c = m.collapse, a = tostring(m.attempts)}))
else
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', 100000, '*', 'u', m.user, 'n', m.n, 'c', m.collapse, 'a', m.attempts, 'reason', m.reason)
end
redis.call('XACK', KEYS[1], 'push', m.entry)
redis.call('XDEL', KEYS[1], m.entry)
return 0
