-- Reads one page of a lex index (see lib_lex_index.lua, put in front), newest first.
-- KEYS[1]  the index
-- ARGV[1]  the read (lexRead in lexindex.go; scriptArg):
--   max    "+" for the newest, or "(<id>" for those below id
--   limit  the most ids to read
local a = cmsgpack.unpack(ARGV[1])
return lexrange(KEYS[1], a.max, a.limit)
