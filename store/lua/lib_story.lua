-- Reads stored stories and barriers (see decodeStory and decodeBarrier in social.go). Needs jstr
-- (lib_json) in front of it.
--   story_of(data)        a compact story's fields: author_id, team_id, gesture_id, value_id and
--                         text (a story is "day|created|author|team|gesture|value|reaction|text";
--                         ids never hold a '|', the text comes last)
--   held_text(data, n)    a story's or a barrier's text: all after the n-th '|' of the compact
--                         form (7 for a story, 5 for a barrier), or a barrier's JSON object's "text"
--   barrier_status(data)  a barrier's status: a compact barrier is open (it is written when a
--                         barrier is reported; every change stores the barrier's JSON object)
local function story_of(data)
  local f, from = {}, 1
  for i = 1, 7 do
    local to = string.find(data, '|', from, true)
    if not to then return {} end
    f[i] = string.sub(data, from, to - 1)
    from = to + 1
  end
  return {author_id = f[3], team_id = f[4], gesture_id = f[5], value_id = f[6], text = string.sub(data, from)}
end
local function held_text(data, n)
  local t
  if string.sub(data, 1, 1) == '{' then
    t = jstr(data, 'text')
    if not t then t = cjson.decode(data).text end
  else
    local from = 1
    for _ = 1, n do
      local to = string.find(data, '|', from, true)
      if not to then return '' end
      from = to + 1
    end
    t = string.sub(data, from)
  end
  if type(t) ~= 'string' then return '' end
  return t
end
local function barrier_status(data)
  if string.sub(data, 1, 1) == '{' then return cjson.decode(data).status end
  return 'open'
end
