package store

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
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

// countCmds counts the round trips a client makes: each command sent alone and each pipeline.
type countCmds struct{ n atomic.Int32 }

func (h *countCmds) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h *countCmds) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error { h.n.Add(1); return next(ctx, cmd) }
}
func (h *countCmds) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error { h.n.Add(1); return next(ctx, cmds) }
}

// A replica that answered a user's profile keeps their loop state as read with it: their first
// read of the day there is decided from it and written in one round trip, and a change another
// replica made meanwhile is found by the write's stamp check, not overwritten.
func TestProfileReadKeepsTheLoopState(t *testing.T) {
	const day = "2026-11-24"
	dc := domain.DayContext{Today: day, Week: domain.Period{Key: "w"}, Month: domain.Period{Key: "m"}}
	for _, moved := range []bool{false, true} {
		s := newTestStore(t)
		ctx := context.Background()
		org, admin := s.org("profilecopy")
		eva, _ := s.user(org, "Eva", "eva@profilecopy.example", "employee", "")
		s.valueWithGestures(t, org, "Greet", "Wave", "Smile", "Nod", "Thank")
		// this replica has served the org (its copy of the org's catalogue), never Eva
		if _, err := s.Today(ctx, org.ID, admin.ID, day, s.clock.Now()); err != nil {
			t.Fatal(err)
		}
		// yesterday's assignment, made on another replica
		other := New(s.rdb, s.prefix, s.clock)
		if _, err := other.Today(ctx, org.ID, eva.ID, domain.AddDays(day, -1), s.clock.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Me(ctx, org.ID, eva.ID, dc); err != nil {
			t.Fatal(err)
		}
		if _, _, ok := s.loopStateCopy(org.ID, eva.ID, loopRead{Days: loopDays(day), ViewFrom: day}); !ok {
			t.Fatalf("moved %v: the profile read kept no loop state to decide today's read from", moved)
		}
		var made domain.AssignmentView
		if moved {
			// The other replica makes today's assignment after the profile was read here, and
			// swaps it: a gesture this replica's pick from its copy would not give.
			if _, err := other.Today(ctx, org.ID, eva.ID, day, s.clock.Now()); err != nil {
				t.Fatal(err)
			}
			var err error
			if made, _, _, err = other.Swap(ctx, domain.SwapRequest{Org: org.ID, UserID: eva.ID, Day: day}); err != nil {
				t.Fatal(err)
			}
		}
		count := &countCmds{}
		s.rdb.AddHook(count)
		v, err := s.Today(ctx, org.ID, eva.ID, day, s.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		// after a change elsewhere the write is refused and answers the state it found: the
		// assignment the other replica made, shown from this replica's copy of the catalogue
		if n := count.n.Load(); n != 1 {
			t.Errorf("the first read (moved %v) took %d round trips, want 1", moved, n)
		}
		if moved && v.Gesture.ID != made.Gesture.ID {
			t.Errorf("the first read here answered %s, but the other replica made %s meanwhile", v.Gesture.ID, made.Gesture.ID)
		}
		if again, err := other.Today(ctx, org.ID, eva.ID, day, s.clock.Now()); err != nil || again.Gesture.ID != v.Gesture.ID {
			t.Errorf("moved %v: today is %s on the other replica (%v), %s here", moved, again.Gesture.ID, err, v.Gesture.ID)
		}
	}
}

// A replica's copy holds the user's scores on boards at the stats stamp they were read at: every
// change of a user's place sets a new one (fieldStatsStamp), and the outcome checks only the
// stamp. A stats read at a newer stamp keeps none of the scores the copy held at the old one
// (a place on a board it does not read, a challenge's, may have changed with it), and a score
// read at another stamp than the copy's is not added to it.
func TestStatsCopyKeepsScoresOnlyAtTheirStamp(t *testing.T) {
	s := newTestStore(t)
	read := make([]string, len(statsFields))
	held := func() map[string]boardScore {
		t.Helper()
		cp, ok := s.statsCopies.Get(loopCopyKey("acme", "eva"))
		if !ok {
			t.Fatal("no stats copy")
		}
		return cp.Value.scores
	}
	on := func(score float64) boardScore { return boardScore{score: score, on: true} }

	s.keepStats("acme", "eva", "s1", "s1", read, nil, map[string]boardScore{"week": on(5)})
	s.keepScore("acme", "eva", "challenge", on(3), "s1")
	if got := held(); len(got) != 2 || got["challenge"] != on(3) {
		t.Fatalf("the copy at s1 holds %v, want the week's and the challenge's scores", got)
	}
	// a stats read at the same stamp: what the copy held stays known
	s.keepStats("acme", "eva", "s1", "s1", read, nil, map[string]boardScore{"week": on(5), "month": on(9)})
	if got := held(); len(got) != 3 || got["challenge"] != on(3) {
		t.Errorf("a read at the copy's stamp left %v, want week, month and challenge", got)
	}
	// the stamp moved (an outcome elsewhere, say, on the challenge's board): only what was read
	s.keepStats("acme", "eva", "s2", "s2", read, nil, map[string]boardScore{"week": on(8)})
	if got := held(); len(got) != 1 || got["week"] != on(8) {
		t.Errorf("a read at a newer stamp left %v, want the week's score alone", got)
	}
	// a read that settled the streak replaced the stamp it read at: the copy was at that one
	s.keepScore("acme", "eva", "challenge", on(4), "s2")
	s.keepStats("acme", "eva", "s3", "s2", read, nil, map[string]boardScore{"week": on(8)})
	if got := held(); len(got) != 2 || got["challenge"] != on(4) {
		t.Errorf("a read at the copy's stamp that settled left %v, want week and challenge", got)
	}
	// a challenge's score read at another stamp than the copy's is not kept
	s.keepScore("acme", "eva", "challenge2", on(6), "s1")
	if _, ok := held()["challenge2"]; ok {
		t.Error("a score read at an older stamp was added to the copy")
	}
}
