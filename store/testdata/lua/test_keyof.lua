-- Runs keyof (lib_keys) alone, for the key pattern test.
-- KEYS[1]  any key of the org (keyof touches no key; it places the script in the org's slot)
-- ARGV[1]  the pattern, JSON (keyPattern)
-- ARGV[2]  the ids, JSON list
return keyof(cjson.decode(ARGV[1]), unpack(cjson.decode(ARGV[2])))
