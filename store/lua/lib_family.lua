-- A session family lives in its user's hash, field "fam:<family id>", as
-- "<current refresh-token hash>|<created, Unix ms>|<expires, Unix ms>|<device JSON>". A refresh
-- token is a string key holding "<family>|<user>", or "<family>|<user>|<used, Unix ms>" once
-- rotated.
--   readtoken(key)                        family, user, used (nil when unused) of a token
--   readfamily(ukey, id, now)             {current, created, device}, or nil (none, or ended)
--   writefamily(ukey, id, f, expires)     stores f until expires (Unix ms)
--   endfamily(ukey, id)                   forgets it
local function readtoken(key)
  local v = redis.call('GET', key)
  if not v then return nil end
  local family, user, used = string.match(v, '^([^|]*)|([^|]*)|?(.*)$')
  if used == '' then used = nil end
  return family, user, used
end
local function familyfield(id) return 'fam:' .. id end
local function readfamily(ukey, id, now)
  local v = redis.call('HGET', ukey, familyfield(id))
  if not v then return nil end
  local current, created, expires, device = string.match(v, '^([^|]*)|(%d+)|(%d+)|(.*)$')
  if not current or tonumber(expires) < now then return nil end
  return {current = current, created = created, device = device}
end
local function writefamily(ukey, id, f, expires)
  redis.call('HSET', ukey, familyfield(id),
    f.current .. '|' .. f.created .. '|' .. string.format('%.0f', expires) .. '|' .. f.device)
end
local function endfamily(ukey, id)
  redis.call('HDEL', ukey, familyfield(id))
end
