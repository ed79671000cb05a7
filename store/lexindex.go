package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"
)

// luaLexIndex is the lex index (lua/lib_lex_index.lua) with the patterns of its chunks' and
// directory's keys (lexChunk, lexChunks) as LEX_CHUNK and LEX_DIR, which keyof (lib_keys) fills
// in: put in front of the scripts that keep one, a story feed or a barrier list.
var luaLexIndex = "local LEX_CHUNK, LEX_DIR = " + luaStrings(keyPattern(lexChunk(keyHole, keyHole))) + ", " +
	luaStrings(keyPattern(lexChunks(keyHole))) + "\n" + luaSource("lib_keys", "lib_lex_index")

// luaStrings is a Lua table of the strings parts (of printable ASCII).
func luaStrings(parts []string) string {
	q := make([]string, len(parts))
	for i, p := range parts {
		if !strconv.CanBackquote(p) || strings.ContainsAny(p, "\\\"") {
			panic("store: a key pattern part Lua would read otherwise: " + strconv.Quote(p))
		}
		q[i] = `"` + p + `"`
	}
	return "{" + strings.Join(q, ", ") + "}"
}

// lexRangeScript reads one page of a lex index.
var lexRangeScript = redis.NewScript(luaLexIndex + luaSource("lex_range"))

// lexRead is lex_range.lua's argument.
type lexRead struct {
	Max   string `json:"max"`
	Limit int    `json:"limit"`
}

// lexRange reads the newest limit ids of the index below max ("+" or "(<id>").
func (s *Store) lexRange(ctx context.Context, index, max string, limit int) ([]string, error) {
	return lexRangeScript.Run(ctx, s.rdb, []string{index}, scriptArg(lexRead{Max: max, Limit: limit})).StringSlice()
}
