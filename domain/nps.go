package domain

import (
	"context"
	"encoding/base64"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// A customer's answer on a team's feedback page: how likely they are to recommend the org
// (0–10) and, optionally, what made the difference. Nothing else about the customer is kept.
type FeedbackAnswer struct {
	ID      string    `json:"id"`
	Team    string    `json:"team"`
	Score   int       `json:"score"`
	Comment string    `json:"comment,omitempty"`
	At      time.Time `json:"at"`
	Day     string    `json:"day"` // the org's local day of At
}

// FeedbackCommentMax is the longest comment kept, in characters.
const FeedbackCommentMax = 500

// FeedbackCommentsKept is how many comments a team keeps: the dashboard shows the latest, and
// a shared story quotes one of the same day.
const FeedbackCommentsKept = 200

// ScoreCounts counts answers by score: ScoreCounts[s] answers gave s.
type ScoreCounts [11]int

// Add adds other's answers to c.
func (c *ScoreCounts) Add(other ScoreCounts) {
	for i, n := range other {
		c[i] += n
	}
}

// NPS is the Net Promoter figure of some answers: promoters gave 9–10, passives 7–8, detractors
// 0–6. Score is the share of promoters minus the share of detractors, in whole points from
// -100 to 100 (0 without answers); TopShare is the share of 9+ (0–1).
type NPS struct {
	Answers, Promoters, Passives, Detractors int
	Score                                    int
	TopShare                                 float64
}

// NPSOf works out the figure of counts.
func NPSOf(c ScoreCounts) NPS {
	var n NPS
	for s, k := range c {
		switch {
		case s >= 9:
			n.Promoters += k
		case s >= 7:
			n.Passives += k
		default:
			n.Detractors += k
		}
		n.Answers += k
	}
	if n.Answers == 0 {
		return n
	}
	// Rounded half away from zero in integers, so 1 promoter of 8 answers is 13, not 12.
	diff := 100 * (n.Promoters - n.Detractors)
	if diff >= 0 {
		n.Score = (2*diff + n.Answers) / (2 * n.Answers)
	} else {
		n.Score = -((-2*diff + n.Answers) / (2 * n.Answers))
	}
	n.TopShare = float64(n.Promoters) / float64(n.Answers)
	return n
}

// ValidScore says whether s is a score a customer may give.
func ValidScore(s int) bool { return s >= 0 && s <= 10 }

// The parts of a comment that could name the customer or someone else are masked before it is
// stored: email addresses and phone numbers. A phone number is a run of at least 9 digits
// where spaces, dots, dashes, slashes and brackets may separate them, with an optional
// leading '+' (a number with its area code). Shorter ones (a price, a time, a date, a receipt
// line, a local number without area code) stay.
var (
	emailPattern = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+`)
	phonePattern = regexp.MustCompile(`\+?\(?\d(?:[\s./\-()]{0,2}\d){8,}`)
)

// MaskedText replaces what a comment must not keep.
const MaskedText = "[…]"

// ScreenComment cleans a customer's comment for storage: control characters and surrounding
// space removed, invalid UTF-8 dropped, email addresses and phone numbers masked, and cut to
// FeedbackCommentMax characters.
func ScreenComment(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029:
			return -1
		}
		return r
	}, s)
	// Spaces are collapsed before masking ("06  1234 5678" is a number once it reads "06 1234
	// 5678"), and the cut is masked again (cutting "…5678x" after the 8 may complete a number);
	// a mask is shorter than what it hides, so the cut stays within the limit.
	s = mask(strings.Join(strings.Fields(s), " "))
	if utf8.RuneCountInString(s) > FeedbackCommentMax {
		r := []rune(s)
		s = mask(strings.TrimSpace(string(r[:FeedbackCommentMax])))
	}
	return s
}

// mask hides the email addresses and phone numbers in s, with its spaces collapsed.
func mask(s string) string {
	s = emailPattern.ReplaceAllString(s, MaskedText)
	s = phonePattern.ReplaceAllString(s, MaskedText)
	return strings.Join(strings.Fields(s), " ")
}

// NewFeedbackToken returns a team's feedback link token: the org's slug, so the server finds
// the org's keys, then 128 random bits. It is printed on posters and receipts, so it is no
// secret; it only has to be unguessable, so that nobody answers for a team without its link.
func NewFeedbackToken(org string) string {
	var b [16]byte
	mustRead(b[:])
	return org + "." + base64.RawURLEncoding.EncodeToString(b[:])
}

// FeedbackTokenOrg answers the org of a token shaped as NewFeedbackToken makes them.
func FeedbackTokenOrg(token string) (string, bool) {
	org, secret, ok := strings.Cut(token, ".")
	if !ok || org == "" || len(secret) != 22 || len(org) > 64 {
		return "", false
	}
	for _, r := range token {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return "", false
		}
	}
	return org, true
}

// FeedbackStore keeps the teams' feedback links and their customers' answers.
type FeedbackStore interface {
	// FeedbackLink answers a team's link token, making the team's first one on its first
	// read; "" once it was revoked. NotFound if the team does not exist.
	FeedbackLink(ctx context.Context, org, team string) (string, error)
	// SetFeedbackLink replaces a team's token with token ("" revokes it); the old one stops
	// working at once.
	SetFeedbackLink(ctx context.Context, org, team, token string) error
	// FeedbackTeam answers the team a current token belongs to; NotFound otherwise.
	FeedbackTeam(ctx context.Context, token string) (org, team string, err error)
	// RecordFeedback counts an answer given on token from address, within limits: RateLimited
	// when the address or the link is over its limit, NotFound when the token no longer works.
	// The address is kept only hashed, for its window.
	RecordFeedback(ctx context.Context, token string, a FeedbackAnswer, address string, limits FeedbackLimits) error
	// FeedbackCounts answers the counts of a team's answers by local day, or the whole org's
	// with team "".
	FeedbackCounts(ctx context.Context, org, team string) (map[string]ScoreCounts, error)
	// FeedbackComments answers a team's latest comments, newest first.
	FeedbackComments(ctx context.Context, org, team string, limit int) ([]FeedbackAnswer, error)
	// TeamDoneDays answers how many gestures a team did on each local day from..to (the
	// assignments' days), and of which gestures.
	TeamDoneDays(ctx context.Context, org, team, from, to string) (map[string]DayDone, error)
}

// DayDone is what a team did on one day: gestures done, in all and per gesture id.
type DayDone struct {
	Done      int
	ByGesture map[string]int
}
