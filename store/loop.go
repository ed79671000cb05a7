package store

import (
	"context"
	"errors"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

var loopErrors = map[string]error{
	"not_found":        domain.NotFound("assignment"),
	"no_gestures":      domain.Conflict("no_gestures", "No gesture is available for you yet; an admin has to add some first."),
	"already_recorded": domain.Conflict("already_recorded", "An outcome has been recorded for this assignment already."),
	"too_late":         domain.Invalid("too_late", "Only today's assignment can be changed."),
	"no_swaps_left":    domain.Conflict("no_swaps_left", "No swaps are left for today."),
	"no_alternative":   domain.Conflict("no_swaps_left", "There is no other gesture to swap to."),
	"unknown_barrier_category": domain.Invalid("invalid", "The outcome is not valid.",
		domain.FieldError{Field: "barrier.category", Message: "not one of the org's barrier categories"}),
	"idempotency_key_reused": errKeyReused,
}

// Today returns the user's assignment for day, creating it on first read.
func (s *Store) Today(ctx context.Context, org, userID, day string, now time.Time) (domain.AssignmentView, error) {
	v, _, err := s.TodayStamped(ctx, org, userID, day, now)
	return v, err
}

// View stamps. A user's today view is made of their stored user, their assignment records and
// the org's gestures, values and challenges (and the texts of their own stories and barriers,
// which do not change). Every write to the user or their records sets a new random stamp in the
// user hash (fieldViewStamp), in the same atomic step; every change to a gesture, value or
// challenge sets one in the org's settings hash (fieldCatalogStamp). A view read together with
// the two stamps is therefore the view for as long as both read the same: a replica may keep
// the view it rendered and, on a repeat read, read only the stamps (TodayStamp) instead of
// having the view read, decoded and rendered again. The stamps are random, not counters, so a Redis
// that comes back from a crash or a backup without the latest writes never hands out a stamp
// again for different contents: each stamp stands for one state.
const (
	fieldViewStamp    = "tv" // in the user hash
	fieldCatalogStamp = "cv" // in the org's settings hash
	fieldLabelStamp   = "lv" // in the org's settings hash: a user's label changed (see Store.WholeTeamBoard)
	// fieldRebuild, in the org's settings hash, is set while a rebuild holds the org's boards:
	// its mark (boardsHold in rebuild.go). Whether it is set is
	// part of the org's state an outcome is decided from, under the catalogue stamp.
	fieldRebuild = "rb"
	// fieldStatsStamp, in the user hash, is set anew by every write to the user's stats,
	// badges or places on their team's boards (an outcome, a kudos, a badge for a resolved
	// barrier, a settled streak, a rebuild of the boards): an outcome decided from a replica's
	// copy of them (statsCopy) or from a read is written only while it is the same.
	fieldStatsStamp = "sv"
	// fieldActStamp, in the user hash, is set anew by every write of the user's that leaves their
	// id in a key not their own, which an erasure finds only by SCAN (see actedBy): an erasure
	// planned meanwhile is refused and planned again.
	fieldActStamp = "av"
)

// newStamp answers a fresh view stamp.
func newStamp() string { return strconv.FormatUint(rand.Uint64(), 36) }

// viewStamp joins the user's and the org's stamps as read; "" when the user has none, so no
// view is ever taken to be current without one.
func viewStamp(user, catalog string) string {
	if user == "" {
		return ""
	}
	return user + "/" + catalog
}

// TodayStamp reads the user's view stamps as they are now ("" when the user has none), in one
// round trip of two HGETs: Redis spends a tenth of the today script's cheapest run on it.
func (s *Store) TodayStamp(ctx context.Context, org, userID string) (string, error) {
	pipe := s.rdb.Pipeline()
	user := pipe.HGet(ctx, s.keys.user(org, userID), fieldViewStamp)
	catalog := pipe.HGet(ctx, s.keys.orgSettings(org), fieldCatalogStamp)
	_, _ = pipe.Exec(ctx) // each answer's own error is looked at: a stamp not set is no failure
	for _, c := range []*redis.StringCmd{user, catalog} {
		if err := c.Err(); err != nil && !errors.Is(err, redis.Nil) {
			return "", translate("today stamp", err)
		}
	}
	return viewStamp(user.Val(), catalog.Val()), nil
}

// loopIdempotencyKey names the record an outcome's or a swap's Idempotency-Key keeps inside
// its script; without a key, a key of the same slot that the script never reads.
func (s *Store) loopIdempotencyKey(org, userID, key string) string {
	if key == "" {
		return s.keys.outcomeIdempotency(org, userID, "none")
	}
	return s.keys.outcomeIdempotency(org, userID, idempotencyHash(org, userID, key))
}

// Stats settles the user's streak and returns their stats and badges.
func (s *Store) Stats(ctx context.Context, org, userID string, dc domain.DayContext) (domain.Stats, error) {
	st, _, err := s.runStats(ctx, org, userID, dc)
	return st, err
}

// Me reads the user, their team's name and their stats as of dc in one step.
func (s *Store) Me(ctx context.Context, org, userID string, dc domain.DayContext) (domain.MeView, error) {
	st, res, err := s.runStats(ctx, org, userID, dc)
	if err != nil {
		return domain.MeView{}, err
	}
	if len(res) < 5 {
		return domain.MeView{}, errUserNotFound
	}
	raw, _ := res[2].(string)
	enrolled, _ := res[3].(string)
	label, _ := res[4].(string)
	var u domain.User
	if err := (objectRow{key: s.keys.user(org, userID), data: raw, found: true}).decode(&u); err != nil {
		return domain.MeView{}, err
	}
	u.Org, u.Enrolled = org, enrolled != ""
	// every team is labelled while it exists (see teamLabels): a deleted one is none
	return domain.MeView{User: u, TeamName: label, Stats: st}, nil
}

// statsRead is stats_read.lua's argument.
type statsRead struct {
	Days       []string `json:"days"`        // the days whose records are answered
	Stats      []string `json:"stats"`       // the stats' fields
	Enrolled   string   `json:"enrolled"`    // the user's enrolled field
	User       string   `json:"user"`        // their id
	Team       string   `json:"team"`        // their team as the caller knows it
	RecordTeam string   `json:"record_team"` // the assignments' field naming the records' team
}

// statsSettle is stats_settle.lua's argument.
type statsSettle struct {
	StampRead string   `json:"stamp_read"` // the stats stamp as read
	Stamp     string   `json:"stamp"`      // a new stats stamp
	Fields    []string `json:"fields"`     // field, value, …
}

var (
	statsReadScript   = luaScript("lib_json", "stats_read")
	statsSettleScript = luaScript("stats_settle")
)

// runStats reads the user's stats, settles their streak (domain.Streak.Settle), stores it
// when settling moved it, and answers the stats shown, with {"", badges, the user's JSON, their
// enrolled field, their team's label} (nil for a user not found).
func (s *Store) runStats(ctx context.Context, org, userID string, dc domain.DayContext) (domain.Stats, []any, error) {
	// the days a first read of today looks at (loopDays), and those an outcome may be late or
	// early for: the records read are kept as the user's loop state too (keepLoopState)
	days := loopDays(dc.Today)
	for i := 1; i <= outcomeDaysAhead; i++ {
		days = append(days, domain.AddDays(dc.Today, i))
	}
	read := statsRead{Days: days, Stats: statsFields, Enrolled: fieldEnrolled, User: userID, Team: dc.Team, RecordTeam: recordTeamField}
	keys := []string{
		s.keys.assignments(org, userID), s.keys.user(org, userID), s.keys.stats(org, userID), s.keys.badges(org, userID),
		s.keys.teamLabels(org),
	}
	// the user's places on their team's boards of now, for an outcome decided from the copy
	var boards []string
	if dc.Team != "" {
		boards = s.teamBoards(org, dc.Team, dc.Week.Key, dc.Month.Key, "all")
	}
	res, err := statsReadScript.Run(ctx, s.rdb, append(keys, boards...), scriptArg(read)).Slice()
	if err != nil {
		return domain.Stats{}, nil, translate("stats", err)
	}
	if len(res) < 9 {
		return domain.Stats{Badges: []domain.Badge{}}, nil, nil
	}
	udata, _ := res[0].(string)
	u, err := s.viewedUser(org, udata)
	if err != nil {
		return domain.Stats{}, nil, err
	}
	statVals, _ := res[4].([]any)
	flat, _ := res[5].([]any)
	recVals, _ := res[6].([]any)
	raw := map[string]string{}
	for i, v := range recVals {
		if str, _ := v.(string); str != "" && i < len(days) {
			raw[days[i]] = str
		}
	}
	// A first read of today, a swap or an outcome on this replica decides from what was read
	// here, as from readLoop's answer: one round trip instead of two for a user who opened their
	// profile first.
	latest, _ := res[3].(string)
	if len(res) >= 11 {
		loop := loopAnswer{kind: "state", user: udata, latest: latest, days: maps.Clone(raw)}
		loop.stamp, _ = res[9].(string)
		loop.team, _ = res[10].(string)
		// up to today, as a first read asks (a later day's record, if any, is held but not covered)
		s.keepLoopState(org, userID, loop, days[:loopDaysBack+1])
	}
	statsNow := statsText(statVals)
	ls := loopStatsOf(statsNow)
	read2 := domain.OutcomeRequest{Org: org, UserID: userID, Context: dc}
	if fin := ls.Streak.Settled; fin != "" && domain.AddDays(fin, 1) < days[0] {
		if err := s.readOlderResults(ctx, read2, fin, days[0], raw); err != nil {
			return domain.Stats{}, nil, err
		}
	}
	results := func(day string) string { return recordResult(raw[day]) }
	rest := domain.RestOf(u)
	settled, moved := ls.Streak.Settle(dc.Today, results, rest)
	stamp, _ := res[7].(string)
	readAt, keep := stamp, true
	if moved {
		w := statsSettle{StampRead: stamp, Stamp: newStamp(), Fields: []string{
			"cur", strconv.Itoa(settled.Current), "best", strconv.Itoa(settled.Best), "fr", strconv.Itoa(settled.Freezes),
			"run", strconv.Itoa(settled.Run), "fin", settled.Settled,
		}}
		stored, err := statsSettleScript.Run(ctx, s.rdb, []string{s.keys.stats(org, userID), s.keys.user(org, userID)}, scriptArg(w)).Int()
		if err != nil {
			return domain.Stats{}, nil, translate("settle stats", err)
		}
		ls.Streak = settled
		// not stored: the stats moved meanwhile, and the next read settles them again
		stamp, keep = w.Stamp, stored == 1
	}
	// what an outcome on this replica decides from (see statsCopy): the fields as stored now
	kept := make([]string, len(statsFields))
	copy(kept, statsNow)
	if moved {
		copy(kept, []string{strconv.Itoa(settled.Current), strconv.Itoa(settled.Best), strconv.Itoa(settled.Freezes),
			strconv.Itoa(settled.Run), settled.Settled})
	}
	if keep {
		var scores map[string]boardScore
		if read, _ := res[8].([]any); len(read) == len(boards) {
			scores = make(map[string]boardScore, len(boards))
			for i, v := range read {
				str, _ := v.(string)
				scores[boards[i]] = scoreText(str)
			}
		}
		s.keepStats(org, userID, stamp, readAt, kept, flat, scores)
	}
	st := ls.Shown(dc, latest, results, rest)
	st.Badges = badgesOf(flat)
	return st, []any{"", flat, udata, res[1], res[2]}, nil
}

// badgeTime reads when a badge was earned, kept as Unix seconds (the zero time for anything else).
func badgeTime(at string) time.Time {
	secs, err := strconv.ParseInt(at, 10, 64)
	if err != nil {
		return time.Time{}
	}
	return time.Unix(secs, 0).UTC()
}

// doneValueMark starts the fields of a user's badges hash that say which values they have done
// while they have not earned all_values.
const doneValueMark = "v:"

// badgesOf reads a badges hash's fields and values (the values done are no badge).
func badgesOf(flat []any) []domain.Badge {
	out := []domain.Badge{}
	for i := 0; i+1 < len(flat); i += 2 {
		id, _ := flat[i].(string)
		if strings.HasPrefix(id, doneValueMark) {
			continue // a value done, counted towards all_values (see DecideOutcome)
		}
		at, _ := flat[i+1].(string)
		out = append(out, domain.Badge{ID: id, EarnedAt: badgeTime(at)})
	}
	return out
}

// History lists the user's assignments, newest first. The cursor is the last day shown.
// The days are the fields of the user's assignments hash (a few hundred at most: retention
// removes older ones), so no index of them is kept beside it.
func (s *Store) History(ctx context.Context, org, userID string, page domain.Page) ([]domain.AssignmentView, string, error) {
	if page.Cursor != "" {
		if _, err := domain.ParseDate("cursor", page.Cursor); err != nil {
			return nil, "", domain.Malformed("malformed", "The cursor is not one this server gave out.")
		}
	}
	fields, err := s.rdb.HKeys(ctx, s.keys.assignments(org, userID)).Result()
	if err != nil {
		return nil, "", translate("history", err)
	}
	days := assignmentDays(fields, page.Cursor)
	next := ""
	if len(days) > page.Limit {
		days, next = days[:page.Limit], days[page.Limit-1]
	}
	if len(days) == 0 {
		return []domain.AssignmentView{}, "", nil
	}
	raws, err := s.rdb.HMGet(ctx, s.keys.assignments(org, userID), append(days, recordTeamField, "latest")...).Result()
	if err != nil {
		return nil, "", translate("history", err)
	}
	team, _ := raws[len(days)].(string)
	latest, _ := raws[len(days)+1].(string)
	raws = raws[:len(days)]
	user, err := s.User(ctx, org, userID)
	if err != nil {
		return nil, "", err
	}
	recs := make([]dayRecord, 0, len(raws))
	for i, raw := range raws {
		str, ok := raw.(string)
		if !ok {
			continue // expired by retention
		}
		rec, err := decodeRecord(days[i], userID, str, team)
		if err != nil {
			return nil, "", domain.Internal("decode assignment", err)
		}
		recs = append(recs, rec)
	}
	if err := s.storyTexts(ctx, org, recs); err != nil {
		return nil, "", err
	}
	views := make([]domain.AssignmentView, 0, len(recs))
	cat := catalogCache{s: s, org: org}
	for _, rec := range recs {
		v, err := cat.view(ctx, rec, user)
		if err != nil {
			return nil, "", err
		}
		v.Latest = latest
		views = append(views, v)
	}
	return views, next, nil
}

// assignmentDays picks the days out of an assignments hash's fields, newest first, keeping
// only those before the day before ("" for all).
func assignmentDays(fields []string, before string) []string {
	days := make([]string, 0, len(fields))
	for _, f := range fields {
		if _, err := time.Parse(time.DateOnly, f); err == nil && (before == "" || f < before) {
			days = append(days, f)
		}
	}
	slices.Sort(days)
	slices.Reverse(days)
	return days
}

// decodeView makes the view of rec from the JSON of its gesture, value and challenge ("" for
// none) and of the user. rec may be a replica's copy: its outcome is copied before fill
// completes it.
func (s *Store) decodeView(org, userID string, rec dayRecord, gesture, value, challenge, user string) (domain.AssignmentView, error) {
	if rec.Outcome != nil {
		o := *rec.Outcome
		rec.Outcome = &o
	}
	rec.fill("", userID)
	var v domain.AssignmentView
	var err error
	if v.Gesture, err = s.gestures.decode(gesture); err != nil {
		return v, domain.Internal("decode gesture", err)
	}
	if v.Value, err = s.values.decode(value); err != nil {
		return v, domain.Internal("decode value", err)
	}
	if challenge != "" {
		c, err := s.challenges.decode(challenge)
		if err != nil {
			return v, domain.Internal("decode challenge", err)
		}
		v.Challenge = &c
	}
	if v.User, err = s.viewedUser(org, user); err != nil {
		return v, err
	}
	v.Assignment = rec.assignment(userID)
	return v, nil
}

func (rec dayRecord) assignment(userID string) domain.Assignment {
	created, _ := time.Parse(time.RFC3339, rec.Created)
	a := domain.Assignment{
		ID: rec.ID, Day: rec.Day, UserID: userID, GestureID: rec.Gesture, ChallengeID: rec.Challenge,
		SwapsLeft: rec.SwapsLeft, CreatedAt: created,
	}
	if rec.Bonus != nil {
		a.Bonus = *rec.Bonus
	}
	if o := rec.Outcome; o != nil {
		occurred, _ := time.Parse(time.RFC3339, o.Occurred)
		recorded, _ := time.Parse(time.RFC3339, o.Recorded)
		a.Outcome = &domain.OutcomeRecord{
			Result: o.Result, Reaction: o.Reaction, Story: o.Story, Shared: o.Shared,
			BarrierCategory: o.BarrierCat, BarrierText: o.BarrierTxt, OccurredAt: occurred, RecordedAt: recorded,
			Points: o.Points, StoryID: o.StoryID, BarrierID: o.BarrierID,
		}
	}
	return a
}

type errUnexpected string

func (e errUnexpected) Error() string { return "unexpected answer " + string(e) }

// boardKept is how long a period's boards and dashboard counters outlive the period, so last
// week's and last month's can still be read after they reset.
const boardKept = 62 * 24 * time.Hour

// boardTTL is how many seconds a period's boards live on after now. It is relative to the
// injected clock (Redis would apply an absolute time by its own), and at least a minute.
func boardTTL(p domain.Period, now time.Time) int64 {
	return max(int64(p.EndsAt.Add(boardKept).Sub(now).Seconds()), 60)
}
