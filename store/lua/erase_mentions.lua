-- Replaces an erased person's name in the texts of colleagues' notifications (a kudos, a
-- spotlight named who gave it), for some colleagues at a time.
-- KEYS[1]  the org's settings (routes the script to the org's slot; the inboxes share it)
-- ARGV[1]  the plan, a JSON object:
--   name     the erased person's name
--   inboxes  {a colleague's inbox key: what their notifications say instead, in their locale}
-- Returns how many notifications changed.
local p = cjson.decode(ARGV[1])
local function replace(s, old, new)
  local out, i = {}, 1
  while true do
    local a, b = string.find(s, old, i, true)
    if not a then break end
    out[#out + 1] = string.sub(s, i, a - 1)
    out[#out + 1] = new
    i = b + 1
  end
  out[#out + 1] = string.sub(s, i)
  return table.concat(out)
end
local n = 0
for inbox, instead in pairs(p.inboxes) do
  local items = redis.call('LRANGE', inbox, 0, -1)
  for i, raw in ipairs(items) do
    local ok, item = pcall(cjson.decode, raw)
    if ok and type(item) == 'table' then
      local title, body = tostring(item.title or ''), tostring(item.body or '')
      if string.find(title, p.name, 1, true) or string.find(body, p.name, 1, true) then
        item.title, item.body = replace(title, p.name, instead), replace(body, p.name, instead)
        redis.call('LSET', inbox, i - 1, cjson.encode(item))
        n = n + 1
      end
    end
  end
end
return n
