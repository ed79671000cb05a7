-- Sets when some of a user's reminders are due next. Nothing is written for a user who does not
-- exist.
-- KEYS[1]  the user hash
-- KEYS[2]  the org's schedule
-- ARGV[1]  the user id
-- ARGV[2]  when each kind is due next, JSON {alias: Unix ms}; 0 removes it
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 0
end
local due = readdue(KEYS[1])
for alias, at in pairs(cjson.decode(ARGV[2])) do
  if at > 0 then due[alias] = at else due[alias] = nil end
end
writedue(KEYS[1], KEYS[2], ARGV[1], due)
return 0
