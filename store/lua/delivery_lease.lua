-- Takes the lease on delivering a notification for a consumer: unless another consumer holds it
-- until after now, or, given from, when that consumer still holds it (it was found dead: the
-- caller saw no heartbeat of it). The lease holds "<consumer>|<until, Unix ms>".
-- KEYS[1]  the lease
-- ARGV[1]  the lease, JSON (deliveryLease in notify.go): consumer, now (Unix ms, the injected
--          clock), till (Unix ms), keep (ms Redis keeps the key; only to clean up: the time that
--          counts is till), from (the holder to take it from, or "")
-- Returns "" when taken, else the holder.
local a = cjson.decode(ARGV[1])
local cur = redis.call('GET', KEYS[1])
if cur then
  local sep = string.find(cur, '|', 1, true)
  if sep then
    local holder = string.sub(cur, 1, sep - 1)
    if holder ~= a.consumer and holder ~= a.from and tonumber(string.sub(cur, sep + 1)) > a.now then
      return holder
    end
  end
end
redis.call('SET', KEYS[1], a.consumer .. '|' .. string.format('%.0f', a.till), 'PX', string.format('%.0f', a.keep))
return ''
