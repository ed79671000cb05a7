package store

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// The reminder schedule is one sorted set per org with one entry per user (the member is the
// user id, the score the earliest time one of their reminders is due); when each kind of
// reminder is due sits in the user's hash, field fieldDue, as "g=<ms>,s=<ms>,w=<ms>". One entry
// per user rather than one per kind and user saves two sorted-set entries (~270 B) per user.
const fieldDue = "due"

// dueAliases are the short names of the reminder kinds inside fieldDue; other kinds keep their
// name (none contains "=" or ",").
var dueAliases = map[string]string{domain.KindDailyGesture: "g", domain.KindStreakRescue: "s", domain.KindWeeklyRecap: "w"}

func dueAlias(kind string) string {
	if a, ok := dueAliases[kind]; ok {
		return a
	}
	return kind
}

func dueKind(alias string) string {
	for kind, a := range dueAliases {
		if a == alias {
			return kind
		}
	}
	return alias
}

// parseDue reads fieldDue: when each kind is due.
func parseDue(raw string) map[string]time.Time {
	due := map[string]time.Time{}
	for part := range strings.SplitSeq(raw, ",") {
		alias, at, _ := strings.Cut(part, "=")
		if ms, err := strconv.ParseUint(at, 10, 63); alias != "" && err == nil {
			due[dueKind(alias)] = time.UnixMilli(int64(ms)).UTC()
		}
	}
	return due
}

// formatDue writes fieldDue: aliases in order, Unix milliseconds; a kind whose time is not after
// 1970 is left out. first is the earliest time (the schedule's score); raw is "" when nothing is
// due.
func formatDue(due map[string]time.Time) (raw string, first int64) {
	at := map[string]int64{}
	for kind, t := range due {
		if ms := t.UnixMilli(); !t.IsZero() && ms > 0 {
			at[dueAlias(kind)] = ms
		}
	}
	aliases := slices.Sorted(maps.Keys(at))
	parts := make([]string, len(aliases))
	for i, a := range aliases {
		parts[i] = a + "=" + strconv.FormatInt(at[a], 10)
		if i == 0 || at[a] < first {
			first = at[a]
		}
	}
	return strings.Join(parts, ","), first
}

// writeDue adds to w the user's reminders as due: fieldDue and their schedule entry, both gone
// when nothing is due.
func (s *Store) writeDue(w *write, org, userID string, due map[string]time.Time) *write {
	uk, sk := s.keys.user(org, userID), s.keys.schedule(org)
	raw, first := formatDue(due)
	if raw == "" {
		return w.hdel(uk, fieldDue).zrem(sk, userID)
	}
	return w.hset(uk, fieldDue, raw).zadd(sk, float64(first), userID)
}

// scheduleRounds bounds how often a reschedule is decided again because the user's reminders
// moved between the read and the write (a scheduler claimed them, or their settings changed).
const scheduleRounds = 8

// claimRounds is how many times a claim reads its batch. All but the last write the batch in
// one write: two schedulers that read the same batch at once cost the later one another read,
// which finds those reminders leased. The last writes each user on their own, so a batch in
// which users keep changing still leases the others.
const claimRounds = 3

// dueUser is a user and their reminders (fieldDue) as read.
type dueUser struct {
	id, raw string
	exists  bool
}

// ClaimDue leases the reminders due now in up to n schedule entries and says when each was
// due; Member is "<kind>|<user>". Which are due, and the lease, are decided in Go
// (domain.LeaseDue) from the users' reminders as read, and written only while they are still as
// read: first for the whole batch in one write; if someone changed one meanwhile (another
// scheduler claimed it, a user changed their settings), the batch is read again, and then each
// user is written on their own, one that moved again being left to the next poll.
func (s *Store) ClaimDue(ctx context.Context, org string, now time.Time, lease time.Duration, n int) ([]domain.Due, error) {
	for round := 1; ; round++ {
		users, err := s.readDue(ctx, org, now, n)
		if err != nil || len(users) == 0 {
			return nil, err
		}
		if round < claimRounds {
			w := newWrite()
			var taken []domain.Due
			for _, u := range users {
				taken = append(taken, s.leaseDue(w, org, u, now, lease)...)
			}
			switch err := w.apply(ctx, s, "claim reminders"); {
			case err == nil:
				return taken, nil
			case !errors.Is(err, errStateMoved):
				return nil, err
			}
			continue
		}
		var taken []domain.Due
		for _, u := range users {
			w := newWrite()
			leased := s.leaseDue(w, org, u, now, lease)
			switch err := w.apply(ctx, s, "claim reminders"); {
			case err == nil:
				taken = append(taken, leased...)
			case !errors.Is(err, errStateMoved):
				return taken, err
			}
		}
		return taken, nil
	}
}

