-- Counts who took part in a team's period and still counts among its members: the users of the
-- done entries in the period's dashboard logs who are in the team now and active, so that the
-- share of members taking part compares like with like (the members are the team's active
-- members).
-- KEYS[1]     the team's members
-- KEYS[2…]    the team's dashboard logs of the period's days (see dashEntry in outcome.go:
--             lists of "<result><reaction><shared>[<user>|<gesture>[|<day>]]", a user only for a
--             done gesture)
-- ARGV[1]     the key prefix of users (a user's id after it is their key; see keys.go)
-- Returns the count.
local seen, n = {}, 0
for k = 2, #KEYS do
  for _, e in ipairs(redis.call('LRANGE', KEYS[k], 0, -1)) do
    local uid = string.match(e, '^d..([^|]+)|')
    if uid and not seen[uid] then
      seen[uid] = true
      if redis.call('ZSCORE', KEYS[1], uid) then
        local u = redis.call('HGET', ARGV[1] .. uid, 'data')
        if u and string.find(u, '"active":true', 1, true) then n = n + 1 end
      end
    end
  end
end
return n
