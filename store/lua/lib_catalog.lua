-- rebuild_catalog(gestures, catalog, challenges, challengeCatalog, gp, cp) rebuilds the compact
-- gesture and challenge catalogues the daily loop picks from (see catalogOf in today.go). It is
-- an op of write.lua ("catalog"), run by every change to gestures or challenges in the same step
-- as the change; it reads the current objects, so the catalogues always reflect all of them.
-- gestures and challenges are the org's sorted sets of them, catalog and challengeCatalog the
-- catalogues, gp and cp the key prefixes of gestures and challenges (keys.go: an id after them is
-- the object's key; the ids come from the sets, so no caller can declare those keys). Every
-- gesture is copied, an inactive one marked x: which may be given is the loop's to decide
-- (domain.Candidates).
local function rebuild_catalog(gestures, catalog, challenges, challengeCatalog, gp, cp)
  local function object(key)
    local d = redis.call('HGET', key, 'data')
    if d then return cjson.decode(d) end
    return nil
  end
  local gs = {}
  for _, id in ipairs(redis.call('ZRANGE', gestures, 0, -1)) do
    local g = object(gp .. id)
    if g then
      gs[#gs + 1] = {i = id, r = table.concat(g.roles or {}, ','), t = table.concat(g.team_ids or {}, ','), v = g.value_id, p = g.points,
                     c = type(g.channels) == 'table' and table.concat(g.channels, ',') or '', x = (g.active ~= true) or nil}
    end
  end
  local cs = {}
  for _, id in ipairs(redis.call('ZRANGE', challenges, 0, -1)) do
    local c = object(cp .. id)
    if c then
      cs[#cs + 1] = {i = id, s = c.starts_on, e = c.ends_on, t = table.concat(c.team_ids or {}, ','),
                     g = table.concat(c.gesture_ids or {}, ','), b = c.bonus_points}
    end
  end
  redis.call('SET', catalog, #gs > 0 and cjson.encode(gs) or '[]')
  redis.call('SET', challengeCatalog, #cs > 0 and cjson.encode(cs) or '[]')
end
