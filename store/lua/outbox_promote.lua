-- Moves retries that are due back onto the outbox, each once: one another promoter took off the
-- retry set first is left alone.
-- KEYS[1]  the outbox
-- KEYS[2]  the retry set
-- ARGV[1]  the retries (a list of promoted in notify.go; scriptArg), each:
--   member  its member of the retry set
--   u       its user (retryEntry in notify.go, decoded in Go)
--   n       its notification
--   c       its collapse key
--   a       its attempts
-- Returns how many were moved.
local moved = 0
for _, r in ipairs(cmsgpack.unpack(ARGV[1])) do
  if redis.call('ZREM', KEYS[2], r.member) == 1 then
    redis.call('XADD', KEYS[1], 'MAXLEN', '~', 1000000, '*', 'u', r.u, 'n', r.n, 'c', r.c, 'a', r.a)
    moved = moved + 1
  end
end
return moved
