package store

// luaPrelude is prepended to the daily-loop scripts: day arithmetic (days since 1970-01-01,
// Hinnant's civil calendar algorithms, exact for any Gregorian date), object reads, and the
// streak rules. Keeping the streak rules in one place that runs inside Redis is what lets an
// outcome, its points, streak and badges be written all or nothing.
const luaPrelude = `
local function dnum(s)
  local y, m, d = tonumber(string.sub(s, 1, 4)), tonumber(string.sub(s, 6, 7)), tonumber(string.sub(s, 9, 10))
  if m <= 2 then y = y - 1 end
  local era = math.floor(y / 400)
  local yoe = y - era * 400
  local mp = (m + 9) % 12
  local doy = math.floor((153 * mp + 2) / 5) + d - 1
  local doe = yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
end
local function dstr(z)
  z = z + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  if m <= 2 then y = y + 1 end
  return string.format('%04d-%02d-%02d', y, m, d)
end
local function wday(z) return (z + 3) % 7 + 1 end
local function str(v) if v == nil or v == cjson.null then return '' end return v end
local function obj(key)
  local d = redis.call('HGET', key, 'data')
  if d then return cjson.decode(d) end
  return nil
end
-- Assignment records are kept for every user's every day, so they are stored compactly (see
-- recordFormat in dayrecord.go): '|'-separated fields (earlier versions wrapped them in a JSON
-- string, 2 B more and escapes in the texts, which is still read), times as seconds from the
-- start of the record's day, codes for result and reaction, nothing that can be derived (the id,
-- the day, ra when it is ms's second). A record this cannot say exactly (an unexpected field, a
-- time not in canonical UTC RFC 3339, a '|' in an id) is stored as a JSON object without its
-- empty fields instead, as records were before. record() reads both and puts everything back,
-- so scripts and readers see the full shape.
local recfill = {c = '', x = ''}
local outfill = {re = '', st = '', sh = false, bc = '', bt = '', sid = '', bid = ''}
local reckeys = {id = true, d = true, g = true, c = true, sw = true, x = true, t = true, b = true, o = true}
local outkeys = {r = true, re = true, st = true, sh = true, bc = true, bt = true, oa = true, ra = true,
                 ms = true, p = true, sid = true, bid = true, tm = true, sts = true, bts = true}
local rescode = {done = 'd', skipped = 's', blocked = 'b'}
local resname = {d = 'done', s = 'skipped', b = 'blocked'}
local reacode = {[''] = '', delighted = '1', positive = '2', neutral = '3', negative = '4'}
local reaname = {[''] = '', ['1'] = 'delighted', ['2'] = 'positive', ['3'] = 'neutral', ['4'] = 'negative'}
local function tfmt(secs)
  local z = math.floor(secs / 86400)
  local r = secs - z * 86400
  return dstr(z) .. string.format('T%02d:%02d:%02dZ', math.floor(r / 3600), math.floor(r % 3600 / 60), r % 60)
end
-- tsec answers the Unix seconds of a canonical UTC RFC 3339 time, or nil.
local function tsec(s)
  if type(s) ~= 'string' then return nil end
  local d, h, mi, se = string.match(s, '^(%d%d%d%d%-%d%d%-%d%d)T(%d%d):(%d%d):(%d%d)Z$')
  if not d then return nil end
  local n = dnum(d) * 86400 + tonumber(h) * 3600 + tonumber(mi) * 60 + tonumber(se)
  if tfmt(n) ~= s then return nil end
  return n
end
-- badgetime is how a badge's hash keeps the RFC 3339 time it was earned at: its Unix seconds,
-- 10 B less (the time itself when it is not canonical UTC). The badges' reader takes both.
local function badgetime(s)
  local n = tsec(s)
  if n then return string.format('%d', n) end
  return s
end
local function int(v)
  if type(v) ~= 'number' or v ~= math.floor(v) or math.abs(v) >= 2^53 then return nil end
  return string.format('%d', v)
end
local function plain(v) return type(v) == 'string' and not string.find(v, '|', 1, true) end
local function compact(rec, team)
  for k in pairs(rec) do if not reckeys[k] then return nil end end
  if type(rec.d) ~= 'string' or not plain(rec.g) or not plain(rec.c) or not plain(rec.x) then return nil end
  local base, t = dnum(rec.d) * 86400, tsec(rec.t)
  local sw, b = int(rec.sw), ''
  if rec.b ~= nil then b = int(rec.b) end
  if not t or not sw or not b then return nil end
  local f = {'1', rec.g, rec.c, sw, rec.x, string.format('%d', t - base), b}
  local o = rec.o
  if o then
    if type(o) ~= 'table' then return nil end
    for k in pairs(o) do if not outkeys[k] then return nil end end
    local ms, oa, ra, p = int(o.ms), tsec(o.oa), tsec(o.ra), int(o.p)
    if not ms or not oa or not ra or not p or not rescode[o.r] or not reacode[o.re] or type(o.sh) ~= 'boolean'
      or not plain(o.sid) or not plain(o.bid) or not plain(o.tm) or not plain(o.bc)
      or type(o.st) ~= 'string' or type(o.bt) ~= 'string' then return nil end
    -- A shared story's text is kept by the story, a reported barrier's by the barrier (sts,
    -- bts: the outcome script wrote them there). Flags: 1 shared, 2 and 4 those texts left out.
    local flags, st, bt = o.sh and 1 or 0, o.st, o.bt
    if o.sts and o.sh and o.sid ~= '' then flags, st = flags + 2, '' end
    if o.bts and o.bid ~= '' then flags, bt = flags + 4, '' end
    local msb = math.floor(o.ms / 1000)
    local rd = ''
    if ra ~= msb then rd = string.format('%d', ra - msb) end
    local tm = o.tm
    if tm ~= '' and tm == team then tm = '=' end -- the team the user's hash names (see packed)
    for _, v in ipairs({rescode[o.r], reacode[o.re], flags > 0 and flags or '', string.format('%d', o.ms - base * 1000),
                        string.format('%d', oa - msb), rd, p, o.sid, o.bid, tm, o.bc, #st, st .. bt}) do
      f[#f + 1] = v
    end
  end
  return table.concat(f, '|')
end
-- packed(rec, team) is rec as stored; team is the user's hash's "tm" field (nil for none): a
-- compact record of an outcome in that team says "=" instead of the team's id, 26 B less on
-- nearly every record (users seldom change teams).
local function packed(rec, team)
  local c = compact(rec, team)
  if c then return c end
  local r = {}
  for k, v in pairs(rec) do
    if k ~= 'id' and k ~= 'd' and k ~= 'o' and v ~= recfill[k] then r[k] = v end
  end
  if rec.o then
    local o = {}
    for k, v in pairs(rec.o) do if v ~= outfill[k] then o[k] = v end end
    if o.ra == o.oa then o.ra = nil end
    r.o = o
  end
  return cjson.encode(r)
end
-- tday is tfmt for a time of day (the day starting at Unix second base), without the calendar
-- arithmetic when the time falls on that day, as a record's times nearly always do.
local function tday(day, base, secs)
  local r = secs - base
  if r < 0 or r >= 86400 then return tfmt(secs) end
  return day .. string.format('T%02d:%02d:%02dZ', math.floor(r / 3600), math.floor(r % 3600 / 60), r % 60)
end
local function uncompact(s, day, ak)
  local f, pos = {}, 1
  for _ = 1, 19 do
    local e = string.find(s, '|', pos, true)
    if not e then break end
    f[#f + 1] = string.sub(s, pos, e - 1)
    pos = e + 1
  end
  f[#f + 1] = string.sub(s, pos)
  local base = dnum(day) * 86400
  local rec = {g = f[2], c = f[3], sw = tonumber(f[4]), x = f[5], t = tday(day, base, base + tonumber(f[6]))}
  if f[7] ~= '' then rec.b = tonumber(f[7]) end
  if #f == 20 then
    local ms = base * 1000 + tonumber(f[11])
    local msb = math.floor(ms / 1000)
    local n = tonumber(f[19])
    local flags = tonumber(f[10]) or 0
    rec.o = {r = resname[f[8]], re = reaname[f[9]], sh = flags % 2 == 1, sts = math.floor(flags / 2) % 2 == 1 or nil,
             bts = math.floor(flags / 4) % 2 == 1 or nil, ms = ms, oa = tday(day, base, msb + tonumber(f[12])),
             ra = tday(day, base, msb + (tonumber(f[13]) or 0)), p = tonumber(f[14]), sid = f[15], bid = f[16], tm = f[17],
             bc = f[18], st = string.sub(f[20], 1, n), bt = string.sub(f[20], n + 1)}
    if rec.o.tm == '=' then rec.o.tm = redis.call('HGET', ak, 'tm') or '' end
  end
  return rec
end
local function record(ak, day)
  local raw = redis.call('HGET', ak, day)
  if not raw then return nil end
  local rec
  local c = string.sub(raw, 1, 1)
  if c == '1' then rec = uncompact(raw, day, ak)
  elseif c == '"' then rec = uncompact(cjson.decode(raw), day, ak) -- as earlier versions stored it
  else rec = cjson.decode(raw) end
  rec.d = day
  for k, v in pairs(recfill) do if rec[k] == nil then rec[k] = v end end
  local o = rec.o
  if o then
    for k, v in pairs(outfill) do if o[k] == nil then o[k] = v end end
    if o.ra == nil then o.ra = o.oa end
  end
  return rec
end
-- peek reads only a record's gesture and result ({g, o = {r}} or nil), for the loops over a
-- user's recent days (streaks, recent gestures, a lead's week): a compact record's other fields
-- are not decoded.
local function peek(ak, day)
  local raw = redis.call('HGET', ak, day)
  if not raw then return nil end
  local c = string.sub(raw, 1, 1)
  if c == '{' then
    local rec = cjson.decode(raw)
    return {g = rec.g, o = rec.o and {r = rec.o.r}}
  end
  if c == '"' then raw = cjson.decode(raw) end
  local g, code = string.match(raw, '^1|([^|]*)|[^|]*|[^|]*|[^|]*|[^|]*|[^|]*|?([dsb]?)')
  if code and code ~= '' then return {g = g, o = {r = resname[code]}} end
  return {g = g}
end

-- expire gives a period's board or counter its time to live. The time is the period's end plus
-- what is kept after it, the same whenever it is computed, so it is set when a key or member
-- is first written (a key never exists without one) and not again on every outcome.
local function expire(key, exp) if exp ~= '' then redis.call('EXPIRE', key, exp) end end
` + luaBoardScore + luaLexIndex + `
-- boardscoreof is a user's score on board z (nil when not on it).
local function boardscoreof(z, id)
  local s = redis.call('ZSCORE', z, id)
  return s and tonumber(s)
end
-- bump adds pts (> 0) reached at ms (Unix milliseconds) to a user's place on board z. The reach time kept is the latest of all increments, so
-- replaying outcomes in any order (a rebuild) gives the same board. exp is the board's time to
-- live (see expire), given when the board first holds the user.
local function bump(z, id, pts, ms, exp)
  if pts <= 0 then return end
  local s = boardscoreof(z, id)
  local sec, have = math.floor(ms / 1000), 0
  if s then have, sec = boardpoints(s), math.max(sec, boardreached(s)) end
  redis.call('ZADD', z, boardscore(have + pts, sec), id)
  if not s then expire(z, exp) end
end

-- adjust moves a user's points on a board by pts (which may be negative, never below zero),
-- keeping their reach time.
local function adjust(z, id, pts, ms, exp)
  if pts > 0 then return bump(z, id, pts, ms, exp) end
  local s = boardscoreof(z, id)
  if not s then return end
  redis.call('ZADD', z, boardscore(math.max(0, boardpoints(s) + pts), boardreached(s)), id)
end

-- leads reports whether user leads team.
local function leads(base, team, user)
  if not team or team == '' then return false end
  local t = redis.call('HGET', base .. 'team:' .. team, 'data')
  if not t then return false end
  for _, id in ipairs(cjson.decode(t).lead_ids or {}) do if id == user then return true end end
  return false
end

-- boardchanged gives a team's boards a new stamp: replicas keep copies of boards by it (see
-- Store.WholeTeamBoard), so every change to a team board must come with one.
local function boardchanged(base, team, stamp) redis.call('HSET', base .. 'lbstamps', team, stamp) end

-- feedchanged gives the org's feed and a team's a new stamp: replicas keep copies of feed pages
-- by it (see Store.Feed), so every change to what a card shows must come with one.
local function feedchanged(base, team, stamp)
  redis.call('HSET', base .. 'feedstamps', '*', stamp)
  if team and team ~= '' and team ~= cjson.null then redis.call('HSET', base .. 'feedstamps', team, stamp) end
end

-- account adds one recorded outcome to the leaderboards and the team dashboard counters of the
-- periods it occurred in. periods is {{key, seconds to live or ''}, …} (week, month, all);
-- stamp is a new board stamp.
local function account(base, uid, team, rec, periods, ms, stamp)
  local o = rec.o
  if team ~= '' then
    if o.p > 0 then boardchanged(base, team, stamp) end
    for i, p in ipairs(periods) do
      bump(base .. 'lb:t:' .. team .. ':' .. p[1], uid, o.p, ms, p[2])
      if o.p > 0 then
        -- the team's first points of the period (a team at 0 gets the same time to live again)
        if tonumber(redis.call('ZINCRBY', base .. 'lb:o:' .. p[1], o.p, team)) == o.p then
          expire(base .. 'lb:o:' .. p[1], p[2])
        end
      end
      if i <= 2 then -- dashboards cover weeks and months
        local d = base .. 'dash:' .. team .. ':' .. p[1]
        -- a result's first count is where the hash may have been made: it gets its time then
        if redis.call('HINCRBY', d, o.r, 1) == 1 then expire(d, p[2]) end
        if o.re ~= '' then redis.call('HINCRBY', d, 'r:' .. o.re, 1) end
        if o.sh then redis.call('HINCRBY', d, 'stories', 1) end
        if o.r == 'done' then
          if redis.call('HINCRBY', d .. ':u', uid, 1) == 1 then expire(d .. ':u', p[2]) end
          if tonumber(redis.call('ZINCRBY', d .. ':g', 1, rec.g)) == 1 then expire(d .. ':g', p[2]) end
        end
      end
    end
    if o.r == 'done' then
      -- the team's gestures per local day, beside its customers' answers (see TeamDoneDays)
      local dd = base .. 'team:' .. team .. ':donedays'
      redis.call('HINCRBY', dd, rec.d, 1)
      redis.call('HINCRBY', dd, rec.d .. '|' .. rec.g, 1)
    end
  end
  if rec.c ~= '' and o.r == 'done' then
    bump(base .. 'lb:c:' .. rec.c, uid, o.p, ms, '')
  end
end

` + luaStory + `
`

