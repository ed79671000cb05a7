package store

import (
	"bytes"
	"embed"
	"fmt"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"
	"github.com/vmihailenco/msgpack/v5"
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

// scriptArg is v, a struct whose fields name themselves with json tags, as a script's one
// argument: MessagePack, which the script reads with cmsgpack.unpack into a table of named
// fields. Decoding it costs Redis less than JSON (cjson.decode of a 2 KB argument cost ~40 µs)
// or the same fields as separate ARGV entries (each parsed, made a Redis string, then a Lua
// string); see BENCHMARKS.md. A nil slice arrives as nil, an empty one as an empty table.
func scriptArg(v any) string {
	var b bytes.Buffer
	enc := msgpack.GetEncoder()
	defer msgpack.PutEncoder(enc)
	enc.Reset(&b)
	enc.SetCustomStructTag("json")
	enc.UseCompactInts(true)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("store: script argument %T: %v", v, err)) // only plain structs are sent
	}
	return b.String()
}

// texts is a list of a script's items (strings and integers) as text, as ARGV would carry them.
func texts(items []any) []string {
	out := make([]string, len(items))
	for i, v := range items {
		switch v := v.(type) {
		case string:
			out[i] = v
		case int:
			out[i] = strconv.Itoa(v)
		case int64:
			out[i] = strconv.FormatInt(v, 10)
		default:
			panic(fmt.Sprintf("store: script item %T", v)) // only text and integers are written
		}
	}
	return out
}
