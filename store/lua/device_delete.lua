-- Removes a device of a user, and its token from the index.
-- KEYS[1]  the user hash
-- KEYS[2]  the org's token index
-- ARGV[1]  the device id
local prev = redis.call('HGET', KEYS[1], 'dev:' .. ARGV[1])
if prev then
  redis.call('HDEL', KEYS[2], cjson.decode(prev).token)
  forgetdevice(KEYS[1], ARGV[1])
end
return 0
