package domain

import (
	"slices"
	"strings"
	"time"
)

// LeaseDue decides which of a user's reminders one scheduler takes at now: every kind due at or
// before now, earliest first (kinds due together in name order). Each is answered with when it
// was due, and next holds the user's reminders with those moved to now+lease: another scheduler
// polling meanwhile finds them not due, and if this one crashes the lease runs out and they are
// due again. A kind not due stays as it was; due is not changed.
func LeaseDue(user string, due map[string]time.Time, now time.Time, lease time.Duration) (taken []Due, next map[string]time.Time) {
	next = make(map[string]time.Time, len(due))
	for kind, at := range due {
		next[kind] = at
		if !at.After(now) {
			taken = append(taken, Due{Member: kind + "|" + user, At: at})
			next[kind] = now.Add(lease)
		}
	}
	slices.SortFunc(taken, func(a, b Due) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return strings.Compare(a.Member, b.Member)
	})
	return taken, next
}

// Reschedule is due with changes made: a kind given a time is due then, a kind given the zero
// time is no longer scheduled. due is not changed.
func Reschedule(due, changes map[string]time.Time) map[string]time.Time {
	next := make(map[string]time.Time, len(due)+len(changes))
	for kind, at := range due {
		next[kind] = at
	}
	for kind, at := range changes {
		if at.IsZero() {
			delete(next, kind)
		} else {
			next[kind] = at
		}
	}
	return next
}
