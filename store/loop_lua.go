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
local function has(list, item)
  if not list or list == '' then return false end
  for x in string.gmatch(list, '[^,]+') do if x == item then return true end end
  return false
end
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

-- Streaks count consecutive workdays with a done gesture. A blocked or paused day neither
-- breaks nor extends one; a skipped or missed workday spends a freeze if one is held, else
-- ends it. Every 5 consecutive done workdays earn a freeze, at most 2 held.
local function pausectx(u)
  local p = u.preferences or {}
  local ws = {}
  for _, d in ipairs(p.workdays or {}) do ws[d] = true end
  return {ws = ws, from = str(p.paused_from), till = str(p.paused_until)}
end
local function step(st, rec, z, pc, final)
  if not pc.ws[wday(z)] then return end
  local r = rec and rec.o and rec.o.r
  if r == 'done' then
    st.cur = st.cur + 1
    st.run = st.run + 1
    if st.cur > st.best then st.best = st.cur end
    if st.run % 5 == 0 and st.fr < 2 then st.fr = st.fr + 1 end
    return
  end
  if r == 'blocked' then return end
  local day = dstr(z)
  if pc.till ~= '' and pc.from <= day and day <= pc.till then return end
  if not final and r == nil then return end
  if st.fr > 0 then st.fr = st.fr - 1 else st.cur = 0 end
  st.run = 0
end
local function load_streak(sk)
  local v = redis.call('HMGET', sk, 'cur', 'best', 'fr', 'run', 'fin')
  return {cur = tonumber(v[1]) or 0, best = tonumber(v[2]) or 0, fr = tonumber(v[3]) or 0,
          run = tonumber(v[4]) or 0, fin = v[5]}
end
-- finalize settles every day up to today-2: an outcome for it can no longer arrive.
local function finalize(st, ak, sk, pc, todayz)
  if not st.fin then return end
  local target = todayz - 2
  local from = dnum(st.fin) + 1
  if target < from then return end
  if target - from > 400 then from = target - 400 end
  for z = from, target do step(st, peek(ak, dstr(z)), z, pc, true) end
  st.fin = dstr(target)
  redis.call('HSET', sk, 'cur', st.cur, 'best', st.best, 'fr', st.fr, 'run', st.run, 'fin', st.fin)
end
-- shown adds yesterday and today, where an open day is not (yet) a miss. After travelling
-- west the latest assignment may be dated after today; it is today's, so it counts too.
local function shown(st, ak, pc, todayz)
  local d = {cur = st.cur, best = st.best, fr = st.fr, run = st.run}
  if st.fin then
    local last = todayz
    local latest = redis.call('HGET', ak, 'latest')
    if latest and dnum(latest) > last then last = dnum(latest) end
    for z = dnum(st.fin) + 1, last do step(d, peek(ak, dstr(z)), z, pc, false) end
  end
  return d
end
-- stats answers the numbers of Me.stats as JSON.
local function stats(st, ak, sk, pc, todayz, week, month)
  local d = shown(st, ak, pc, todayz)
  local v = redis.call('HMGET', sk, 'tot', 'dt', 'wk', 'wp', 'mk', 'mp')
  local wp, mp = 0, 0
  if v[3] == week then wp = tonumber(v[4]) or 0 end
  if v[5] == month then mp = tonumber(v[6]) or 0 end
  return {cur = d.cur, best = d.best, fr = d.fr, tot = tonumber(v[1]) or 0, dt = tonumber(v[2]) or 0, wp = wp, mp = mp}
end

