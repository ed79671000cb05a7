-- Adds stored outcomes to the leaderboards and dashboard counters again (see RebuildBoards): the
-- server read the records and decided each one's writes as an outcome decides them
-- (accountOutcome); this applies them, while every barrier they report is as the server read
-- it. Needs lib_board_score and lib_board_bump in front of it.
-- KEYS[1]  the org's outcome counts (names the org's slot; every key below shares it)
-- ARGV[1]  the replay, JSON (outcomesReplay in rebuild.go): outcomes, each
--            user       the user's id (the boards' member)
--            ms         when it was recorded, Unix ms (the points' reach time)
--            bumps      [{k, p, ttl}] boards to add p points to
--            counters   [{k, f, n, ttl, z}] counters to add to (see count)
--            sets       [{k, f, v}] fields to set (board stamps)
--            logs       [{k, e, ttl}] entries to append to dashboard logs (see dashlog)
--            barrier    the key of the barrier reported with it ("" none)
--            data       the barrier's data as read ("" none)
--            reopen     true: the barrier goes back among its team's open barriers
--            open       the key of its team's open barriers
--            bid        the barrier's id
-- Returns the number of outcomes replayed, or -1 (nothing written) when a barrier is no longer
-- as read.
local r = cjson.decode(ARGV[1])
for _, o in ipairs(r.outcomes) do
  if o.barrier ~= '' and (redis.call('HGET', o.barrier, 'data') or '') ~= o.data then return -1 end
end
for _, o in ipairs(r.outcomes) do
  for _, b in ipairs(o.bumps) do bump(b.k, o.user, b.p, o.ms, b.ttl) end
  count(o.counters)
  for _, l in ipairs(o.logs) do dashlog(l.k, l.e, l.ttl) end
  for _, s in ipairs(o.sets) do redis.call('HSET', s.k, s.f, s.v) end
  if o.reopen then redis.call('SADD', o.open, o.bid) end
end
return #r.outcomes
