-- Gives up a consumer's lease on delivering a notification, if it still holds it.
-- KEYS[1]  the lease
-- ARGV[1]  the consumer
local cur = redis.call('GET', KEYS[1])
if cur and string.sub(cur, 1, #ARGV[1] + 1) == ARGV[1] .. '|' then redis.call('DEL', KEYS[1]) end
return 0
