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

var (
	feedbackLinkScript   = luaScript("feedback_link")
	feedbackAnswerScript = luaScript("feedback_answer")
	errFeedbackLinkGone  = domain.NotFound("feedback link")
)

// feedbackDayTTL keeps a link's day counter past any time zone's end of that day.
const feedbackDayTTL = 50 * time.Hour

// feedbackLinkValue is how a team's link is stored: the token's hash (to find its index when
// it is replaced) and the token (to answer the link).
func feedbackLinkValue(token string) string {
	return domain.HashSecret(token) + " " + token
}

// FeedbackLink answers the team's token, making its first one on the first read.
func (s *Store) FeedbackLink(ctx context.Context, org, team string) (string, error) {
	v, err := s.rdb.Get(ctx, s.keys.feedbackLink(org, team)).Result()
	if err == nil {
		return tokenOf(v), nil
	}
	if !errors.Is(err, redis.Nil) {
		return "", translate("feedback link", err)
	}
	return s.setFeedbackLink(ctx, org, team, domain.NewFeedbackToken(org), true)
}

// SetFeedbackLink replaces the team's token ("" revokes it).
func (s *Store) SetFeedbackLink(ctx context.Context, org, team, token string) error {
	_, err := s.setFeedbackLink(ctx, org, team, token, false)
	return err
}

func (s *Store) setFeedbackLink(ctx context.Context, org, team, token string, onlyFirst bool) (string, error) {
	value, index := "", s.keys.feedbackToken(org, "-")
	if token != "" {
		value, index = feedbackLinkValue(token), s.keys.feedbackToken(org, domain.HashSecret(token))
	}
	first := "0"
	if onlyFirst {
		first = "1"
	}
	res, err := feedbackLinkScript.Run(ctx, s.rdb,
		[]string{s.keys.feedbackLink(org, team), index, s.keys.team(org, team)},
		s.keys.feedbackToken(org, ""), value, team, first).Text()
	if errors.Is(err, redis.Nil) {
		return "", errTeamNotFound
	}
	if err != nil {
		return "", translate("set feedback link", err)
	}
	return tokenOf(res), nil
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

// feedbackCount is feedbackAnswerScript's argument (lua/feedback_answer.lua says what each is).
type feedbackCount struct {
	Team         string `json:"team"`
	PerAddress   int    `json:"per_address"`
	Window       int    `json:"window"`
	PerLinkDay   int    `json:"per_link_day"`
	DayTTL       int    `json:"day_ttl"`
	Field        string `json:"field"`
	Comment      string `json:"comment"`
	CommentsKept int    `json:"comments_kept"`
}

// storedComment is a comment as a team keeps it: the answer's id, score, comment and time.
type storedComment struct {
	ID      string    `json:"i"`
	Score   int       `json:"s"`
	Comment string    `json:"c"`
	At      time.Time `json:"t"`
	Day     string    `json:"d"`
}

// RecordFeedback counts one answer in one round trip, guarded by the flood limits.
func (s *Store) RecordFeedback(ctx context.Context, token string, a domain.FeedbackAnswer, address string, limits domain.FeedbackLimits) error {
	org, ok := domain.FeedbackTokenOrg(token)
	if !ok {
		return errFeedbackLinkGone
	}
	// The address is kept only as a hash, and only for its window; the salt (org and team)
	// keeps one org's keys from telling whether an address answered another's.
	sum := sha256.Sum256([]byte("microact feedback address\x00" + org + "\x00" + a.Team + "\x00" + address))
	comment := ""
	if a.Comment != "" {
		comment = marshal(storedComment{ID: a.ID, Score: a.Score, Comment: a.Comment, At: a.At.UTC(), Day: a.Day})
	}
	res, err := feedbackAnswerScript.Run(ctx, s.rdb, []string{
		s.keys.feedbackToken(org, domain.HashSecret(token)),
		s.keys.feedbackAddress(org, hex.EncodeToString(sum[:16])),
		s.keys.feedbackLinkDay(org, a.Team, a.Day),
		s.keys.feedbackCounts(org, a.Team),
		s.keys.feedbackOrgCounts(org),
		s.keys.feedbackComments(org, a.Team),
	}, marshal(feedbackCount{
		Team: a.Team, PerAddress: limits.PerAddress, Window: int(limits.AddressWindow / time.Second), PerLinkDay: limits.PerLinkDay,
		DayTTL: int(feedbackDayTTL / time.Second), Field: a.Day + ":" + strconv.Itoa(a.Score), Comment: comment,
		CommentsKept: domain.FeedbackCommentsKept,
	})).Int64Slice()
	if err != nil {
		return translate("record feedback", err)
	}
	switch res[0] {
	case 1:
		return nil
	case 0:
		return errFeedbackLinkGone
	default:
		return domain.RateLimited(time.Duration(res[1]) * time.Second)
	}
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
			continue // written only by feedback_answer.lua
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
