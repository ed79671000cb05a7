-- Ends the family of a refresh token and voids its access tokens: an entry "sid:<family>" in
-- the org's revocation list, which replicas read every 30 s (an ended family issues no token
-- any more, so the entry voids every token of it, whenever issued).
-- KEYS[1]  the token
-- KEYS[2]  the org's revocation list
-- KEYS[3]  the hash of the user the token named when the caller read it
-- ARGV[1]  that user's id
-- ARGV[2]  now (Unix ms)
-- ARGV[3]  ms the revocation list is kept
local t = {readtoken(KEYS[1])}
if t[1] and t[2] == ARGV[1] then
  endfamily(KEYS[3], t[1])
  redis.call('ZADD', KEYS[2], ARGV[2], 'sid:' .. t[1])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
redis.call('DEL', KEYS[1])
return 0
