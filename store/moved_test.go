package store

import (
	"errors"
	"slices"
	"testing"
)

// A write's "moved" answer is the state only when it holds one value per field the write
// named: otherwise values would land on the wrong days, and the server reads the state instead.
func TestMovedAnswerHoldsAValuePerField(t *testing.T) {
	fields := []string{"tm", "latest", "2026-12-07", "2026-12-06"}
	answer := func(recs ...any) movedAnswer {
		return movedAnswer{"moved", []any{"{}", "tv1"}, recs, "", "cv1"}
	}
	err := movedLoop(answer("t1", "2026-12-07", "rec7", nil), fields)
	var m *stateMoved[assignmentRead]
	if !errors.As(err, &m) || !errors.Is(err, errStateMoved) {
		t.Fatalf("a whole answer: %v, want the state", err)
	}
	if got := m.read.records; len(got) != 3 || got["2026-12-07"] != "rec7" || got["latest"] != "2026-12-07" {
		t.Errorf("records %v", got)
	}
	if _, set := m.read.records["2026-12-06"]; set {
		t.Errorf("a day without a record is set: %v", m.read.records)
	}
	for name, bad := range map[string]movedAnswer{
		"a value short": answer("t1", "2026-12-07", "rec7"),
		"a value over":  answer("t1", "2026-12-07", "rec7", nil, "rec5"),
		"not moved":     {"ok", []any{"{}", "tv1"}, []any{"t1", "2026-12-07", "rec7", nil}, "", "cv1"},
		"only moved":    {"moved"},
	} {
		if err := movedLoop(bad, fields); !errors.Is(err, errStateMoved) || errors.As(err, &m) {
			t.Errorf("%s: %v, want errStateMoved without a state", name, err)
		}
	}

	// the outcome's answer: the user and stamps, the fields, the stats and badges whole, the
	// scores on boards, the key's record and the catalogue stamp
	whole := movedAnswer{"moved", []any{"{}", "tv1", "sv1"}, []any{"t1", "2026-12-07", "rec7", nil},
		[]any{statsFields[0], "3"}, []any{"first_gesture", "1"}, []any{"board:all", "12", "board:w", ""}, "", "cv1"}
	var o *stateMoved[outcomeRead]
	if err := movedRead(whole, fields); !errors.As(err, &o) {
		t.Fatalf("a whole outcome answer: %v, want the state", err)
	}
	if o.read.stats[0] != "3" || o.read.stats[1] != "" || o.read.badges["first_gesture"] != "1" || o.cv != "cv1" ||
		!o.read.scores["board:all"].on || o.read.scores["board:w"].on || o.read.records["2026-12-07"] != "rec7" {
		t.Errorf("outcome state %+v", o.read)
	}
	for _, bad := range []movedAnswer{{"moved"}, whole[:7], append(slices.Clone(whole[:2]), append([]any{[]any{"t1"}}, whole[3:]...)...)} {
		if err := movedRead(bad, fields); !errors.Is(err, errStateMoved) || errors.As(err, new(*stateMoved[outcomeRead])) {
			t.Errorf("%v: %v, want errStateMoved without a state", bad, err)
		}
	}
}
