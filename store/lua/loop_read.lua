-- Reads what a first read of the day or a swap is decided from (see loopRead in today.go), or,
-- when the user's newest assignment is of the day asked or later, that assignment to show. It
-- decides nothing: the server does.
-- KEYS[1]  the user's assignments (day → record, "latest" → newest day, "tm" → team)
-- KEYS[2]  the user (its field "tv" is the view stamp)
-- KEYS[3]  the org's settings (its field "cv" is the catalogue stamp)
-- KEYS[4]  the gesture catalogue
-- KEYS[5]  the challenge catalogue
-- KEYS[6]  the Idempotency-Key's record (read only when the read names one)
-- ARGV[1]  the read, JSON (loopRead)
-- Returns {"view", user, view stamp, catalogue stamp, latest day, team, record, gesture, value,
-- challenge, story text, barrier text} (the texts a record leaves to its shared story and
-- reported barrier, "" for none), {"state", user, view stamp, catalogue stamp, latest day, team, org, catalogue,
-- challenge catalogue, idempotency record, the channel of the user's team ("" none), record of each
-- day asked…} or {"not_found"}.
local r = cjson.decode(ARGV[1])
local u = redis.call('HMGET', KEYS[2], 'data', 'tv')
if not u[1] then return {'not_found'} end
-- "active" is always written, true or false: no decode of the user is needed for it
if r.active and not string.find(u[1], '"active":true', 1, true) then return {'not_found'} end
local h = redis.call('HMGET', KEYS[1], 'latest', 'tm')
local latest, team = h[1] or '', h[2] or ''
local cv = redis.call('HGET', KEYS[3], 'cv') or ''
local out = {'', u[1], u[2] or '', cv, latest, team}
local function data(key) return redis.call('HGET', key, 'data') or '' end
if r.view_from ~= '' and latest >= r.view_from then
  out[1] = 'view'
  local rec = redis.call('HGET', KEYS[1], latest) or ''
  local g, c = string.match(rec, '^1|([^|]*)|([^|]*)|')
  local gesture = g and data(r.gesture .. g) or ''
  local value = ''
  if gesture ~= '' then value = data(r.value .. (jstr(gesture, 'value_id') or cjson.decode(gesture).value_id)) end
  local challenge = ''
  if c and c ~= '' then challenge = data(r.challenge .. c) end
  -- a record with an outcome has 20 fields; flags (the 10th) 2 and 4 say its texts are held
  local f, from = {}, 1
  for i = 1, 19 do
    local to = string.find(rec, '|', from, true)
    if not to then break end
    f[i], from = string.sub(rec, from, to - 1), to + 1
  end
  local flags, story, barrier = tonumber(f[10] or '') or 0, '', ''
  if math.floor(flags / 2) % 2 == 1 then story = held_text(data(r.story .. f[15]), 7) end
  if math.floor(flags / 4) % 2 == 1 then barrier = held_text(data(r.barrier .. f[16]), 5) end
  for _, v in ipairs({rec, gesture, value, challenge, story, barrier}) do out[#out + 1] = v end
  return out
end
out[1] = 'state'
out[#out + 1] = redis.call('HGET', KEYS[3], 'data') or ''
out[#out + 1] = redis.call('GET', KEYS[4]) or '[]'
out[#out + 1] = redis.call('GET', KEYS[5]) or '[]'
local idem = ''
if r.idem then idem = redis.call('GET', KEYS[6]) or '' end
out[#out + 1] = idem
-- the team's channel narrows what may be picked; the team is read by its key's prefix (r.team)
local tid = jstr(u[1], 'team_id')
out[#out + 1] = tid and tid ~= '' and jstr(data(r.team .. tid), 'channel') or ''
for _, v in ipairs(redis.call('HMGET', KEYS[1], unpack(r.days))) do out[#out + 1] = v or '' end
return out
