-- Reads a team's dashboard logs of some days, each once, and tells which users of their done
-- entries take part: the dashboard counts as taking part only the users who are in the team now
-- and active, so that the share of members taking part compares like with like (the members are
-- the team's active members). The caller counts the period's and each week's figures from the
-- lists answered (TeamDashboard in leaderboards.go).
-- KEYS[1]     the team's members
-- KEYS[2…]    the team's dashboard logs of the days (see dashEntry in outcome.go: lists of
--             "<result><reaction><shared>[<user>|<gesture>[|<day>]]", a user only for a done
--             gesture)
-- ARGV[1]     the key prefix of users (a user's id after it is their key; see keys.go)
-- Returns { the ids of the users of done entries who are active members, in the order first
-- met; then each log's entries, in the order of KEYS[2…] }.
local active, seen, out = {}, {}, { false }
for k = 2, #KEYS do
  local log = redis.call('LRANGE', KEYS[k], 0, -1)
  out[k] = log
  for _, e in ipairs(log) do
    local uid = string.match(e, '^d..([^|]+)|')
    if uid and not seen[uid] then
      seen[uid] = true
      if redis.call('ZSCORE', KEYS[1], uid) then
        local u = redis.call('HGET', ARGV[1] .. uid, 'data')
        if u and string.find(u, '"active":true', 1, true) then active[#active + 1] = uid end
      end
    end
  end
end
out[1] = active
return out
