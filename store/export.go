package store

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// exportBatch is how many users' records of a day are read per round trip while exporting.
const exportBatch = 500

// outcomeCounts answers the days from..to ("" for no bound) that have outcomes, in order, and
// how many each.
func (s *Store) outcomeCounts(ctx context.Context, org, from, to string) ([]string, []int64, error) {
	all, err := s.rdb.HGetAll(ctx, s.keys.outcomeCounts(org)).Result()
	if err != nil {
		return nil, nil, err
	}
	days := make([]string, 0, len(all))
	for day := range all {
		if (from == "" || day >= from) && (to == "" || day <= to) {
			days = append(days, day)
		}
	}
	slices.Sort(days)
	counts := make([]int64, len(days))
	for i, day := range days {
		counts[i], _ = strconv.ParseInt(all[day], 10, 64)
	}
	return days, counts, nil
}

// CountOutcomes counts the outcomes of days from..to.
func (s *Store) CountOutcomes(ctx context.Context, org, from, to string) (int64, error) {
	_, counts, err := s.outcomeCounts(ctx, org, from, to)
	var n int64
	for _, c := range counts {
		n += c
	}
	return n, translate("count outcomes", err)
}

// eachOutcomes calls f with the candidates for the outcomes of days from..to ("" for no
// bound) as "day|user", ordered by day and then user, at most exportBatch at a time: every
// user of the org (the users index, in id order) for each day that has outcomes. f reads the
// records and passes over a user with none, or with an assignment but no outcome, that day.
func (s *Store) eachOutcomes(ctx context.Context, org, from, to string, f func(members []string) error) error {
	days, _, err := s.outcomeCounts(ctx, org, from, to)
	if err != nil {
		return translate("list outcomes", err)
	}
	for _, day := range days {
		if err := eachIDPage(ctx, s.rdb, s.keys.users(org), exportBatch, func(ids []string) error {
			members := make([]string, len(ids))
			for i, u := range ids {
				members[i] = day + "|" + u
			}
			return f(members)
		}); err != nil {
			return err
		}
	}
	return nil
}

// ExportOutcomes streams the outcomes of days from..to in batches.
func (s *Store) ExportOutcomes(ctx context.Context, org, from, to string, emit func(domain.ExportRow) error) error {
	names := &exportNames{s: s, org: org, teams: map[string]string{}}
	cat := catalogCache{s: s, org: org}
	byID := map[string]domain.User{} // the users of the rows so far: the same on every day
	return s.eachOutcomes(ctx, org, from, to, func(members []string) error {
		pipe := s.rdb.Pipeline()
		cmds := make([]*redis.SliceCmd, len(members))
		userIDs := make([]string, 0, len(members))
		for i, m := range members {
			day, user, _ := strings.Cut(m, "|")
			cmds[i] = pipe.HMGet(ctx, s.keys.assignments(org, user), day, recordTeamField)
			userIDs = append(userIDs, user)
		}
		if err := execReads(ctx, pipe); err != nil {
			return translate("export outcomes", err)
		}
		type found struct {
			rec  dayRecord
			user string
		}
		var recs []found
		var missing []string
		for i, cmd := range cmds {
			if cmd.Err() != nil || len(cmd.Val()) != 2 {
				continue
			}
			raw, ok := cmd.Val()[0].(string)
			if !ok {
				continue // no record that day (or expired by retention meanwhile)
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
			recs = append(recs, found{rec, userIDs[i]})
			if _, ok := byID[userIDs[i]]; !ok {
				missing = append(missing, userIDs[i])
			}
		}
		if len(missing) > 0 {
			users, err := s.UsersByID(ctx, org, uniqueIDs(missing))
			if err != nil {
				return err
			}
			for _, u := range users {
				byID[u.ID] = u
			}
		}
		for _, f := range recs {
			rec := f.rec
			u := byID[f.user]
			u.ID = f.user
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

// expireRecordsScript removes a user's records past the retention (see ExpireOutcomes).
var expireRecordsScript = luaScript("expire_records")

// recordsExpiry is expire_records.lua's argument.
type recordsExpiry struct {
	Days  []string `json:"days"`
	Stamp string   `json:"stamp"`
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

// ExpireOutcomes removes the day records of every user of org before cutoff (the org's
// retention); it returns how many. Which fields are those days is read, and each deleted by
// name: a record written meanwhile is of a later day. A user whose records it removed gets a
// new view stamp in the same step (expire_records.lua).
func (s *Store) ExpireOutcomes(ctx context.Context, org, cutoff string) (int, error) {
	total := 0
	if err := eachIDPage(ctx, s.rdb, s.keys.users(org), 200, func(ids []string) error {
		pipe := s.rdb.Pipeline()
		fields := make([]*redis.StringSliceCmd, len(ids))
		for i, id := range ids {
			fields[i] = pipe.HKeys(ctx, s.keys.assignments(org, id))
		}
		if err := execReads(ctx, pipe); err != nil {
			return translate("expire outcomes", err)
		}
		pipe = s.rdb.Pipeline()
		var dels []*redis.Cmd
		for i, id := range ids {
			if days := assignmentDays(fields[i].Val(), cutoff); len(days) > 0 {
				keys := []string{s.keys.assignments(org, id), s.keys.user(org, id)}
				dels = append(dels, expireRecordsScript.Eval(ctx, pipe, keys, scriptArg(recordsExpiry{Days: days, Stamp: newStamp()})))
			}
		}
		if _, err := pipe.Exec(ctx); err != nil {
			return translate("expire outcomes", err)
		}
		for _, d := range dels { // those removed now, not by another expiry or an erasure meanwhile
			n, _ := d.Int()
			total += n
		}
		return nil
	}); err != nil {
		return total, err
	}
	// The counts of the days gone: after the records, so an export meanwhile finds nothing missing.
	days, _, err := s.outcomeCounts(ctx, org, "", domain.AddDays(cutoff, -1))
	if err != nil || len(days) == 0 {
		return total, translate("expire outcomes", err)
	}
	return total, translate("expire outcomes", s.rdb.HDel(ctx, s.keys.outcomeCounts(org), days...).Err())
}
