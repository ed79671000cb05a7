-- What the board reads share.
--   isobject(key)                 whether key is a stored object (a hash with its JSON): an id
--                                 such as "<team id>:members" names another kind of key, which
--                                 HGET would fail on
--   boardrows(rows, labels, out)  appends to out, for each member of a board's ZREVRANGE …
--                                 WITHSCORES rows, the user's id, name, score and "1" or "0"
--                                 for shown, reading the users' labels (see userLabel; labels
--                                 is their key) in one command: reading each user's JSON was
--                                 most of a board read's cost. A user without a label (deleted
--                                 by hand) has no name.
local function isobject(key)
  return redis.call('TYPE', key).ok == 'hash' and redis.call('HEXISTS', key, 'data') == 1
end
local function boardrows(rows, labels, out)
  if #rows == 0 then return end
  local ids, scores = {}, {}
  for i = 1, #rows, 2 do ids[#ids + 1], scores[#scores + 1] = rows[i], rows[i + 1] end
  local found = {}
  for from = 1, #ids, 1000 do -- unpack in slices: Lua's stack is bounded
    for _, l in ipairs(redis.call('HMGET', labels, unpack(ids, from, math.min(from + 999, #ids)))) do
      found[#found + 1] = l
    end
  end
  for j, id in ipairs(ids) do
    local name, shown = '', '1'
    if found[j] then shown, name = string.sub(found[j], 1, 1), string.sub(found[j], 2) end
    out[#out + 1] = id
    out[#out + 1] = name
    out[#out + 1] = scores[j]
    out[#out + 1] = shown
  end
end