-- candidates are the active gestures for the user's role and team on day, the ones of an
-- active challenge for their team first; chof maps a gesture to its challenge, bonus a
-- challenge to its bonus points (an assignment keeps the bonus it was given with).
local function candidates(u, day, catkey, chkey, exclude)
  local cat = cjson.decode(redis.call('GET', catkey) or '[]')
  local role, team = u.role, str(u.team_id)
  local elig = {}
  for _, e in ipairs(cat) do
    if (e.r == '' or has(e.r, role)) and (e.t == '' or (team ~= '' and has(e.t, team))) and not exclude[e.i] then
      elig[#elig + 1] = e.i
    end
  end
  local chof, bonus = {}, {}
  for _, c in ipairs(cjson.decode(redis.call('GET', chkey) or '[]')) do
    if c.s <= day and day <= c.e and (c.t == '' or (team ~= '' and has(c.t, team))) then
      bonus[c.i] = tonumber(c.b) or 0
      for g in string.gmatch(c.g, '[^,]+') do if not chof[g] then chof[g] = c.i end end
    end
  end
  local pref = {}
  for _, g in ipairs(elig) do if chof[g] then pref[#pref + 1] = g end end
  if #pref > 0 then return pref, chof, bonus end
  return elig, chof, bonus
end
-- choose picks from pool, avoiding the gestures of the previous 7 days while others remain.
local function choose(pool, ak, day, seed)
  local recent = {}
  local z = dnum(day)
  for i = 1, 7 do
    local r = peek(ak, dstr(z - i))
    if r then recent[r.g] = true end
  end
  local fresh = {}
  for _, g in ipairs(pool) do if not recent[g] then fresh[#fresh + 1] = g end end
  if #fresh == 0 then fresh = pool end
  if #fresh == 0 then return nil end
  return fresh[(seed % #fresh) + 1]
end
-- expire gives a period's board or counter its time to live. The time is the period's end plus
-- what is kept after it, the same whenever it is computed, so it is set when a key or member
-- is first written (a key never exists without one) and not again on every outcome.
local function expire(key, exp) if exp ~= '' then redis.call('EXPIRE', key, exp) end end
` + luaBoardScore + luaLexIndex + `
-- boardconvert turns a board of the old form (its member hash m exists, see luaBoardScore) into
-- the new one, keeping every user's points, reach time (to the second) and the board's time to
-- live. boardscoreof is a user's score on board z (nil when not on it), converting it first if
-- it is of the old form: a board in the new form holds the user's id itself.
local function boardconvert(z, m)
  local ttl = redis.call('PTTL', z)
  local rows = redis.call('ZRANGE', z, 0, -1, 'WITHSCORES')
  local args = {}
  for i = 1, #rows, 2 do
    local id, sec = rows[i], BOARD_EPOCH
    if boardold(id) then
      sec = math.floor((9999999999999 - tonumber(string.sub(id, 1, 13))) / 1000)
      id = string.sub(id, 15)
    end
    args[#args + 1] = boardscore(tonumber(rows[i + 1]), sec)
    args[#args + 1] = id
  end
  redis.call('DEL', z, m)
  for from = 1, #args, 1000 do -- unpack in slices: Lua's stack is bounded
    redis.call('ZADD', z, unpack(args, from, math.min(from + 999, #args)))
  end
  if #args > 0 and ttl > 0 then redis.call('PEXPIRE', z, ttl) end
end
local function boardscoreof(z, m, id)
  local s = redis.call('ZSCORE', z, id)
  if not s and redis.call('EXISTS', m) == 1 then
    boardconvert(z, m)
    s = redis.call('ZSCORE', z, id)
  end
  return s and tonumber(s)
end
-- bump adds pts (> 0) reached at ms (Unix milliseconds) to a user's place on board z (m its
-- member hash of the old form). The reach time kept is the latest of all increments, so
-- replaying outcomes in any order (a rebuild) gives the same board. exp is the board's time to
-- live (see expire), given when the board first holds the user.
local function bump(z, m, id, pts, ms, exp)
  if pts <= 0 then return end
  local s = boardscoreof(z, m, id)
  local sec, have = math.floor(ms / 1000), 0
  if s then have, sec = boardpoints(s), math.max(sec, boardreached(s)) end
  redis.call('ZADD', z, boardscore(have + pts, sec), id)
  if not s then expire(z, exp) end
end

-- adjust moves a user's points on a board by pts (which may be negative, never below zero),
-- keeping their reach time.
local function adjust(z, m, id, pts, ms, exp)
  if pts > 0 then return bump(z, m, id, pts, ms, exp) end
  local s = boardscoreof(z, m, id)
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
      bump(base .. 'lb:t:' .. team .. ':' .. p[1], base .. 'lb:t:' .. team .. ':' .. p[1] .. ':m', uid, o.p, ms, p[2])
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
    bump(base .. 'lb:c:' .. rec.c, base .. 'lb:c:' .. rec.c .. ':m', uid, o.p, ms, '')
  end
end

-- mark_used remembers that history refers to a gesture (and challenge), so deleting it retires
-- it instead.
local function mark_used(base, rec)
  redis.call('SADD', base .. 'used', rec.g)
  if rec.c ~= '' then redis.call('SADD', base .. 'used', 'c:' .. rec.c) end
end
` + luaStory + `
-- view answers an assignment with its gesture, value, challenge and user, for rendering; a
-- shared story's and a reported barrier's texts are read from the story and the barrier.
local function text_of(key, text, n)
  if text ~= '' then return text end
  local data = redis.call('HGET', key, 'data')
  if not data then return '' end
  return held_text(data, n)
end
local function view(base, rec, udata, graw)
  local o = rec.o
  if o and o.sts then
    o.st, o.sts = text_of(base .. 'story:' .. o.sid, o.st, 7), nil
  end
  if o and o.bts then
    o.bt, o.bts = text_of(base .. 'barrier:' .. o.bid, o.bt, 5), nil
  end
  local g = graw or redis.call('HGET', base .. 'gesture:' .. rec.g, 'data') or ''
  local v = ''
  if g ~= '' then v = redis.call('HGET', base .. 'value:' .. (jstr(g, 'value_id') or cjson.decode(g).value_id), 'data') or '' end
  local c = ''
  if rec.c ~= '' then c = redis.call('HGET', base .. 'challenge:' .. rec.c, 'data') or '' end
  return {cjson.encode(rec), g, v, c, udata}
end
`

// todayScript returns the user's assignment for a day, creating it on first read.
//
// KEYS[1] the user's assignments (hash day → record, "latest" → day, "tm" → team; see
// recordFormat), KEYS[2] the user, KEYS[3] the org, KEYS[4] the gesture catalogue, KEYS[5] the
// challenge catalogue, KEYS[6] the user's stats. (The days of the assignments are the hash's fields.)
// ARGV[1] the user's local day, ARGV[2] the org's key base, ARGV[3] the seed, ARGV[4] now
// (RFC 3339), ARGV[5] the new assignment's id, ARGV[6] a new view stamp (see fieldViewStamp in
// loop.go).
// Returns {"ok", assignment, gesture, value, challenge, user, stamps} or {error code}; stamps are
// the user's and the org's view stamps as read with the rest.
var todayScript = newLoopScript(`
local udata = redis.call('HGET', KEYS[2], 'data')
if not udata then return {'not_found'} end
-- "active" is always written, true or false: a read of the day's assignment needs no more of
-- the user than that (a decode costs Redis more than the rest of the read)
if not string.find(udata, '"active":true', 1, true) then return {'not_found'} end
local day = ARGV[1]
local latest = redis.call('HGET', KEYS[1], 'latest')
if latest and latest >= day then
  local v = view(ARGV[2], record(KEYS[1], latest), udata)
  table.insert(v, 1, 'ok')
  v[#v + 1] = (redis.call('HGET', KEYS[2], 'tv') or '') .. '/' .. (redis.call('HGET', KEYS[3], 'cv') or '')
  return v
end
local u = cjson.decode(udata)
local o = cjson.decode(redis.call('HGET', KEYS[3], 'data'))
local pool, chof, bonus = candidates(u, day, KEYS[4], KEYS[5], {})
local g = choose(pool, KEYS[1], day, tonumber(ARGV[3]))
if not g then return {'no_gestures'} end
local rec = {id = ARGV[5], d = day, g = g, c = chof[g] or '', sw = o.swaps_per_day, x = '', t = ARGV[4]}
if rec.c ~= '' then rec.b = bonus[rec.c] end
redis.call('HSET', KEYS[1], day, packed(rec), 'latest', day)
redis.call('HSET', KEYS[2], 'tv', ARGV[6])
mark_used(ARGV[2], rec)
if redis.call('HEXISTS', KEYS[6], 'fin') == 0 then redis.call('HSET', KEYS[6], 'fin', dstr(dnum(day) - 1)) end
local v = view(ARGV[2], rec, udata)
table.insert(v, 1, 'ok')
v[#v + 1] = ARGV[6] .. '/' .. (redis.call('HGET', KEYS[3], 'cv') or '')
return v
`)

// swapScript gives the user's current assignment another gesture.
//
// KEYS as todayScript, then KEYS[7] the Idempotency-Key's record (kept with the outcomes'; see
// outcomeScript). ARGV[1] the assignment's day, ARGV[2] the seed, ARGV[3] the org's key base,
// ARGV[4] a new view stamp, ARGV[5] the request's fingerprint ("" without an Idempotency-Key).
// Returns {"ok"|"replay", view…} or {error}: a key that swapped before answers the assignment
// as it is, swapping nothing.
var swapScript = newLoopScript(`
local udata = redis.call('HGET', KEYS[2], 'data')
if not udata then return {'not_found'} end
local u = cjson.decode(udata)
local day = ARGV[1]
local rec = record(KEYS[1], day)
if ARGV[5] ~= '' then
  local prev = redis.call('GET', KEYS[7])
  if prev then
    if cjson.decode(prev).f ~= ARGV[5] then return {'idempotency_key_reused'} end
    if not rec then return {'not_found'} end
    local v = view(ARGV[3], rec, udata)
    table.insert(v, 1, 'replay')
    return v
  end
end
if not rec then return {'not_found'} end
if rec.o then return {'already_recorded'} end
if redis.call('HGET', KEYS[1], 'latest') ~= day then return {'too_late'} end
if rec.sw <= 0 then return {'no_swaps_left'} end
local exclude = {[rec.g] = true}
for x in string.gmatch(rec.x, '[^,]+') do exclude[x] = true end
local pool, chof, bonus = candidates(u, day, KEYS[4], KEYS[5], exclude)
local done = 0
for _ in string.gmatch(rec.x, '[^,]+') do done = done + 1 end
local g = choose(pool, KEYS[1], day, tonumber(ARGV[2]) + done + 1)
if not g then return {'no_alternative'} end
if rec.x == '' then rec.x = rec.g else rec.x = rec.x .. ',' .. rec.g end
rec.g, rec.c, rec.sw = g, chof[g] or '', rec.sw - 1
if rec.c ~= '' then rec.b = bonus[rec.c] else rec.b = nil end
redis.call('HSET', KEYS[1], day, packed(rec))
redis.call('HSET', KEYS[2], 'tv', ARGV[4])
mark_used(ARGV[3], rec)
if ARGV[5] ~= '' then redis.call('SET', KEYS[7], cjson.encode({f = ARGV[5]}), 'EX', 86400) end
local v = view(ARGV[3], rec, udata)
table.insert(v, 1, 'ok')
return v
`)

// statsScript settles the user's streak and answers their stats and badges, and with them the
// user and the name of their team (so that GET /v1/me is one round trip).
//
// KEYS[1] the user's assignments, KEYS[2] the user, KEYS[3] the user's stats, KEYS[4] badges,
// KEYS[5] the org's team labels. ARGV[1] the user's local day, ARGV[2] the current week's key,
// ARGV[3] the current month's key.
// Returns {stats JSON, badges as [id, earned_at, …], the user's JSON, their enrolled field ("" for
// none), their team's label ("" for none)}, or {"{}", {}} for a user not found.
var statsScript = newLoopScript(`
local udata = redis.call('HGET', KEYS[2], 'data')
if not udata then return {'{}', {}} end
local u = cjson.decode(udata)
local pc = pausectx(u)
local st = load_streak(KEYS[3])
local todayz = dnum(ARGV[1])
finalize(st, KEYS[1], KEYS[3], pc, todayz)
local team = str(u.team_id)
local label = ''
if team ~= '' then label = redis.call('HGET', KEYS[5], team) or '' end
return {cjson.encode(stats(st, KEYS[1], KEYS[3], pc, todayz, ARGV[2], ARGV[3])), redis.call('HGETALL', KEYS[4]),
        udata, redis.call('HGET', KEYS[2], '` + fieldEnrolled + `') or '', label}
`)

// outcomeScript records an outcome and everything that follows from it — points, streak,
// badges, the shared story, the reported barrier, the export index and the idempotency
// record — in one atomic step.
//
// KEYS[1] the user's assignments, KEYS[2] the user, KEYS[3] the org, KEYS[4] the user's stats,
// KEYS[5] the user's badges (badge id → when earned; and, until they earn all_values, the
// values they have done: "v:<value id>" → 1, where a hash of their own cost 150 B a user),
// KEYS[6] the outcome index of the day (see keys.outcomeIndex), KEYS[7] the idempotency record,
// KEYS[8] the values done as earlier versions kept them (a hash value id → 1), still counted,
// KEYS[9] the org's active values, KEYS[10] the days with outcomes.
// ARGV[1] the assignment's day, ARGV[2] the user's local today, ARGV[3] result, ARGV[4] reaction,
// ARGV[5] story, ARGV[6] share ("1"/"0"), ARGV[7] barrier category, ARGV[8] barrier text,
// ARGV[9] occurred_at, ARGV[10] now (RFC 3339), ARGV[11] occurred_at's week key, ARGV[12] its
// month key, ARGV[13] the request fingerprint ("" without Idempotency-Key), ARGV[14] a new story
// id, ARGV[15] a new barrier id, ARGV[16] the org's key base, ARGV[17] now (Unix ms),
// ARGV[18] the days of the assignment's org week (comma-separated), ARGV[19] the current week
// key, ARGV[20] the current month key, ARGV[21] the user id, ARGV[22] and ARGV[23] when the
// boards of occurred_at's week and month expire (Unix seconds), ARGV[24] "1" to answer only an
// Idempotency-Key replay, ARGV[25] a new view stamp (also the new board stamp of the user's team).
// Returns {"ok"|"replay", assignment, gesture, value, challenge, user, result JSON} or {error}.
var outcomeScript = newLoopScript(`
local base = ARGV[16]
if ARGV[13] ~= '' then
  local prev = redis.call('GET', KEYS[7])
  if prev then
    local p = cjson.decode(prev)
    if p.f ~= ARGV[13] then return {'idempotency_key_reused'} end
    local v = view(base, record(KEYS[1], ARGV[1]), redis.call('HGET', KEYS[2], 'data'))
    table.insert(v, 1, 'replay')
    v[#v + 1] = p.r
    return v
  end
end
if ARGV[24] == '1' then return {'too_late'} end
local udata = redis.call('HGET', KEYS[2], 'data')
if not udata then return {'not_found'} end
local u = cjson.decode(udata)
local day, result = ARGV[1], ARGV[3]
local rec = record(KEYS[1], day)
if not rec then return {'not_found'} end
if rec.o then return {'already_recorded'} end
local org = cjson.decode(redis.call('HGET', KEYS[3], 'data'))
local team = str(u.team_id)

local bcat = ''
if result == 'blocked' then
  local known = false
  for _, c in ipairs(org.barrier_categories) do if c == ARGV[7] then known = true end end
  if not known then return {'unknown_barrier_category'} end
  bcat = ARGV[7]
end

local graw = redis.call('HGET', base .. 'gesture:' .. rec.g, 'data')
local gesture = graw and cjson.decode(graw)
local shared = result == 'done' and ARGV[6] == '1' and ARGV[5] ~= ''
local pts = 0
if result == 'done' then
  pts = gesture.points
  if rec.b then
    pts = pts + rec.b
  elseif rec.c ~= '' then -- given before assignments kept their bonus
    local ch = obj(base .. 'challenge:' .. rec.c)
    if ch then pts = pts + ch.bonus_points end
  end
  if shared then pts = pts + org.points.story end
elseif result == 'blocked' then
  pts = org.points.blocked
end

local pc = pausectx(u)
local todayz = dnum(ARGV[2])
local st = load_streak(KEYS[4])
finalize(st, KEYS[1], KEYS[4], pc, todayz)

local sid, bid = '', ''
if shared then sid = ARGV[14] end
if result == 'blocked' then bid = ARGV[15] end
rec.o = {r = result, re = ARGV[4], st = ARGV[5], sh = shared, bc = bcat, bt = ARGV[8],
         oa = ARGV[9], ra = ARGV[10], ms = tonumber(ARGV[17]), p = pts, sid = sid, bid = bid, tm = team,
         sts = shared or nil, bts = bid ~= '' or nil} -- the story and barrier written below keep the texts
rec.sw = 0 -- nothing is left to swap once the outcome is in
-- the hash names the team of the user's first outcome in one ("tm"), which records then refer to
local tmf = nil
if team ~= '' then
  tmf = redis.call('HGET', KEYS[1], 'tm')
  if not tmf then tmf = team; redis.call('HSET', KEYS[1], 'tm', team) end
end
redis.call('HSET', KEYS[1], day, packed(rec, tmf))
redis.call('HSET', KEYS[2], 'tv', ARGV[25])
local bucket = 'b' .. string.sub(ARGV[21], -1)
if redis.call('APPEND', KEYS[6] .. ':' .. bucket, ARGV[21] .. ',') == #ARGV[21] + 1 then
  redis.call('HSET', KEYS[6], bucket, 1)
end
redis.call('HINCRBY', KEYS[6], 'n', 1)
redis.call('ZADD', KEYS[10], dnum(day), day)

-- Points: the total, and the week and month occurred_at falls in. Only the newest week and
-- month are kept per user (the leaderboards keep older periods).
redis.call('HINCRBY', KEYS[4], 'tot', pts)
local periods = redis.call('HMGET', KEYS[4], 'wk', 'mk')
for i, p in ipairs({{'wk', 'wp', ARGV[11]}, {'mk', 'mp', ARGV[12]}}) do
  local cur = periods[i]
  if cur == p[3] then
    redis.call('HINCRBY', KEYS[4], p[2], pts)
  elseif not cur or cur < p[3] then
    redis.call('HSET', KEYS[4], p[1], p[3], p[2], pts)
  end
end
local all_values = redis.call('HEXISTS', KEYS[5], 'all_values') == 1
if result == 'done' then
  redis.call('HINCRBY', KEYS[4], 'dt', 1)
  -- the values done only count towards all_values: once it is earned they are not kept (and
  -- those an earlier version kept for a user who earned it go at their next done)
  if all_values then redis.call('DEL', KEYS[8]) else redis.call('HSET', KEYS[5], 'v:' .. gesture.value_id, 1) end
end

local s = stats(st, KEYS[1], KEYS[4], pc, todayz, ARGV[19], ARGV[20])
local earned = {}
local function award(id)
  if redis.call('HSETNX', KEYS[5], id, badgetime(ARGV[10])) == 1 then earned[#earned + 1] = id end
end
if result == 'done' then
  if s.dt == 1 then award('first_gesture') end
  if s.cur >= 5 then award('streak_5') end
  if s.cur >= 20 then award('streak_20') end
  if shared then award('first_story') end
  if not all_values then
    local vals = redis.call('SMEMBERS', KEYS[9])
    local all = #vals > 0
    if all then
      local marks = {}
      for i, v in ipairs(vals) do marks[i] = 'v:' .. v end
      local old = redis.call('HMGET', KEYS[8], unpack(vals))
      for i, d in ipairs(redis.call('HMGET', KEYS[5], unpack(marks))) do
        if not d and not old[i] then all = false end
      end
    end
    if all then
      award('all_values')
      redis.call('DEL', KEYS[8])
      local marks = {}
      for _, f in ipairs(redis.call('HKEYS', KEYS[5])) do
        if string.sub(f, 1, 2) == 'v:' then marks[#marks + 1] = f end
      end
      if #marks > 0 then redis.call('HDEL', KEYS[5], unpack(marks)) end
    end
  end
  if u.role == 'lead' or u.role == 'admin' then
    local every, any = true, false
    for d in string.gmatch(ARGV[18], '[^,]+') do
      if pc.ws[wday(dnum(d))] then
        any = true
        local r = peek(KEYS[1], d)
        if not (r and r.o and r.o.r == 'done') then every = false end
      end
    end
    if any and every then award('lead_by_example') end
  end
end

account(base, ARGV[21], team, rec,
  {{ARGV[11], ARGV[22]}, {ARGV[12], ARGV[23]}, {'all', ''}}, tonumber(ARGV[17]), ARGV[25])

if shared then
  -- compact (see decodeStory in social.go) when it says the story exactly, else a JSON object
  local story, at = nil, tsec(ARGV[10])
  if at and plain(sid) and plain(ARGV[21]) and plain(team) and plain(rec.g) and plain(gesture.value_id) and reacode[ARGV[4]] then
    story = table.concat({day, string.format('%d', at - dnum(day) * 86400), ARGV[21], team, rec.g,
                          gesture.value_id, reacode[ARGV[4]], ARGV[5]}, '|')
  else
    story = cjson.encode({id = sid, author_id = ARGV[21], team_id = team, gesture_id = rec.g, value_id = gesture.value_id,
                          text = ARGV[5], reaction = ARGV[4], day = day, created_at = ARGV[10]})
  end
  redis.call('HSET', base .. 'story:' .. sid, 'data', story) -- "kudos" comes with the first kudos
  -- feeds are lex indexes of ids (time-sortable), see luaLexIndex
  lexadd(base .. 'stories', sid)
  if team ~= '' then lexadd(base .. 'team:' .. team .. ':stories', sid) end
  feedchanged(base, team, ARGV[25])
end
if bid ~= '' then
  -- compact (see decodeBarrier in social.go) when it says the barrier exactly, else a JSON object
  local barrier, at = nil, tsec(ARGV[10])
  if at and plain(ARGV[21]) and plain(team) and plain(bcat) then
    barrier = table.concat({day, string.format('%d', at - dnum(day) * 86400), ARGV[21], team, bcat, ARGV[8]}, '|')
  else
    barrier = cjson.encode({id = bid, reporter_id = ARGV[21], team_id = team, category = bcat, text = ARGV[8],
                            status = 'open', note = '', day = day, created_at = ARGV[10], updated_at = ARGV[10]})
  end
  redis.call('HSET', base .. 'barrier:' .. bid, 'data', barrier)
  lexadd(base .. 'barriers', bid)
  if team ~= '' then
    lexadd(base .. 'team:' .. team .. ':barriers', bid)
    redis.call('SADD', base .. 'team:' .. team .. ':barriers:open', bid)
  end
  lexadd(base .. 'user:' .. ARGV[21] .. ':barriers', bid)
end

s.pts = pts
s.earned = table.concat(earned, ',')
s.sid, s.bid = sid, bid
local out = cjson.encode(s)
if ARGV[13] ~= '' then
  redis.call('SET', KEYS[7], cjson.encode({f = ARGV[13], r = out}), 'EX', 86400)
end
local v = view(base, rec, udata, graw)
table.insert(v, 1, 'ok')
v[#v + 1] = out
return v
`)

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
      gs[#gs + 1] = {i = id, r = table.concat(g.roles or {}, ','), t = table.concat(g.team_ids or {}, ','), v = g.value_id, p = g.points}
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
