-- deliver(inbox, outbox, user, n, collapse, cap) puts notification n (its JSON, addressed in Go:
-- domain.Draft.Address) into a user's inbox, kept to cap entries, and into the org's push
-- outbox, in the caller's step (the write script's notify op).
--   inbox     the user's inbox list
--   outbox    the org's push outbox stream
--   user      the user's id
--   collapse  the push collapse key ('' none)
local function deliver(inbox, outbox, user, n, collapse, cap)
  redis.call('LPUSH', inbox, n)
  redis.call('LTRIM', inbox, 0, tonumber(cap) - 1)
  redis.call('XADD', outbox, 'MAXLEN', '~', 1000000, '*', 'u', user, 'n', n, 'c', collapse, 'a', '0')
end
