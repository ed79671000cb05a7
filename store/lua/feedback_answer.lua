-- Counts one customer answer on a team's feedback link, unless the link is gone or a flood
-- guard is full: the guards and the counts change together, so no flood counts past them.
-- KEYS[1]  the link's token index (token hash → team id)
-- KEYS[2]  the answering address's counter in its window
-- KEYS[3]  the link's counter of the answer's day
-- KEYS[4]  the team's answer counts ("<day>:<score>" → n)
-- KEYS[5]  the org's answer counts (same fields)
-- KEYS[6]  the team's latest comments (a list, newest first)
-- ARGV[1]  the team id the link must still name
-- ARGV[2]  answers an address may give in its window
-- ARGV[3]  the address window in seconds
-- ARGV[4]  answers a link counts per day
-- ARGV[5]  seconds the day counter lives
-- ARGV[6]  the counts field ("<day>:<score>")
-- ARGV[7]  the stored comment (JSON), or "" for none
-- ARGV[8]  how many comments the team keeps
-- Returns {1, 0} when counted, {0, 0} when the link is gone, {-1, seconds} when the address
-- and {-2, seconds} when the link is over its limit.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {0, 0} end
local by_address = tonumber(redis.call('GET', KEYS[2]) or '0')
if by_address >= tonumber(ARGV[2]) then
  local ttl = redis.call('TTL', KEYS[2])
  if ttl < 1 then ttl = tonumber(ARGV[3]) end
  return {-1, ttl}
end
local by_link = tonumber(redis.call('GET', KEYS[3]) or '0')
if by_link >= tonumber(ARGV[4]) then
  local ttl = redis.call('TTL', KEYS[3])
  if ttl < 1 then ttl = tonumber(ARGV[5]) end
  return {-2, ttl}
end
if redis.call('INCR', KEYS[2]) == 1 then redis.call('EXPIRE', KEYS[2], ARGV[3]) end
if redis.call('INCR', KEYS[3]) == 1 then redis.call('EXPIRE', KEYS[3], ARGV[5]) end
redis.call('HINCRBY', KEYS[4], ARGV[6], 1)
redis.call('HINCRBY', KEYS[5], ARGV[6], 1)
if ARGV[7] ~= '' then
  redis.call('LPUSH', KEYS[6], ARGV[7])
  redis.call('LTRIM', KEYS[6], 0, tonumber(ARGV[8]) - 1)
end
return {1, 0}
