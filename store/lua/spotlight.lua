-- Marks a story spotlighted by the author's lead or an admin and notifies the author, once:
-- spotlighting again changes nothing. Needs lib_json, lib_keys, lib_social_board, lib_story and
-- lib_notify in front of it.
-- KEYS[1]  the story (hash: data, deleted, spotlight)
-- KEYS[2]  the author (hash; keys.user)
-- KEYS[3]  the author's inbox (list; keys.inbox)
-- KEYS[4]  the org's push outbox (stream; keys.outbox)
-- KEYS[5]  the feed stamps (hash; keys.feedStamps)
-- ARGV[1]  the spotlight, JSON (spotlightArgs in social.go):
--   caller   the caller's id
--   role     the caller's role (an admin may spotlight any story)
--   team     the pattern of a team's hash (keys.team: team id); the story's team, whose leads
--            may spotlight it, is read here, from the story
--   stamp    a new feed stamp
--   notice   the author's notification {id, texts, data (JSON strings, handed to notify as they
--            are), now (RFC 3339), cap (inbox size)}
-- Returns "ok", "not_found" or "forbidden".
local a = cjson.decode(ARGV[1])
local data = redis.call('HGET', KEYS[1], 'data')
if not data or redis.call('HGET', KEYS[1], 'deleted') == '1' then return 'not_found' end
local s = story_of(data)
if a.role ~= 'admin' and not (s.team_id and s.team_id ~= '' and leads(keyof(a.team, s.team_id), a.caller)) then
  return 'forbidden'
end
if redis.call('HGET', KEYS[1], 'spotlight') == '1' then return 'ok' end
redis.call('HSET', KEYS[1], 'spotlight', '1')
feedchanged(KEYS[5], s.team_id, a.stamp)
local n = a.notice
notify(KEYS[2], KEYS[3], KEYS[4], '', n.id, 'spotlight', n.texts, n.data, n.now, 'spotlight', '0', n.cap, '0')
return 'ok'
