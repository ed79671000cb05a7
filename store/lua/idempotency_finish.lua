-- Stores the first answer under the idempotency key while the key holds the caller's
-- reservation or nothing (the reservation ran out and nobody took the key since), and while
-- the caller is still stored: the answer of a request still in flight when its user was erased
-- (whose erasure deleted the reservation) is not kept, and the reservation goes.
-- KEYS[1]  the idempotency key
-- KEYS[2]  the caller's user
-- ARGV[1]  the answer to keep (idempotentFinish in idempotency.go; scriptArg):
--   reservation  the caller's reservation token
--   answer       the sealed answer
--   ttl          seconds the answer is kept
-- Returns 1 when stored, 0 when the key holds something else or the user is gone.
local a = cmsgpack.unpack(ARGV[1])
local cur = redis.call('GET', KEYS[1])
if cur and cur ~= a.reservation then return 0 end
if redis.call('EXISTS', KEYS[2]) == 0 then
  if cur then redis.call('DEL', KEYS[1]) end
  return 0
end
redis.call('SET', KEYS[1], a.answer, 'EX', a.ttl)
return 1
