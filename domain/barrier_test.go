package domain

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestEscalationDeadline(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, ams)
		if err != nil {
			t.Fatal(err)
		}
		return v.UTC()
	}
	weekdays, sixDays := []int{1, 2, 3, 4, 5}, []int{1, 2, 3, 4, 5, 6}
	for _, c := range []struct {
		name     string
		created  string
		workdays []int
		want     string
	}{
		{"a Monday's barrier waits until Thursday at the same time", "2026-11-23 10:00", weekdays, "2026-11-26 10:00"},
		{"a Friday's barrier skips the weekend", "2026-11-27 10:00", weekdays, "2026-12-02 10:00"},
		{"a Saturday's barrier counts from Monday morning", "2026-11-28 10:00", weekdays, "2026-12-03 00:00"},
		{"a Sunday's barrier counts from Monday morning too", "2026-11-29 23:30", weekdays, "2026-12-03 00:00"},
		{"a shop open on Saturdays counts its Saturday", "2026-11-27 10:00", sixDays, "2026-12-01 10:00"},
		{"a Saturday's barrier counts in a shop open on Saturdays", "2026-11-28 10:00", sixDays, "2026-12-02 10:00"},
		{"the clock time holds across the end of summer time", "2026-10-23 10:00", weekdays, "2026-10-28 10:00"},
		{"the clock time holds across the start of summer time", "2026-03-27 10:00", weekdays, "2026-04-01 10:00"},
		{"no workdays at all counts every day", "2026-11-28 10:00", nil, "2026-12-01 10:00"},
		{"one workday a week waits three weeks", "2026-11-23 09:00", []int{1}, "2026-12-14 09:00"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := EscalationDeadline(at(c.created), ams, c.workdays)
			if !got.Equal(at(c.want)) {
				t.Errorf("deadline %s, want %s", got.In(ams).Format("Mon 2006-01-02 15:04"), c.want)
			}
		})
	}
}

// Where summer time starts at midnight the day begins at 01:00: a barrier reported on the day
// off before counts from then.
func TestEscalationDeadlineWhereTheDayBeginsAtOne(t *testing.T) {
	santiago, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Fatal(err)
	}
	sundayToThursday := []int{7, 1, 2, 3, 4}
	created := time.Date(2026, 9, 5, 10, 0, 0, 0, santiago) // a Saturday; Sunday 6 September starts at 01:00
	want := time.Date(2026, 9, 9, 1, 0, 0, 0, santiago)     // three workdays after Sunday 01:00
	if got := EscalationDeadline(created.UTC(), santiago, sundayToThursday); !got.Equal(want) {
		t.Errorf("deadline %s, want %s", got.In(santiago), want)
	}
}

func TestEscalationDue(t *testing.T) {
	created := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) // Monday
	deadline := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	escalated := deadline.Add(time.Hour)
	open := Barrier{ID: "B1", Status: BarrierOpen, CreatedAt: created}
	with := func(f func(*Barrier)) Barrier { b := open; f(&b); return b }
	for _, c := range []struct {
		name string
		b    Barrier
		now  time.Time
		want bool
	}{
		{"an open barrier escalates at its deadline", open, deadline, true},
		{"an open barrier escalates after its deadline", open, deadline.Add(48 * time.Hour), true},
		{"an open barrier waits before its deadline", open, deadline.Add(-time.Second), false},
		{"an acknowledged barrier does not escalate", with(func(b *Barrier) { b.Status = BarrierAcknowledged }), escalated, false},
		{"a resolved barrier does not escalate", with(func(b *Barrier) { b.Status = BarrierResolved }), escalated, false},
		{"a barrier escalates only once", with(func(b *Barrier) { b.EscalatedAt = &escalated }), escalated, false},
		{"a merged barrier does not escalate", with(func(b *Barrier) { b.MergedInto = "B2" }), escalated, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := EscalationDue(c.b, c.now, time.UTC, []int{1, 2, 3, 4, 5}); got != c.want {
				t.Errorf("due %v, want %v", got, c.want)
			}
		})
	}
}

