package store

// luaJSON reads single fields of the JSON objects the store writes, without decoding them:
// cjson.decode of a 400-byte user costs Redis several times an HGET, and a board of ten rows
// needs only each user's name and visibility. The texts are written by encoding/json (or
// cjson): no spaces, each key once, a quote inside a string always escaped — so `"key":"` is
// found only where that key's string value starts. Nested objects are not told apart from the
// top level: use it only for keys that appear once in the object. Anything unexpected answers
// nil, and the caller decodes the whole object instead.
var luaJSON = luaSource("lib_json")
