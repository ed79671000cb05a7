-- Uses an enrollment code once and starts a session family; families past their end are
-- dropped. The code hashes compared here are both SHA-256 of a code, and the presented one was
-- found in the index already: the comparison's timing gives nothing away (domain.HashSecret).
-- KEYS[1]  the user hash
-- KEYS[2]  the new refresh token
-- KEYS[3]  the org's team sizes (active, enrolled members per team)
-- ARGV[1]  the enrollment, JSON (enrollArgs in sessions.go): code (the code's hash), now (Unix
--          ms), family (the new family's id), ttl (the refresh TTL, ms), device (device JSON, ""
--          for none), user (the user id), token (the new token's hash in base64)
-- Returns the user's data JSON, or false when the code is not (or no longer) valid.
local a = cjson.decode(ARGV[1])
local data = redis.call('HGET', KEYS[1], 'data')
local user = data and cjson.decode(data)
if not user or not user.active then return false end
local code = redis.call('HMGET', KEYS[1], 'code', 'code_exp')
if code[1] ~= a.code or tonumber(code[2]) < a.now then return false end
local now = string.format('%.0f', a.now)
redis.call('HDEL', KEYS[1], 'code', 'code_exp')
if redis.call('HEXISTS', KEYS[1], 'enrolled_ms') == 0 then
  redis.call('HSET', KEYS[1], 'enrolled_ms', now)
  -- from now on the user counts as a member of their team
  if type(user.team_id) == 'string' and user.team_id ~= '' then redis.call('HINCRBY', KEYS[3], user.team_id, 1) end
end
for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
  if string.sub(field, 1, 4) == 'fam:' then
    local id = string.sub(field, 5)
    if not readfamily(KEYS[1], id, a.now) then endfamily(KEYS[1], id) end
  end
end
writefamily(KEYS[1], a.family, {current = a.token, created = now, device = a.device}, a.now + a.ttl)
redis.call('SET', KEYS[2], a.family .. '|' .. a.user, 'PX', string.format('%.0f', a.ttl))
return data
