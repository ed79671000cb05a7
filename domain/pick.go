package domain

import "slices"

// Which gesture comes today, and what a swap may pick, is decided from a PickRequest: the
// catalogue of the user's org, who they are, and what they were given before. Candidates are
// the gestures for the user's role, team and the team's channel (a call-centre team never gets
// "offer a seat"). Hard rules then drop what may never come (a gesture shown today already);
// preferences rank the rest, the first one most: a gesture the user had within their last
// RepeatWorkdays workdays or the RepeatDays days before today (whichever looks further back)
// comes only when no other is left (the one had longest ago first), and
// among the others a running challenge's gestures come first. Putting the repeat rule before
// the challenge means a challenge is preferred without forcing its one gesture day after day.
// A deterministic draw, seeded by the user and the day, orders each rank; the first of the
// ranking is the pick, the first few the alternatives a swap offers.

// CatalogGesture is a gesture as the daily loop picks from it.
type CatalogGesture struct {
	ID       string
	ValueID  string
	Points   int
	Roles    []Role    // empty: every role
	TeamIDs  []string  // empty: every team
	Channels []Channel // empty: every channel
	// Inactive: an admin took it out of use. It is never given, while an assignment that has
	// it keeps its points.
	Inactive bool
}

// CatalogChallenge is a challenge as the daily loop picks from it.
type CatalogChallenge struct {
	ID          string
	StartsOn    string
	EndsOn      string
	TeamIDs     []string
	GestureIDs  []string
	BonusPoints int
}

// Catalog is what an org's daily loop picks from: its gestures (an inactive one marked) and its
// challenges, each in a stable order (the order of their ids).
type Catalog struct {
	Gestures   []CatalogGesture
	Challenges []CatalogChallenge
}

