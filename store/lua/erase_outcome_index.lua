-- Takes an erased user out of the outcome index of some days, so the outcome export neither
-- lists nor counts them (see keys.outcomeIndex for the index's layout).
-- KEYS[1…] per day two keys: the day's outcome index, then its bucket of the user
-- ARGV[1]  the user's id
-- Returns how many days held the user.
local n = 0
for i = 1, #KEYS, 2 do
  local index, bucket = KEYS[i], KEYS[i + 1]
  local text = redis.call('GET', bucket)
  if text then
    local kept, found = {}, false
    for id in string.gmatch(text, '([^,]*),') do
      if id == ARGV[1] then found = true else kept[#kept + 1] = id .. ',' end
    end
    if found then
      redis.call('SET', bucket, table.concat(kept))
      redis.call('HINCRBY', index, 'n', -1)
      n = n + 1
    end
  end
end
return n
