-- jstr(s, key) reads the string value of key in the JSON object s without decoding it (see
-- luaJSON in lua_json.go for when that holds); nil when it cannot, and the caller decodes s.
local function jstr(s, key)
  local at = string.find(s, '"' .. key .. '":"', 1, true)
  if not at then return nil end
  local from = at + #key + 4
  local j = from
  while true do
    local q = string.find(s, '"', j, true)
    if not q then return nil end
    local b = q - 1
    while b >= from and string.byte(s, b) == 92 do b = b - 1 end
    if (q - 1 - b) % 2 == 0 then -- not escaped: the string ends here
      local raw = string.sub(s, from, q - 1)
      if string.find(raw, '\\', 1, true) then return cjson.decode('"' .. raw .. '"') end
      return raw
    end
    j = q + 1
  end
end
