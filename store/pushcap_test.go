package store

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

const pushTestDay = "2026-11-23"

// pushUser stands in for the user hash a push's write checks is still there (see pushWrite).
func (s *testStore) pushUser(org, user string) {
	s.t.Helper()
	if err := s.rdb.HSet(context.Background(), s.keys.user(org, user), dataField, "{}").Err(); err != nil {
		s.t.Fatal(err)
	}
}

// allowPush asks whether notification id may be pushed to user on pushTestDay, with a cap of 4
// and kudos collapsing for an hour.
func (s *testStore) allowPush(org, user, id, collapse string, now time.Time) bool {
	s.t.Helper()
	s.pushUser(org, user)
	ok, err := s.AllowPush(context.Background(), org, user, pushTestDay, id, 4, collapse, time.Hour, now)
	if err != nil {
		s.t.Fatal(err)
	}
	return ok
}

func TestAllowPush(t *testing.T) {
	s := newTestStore(t)
	ctx, org, now := context.Background(), "pushorg", testNow

	t.Run("four pushes a day, then retries of those only", func(t *testing.T) {
		for i := range 4 {
			if !s.allowPush(org, "ana", "N"+strconv.Itoa(i), "", now) {
				t.Fatalf("push %d refused", i+1)
			}
		}
		if s.allowPush(org, "ana", "N4", "", now) {
			t.Error("a fifth push allowed")
		}
		if !s.allowPush(org, "ana", "N1", "", now) {
			t.Error("a retry of a counted push refused")
		}
		if n := s.rdb.SCard(ctx, s.keys.pushes(org, "ana", pushTestDay)).Val(); n != 4 {
			t.Errorf("the day counts %d pushes, want 4", n)
		}
		if ttl := s.rdb.TTL(ctx, s.keys.pushes(org, "ana", pushTestDay)).Val(); ttl <= 47*time.Hour || ttl > 48*time.Hour {
			t.Errorf("the day's pushes are kept %s, want 48h", ttl)
		}
	})

	t.Run("one push of a collapse key a window, ended by the clock", func(t *testing.T) {
		if !s.allowPush(org, "ben", "K1", "kudos:S1", now) {
			t.Fatal("the first kudos refused")
		}
		guard := s.keys.collapse(org, "ben:kudos:S1")
		if v := s.rdb.Get(ctx, guard).Val(); v != "K1|"+strconv.FormatInt(now.Add(time.Hour).UnixMilli(), 10) {
			t.Errorf("the guard holds %q", v)
		}
		if ttl := s.rdb.TTL(ctx, guard).Val(); ttl <= 59*time.Minute || ttl > time.Hour {
			t.Errorf("the guard is kept %s, want an hour", ttl)
		}
		if s.allowPush(org, "ben", "K2", "kudos:S1", now.Add(59*time.Minute)) {
			t.Error("a second kudos within the hour allowed")
		}
		if !s.allowPush(org, "ben", "K3", "kudos:S2", now) {
			t.Error("kudos on another story refused")
		}
		if !s.allowPush(org, "ben", "K4", "kudos:S1", now.Add(time.Hour)) {
			t.Error("a kudos an hour later refused, though Redis still keeps the guard")
		}
	})

	// An erasure deletes the person's day's pushes; a push to them already on its way then
	// finds them gone: it is not pushed, and their pushes are not written again.
	t.Run("no push to a user who is gone", func(t *testing.T) {
		ok, err := s.AllowPush(ctx, org, "gone", pushTestDay, "N1", 4, "", time.Hour, now)
		if ok || err != nil {
			t.Errorf("allowed %v, %v; want a push refused", ok, err)
		}
		if n := s.rdb.Exists(ctx, s.keys.pushes(org, "gone", pushTestDay)).Val(); n != 0 {
			t.Error("the day's pushes of a user who is gone were written")
		}
	})

	t.Run("a guard that is not a holder is an error, not a push", func(t *testing.T) {
		s.rdb.Set(ctx, s.keys.collapse(org, "cas:kudos:S1"), "garbage", time.Hour)
		if _, err := s.AllowPush(ctx, org, "cas", pushTestDay, "K1", 4, "kudos:S1", time.Hour, now); domain.ErrorKind(err) != domain.KindInternal {
			t.Errorf("got %v, want an internal error", err)
		}
	})
}

