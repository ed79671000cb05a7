-- Moves retries that are due back onto the outbox.
-- KEYS[1]  the outbox
-- KEYS[2]  the retry set
-- ARGV[1]  now (Unix ms)
-- ARGV[2]  at most this many
-- Returns how many were moved.
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, m in ipairs(due) do
  local e = cjson.decode(m)
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', 1000000, '*', 'u', e.u, 'n', e.n, 'c', e.c, 'a', e.a)
  redis.call('ZREM', KEYS[2], m)
end
return #due
