-- Leases due reminders to one scheduler: their due time moves a lease ahead, so another replica
-- polling at the same moment skips them, and a crashed one's lease runs out. An entry of a user
-- who no longer exists is dropped.
-- KEYS[1]  the org's schedule
-- ARGV[1]  the org's key base (user hashes are built from it and share its slot)
-- ARGV[2]  now (Unix ms)
-- ARGV[3]  the lease (ms)
-- ARGV[4]  at most this many entries
-- Returns {"<kind alias>|<user>", due (Unix ms), …}.
local now, leased = tonumber(ARGV[2]), tonumber(ARGV[2]) + tonumber(ARGV[3])
local entries = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[4]))
local out = {}
for i = 1, #entries, 2 do
  local member = entries[i]
  local ukey = ARGV[1] .. 'user:' .. member
  local due = readdue(ukey)
  local kinds = {}
  for kind in pairs(due) do kinds[#kinds+1] = kind end
  table.sort(kinds)
  for _, kind in ipairs(kinds) do
    if due[kind] <= now then
      out[#out+1] = kind .. '|' .. member
      out[#out+1] = string.format('%.0f', due[kind])
      due[kind] = leased
    end
  end
  if redis.call('EXISTS', ukey) == 1 then
    writedue(ukey, KEYS[1], member, due)
  else
    redis.call('ZREM', KEYS[1], member)
  end
end
return out
