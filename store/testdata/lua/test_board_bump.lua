-- Runs bump (lib_board_bump) alone, for the board tests.
-- KEYS[1]  the board
-- ARGV[1]  the user id
-- ARGV[2]  the points
-- ARGV[3]  the time reached (Unix ms)
bump(KEYS[1], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), 0)
return 0
