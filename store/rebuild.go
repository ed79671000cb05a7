package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// RebuildBoards rebuilds every leaderboard and dashboard counter of an org from its stored
// outcomes: the old ones are deleted, then each outcome is added again with the points it was
// given, to the team it was recorded in (its record's tm; for a record of a version that did not
// keep it, its user's current team), in the org periods its occurred_at falls in. Outcomes
// past the org's retention are gone, so what they added to all-time boards is gone too.
// progress is called with the number of outcomes replayed so far.
func (s *Store) RebuildBoards(ctx context.Context, org string, progress func(done, total int64)) error {
	o, err := s.Org(ctx, org)
	if err != nil {
		return err
	}
	loc := o.Location()
	if err := s.labelUsers(ctx, org); err != nil {
		return err
	}
	for _, pattern := range []string{"lb:*", "dash:*", "team:*:barriers:open", "team:*:donedays"} {
		if err := s.deletePattern(ctx, s.keys.org(org)+pattern); err != nil {
			return err
		}
	}
	// Without their stamps no replica keeps the old boards; the replay stamps them anew.
	if err := s.rdb.Del(ctx, s.keys.boardStamps(org)).Err(); err != nil {
		return translate("rebuild", err)
	}
	total, err := s.CountOutcomes(ctx, org, "", "")
	if err != nil {
		return err
	}
	// the team an outcome was recorded in; a record of a version that did not keep it goes to
	// its user's current team
	teams := map[string]string{}
	recordedTeam := func(rec dayRecord, user string) (string, error) {
		if t := rec.Outcome.Team; t != nil {
			return *t, nil
		}
		if team, ok := teams[user]; ok {
			return team, nil
		}
		u, err := s.User(ctx, org, user)
		if err != nil && domain.ErrorKind(err) != domain.KindNotFound {
			return "", err
		}
		teams[user] = u.TeamID
		return u.TeamID, nil
	}
	var done int64
	return s.eachOutcomes(ctx, org, "", "", func(members []string) error {
		pipe := s.rdb.Pipeline()
		recs := make([]*redis.SliceCmd, len(members))
		for i, m := range members {
			day, user, _ := strings.Cut(m, "|")
			recs[i] = pipe.HMGet(ctx, s.keys.assignments(org, user), day, recordTeamField)
		}
		if _, err := pipe.Exec(ctx); err != nil && err != redis.Nil {
			return translate("rebuild", err)
		}
		args := []any{s.keys.org(org), newStamp()}
		for i, m := range members {
			day, user, _ := strings.Cut(m, "|")
			if recs[i].Err() != nil || len(recs[i].Val()) != 2 {
				continue
			}
			raw, ok := recs[i].Val()[0].(string)
			if !ok {
				continue
			}
			held, _ := recs[i].Val()[1].(string)
			rec, err := decodeRecord(day, user, raw, held)
			if err != nil || rec.Outcome == nil {
				continue
			}
			team, err := recordedTeam(rec, user)
			if err != nil {
				return err
			}
			at, _ := time.Parse(time.RFC3339, rec.Outcome.Occurred)
			occurred := domain.LocalDay(at, loc)
			week, month := domain.WeekOf(occurred, o.WeekStartsOn, loc), domain.MonthOf(occurred, loc)
			args = append(args, user, team, day, week.Key, month.Key,
				formatInt(boardTTL(week, s.clock.Now()))+"|"+formatInt(boardTTL(month, s.clock.Now())))
		}
		n, err := replayScript.Run(ctx, s.rdb, []string{s.keys.outcomeDays(org)}, args...).Int64()
		if err != nil {
			return translate("rebuild", err)
		}
		done += n
		if progress != nil {
			progress(done, total)
		}
		return nil
	})
}

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }

// labelUsers gives every user the label their JSON says (see userLabel): users stored before
// labels were kept have none, and a replica of an earlier version changes a user's JSON without
// their label. Each user's label is written only if the user is still as read (a user changed
// meanwhile was labelled by that change), and a label that changes gets the org a new label
// stamp, as UpdateUser does.
func (s *Store) labelUsers(ctx context.Context, org string) error {
	page := domain.Page{Limit: 500}
	for {
		ids, next, err := pageIDs(ctx, s.rdb, s.keys.users(org), page)
		if err != nil {
			return err
		}
		users, err := s.UsersByID(ctx, org, ids)
		if err != nil {
			return err
		}
		for _, u := range users {
			err := newWrite().rev(s.keys.user(org, u.ID), u.Rev, errConcurrent).
				hsetMark(s.keys.userLabels(org), u.ID, userLabel(u), s.keys.orgSettings(org), fieldLabelStamp, newStamp()).
				run(ctx, s, "label user")
			if err != nil && domain.ErrorCode(err) != domain.ErrorCode(errConcurrent) {
				return err
			}
		}
		if next == "" {
			return nil
		}
		page.Cursor = next
	}
}
