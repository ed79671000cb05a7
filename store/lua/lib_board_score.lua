-- A user leaderboard is a sorted set of user ids whose score holds the points and, below
-- them, when they were reached:
--
--   points × 2^31 + (2^31 − 1 − seconds from 2020-01-01 UTC to the reach time)
--
-- so among equal points the earlier reach sorts higher in ZREVRANGE (within one second the
-- larger id). From 2^22 points on (centuries of daily gestures) the time part is left out and
-- the points stay exact.
-- boardpoints(score) is a score's points, boardscore(points, seconds) the score of points
-- reached at Unix time seconds, boardreached(score) that time again, boardentry(member, score)
-- a member's user id and points.
local BOARD_UNIT, BOARD_EPOCH, BOARD_EXACT = 2147483648, 1577836800, 4194304
local function boardpoints(score) return math.floor(score / BOARD_UNIT) end
local function boardscore(pts, sec)
  if pts >= BOARD_EXACT then return pts * BOARD_UNIT end
  local t = math.min(math.max(sec - BOARD_EPOCH, 0), BOARD_UNIT - 1)
  return pts * BOARD_UNIT + (BOARD_UNIT - 1 - t)
end
local function boardreached(score)
  return BOARD_EPOCH + BOARD_UNIT - 1 - (score - boardpoints(score) * BOARD_UNIT)
end
local function boardentry(member, score) return member, boardpoints(tonumber(score)) end
