-- Moves a barrier on (acknowledged, resolved) if it is still in the state read, keeps the
-- team's open and escalated sets in step, awards the reporter's badge on resolution and tells
-- the reporter and everyone who said "me too" (or whose report was merged into it), in one step.
-- Needs lib_json, lib_time, lib_story, lib_keys and lib_notify in front of it.
-- KEYS[1]  the barrier (hash, field data)
-- KEYS[2]  the team's unresolved barriers (set; keys.openBarriers)
-- KEYS[3]  the team's escalated barriers (set; keys.escalatedBarriers)
-- KEYS[4]  those who said "me too" (set of user ids; keys.barrierMeToo)
-- KEYS[5]  the reporter's badges (hash)
-- KEYS[6]  the org's push outbox (stream; keys.outbox)
-- KEYS[7]  the reporter (hash; keys.user; its field "sv", the stats stamp, is set anew when
--          the reporter earns a badge)
-- KEYS[8]  the reporter's inbox (list; keys.inbox)
-- ARGV[1]  the update, JSON (barrierUpdate in social.go):
--   id           the barrier's id
--   reporter     the reporter's id
--   status_read  the status the change was decided from
--   status       the new status
--   data         the new barrier JSON
--   stamp        a new stats stamp
--   user, inbox  the patterns of a user's hash and inbox (keys.user, keys.inbox: user id), for
--                those who said "me too", read here from KEYS[4]
--   notice       {id, texts (the reporter's, JSON {locale: [title, body]}), me_too_texts (the
--                others'), data (JSON), now (RFC 3339), cap (inbox size)}; texts, me_too_texts
--                and data are JSON strings, handed to notify as they are
-- Returns "ok", or "conflict" when the barrier changed (or was merged) since it was read.
local u = cjson.decode(ARGV[1])
local cur = redis.call('HGET', KEYS[1], 'data')
if not cur or barrier_status(cur) ~= u.status_read or jstr(cur, 'merged_into') then return 'conflict' end
redis.call('HSET', KEYS[1], 'data', u.data)
-- an escalated barrier stops waiting for a lead once one acknowledges it
redis.call('SREM', KEYS[3], u.id)
if u.status == 'resolved' then
  redis.call('SREM', KEYS[2], u.id)
  if redis.call('HSETNX', KEYS[5], 'barrier_resolved', badgetime(u.notice.now)) == 1
    and redis.call('HEXISTS', KEYS[7], 'data') == 1 then
    redis.call('HSET', KEYS[7], 'sv', u.stamp)
  end
end
local n = u.notice
local function tell(ukey, inbox, texts)
  notify(ukey, inbox, KEYS[6], '', n.id, 'barrier_update', texts, n.data, n.now, 'barrier_update', '0', n.cap, '0')
end
tell(KEYS[7], KEYS[8], n.texts)
for _, user in ipairs(redis.call('SMEMBERS', KEYS[4])) do
  if user ~= u.reporter then tell(keyof(u.user, user), keyof(u.inbox, user), n.me_too_texts) end
end
return 'ok'
