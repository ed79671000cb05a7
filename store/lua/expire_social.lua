-- Removes stories and barriers past the org's retention (see Store.ExpireSocial, which decided
-- which). Needs lexrem (lib_lex_index) in front of it.
-- KEYS[1]  the feed stamps
-- KEYS[2]  the org's story feed
-- KEYS[3]  the org's barrier list
-- ARGV[1]  the plan (expirePlan in retention.go; scriptArg):
--   stamp     a new feed stamp
--   stories   [{id, keys, team, feed}] stories to remove: keys (the story, its kudos givers, when
--             they gave them) are deleted, the story leaves the org's feed and its team's (feed)
--   barriers  [{id, key, data, lists, open, me_too, me_too_n}] barriers to remove, each only
--             while its data is data and me_too (who said "me too") holds me_too_n people, as
--             read (otherwise the next run decides again): key and me_too are deleted, the
--             barrier leaves the org's list, its reporter's, its "me too" people's and its
--             team's (lists) and its team's open and escalated sets (open)
-- Returns how many objects were removed.
local p = cmsgpack.unpack(ARGV[1])
local n = 0
for _, st in ipairs(p.stories) do
  n = n + redis.call('DEL', st.keys[1])
  redis.call('DEL', unpack(st.keys))
  lexrem(KEYS[2], st.id)
  if st.team ~= '' then
    lexrem(st.feed, st.id)
    redis.call('HSET', KEYS[1], st.team, p.stamp)
  end
end
if #p.stories > 0 then redis.call('HSET', KEYS[1], '*', p.stamp) end
for _, b in ipairs(p.barriers) do
  if redis.call('HGET', b.key, 'data') == b.data and redis.call('SCARD', b.me_too) == b.me_too_n then
    n = n + redis.call('DEL', b.key)
    lexrem(KEYS[3], b.id)
    for _, l in ipairs(b.lists) do lexrem(l, b.id) end
    redis.call('DEL', b.me_too)
    for _, o in ipairs(b.open) do redis.call('SREM', o, b.id) end
  end
end
return n
