-- Erases a user (see domain.Erasure and Store.EraseUser, which found every key named here).
-- Needs lexrem (luaLexIndex) in front of it.
-- KEYS[1]  the user hash (routes the script to the org's slot; every other key shares it)
-- ARGV[1]  the plan, a JSON object:
--   base          the org's key base ("mx:{acme}:")
--   user          the user's id
--   rev           the user's rev as read: the erasure is refused when it changed
--   email         the user's email (its index entry goes)
--   team          the user's team ("" for none)
--   counted       true when the user counts in their team's size (active, in a team)
--   admin         true when the user is an active admin
--   anon          the anonymous id that replaces the user's in aggregates
--   now_ms        now, Unix ms (the revocation entry)
--   revoked_ms    how long the revocation list is kept (ms)
--   stamp         a new board, feed and label stamp
--   tokens        the push tokens of the user's devices (the org's token index entries go)
--   gone          keys deleted outright (the user's own: records, stats, inbox, idempotency…)
--   stories       [{id, team}] the user's shared stories, deleted with their kudos
--   suggestions   the ids of the user's suggestions, deleted
--   barriers      [{id, data, team}] the user's barriers with their anonymised data
--   kudos         the kudos sets of stories the user gave kudos (story ids)
--   me_too        the barriers with a "me too" set (barrier ids; keys.barrierMeToo): the user's
--                 place in them goes to anon, so the count stays
--   boards        board keys (team and challenge boards, zsets or old member hashes)
--   board_teams   the teams whose boards change
--   dashes        the dashboards' days-done hashes ("dash:<team>:<period>:u")
-- Returns "ok", "gone" (no such user), "changed" (rev moved) or "last_admin".
local p = cjson.decode(ARGV[1])
local base, uid = p.base, p.user
local data = redis.call('HGET', KEYS[1], 'data')
if not data then return 'gone' end
if tonumber(cjson.decode(data).rev or 0) ~= tonumber(p.rev) then return 'changed' end
if p.admin then
  if redis.call('SISMEMBER', base .. 'admins', uid) == 1 and redis.call('SCARD', base .. 'admins') <= 1 then
    return 'last_admin'
  end
  redis.call('SREM', base .. 'admins', uid)
end
-- the person: record, sessions (their families live in the hash; a refresh token without its
-- user is refused), access tokens (the revocation entry), email, indexes, label
redis.call('DEL', KEYS[1])
redis.call('ZADD', base .. 'revoked', p.now_ms, uid)
redis.call('PEXPIRE', base .. 'revoked', p.revoked_ms)
if redis.call('HGET', base .. 'emails', p.email) == uid then redis.call('HDEL', base .. 'emails', p.email) end
redis.call('ZREM', base .. 'users', uid)
redis.call('HDEL', base .. 'userlabels', uid)
redis.call('HSET', base .. 'org', 'lv', p.stamp)
if p.team ~= '' then
  redis.call('ZREM', base .. 'team:' .. p.team .. ':members', uid)
  if p.counted then redis.call('HINCRBY', base .. 'teamsize', p.team, -1) end
end
for _, t in ipairs(p.tokens) do
  if redis.call('HGET', base .. 'tokens', t) == uid then redis.call('HDEL', base .. 'tokens', t) end
end
for _, k in ipairs(p.gone) do redis.call('DEL', k) end
-- what they wrote
for _, st in ipairs(p.stories) do
  local k = base .. 'story:' .. st.id
  redis.call('DEL', k, k .. ':kudos', k .. ':kudosat')
  lexrem(base .. 'stories', st.id)
  if st.team ~= '' then
    lexrem(base .. 'team:' .. st.team .. ':stories', st.id)
    redis.call('HSET', base .. 'feedstamps', st.team, p.stamp)
  end
end
redis.call('HSET', base .. 'feedstamps', '*', p.stamp)
for _, id in ipairs(p.suggestions) do
  redis.call('DEL', base .. 'suggestion:' .. id)
  lexrem(base .. 'suggestions', id)
end
for _, b in ipairs(p.barriers) do
  if redis.call('EXISTS', base .. 'barrier:' .. b.id) == 1 then
    redis.call('HSET', base .. 'barrier:' .. b.id, 'data', b.data)
  end
end
-- what they did for others and where they stood
for _, id in ipairs(p.kudos) do
  local k = base .. 'story:' .. id
  if redis.call('SREM', k .. ':kudos', uid) == 1 then
    local team = ''
    local sd = redis.call('HGET', k, 'data')
    redis.call('HDEL', k .. ':kudosat', uid)
    if sd then
      if string.sub(sd, 1, 1) == '{' then team = cjson.decode(sd).team_id or ''
      else team = select(4, string.match(sd, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|')) or '' end
    end
    if team ~= '' then redis.call('HSET', base .. 'feedstamps', team, p.stamp) end
  end
end
for _, id in ipairs(p.me_too) do
  local k = base .. 'barrier:' .. id .. ':metoo'
  if redis.call('SREM', k, uid) == 1 then redis.call('SADD', k, p.anon) end
end
for _, k in ipairs(p.boards) do
  local t = redis.call('TYPE', k).ok
  if t == 'zset' then redis.call('ZREM', k, uid) elseif t == 'hash' then redis.call('HDEL', k, uid) end
end
for _, team in ipairs(p.board_teams) do redis.call('HSET', base .. 'lbstamps', team, p.stamp) end
for _, k in ipairs(p.dashes) do
  local n = redis.call('HGET', k, uid)
  if n then
    redis.call('HDEL', k, uid)
    redis.call('HSET', k, p.anon, n)
  end
end
return 'ok'
