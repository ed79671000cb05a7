package store

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store/redistest"
	"github.com/redis/go-redis/v9"
)

// The load harness's memory and CPU figures come from INFO; on a Cluster they are the sum over
// its primaries.
func TestInfoFigures(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	mem, err := s.UsedMemory(ctx)
	if err != nil || mem <= 0 {
		t.Fatalf("UsedMemory = %d, %v; want a positive figure", mem, err)
	}
	before, err := s.RedisCPU(ctx)
	if err != nil || before <= 0 {
		t.Fatalf("RedisCPU = %v, %v; want a positive figure", before, err)
	}
	// Some work for Redis' main thread: a large value written and read back many times.
	big := strings.Repeat("x", 1<<20)
	key := s.prefix + "{info}:big"
	for range 40 {
		if err := s.rdb.Set(ctx, key, big, 0).Err(); err != nil {
			t.Fatal(err)
		}
		if err := s.rdb.Get(ctx, key).Err(); err != nil {
			t.Fatal(err)
		}
	}
	grown, err := s.UsedMemory(ctx)
	if err != nil || grown < mem+1<<20 {
		t.Errorf("UsedMemory after storing 1 MiB = %d (was %d), %v; want at least 1 MiB more", grown, mem, err)
	}
	after, err := s.RedisCPU(ctx)
	if err != nil || after <= before {
		t.Errorf("RedisCPU after work = %v (was %v), %v; want it to grow", after, before, err)
	}
	s.rdb.Del(ctx, key)
}

// RewriteAOF compacts the append-only file and returns once Redis has finished; without AOF it
// does nothing.
func TestRewriteAOF(t *testing.T) {
	ctx := context.Background()
	srv := redistest.Start(t) // AOF on, as the tests' servers run
	rdb := srv.Client(t)
	s := New(rdb, redistest.Prefix(t), domain.NewFixedClock(testNow))
	rewrites := func() string {
		t.Helper()
		fields, err := info(ctx, rdb.(*redis.Client), "persistence")
		if err != nil {
			t.Fatal(err)
		}
		if fields["aof_rewrite_in_progress"] != "0" {
			t.Errorf("a rewrite is still in progress after RewriteAOF returned")
		}
		return fields["aof_rewrites"]
	}
	before := rewrites()
	for i := range 1000 {
		rdb.Set(ctx, s.keys.prefix+":{aof}:"+strconv.Itoa(i%10), i, 0)
	}
	if err := s.RewriteAOF(ctx, time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if after := rewrites(); after == before {
		t.Errorf("aof_rewrites %s before and after: want one more", after)
	}

	if err := rdb.ConfigSet(ctx, "appendonly", "no").Err(); err != nil {
		t.Fatal(err)
	}
	if err := s.RewriteAOF(ctx, time.Millisecond); err != nil {
		t.Fatalf("without AOF: %v, want nothing done", err)
	}
}
