-- Deletes a batch of an org's boards (see rebuildBoards in rebuild.go) and, in the same step,
-- sets a new stats stamp on every user on one of them who still exists: their place changed,
-- so an outcome decided from it as read is decided again (fieldStatsStamp in loop.go).
-- Put in front: lib_keys.
-- KEYS     the boards (all in one org's slot)
-- ARGV[1]  the deletion (boardsDelete in rebuild.go; scriptArg):
--   people  the positions in KEYS of the boards whose members are users (a team's, a challenge's)
--   user    the pattern of a user's key (keyPattern in keys.go), filled in by keyof
--   stamp   the new stats stamp
--   hold    the rebuild's hold of the boards: {settings, mark}, the org's settings and the mark
--           their field "rb" holds while it holds them
-- Returns the number of users stamped, or -1 (nothing done) when another rebuild took the
-- boards over.
local a = cmsgpack.unpack(ARGV[1])
if redis.call('HGET', a.hold.settings, 'rb') ~= a.hold.mark then return -1 end
local seen, n = {}, 0
for _, i in ipairs(a.people) do
  for _, m in ipairs(redis.call('ZRANGE', KEYS[i], 0, -1)) do
    if not seen[m] then
      seen[m] = true
      local k = keyof(a.user, m)
      if redis.call('EXISTS', k) == 1 then
        redis.call('HSET', k, 'sv', a.stamp)
        n = n + 1
      end
    end
  end
end
redis.call('DEL', unpack(KEYS))
return n
