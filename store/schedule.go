package store

import (
	"context"
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

// claimScript leases the reminders due now to one scheduler (see lua/schedule_claim.lua).
var claimScript = luaScript("lib_due", "schedule_claim")

// ClaimDue leases the reminders due now in up to n schedule entries and says when each was
// due; Member is "<kind>|<user>". The entries are read first, so the script is given their
// users' hashes, and leased in one step (one another scheduler leased meanwhile is skipped).
func (s *Store) ClaimDue(ctx context.Context, org string, now time.Time, lease time.Duration, n int) ([]domain.Due, error) {
	members, err := s.rdb.ZRangeByScore(ctx, s.keys.schedule(org), &redis.ZRangeBy{
		Min: "-inf", Max: strconv.FormatInt(now.UnixMilli(), 10), Count: int64(n),
	}).Result()
	if err != nil || len(members) == 0 {
		return nil, translate("claim reminders", err)
	}
	keys, args := []string{s.keys.schedule(org)}, []any{now.UnixMilli(), lease.Milliseconds()}
	for _, m := range members {
		if !domain.ValidID(m) { // no user's entry: it would be due for ever
			if err := s.rdb.ZRem(ctx, s.keys.schedule(org), m).Err(); err != nil {
				return nil, translate("claim reminders", err)
			}
			continue
		}
		keys, args = append(keys, s.keys.user(org, m)), append(args, m)
	}
	res, err := claimScript.Run(ctx, s.rdb, keys, args...).StringSlice()
	if err != nil {
		return nil, translate("claim reminders", err)
	}
	due := make([]domain.Due, 0, len(res)/2)
	for i := 0; i+1 < len(res); i += 2 {
		alias, user, _ := strings.Cut(res[i], "|")
		ms, _ := strconv.ParseFloat(res[i+1], 64)
		due = append(due, domain.Due{Member: dueKind(alias) + "|" + user, At: time.UnixMilli(int64(ms)).UTC()})
	}
	return due, nil
}

// rescheduleScript sets when some of a user's reminders are due next.
var rescheduleScript = luaScript("lib_due", "schedule_set")

// scheduleNew adds a new user's reminders (when each kind is due; zero times are left out) to w,
// the write that stores the user, as Reschedule would write them, so that no user is ever
// stored without their reminders.
func (s *Store) scheduleNew(w *write, u domain.User, due map[string]time.Time) {
	at := map[string]int64{}
	for kind, t := range due {
		if ms := t.UnixMilli(); !t.IsZero() && ms > 0 { // what rescheduleScript keeps
			at[dueAlias(kind)] = ms
		}
	}
	if len(at) == 0 {
		return
	}
	aliases := slices.Sorted(maps.Keys(at)) // as writedue orders them
	parts, first := make([]string, len(aliases)), at[aliases[0]]
	for i, a := range aliases {
		parts[i] = a + "=" + strconv.FormatInt(at[a], 10)
		first = min(first, at[a])
	}
	w.hset(s.keys.user(u.Org, u.ID), fieldDue, strings.Join(parts, ",")).zadd(s.keys.schedule(u.Org), float64(first), u.ID)
}

// Reschedule sets when a user's reminders are due next; a zero time removes one.
func (s *Store) Reschedule(ctx context.Context, org, userID string, due map[string]time.Time) error {
	at := make(map[string]int64, len(due))
	for kind, t := range due {
		at[dueAlias(kind)] = 0
		if !t.IsZero() {
			at[dueAlias(kind)] = t.UnixMilli()
		}
	}
	return translate("reschedule", rescheduleScript.Run(ctx, s.rdb, []string{s.keys.user(org, userID), s.keys.schedule(org)}, userID, marshal(at)).Err())
}
