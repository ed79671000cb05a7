-- Reads an org's catalog stamp and the JSON of all its gestures and values in one step.
-- KEYS[1]  the org's settings
-- KEYS[2]  its gestures (a sorted set of ids)
-- KEYS[3]  its values (a sorted set of ids)
-- ARGV[1]  the org's key base (gesture and value keys are built from it and share its slot)
-- ARGV[2]  the most objects to read
-- Returns {stamp, "ok", key, JSON, …}, or {stamp, "large"} (more objects than ARGV[2]: none read).
local stamp = redis.call('HGET', KEYS[1], 'cv') or ''
local gs, vs = redis.call('ZRANGE', KEYS[2], 0, -1), redis.call('ZRANGE', KEYS[3], 0, -1)
if #gs + #vs > tonumber(ARGV[2]) then return {stamp, 'large'} end
local out = {stamp, 'ok'}
for kind, ids in pairs({['gesture:'] = gs, ['value:'] = vs}) do
  for _, id in ipairs(ids) do
    out[#out + 1] = kind .. id
    out[#out + 1] = redis.call('HGET', ARGV[1] .. kind .. id, 'data') or ''
  end
end
return out
