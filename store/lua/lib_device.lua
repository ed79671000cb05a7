-- A user's devices are fields "dev:<device id>" of their user hash; the org's token index maps a
-- push token to the user whose device holds it.
--   forgetdevice(ukey, device)   removes the device from the user hash ukey
--   deviceof(ukey, token)        the id of the device of ukey that holds token, or nil
local function forgetdevice(ukey, device)
  redis.call('HDEL', ukey, 'dev:' .. device)
end
local function deviceof(ukey, token)
  local kv = redis.call('HGETALL', ukey)
  for i = 1, #kv, 2 do
    if string.sub(kv[i], 1, 4) == 'dev:' and cjson.decode(kv[i+1]).token == token then
      return string.sub(kv[i], 5)
    end
  end
  return nil
end
