-- Forgets a push token wherever it is registered (FCM reported it unregistered or invalid).
-- KEYS[1]  the org's token index
-- KEYS[2]  the hash of the user the index named for the token when the caller read it
-- ARGV[1]  the token
-- ARGV[2]  that user's id
-- Returns 0, or 2 when the token's entry changed since the caller read it (read it again).
local owner = redis.call('HGET', KEYS[1], ARGV[1])
if not owner then return 0 end
if owner ~= ARGV[2] then return 2 end
local od = deviceof(KEYS[2], ARGV[1])
if od then forgetdevice(KEYS[2], od) end
redis.call('HDEL', KEYS[1], ARGV[1])
return 0
