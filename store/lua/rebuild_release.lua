-- Lets go of a rebuild's hold of an org's boards (see rebuildBoards in rebuild.go) once no
-- outcome recorded while it held them is left to add: from then on outcomes add to the boards
-- themselves.
-- KEYS[1]  the org's settings (field "rb" the hold's mark, "cv" its catalogue stamp)
-- KEYS[2]  the org's outcomes recorded during the hold ("day|user"; rebuildPending in keys.go)
-- ARGV[1]  the release (rebuildRelease in rebuild.go; scriptArg):
--   mark   the rebuild's mark
--   stamp  a new catalogue stamp (the hold is part of the org's state under it)
-- Returns false when the org's boards are not held by that mark (another rebuild took them
-- over); else the outcomes pending, for the rebuild to add first (nothing done); else lets go
-- and returns an empty list.
local a = cmsgpack.unpack(ARGV[1])
if redis.call('HGET', KEYS[1], 'rb') ~= a.mark then return false end
local pending = redis.call('SMEMBERS', KEYS[2])
if #pending > 0 then return pending end
redis.call('HDEL', KEYS[1], 'rb')
redis.call('HSET', KEYS[1], 'cv', a.stamp)
return {}
