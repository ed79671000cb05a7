-- Deletes the details of assignments and outcomes of days before a cut-off for some users:
-- their day records. Points, streaks and badges stay.
-- KEYS[1…] the users' assignment hashes (keys.assignments)
-- ARGV[1]  the cut-off day (exclusive)
-- Returns how many day records were removed.
local n = 0
for _, ak in ipairs(KEYS) do
  local days = {}
  for _, f in ipairs(redis.call('HKEYS', ak)) do
    if string.match(f, '^%d%d%d%d%-%d%d%-%d%d$') and f < ARGV[1] then days[#days + 1] = f end
  end
  for from = 1, #days, 1000 do -- unpack in slices: Lua's stack is bounded
    redis.call('HDEL', ak, unpack(days, from, math.min(from + 999, #days)))
  end
  n = n + #days
end
return n
