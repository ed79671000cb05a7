-- Leases due reminders to one scheduler: their due time moves a lease ahead, so another replica
-- polling at the same moment skips them, and a crashed one's lease runs out. An entry of a user
-- who no longer exists is dropped. An entry no longer due (another scheduler leased it since the
-- caller read the schedule) is skipped.
-- KEYS[1]  the org's schedule
-- KEYS[2…] the hashes of the users whose entries the caller found due, in ARGV[3…]'s order
-- ARGV[1]  now (Unix ms)
-- ARGV[2]  the lease (ms)
-- ARGV[3…] those users' ids
-- Returns {"<kind alias>|<user>", due (Unix ms), …}.
local now, leased = tonumber(ARGV[1]), tonumber(ARGV[1]) + tonumber(ARGV[2])
local out = {}
for i = 3, #ARGV do
  local member, ukey = ARGV[i], KEYS[i - 1]
  local score = redis.call('ZSCORE', KEYS[1], member)
  if score and tonumber(score) <= now then
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
end
return out
