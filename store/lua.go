package store

import (
	"embed"
	"strings"

	"github.com/redis/go-redis/v9"
)

// The Lua scripts live as files in store/lua, one concern each, with a header naming every
// KEYS and ARGV entry. Shared pieces are files too (lib_*.lua) and are put in front of the
// script that needs them, in the order given.
//
//go:embed lua/*.lua
var luaFiles embed.FS

// luaSource joins the named files of store/lua (without ".lua"); a missing file is a
// programming error found by the first test that loads the package.
func luaSource(names ...string) string {
	var b strings.Builder
	for _, name := range names {
		src, err := luaFiles.ReadFile("lua/" + name + ".lua")
		if err != nil {
			panic("store: no Lua file " + name + ".lua")
		}
		b.Write(src)
		b.WriteByte('\n')
	}
	return b.String()
}

// luaScript is the script made of the named files: shared pieces first, the script last.
func luaScript(names ...string) *redis.Script { return redis.NewScript(luaSource(names...)) }
