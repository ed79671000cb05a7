package store

import (
	"context"
	"os"
	"testing"
)

// The load harness's floor of a write records through its own keys and leaves nothing behind.
func TestFloorRecordsAndClears(t *testing.T) {
	src, err := os.ReadFile("../cmd/microact-load/essential-outcome.lua")
	if err != nil {
		t.Fatal(err)
	}
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("floor")
	f := s.Floor(string(src))
	if err := f.Call(ctx, "u1", "t1", "2000-01-01", 10, "a story"); err != nil {
		t.Fatal(err)
	}
	if got, err := s.rdb.HGet(ctx, s.keys.floorUser("u1"), "pts").Result(); err != nil || got != "10" {
		t.Fatalf("floor user's points = %q, %v; want 10 ", got, err)
	}
	if len(s.keysUnder(floorTag+"*")) == 0 {
		t.Fatal("the floor wrote no keys")
	}
	orgKeys := len(s.keysUnder(s.keys.orgPattern(org.ID)))
	if err := f.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	if left := s.keysUnder(floorTag + "*"); len(left) != 0 {
		t.Errorf("Clear left %v", left)
	}
	if n := len(s.keysUnder(s.keys.orgPattern(org.ID))); n != orgKeys {
		t.Errorf("Clear changed the org's keys: %d, want %d", n, orgKeys)
	}
}
