-- Adds stored outcomes to the leaderboards and dashboard counters again (see RebuildBoards): the
-- server read the records and decided each one's writes as an outcome decides them
-- (accountOutcome), and the users' new places on the boards from their places as read
-- (domain.MoveOnBoard); this applies them, while every place and every barrier they report is
-- as the server read it.
-- KEYS[1]  the org's outcome counts (names the org's slot; every key below shares it)
-- ARGV[1]  the replay (outcomesReplay in rebuild.go; scriptArg):
--   users      the keys of the users whose places on boards it changes: each that still exists
--              gets the stats stamp stamp (see fieldStatsStamp in loop.go), so that an outcome
--              decided from their places as read is decided again
--   stamp      that stamp
--   places     [{k, m, u, old, new, ttl}] user m's (key u) place on board k: their score as
--              read ("" not on it), the new one, and the board's time to live in seconds when
--              it first holds them (0 none)
--   members    the outcomes it replays, each "day|user" (the order of outcomes)
--   pending    the org's outcomes recorded while a rebuild holds its boards (rebuildPending in
--              keys.go): those replayed here leave it
--   hold       the rebuild's hold of the boards: {settings, mark}, the org's settings and the
--              mark their field "rb" holds while it holds them
--   outcomes   each, of the user whose key is u
--     counters   [{k, f, n, ttl, z}] HINCRBY k f n (ZINCRBY k n f with z), EXPIRE k ttl when
--                the counter became n (its first count)
--     sets       [{k, f, v}] fields to set (board stamps)
--     logs       [{k, e, ttl}] entries to append to dashboard logs, EXPIRE k ttl when the
--                entry made the list
--     barrier    the key of the barrier reported with it ("" none)
--     data       the barrier's data as read ("" none)
--     reopen     true: the barrier goes back among its team's open barriers
--     open       the key of its team's open barriers
--     bid        the barrier's id
-- Nothing is written of a user erased since the server read their records.
-- Returns the number of outcomes replayed, or (nothing written) -1 when a place or a barrier
-- is no longer as read, -2 when another rebuild took the boards over.
local r = cmsgpack.unpack(ARGV[1])
if redis.call('HGET', r.hold.settings, 'rb') ~= r.hold.mark then return -2 end
for _, p in ipairs(r.places) do
  local cur = redis.call('ZSCORE', p.k, p.m)
  if (cur and tonumber(cur)) ~= (p.old ~= '' and tonumber(p.old)) then return -1 end
end
for _, o in ipairs(r.outcomes) do
  if o.barrier ~= '' and (redis.call('HGET', o.barrier, 'data') or '') ~= o.data then return -1 end
end
local stored = {}
local function here(k)
  if stored[k] == nil then stored[k] = redis.call('EXISTS', k) == 1 end
  return stored[k]
end
for _, k in ipairs(r.users) do
  if here(k) then redis.call('HSET', k, 'sv', r.stamp) end
end
for _, p in ipairs(r.places) do
  if here(p.u) then
    redis.call('ZADD', p.k, p.new, p.m)
    if p.old == '' and p.ttl > 0 then redis.call('EXPIRE', p.k, p.ttl) end
  end
end
for _, o in ipairs(r.outcomes) do
  if here(o.u) then
    for _, c in ipairs(o.counters) do
      local v
      if c.z then v = tonumber(redis.call('ZINCRBY', c.k, c.n, c.f)) else v = redis.call('HINCRBY', c.k, c.f, c.n) end
      if v == c.n and c.ttl > 0 then redis.call('EXPIRE', c.k, c.ttl) end
    end
    for _, l in ipairs(o.logs) do
      if redis.call('RPUSH', l.k, l.e) == 1 and l.ttl > 0 then redis.call('EXPIRE', l.k, l.ttl) end
    end
    for _, s in ipairs(o.sets) do redis.call('HSET', s.k, s.f, s.v) end
    if o.reopen then redis.call('SADD', o.open, o.bid) end
  end
end
if #r.members > 0 then redis.call('SREM', r.pending, unpack(r.members)) end
return #r.outcomes
