package store

import (
	"context"
	"slices"
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

// outcomeDays lists the days from..to ("" for no bound) that have outcomes.
func (s *Store) outcomeDays(ctx context.Context, org, from, to string) ([]string, error) {
	r := &redis.ZRangeBy{Min: "-inf", Max: "+inf"}
	if from != "" {
		r.Min = strconv.FormatInt(dayNumber(from), 10)
	}
	if to != "" {
		r.Max = strconv.FormatInt(dayNumber(to), 10)
	}
	return s.rdb.ZRangeByScore(ctx, s.keys.outcomeDays(org), r).Result()
}

// CountOutcomes counts the outcomes of days from..to.
func (s *Store) CountOutcomes(ctx context.Context, org, from, to string) (int64, error) {
	days, err := s.outcomeDays(ctx, org, from, to)
	if err != nil || len(days) == 0 {
		return 0, translate("count outcomes", err)
	}
	pipe := s.rdb.Pipeline()
	counts := make([]*redis.StringCmd, len(days))
	for i, day := range days {
		counts[i] = pipe.HGet(ctx, s.keys.outcomeIndex(org, day), "n")
	}
	if _, err := pipe.Exec(ctx); err != nil && err != redis.Nil {
		return 0, translate("count outcomes", err)
	}
	var n int64
	for i := range days {
		m, _ := counts[i].Int64()
		n += m
	}
	return n, nil
}

// outcomeUsers reads the users with an outcome on day from the day's index, sorted.
func (s *Store) outcomeUsers(ctx context.Context, org, day string) ([]string, error) {
	buckets, err := s.rdb.HKeys(ctx, s.keys.outcomeIndex(org, day)).Result()
	if err != nil {
		return nil, err
	}
	var users, keys []string
	for _, field := range buckets {
		if strings.HasPrefix(field, "b") {
			keys = append(keys, s.keys.outcomeBucket(org, day, field))
		}
	}
	if len(keys) > 0 {
		ids, err := s.rdb.MGet(ctx, keys...).Result()
		if err != nil {
			return nil, err
		}
		for _, v := range ids {
			if text, ok := v.(string); ok {
				users = append(users, strings.Split(text, ",")...)
			}
		}
	}
	users = slices.DeleteFunc(users, func(id string) bool { return id == "" })
	slices.Sort(users)
	return slices.Compact(users), nil
}

// eachOutcomes calls f with the outcomes of days from..to ("" for no bound) as "day|user",
// ordered by day and then user, at most exportBatch at a time.
func (s *Store) eachOutcomes(ctx context.Context, org, from, to string, f func(members []string) error) error {
	days, err := s.outcomeDays(ctx, org, from, to)
	if err != nil {
		return translate("list outcomes", err)
	}
	for _, day := range days {
		users, err := s.outcomeUsers(ctx, org, day)
		if err != nil {
			return translate("list outcomes", err)
		}
		for len(users) > 0 {
			n := min(len(users), exportBatch)
			members := make([]string, n)
			for i, u := range users[:n] {
				members[i] = day + "|" + u
			}
			if err := f(members); err != nil {
				return err
			}
			users = users[n:]
		}
	}
	return nil
}

// ExportOutcomes streams the outcomes of days from..to in batches.
func (s *Store) ExportOutcomes(ctx context.Context, org, from, to string, emit func(domain.ExportRow) error) error {
	names := &exportNames{s: s, org: org, teams: map[string]string{}}
	cat := catalogCache{s: s, org: org}
	return s.eachOutcomes(ctx, org, from, to, func(members []string) error {
		pipe := s.rdb.Pipeline()
		cmds := make([]*redis.SliceCmd, len(members))
		userIDs := make([]string, 0, len(members))
		for i, m := range members {
			day, user, _ := strings.Cut(m, "|")
			cmds[i] = pipe.HMGet(ctx, s.keys.assignments(org, user), day, recordTeamField)
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
			if cmd.Err() != nil || len(cmd.Val()) != 2 {
				continue
			}
			raw, ok := cmd.Val()[0].(string)
			if !ok {
				continue // expired by retention meanwhile
			}
			team, _ := cmd.Val()[1].(string)
			day, _, _ := strings.Cut(members[i], "|")
			rec, err := decodeRecord(day, userIDs[i], raw, team)
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
		return nil
	})
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

// expireScript deletes the day records of some users before a cut-off (lua/outcomes_expire.lua).
var expireScript = luaScript("outcomes_expire")

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
		if len(ids) == 0 {
			break
		}
		keys := make([]string, len(ids))
		for i, id := range ids {
			keys[i] = s.keys.assignments(org, id)
		}
		n, err := expireScript.Run(ctx, s.rdb, keys, cutoff).Int()
		if err != nil {
			return total, translate("expire outcomes", err)
		}
		total += n
		if next == "" {
			break
		}
		page.Cursor = next
	}
	// The index of the days gone: after the records, so an export meanwhile finds nothing missing.
	cut := strconv.FormatInt(dayNumber(cutoff), 10)
	days, err := s.rdb.ZRangeByScore(ctx, s.keys.outcomeDays(org), &redis.ZRangeBy{Min: "-inf", Max: "(" + cut}).Result()
	if err != nil || len(days) == 0 {
		return total, translate("expire outcomes", err)
	}
	names := s.rdb.Pipeline()
	buckets := make([]*redis.StringSliceCmd, len(days))
	for i, day := range days {
		buckets[i] = names.HKeys(ctx, s.keys.outcomeIndex(org, day))
	}
	if _, err := names.Exec(ctx); err != nil {
		return total, translate("expire outcomes", err)
	}
	pipe := s.rdb.TxPipeline()
	for i, day := range days {
		gone := []string{s.keys.outcomeIndex(org, day)}
		for _, field := range buckets[i].Val() {
			if strings.HasPrefix(field, "b") {
				gone = append(gone, s.keys.outcomeBucket(org, day, field))
			}
		}
		pipe.Del(ctx, gone...)
	}
	pipe.ZRemRangeByScore(ctx, s.keys.outcomeDays(org), "-inf", "("+cut)
	_, err = pipe.Exec(ctx)
	return total, translate("expire outcomes", err)
}

// compactIndexScript rewrites the buckets of one day's outcome index at their exact size. The
// outcome script grows a bucket with APPEND, and Redis grows a string by up to twice what it
// needs on each append that outgrows it, so a bucket written to all day may hold as much spare
// room as ids (see lua/outcome_index_compact.lua).
var compactIndexScript = luaScript("outcome_index_compact")

// indexSettledDays is how many days before an org's today no outcome can still be added to a
// day's index: an outcome may be recorded until the end of the day after its day, in the
// user's zone, which may be up to 26 hours behind the org's. Should one come later still, it is
// indexed all the same; its bucket only keeps the room APPEND gives it.
const indexSettledDays = 3

// CompactOutcomeIndexes rewrites the outcome index of every day of org settled by today (the
// org's local day: days before today - indexSettledDays) that is not yet compacted, at its
// exact size (see compactIndexScript); it returns how many days it compacted. The hourly
// retention worker runs it; running it again, or on several replicas at once, does nothing more.
func (s *Store) CompactOutcomeIndexes(ctx context.Context, org, today string) (int, error) {
	cut := strconv.FormatInt(dayNumber(domain.AddDays(today, -indexSettledDays)), 10)
	days, err := s.rdb.ZRangeByScore(ctx, s.keys.outcomeDays(org), &redis.ZRangeBy{Min: "-inf", Max: "(" + cut}).Result()
	if err != nil || len(days) == 0 {
		return 0, translate("compact outcome index", err)
	}
	pipe := s.rdb.Pipeline()
	fields := make([]*redis.StringSliceCmd, len(days))
	for i, day := range days {
		fields[i] = pipe.HKeys(ctx, s.keys.outcomeIndex(org, day))
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return 0, translate("compact outcome index", err)
	}
	n := 0
	for i, day := range days {
		keys := []string{s.keys.outcomeIndex(org, day)}
		for _, f := range fields[i].Val() {
			if strings.HasPrefix(f, "b") {
				keys = append(keys, s.keys.outcomeBucket(org, day, f))
			}
		}
		if len(keys) == 1 || slices.Contains(fields[i].Val(), "c") { // no index (or no bucket), or done
			continue
		}
		rewritten, err := compactIndexScript.Run(ctx, s.rdb, keys).Int()
		if err != nil {
			return n, translate("compact outcome index", err)
		}
		if rewritten > 0 {
			n++
		}
	}
	return n, nil
}
