-- Puts a notification into a user's inbox and the push outbox in one step (see lib_notify).
-- KEYS[1]  the user hash
-- KEYS[2]  their inbox
-- KEYS[3]  the org's outbox
-- KEYS[4]  the once guard
-- ARGV[1]  the notification, JSON (notifyArgs in notify.go): id, kind, texts (JSON text),
--          data (JSON text), created, collapse, once ("1" to use the guard), cap (inbox
--          entries kept), once_ttl (seconds the guard is held)
-- Returns the id, or "" (no such user, or once and sent before).
local a = cjson.decode(ARGV[1])
return notify(KEYS[1], KEYS[2], KEYS[3], KEYS[4], a.id, a.kind, a.texts, a.data, a.created, a.collapse,
  a.once, a.cap, a.once_ttl)
