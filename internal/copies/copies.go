// Package copies keeps a replica's copies of what it read from Redis: one small type for every
// copy microact keeps (today's answers, team boards, feed pages, the org's state, the board of
// teams, the feed's catalogue, decoded texts).
//
// The stamp protocol. A copy is kept with the stamp it was read with: a random value Redis
// keeps beside the data and replaces, in the same atomic step, with every change to what the
// copy shows. A replica answers its copy while the stamp Redis holds is still the copy's, and
// reads again otherwise, so a copy out of date is never answered. The check is made either
//
//   - before the answer, by Read: current looks at the copy (reads the stamp Redis holds, or
//     for a copy kept for a while rather than stamped, its age), read reads it all anew; or
//   - inside the script that reads or writes: the caller Gets the copy, sends its stamp, and
//     Puts what the script answers when the stamp moved (the feed's pages, a user's state
//     checked inside a write). One round trip either way.
//
// A copy is never changed once kept, so readers share it and must treat it as read-only.
package copies

import (
	"context"
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"
)

// Copy is a value as read, with the stamp it was read with.
type Copy[T any] struct {
	Stamp string
	Value T
}

// Cache keeps at most its size of copies by key. A full shard drops another copy to make room
// (whichever the map yields first: no bookkeeping per read, and a replica over its size is rare).
type Cache[T any] struct {
	seed     maphash.Seed
	perShard int
	forgets  atomic.Uint64 // counts Forget and Drop calls: a read begun before one is not kept
	shards   [shards]shard[T]

	mu      sync.Mutex
	flights map[string]*flight[T] // ReadShared's reads under way
	joined  atomic.Int64          // requests that waited for another's read (for tests)
}

// flight is one read under way that other requests for the same key wait for.
type flight[T any] struct {
	forgets uint64 // c.forgets when it began
	done    chan struct{}
	cp      Copy[T]
	err     error
}

const shards = 64

type shard[T any] struct {
	mu sync.RWMutex
	m  map[string]Copy[T]
}

// New keeps at most size copies (at least one per shard).
func New[T any](size int) *Cache[T] {
	c := &Cache[T]{seed: maphash.MakeSeed(), perShard: max(1, size/shards), flights: map[string]*flight[T]{}}
	for i := range c.shards {
		c.shards[i].m = map[string]Copy[T]{}
	}
	return c
}

func (c *Cache[T]) shard(key string) *shard[T] {
	return &c.shards[maphash.String(c.seed, key)%shards]
}

// Get answers the copy kept for key.
func (c *Cache[T]) Get(key string) (Copy[T], bool) {
	sh := c.shard(key)
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	cp, ok := sh.m[key]
	return cp, ok
}

// Put keeps cp for key, in place of any copy kept before.
func (c *Cache[T]) Put(key string, cp Copy[T]) {
	sh := c.shard(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if _, ok := sh.m[key]; !ok && len(sh.m) >= c.perShard {
		for k := range sh.m {
			delete(sh.m, k)
			break
		}
	}
	sh.m[key] = cp
}

// Drop drops key's copy: this replica changed what it shows, and answers the change at once.
// As after a Forget, a read begun before it is not kept.
func (c *Cache[T]) Drop(key string) {
	c.forgets.Add(1)
	sh := c.shard(key)
	sh.mu.Lock()
	delete(sh.m, key)
	sh.mu.Unlock()
}

// Forget drops the copies whose keys begin with prefix (all of an org's), looking at every copy
// kept: Drop drops one key's.
func (c *Cache[T]) Forget(prefix string) {
	c.forgets.Add(1)
	for i := range c.shards {
		sh := &c.shards[i]
		sh.mu.Lock()
		for k := range sh.m {
			if strings.HasPrefix(k, prefix) {
				delete(sh.m, k)
			}
		}
		sh.mu.Unlock()
	}
}

// Len answers how many copies are kept.
func (c *Cache[T]) Len() int {
	n := 0
	for i := range c.shards {
		sh := &c.shards[i]
		sh.mu.RLock()
		n += len(sh.m)
		sh.mu.RUnlock()
	}
	return n
}

// Read answers key's copy while current says it is (its stamp is still the one Redis holds);
// otherwise what read reads, kept for the next time unless its stamp is "" (nothing to check a
// copy against) or a Forget or Drop came while it was read (it may show what the change
// replaced).
func (c *Cache[T]) Read(ctx context.Context, key string,
	current func(ctx context.Context, cp Copy[T]) (bool, error),
	read func(ctx context.Context) (Copy[T], error),
) (T, error) {
	if cp, ok := c.Get(key); ok {
		fresh, err := current(ctx, cp)
		if err != nil {
			var zero T
			return zero, err
		}
		if fresh {
			return cp.Value, nil
		}
	}
	forgets := c.forgets.Load()
	cp, err := read(ctx)
	if err != nil {
		return cp.Value, err
	}
	if cp.Stamp != "" && c.forgets.Load() == forgets {
		c.Put(key, cp)
	}
	return cp.Value, nil
}

// ReadShared is Read for copies that may be a little old anyway (kept for a while rather than
// stamped: the org's state, the board of teams): while one request reads a key anew, the others
// that find its copy out of date wait for that read instead of each sending their own, so an
// org's copy running out under load costs Redis one read, not one per request meanwhile. A read
// begun before a Forget or Drop is not shared with requests that came after it.
func (c *Cache[T]) ReadShared(ctx context.Context, key string,
	current func(ctx context.Context, cp Copy[T]) (bool, error),
	read func(ctx context.Context) (Copy[T], error),
) (T, error) {
	return c.shared(ctx, key, current, read, true)
}

// Refresh brings key's copy up to date for a caller that has its answer already and keeps the
// copy for the requests after it (the feed's catalogue): when the copy is current, or a read
// of it is under way (ReadShared's), it returns at once; otherwise it reads and keeps.
func (c *Cache[T]) Refresh(ctx context.Context, key string,
	current func(ctx context.Context, cp Copy[T]) (bool, error),
	read func(ctx context.Context) (Copy[T], error),
) error {
	_, err := c.shared(ctx, key, current, read, false)
	return err
}

// shared is ReadShared; without wait, a request that finds a read under way does not wait for it.
func (c *Cache[T]) shared(ctx context.Context, key string,
	current func(ctx context.Context, cp Copy[T]) (bool, error),
	read func(ctx context.Context) (Copy[T], error), wait bool,
) (T, error) {
	var zero T
	if cp, ok := c.Get(key); ok {
		fresh, err := current(ctx, cp)
		if err != nil {
			return zero, err
		}
		if fresh {
			return cp.Value, nil
		}
	}
	forgets := c.forgets.Load()
	c.mu.Lock()
	if f := c.flights[key]; f != nil && f.forgets == forgets {
		c.mu.Unlock()
		if !wait {
			return zero, nil
		}
		c.joined.Add(1)
		select {
		case <-f.done:
			return f.cp.Value, f.err
		case <-ctx.Done():
			return zero, ctx.Err()
		}
	}
	f := &flight[T]{forgets: forgets, done: make(chan struct{})}
	c.flights[key] = f
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		if c.flights[key] == f {
			delete(c.flights, key)
		}
		c.mu.Unlock()
		close(f.done)
	}()
	f.cp, f.err = read(context.WithoutCancel(ctx)) // others wait for it: one caller leaving must not fail them
	if f.err == nil && f.cp.Stamp != "" && c.forgets.Load() == forgets {
		c.Put(key, f.cp)
	}
	return f.cp.Value, f.err
}
