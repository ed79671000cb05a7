-- Ends the family of a refresh token and voids its access tokens: an entry "sid:<family>" in
-- the org's revocation list, which replicas read every 30 s (an ended family issues no token
-- any more, so the entry voids every token of it, whenever issued).
-- KEYS[1]  the token
-- KEYS[2]  the org's revocation list
-- ARGV[1]  the org's key base (the user hash is built from it and shares its slot)
-- ARGV[2]  now (Unix ms)
-- ARGV[3]  ms the revocation list is kept
local t = {readtoken(KEYS[1])}
if t[1] then
  endfamily(ARGV[1] .. 'user:' .. t[2], t[1])
  redis.call('ZADD', KEYS[2], ARGV[2], 'sid:' .. t[1])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
redis.call('DEL', KEYS[1])
return 0
