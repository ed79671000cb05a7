package domain

import (
	"slices"
	"time"
)

// EscalationWorkdays is how many workdays a barrier may stay unacknowledged before it goes to
// the org's admins.
const EscalationWorkdays = 3

// EscalationDeadline is when a barrier reported at created escalates if nobody acknowledged it:
// the same local clock time on the EscalationWorkdays-th workday after the day it was reported.
// A barrier reported on a day off starts counting at the start of the next workday (reported on
// a Saturday in a Monday–Friday shop, it escalates when Wednesday ends). workdays are ISO
// weekdays (1 = Monday); none at all counts every day, so a barrier still escalates.
func EscalationDeadline(created time.Time, loc *time.Location, workdays []int) time.Time {
	isWorkday := func(t time.Time) bool {
		return len(workdays) == 0 || slices.Contains(workdays, (int(t.Weekday())+6)%7+1)
	}
	start := created.In(loc)
	for i := 0; i < 7 && !isWorkday(start); i++ {
		start = StartOfDay(start.AddDate(0, 0, 1).Format(time.DateOnly), loc).In(loc)
	}
	day, counted := start, 0
	for i := 0; i < 7*EscalationWorkdays && counted < EscalationWorkdays; i++ {
		day = time.Date(day.Year(), day.Month(), day.Day()+1, 12, 0, 0, 0, loc) // noon: no DST gap
		if isWorkday(day) {
			counted++
		}
	}
	h, m, s := start.Clock()
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, s, start.Nanosecond(), loc).UTC()
}

// EscalationDue reports whether b, read at now, is to go to the org's admins: it is still open
// (nobody acknowledged or resolved it), was not merged into another and did not escalate before,
// and its deadline in the org's calendar has passed.
func EscalationDue(b Barrier, now time.Time, loc *time.Location, workdays []int) bool {
	if b.Status != BarrierOpen || b.MergedInto != "" || b.EscalatedAt != nil {
		return false
	}
	return !now.Before(EscalationDeadline(b.CreatedAt, loc, workdays))
}

// CheckMerge says whether the barrier dup may be merged into the barrier into: both in one
// team, both still unresolved and not merged before, and not one and the same.
func CheckMerge(dup, into Barrier) error {
	switch {
	case dup.ID == into.ID:
		return Invalid("merge_into_itself", "A barrier cannot be merged into itself.",
			FieldError{Field: "into", Message: "is the barrier being merged"})
	case into.MergedInto != "":
		return &Error{Kind: KindInvalid, Code: "barrier_merged", Message: "The barrier to merge into was merged into another one.",
			Fields: []FieldError{{Field: "into", Message: "was merged into " + into.MergedInto}}, MergedInto: into.MergedInto}
	case dup.TeamID != into.TeamID:
		return Invalid("merge_across_teams", "Only barriers of one team can be merged.",
			FieldError{Field: "into", Message: "belongs to another team"})
	case dup.Status == BarrierResolved:
		return Conflict("barrier_resolved", "This barrier is resolved already; there is nothing to merge.")
	case into.Status == BarrierResolved:
		return Conflict("barrier_resolved", "The barrier to merge into is resolved already.")
	}
	return nil
}

// Merged is what a barrier becomes once merged into another: it keeps its text for its
// reporter's export but leaves every list, and its link answers where it went.
func Merged(dup Barrier, into string, now time.Time) Barrier {
	dup.MergedInto, dup.UpdatedAt = into, now
	return dup
}

// MergedError answers a request for a barrier that was merged into another.
func MergedError(b Barrier) error {
	return &Error{Kind: KindNotFound, Code: "barrier_merged", Message: "This barrier was merged into " + b.MergedInto + ".", MergedInto: b.MergedInto}
}

// barrierMoves are the status changes a lead or an admin may make.
var barrierMoves = map[string][]string{
	BarrierOpen:         {BarrierAcknowledged, BarrierResolved},
	BarrierAcknowledged: {BarrierResolved},
}

// MoveBarrier is b acknowledged or resolved at now: Conflict invalid_transition for a move the
// statuses do not allow (a resolved barrier stays resolved, an acknowledged one is not opened
// again).
func MoveBarrier(b Barrier, status string, now time.Time) (Barrier, error) {
	if !slices.Contains(barrierMoves[b.Status], status) {
		return b, Conflict("invalid_transition", "A barrier that is "+b.Status+" cannot become "+status+".")
	}
	b.Status, b.UpdatedAt = status, now
	return b, nil
}

// BarrierMoved is what moving a barrier on brings about besides its new status.
type BarrierMoved struct {
	// EarnBadge: the reporter earns barrier_resolved, the first time a barrier of theirs is resolved.
	EarnBadge bool
	// MeToo are those told with the "me too" texts: everyone who said "me too" (or whose
	// report was merged into it), the reporter aside, who is told with their own.
	MeToo []string
}

// MovedBarrier decides what moving before to after brings about, with meToo those who said
// "me too" to it and badgeHeld whether its reporter holds barrier_resolved.
func MovedBarrier(before, after Barrier, meToo []string, badgeHeld bool) BarrierMoved {
	m := BarrierMoved{EarnBadge: after.Status == BarrierResolved && before.Status != BarrierResolved && !badgeHeld}
	for _, u := range meToo {
		if u != before.ReporterID {
			m.MeToo = append(m.MeToo, u)
		}
	}
	return m
}

// JoinBarrier says whether userID may say "me too" to b: not to a barrier merged into another
// (it answers where it went), not to their own, not to one resolved already.
func JoinBarrier(b Barrier, userID string) error {
	switch {
	case b.MergedInto != "":
		return MergedError(b)
	case b.ReporterID == userID:
		return &Error{Kind: KindForbidden, Code: "own_barrier", Message: "You reported this barrier yourself."}
	case b.Status == BarrierResolved:
		return Conflict("barrier_resolved", "This barrier is resolved already.")
	}
	return nil
}

// MergeJoiners are those who join the barrier into when dup is merged into it: dup's reporter
// and everyone who said "me too" to dup (dupMeToo), except into's reporter, who met it first.
func MergeJoiners(dup, into Barrier, dupMeToo []string) []string {
	var joiners []string
	for _, u := range append(slices.Clone(dupMeToo), dup.ReporterID) {
		if u != "" && u != into.ReporterID && !slices.Contains(joiners, u) {
			joiners = append(joiners, u)
		}
	}
	return joiners
}
