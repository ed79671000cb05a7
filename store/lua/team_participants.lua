-- Counts who took part in a team's period and still counts among its members: the users of the
-- period's done counts who are in the team now and active, so that the share of members taking
-- part compares like with like (the members are the team's active members).
-- KEYS[1]  the period's done counts of the team's users (see dashboardUsers)
-- KEYS[2]  the team's members
-- ARGV[1]  the key prefix of users (a user's id after it is their key; see keys.go)
-- Returns the count.
local n = 0
for _, uid in ipairs(redis.call('HKEYS', KEYS[1])) do
  if redis.call('ZSCORE', KEYS[2], uid) then
    local u = redis.call('HGET', ARGV[1] .. uid, 'data')
    if u and string.find(u, '"active":true', 1, true) then n = n + 1 end
  end
end
return n
