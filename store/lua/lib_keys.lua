-- Fills ids into the key patterns of keys.go (keyPattern), for a script that learns the ids only
-- from data it reads in the same step.
--   keyof(p, ...)  the key pattern p (a list of the parts between its holes) names with the
--                  given ids in its holes, in order: keyof({'mx:{o}:user:', ''}, 'u1') is
--                  'mx:{o}:user:u1'
local function keyof(p, ...)
  local ids, k = {...}, p[1]
  for i = 2, #p do k = k .. ids[i - 1] .. p[i] end
  return k
end
