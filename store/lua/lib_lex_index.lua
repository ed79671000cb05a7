-- A lex index keeps ids newest first (story feeds, barrier lists) in sorted sets of at most
-- LEX_MAX (120) members, all scored 0 and ordered by id (ids sort by creation). Redis packs such
-- a small sorted set in one listpack, about 30 B a member, where one large set of them costs
-- about 130 B a member (measured in BENCHMARKS.md).
--
-- An index named K is the sorted set K itself, holding its lowest ids, and, once K grows past
-- LEX_MAX, chunks (keys.go's lexChunk of K and an id), each holding the ids from its own id up
-- to the next chunk's, whose ids K's directory (lexChunks) lists. A chunk (or K) that grows past
-- LEX_MAX gives its newest LEX_MOVE (60) ids to a new chunk, so a chunk never grows past what
-- Redis packs. The chunks' names come from the data, so a caller cannot declare their keys:
-- they are filled in here (keyof, lib_keys) from the patterns LEX_CHUNK and LEX_DIR that
-- luaLexIndex puts in front, and carry K's hash tag, so they live in its Cluster slot.
--
--   lexadd(K, id)               adds id
--   lexrem(K, id)               removes id
--   lexrange(K, max, limit)     the newest limit ids below max ("+" for all, "(<id>" below id)
local LEX_MAX, LEX_MOVE = 120, 60
-- lexchunk is the chunk of K that holds (or would hold) id: its name, or nil for K itself
local function lexchunk(K, id)
  return redis.call('ZRANGE', keyof(LEX_DIR, K), '[' .. id, '-', 'BYLEX', 'REV', 'LIMIT', 0, 1)[1]
end
local function lexkey(K, name) if name then return keyof(LEX_CHUNK, K, name) end return K end
local function lexadd(K, id)
  local key = lexkey(K, lexchunk(K, id))
  redis.call('ZADD', key, 0, id)
  if redis.call('ZCARD', key) > LEX_MAX then
    local top = redis.call('ZRANGE', key, '+', '-', 'BYLEX', 'REV', 'LIMIT', 0, LEX_MOVE)
    local name = top[#top]
    local args = {}
    for _, m in ipairs(top) do args[#args + 1] = 0; args[#args + 1] = m end
    redis.call('ZADD', keyof(LEX_CHUNK, K, name), unpack(args))
    redis.call('ZREMRANGEBYLEX', key, '[' .. name, '+')
    redis.call('ZADD', keyof(LEX_DIR, K), 0, name)
  end
end
local function lexrem(K, id)
  local name = lexchunk(K, id)
  local key = lexkey(K, name)
  if redis.call('ZREM', key, id) == 1 and name and redis.call('EXISTS', key) == 0 then
    redis.call('ZREM', keyof(LEX_DIR, K), name) -- its range falls to the chunk below, as empty of it
  end
end
local function lexrange(K, max, limit)
  local out = {}
  local name
  if max == '+' then
    name = redis.call('ZRANGE', keyof(LEX_DIR, K), '+', '-', 'BYLEX', 'REV', 'LIMIT', 0, 1)[1]
  else
    name = lexchunk(K, string.sub(max, 2))
  end
  while #out < limit do
    for _, id in ipairs(redis.call('ZRANGE', lexkey(K, name), max, '-', 'BYLEX', 'REV', 'LIMIT', 0, limit - #out)) do
      out[#out + 1] = id
    end
    if not name then break end
    name = redis.call('ZRANGE', keyof(LEX_DIR, K), '(' .. name, '-', 'BYLEX', 'REV', 'LIMIT', 0, 1)[1]
  end
  return out
end
