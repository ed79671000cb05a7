package store

import (
	"context"
)

// luaLexIndex is the lex index (lua/lib_lex_index.lua), put in front of the scripts that keep
// one: a story feed or a barrier list.
var luaLexIndex = luaSource("lib_lex_index")

// lexRangeScript reads one page of a lex index.
var lexRangeScript = luaScript("lib_lex_index", "lex_range")

// lexRange reads the newest limit ids of the index below max ("+" or "(<id>").
func (s *Store) lexRange(ctx context.Context, index, max string, limit int) ([]string, error) {
	return lexRangeScript.Run(ctx, s.rdb, []string{index}, max, limit).StringSlice()
}
