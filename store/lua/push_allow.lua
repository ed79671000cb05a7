-- Decides whether a notification may be pushed: at most cap pushes per user per local day (a
-- retry of one already counted is allowed), and one push per collapse window. The guard holds
-- "<notification id>|<window end, Unix ms>": the window ends by the injected clock, not by when
-- Redis expires the key (which only cleans up).
-- KEYS[1]  the user's pushes of the day
-- KEYS[2]  the collapse guard
-- ARGV[1]  the notification id
-- ARGV[2]  the cap
-- ARGV[3]  the collapse window (s, 0 for none)
-- ARGV[4]  now (Unix ms)
-- Returns 1 when allowed, else 0.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
local window = tonumber(ARGV[3])
if window > 0 then
  local holder = redis.call('GET', KEYS[2])
  if holder then
    local sep = string.find(holder, '|', 1, true)
    local id, till = string.sub(holder, 1, sep - 1), tonumber(string.sub(holder, sep + 1))
    if id ~= ARGV[1] and till > tonumber(ARGV[4]) then return 0 end
  end
end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
if window > 0 then
  redis.call('SET', KEYS[2], ARGV[1] .. '|' .. string.format('%d', tonumber(ARGV[4]) + window * 1000), 'EX', window)
end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], 172800)
return 1
