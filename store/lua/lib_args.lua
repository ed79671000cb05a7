-- A script's ARGV as named pairs, without JSON to decode (cjson.decode of a 2 KB argument cost
-- Redis ~40 µs, more than the writes it described; see argPairs in lua.go):
--   name value name value … [-- item item …]
-- args() answers the pairs as a table and the index of the first item after "--" (past the
-- end when there is none).
local function args()
  local a, i, n = {}, 1, #ARGV
  while i <= n and ARGV[i] ~= '--' do
    a[ARGV[i]] = ARGV[i + 1]
    i = i + 2
  end
  return a, i + 1
end
