-- Adds a colleague to those who met a barrier ("me too") while it is still there to join: not
-- merged into another and not resolved. It is checked in the step that adds, so a merge or a
-- resolution at the same moment cannot leave a joiner on a barrier that is gone.
-- KEYS[1]  the barrier (hash, field data)
-- KEYS[2]  those who said "me too" (set of user ids; keys.barrierMeToo)
-- KEYS[3]  the colleague's barriers (lex index; keys.userBarriers)
-- ARGV[1]  the join, JSON (barrierJoin in social.go): user (the colleague's id), id (the
--          barrier's)
-- Returns "ok" (joining again changes nothing), "not_found", "resolved", or "merged:<id>" with
-- the barrier it was merged into.
local j = cjson.decode(ARGV[1])
local cur = redis.call('HGET', KEYS[1], 'data')
if not cur then return 'not_found' end
local into = jstr(cur, 'merged_into')
if into then return 'merged:' .. into end
if barrier_status(cur) == 'resolved' then return 'resolved' end
if redis.call('SADD', KEYS[2], j.user) == 1 then lexadd(KEYS[3], j.id) end
return 'ok'
