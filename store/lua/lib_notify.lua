-- notify(ukey, inbox, outbox, oncekey, id, kind, texts, data, created, collapse, once, cap, oncettl)
-- puts a notification into a user's inbox and the org's push outbox, in the caller's step:
-- scripts whose events notify someone (kudos, spotlight, barrier updates, suggestion reviews,
-- the write script's notify op) include it so the notification is part of the event.
--   ukey      the user hash (nothing happens for a missing or inactive user)
--   inbox     the user's inbox list, kept to cap entries
--   outbox    the org's push outbox stream
--   oncekey   the once guard, used when once is '1' (held for oncettl seconds)
--   texts     JSON {locale: [title, body]}; the user's locale, else 'en'
--   data      JSON object of the notification's data
--   created   RFC 3339
--   collapse  the push collapse key ('' none)
-- Returns id, or '' when nothing was sent (no such user, inactive, or once and sent before).
local function notify(ukey, inbox, outbox, oncekey, id, kind, texts, data, created, collapse, once, cap, oncettl)
  if once == '1' and not redis.call('SET', oncekey, id, 'NX', 'EX', oncettl) then return '' end
  local udata = redis.call('HGET', ukey, 'data')
  if not udata then return '' end
  local u = cjson.decode(udata)
  if not u.active then return '' end
  local tx = cjson.decode(texts)
  local t = tx[u.locale] or tx['en']
  local n = cjson.encode({id = id, kind = kind, title = t[1], body = t[2], data = cjson.decode(data), created_at = created})
  redis.call('LPUSH', inbox, n)
  redis.call('LTRIM', inbox, 0, tonumber(cap) - 1)
  redis.call('XADD', outbox, 'MAXLEN', '~', 1000000, '*', 'u', u.id, 'n', n, 'c', collapse, 'a', '0')
  return id
end