// catalogLua rebuilds the compact gesture and challenge catalogues the daily scripts pick
// from. It is an op of writeScript ("catalog"), run by every change to gestures or challenges
// in the same step as the change; it reads the current objects, so the catalogues always
// reflect all of them.
//
// base the org's key base, gestures and challenges the org's sorted sets of them, catalog and
// challengeCatalog the catalogues.
const catalogLua = `
local function rebuild_catalog(base, gestures, catalog, challenges, challengeCatalog)
  local function object(key)
    local d = redis.call('HGET', key, 'data')
    if d then return cjson.decode(d) end
    return nil
  end
  local gs = {}
  for _, id in ipairs(redis.call('ZRANGE', gestures, 0, -1)) do
    local g = object(base .. 'gesture:' .. id)
    if g and g.active then
      gs[#gs + 1] = {i = id, r = table.concat(g.roles or {}, ','), t = table.concat(g.team_ids or {}, ','), v = g.value_id, p = g.points,
                     c = type(g.channels) == 'table' and table.concat(g.channels, ',') or ''}
    end
  end
  local cs = {}
  for _, id in ipairs(redis.call('ZRANGE', challenges, 0, -1)) do
    local c = object(base .. 'challenge:' .. id)
    if c then
      cs[#cs + 1] = {i = id, s = c.starts_on, e = c.ends_on, t = table.concat(c.team_ids or {}, ','),
                     g = table.concat(c.gesture_ids or {}, ','), b = c.bonus_points}
    end
  end
  redis.call('SET', catalog, #gs > 0 and cjson.encode(gs) or '[]')
  redis.call('SET', challengeCatalog, #cs > 0 and cjson.encode(cs) or '[]')
end
`

