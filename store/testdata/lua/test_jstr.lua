-- Answers what jstr (lib_json) reads: {"ok", value} or {"nil"}.
-- ARGV[1]  a JSON object
-- ARGV[2]  the key to read
local v = jstr(ARGV[1], ARGV[2])
if v == nil then return {'nil'} end
return {'ok', v}
