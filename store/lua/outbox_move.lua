-- Takes an entry off the outbox and puts it on the retry schedule or the dead letters, in one
-- step, once: an entry no longer pending (acknowledged, or moved by another worker that held it
-- too) is left alone.
-- KEYS[1]  the outbox
-- KEYS[2]  the retry set or the dead-letter stream
-- ARGV[1]  the outbox's consumer group
-- ARGV[2]  the outbox entry's id
-- ARGV[3]  "retry" or "dead"
-- for a retry:
--   ARGV[4]  when it is due, Unix ms
--   ARGV[5]  its member of the retry set (retryEntry in notify.go)
-- for a dead letter:
--   ARGV[4…] its fields and values
-- Returns 1 when it moved the entry, 0 when it was not pending.
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('XDEL', KEYS[1], ARGV[2])
if ARGV[3] == 'retry' then
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
else
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', 100000, '*', unpack(ARGV, 4))
end
return 1