func TestCheckMerge(t *testing.T) {
	dup := Barrier{ID: "B1", TeamID: "T1", Status: BarrierOpen}
	into := Barrier{ID: "B2", TeamID: "T1", Status: BarrierAcknowledged}
	with := func(b Barrier, f func(*Barrier)) Barrier { f(&b); return b }
	for _, c := range []struct {
		name      string
		dup, into Barrier
		kind      Kind
		code      string
	}{
		{"an open duplicate goes into an acknowledged barrier of its team", dup, into, 0, ""},
		{"an acknowledged duplicate goes into an open one", with(dup, func(b *Barrier) { b.Status = BarrierAcknowledged }),
			with(into, func(b *Barrier) { b.Status = BarrierOpen }), 0, ""},
		{"a barrier is not merged into itself", dup, dup, KindInvalid, "merge_into_itself"},
		{"a barrier is not merged into another team's", dup, with(into, func(b *Barrier) { b.TeamID = "T2" }), KindInvalid, "merge_across_teams"},
		{"a barrier is not merged into one merged away", dup, with(into, func(b *Barrier) { b.MergedInto = "B3" }), KindInvalid, "barrier_merged"},
		{"a barrier is not merged into a resolved one", dup, with(into, func(b *Barrier) { b.Status = BarrierResolved }), KindConflict, "barrier_resolved"},
		{"a resolved barrier is not merged", with(dup, func(b *Barrier) { b.Status = BarrierResolved }), into, KindConflict, "barrier_resolved"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := CheckMerge(c.dup, c.into)
			if c.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if ErrorKind(err) != c.kind || ErrorCode(err) != c.code {
				t.Errorf("got %v, want %s", err, c.code)
			}
		})
	}
}

func TestBarrierNoticesForOthers(t *testing.T) {
	t.Run("those who said me too read a title of their own over the reporter's body", func(t *testing.T) {
		d := BarrierUpdateDraft("B1", BarrierResolved, "The till is slow.", "New till on Monday.")
		m := MeTooDraft(d)
		for locale, tx := range m.Texts {
			if tx[0] == d.Texts[locale][0] || tx[1] != d.Texts[locale][1] {
				t.Errorf("%s: %q against the reporter's %q", locale, tx, d.Texts[locale])
			}
		}
		if m.Data["note"] != "New till on Monday." || m.Kind != KindBarrierUpdate {
			t.Errorf("draft %+v", m)
		}
	})
	t.Run("the escalation names the team in every locale and leaves the text behind the link", func(t *testing.T) {
		d := BarrierEscalatedDraft("B1", "Utrecht Centrum")
		if len(d.Texts) != 4 || d.Link != "microact://barriers/B1" || d.Data["barrier_id"] != "B1" {
			t.Fatalf("draft %+v", d)
		}
		for locale, tx := range d.Texts {
			if !strings.Contains(tx[1], "Utrecht Centrum") || !strings.Contains(tx[1], "3") {
				t.Errorf("%s body %q", locale, tx[1])
			}
		}
		if nameless := BarrierEscalatedDraft("B1", ""); strings.Contains(nameless.Texts["en"][1], "%!") || !strings.Contains(nameless.Texts["en"][1], "a team") {
			t.Errorf("without a team name: %q", nameless.Texts["en"][1])
		}
	})
}

