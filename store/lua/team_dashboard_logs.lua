-- Reads a team's dashboard logs of some days, each once, with the team's members now and
-- each member's record, in one round trip: the members are learned in the same step, so a
-- pipeline could not read their records. Who of the logs' users takes part is decided in Go
-- (domain.Participants, called by TeamDashboard in leaderboards.go).
-- KEYS[1]     the team's members
-- KEYS[2…]    the team's dashboard logs of the days (see dashEntry in outcome.go)
-- ARGV[1]     the user's field that says when they first enrolled (fieldEnrolled)
-- ARGV[2]     a user's key before their id (keyPattern in keys.go; keyof of lib_keys fills it)
-- ARGV[3]     a user's key after their id
-- Returns { the members' ids, their records' JSON in the same order (false for a user
-- without one), when each enrolled (false for not yet), then each log's entries, in the
-- order of KEYS[2…] }.
local user = {ARGV[2], ARGV[3]}
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
local users, enrolled = {}, {}
for i, id in ipairs(ids) do
  local u = redis.call('HMGET', keyof(user, id), 'data', ARGV[1])
  users[i], enrolled[i] = u[1], u[2]
end
local out = { ids, users, enrolled }
for k = 2, #KEYS do out[#out + 1] = redis.call('LRANGE', KEYS[k], 0, -1) end
return out
