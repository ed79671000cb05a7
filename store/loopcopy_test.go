package store

import (
	"context"
	"testing"

	"github.com/microact/microact/domain"
)

// A replica that serves a user day after day keeps only the records a read can still ask for:
// its copy of their state does not grow with every day it has served them.
func TestLoopCopyKeepsOnlyTheDaysAReadAsks(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("copydays")
	eva, _ := s.user(org, "Eva", "eva@copydays.example", "employee", "")
	s.valueWithGestures(t, org, "Greet", "Wave")
	const first = "2026-11-23"
	days := 3 * (loopDaysBack + 1)
	for i := range days {
		day := domain.AddDays(first, i)
		if _, _, err := s.TodayStamped(ctx, org.ID, eva.ID, day, s.clock.Now()); err != nil {
			t.Fatalf("%s: %v", day, err)
		}
		if _, _, _, err := s.Swap(ctx, domain.SwapRequest{Org: org.ID, UserID: eva.ID, Day: day}); err != nil {
			t.Fatalf("%s: swap: %v", day, err)
		}
	}
	cp, ok := s.loops.Get(loopCopyKey(org.ID, eva.ID))
	if !ok {
		t.Fatal("no copy of the user's state is kept")
	}
	c, last := cp.Value, domain.AddDays(first, days-1)
	if c.to != last || c.from != domain.AddDays(last, -loopDaysBack) {
		t.Errorf("the copy spans %s..%s, want %s..%s", c.from, c.to, domain.AddDays(last, -loopDaysBack), last)
	}
	if len(c.days) > loopDaysBack+1 {
		t.Errorf("the copy holds %d days' records after %d days, want at most %d", len(c.days), days, loopDaysBack+1)
	}
	for d := range c.days {
		if d < c.from {
			t.Errorf("the copy holds %s, before its first day %s", d, c.from)
		}
	}
	if next := domain.AddDays(last, 1); !c.covers(loopDays(next)) {
		t.Errorf("the copy does not answer the read of %s", next)
	}
}
