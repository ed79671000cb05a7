package domain

import (
	"strings"
	"testing"
	"time"
)

func TestNewID(t *testing.T) {
	base := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

	t.Run("ids are 26 characters of Crockford's alphabet", func(t *testing.T) {
		id := NewID(base)
		if len(id) != 26 {
			t.Fatalf("len(%q) = %d, want 26", id, len(id))
		}
		for _, r := range id {
			if !strings.ContainsRune(crockford, r) {
				t.Fatalf("%q holds %q, which is not in Crockford's alphabet", id, r)
			}
		}
	})

	t.Run("ids of later moments sort after ids of earlier ones", func(t *testing.T) {
		moments := []time.Time{
			base, base.Add(time.Millisecond), base.Add(time.Second), base.Add(time.Hour),
			base.AddDate(1, 0, 0), base.AddDate(50, 0, 0),
		}
		for range 50 { // the random part must never outweigh the time
			for i := 1; i < len(moments); i++ {
				if earlier, later := NewID(moments[i-1]), NewID(moments[i]); earlier >= later {
					t.Fatalf("id of %s (%s) does not sort before the id of %s (%s)", moments[i-1], earlier, moments[i], later)
				}
			}
		}
	})

	t.Run("ids made in the same millisecond are unique", func(t *testing.T) {
		seen := map[string]bool{}
		for range 10000 {
			id := NewID(base)
			if seen[id] {
				t.Fatalf("%q issued twice", id)
			}
			seen[id] = true
		}
	})

	t.Run("ids made in the same millisecond share the time prefix", func(t *testing.T) {
		a, b := NewID(base), NewID(base)
		if a[:9] != b[:9] { // 45 of the 48 time bits
			t.Fatalf("%q and %q differ in their time part", a, b)
		}
	})
}

func TestSeqID(t *testing.T) {
	for _, c := range []struct {
		n    uint64
		want string
	}{{1, "A1"}, {9, "A9"}, {10, "AA"}, {31, "AZ"}, {32, "B10"}, {1023, "BZZ"}, {1024, "C100"}, {1<<64 - 1, "MFZZZZZZZZZZZZ"}} {
		if got := SeqID(c.n); got != c.want {
			t.Errorf("SeqID(%d) = %q, want %q", c.n, got, c.want)
		}
	}
	t.Run("they sort in the order they were made, after ids made by NewID", func(t *testing.T) {
		prev := NewID(time.Date(2088, 1, 1, 0, 0, 0, 0, time.UTC))
		for n := uint64(1); n < 70000; n += 1 + n/50 {
			id := SeqID(n)
			if id <= prev {
				t.Fatalf("SeqID(%d) = %q sorts before or at %q", n, id, prev)
			}
			prev = id
		}
	})
}
