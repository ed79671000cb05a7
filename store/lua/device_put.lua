-- Registers a device's push token for a user. A token belongs to one device of one user:
-- registering it again elsewhere removes it from where it was.
-- KEYS[1]  the user hash
-- KEYS[2]  the org's token index
-- ARGV[1]  the org's key base (the hash of the user who held the token before is built from it
--          and shares its slot)
-- ARGV[2]  the user id
-- ARGV[3]  the device id
-- ARGV[4]  the device JSON
-- ARGV[5]  the token
-- Returns 0, or 1 when the user does not exist.
if redis.call('EXISTS', KEYS[1]) == 0 then return 1 end
local owner = redis.call('HGET', KEYS[2], ARGV[5])
if owner then
  local okey = ARGV[1] .. 'user:' .. owner
  local od = deviceof(okey, ARGV[5])
  if od and (owner ~= ARGV[2] or od ~= ARGV[3]) then forgetdevice(okey, od) end
end
local prev = redis.call('HGET', KEYS[1], 'dev:' .. ARGV[3])
if prev then redis.call('HDEL', KEYS[2], cjson.decode(prev).token) end
redis.call('HSET', KEYS[1], 'dev:' .. ARGV[3], ARGV[4])
redis.call('HSET', KEYS[2], ARGV[5], ARGV[2])
return 0
