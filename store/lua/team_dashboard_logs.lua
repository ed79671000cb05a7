-- Reads a team's dashboard logs of some days, each once, with the team's members now and
-- each member's record, in one round trip: the members are learned in the same step, so a
-- pipeline could not read their records. Who of the logs' users takes part is decided in Go
-- (domain.Participants, called by TeamDashboard in leaderboards.go).
-- KEYS[1]     the team's members
-- KEYS[2…]    the team's dashboard logs of the days (see dashEntry in outcome.go)
-- ARGV[1]     the read (dashboardLogs in leaderboards.go; scriptArg):
--   enrolled  the user's field that says when they first enrolled (fieldEnrolled)
--   user      the pattern of a user's key (keyPattern in keys.go; keyof of lib_keys fills it)
-- Returns { the members' ids, their records' JSON in the same order (false for a user
-- without one), when each enrolled (false for not yet), then each log's entries, in the
-- order of KEYS[2…] }.
local a = cmsgpack.unpack(ARGV[1])
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
local users, enrolled = {}, {}
for i, id in ipairs(ids) do
  local u = redis.call('HMGET', keyof(a.user, id), 'data', a.enrolled)
  users[i], enrolled[i] = u[1], u[2]
end
local out = { ids, users, enrolled }
for k = 2, #KEYS do out[#out + 1] = redis.call('LRANGE', KEYS[k], 0, -1) end
return out