// CatalogOf is the catalogue of an org whose gestures and challenges are gs and cs, in that order:
// what of each the daily loop decides with (a list left empty is nil).
func CatalogOf(gs []Gesture, cs []Challenge) Catalog {
	var c Catalog
	for _, g := range gs {
		c.Gestures = append(c.Gestures, CatalogGesture{ID: g.ID, ValueID: g.ValueID, Points: g.Points,
			Roles: nilIfEmpty(g.Roles), TeamIDs: nilIfEmpty(g.TeamIDs), Channels: nilIfEmpty(g.Channels), Inactive: !g.Active})
	}
	for _, ch := range cs {
		c.Challenges = append(c.Challenges, CatalogChallenge{ID: ch.ID, StartsOn: ch.StartsOn, EndsOn: ch.EndsOn,
			TeamIDs: nilIfEmpty(ch.TeamIDs), GestureIDs: nilIfEmpty(ch.GestureIDs), BonusPoints: ch.BonusPoints})
	}
	return c
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// PickRequest is everything a pick is decided from.
type PickRequest struct {
	Catalog     Catalog
	Role        Role
	TeamID      string
	TeamChannel Channel // the channel of the user's team ("" none: every gesture)
	Day         string
	// Shown are gestures the user may not get again today (the one they swap away and those
	// they swapped before).
	Shown []string
	// Recent answers the gesture the user was given on a day ("" none): the rules look back
	// at the days before Day (RepeatLookback of them at most).
	Recent func(day string) string
	// Rest has the user's workdays, which the repeat rule counts.
	Rest Rest
	// Seed varies the draw: the same request picks the same gesture.
	Seed uint32
}

// Candidate is a gesture that may be picked, with the challenge it would count for (if any)
// and that challenge's bonus points.
type Candidate struct {
	Gesture     CatalogGesture
	ChallengeID string
	Bonus       int
}

// PointsIfDone are the points the candidate earns when done: its own and its challenge's bonus
// (a shared story adds the org's story points on top).
func (c Candidate) PointsIfDone() int { return c.Gesture.Points + c.Bonus }

// Pick is the gesture picked for an assignment.
type Pick struct {
	GestureID   string
	ChallengeID string // "" for none
	Bonus       int    // the challenge's bonus points, kept with the assignment
}

const (
	// RepeatWorkdays is how many of the user's workdays a gesture does not come again while
	// another is left. A day counts when it is one of the user's workdays or they were given a
	// gesture on it.
	RepeatWorkdays = 5
	// RepeatDays is the contract's bound: a gesture given in the previous 7 days does not come
	// again while another is left, however few of them were workdays (a six-day shop's fifth
	// workday back is only six days ago).
	RepeatDays = 7
	// RepeatLookback bounds the days looked back for those workdays (a user working two days a
	// week is looked back at two weeks).
	RepeatLookback = 14
	// MaxAlternatives is how many gestures a swap offers to choose from.
	MaxAlternatives = 3
)

// recentlyGiven answers, per gesture given within the user's last RepeatWorkdays workdays or the
// last RepeatDays days before the request's day (whichever reaches further), how many of the
// counted days ago it was last given (1 the counted day before).
func recentlyGiven(r PickRequest) map[string]int {
	out := map[string]int{}
	if r.Recent == nil {
		return out
	}
	counted := 0
	for i := 1; i <= RepeatLookback && (counted < RepeatWorkdays || i <= RepeatDays); i++ {
		day := AddDays(r.Day, -i)
		g := r.Recent(day)
		if g == "" && !r.Rest.Workday(day) {
			continue
		}
		counted++
		if _, seen := out[g]; g != "" && !seen {
			out[g] = counted
		}
	}
	return out
}

// Candidates are the active gestures for the request's role, team and channel, each with the
// first challenge active for the team on the day that includes it.
func Candidates(r PickRequest) []Candidate {
	var out []Candidate
	for i, g := range r.Catalog.Gestures {
		if r.eligible(g) {
			out = append(out, r.candidate(i, r.challengeOf(g)))
		}
	}
	return out
}

// eligible says whether g may be given for the request's role, team and channel.
func (r PickRequest) eligible(g CatalogGesture) bool {
	return !g.Inactive && (len(g.Roles) == 0 || slices.Contains(g.Roles, r.Role)) &&
		(len(g.TeamIDs) == 0 || (r.TeamID != "" && slices.Contains(g.TeamIDs, r.TeamID))) &&
		OnChannel(g.Channels, r.TeamChannel)
}

// challengeOf is the index of the first challenge active for the request's team on its day
// that includes g, or -1.
func (r PickRequest) challengeOf(g CatalogGesture) int {
	return slices.IndexFunc(r.Catalog.Challenges, func(ch CatalogChallenge) bool {
		return ch.StartsOn <= r.Day && r.Day <= ch.EndsOn &&
			(len(ch.TeamIDs) == 0 || (r.TeamID != "" && slices.Contains(ch.TeamIDs, r.TeamID))) &&
			slices.Contains(ch.GestureIDs, g.ID)
	})
}

// candidate is the catalogue's gesture g with its challenge ch (-1 none).
func (r PickRequest) candidate(g, ch int) Candidate {
	c := Candidate{Gesture: r.Catalog.Gestures[g]}
	if ch >= 0 {
		c.ChallengeID, c.Bonus = r.Catalog.Challenges[ch].ID, r.Catalog.Challenges[ch].BonusPoints
	}
	return c
}

// Ranked are the candidates that may be given, best first: the pick is the first, a swap
// offers the first MaxAlternatives. A gesture shown today is never among them.
func Ranked(r PickRequest) []Candidate { return ranked(r, -1) }

// ranked is Ranked's first n (all when n < 0). The candidates are ordered by the preferences,
// most significant first: not had lately (else had longest ago), then counting for a running
// challenge. Those alike (a tier) keep the catalogue's order, started at a place the request's
// seed draws.
func ranked(r PickRequest, n int) []Candidate {
	recent := recentlyGiven(r)
	type place struct {
		key   [2]int
		g, ch int // the gesture's and its challenge's index in the catalogue (ch -1: none)
	}
	order := make([]place, 0, len(r.Catalog.Gestures))
	for i, g := range r.Catalog.Gestures {
		if !r.eligible(g) || slices.Contains(r.Shown, g.ID) {
			continue
		}
		p := place{g: i, ch: r.challengeOf(g)}
		if ago, ok := recent[g.ID]; ok {
			p.key[0] = RepeatLookback + 1 - ago // ago ≤ RepeatLookback: the later had, the worse
		}
		if p.ch < 0 {
			p.key[1] = 1
		}
		order = append(order, p)
	}
	slices.SortStableFunc(order, func(a, b place) int {
		if a.key[0] != b.key[0] {
			return a.key[0] - b.key[0]
		}
		return a.key[1] - b.key[1]
	})
	if n < 0 || n > len(order) {
		n = len(order)
	}
	out := make([]Candidate, 0, n)
	for start := 0; start < len(order) && len(out) < n; {
		end := start + 1
		for end < len(order) && order[end].key == order[start].key {
			end++
		}
		tier := order[start:end]
		from := int(r.Seed % uint32(len(tier)))
		for j := 0; j < len(tier) && len(out) < n; j++ {
			p := tier[(from+j)%len(tier)]
			out = append(out, r.candidate(p.g, p.ch))
		}
		start = end
	}
	return out
}

// PickGesture picks a gesture for the request; ok is false when none may be given.
func PickGesture(r PickRequest) (p Pick, ok bool) {
	cs := ranked(r, 1)
	if len(cs) == 0 {
		return Pick{}, false
	}
	c := cs[0]
	return Pick{GestureID: c.Gesture.ID, ChallengeID: c.ChallengeID, Bonus: c.Bonus}, true
}

// SwapSeed is the seed of the n-th swap of a day whose first pick had seed: each swap draws
// anew.
func SwapSeed(seed uint32, swappedBefore int) uint32 { return seed + uint32(swappedBefore) + 1 }
