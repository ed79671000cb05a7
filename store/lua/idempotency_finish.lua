-- Stores the first answer under the idempotency key while the key holds the caller's
-- reservation or nothing (the reservation ran out and nobody took the key since).
-- KEYS[1]  the idempotency key
-- ARGV[1]  the caller's reservation token
-- ARGV[2]  the sealed answer
-- ARGV[3]  seconds the answer is kept
-- Returns 1 when stored, 0 when the key holds something else.
local cur = redis.call('GET', KEYS[1])
if cur and cur ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1
