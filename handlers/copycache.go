package handlers

import (
	"hash/maphash"
	"sync"

	"github.com/microact/microact/domain"
)

// A replica keeps answers it read from Redis together with the stamp they were read with (see
// fieldViewStamp in store/loop.go and Store.WholeTeamBoard). A repeat read reads only the stamp
// and, while it is unchanged, answers the copy: Redis does not read, encode and send the answer,
// nor this process decode it again. Any change to what an answer shows, made through any
// replica, changes its stamp in the same atomic step, so a copy out of date is never answered;
// the read after a change costs a second round trip.

// todayCacheSize bounds how many rendered today answers a replica keeps: one per user who
// opened the app today, about 1 KB each, so 100,000 is about 100 MB at most. An org larger
// than that still works; its repeat reads miss more often.
const todayCacheSize = 100_000

// todayCopy is one rendered today answer, for the user's local day.
type todayCopy struct {
	day, stamp string
	body       []byte
}

// boardCopyMax is the most members a kept copy of a team board holds, and boardCacheSize how
// many copies (one per team and period read) a replica keeps: ~80 B a member, so at most
// ~160 MB, and far less for teams of tens. A larger board is read by the board script each time.
const (
	boardCopyMax   = 500
	boardCacheSize = 4096
)

// boardCopy is a whole team board of one period in rank order, or only the fact that the board
// was too large to keep (large boards stay large: a board's members only leave it with its period).
type boardCopy struct {
	stamp   string
	entries []domain.BoardEntry
	large   bool
}

const copyShards = 64

// copyCache keeps copies by key, at most size of them; a copy is never changed once stored, so
// readers share it.
type copyCache[T any] struct {
	seed   maphash.Seed
	size   int
	shards [copyShards]copyShard[T]
}

type copyShard[T any] struct {
	mu sync.RWMutex
	m  map[string]*T
}

func newCopyCache[T any](size int) *copyCache[T] {
	c := &copyCache[T]{seed: maphash.MakeSeed(), size: size}
	for i := range c.shards {
		c.shards[i].m = map[string]*T{}
	}
	return c
}

func (c *copyCache[T]) shard(key string) *copyShard[T] {
	return &c.shards[maphash.String(c.seed, key)%copyShards]
}

// get answers the copy kept for key, or nil.
func (c *copyCache[T]) get(key string) *T {
	sh := c.shard(key)
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	return sh.m[key]
}

// put keeps cp for key. A full shard first drops another copy (whichever the map yields first:
// no bookkeeping per read, and a replica over its size is rare).
func (c *copyCache[T]) put(key string, cp *T) {
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
