-- Takes an entry off the outbox and puts it on the retry schedule or the dead letters, in one
-- step, once: an entry no longer pending (acknowledged, or moved by another worker that held it
-- too) is left alone.
-- KEYS[1]  the outbox
-- KEYS[2]  the retry set or the dead-letter stream
-- ARGV[1]  the move (outboxMove in notify.go; scriptArg; a field marked * is left out when
--          it is empty):
--   group    the outbox's consumer group
--   id       the outbox entry's id
--   due*     for a retry: when it is due, Unix ms
--   member*  for a retry: its member of the retry set (retryEntry in notify.go)
--   fields*  for a dead letter: its fields and values, in turn
-- Returns 1 when it moved the entry, 0 when it was not pending.
local a = cmsgpack.unpack(ARGV[1])
if redis.call('XACK', KEYS[1], a.group, a.id) == 0 then return 0 end
redis.call('XDEL', KEYS[1], a.id)
if a.member then
  redis.call('ZADD', KEYS[2], a.due, a.member)
else
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', 100000, '*', unpack(a.fields))
end
return 1
