package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

var errFeedbackLinkGone = domain.NotFound("feedback link")

// feedbackLinkValue is how a team's link is stored: the token's hash (to find its index when
// it is replaced) and the token (to answer the link).
func feedbackLinkValue(token string) string {
	return domain.HashSecret(token) + " " + token
}

// FeedbackLink answers the team's token, making its first one on the first read (one read
// when it has one).
func (s *Store) FeedbackLink(ctx context.Context, org, team string) (string, error) {
	return s.setFeedbackLink(ctx, org, team, domain.NewFeedbackToken(org), true)
}

// SetFeedbackLink replaces the team's token ("" revokes it).
func (s *Store) SetFeedbackLink(ctx context.Context, org, team, token string) error {
	_, err := s.setFeedbackLink(ctx, org, team, token, false)
	return err
}

// setFeedbackLink replaces the team's link with token's ("" revokes it) while the link is as
// read, and the old token's index goes with it: the old token stops working at once. With
// onlyFirst, a team that has a link (or had one revoked) keeps it. It answers the token now
// current.
func (s *Store) setFeedbackLink(ctx context.Context, org, team, token string, onlyFirst bool) (string, error) {
	link := s.keys.feedbackLink(org, team)
	for range socialRounds {
		old, err := s.rdb.Get(ctx, link).Result()
		had := err == nil
		if err != nil && !errors.Is(err, redis.Nil) {
			return "", translate("set feedback link", err)
		}
		if had && onlyFirst {
			return tokenOf(old), nil
		}
		w := newWrite().present(s.keys.team(org, team), errTeamNotFound)
		if had {
			w.valueIs(link, old, errStateMoved)
		} else {
			w.absent(link, errStateMoved)
		}
		if hash, _, ok := strings.Cut(old, " "); ok {
			w.del(s.keys.feedbackToken(org, hash))
		}
		value := ""
		if token != "" {
			value = feedbackLinkValue(token)
			w.setKeep(s.keys.feedbackToken(org, domain.HashSecret(token)), team)
		}
		switch err := w.setKeep(link, value).run(ctx, s, "set feedback link"); {
		case err == nil:
			return token, nil
		case !errors.Is(err, errStateMoved):
			return "", err
		}
	}
	return "", domain.Internal("set feedback link", errStateMoved)
}

// tokenOf is the token of a stored link ("" when revoked).
func tokenOf(v string) string {
	_, token, _ := strings.Cut(v, " ")
	return token
}

// FeedbackTeam answers the org and team of a current token.
func (s *Store) FeedbackTeam(ctx context.Context, token string) (string, string, error) {
	org, ok := domain.FeedbackTokenOrg(token)
	if !ok {
		return "", "", errFeedbackLinkGone
	}
	team, err := s.rdb.Get(ctx, s.keys.feedbackToken(org, domain.HashSecret(token))).Result()
	if errors.Is(err, redis.Nil) {
		return "", "", errFeedbackLinkGone
	}
	if err != nil {
		return "", "", translate("feedback team", err)
	}
	return org, team, nil
}

// storedComment is a comment as a team keeps it: the answer's id, score, comment and time.
type storedComment struct {
	ID      string    `json:"i"`
	Score   int       `json:"s"`
	Comment string    `json:"c"`
	At      time.Time `json:"t"`
	Day     string    `json:"d"`
}

// An answer is counted by one write whose checks are what domain.DecideFeedback counts an
// answer on: the link names the team, and both flood counters are below their limits. When a
// check fails the state is read and DecideFeedback says why (the link is gone, or the address
// or the link is over its limit, and for how long); only a counter that expired between the
// write and the read lets the answer be written again.

// feedbackRounds bounds those writes: a check fails only at a limit or on a changed link, so a
// second write is rare and a third rarer still. An answer that fails them all is told to try
// again in feedbackBusyWait, as a flood's answers are.
const feedbackRounds = 3

// feedbackBusyWait is how long an answer that failed every round is told to wait.
const feedbackBusyWait = time.Second

// RecordFeedback counts one answer within the flood limits (domain.DecideFeedback): one write
// in the common case; at a limit, or refused, a read and what it decides.
func (s *Store) RecordFeedback(ctx context.Context, token string, a domain.FeedbackAnswer, address string, limits domain.FeedbackLimits) error {
	org, ok := domain.FeedbackTokenOrg(token)
	if !ok {
		return errFeedbackLinkGone
	}
	// The address is kept only as a hash, and only for its window; the salt (org and team)
	// keeps one org's keys from telling whether an address answered another's.
	sum := sha256.Sum256([]byte("microact feedback address\x00" + org + "\x00" + a.Team + "\x00" + address))
	k := feedbackKeys{
		token:   s.keys.feedbackToken(org, domain.HashSecret(token)),
		address: s.keys.feedbackAddress(org, hex.EncodeToString(sum[:16])),
		linkDay: s.keys.feedbackLinkDay(org, a.Team, a.Day),
	}
	byAddress, byLink := limits.Room()
	for range feedbackRounds {
		w := newWrite().valueIs(k.token, a.Team, errStateMoved).
			below(k.address, byAddress, errStateMoved).below(k.linkDay, byLink, errStateMoved)
		err := s.feedbackCount(w, org, k, a, limits).run(ctx, s, "record feedback")
		if !errors.Is(err, errStateMoved) {
			return err
		}
		st, err := s.readFeedback(ctx, k)
		if err != nil {
			return err
		}
		if err := domain.DecideFeedback(st, a.Team, limits); err != nil {
			return err
		}
	}
	return domain.RateLimited(feedbackBusyWait)
}

