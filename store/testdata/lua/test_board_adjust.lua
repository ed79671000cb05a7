-- Runs adjust (lib_board_bump, as kudos given or taken back) alone, for the board tests.
-- KEYS[1]  the board
-- ARGV[1]  the user id
-- ARGV[2]  the points (negative to take back)
-- ARGV[3]  the time reached (Unix ms)
adjust(KEYS[1], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), 0)
return 0
