-- Forgets the caller's reservation so the request can be retried; an answer stays.
-- KEYS[1]  the idempotency key
-- ARGV[1]  the caller's reservation token
-- Returns the number of keys deleted (0 or 1).
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