func TestMoveBarrier(t *testing.T) {
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		from, to string
		ok       bool
	}{
		{BarrierOpen, BarrierAcknowledged, true},
		{BarrierOpen, BarrierResolved, true},
		{BarrierAcknowledged, BarrierResolved, true},
		{BarrierAcknowledged, BarrierAcknowledged, false},
		{BarrierAcknowledged, BarrierOpen, false},
		{BarrierResolved, BarrierResolved, false},
		{BarrierResolved, BarrierAcknowledged, false},
		{BarrierOpen, BarrierOpen, false},
		{BarrierOpen, "closed", false},
	} {
		got, err := MoveBarrier(Barrier{ID: "B1", Status: c.from}, c.to, now)
		switch {
		case c.ok && (err != nil || got.Status != c.to || !got.UpdatedAt.Equal(now)):
			t.Errorf("%s → %s: %+v, %v", c.from, c.to, got, err)
		case !c.ok && ErrorCode(err) != "invalid_transition":
			t.Errorf("%s → %s: %v, want invalid_transition", c.from, c.to, err)
		}
	}
}

func TestMovedBarrier(t *testing.T) {
	open := Barrier{ID: "B1", ReporterID: "eva", Status: BarrierOpen}
	acked, resolved := open, open
	acked.Status, resolved.Status = BarrierAcknowledged, BarrierResolved
	for _, c := range []struct {
		name          string
		before, after Barrier
		meToo         []string
		held          bool
		want          BarrierMoved
	}{
		{"resolving earns the reporter the badge; those who said me too are told",
			open, resolved, []string{"sam", "ann"}, false, BarrierMoved{EarnBadge: true, MeToo: []string{"sam", "ann"}}},
		{"a badge held is not earned again", acked, resolved, nil, true, BarrierMoved{}},
		{"acknowledging earns nothing", open, acked, []string{"sam"}, false, BarrierMoved{MeToo: []string{"sam"}}},
		{"the reporter, merged into their own barrier's set, hears it once, with their own texts",
			open, acked, []string{"eva", "sam"}, false, BarrierMoved{MeToo: []string{"sam"}}},
	} {
		if got := MovedBarrier(c.before, c.after, c.meToo, c.held); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestJoinBarrier(t *testing.T) {
	b := Barrier{ID: "B1", ReporterID: "eva", Status: BarrierOpen}
	merged, resolved, acked := b, b, b
	merged.MergedInto, resolved.Status, acked.Status = "B0", BarrierResolved, BarrierAcknowledged
	for _, c := range []struct {
		name string
		b    Barrier
		user string
		code string
	}{
		{"a colleague joins an open barrier", b, "sam", ""},
		{"and an acknowledged one", acked, "sam", ""},
		{"not their own", b, "eva", "own_barrier"},
		{"not a resolved one", resolved, "sam", "barrier_resolved"},
		{"not a merged one, which answers where it went", merged, "sam", "barrier_merged"},
	} {
		if got := ErrorCode(JoinBarrier(c.b, c.user)); got != c.code {
			t.Errorf("%s: %q, want %q", c.name, got, c.code)
		}
	}
}

func TestMergeJoiners(t *testing.T) {
	dup := Barrier{ID: "B2", ReporterID: "sam"}
	into := Barrier{ID: "B1", ReporterID: "eva"}
	for _, c := range []struct {
		name  string
		meToo []string
		want  []string
	}{
		{"the duplicate's reporter joins", nil, []string{"sam"}},
		{"and those who said me too to it", []string{"ann", "bob"}, []string{"ann", "bob", "sam"}},
		{"but not the kept barrier's reporter, who met it first", []string{"eva", "ann"}, []string{"ann", "sam"}},
		{"each once", []string{"sam", "ann"}, []string{"sam", "ann"}},
	} {
		if got := MergeJoiners(dup, into, c.meToo); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestBarrierUnresolved(t *testing.T) {
	for _, c := range []struct {
		b    Barrier
		want bool
	}{
		{Barrier{Status: BarrierOpen}, true},
		{Barrier{Status: BarrierAcknowledged}, true},
		{Barrier{Status: BarrierResolved}, false},
		{Barrier{Status: BarrierOpen, MergedInto: "B0"}, false},
	} {
		if got := c.b.Unresolved(); got != c.want {
			t.Errorf("%+v: %v, want %v", c.b, got, c.want)
		}
	}
}
