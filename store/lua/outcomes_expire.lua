-- Deletes the details of assignments and outcomes of days before a cut-off for some users:
-- their day records. Points, streaks and badges stay. It also deletes the index of their days
-- that older versions kept beside the records (asgdays).
-- KEYS[1…] the users' assignment hashes (keys.assignments), in ARGV[3…]'s order
-- ARGV[1]  the cut-off day (exclusive)
-- ARGV[2]  the org's key base (the older versions' day indexes are built from it)
-- ARGV[3…] the users' ids
-- Returns how many day records were removed.
local n = 0
for i = 3, #ARGV do
  local ak = KEYS[i - 2]
  local days = {}
  for _, f in ipairs(redis.call('HKEYS', ak)) do
    if string.match(f, '^%d%d%d%d%-%d%d%-%d%d$') and f < ARGV[1] then days[#days + 1] = f end
  end
  for from = 1, #days, 1000 do -- unpack in slices: Lua's stack is bounded
    redis.call('HDEL', ak, unpack(days, from, math.min(from + 999, #days)))
  end
  n = n + #days
  redis.call('DEL', ARGV[2] .. 'asgdays:' .. ARGV[i])
end
return n
