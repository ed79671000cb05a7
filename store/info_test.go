package store

import (
	"context"
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

// RedisForks counts Redis' forks: an AOF rewrite is one.
func TestRedisForks(t *testing.T) {
	ctx := context.Background()
	srv := redistest.Start(t) // AOF on, as the tests' servers run
	rdb := srv.Client(t)
	s := New(rdb, redistest.Prefix(t), domain.NewFixedClock(testNow))
	before, err := s.RedisForks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := rdb.(*redis.Client).BgRewriteAOF(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	// a rewrite asked for while another runs is scheduled, and forks when that one is done
	deadline := time.Now().Add(10 * time.Second)
	for {
		after, err := s.RedisForks(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if after > before {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("RedisForks after an AOF rewrite = %d; want more than %d", after, before)
		}
		time.Sleep(10 * time.Millisecond)
	}
	// the rewrite's child writes into the server's directory, removed when the test ends
	for {
		fields, err := info(ctx, rdb.(*redis.Client), "persistence")
		if err != nil {
			t.Fatal(err)
		}
		if fields["aof_rewrite_in_progress"] == "0" && fields["aof_rewrite_scheduled"] == "0" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the AOF rewrite is still running")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
