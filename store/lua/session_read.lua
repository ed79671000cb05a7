-- Reads a refresh token and what its refresh is decided from (domain.DecideRefresh), in one
-- step: the token names its user, whose key the caller cannot build before reading it. Nothing
-- is decided or written here; the write checks every value answered (see Refresh).
-- KEYS[1]  the token ("<family>|<user>…": parseToken in sessions.go)
-- ARGV[1]  the user hash's key before the user id (keyPattern of keys.user)
-- ARGV[2]  the user hash's key after the user id
-- ARGV[3]  the user's field of their data
-- ARGV[4]  the user's field of the moment their sessions are valid after
-- ARGV[5]  what starts a session family's field in the user hash (familyPrefix)
-- Returns {} for an unknown token, else {the token, the user's data, the moment, the token's
-- family field} (nil for what is not stored).
local token = redis.call('GET', KEYS[1])
if not token then return {} end
local family, user = string.match(token, '^([^|]*)|([^|]*)')
if not family then return {token} end
local u = redis.call('HMGET', keyof({ARGV[1], ARGV[2]}, user), ARGV[3], ARGV[4], ARGV[5] .. family)
return {token, u[1], u[2], u[3]}
