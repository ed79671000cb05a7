-- Reads what a first read of the day or a swap is decided from (see loopRead in today.go), or,
-- when the user's newest assignment is of the day asked or later, that assignment to show. It
-- decides nothing: the server does.
-- KEYS[1]  the user's assignments (day → record, "latest" → newest day, "tm" → team)
-- KEYS[2]  the user (its field "tv" is the view stamp)
-- KEYS[3]  the org's settings (its field "cv" is the catalogue stamp)
-- KEYS[4]  the gesture catalogue
-- KEYS[5]  the challenge catalogue
-- KEYS[6]  the Idempotency-Key's record (read only when the read names one)
-- KEYS[7]  the org's active values
-- KEYS[8]  the org's teams' channels (team id → channel; a change sets a new catalogue stamp)
-- ARGV     named pairs (lib_args), then "--" and the days whose records a state answers:
--   view_from  answer the newest assignment when it is of this day or later ("" never)
--   active     "1": an inactive user is not found
--   idem       "1": answer the Idempotency-Key's record
--   org_kept   "1": the replica keeps a copy of the org's state read at catalogue stamp org_stamp
--   org_stamp  (when it is still the org's, the state leaves org, catalogues and values out: "kept")
--   gesture, value, challenge, story, barrier   the keys of those objects without their id
-- Returns {"view", user, view stamp, catalogue stamp, latest day, team, record, gesture, value,
-- challenge, story text, barrier text} (the texts a record leaves to its shared story and
-- reported barrier, "" for none), {"state", user, view stamp, catalogue stamp, latest day, team, org, catalogue,
-- challenge catalogue, idempotency record, active values (comma-separated), teams' channels
-- (team,channel,… comma-separated), record of each day asked…}, the same as {"kept", …} with the org's parts "", or {"not_found"}.
local r, from = args()
local u = redis.call('HMGET', KEYS[2], 'data', 'tv')
if not u[1] then return {'not_found'} end
-- "active" is always written, true or false: no decode of the user is needed for it
if r.active == '1' and not string.find(u[1], '"active":true', 1, true) then return {'not_found'} end
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
local idem = ''
if r.idem == '1' then idem = redis.call('GET', KEYS[6]) or '' end
if r.org_kept == '1' and r.org_stamp == cv then
  -- the replica's copy of the org's settings, catalogues and active values is current
  out[1] = 'kept'
  for _, v in ipairs({'', '', '', idem, '', ''}) do out[#out + 1] = v end
else
  out[1] = 'state'
  out[#out + 1] = redis.call('HGET', KEYS[3], 'data') or ''
  out[#out + 1] = redis.call('GET', KEYS[4]) or '[]'
  out[#out + 1] = redis.call('GET', KEYS[5]) or '[]'
  out[#out + 1] = idem
  out[#out + 1] = table.concat(redis.call('SMEMBERS', KEYS[7]), ',')
  out[#out + 1] = table.concat(redis.call('HGETALL', KEYS[8]), ',')
end
for _, v in ipairs(redis.call('HMGET', KEYS[1], unpack(ARGV, from))) do out[#out + 1] = v or '' end
return out
