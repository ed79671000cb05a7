package domain

import (
	"hash/maphash"
	"sync"
)

// Copies keeps a replica's copies of answers by key, at most size of them (the handlers' copies
// of today's answers and team boards, the store's of feed pages). A copy is never changed once
// stored, so readers share it; whoever keeps one also keeps the stamp that tells when it is out
// of date.
type Copies[T any] struct {
	seed   maphash.Seed
	size   int
	shards [copyShards]copyShard[T]
}

const copyShards = 64

type copyShard[T any] struct {
	mu sync.RWMutex
	m  map[string]*T
}

// NewCopies keeps at most size copies.
func NewCopies[T any](size int) *Copies[T] {
	c := &Copies[T]{seed: maphash.MakeSeed(), size: size}
	for i := range c.shards {
		c.shards[i].m = map[string]*T{}
	}
	return c
}

func (c *Copies[T]) shard(key string) *copyShard[T] {
	return &c.shards[maphash.String(c.seed, key)%copyShards]
}

// Get answers the copy kept for key, or nil.
func (c *Copies[T]) Get(key string) *T {
	sh := c.shard(key)
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	return sh.m[key]
}

// Put keeps cp for key. A full shard first drops another copy (whichever the map yields first:
// no bookkeeping per read, and a replica over its size is rare).
func (c *Copies[T]) Put(key string, cp *T) {
	sh := c.shard(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if _, ok := sh.m[key]; !ok && len(sh.m) >= max(1, c.size/copyShards) {
		for k := range sh.m {
			delete(sh.m, k)
			break
		}
	}
	sh.m[key] = cp
}
