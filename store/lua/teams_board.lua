-- Reads, in one round trip and a few bulk commands, every team with its points in a period, its
-- active member count and name (see Store.TeamsBoard).
-- KEYS[1]  the org's teams
-- KEYS[2]  the teams board of the period
-- KEYS[3]  the team sizes (active members)
-- KEYS[4]  the team names (see teamLabels)
-- Returns {id, points, members, name, …}.
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
local out = {}
for from = 1, #ids, 1000 do -- unpack in slices: Lua's stack is bounded
  local slice = {unpack(ids, from, math.min(from + 999, #ids))}
  local pts = redis.call('ZMSCORE', KEYS[2], unpack(slice))
  local sizes = redis.call('HMGET', KEYS[3], unpack(slice))
  local names = redis.call('HMGET', KEYS[4], unpack(slice))
  for i, id in ipairs(slice) do
    out[#out + 1] = id
    out[#out + 1] = pts[i] or '0'
    out[#out + 1] = sizes[i] or '0'
    out[#out + 1] = names[i] or ''
  end
end
return out