// readDue reads up to n schedule entries due at now with their users' reminders. An entry that
// names no user (it would be due for ever) is removed.
func (s *Store) readDue(ctx context.Context, org string, now time.Time, n int) ([]dueUser, error) {
	members, err := s.rdb.ZRangeByScore(ctx, s.keys.schedule(org), &redis.ZRangeBy{
		Min: "-inf", Max: strconv.FormatInt(now.UnixMilli(), 10), Count: int64(n),
	}).Result()
	if err != nil {
		return nil, translate("claim reminders", err)
	}
	ids, stray := make([]string, 0, len(members)), []any{}
	for _, m := range members {
		if domain.ValidID(m) {
			ids = append(ids, m)
		} else {
			stray = append(stray, m)
		}
	}
	if len(stray) > 0 {
		if err := s.rdb.ZRem(ctx, s.keys.schedule(org), stray...).Err(); err != nil {
			return nil, translate("claim reminders", err)
		}
	}
	return s.readUsersDue(ctx, org, ids)
}

// readUsersDue reads the reminders of the users ids, in one round trip.
func (s *Store) readUsersDue(ctx context.Context, org string, ids []string) ([]dueUser, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	pipe := s.rdb.Pipeline()
	exists, raws := make([]*redis.IntCmd, len(ids)), make([]*redis.StringCmd, len(ids))
	for i, id := range ids {
		uk := s.keys.user(org, id)
		exists[i], raws[i] = pipe.Exists(ctx, uk), pipe.HGet(ctx, uk, fieldDue)
	}
	if err := execReads(ctx, pipe); err != nil {
		return nil, translate("read reminders", err)
	}
	users := make([]dueUser, len(ids))
	for i, id := range ids {
		users[i] = dueUser{id: id, raw: raws[i].Val(), exists: exists[i].Val() == 1}
	}
	return users, nil
}

// leaseDue adds to w the lease of u's reminders due at now (see rewriteDue), and answers what
// it takes.
func (s *Store) leaseDue(w *write, org string, u dueUser, now time.Time, lease time.Duration) []domain.Due {
	taken, next := domain.LeaseDue(u.id, parseDue(u.raw), now, lease)
	if !s.rewriteDue(w, org, u, next) {
		return nil
	}
	return taken
}

// rewriteDue adds to w u's reminders as next, written only while they are as read (the write
// fails with errStateMoved otherwise). A user who is gone has their schedule entry removed
// instead, and rewriteDue answers false.
func (s *Store) rewriteDue(w *write, org string, u dueUser, next map[string]time.Time) bool {
	uk := s.keys.user(org, u.id)
	if !u.exists {
		w.absent(uk, errStateMoved).zrem(s.keys.schedule(org), u.id)
		return false
	}
	w.present(uk, errStateMoved).fieldIs(uk, fieldDue, u.raw, errStateMoved)
	s.writeDue(w, org, u.id, next)
	return true
}

// Reschedule sets when a user's reminders are due next; a zero time removes one. The change is
// made to the reminders as read, and written only while they are still as read. It is a write
// of its own, never part of the request that called it (see write.apply).
func (s *Store) Reschedule(ctx context.Context, org, userID string, changes map[string]time.Time) error {
	for range scheduleRounds {
		users, err := s.readUsersDue(ctx, org, []string{userID})
		if err != nil {
			return err
		}
		w := newWrite()
		s.rewriteDue(w, org, users[0], domain.Reschedule(parseDue(users[0].raw), changes))
		if err := w.apply(ctx, s, "reschedule"); !errors.Is(err, errStateMoved) {
			return err
		}
	}
	return domain.Internal("reschedule", errStateMoved)
}

// ScheduleUser sets the user's reminders of kinds (every kind when none is named) as
// domain.Schedule decides them after now, from the user as stored. The user and their reminders
// are read together and written only while both are still as read, so a reschedule decided from
// an older copy of the user never overwrites one decided from a newer: two changes of a user
// racing each other leave the reminders of the change stored last. A user without a record (gone,
// or deleted by hand) has their reminders and schedule entry removed.
func (s *Store) ScheduleUser(ctx context.Context, org domain.Org, userID string, now time.Time, kinds ...string) error {
	uk := s.keys.user(org.ID, userID)
	for range scheduleRounds {
		read, err := s.rdb.HMGet(ctx, uk, fieldDue, dataField).Result()
		if err != nil {
			return translate("read reminders", err)
		}
		raw, _ := read[0].(string)
		data, _ := read[1].(string)
		w := newWrite().fieldIs(uk, dataField, data, errStateMoved).fieldIs(uk, fieldDue, raw, errStateMoved)
		var next map[string]time.Time // none for a user without a record
		if data != "" {
			u, err := s.viewedUser(org.ID, data)
			if err != nil {
				return err
			}
			changes := domain.Schedule(u, org, now)
			if len(kinds) > 0 {
				picked := make(map[string]time.Time, len(kinds))
				for _, k := range kinds {
					picked[k] = changes[k]
				}
				changes = picked
			}
			next = domain.Reschedule(parseDue(raw), changes)
		}
		s.writeDue(w, org.ID, userID, next)
		if err := w.apply(ctx, s, "reschedule"); !errors.Is(err, errStateMoved) {
			return err
		}
	}
	return domain.Internal("reschedule", errStateMoved)
}

// scheduleNew adds a new user's reminders (when each kind is due; zero times are left out) to w,
// the write that stores the user, as Reschedule would write them, so that no user is ever
// stored without their reminders.
func (s *Store) scheduleNew(w *write, u domain.User, due map[string]time.Time) {
	if raw, _ := formatDue(due); raw != "" {
		s.writeDue(w, u.Org, u.ID, due)
	}
}
