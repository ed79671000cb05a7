-- Merges a duplicate barrier into the one kept, if both are still as read: the duplicate's
-- reporter and those who said "me too" to it join the kept barrier (its reporter aside) and find
-- it in their lists; the duplicate keeps its data, marked merged_into, for its reporter's export,
-- and leaves the org's and the team's lists and sets. One step.
-- KEYS[1]  the duplicate (hash, field data)
-- KEYS[2]  the barrier kept (hash, field data)
-- KEYS[3]  those who said "me too" to the duplicate (set; keys.barrierMeToo)
-- KEYS[4]  those who said "me too" to the barrier kept (set; keys.barrierMeToo)
-- KEYS[5]  the team's unresolved barriers (set; keys.openBarriers)
-- KEYS[6]  the team's escalated barriers (set; keys.escalatedBarriers)
-- KEYS[7]  the org's barriers (lex index; keys.barriers)
-- KEYS[8]  the team's barriers (lex index; keys.teamBarriers)
-- ARGV[1]  the merge, JSON (barrierMerge in social.go): base (the org's key base, for the
--          joiners' lists "user:<id>:barriers"), dup and into (the two ids), dup_reporter,
--          into_reporter, dup_status and into_status (the statuses the merge was decided from),
--          data (the duplicate's new JSON)
-- Returns "ok", or "conflict" when either barrier changed (or was merged) since it was read.
local m = cjson.decode(ARGV[1])
for _, b in ipairs({{KEYS[1], m.dup_status}, {KEYS[2], m.into_status}}) do
  local cur = redis.call('HGET', b[1], 'data')
  if not cur or barrier_status(cur) ~= b[2] or jstr(cur, 'merged_into') then return 'conflict' end
end
redis.call('HSET', KEYS[1], 'data', m.data)
local joiners = redis.call('SMEMBERS', KEYS[3])
joiners[#joiners + 1] = m.dup_reporter
for _, user in ipairs(joiners) do
  if user ~= '' and user ~= m.into_reporter then
    redis.call('SADD', KEYS[4], user)
    lexadd(m.base .. 'user:' .. user .. ':barriers', m.into)
  end
end
redis.call('DEL', KEYS[3])
redis.call('SREM', KEYS[5], m.dup)
redis.call('SREM', KEYS[6], m.dup)
lexrem(KEYS[7], m.dup)
lexrem(KEYS[8], m.dup)
return 'ok'
