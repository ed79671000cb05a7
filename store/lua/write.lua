-- Applies a list of checks and then a list of writes, atomically: if any check fails nothing is
-- written. The one script behind every write decided in Go outside the daily loop's own (see
-- write in tx.go): admin changes, kudos, barriers, notifications, sessions, pushes, feedback.
-- Each states the state it was decided from, and its invariants, as checks instead of writing a
-- script of its own. Put in front: lib_lex_index and lib_notify.
-- KEYS     every key the operations touch (all in one org's slot)
-- ARGV     a flat list of operations, each its name, a 1-based KEYS index k and its arguments:
--   checks (the 1-based number of the first that fails is returned, nothing written):
--     absent k            the key must not exist
--     present k           the key must exist
--     rev k n             the object hash must hold JSON "data" with "rev" n
--     free k f v          HGET k f must be nil or v (a unique index entry, free or ours)
--     empty k             ZCARD k must be 0
--     held k v            GET k must be v or nil (an Idempotency-Key still ours)
--     indexed k m         m must be a member of the sorted set k (an org's index)
--     is k f v            HGET k f must be v ("" for none: a state as read)
--     member k m b        SISMEMBER k m must be b (0 or 1)
--     card k n            SCARD k must be n (with member checks: a set as read)
--     value k v           GET k must be v ("" for none: a string as read)
--     at k i v            LINDEX k i must be v (a list's item where it was read)
--     score k m v         ZSCORE k m must be v ("" for none: a board place as read)
--     starts k p          GET k must start with p
--     below k n           the counter k (GET, none is 0) must be below n
--   writes:
--     del k | hset k f v | hdel k f | hincrby k f n | zadd k score m | zrem k m | sadd k m |
--     srem k m | pexpire k ms | lexadd k m | lexrem k m | setex k v seconds | hsetnx k f v |
--     setkeep k v (SET k v KEEPTTL: a new value, the time to live kept) | lset k i v
--     zincr k m n ttl            ZINCRBY k n m, EXPIRE k ttl on m's first count (ttl 0: none)
--     zincrxx k m n              ZINCRBY k n m only while m is on k (a board no longer kept
--                                stays gone)
--     incr k ttl                 INCR k, EXPIRE k ttl on its first count (ttl 0: none)
--     lpush k v keep             LPUSH k v, then LTRIM k to its newest keep entries
--     notify k i u n collapse cap
--                                notification n (JSON) to user u: into their inbox k and the
--                                outbox KEYS[i] (lib_notify's deliver)
-- Returns 0 when everything was written.
local arity = {absent=1, present=1, rev=2, free=3, empty=1, held=2, indexed=2, is=3, member=3, card=2, below=2,
  value=2, at=3, score=3, starts=2, del=1, hset=3, hdel=2, hincrby=3, zadd=3, zrem=2, sadd=2, srem=2, pexpire=2, lexadd=2, lexrem=2,
  setex=3, hsetnx=3, setkeep=2, lset=3, zincr=4, zincrxx=3, incr=2, lpush=3, notify=6}
local ops = {}
local i = 1
while i <= #ARGV do
  local name = ARGV[i]
  local n = arity[name]
  if not n then return redis.error_reply('unknown op ' .. name) end
  local op = {name = name, key = KEYS[tonumber(ARGV[i+1])]}
  for j = 2, n do op[j] = ARGV[i+j] end
  ops[#ops+1] = op
  i = i + n + 1
end
local check = 0
for _, op in ipairs(ops) do
  local ok = true
  if op.name == 'absent' then ok = redis.call('EXISTS', op.key) == 0
  elseif op.name == 'present' then ok = redis.call('EXISTS', op.key) == 1
  elseif op.name == 'rev' then
    local cur = redis.call('HGET', op.key, 'data')
    ok = cur and cjson.decode(cur).rev == tonumber(op[2]) or false
  elseif op.name == 'free' then
    local cur = redis.call('HGET', op.key, op[2])
    ok = (not cur) or cur == op[3]
  elseif op.name == 'empty' then ok = redis.call('ZCARD', op.key) == 0
  elseif op.name == 'indexed' then ok = redis.call('ZSCORE', op.key, op[2]) ~= false
  elseif op.name == 'is' then ok = (redis.call('HGET', op.key, op[2]) or '') == op[3]
  elseif op.name == 'member' then ok = redis.call('SISMEMBER', op.key, op[2]) == tonumber(op[3])
  elseif op.name == 'card' then ok = redis.call('SCARD', op.key) == tonumber(op[2])
  elseif op.name == 'below' then ok = tonumber(redis.call('GET', op.key) or '0') < tonumber(op[2])
  elseif op.name == 'value' then ok = (redis.call('GET', op.key) or '') == op[2]
  elseif op.name == 'at' then ok = redis.call('LINDEX', op.key, op[2]) == op[3]
  elseif op.name == 'score' then
    local cur = redis.call('ZSCORE', op.key, op[2])
    ok = (cur and tonumber(cur)) == (op[3] ~= '' and tonumber(op[3]))
  elseif op.name == 'starts' then ok = string.sub(redis.call('GET', op.key) or '', 1, #op[2]) == op[2]
  elseif op.name == 'held' then
    local cur = redis.call('GET', op.key)
    ok = (not cur) or cur == op[2]
  else
    ok = nil
  end
  if ok ~= nil then
    check = check + 1
    if not ok then return check end
  end
end
for _, op in ipairs(ops) do
  local k = op.key
  if op.name == 'del' then redis.call('DEL', k)
  elseif op.name == 'hset' then redis.call('HSET', k, op[2], op[3])
  elseif op.name == 'hdel' then redis.call('HDEL', k, op[2])
  elseif op.name == 'hincrby' then redis.call('HINCRBY', k, op[2], op[3])
  elseif op.name == 'zadd' then redis.call('ZADD', k, op[2], op[3])
  elseif op.name == 'zrem' then redis.call('ZREM', k, op[2])
  elseif op.name == 'sadd' then redis.call('SADD', k, op[2])
  elseif op.name == 'srem' then redis.call('SREM', k, op[2])
  elseif op.name == 'pexpire' then redis.call('PEXPIRE', k, op[2])
  elseif op.name == 'lexadd' then lexadd(k, op[2])
  elseif op.name == 'lexrem' then lexrem(k, op[2])
  elseif op.name == 'setex' then redis.call('SET', k, op[2], 'EX', op[3])
  elseif op.name == 'hsetnx' then redis.call('HSETNX', k, op[2], op[3])
  elseif op.name == 'setkeep' then redis.call('SET', k, op[2], 'KEEPTTL')
  elseif op.name == 'lset' then redis.call('LSET', k, op[2], op[3])
  elseif op.name == 'zincr' then
    local by, ttl = tonumber(op[3]), tonumber(op[4])
    if tonumber(redis.call('ZINCRBY', k, by, op[2])) == by and ttl > 0 then redis.call('EXPIRE', k, ttl) end
  elseif op.name == 'zincrxx' then redis.call('ZADD', k, 'XX', 'INCR', op[3], op[2])
  elseif op.name == 'incr' then
    local ttl = tonumber(op[2])
    if redis.call('INCR', k) == 1 and ttl > 0 then redis.call('EXPIRE', k, ttl) end
  elseif op.name == 'lpush' then
    redis.call('LPUSH', k, op[2])
    redis.call('LTRIM', k, 0, tonumber(op[3]) - 1)
  elseif op.name == 'notify' then
    deliver(k, KEYS[tonumber(op[2])], op[3], op[4], op[5], op[6])
  end
end
return 0
