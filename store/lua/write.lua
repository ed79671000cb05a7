-- Applies a list of checks and then a list of writes, atomically: if any check fails nothing is
-- written. The one script behind every multi-key admin write (see write in tx.go), so each
-- aggregate states its invariants as checks instead of writing a script of its own. Put in
-- front: lib_lex_index, lib_notify and lib_catalog.
-- KEYS     every key the operations touch (all in one org's slot)
-- ARGV     a flat list of operations, each its name, a 1-based KEYS index k and its arguments:
--   checks (the 1-based number of the first that fails is returned, nothing written):
--     absent k            the key must not exist
--     present k           the key must exist
--     rev k n             the object hash must hold JSON "data" with "rev" n
--     free k f v          HGET k f must be nil or v (a unique index entry, free or ours)
--     empty k             ZCARD k must be 0
--     notlast k m         unless m is the only member of the set k
--     held k v            GET k must be v or nil (an Idempotency-Key still ours)
--     indexed k m         m must be a member of the sorted set k (an org's index)
--   writes:
--     del k | hset k f v | hdel k f | hincrby k f n | zadd k score m | zrem k m | sadd k m |
--     srem k m | pexpire k ms | lexadd k m | lexrem k m | setex k v seconds
--     hsetmark k f v i f2 v2     hset k f v and, if f held anything but v, hset KEYS[i] f2 v2
--     notify k i1 i2 i3 id kind texts data created collapse once cap oncettl
--                                notify the user k (lib_notify; KEYS[i1] their inbox, KEYS[i2]
--                                the outbox, KEYS[i3] the once guard)
--     catalog k i1 i2 i3 gp cp  rebuild the catalogues (lib_catalog; k the gestures, KEYS[i1]
--                                the gesture catalogue, KEYS[i2] the challenges, KEYS[i3] the
--                                challenge catalogue, gp and cp the key prefixes of gestures and
--                                of challenges)
-- Returns 0 when everything was written.
local arity = {absent=1, present=1, rev=2, free=3, empty=1, notlast=2, held=2, indexed=2,
  del=1, hset=3, hdel=2, hincrby=3, zadd=3, zrem=2, sadd=2, srem=2, pexpire=2, hsetmark=6, lexadd=2, lexrem=2, setex=3,
  notify=13, catalog=6}
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
  elseif op.name == 'notlast' then
    ok = redis.call('SISMEMBER', op.key, op[2]) == 0 or redis.call('SCARD', op.key) > 1
  elseif op.name == 'indexed' then ok = redis.call('ZSCORE', op.key, op[2]) ~= false
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
  elseif op.name == 'hsetmark' then
    if redis.call('HGET', k, op[2]) ~= op[3] then
      redis.call('HSET', k, op[2], op[3])
      redis.call('HSET', KEYS[tonumber(op[4])], op[5], op[6])
    end
  elseif op.name == 'notify' then
    notify(k, KEYS[tonumber(op[2])], KEYS[tonumber(op[3])], KEYS[tonumber(op[4])], op[5], op[6], op[7], op[8], op[9], op[10], op[11], op[12], op[13])
  elseif op.name == 'catalog' then
    rebuild_catalog(k, KEYS[tonumber(op[2])], KEYS[tonumber(op[3])], KEYS[tonumber(op[4])], op[5], op[6])
  end
end
return 0
