-- Reads a refresh token and what its refresh is decided from (domain.DecideRefresh), in one
-- step: the token names its user, whose key the caller cannot build before reading it. Nothing
-- is decided or written here; the write checks every value answered (see Refresh).
-- KEYS[1]  the token ("<family>|<user>…": parseToken in sessions.go)
-- ARGV[1]  the read (sessionRead in sessions.go; scriptArg):
--   user         the pattern of the user hash's key (keyPattern of keys.user; keyof fills it)
--   data         the user's field of their data
--   valid_after  the user's field of the moment their sessions are valid after
--   family       what starts a session family's field in the user hash (familyPrefix)
-- Returns {} for an unknown token, else {the token, the user's data, the moment, the token's
-- family field} (nil for what is not stored).
local token = redis.call('GET', KEYS[1])
if not token then return {} end
local family, user = string.match(token, '^([^|]*)|([^|]*)')
if not family then return {token} end
local a = cmsgpack.unpack(ARGV[1])
local u = redis.call('HMGET', keyof(a.user, user), a.data, a.valid_after, a.family .. family)
return {token, u[1], u[2], u[3]}
