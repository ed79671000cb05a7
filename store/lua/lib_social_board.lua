-- What the kudos, spotlight and barrier scripts (social_lua.go) share. Needs lib_board_score in
-- front of it. base is the org's key base: these still build the org's keys from it.
--   str(v)                          v, or '' for nil and JSON null
--   expire(key, exp)                EXPIRE key exp, unless exp is '' (a period's board or counter
--                                   gets its time to live when first written, never again)
--   bump(z, id, pts, ms, exp)       adds pts (> 0) reached at ms (Unix milliseconds) to user id's
--                                   place on board z, keeping the latest reach time; exp is the
--                                   board's time to live, given when it first holds the user
--   adjust(z, id, pts, ms, exp)     moves a user's points on a board by pts (which may be
--                                   negative, never below zero), keeping their reach time
--   leads(base, team, user)         whether user leads team
--   boardchanged(base, team, stamp) gives a team's boards a new stamp (replicas keep copies of
--                                   boards by it: see Store.WholeTeamBoard)
--   feedchanged(base, team, stamp)  gives the org's feed and a team's a new stamp (replicas keep
--                                   copies of feed pages by it: see Store.Feed)
local function str(v) if v == nil or v == cjson.null then return '' end return v end
local function expire(key, exp) if exp ~= '' then redis.call('EXPIRE', key, exp) end end
local function boardscoreof(z, id)
  local s = redis.call('ZSCORE', z, id)
  return s and tonumber(s)
end
local function bump(z, id, pts, ms, exp)
  if pts <= 0 then return end
  local s = boardscoreof(z, id)
  local sec, have = math.floor(ms / 1000), 0
  if s then have, sec = boardpoints(s), math.max(sec, boardreached(s)) end
  redis.call('ZADD', z, boardscore(have + pts, sec), id)
  if not s then expire(z, exp) end
end
local function adjust(z, id, pts, ms, exp)
  if pts > 0 then return bump(z, id, pts, ms, exp) end
  local s = boardscoreof(z, id)
  if not s then return end
  redis.call('ZADD', z, boardscore(math.max(0, boardpoints(s) + pts), boardreached(s)), id)
end
local function leads(base, team, user)
  if not team or team == '' then return false end
  local t = redis.call('HGET', base .. 'team:' .. team, 'data')
  if not t then return false end
  for _, id in ipairs(cjson.decode(t).lead_ids or {}) do if id == user then return true end end
  return false
end
local function boardchanged(base, team, stamp) redis.call('HSET', base .. 'lbstamps', team, stamp) end
local function feedchanged(base, team, stamp)
  redis.call('HSET', base .. 'feedstamps', '*', stamp)
  if team and team ~= '' and team ~= cjson.null then redis.call('HSET', base .. 'feedstamps', team, stamp) end
end
