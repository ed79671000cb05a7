package domain

import (
	"maps"
	"reflect"
	"testing"
	"time"
)

func TestLeaseDue(t *testing.T) {
	now := time.Date(2026, 11, 24, 7, 30, 0, 0, time.UTC)
	lease := 2 * time.Minute
	at := func(d time.Duration) time.Time { return now.Add(d) }
	for _, c := range []struct {
		name  string
		due   map[string]time.Time
		taken []Due
		next  map[string]time.Time
	}{
		{name: "nothing scheduled", due: map[string]time.Time{}, next: map[string]time.Time{}},
		{name: "not due yet",
			due:  map[string]time.Time{KindDailyGesture: at(time.Millisecond)},
			next: map[string]time.Time{KindDailyGesture: at(time.Millisecond)}},
		{name: "due now is taken",
			due:   map[string]time.Time{KindDailyGesture: now},
			taken: []Due{{Member: KindDailyGesture + "|u1", At: now}},
			next:  map[string]time.Time{KindDailyGesture: at(lease)}},
		{name: "only the kinds due, earliest first, the rest as they were",
			due: map[string]time.Time{KindDailyGesture: at(-time.Minute), KindStreakRescue: at(-time.Hour), KindWeeklyRecap: at(time.Hour)},
			taken: []Due{{Member: KindStreakRescue + "|u1", At: at(-time.Hour)},
				{Member: KindDailyGesture + "|u1", At: at(-time.Minute)}},
			next: map[string]time.Time{KindDailyGesture: at(lease), KindStreakRescue: at(lease), KindWeeklyRecap: at(time.Hour)}},
		{name: "due together: in name order",
			due: map[string]time.Time{KindWeeklyRecap: at(-time.Second), KindDailyGesture: at(-time.Second)},
			taken: []Due{{Member: KindDailyGesture + "|u1", At: at(-time.Second)},
				{Member: KindWeeklyRecap + "|u1", At: at(-time.Second)}},
			next: map[string]time.Time{KindDailyGesture: at(lease), KindWeeklyRecap: at(lease)}},
		{name: "a lease another scheduler holds is not due",
			due:  map[string]time.Time{KindDailyGesture: at(time.Minute)},
			next: map[string]time.Time{KindDailyGesture: at(time.Minute)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := maps.Clone(c.due)
			taken, next := LeaseDue("u1", c.due, now, lease)
			if !reflect.DeepEqual(taken, c.taken) {
				t.Errorf("taken %v, want %v", taken, c.taken)
			}
			if !maps.EqualFunc(next, c.next, time.Time.Equal) {
				t.Errorf("next %v, want %v", next, c.next)
			}
			if !maps.Equal(c.due, before) {
				t.Errorf("due changed to %v", c.due)
			}
		})
	}
}

func TestReschedule(t *testing.T) {
	t0 := time.Date(2026, 11, 24, 7, 30, 0, 0, time.UTC)
	due := map[string]time.Time{KindDailyGesture: t0, KindStreakRescue: t0.Add(time.Hour)}
	got := Reschedule(due, map[string]time.Time{KindDailyGesture: t0.Add(24 * time.Hour), KindStreakRescue: {}, KindWeeklyRecap: t0.Add(48 * time.Hour)})
	want := map[string]time.Time{KindDailyGesture: t0.Add(24 * time.Hour), KindWeeklyRecap: t0.Add(48 * time.Hour)}
	if !maps.EqualFunc(got, want, time.Time.Equal) {
		t.Errorf("got %v, want %v", got, want)
	}
	if len(due) != 2 || !due[KindDailyGesture].Equal(t0) {
		t.Errorf("due changed to %v", due)
	}
	if got := Reschedule(nil, map[string]time.Time{KindWeeklyRecap: {}}); len(got) != 0 {
		t.Errorf("removing from nothing: %v", got)
	}
}

// FuzzLeaseDue: whatever is scheduled, a kind is taken exactly when it is due, a taken kind is
// next due at the lease's end and no other kind moves, and what is taken is in order.
func FuzzLeaseDue(f *testing.F) {
	f.Add(int64(0), int64(-1), int64(1), int64(120_000))
	f.Add(int64(5), int64(5), int64(5), int64(1))
	f.Fuzz(func(t *testing.T, g, s, w, leaseMs int64) {
		now := time.Date(2026, 11, 24, 7, 30, 0, 0, time.UTC)
		lease := time.Duration(leaseMs%3_600_000) * time.Millisecond
		if lease <= 0 {
			lease = time.Millisecond
		}
		due := map[string]time.Time{
			KindDailyGesture: now.Add(time.Duration(g%86_400_000) * time.Millisecond),
			KindStreakRescue: now.Add(time.Duration(s%86_400_000) * time.Millisecond),
			KindWeeklyRecap:  now.Add(time.Duration(w%86_400_000) * time.Millisecond),
		}
		taken, next := LeaseDue("u1", due, now, lease)
		byKind := map[string]bool{}
		for i, d := range taken {
			kind := d.Member[:len(d.Member)-len("|u1")]
			byKind[kind] = true
			if !d.At.Equal(due[kind]) || d.At.After(now) {
				t.Fatalf("taken %v, due %v", d, due[kind])
			}
			if i > 0 && taken[i-1].At.After(d.At) {
				t.Fatalf("out of order: %v", taken)
			}
		}
		for kind, at := range due {
			if byKind[kind] != !at.After(now) {
				t.Fatalf("%s due %v at %v: taken %v", kind, at, now, byKind[kind])
			}
			if want := map[bool]time.Time{true: now.Add(lease), false: at}[byKind[kind]]; !next[kind].Equal(want) {
				t.Fatalf("%s next %v, want %v", kind, next[kind], want)
			}
		}
		if len(next) != len(due) {
			t.Fatalf("next %v", next)
		}
	})
}