// feedbackKeys are the keys an answer is decided from.
type feedbackKeys struct {
	token   string // the link's token index entry (→ team)
	address string // the answering address's counter in its window
	linkDay string // the link's counter of the answer's day
}

// readFeedback reads, in one step, the team the link names and both counters with their time
// left.
func (s *Store) readFeedback(ctx context.Context, k feedbackKeys) (domain.FeedbackState, error) {
	var st domain.FeedbackState
	pipe := s.rdb.TxPipeline()
	team := pipe.Get(ctx, k.token)
	byAddress, addressTTL := pipe.Get(ctx, k.address), pipe.TTL(ctx, k.address)
	byLink, linkTTL := pipe.Get(ctx, k.linkDay), pipe.TTL(ctx, k.linkDay)
	if err := execReads(ctx, pipe); err != nil {
		return st, translate("read feedback", err)
	}
	st.LinkTeam, st.AddressTTL, st.LinkTTL = team.Val(), addressTTL.Val(), linkTTL.Val()
	var err error
	if st.ByAddress, err = counted(byAddress.Val()); err != nil {
		return st, domain.Internal("decode feedback address counter", err)
	}
	if st.ByLink, err = counted(byLink.Val()); err != nil {
		return st, domain.Internal("decode feedback link counter", err)
	}
	return st, nil
}

// counted is a counter's count as stored ("" for none).
func counted(v string) (int, error) {
	if v == "" {
		return 0, nil
	}
	return strconv.Atoi(v)
}

// feedbackCount adds to w what counting an answer writes.
func (s *Store) feedbackCount(w *write, org string, k feedbackKeys, a domain.FeedbackAnswer, limits domain.FeedbackLimits) *write {
	field := a.Day + ":" + strconv.Itoa(a.Score)
	w.incr(k.address, limits.AddressWindow).
		incr(k.linkDay, domain.FeedbackLinkDayKept).
		hincrby(s.keys.feedbackCounts(org, a.Team), field, 1).
		hincrby(s.keys.feedbackOrgCounts(org), field, 1)
	if a.Comment != "" {
		w.lpush(s.keys.feedbackComments(org, a.Team),
			marshal(storedComment{ID: a.ID, Score: a.Score, Comment: a.Comment, At: a.At.UTC(), Day: a.Day}), domain.FeedbackCommentsKept)
	}
	return w
}

// FeedbackCounts answers a team's (or with team "" the org's) answer counts by day.
func (s *Store) FeedbackCounts(ctx context.Context, org, team string) (map[string]domain.ScoreCounts, error) {
	key := s.keys.feedbackOrgCounts(org)
	if team != "" {
		key = s.keys.feedbackCounts(org, team)
	}
	fields, err := s.rdb.HGetAll(ctx, key).Result()
	if err != nil {
		return nil, translate("feedback counts", err)
	}
	out := map[string]domain.ScoreCounts{}
	for f, v := range fields {
		day, score, ok := strings.Cut(f, ":")
		sc, err1 := strconv.Atoi(score)
		n, err2 := strconv.Atoi(v)
		if !ok || err1 != nil || err2 != nil || !domain.ValidScore(sc) {
			continue // written only by feedbackCount
		}
		c := out[day]
		c[sc] += n
		out[day] = c
	}
	return out, nil
}

// FeedbackComments answers a team's latest comments, newest first.
func (s *Store) FeedbackComments(ctx context.Context, org, team string, limit int) ([]domain.FeedbackAnswer, error) {
	raw, err := s.rdb.LRange(ctx, s.keys.feedbackComments(org, team), 0, int64(limit)-1).Result()
	if err != nil {
		return nil, translate("feedback comments", err)
	}
	out := make([]domain.FeedbackAnswer, 0, len(raw))
	for _, r := range raw {
		var c storedComment
		if json.Unmarshal([]byte(r), &c) != nil {
			continue
		}
		out = append(out, domain.FeedbackAnswer{ID: c.ID, Team: team, Score: c.Score, Comment: c.Comment, At: c.At, Day: c.Day})
	}
	return out, nil
}

// TeamDoneDays answers the team's done gestures per assignment day from..to, counted from the
// team's dashboard logs (see dashEntry). A log is the day the gesture occurred, in the org's zone:
// never before the assignment's day began in the user's zone, so at most a day before it; the
// logs from the day before from to the day after to hold every gesture of the days asked.
func (s *Store) TeamDoneDays(ctx context.Context, org, team, from, to string) (map[string]domain.DayDone, error) {
	out := map[string]domain.DayDone{}
	if from == "" || to < from {
		return out, nil
	}
	days := periodDays(domain.Period{FirstDay: domain.AddDays(from, -1), LastDay: domain.AddDays(to, 1)})
	pipe := s.rdb.Pipeline()
	logs := make([]*redis.StringSliceCmd, len(days))
	for i, k := range s.dashboardDays(org, team, days) {
		logs[i] = pipe.LRange(ctx, k, 0, -1)
	}
	if err := execReads(ctx, pipe); err != nil {
		return nil, translate("team done days", err)
	}
	for i, l := range logs {
		parseDashEntries(l.Val(), func(e dashEntryRead) {
			if e.User == "" {
				return
			}
			day := days[i]
			if e.Day != "" {
				day = e.Day
			}
			if day < from || day > to {
				return
			}
			d := out[day]
			if d.ByGesture == nil {
				d.ByGesture = map[string]int{}
			}
			d.Done++
			d.ByGesture[e.Gesture]++
			out[day] = d
		})
	}
	return out, nil
}

var _ domain.FeedbackStore = (*Store)(nil)
