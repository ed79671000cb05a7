-- Gives or takes back one kudos, credits the author (for at most 10 kudos per story) and, for a
-- giver's first kudos on the story, notifies the author, in one step. A kudos taken back and
-- given again is not news: the author hears of each giver once per story. Needs lib_json,
-- lib_time, lib_keys, lib_board_score, lib_social_board, lib_story and lib_notify in front of it.
-- KEYS[1]  the story (hash: data, deleted, kudos)
-- KEYS[2]  its kudos givers (set; keys.storyKudos)
-- KEYS[3]  the author's stats (hash; keys.stats)
-- KEYS[4]  the author's badges (hash; keys.badges)
-- KEYS[5]  the author (hash; keys.user; its field "sv", the stats stamp, is set anew: the
--          author's stats change)
-- KEYS[6]  the author's inbox (list; keys.inbox)
-- KEYS[7]  the org's push outbox (stream; keys.outbox)
-- KEYS[8]  when each kudos was given (hash; keys.storyKudosAt): giver → "<week>|<month>", or
--          "-" for a giver who took theirs back; a kudos of an earlier version has no entry and
--          is taken back from the current periods, as it was then
-- KEYS[9]  the board stamps (hash; keys.boardStamps)
-- KEYS[10] the feed stamps (hash; keys.feedStamps)
-- ARGV[1]  the kudos, JSON (kudosArgs in social.go):
--   giver        the giver's id
--   delta        1 (give) or -1 (take back)
--   points       points per kudos
--   now_ms       now, Unix ms (when the author reached the points on a board)
--   week, month  now's period keys ("w2026-11-23", "m2026-11")
--   week_ttl, month_ttl
--                seconds now's week and month boards are kept (given when first written)
--   stamp        a new board, feed and stats stamp
--   team_board   the pattern of a team's board (keys.teamBoard: team id, period key); the
--                author's team is read here, from the author's hash
--   teams_board  the pattern of the board of all teams (keys.teamsBoard: period key); a kudos
--                taken back learns its periods here, from KEYS[8]
--   notice       the author's notification {id, texts, data (JSON strings, handed to notify as
--                they are), now (RFC 3339), collapse (push collapse key), cap (inbox size)}
-- Returns "ok", "not_found" or "own_story".
local a = cjson.decode(ARGV[1])
local data = redis.call('HGET', KEYS[1], 'data')
if not data or redis.call('HGET', KEYS[1], 'deleted') == '1' then return 'not_found' end
local s = story_of(data)
if s.author_id == a.giver then return 'own_story' end
local delta = a.delta
-- the periods whose points and boards this kudos changes: now's, or, taking one back, those it
-- was given in
local week, month = a.week, a.month
local told = false -- the author was told of this giver's kudos before
if delta > 0 then
  if redis.call('SADD', KEYS[2], a.giver) == 0 then return 'ok' end
  told = redis.call('HGET', KEYS[8], a.giver) == '-'
  redis.call('HSET', KEYS[8], a.giver, week .. '|' .. month)
else
  if redis.call('SREM', KEYS[2], a.giver) == 0 then return 'ok' end
  local at = redis.call('HGET', KEYS[8], a.giver)
  if at then week, month = string.match(at, '^([^|]*)|(.*)$') end
  redis.call('HSET', KEYS[8], a.giver, '-')
end
local count = redis.call('HINCRBY', KEYS[1], 'kudos', delta)
feedchanged(KEYS[10], s.team_id, a.stamp)
local received = redis.call('HINCRBY', KEYS[3], 'kudos', delta)
if redis.call('HEXISTS', KEYS[5], 'data') == 1 then redis.call('HSET', KEYS[5], 'sv', a.stamp) end
if (delta > 0 and count <= 10) or (delta < 0 and count < 10) then
  local pts = delta * a.points
  redis.call('HINCRBY', KEYS[3], 'tot', pts)
  for _, p in ipairs({{'wk', 'wp', week}, {'mk', 'mp', month}}) do
    -- the stats keep the current week's and month's points only: a past period's are not there
    if redis.call('HGET', KEYS[3], p[1]) == p[3] then redis.call('HINCRBY', KEYS[3], p[2], pts)
    elseif delta > 0 then redis.call('HSET', KEYS[3], p[1], p[3], p[2], pts) end
  end
  local uid = s.author_id
  local author = cjson.decode(redis.call('HGET', KEYS[5], 'data'))
  local team = str(author.team_id)
  if team ~= '' then
    boardchanged(KEYS[9], team, a.stamp)
    for _, p in ipairs({{week, a.week_ttl, a.week}, {month, a.month_ttl, a.month}, {'all', '', 'all'}}) do
      -- a kudos taken back from a past period (p[1] not now's, p[3]) leaves its boards' time to
      -- live alone, and a board no longer kept stays gone (adjust leaves a board without the user
      -- alone)
      local current, teams = p[1] == p[3], keyof(a.teams_board, p[1])
      adjust(keyof(a.team_board, team, p[1]), uid, pts, a.now_ms, p[2])
      if current or redis.call('ZSCORE', teams, team) then
        redis.call('ZINCRBY', teams, pts, team)
        if current then expire(teams, p[2]) end
      end
    end
  end
end
if delta > 0 then
  local n = a.notice
  if received >= 10 then redis.call('HSETNX', KEYS[4], 'kudos_10', badgetime(n.now)) end
  if told then return 'ok' end
  notify(KEYS[5], KEYS[6], KEYS[7], '', n.id, 'kudos', n.texts, n.data, n.now, n.collapse, '0', n.cap, '0')
end
return 'ok'
