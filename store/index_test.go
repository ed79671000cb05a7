package store

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"
)

// A day the days-with-outcomes list still names but whose index retention has just removed is
// not made again by compacting: its mark would be a key nothing ever deletes.
func TestCompactingLeavesARemovedDayRemoved(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	o, _ := s.org("compact")
	day := "2026-11-02"
	if err := s.rdb.ZAdd(ctx, s.keys.outcomeDays(o.ID), redis.Z{Score: float64(dayNumber(day)), Member: day}).Err(); err != nil {
		t.Fatal(err)
	}
	n, err := s.CompactOutcomeIndexes(ctx, o.ID, "2026-11-20")
	if err != nil || n != 0 {
		t.Fatalf("compacted %d days, %v", n, err)
	}
	if s.exists(s.keys.outcomeIndex(o.ID, day)) {
		t.Error("compacting made the removed day's index again")
	}
}
