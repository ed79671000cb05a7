-- Counts one customer answer on a team's feedback link, unless the link is gone or a flood
-- guard is full: the guards and the counts change together, so no flood counts past them.
-- KEYS[1]  the link's token index (token hash → team id)
-- KEYS[2]  the answering address's counter in its window
-- KEYS[3]  the link's counter of the answer's day
-- KEYS[4]  the team's answer counts ("<day>:<score>" → n)
-- KEYS[5]  the org's answer counts (same fields)
-- KEYS[6]  the team's latest comments (a list, newest first)
-- ARGV[1]  the answer, JSON (feedbackCount in feedback.go):
--   team           the team id the link must still name
--   per_address    answers an address may give in its window
--   window         the address window in seconds
--   per_link_day   answers a link counts per day
--   day_ttl        seconds the day counter lives
--   field          the counts field ("<day>:<score>")
--   comment        the stored comment (JSON), or "" for none
--   comments_kept  how many comments the team keeps
-- Returns {1, 0} when counted, {0, 0} when the link is gone, {-1, seconds} when the address
-- and {-2, seconds} when the link is over its limit.
local r = cjson.decode(ARGV[1])
if redis.call('GET', KEYS[1]) ~= r.team then return {0, 0} end
local by_address = tonumber(redis.call('GET', KEYS[2]) or '0')
if by_address >= r.per_address then
  local ttl = redis.call('TTL', KEYS[2])
  if ttl < 1 then ttl = r.window end
  return {-1, ttl}
end
local by_link = tonumber(redis.call('GET', KEYS[3]) or '0')
if by_link >= r.per_link_day then
  local ttl = redis.call('TTL', KEYS[3])
  if ttl < 1 then ttl = r.day_ttl end
  return {-2, ttl}
end
if redis.call('INCR', KEYS[2]) == 1 then redis.call('EXPIRE', KEYS[2], r.window) end
if redis.call('INCR', KEYS[3]) == 1 then redis.call('EXPIRE', KEYS[3], r.day_ttl) end
redis.call('HINCRBY', KEYS[4], r.field, 1)
redis.call('HINCRBY', KEYS[5], r.field, 1)
if r.comment ~= '' then
  redis.call('LPUSH', KEYS[6], r.comment)
  redis.call('LTRIM', KEYS[6], 0, r.comments_kept - 1)
end
return {1, 0}