// A push is counted only while the day's pushes and the collapse guard are as they were read: a
// push counted in between makes the write refuse, writing nothing, and AllowPush decides again.
func TestAllowPushWriteChecksWhatItWasDecidedFrom(t *testing.T) {
	s := newTestStore(t)
	ctx, org, now := context.Background(), "pushguard", testNow
	limits := domain.PushLimits{DailyCap: 4, Window: time.Hour}
	changes := []struct {
		name   string
		change func(user string) error
	}{
		{"another push counted on the day", func(user string) error {
			return s.rdb.SAdd(ctx, s.keys.pushes(org, user, pushTestDay), "OTHER").Err()
		}},
		{"the same push counted by another worker", func(user string) error {
			return s.rdb.SAdd(ctx, s.keys.pushes(org, user, pushTestDay), "N1").Err()
		}},
		{"the collapse window taken", func(user string) error {
			return s.rdb.Set(ctx, s.keys.collapse(org, user+":kudos:S1"), "OTHER|"+strconv.FormatInt(now.Add(time.Hour).UnixMilli(), 10), time.Hour).Err()
		}},
		{"the collapse window let go", func(user string) error {
			return s.rdb.Del(ctx, s.keys.collapse(org, user+":kudos:S1")).Err()
		}},
	}
	for i, c := range changes {
		t.Run(c.name, func(t *testing.T) {
			user := "u" + strconv.Itoa(i)
			s.pushUser(org, user)
			pushes, guard := s.keys.pushes(org, user, pushTestDay), s.keys.collapse(org, user+":kudos:S1")
			s.rdb.SAdd(ctx, pushes, "N0")
			// a window that ended: held, but free by the clock
			s.rdb.Set(ctx, guard, "N0|"+strconv.FormatInt(now.UnixMilli(), 10), time.Hour)
			r := domain.PushRequest{ID: "N1", Collapse: "kudos:S1", Now: now}
			st, err := s.readPush(ctx, pushes, guard, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			d := domain.DecidePush(st.PushState, r, limits)
			if !d.Count || d.Hold == 0 {
				t.Fatalf("decided %+v", d)
			}
			if err := c.change(user); err != nil {
				t.Fatal(err)
			}
			members, held := s.rdb.SMembers(ctx, pushes).Val(), s.rdb.Get(ctx, guard).Val()
			if err := pushWrite(s.keys.user(org, user), pushes, guard, st, r, d).run(ctx, s.Store, "allow push"); !errors.Is(err, errStateMoved) {
				t.Fatalf("write after %s: %v, want the state moved", c.name, err)
			}
			if m, h := s.rdb.SMembers(ctx, pushes).Val(), s.rdb.Get(ctx, guard).Val(); len(m) != len(members) || h != held {
				t.Errorf("the refused write wrote: %v %q → %v %q", members, held, m, h)
			}
			if _, err := s.AllowPush(ctx, org, user, pushTestDay, r.ID, 4, r.Collapse, time.Hour, now); err != nil {
				t.Fatalf("deciding again: %v", err)
			}
		})
	}
}

// Pushes to one user decided at the same moment by several workers count exactly: at the cap,
// one of two is pushed; of many, the cap; of kudos on one story, one.
func TestAllowPushAtOnce(t *testing.T) {
	s := newTestStore(t)
	org := "pushrace"
	race := func(user string, n int, collapse string) int {
		s.pushUser(org, user)
		var allowed atomic.Int32
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				ok, err := s.AllowPush(context.Background(), org, user, pushTestDay, "N"+strconv.Itoa(i), 4, collapse, time.Hour, testNow)
				if err != nil {
					t.Error(err)
				}
				if ok {
					allowed.Add(1)
				}
			})
		}
		wg.Wait()
		return int(allowed.Load())
	}

	t.Run("two pushes at the cap: exactly one is pushed", func(t *testing.T) {
		for round := range 20 {
			user := "cap" + strconv.Itoa(round)
			s.rdb.SAdd(context.Background(), s.keys.pushes(org, user, pushTestDay), "A", "B", "C")
			if n := race(user, 2, ""); n != 1 {
				t.Fatalf("round %d: %d of two pushes allowed at the cap, want 1", round, n)
			}
			if n := s.rdb.SCard(context.Background(), s.keys.pushes(org, user, pushTestDay)).Val(); n != 4 {
				t.Fatalf("round %d: the day counts %d pushes, want 4", round, n)
			}
		}
	})
	t.Run("twelve pushes at once: the cap is pushed", func(t *testing.T) {
		if n := race("many", 12, ""); n != 4 {
			t.Errorf("%d of twelve pushes allowed, want 4", n)
		}
	})
	t.Run("eight kudos on one story at once: one is pushed", func(t *testing.T) {
		if n := race("kudos", 8, "kudos:S1"); n != 1 {
			t.Errorf("%d of eight kudos allowed, want 1", n)
		}
	})
}
