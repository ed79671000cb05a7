-- Reads one page of a lex index (see lib_lex_index.lua, put in front), newest first.
-- KEYS[1]  the index
-- ARGV[1]  "+" for the newest, or "(<id>" for those below id
-- ARGV[2]  the most ids to read
return lexrange(KEYS[1], ARGV[1], tonumber(ARGV[2]))
