-- Rewrites the buckets of one day's outcome index at their exact size: the outcome script grows
-- a bucket with APPEND, and Redis grows a string by up to twice what it needs, so setting a
-- bucket to its own value gives it just the room it needs. The day's index is marked ("c") so it
-- is done once; a day whose index is gone (retention) is left alone, not made again by the mark.
-- KEYS[1]  the day's index (see keys.outcomeIndex)
-- KEYS[2…] its buckets, as the caller read the index
-- Returns how many buckets were rewritten.
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'c') == 1 then return 0 end
local n = 0
for i = 2, #KEYS do
  local v = redis.call('GET', KEYS[i])
  if v then
    redis.call('SET', KEYS[i], v)
    n = n + 1
  end
end
redis.call('HSET', KEYS[1], 'c', 1)
return n
