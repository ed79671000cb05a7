-- Removes stories and barriers past the org's retention (see Store.ExpireSocial, which decided
-- which). Needs lexrem (luaLexIndex) in front of it.
-- KEYS[1]  the org's settings (routes the script to the org's slot; every other key shares it)
-- ARGV[1]  the plan, a JSON object:
--   base      the org's key base ("mx:{acme}:")
--   stamp     a new feed stamp
--   stories   [{id, team}] stories to remove, with their kudos, from every feed
--   barriers  [{id, team, reporter}] barriers to remove from every list and open count, with
--             those who said "me too" ("barrier:<id>:metoo", keys.barrierMeToo) and the lists
--             the barrier is in for them, and the team's escalated set (keys.escalatedBarriers)
-- Returns how many objects were removed.
local p = cjson.decode(ARGV[1])
local base, n = p.base, 0
for _, st in ipairs(p.stories) do
  local k = base .. 'story:' .. st.id
  n = n + redis.call('DEL', k)
  redis.call('DEL', k .. ':kudos', k .. ':kudosat')
  lexrem(base .. 'stories', st.id)
  if st.team ~= '' then
    lexrem(base .. 'team:' .. st.team .. ':stories', st.id)
    redis.call('HSET', base .. 'feedstamps', st.team, p.stamp)
  end
end
if #p.stories > 0 then redis.call('HSET', base .. 'feedstamps', '*', p.stamp) end
for _, b in ipairs(p.barriers) do
  n = n + redis.call('DEL', base .. 'barrier:' .. b.id)
  local metoo = base .. 'barrier:' .. b.id .. ':metoo'
  for _, user in ipairs(redis.call('SMEMBERS', metoo)) do lexrem(base .. 'user:' .. user .. ':barriers', b.id) end
  redis.call('DEL', metoo)
  lexrem(base .. 'barriers', b.id)
  if b.reporter ~= '' then lexrem(base .. 'user:' .. b.reporter .. ':barriers', b.id) end
  if b.team ~= '' then
    lexrem(base .. 'team:' .. b.team .. ':barriers', b.id)
    redis.call('SREM', base .. 'team:' .. b.team .. ':barriers:open', b.id)
    redis.call('SREM', base .. 'team:' .. b.team .. ':barriers:escalated', b.id)
  end
end
return n
