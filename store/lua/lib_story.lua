-- Reads a stored story (see encodeStory in social.go) without decoding it.
--   story_of(data)  the ids a compact story refers to: author_id, team_id, gesture_id and
--                   value_id (a story is "day|created|author|team|gesture|value|reaction|text";
--                   ids never hold a '|'); {} for data not in that form
local function story_of(data)
  local f, from = {}, 1
  for i = 1, 6 do
    local to = string.find(data, '|', from, true)
    if not to then return {} end
    f[i] = string.sub(data, from, to - 1)
    from = to + 1
  end
  return {author_id = f[3], team_id = f[4], gesture_id = f[5], value_id = f[6]}
end
