-- Reads a refresh token and what its refresh is decided from (domain.DecideRefresh), in one
-- step: the token names its user, whose key the caller cannot build before reading it. Nothing
-- is decided or written here; the write checks every value answered (see Refresh).
-- KEYS[1]  the token
-- ARGV[1]  the user hash's key before the user id (keyPattern of keys.user)
-- ARGV[2]  the user hash's key after the user id
-- Returns {} for an unknown token, else {the token, the user's data, valid_after_ms, the
-- token's family field} (nil for what is not stored).
local token = redis.call('GET', KEYS[1])
if not token then return {} end
local family, user = string.match(token, '^([^|]*)|([^|]*)')
if not family then return {token} end
local u = redis.call('HMGET', keyof({ARGV[1], ARGV[2]}, user), 'data', 'valid_after_ms', familyfield(family))
return {token, u[1], u[2], u[3]}
