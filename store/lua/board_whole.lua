-- Reads every member of a team's board in rank order, with the board's stamp (see
-- Store.WholeTeamBoard), for a replica to keep. A team without a stamp (none of its boards
-- changed since it was made) is given one: it stands for the boards as read. Needs
-- lib_board_rows in front of it.
-- KEYS[1]  the board
-- KEYS[2]  the team
-- KEYS[3]  the org's user labels (see userLabel)
-- KEYS[4]  the board stamps
-- KEYS[5]  the org's settings (its label stamp "lv")
-- ARGV[1]  the read (boardWhole in leaderboards.go; scriptArg):
--   max    the most members to read
--   team   the team's id (its field in the board stamps)
--   stamp  a new board stamp
-- Returns {"ok", stamp, id, name, score, shown, …}, {"not_found"} or {"large"} (more members
-- than max: nothing read). The stamp is the team's stamp and the org's label stamp joined
-- by "/".
if not isobject(KEYS[2]) then return {'not_found'} end
local a = cmsgpack.unpack(ARGV[1])
if redis.call('ZCARD', KEYS[1]) > a.max then return {'large'} end
redis.call('HSETNX', KEYS[4], a.team, a.stamp)
local out = {'ok', redis.call('HGET', KEYS[4], a.team) .. '/' .. (redis.call('HGET', KEYS[5], 'lv') or '')}
boardrows(redis.call('ZREVRANGE', KEYS[1], 0, -1, 'WITHSCORES'), KEYS[3], out)
return out
