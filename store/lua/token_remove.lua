-- Forgets a push token wherever it is registered (FCM reported it unregistered or invalid).
-- KEYS[1]  the org's token index
-- ARGV[1]  the org's key base (the holder's user hash is built from it and shares its slot)
-- ARGV[2]  the token
local owner = redis.call('HGET', KEYS[1], ARGV[2])
if owner then
  local okey = ARGV[1] .. 'user:' .. owner
  local od = deviceof(okey, ARGV[2])
  if od then forgetdevice(okey, od) end
  redis.call('HDEL', KEYS[1], ARGV[2])
end
return 0
