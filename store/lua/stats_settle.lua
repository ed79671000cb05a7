-- Stores a user's streak as the server settled it (see runStats in loop.go), if it was settled
-- from the stats as they still are.
-- KEYS[1]  the user's stats
-- ARGV[1]  the write, JSON: {fin_read = the settled day as read, fields = {field, value, …}}
-- Returns 1 when stored, 0 when the stats moved (they will be settled again by the next read).
local w = cjson.decode(ARGV[1])
if (redis.call('HGET', KEYS[1], 'fin') or '') ~= w.fin_read then return 0 end
redis.call('HSET', KEYS[1], unpack(w.fields))
return 1
