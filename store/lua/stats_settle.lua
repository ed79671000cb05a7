-- Stores a user's streak as the server settled it (see runStats in loop.go), if it was settled
-- from the stats as they still are, with a new stats stamp.
-- KEYS[1]  the user's stats
-- KEYS[2]  the user (its field "sv" is the stats stamp)
-- ARGV[1]  the write (statsSettle in loop.go; scriptArg):
--   stamp_read  the stats stamp as read
--   stamp       a new stats stamp
--   fields      {field, value, …}
-- Returns 1 when stored, 0 when the stats moved (they will be settled again by the next read).
local w = cmsgpack.unpack(ARGV[1])
if (redis.call('HGET', KEYS[2], 'sv') or '') ~= w.stamp_read then return 0 end
redis.call('HSET', KEYS[1], unpack(w.fields))
redis.call('HSET', KEYS[2], 'sv', w.stamp)
return 1
