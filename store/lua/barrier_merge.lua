-- Merges a duplicate barrier into the one kept, if both are still as read: the duplicate's
-- reporter and those who said "me too" to it join the kept barrier (its reporter aside) and find
-- it in their lists; the duplicate keeps its data, marked merged_into, for its reporter's export,
-- and leaves the org's and the team's lists and sets. One step. Needs lib_json, lib_story,
-- lib_lex_index and lib_keys in front of it.
-- KEYS[1]  the duplicate (hash, field data)
-- KEYS[2]  the barrier kept (hash, field data)
-- KEYS[3]  those who said "me too" to the duplicate (set; keys.barrierMeToo)
-- KEYS[4]  those who said "me too" to the barrier kept (set; keys.barrierMeToo)
-- KEYS[5]  the team's unresolved barriers (set; keys.openBarriers)
-- KEYS[6]  the team's escalated barriers (set; keys.escalatedBarriers)
-- KEYS[7]  the org's barriers (lex index; keys.barriers)
-- KEYS[8]  the team's barriers (lex index; keys.teamBarriers)
-- KEYS[9]  the duplicate's reporter's barriers (lex index; keys.userBarriers)
-- ARGV[1]  the merge, JSON (barrierMerge in social.go):
--   dup, into         the two barriers' ids
--   dup_reporter      the duplicate's reporter's id
--   into_reporter     the kept barrier's reporter's id
--   dup_status, into_status
--                     the statuses the merge was decided from
--   data              the duplicate's new JSON
--   user_barriers     the pattern of a user's barriers (keys.userBarriers: user id), for those
--                     who said "me too" to the duplicate, read here from KEYS[3]
-- Returns "ok", or "conflict" when either barrier changed (or was merged) since it was read.
local m = cjson.decode(ARGV[1])
for _, b in ipairs({{KEYS[1], m.dup_status}, {KEYS[2], m.into_status}}) do
  local cur = redis.call('HGET', b[1], 'data')
  if not cur or barrier_status(cur) ~= b[2] or jstr(cur, 'merged_into') then return 'conflict' end
end
redis.call('HSET', KEYS[1], 'data', m.data)
local function join(user, list)
  if user ~= '' and user ~= m.into_reporter then
    redis.call('SADD', KEYS[4], user)
    lexadd(list, m.into)
  end
end
for _, user in ipairs(redis.call('SMEMBERS', KEYS[3])) do join(user, keyof(m.user_barriers, user)) end
join(m.dup_reporter, KEYS[9])
redis.call('DEL', KEYS[3])
redis.call('SREM', KEYS[5], m.dup)
redis.call('SREM', KEYS[6], m.dup)
lexrem(KEYS[7], m.dup)
lexrem(KEYS[8], m.dup)
return 'ok'
