-- Answers dstr (lib_time) of every day number from ARGV[1] to ARGV[2].
-- ARGV[1]  the first day number (days since 1970-01-01)
-- ARGV[2]  the last
local out = {}
for z = tonumber(ARGV[1]), tonumber(ARGV[2]) do out[#out + 1] = dstr(z) end
return out
