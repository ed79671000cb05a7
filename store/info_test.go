package store

import (
	"context"
	"strings"
	"testing"
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
