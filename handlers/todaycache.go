package handlers

import (
	"hash/maphash"
	"sync"
)

// todayCacheSize bounds how many rendered today answers a replica keeps: one per user who
// opened the app today, about 1 KB each, so 100,000 is about 100 MB at most. An org larger
// than that still works; its repeat reads miss more often.
const todayCacheSize = 100_000

const todayShards = 64

// todayCache keeps the today answers this replica rendered, each with the day it is for and
// the view stamp it was read with (see fieldViewStamp in store/loop.go). A repeat read reads
// only the stamp, and when it is unchanged answers the copy: Redis does not read, encode and
// send the view, nor this process decode and render it. Any change to what the view shows,
// made through any replica, changes the stamp, so a copy out of date is never answered; the
// read after a change costs a second round trip, for the view.
type todayCache struct {
	seed   maphash.Seed
	shards [todayShards]todayShard
}

type todayShard struct {
	mu sync.RWMutex
	m  map[string]*todayCopy
}

// todayCopy is one rendered answer; never changed once stored, so readers share it.
type todayCopy struct {
	day, stamp string
	body       []byte
}

func newTodayCache() *todayCache {
	c := &todayCache{seed: maphash.MakeSeed()}
	for i := range c.shards {
		c.shards[i].m = map[string]*todayCopy{}
	}
	return c
}

func (c *todayCache) shard(key string) *todayShard {
	return &c.shards[maphash.String(c.seed, key)%todayShards]
}

// get answers the copy kept for key, or nil.
func (c *todayCache) get(key string) *todayCopy {
	sh := c.shard(key)
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	return sh.m[key]
}

// put keeps cp for key. A full shard first drops another copy (whichever the map yields first:
// no bookkeeping per read, and a replica over its size is rare).
func (c *todayCache) put(key string, cp *todayCopy) {
	sh := c.shard(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if _, ok := sh.m[key]; !ok && len(sh.m) >= todayCacheSize/todayShards {
		for k := range sh.m {
			delete(sh.m, k)
			break
		}
	}
	sh.m[key] = cp
}
