-- Rewrites the buckets of one day's outcome index at their exact size: the outcome script grows
-- a bucket with APPEND, and Redis grows a string by up to twice what it needs, so setting a
-- bucket to its own value gives it just the room it needs. The day's index is marked ("c") so it
-- is done once; a day whose index is gone (retention) is left alone, not made again by the mark.
-- KEYS[1]  the day's index (see keys.outcomeIndex; its buckets' keys are built from it)
-- Returns how many buckets were rewritten.
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'c') == 1 then return 0 end
local n = 0
for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
  if string.sub(f, 1, 1) == 'b' then
    local k = KEYS[1] .. ':' .. f
    local v = redis.call('GET', k)
    if v then redis.call('SET', k, v) n = n + 1 end
  end
end
redis.call('HSET', KEYS[1], 'c', 1)
return n
