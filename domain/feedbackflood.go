package domain

import "time"

// A team's feedback link is public (printed on posters and receipts), so what a flood can add to
// its counts is bounded: per answering address in a window, and per link on a day. The store
// reads the link and both counters, DecideFeedback decides, and the store counts the answer only
// while what was read is still current.

// FeedbackLimits bound what a flood can add to a link's counts: an address may answer
// PerAddress times per AddressWindow (a shop's guest Wi-Fi is one address for many
// customers), and a link counts at most PerLinkDay answers per local day.
type FeedbackLimits struct {
	PerAddress    int
	AddressWindow time.Duration
	PerLinkDay    int
}

// DefaultFeedbackLimits are generous for a busy shop and tight for a script.
var DefaultFeedbackLimits = FeedbackLimits{PerAddress: 10, AddressWindow: time.Hour, PerLinkDay: 1000}

// FeedbackLinkDayKept is how long a link's count of one day lives from its first answer: past
// that day's end in any time zone, so the day's limit holds wherever the org is.
const FeedbackLinkDayKept = 50 * time.Hour

// FeedbackState is what an answer on a feedback link is decided from, as read: the team the
// link's token names now and the two flood counters, each with the time it has left to live.
type FeedbackState struct {
	LinkTeam   string        // the team the token names, "" when it names none (rotated or revoked)
	ByAddress  int           // answers counted from the answering address in its window
	AddressTTL time.Duration // the address counter's time left, under a second when not known
	ByLink     int           // answers counted on the link on the answer's day
	LinkTTL    time.Duration // the link counter's time left, under a second when not known
}

// DecideFeedback decides whether an answer for team is counted (nil). A link that no longer
// names the team counts nothing (NotFound), whatever its counters say. An address that gave
// its PerAddress answers in its window, and then a link that counted its PerLinkDay answers
// of the day, are RateLimited until their counter runs out; when its time left is not known
// (no time to live, or under a second) they wait the counter's whole life: the address window,
// or FeedbackLinkDayKept. Waits are whole seconds, as the counters' lives are.
func DecideFeedback(s FeedbackState, team string, l FeedbackLimits) error {
	byAddress, byLink := l.Room()
	if s.LinkTeam == "" || s.LinkTeam != team {
		return NotFound("feedback link")
	}
	if s.ByAddress >= byAddress {
		return RateLimited(waitFor(s.AddressTTL, l.AddressWindow))
	}
	if s.ByLink >= byLink {
		return RateLimited(waitFor(s.LinkTTL, FeedbackLinkDayKept))
	}
	return nil
}

// Room says while which counts an answer is counted: while the address counted fewer than
// byAddress in its window and the link fewer than byLink on the day (and the link names the
// team). DecideFeedback decides by it, and the store's first write checks exactly it.
func (l FeedbackLimits) Room() (byAddress, byLink int) { return l.PerAddress, l.PerLinkDay }

// waitFor is how long a full counter with ttl left keeps refusing, or its whole life when that
// is not known.
func waitFor(ttl, life time.Duration) time.Duration {
	if ttl < time.Second {
		return max(life.Truncate(time.Second), 0)
	}
	return ttl.Truncate(time.Second)
}
