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

// dueLua reads and writes a user's fieldDue and their schedule entry.
const dueLua = `
local function readdue(ukey)
  local out = {}
  local cur = redis.call('HGET', ukey, 'due')
  if cur then
    for kind, at in string.gmatch(cur, '([^=,]+)=(%d+)') do out[kind] = tonumber(at) end
  end
  return out
end
local function writedue(ukey, schedule, user, due)
  local kinds, first = {}, nil
  for kind, at in pairs(due) do
    kinds[#kinds+1] = kind
    if not first or at < first then first = at end
  end
  if not first then
    redis.call('HDEL', ukey, 'due')
    redis.call('ZREM', schedule, user)
    return
  end
  table.sort(kinds)
  local parts = {}
  for i, kind in ipairs(kinds) do parts[i] = kind .. '=' .. string.format('%.0f', due[kind]) end
  redis.call('HSET', ukey, 'due', table.concat(parts, ','))
  redis.call('ZADD', schedule, first, user)
end
`

// claimScript leases due reminders to one scheduler: their due time moves a lease ahead, so
// another replica polling at the same moment skips them, and a crashed one's lease runs out.
// An entry of a user who no longer exists is dropped.
//
// KEYS[1] the schedule. ARGV[1] the org's key base (user hashes are built from it and share its
// slot), ARGV[2] now (Unix ms), ARGV[3] lease (ms), ARGV[4] at most this many entries.
// Returns {"<kind alias>|<user>", due (Unix ms), …}.
var claimScript = redis.NewScript(dueLua + `
local now, leased = tonumber(ARGV[2]), tonumber(ARGV[2]) + tonumber(ARGV[3])
local entries = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[4]))
local out = {}
for i = 1, #entries, 2 do
  local member = entries[i]
  local ukey = ARGV[1] .. 'user:' .. member
  local due = readdue(ukey)
  local kinds = {}
  for kind in pairs(due) do kinds[#kinds+1] = kind end
  table.sort(kinds)
  for _, kind in ipairs(kinds) do
    if due[kind] <= now then
      out[#out+1] = kind .. '|' .. member
      out[#out+1] = string.format('%.0f', due[kind])
      due[kind] = leased
    end
  end
  if redis.call('EXISTS', ukey) == 1 then
    writedue(ukey, KEYS[1], member, due)
  else
    redis.call('ZREM', KEYS[1], member)
  end
end
return out
`)

// ClaimDue leases the reminders due now in up to n schedule entries and says when each was
// due; Member is "<kind>|<user>".
func (s *Store) ClaimDue(ctx context.Context, org string, now time.Time, lease time.Duration, n int) ([]domain.Due, error) {
	res, err := claimScript.Run(ctx, s.rdb, []string{s.keys.schedule(org)}, s.keys.org(org), now.UnixMilli(), lease.Milliseconds(), n).StringSlice()
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

// rescheduleScript sets when some of a user's reminders are due next. Nothing is written for a
// user who does not exist.
//
// KEYS[1] the user hash, KEYS[2] the schedule. ARGV[1] user id, then per kind: its alias and
// when it is due next (Unix ms; 0 removes it).
var rescheduleScript = redis.NewScript(dueLua + `
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 0
end
local due = readdue(KEYS[1])
for i = 2, #ARGV, 2 do
  local at = tonumber(ARGV[i+1])
  if at > 0 then due[ARGV[i]] = at else due[ARGV[i]] = nil end
end
writedue(KEYS[1], KEYS[2], ARGV[1], due)
return 0
`)

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
	kinds := make([]string, 0, len(due))
	for kind := range due {
		kinds = append(kinds, kind)
	}
	slices.Sort(kinds)
	args := []any{userID}
	for _, kind := range kinds {
		at := int64(0)
		if !due[kind].IsZero() {
			at = due[kind].UnixMilli()
		}
		args = append(args, dueAlias(kind), at)
	}
	return translate("reschedule", rescheduleScript.Run(ctx, s.rdb, []string{s.keys.user(org, userID), s.keys.schedule(org)}, args...).Err())
}
