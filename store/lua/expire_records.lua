-- Removes a user's day records the org's retention no longer keeps (ExpireOutcomes in
-- export.go) and, when it removed any, sets the user a new view stamp, as every write to
-- their records does: no replica's copy of their state shows a day that is gone. A user
-- erased meanwhile is not made again.
-- KEYS[1]  the user's assignments
-- KEYS[2]  the user ("tv" the view stamp)
-- ARGV[1]  the removal (recordsExpiry in export.go; scriptArg):
--   days   the days whose records go
--   stamp  a new view stamp
-- Returns how many records it removed (none that another removal or an erasure took first).
local a = cmsgpack.unpack(ARGV[1])
local n = 0
for _, day in ipairs(a.days) do
  n = n + redis.call('HDEL', KEYS[1], day)
end
if n > 0 and redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('HSET', KEYS[2], 'tv', a.stamp)
end
return n
