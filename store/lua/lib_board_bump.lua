-- bump(z, id, pts, ms, ttl) adds pts (> 0) reached at ms (Unix milliseconds) to user id's
-- place on board z. The reach time kept is the latest of all increments, so replaying outcomes
-- in any order (a rebuild) gives the same board. ttl (seconds, 0 for none) is the board's time
-- to live, given when the board first holds the user: it is the period's end plus what is
-- kept after it, the same whenever it is computed.
local function bump(z, id, pts, ms, ttl)
  if pts <= 0 then return end
  local s = redis.call('ZSCORE', z, id)
  local sec, have = math.floor(ms / 1000), 0
  if s then
    s = tonumber(s)
    have, sec = boardpoints(s), math.max(sec, boardreached(s))
  end
  redis.call('ZADD', z, boardscore(have + pts, sec), id)
  if not s and ttl > 0 then redis.call('EXPIRE', z, ttl) end
end
-- adjust(z, id, pts, ms, ttl) moves user id's points on board z by pts: up as bump does, down
-- (never below zero) keeping their reach time. A user not on the board stays off it, so a
-- board no longer kept stays gone.
local function adjust(z, id, pts, ms, ttl)
  if pts > 0 then return bump(z, id, pts, ms, ttl) end
  local s = redis.call('ZSCORE', z, id)
  if not s then return end
  s = tonumber(s)
  redis.call('ZADD', z, boardscore(math.max(0, boardpoints(s) + pts), boardreached(s)), id)
end
-- count applies {k, f, n, ttl, z} counters: HINCRBY k f n (ZINCRBY k n f with z), and EXPIRE k
-- ttl when the counter became n (its first count, where the key may have been made).
local function count(counters)
  for _, c in ipairs(counters) do
    local v
    if c.z then v = tonumber(redis.call('ZINCRBY', c.k, c.n, c.f)) else v = redis.call('HINCRBY', c.k, c.f, c.n) end
    if v == c.n and c.ttl > 0 then redis.call('EXPIRE', c.k, c.ttl) end
  end
end
-- dashlog(k, e, ttl) appends entry e to the dashboard log k, a list (see dashEntry in
-- outcome.go), and gives k its time to live ttl (seconds, 0 for none) when the entry made it.
local function dashlog(k, e, ttl)
  if redis.call('RPUSH', k, e) == 1 and ttl > 0 then redis.call('EXPIRE', k, ttl) end
end
