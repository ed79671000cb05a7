-- Moves retries that are due back onto the outbox, each once: one another promoter took off the
-- retry set first is left alone.
-- KEYS[1]  the outbox
-- KEYS[2]  the retry set
-- ARGV     per retry five items: its member of the retry set, then its user, notification,
--          collapse key and attempts (retryEntry in notify.go, decoded in Go)
-- Returns how many were moved.
local moved = 0
for i = 1, #ARGV, 5 do
  if redis.call('ZREM', KEYS[2], ARGV[i]) == 1 then
    redis.call('XADD', KEYS[1], 'MAXLEN', '~', 1000000, '*', 'u', ARGV[i + 1], 'n', ARGV[i + 2], 'c', ARGV[i + 3], 'a', ARGV[i + 4])
    moved = moved + 1
  end
end
return moved
