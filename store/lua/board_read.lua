-- Reads a user leaderboard in one round trip: the record of the team or challenge it belongs
-- to (who may see the board is decided from it in Go: domain.MaySeeBoard), the top (or the
-- window around the caller), the caller's place, and each shown user's name and privacy
-- choice. Needs lib_board_rows in front of it.
-- KEYS[1]  the board
-- KEYS[2]  the team or challenge it belongs to
-- KEYS[3]  the org's user labels (see userLabel)
-- ARGV[1]  the read (boardRead in leaderboards.go; scriptArg):
--   limit     the most rows from the top
--   caller    the caller's id ("" none: nobody's place)
--   around    true: with the caller on the board, the rows within radius of their rank instead
--             (the server picks its window from them: domain.BoardRead.WindowStart)
--   radius    how far from the caller's rank
-- Returns {the team's or challenge's JSON, size, caller rank (0-based, -1 if unranked), caller
-- score, first rank, id, name, score, shown, …} (scores as stored: see domain.BoardPlace), or
-- {false} when there is no such team or challenge.
if not isobject(KEYS[2]) then return {false} end
local r = cmsgpack.unpack(ARGV[1])
local owner = redis.call('HGET', KEYS[2], 'data')
local n = redis.call('ZCARD', KEYS[1])
local score = redis.call('ZSCORE', KEYS[1], r.caller)
local rank = -1
if score then rank = redis.call('ZREVRANK', KEYS[1], r.caller) end
local first, last = 0, r.limit - 1
if r.around and rank >= 0 then first, last = math.max(0, rank - r.radius), rank + r.radius end
local out = {owner, n, rank, score or '0', first}
boardrows(redis.call('ZREVRANGE', KEYS[1], first, last, 'WITHSCORES'), KEYS[3], out)
return out
