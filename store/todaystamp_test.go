package store

import (
	"context"
	"testing"

	"github.com/microact/microact/domain"
)

// A today view read with its stamps is answered "same" for as long as nothing it shows has
// changed; then the view is read in full again (the handlers keep rendered copies by this).
func TestTodayStamps(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("stamps")
	eva, _ := s.user(org, "Eva", "eva@stamps.example", "employee", "")
	s.valueWithGestures(t, org, "Greet", "Wave")
	const day = "2026-11-23"
	// read reads the view as a replica holding a copy read with held does: the stamp first,
	// the view only when the stamp is another (same tells which).
	read := func(t *testing.T, held string) (view domain.AssignmentView, stamp string, same bool) {
		t.Helper()
		now, err := s.TodayStamp(ctx, org.ID, eva.ID)
		if err != nil {
			t.Fatal(err)
		}
		if held != "" && now == held {
			return view, now, true
		}
		if view, stamp, err = s.TodayStamped(ctx, org.ID, eva.ID, day, s.clock.Now()); err != nil {
			t.Fatal(err)
		}
		return view, stamp, false
	}

	first, stamp, same := read(t, "")
	if same || stamp == "" || first.Assignment.Day != day {
		t.Fatalf("the first read: %+v, stamp %q, same %v; want the new assignment and a stamp", first.Assignment, stamp, same)
	}
	if _, again, same := read(t, stamp); !same || again != stamp {
		t.Fatalf("a repeat read with the stamp: same %v, stamp %q; want same, %q", same, again, stamp)
	}

	t.Run("a swap changes the user's stamp", func(t *testing.T) {
		if _, _, _, err := s.Swap(ctx, domain.SwapRequest{Org: org.ID, UserID: eva.ID, Day: day}); err != nil {
			t.Fatal(err)
		}
		view, next, same := read(t, stamp)
		if same || next == stamp || view.Assignment.GestureID == first.Assignment.GestureID {
			t.Fatalf("after a swap: same %v, stamp %q (was %q), gesture %s", same, next, stamp, view.Assignment.GestureID)
		}
		stamp = next
	})
	t.Run("a gesture edit changes the org's stamp", func(t *testing.T) {
		g, err := s.Gesture(ctx, org.ID, first.Assignment.GestureID)
		if err != nil {
			t.Fatal(err)
		}
		g.Title = "Greet warmly"
		if _, err := s.SaveGesture(ctx, g); err != nil {
			t.Fatal(err)
		}
		_, next, same := read(t, stamp)
		if same || next == stamp {
			t.Fatalf("after a gesture edit: same %v, stamp %q (was %q)", same, next, stamp)
		}
		stamp = next
	})
	t.Run("an update of the user changes the user's stamp", func(t *testing.T) {
		cur, err := s.User(ctx, org.ID, eva.ID)
		if err != nil {
			t.Fatal(err)
		}
		after := cur
		after.Name = "Eva J."
		if err := s.UpdateUser(ctx, cur, after); err != nil {
			t.Fatal(err)
		}
		_, next, same := read(t, stamp)
		if same || next == stamp {
			t.Fatalf("after a user update: same %v, stamp %q (was %q)", same, next, stamp)
		}
		stamp = next
	})
	t.Run("an assignment Redis lost is made again", func(t *testing.T) {
		// As after restoring a backup from before the day's first read: the assignment and the
		// stamp it set are gone; the stamp Redis has is an older one, not the copy's.
		if err := s.rdb.HDel(ctx, s.keys.assignments(org.ID, eva.ID), day, "latest").Err(); err != nil {
			t.Fatal(err)
		}
		if err := s.rdb.HSet(ctx, s.keys.user(org.ID, eva.ID), fieldViewStamp, "older").Err(); err != nil {
			t.Fatal(err)
		}
		view, next, same := read(t, stamp)
		if same || next == stamp || view.Assignment.Day != day {
			t.Fatalf("after the loss: %+v, same %v, stamp %q; want the assignment made again", view.Assignment, same, next)
		}
		if _, again, same := read(t, next); !same || again != next {
			t.Fatalf("a repeat read after: same %v, stamp %q; want same", same, again)
		}
	})
	t.Run("a user without a stamp gets views that are not kept", func(t *testing.T) {
		if err := s.rdb.HDel(ctx, s.keys.user(org.ID, eva.ID), fieldViewStamp).Err(); err != nil {
			t.Fatal(err)
		}
		view, next, same := read(t, "")
		if same || next != "" || view.Assignment.Day != day {
			t.Fatalf("without a stamp: %+v, same %v, stamp %q; want the view and no stamp", view.Assignment, same, next)
		}
	})
}
