-- A user's reminders: field "due" of their user hash says when each kind is due,
-- "<alias>=<Unix ms>,…" (aliases sorted), and the org's schedule holds one entry per user
-- scored by the earliest.
--   readdue(ukey)                          {alias = Unix ms}
--   writedue(ukey, schedule, user, due)    stores due and the schedule entry (none if empty)
local function readdue(ukey)
  local out = {}
  local cur = redis.call('HGET', ukey, 'due')
  if cur then
    for kind, at in string.gmatch(cur, '([^=,]+)=(%d+)') do out[kind] = tonumber(at) end
  end
  return out
end
local function writedue(ukey, schedule, user, due)
  local kinds, first = {}, nil
  for kind, at in pairs(due) do
    kinds[#kinds+1] = kind
    if not first or at < first then first = at end
  end
  if not first then
    redis.call('HDEL', ukey, 'due')
    redis.call('ZREM', schedule, user)
    return
  end
  table.sort(kinds)
  local parts = {}
  for i, kind in ipairs(kinds) do parts[i] = kind .. '=' .. string.format('%.0f', due[kind]) end
  redis.call('HSET', ukey, 'due', table.concat(parts, ','))
  redis.call('ZADD', schedule, string.format('%.0f', first), user)
end
