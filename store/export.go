package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// exportBatch is how many outcomes are read per round trip while exporting.
const exportBatch = 500

func dayNumber(day string) int64 {
	d, _ := time.Parse(time.DateOnly, day)
	return d.Unix() / 86400
}

func (s *Store) outcomeRange(from, to string) *redis.ZRangeBy {
	return &redis.ZRangeBy{Min: strconv.FormatInt(dayNumber(from), 10), Max: strconv.FormatInt(dayNumber(to), 10)}
}

// CountOutcomes counts the outcomes of days from..to.
func (s *Store) CountOutcomes(ctx context.Context, org, from, to string) (int64, error) {
	r := s.outcomeRange(from, to)
	n, err := s.rdb.ZCount(ctx, s.keys.outcomes(org), r.Min, r.Max).Result()
	return n, translate("count outcomes", err)
}

// ExportOutcomes streams the outcomes of days from..to in batches.
func (s *Store) ExportOutcomes(ctx context.Context, org, from, to string, emit func(domain.ExportRow) error) error {
	names := &exportNames{s: s, org: org, teams: map[string]string{}}
	cat := catalogCache{s: s, org: org}
	for offset := int64(0); ; offset += exportBatch {
		r := s.outcomeRange(from, to)
		r.Offset, r.Count = offset, exportBatch
		members, err := s.rdb.ZRangeByScore(ctx, s.keys.outcomes(org), r).Result()
		if err != nil {
			return translate("export outcomes", err)
		}
		if len(members) == 0 {
			return nil
		}
		pipe := s.rdb.Pipeline()
		cmds := make([]*redis.StringCmd, len(members))
		userIDs := make([]string, 0, len(members))
		for i, m := range members {
			day, user, _ := strings.Cut(m, "|")
			cmds[i] = pipe.HGet(ctx, s.keys.assignments(org, user), day)
			userIDs = append(userIDs, user)
		}
		if _, err := pipe.Exec(ctx); err != nil && err != redis.Nil {
			return translate("export outcomes", err)
		}
		users, err := s.UsersByID(ctx, org, uniqueIDs(userIDs))
		if err != nil {
			return err
		}
		byID := make(map[string]domain.User, len(users))
		for _, u := range users {
			byID[u.ID] = u
		}
		for i, cmd := range cmds {
			if cmd.Err() != nil {
				continue // expired by retention meanwhile
			}
			day, _, _ := strings.Cut(members[i], "|")
			rec, err := decodeRecord(day, userIDs[i], cmd.Val())
			if err != nil {
				return domain.Internal("decode outcome", err)
			}
			if rec.Outcome == nil {
				continue
			}
			u := byID[userIDs[i]]
			u.ID = userIDs[i]
			v, err := cat.view(ctx, rec, u)
			if err != nil {
				return err
			}
			o := v.Assignment.Outcome
			row := domain.ExportRow{
				Day: rec.Day, UserID: u.ID, UserName: u.Name, TeamID: u.TeamID,
				GestureID: rec.Gesture, GestureTitle: v.Gesture.Title, ValueID: v.Gesture.ValueID, ValueName: v.Value.Name,
				Result: o.Result, Reaction: o.Reaction, Points: o.Points, StoryShared: o.Shared,
				OccurredAt: o.OccurredAt, RecordedAt: o.RecordedAt,
			}
			if t := rec.Outcome.Team; t != nil {
				row.TeamID = *t
			}
			if row.TeamName, err = names.team(ctx, row.TeamID); err != nil {
				return err
			}
			if err := emit(row); err != nil {
				return err
			}
		}
		if len(members) < exportBatch {
			return nil
		}
	}
}

type exportNames struct {
	s     *Store
	org   string
	teams map[string]string
}

func (n *exportNames) team(ctx context.Context, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	if name, ok := n.teams[id]; ok {
		return name, nil
	}
	t, err := n.s.Team(ctx, n.org, id)
	if err != nil && domain.ErrorKind(err) != domain.KindNotFound {
		return "", err
	}
	n.teams[id] = t.Name
	return t.Name, nil
}

func uniqueIDs(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// expireScript deletes the details of assignments and outcomes of days before a cut-off for
// some users: their day records and index entries. Points, streaks and badges stay.
//
// KEYS[1] the org's outcome index. ARGV[1] the cut-off day number (exclusive), ARGV[2] the org's
// key base, ARGV[3…] user ids. Returns how many day records were removed.
var expireScript = redis.NewScript(`
local cut, n = '(' .. ARGV[1], 0
for i = 3, #ARGV do
  local days = redis.call('ZRANGEBYSCORE', ARGV[2] .. 'asgdays:' .. ARGV[i], '-inf', cut)
  if #days > 0 then
    redis.call('HDEL', ARGV[2] .. 'asg:' .. ARGV[i], unpack(days))
    redis.call('ZREMRANGEBYSCORE', ARGV[2] .. 'asgdays:' .. ARGV[i], '-inf', cut)
    n = n + #days
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', cut)
return n
`)

// ExpireOutcomes removes the day records of every user of org before cutoff (the org's
// retention); it returns how many.
func (s *Store) ExpireOutcomes(ctx context.Context, org, cutoff string) (int, error) {
	total := 0
	page := domain.Page{Limit: 200}
	for {
		ids, next, err := pageIDs(ctx, s.rdb, s.keys.users(org), page)
		if err != nil {
			return total, err
		}
		args := []any{dayNumber(cutoff), s.keys.org(org)}
		for _, id := range ids {
			args = append(args, id)
		}
		n, err := expireScript.Run(ctx, s.rdb, []string{s.keys.outcomes(org)}, args...).Int()
		if err != nil {
			return total, translate("expire outcomes", err)
		}
		total += n
		if next == "" {
			return total, nil
		}
		page.Cursor = next
	}
}
