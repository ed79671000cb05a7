-- Erases a user (see domain.Erasure and Store.EraseUser, which found every key named here).
-- Needs lexrem (lib_lex_index) in front of it.
-- KEYS[1]  the user hash
-- KEYS[2]  the org's admins
-- KEYS[3]  the org's revoked users (access tokens refused)
-- KEYS[4]  the org's email index
-- KEYS[5]  the org's users
-- KEYS[6]  the org's user labels
-- KEYS[7]  the org's settings (its label stamp "lv")
-- KEYS[8]  the org's team sizes
-- KEYS[9]  the org's push token index
-- KEYS[10] the feed stamps
-- KEYS[11] the board stamps
-- KEYS[12] the org's story feed
-- KEYS[13] the org's suggestions
-- ARGV[1]  the plan (erasePlan in privacy.go; scriptArg):
--   user          the user's id
--   rev           the user's rev as read: the erasure is refused when it changed
--   view          the user's view stamp as read before the plan was made ("tv": every
--                 outcome of theirs sets a new one); refused when it changed
--   stats         their stats stamp as read then ("sv": every change to their points); the same
--   acts          their acts stamp, read before anything else ("av": every write of theirs to
--                 others' things, Store.actedBy); the same
--   email         the user's email (its index entry goes)
--   team          the user's team ("" for none)
--   members       the team's members ("" for none)
--   counted       true when the user counts in their team's size (active, in a team)
--   admin         true when the user is an active admin
--   admins        the org's active admins as read, the erasure was decided on
--   anon          the anonymous id that replaces the user's in aggregates
--   now_ms        now, Unix ms (the revocation entry)
--   revoked_ms    how long the revocation list is kept (ms)
--   stamp         a new board, feed and label stamp
--   tokens        the push tokens of the user's devices (the org's token index entries go)
--   gone          keys deleted outright (the user's own: records, stats, inbox, idempotency…)
--   counts        the org's outcome counts (day → outcomes recorded for it)
--   outcome_days  the days whose records held an outcome: each day's count goes down by one
--   stories       [{id, keys, team, feed}] the user's shared stories: keys (the story, its
--                 kudos givers, when they gave them) are deleted, the story leaves the org's
--                 feed and its team's (feed, "" for none)
--   suggestions   [{id, key}] the user's suggestions, deleted
--   barriers      [{key, data}] the user's barriers with their anonymised data
--   kudos         [{givers, at, team}] the stories whose kudos hold the user's id, given or
--                 taken back: the keys of each one's kudos givers and when they gave them (the
--                 user's entry goes from both), and its team ("" none)
--   me_too        the "me too" sets of barriers (keys.barrierMeToo): the user's place in them
--                 goes to anon, so the count stays
--   boards        board keys (team and challenge boards)
--   board_teams   the teams whose boards change
--   dashes        [{k, i, old, new}] the user's entries in the dashboard logs (see dashEntry
--                 in outcome.go): entry i of log k, as read, and with anon for the user's id
--                 (so the counts stay), written while it is as read
-- Returns "ok", "gone" (no such user) or "changed" (rev or a stamp moved, the admins of an
-- admin's erasure, or a dashboard entry; nothing written).
local p = cmsgpack.unpack(ARGV[1])
local uid = p.user
local data = redis.call('HGET', KEYS[1], 'data')
if not data then return 'gone' end
if tonumber(cjson.decode(data).rev or 0) ~= tonumber(p.rev) then return 'changed' end
local stamps = redis.call('HMGET', KEYS[1], 'tv', 'sv', 'av')
if (stamps[1] or '') ~= p.view or (stamps[2] or '') ~= p.stats or (stamps[3] or '') ~= p.acts then return 'changed' end
if p.admin then
  if redis.call('SCARD', KEYS[2]) ~= #p.admins then return 'changed' end
  for _, a in ipairs(p.admins) do
    if redis.call('SISMEMBER', KEYS[2], a) == 0 then return 'changed' end
  end
end
for _, d in ipairs(p.dashes) do
  if redis.call('LINDEX', d.k, d.i) ~= d.old then return 'changed' end
end
if p.admin then redis.call('SREM', KEYS[2], uid) end
-- the person: record, sessions (their families live in the hash; a refresh token without its
-- user is refused), access tokens (the revocation entry), email, indexes, label
redis.call('DEL', KEYS[1])
redis.call('ZADD', KEYS[3], p.now_ms, uid)
redis.call('PEXPIRE', KEYS[3], p.revoked_ms)
if redis.call('HGET', KEYS[4], p.email) == uid then redis.call('HDEL', KEYS[4], p.email) end
redis.call('ZREM', KEYS[5], uid)
redis.call('HDEL', KEYS[6], uid)
redis.call('HSET', KEYS[7], 'lv', p.stamp)
if p.team ~= '' then
  redis.call('ZREM', p.members, uid)
  if p.counted then redis.call('HINCRBY', KEYS[8], p.team, -1) end
end
for _, t in ipairs(p.tokens) do
  if redis.call('HGET', KEYS[9], t) == uid then redis.call('HDEL', KEYS[9], t) end
end
for _, k in ipairs(p.gone) do redis.call('DEL', k) end
for _, d in ipairs(p.outcome_days) do
  if redis.call('HINCRBY', p.counts, d, -1) <= 0 then redis.call('HDEL', p.counts, d) end
end
-- what they wrote
for _, st in ipairs(p.stories) do
  redis.call('DEL', unpack(st.keys))
  lexrem(KEYS[12], st.id)
  if st.team ~= '' then
    lexrem(st.feed, st.id)
    redis.call('HSET', KEYS[10], st.team, p.stamp)
  end
end
redis.call('HSET', KEYS[10], '*', p.stamp)
for _, sg in ipairs(p.suggestions) do
  redis.call('DEL', sg.key)
  lexrem(KEYS[13], sg.id)
end
for _, b in ipairs(p.barriers) do
  if redis.call('EXISTS', b.key) == 1 then redis.call('HSET', b.key, 'data', b.data) end
end
-- what they did for others and where they stood
for _, k in ipairs(p.kudos) do
  redis.call('HDEL', k.at, uid)
  if redis.call('SREM', k.givers, uid) == 1 and k.team ~= '' then redis.call('HSET', KEYS[10], k.team, p.stamp) end
end
for _, k in ipairs(p.me_too) do
  if redis.call('SREM', k, uid) == 1 then redis.call('SADD', k, p.anon) end
end
for _, k in ipairs(p.boards) do redis.call('ZREM', k, uid) end
for _, team in ipairs(p.board_teams) do redis.call('HSET', KEYS[11], team, p.stamp) end
for _, d in ipairs(p.dashes) do redis.call('LSET', d.k, d.i, d.new) end
return 'ok'
