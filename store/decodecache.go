package store

import (
	"encoding/json"

	"github.com/microact/microact/internal/copies"
)

// decodeCache remembers what stored JSON texts decoded to. The daily scripts answer with the
// gesture, value, challenge and user as stored, and most calls get texts decoded moments
// before; the exact text is the key, so an edited object is a miss, never a stale answer.
// Decoded values are shared between callers, who must treat them as read-only. The text is its
// own stamp: the copies are kept without one.
type decodeCache[T any] struct {
	m     *copies.Cache[T]
	parse func(string) (T, error)
}

// newDecodeCache remembers JSON texts decoded by encoding/json.
func newDecodeCache[T any](capacity int) *decodeCache[T] {
	return newParseCache(capacity, func(raw string) (T, error) {
		var v T
		err := json.Unmarshal([]byte(raw), &v)
		return v, err
	})
}

// newParseCache remembers texts parsed by parse, which must answer the same for the same text.
func newParseCache[T any](capacity int, parse func(string) (T, error)) *decodeCache[T] {
	return &decodeCache[T]{m: copies.New[T](capacity), parse: parse}
}

// decode answers what raw decodes to; "" (an object deleted by hand, which the scripts
// answer as empty) is the zero value, so callers render what is left.
func (c *decodeCache[T]) decode(raw string) (T, error) {
	var zero T
	if raw == "" {
		return zero, nil
	}
	if cp, ok := c.m.Get(raw); ok {
		return cp.Value, nil
	}
	v, err := c.parse(raw)
	if err != nil {
		return v, err
	}
	c.m.Put(raw, copies.Copy[T]{Value: v})
	return v, nil
}
