-- Takes an erased user out of the outcome index of some days, so the outcome export neither
-- lists nor counts them (see keys.outcomeIndex for the index's layout).
-- KEYS[1]  the org's days with outcomes (routes the script to the org's slot)
-- ARGV[1]  the plan, a JSON object:
--   base    the org's key base ("mx:{acme}:")
--   user    the user's id
--   bucket  the user's bucket field ("b" and the last character of their id)
--   days    the days to look at
-- Returns how many days held the user.
local p = cjson.decode(ARGV[1])
local n = 0
for _, day in ipairs(p.days) do
  local index = p.base .. 'outidx:' .. day
  local bucket = index .. ':' .. p.bucket
  local text = redis.call('GET', bucket)
  local found = false
  if text then
    local kept = {}
    for id in string.gmatch(text, '([^,]*),') do
      if id == p.user then found = true else kept[#kept + 1] = id .. ',' end
    end
    if found then
      redis.call('SET', bucket, table.concat(kept))
      redis.call('HINCRBY', index, 'n', -1)
    end
  end
  if redis.call('SREM', p.base .. 'outcomes:' .. day, p.user) == 1 then found = true end
  if found then n = n + 1 end
end
return n
