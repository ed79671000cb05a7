package store

import (
	"reflect"
	"testing"

	"github.com/microact/microact/domain"
)

// An outcome's dashboard log entry reads back as what the dashboard counts; entries a reader
// cannot make sense of are skipped, not miscounted.
func TestDashEntriesReadBack(t *testing.T) {
	const user, gesture = "01JC0000000000000000000001", "01JC0000000000000000000002"
	for _, c := range []struct {
		name string
		o    outcomeJSON
		day  string
		want dashEntryRead
	}{
		{"done, shared, with a reaction", outcomeJSON{Result: domain.ResultDone, Reaction: "delighted", Shared: true}, "2026-11-23",
			dashEntryRead{Result: domain.ResultDone, Reaction: "delighted", Shared: true, User: user, Gesture: gesture}},
		{"done after midnight for the day before", outcomeJSON{Result: domain.ResultDone}, "2026-11-22",
			dashEntryRead{Result: domain.ResultDone, User: user, Gesture: gesture, Day: "2026-11-22"}},
		{"skipped: nobody named", outcomeJSON{Result: domain.ResultSkipped, Reaction: "negative"}, "2026-11-23",
			dashEntryRead{Result: domain.ResultSkipped, Reaction: "negative"}},
		{"blocked", outcomeJSON{Result: domain.ResultBlocked}, "2026-11-23", dashEntryRead{Result: domain.ResultBlocked}},
	} {
		t.Run(c.name, func(t *testing.T) {
			log := []string{"x", dashEntry(&c.o, user, gesture, c.day, "2026-11-23"), "d1"}
			var got []dashEntryRead
			parseDashEntries(log, func(e dashEntryRead) { got = append(got, e) })
			want := []dashEntryRead{c.want} // "x" and "d1" are no entries
			if !reflect.DeepEqual(got, want) {
				t.Errorf("log %q read as %+v, want %+v", log, got, want)
			}
		})
	}
}

// An erasure names another id in the entries of the erased user's gestures and leaves every
// other entry; the entry reads back the same but for the user.
func TestDashEntryAs(t *testing.T) {
	const user, other, anon, gesture = "01JC0000000000000000000001", "01JC0000000000000000000009", "01JCANON000000000000000000", "01JC0000000000000000000002"
	done := outcomeJSON{Result: domain.ResultDone, Reaction: "delighted", Shared: true}
	for _, c := range []struct {
		name, entry string
		ok          bool
	}{
		{"a gesture of the user's", dashEntry(&done, user, gesture, "2026-11-23", "2026-11-23"), true},
		{"a gesture of the user's for the day before", dashEntry(&done, user, gesture, "2026-11-22", "2026-11-23"), true},
		{"a colleague's gesture", dashEntry(&done, other, gesture, "2026-11-23", "2026-11-23"), false},
		{"a colleague whose id starts with the user's", dashEntry(&done, user+"X", gesture, "2026-11-23", "2026-11-23"), false},
		{"a skipped gesture names nobody", dashEntry(&outcomeJSON{Result: domain.ResultSkipped}, user, gesture, "2026-11-23", "2026-11-23"), false},
		{"no entry", "x", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := dashEntryAs(c.entry, user, anon)
			if ok != c.ok {
				t.Fatalf("dashEntryAs(%q) = %q, %v", c.entry, got, ok)
			}
			if !ok {
				return
			}
			var before, after []dashEntryRead
			parseDashEntries([]string{c.entry}, func(e dashEntryRead) { before = append(before, e) })
			parseDashEntries([]string{got}, func(e dashEntryRead) { after = append(after, e) })
			if len(after) != 1 || after[0].User != anon {
				t.Fatalf("%q reads as %+v", got, after)
			}
			after[0].User = user
			if !reflect.DeepEqual(before, after) {
				t.Errorf("%q reads as %+v, want %+v but for the user", got, after, before)
			}
		})
	}
}

// The most done gestures come first, the larger id first among equal counts (as the sorted set
// the dashboard read before listed them), at most n.
func TestTopGestures(t *testing.T) {
	got := topGestures(map[string]int{"A": 2, "B": 5, "C": 2, "D": 1}, 3)
	want := []domain.GestureCount{{GestureID: "B", Done: 5}, {GestureID: "C", Done: 2}, {GestureID: "A", Done: 2}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%+v, want %+v", got, want)
	}
	if got := topGestures(nil, 5); len(got) != 0 {
		t.Errorf("no gestures: %+v", got)
	}
}
