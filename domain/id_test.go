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

func TestValidID(t *testing.T) {
	now := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		id   string
		want bool
	}{
		{"an id made by NewID is one", NewID(now), true},
		{"an id made by NewID at the end of its time is one", NewID(time.UnixMilli(1<<48 - 1)), true},
		{"the first catalogue id is one", SeqID(1), true},
		{"a catalogue id of many digits is one", SeqID(1<<64 - 1), true},
		{"a short id from the documentation is one", "B1C", true},
		{"the empty string is not", "", false},
		{"a lone digit is not", "1", false},
		{"a lone letter is not", "A", false},
		{"a catalogue id with a key suffix is not", "B1Q:members", false},
		{"a hash tag is not", "{acme}", false},
		{"a glob is not", "B1*", false},
		{"a question mark is not", "B1?", false},
		{"a space is not", "B1 C", false},
		{"lower case is not", strings.ToLower(NewID(now)), false},
		{"Crockford's excluded letters are not", "01JD3QA1B2C3D4E5F6G7H8J9KU", false},
		{"25 characters are not", NewID(now)[:25], false},
		{"27 characters are not", NewID(now) + "0", false},
		{"300 characters are not", strings.Repeat("0", 300), false},
		{"a catalogue id of 15 characters is not", "N" + strings.Repeat("1", 14), false},
		{"a trailing newline is not", "B1C\n", false},
		{"an org slug is not", "acme", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := ValidID(c.id); got != c.want {
				t.Fatalf("ValidID(%q) = %v, want %v", c.id, got, c.want)
			}
			if err := CheckIDs("team_ids", "B1C", c.id); (err == nil) != c.want {
				t.Fatalf("CheckIDs(%q) = %v", c.id, err)
			} else if err != nil {
				wantInvalidField(t, err, "team_ids")
			}
		})
	}
}

func TestValidAssignmentID(t *testing.T) {
	user := NewID(time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC))
	for _, c := range []struct {
		id   string
		want bool
	}{
		{AssignmentID("2026-11-23", user), true},
		{AssignmentID("2026-11-23", "B1C"), true},
		{"20261123", false},
		{"20261123-", false},
		{"2026-11-23-" + user, false},
		{"20261123-" + user + ":x", false},
		{"20261123-acme", false},
		{"20261123-" + strings.Repeat("0", 300), false},
	} {
		if got := ValidAssignmentID(c.id); got != c.want {
			t.Errorf("ValidAssignmentID(%q) = %v, want %v", c.id, got, c.want)
		}
	}
}

// FuzzValidID: whatever ValidID accepts is safe in a Redis key name (none of the characters
// Redis keys, globs and hash tags give meaning to) and is no longer than an id the server makes.
func FuzzValidID(f *testing.F) {
	for _, seed := range []string{NewID(time.Now()), SeqID(1), SeqID(1<<64 - 1), "B1Q:members", "{x}", "*", "", strings.Repeat("Z", 27)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if !ValidID(id) {
			return
		}
		if len(id) < 2 || len(id) > 26 {
			t.Fatalf("ValidID(%q) with length %d", id, len(id))
		}
		for i, r := range id {
			// a short id's first letter counts its digits (SeqID): A to M, I and L among them
			if !strings.ContainsRune(crockford, r) && !(i == 0 && len(id) < 26 && 'A' <= r && r <= 'M') {
				t.Fatalf("ValidID(%q) accepts %q", id, r)
			}
		}
		if !ValidAssignmentID("20261123-" + id) {
			t.Fatalf("the assignment id of user %q is refused", id)
		}
	})
}