// replayScript adds stored outcomes to the leaderboards and dashboard counters again (rebuild).
//
// KEYS[1] the days with outcomes (unused but names the slot). ARGV[1] the org's key base,
// ARGV[2] a new board stamp, then per outcome six values: user id, team id, day, week key, month
// key, and the two expiries joined as "week|month" (seconds to live).
var replayScript = newLoopScript(`
local base = ARGV[1]
local n = 0
for i = 3, #ARGV, 6 do
  local rec = record(base .. 'asg:' .. ARGV[i], ARGV[i + 2])
  if rec and rec.o then
    local sep = string.find(ARGV[i + 5], '|', 1, true)
    local wexp, mexp = string.sub(ARGV[i + 5], 1, sep - 1), string.sub(ARGV[i + 5], sep + 1)
    account(base, ARGV[i], ARGV[i + 1], rec, {{ARGV[i + 3], wexp}, {ARGV[i + 4], mexp}, {'all', ''}}, tonumber(rec.o.ms) or 0, ARGV[2])
    if rec.o.r == 'blocked' and rec.o.bid ~= '' and ARGV[i + 1] ~= '' then
      local b = redis.call('HGET', base .. 'barrier:' .. rec.o.bid, 'data')
      if b and barrier_status(b) ~= 'resolved' then
        redis.call('SADD', base .. 'team:' .. ARGV[i + 1] .. ':barriers:open', rec.o.bid)
      end
    end
    n = n + 1
  end
end
return n
`)
