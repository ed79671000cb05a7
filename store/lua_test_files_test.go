package store

import (
	"embed"

	"github.com/redis/go-redis/v9"
)

// The tests' own Lua scripts live beside the test data, not in the binary: testdata/lua, with a
// header as store/lua's files have.
//
//go:embed testdata/lua/*.lua
var testLuaFiles embed.FS

// testLuaScript is the test script name (testdata/lua) behind the named files of store/lua.
func testLuaScript(name string, libs ...string) *redis.Script {
	src, err := testLuaFiles.ReadFile("testdata/lua/" + name + ".lua")
	if err != nil {
		panic("store: no test Lua file " + name + ".lua")
	}
	return redis.NewScript(luaSource(libs...) + string(src))
}
