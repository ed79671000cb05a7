-- Calendar arithmetic for the times scripts are given as RFC 3339 text: days since 1970-01-01
-- by Hinnant's civil calendar algorithms, exact for any Gregorian date.
--   dnum(day)       the day number of "YYYY-MM-DD"
--   dstr(z)         the "YYYY-MM-DD" of day number z
--   tfmt(secs)      the canonical UTC RFC 3339 text of Unix second secs
--   tsec(s)         the Unix seconds of a canonical UTC RFC 3339 time, or nil
--   badgetime(s)    how a badge's hash keeps the RFC 3339 time it was earned at: its Unix
--                   seconds, 10 B less (the time itself when it is not canonical UTC; the
--                   badges' reader takes both)
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
local function tfmt(secs)
  local z = math.floor(secs / 86400)
  local r = secs - z * 86400
  return dstr(z) .. string.format('T%02d:%02d:%02dZ', math.floor(r / 3600), math.floor(r % 3600 / 60), r % 60)
end
local function tsec(s)
  if type(s) ~= 'string' then return nil end
  local d, h, mi, se = string.match(s, '^(%d%d%d%d%-%d%d%-%d%d)T(%d%d):(%d%d):(%d%d)Z$')
  if not d then return nil end
  local n = dnum(d) * 86400 + tonumber(h) * 3600 + tonumber(mi) * 60 + tonumber(se)
  if tfmt(n) ~= s then return nil end
  return n
end
local function badgetime(s)
  local n = tsec(s)
  if n then return string.format('%d', n) end
  return s
end
