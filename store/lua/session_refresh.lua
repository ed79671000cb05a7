-- Rotates a refresh token. A rotated token is kept, marked used, until it would have expired:
-- presenting it again means it was copied, so the whole family is ended and neither copy works
-- any more — nor any access token of the family, the thief's included: the family goes into the
-- revocation list in the same step, as a logout puts it there. The token is found by its hash
-- (KEYS[1]) before the family's current hash is compared with it, so the comparison's timing
-- gives nothing away (domain.HashSecret says why).
-- KEYS[1]  the presented token
-- KEYS[2]  the new token
-- KEYS[3]  the org's revocation list
-- KEYS[4]  the hash of the user the presented token named when the caller read it
-- ARGV[1]  the rotation, JSON (refreshArgs in sessions.go): user (that user's id), now (Unix
--          ms), ttl (the refresh TTL, ms), token (the new token's hash in base64), presented
--          (the presented token's hash in base64), kept (ms the revocation list is kept)
-- Returns {"ok", user data JSON, family id}, {"invalid_token"} or {"refresh_reused"}.
local a = cjson.decode(ARGV[1])
local now = string.format('%.0f', a.now)
local t = {readtoken(KEYS[1])}
if not t[1] or t[2] ~= a.user then return {'invalid_token'} end
local ukey = KEYS[4]
if t[3] then
  endfamily(ukey, t[1])
  redis.call('ZADD', KEYS[3], now, 'sid:' .. t[1])
  redis.call('PEXPIRE', KEYS[3], string.format('%.0f', a.kept))
  return {'refresh_reused'}
end
local f = readfamily(ukey, t[1], a.now)
if not f then
  endfamily(ukey, t[1])
  return {'invalid_token'}
end
if f.current ~= a.presented then return {'invalid_token'} end
local u = redis.call('HMGET', ukey, 'data', 'valid_after_ms')
if not u[1] or not cjson.decode(u[1]).active or tonumber(f.created) < tonumber(u[2] or '0') then
  endfamily(ukey, t[1])
  return {'invalid_token'}
end
redis.call('SET', KEYS[1], t[1] .. '|' .. t[2] .. '|' .. now, 'KEEPTTL')
redis.call('SET', KEYS[2], t[1] .. '|' .. t[2], 'PX', string.format('%.0f', a.ttl))
f.current = a.token
writefamily(ukey, t[1], f, a.now + a.ttl)
return {'ok', u[1], t[1]}
