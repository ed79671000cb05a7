-- Registers a device's push token for a user. A token belongs to one device of one user:
-- registering it again elsewhere removes it from where it was.
-- KEYS[1]  the user hash
-- KEYS[2]  the org's token index
-- KEYS[3]  the hash of the user the index named for the token when the caller read it (KEYS[1]
--          when none)
-- ARGV[1]  the user id
-- ARGV[2]  the device id
-- ARGV[3]  the device JSON
-- ARGV[4]  the token
-- ARGV[5]  the id of the user the index named for the token ("" none)
-- Returns 0, 1 when the user does not exist, or 2 when the token's entry changed since the
-- caller read it (read it again and retry).
if redis.call('EXISTS', KEYS[1]) == 0 then return 1 end
local owner = redis.call('HGET', KEYS[2], ARGV[4]) or ''
if owner ~= ARGV[5] then return 2 end
if owner ~= '' then
  local od = deviceof(KEYS[3], ARGV[4])
  if od and (owner ~= ARGV[1] or od ~= ARGV[2]) then forgetdevice(KEYS[3], od) end
end
local prev = redis.call('HGET', KEYS[1], 'dev:' .. ARGV[2])
if prev then redis.call('HDEL', KEYS[2], cjson.decode(prev).token) end
redis.call('HSET', KEYS[1], 'dev:' .. ARGV[2], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[4], ARGV[1])
return 0
