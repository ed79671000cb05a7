package store

import (
	"encoding/json"
	"sync"
)

// decodeCache remembers what stored JSON texts decoded to. The daily scripts answer with the
// gesture, value, challenge and user as stored, and most calls get texts decoded moments
// before; the exact text is the key, so an edited object is a miss, never a stale answer.
// Decoded values are shared between callers, who must treat them as read-only.
type decodeCache[T any] struct {
	mu    sync.RWMutex
	m     map[string]T
	cap   int
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
	return &decodeCache[T]{m: map[string]T{}, cap: capacity, parse: parse}
}

// decode answers what raw decodes to; "" (an object deleted by hand, which the scripts
// answer as empty) is the zero value, so callers render what is left.
func (c *decodeCache[T]) decode(raw string) (T, error) {
	var zero T
	if raw == "" {
		return zero, nil
	}
	c.mu.RLock()
	v, ok := c.m[raw]
	c.mu.RUnlock()
	if ok {
		return v, nil
	}
	v, err := c.parse(raw)
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if len(c.m) >= c.cap {
		clear(c.m) // rare: the catalog or the user base outgrew the cache; start again
	}
	c.m[raw] = v
	c.mu.Unlock()
	return v, nil
}
