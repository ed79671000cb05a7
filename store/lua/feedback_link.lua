-- Replaces a team's feedback link token, or revokes it: the old token stops working at once.
-- KEYS[1]  the team's link ("<token hash> <token>", or "" once revoked)
-- KEYS[2]  the new token's index (token hash → team id); unused when revoking
-- KEYS[3]  the team (must exist)
-- ARGV[1]  the key prefix of token indexes (keys.feedbackToken with no hash): the old token's
--          index is it and the old token's hash, read here
-- ARGV[2]  the new link ("<token hash> <token>"), or "" to revoke
-- ARGV[3]  the team id
-- ARGV[4]  "1" to replace only when the team has no link yet (a first read), else "0"
-- Returns the link now current ("" when revoked), or false when the team does not exist.
if redis.call('EXISTS', KEYS[3]) == 0 then return false end
local old = redis.call('GET', KEYS[1])
if old and ARGV[4] == '1' then return old end
if old and old ~= '' then
  local hash = string.match(old, '^(%S+) ')
  if hash then redis.call('DEL', ARGV[1] .. hash) end
end
redis.call('SET', KEYS[1], ARGV[2])
if ARGV[2] ~= '' then redis.call('SET', KEYS[2], ARGV[3]) end
return ARGV[2]
