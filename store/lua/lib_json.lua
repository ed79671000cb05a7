-- jstr(s, key) reads the string value of key in the JSON object s without decoding it; nil when
-- it cannot, and the caller decodes s. cjson.decode of a 400-byte user costs Redis several times
-- an HGET, and a board of ten rows needs only each user's name and visibility. The texts are
-- written by encoding/json (or cjson): no spaces, each key once, a quote inside a string always
-- escaped, so `"key":"` is found only where that key's string value starts. Nested objects are
-- not told apart from the top level: use it only for keys that appear once in the object.
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
