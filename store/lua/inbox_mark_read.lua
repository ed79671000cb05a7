-- Moves a user's read marker forward (never back), and never past the newest notification
-- there is, which would hide the ones still to come.
-- KEYS[1]  the read marker
-- KEYS[2]  the inbox
-- ARGV[1]  the id read up to
local upto = ARGV[1]
local newest = redis.call('LINDEX', KEYS[2], 0)
if not newest then return 0 end
local id = cjson.decode(newest).id
if upto > id then upto = id end
local cur = redis.call('GET', KEYS[1])
if not cur or cur < upto then redis.call('SET', KEYS[1], upto) end
return 0
