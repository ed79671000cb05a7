-- A session family lives in its user's hash, field "fam:<family id>", as
-- "<current refresh-token hash>|<created, Unix ms>|<expires, Unix ms>|<device JSON>" (read and
-- written in Go: parseFamily and formatFamily in sessions.go). A refresh token is a string key
-- holding "<family>|<user>", or "<family>|<user>|<used, Unix ms>" once rotated.
--   readtoken(key)                        family, user, used (nil when unused) of a token
--   familyfield(id)                       the user hash's field of family id
--   endfamily(ukey, id)                   forgets it
local function readtoken(key)
  local v = redis.call('GET', key)
  if not v then return nil end
  local family, user, used = string.match(v, '^([^|]*)|([^|]*)|?(.*)$')
  if used == '' then used = nil end
  return family, user, used
end
local function familyfield(id) return 'fam:' .. id end
local function endfamily(ukey, id)
  redis.call('HDEL', ukey, familyfield(id))
end
