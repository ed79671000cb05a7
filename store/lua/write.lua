-- Applies a list of checks and then a list of writes, atomically: if any check fails nothing is
-- written. The one script behind every write decided in Go outside the daily loop's own (see
-- write in tx.go): admin changes, kudos, barriers, notifications, sessions, pushes, feedback.
-- Each states the state it was decided from, and its invariants, as checks instead of writing a
-- script of its own. Put in front: lib_lex_index and lib_notify.
-- KEYS     every key the operations touch (all in one org's slot)
-- ARGV[1]  how many checks come first; then the checks, then the writes, each its name, how many
--          arguments follow its key, a 1-based KEYS index k and those arguments:
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
-- Returns 0 when everything was written. The operations are read where they lie in ARGV, with
-- no table made per call or per operation (each costs Redis' one thread); their names are
-- tx.go's own, so an unknown one is a programming error, answered where it is met.
local checks, n = tonumber(ARGV[1]), #ARGV
local i = 2
for check = 1, checks do
  local name, k, a, b = ARGV[i], KEYS[tonumber(ARGV[i + 2])], ARGV[i + 3], ARGV[i + 4]
  local ok
  if name == 'is' then ok = (redis.call('HGET', k, a) or '') == b
  elseif name == 'absent' then ok = redis.call('EXISTS', k) == 0
  elseif name == 'present' then ok = redis.call('EXISTS', k) == 1
  elseif name == 'value' then ok = (redis.call('GET', k) or '') == a
  elseif name == 'below' then ok = tonumber(redis.call('GET', k) or '0') < tonumber(a)
  elseif name == 'rev' then
    local cur = redis.call('HGET', k, 'data')
    ok = cur and cjson.decode(cur).rev == tonumber(a) or false
  elseif name == 'free' then
    local cur = redis.call('HGET', k, a)
    ok = (not cur) or cur == b
  elseif name == 'empty' then ok = redis.call('ZCARD', k) == 0
  elseif name == 'indexed' then ok = redis.call('ZSCORE', k, a) ~= false
  elseif name == 'member' then ok = redis.call('SISMEMBER', k, a) == tonumber(b)
  elseif name == 'card' then ok = redis.call('SCARD', k) == tonumber(a)
  elseif name == 'at' then ok = redis.call('LINDEX', k, a) == b
  elseif name == 'score' then
    local cur = redis.call('ZSCORE', k, a)
    ok = (cur and tonumber(cur)) == (b ~= '' and tonumber(b))
  elseif name == 'starts' then ok = string.sub(redis.call('GET', k) or '', 1, #a) == a
  elseif name == 'held' then
    local cur = redis.call('GET', k)
    ok = (not cur) or cur == a
  else
    return redis.error_reply('unknown check ' .. tostring(name))
  end
  if not ok then return check end
  i = i + 3 + tonumber(ARGV[i + 1])
end
while i <= n do
  local name, k, a, b, c = ARGV[i], KEYS[tonumber(ARGV[i + 2])], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5]
  if name == 'hset' then redis.call('HSET', k, a, b)
  elseif name == 'del' then redis.call('DEL', k)
  elseif name == 'hdel' then redis.call('HDEL', k, a)
  elseif name == 'hincrby' then redis.call('HINCRBY', k, a, b)
  elseif name == 'zadd' then redis.call('ZADD', k, a, b)
  elseif name == 'zrem' then redis.call('ZREM', k, a)
  elseif name == 'sadd' then redis.call('SADD', k, a)
  elseif name == 'srem' then redis.call('SREM', k, a)
  elseif name == 'pexpire' then redis.call('PEXPIRE', k, a)
  elseif name == 'lexadd' then lexadd(k, a)
  elseif name == 'lexrem' then lexrem(k, a)
  elseif name == 'setex' then redis.call('SET', k, a, 'EX', b)
  elseif name == 'hsetnx' then redis.call('HSETNX', k, a, b)
  elseif name == 'setkeep' then redis.call('SET', k, a, 'KEEPTTL')
  elseif name == 'lset' then redis.call('LSET', k, a, b)
  elseif name == 'zincr' then
    local by, ttl = tonumber(b), tonumber(c)
    if tonumber(redis.call('ZINCRBY', k, by, a)) == by and ttl > 0 then redis.call('EXPIRE', k, ttl) end
  elseif name == 'zincrxx' then redis.call('ZADD', k, 'XX', 'INCR', b, a)
  elseif name == 'incr' then
    local ttl = tonumber(a)
    if redis.call('INCR', k) == 1 and ttl > 0 then redis.call('EXPIRE', k, ttl) end
  elseif name == 'lpush' then
    redis.call('LPUSH', k, a)
    redis.call('LTRIM', k, 0, tonumber(b) - 1)
  elseif name == 'notify' then
    deliver(k, KEYS[tonumber(a)], b, c, ARGV[i + 6], ARGV[i + 7])
  else
    return redis.error_reply('unknown write ' .. tostring(name))
  end
  i = i + 3 + tonumber(ARGV[i + 1])
end
return 0
