package domain

import "slices"

// Which gesture comes today, and what a swap may pick, is decided by PickGesture from a
// PickRequest: the catalogue of the user's org, who they are, and what they were given before.
// The choice is a pipeline of rules over candidates. A rule either narrows the candidates for
// good (a gesture not for the user's role) or prefers some of them (a gesture they had lately is
// only given when nothing else remains); a deterministic draw, seeded by the user and the day,
// picks among what is left. Later rules — a channel filter, no repeat within some workdays, a
// preference among alternatives — are one more entry in pickRules.

// CatalogGesture is a gesture as the daily loop picks from it.
type CatalogGesture struct {
	ID      string
	ValueID string
	Points  int
	Roles   []Role   // empty: every role
	TeamIDs []string // empty: every team
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

// Catalog is what an org's daily loop picks from: its active gestures and its challenges, each
// in a stable order (the order of their ids).
type Catalog struct {
	Gestures   []CatalogGesture
	Challenges []CatalogChallenge
}

// PickRequest is everything a pick is decided from.
type PickRequest struct {
	Catalog Catalog
	Role    Role
	TeamID  string
	Day     string
	// Shown are gestures the user may not get again today (the one they swap away and those
	// they swapped before).
	Shown []string
	// Recent answers the gesture the user was given on a day ("" none): the rules look back
	// at the days before Day.
	Recent func(day string) string
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

// Pick is the gesture picked for an assignment.
type Pick struct {
	GestureID   string
	ChallengeID string // "" for none
	Bonus       int    // the challenge's bonus points, kept with the assignment
}

// recentDays is how far back a gesture counts as one the user had lately.
const recentDays = 7

// pickRule narrows or orders the candidates; it must not answer an empty list for a
// non-empty one unless the rule is a hard one (the gesture may never be given).
type pickRule struct {
	soft  bool // a preference: when nothing passes, the candidates stay as they were
	keeps func(r PickRequest, c Candidate) bool
}

var pickRules = []pickRule{
	{keeps: func(r PickRequest, c Candidate) bool { return !slices.Contains(r.Shown, c.Gesture.ID) }},
	{soft: true, keeps: func(r PickRequest, c Candidate) bool { return c.ChallengeID != "" }},
	{soft: true, keeps: func(r PickRequest, c Candidate) bool {
		if r.Recent == nil {
			return true
		}
		for i := 1; i <= recentDays; i++ {
			if r.Recent(AddDays(r.Day, -i)) == c.Gesture.ID {
				return false
			}
		}
		return true
	}},
}

// Candidates are the gestures for the request's role and team, each with the first challenge
// active for the team on the day that includes it.
func Candidates(r PickRequest) []Candidate {
	out := make([]Candidate, 0, len(r.Catalog.Gestures))
	for _, g := range r.Catalog.Gestures {
		if (len(g.Roles) == 0 || slices.Contains(g.Roles, r.Role)) &&
			(len(g.TeamIDs) == 0 || (r.TeamID != "" && slices.Contains(g.TeamIDs, r.TeamID))) {
			out = append(out, Candidate{Gesture: g})
		}
	}
	for i := range out {
		for _, ch := range r.Catalog.Challenges {
			if ch.StartsOn <= r.Day && r.Day <= ch.EndsOn &&
				(len(ch.TeamIDs) == 0 || (r.TeamID != "" && slices.Contains(ch.TeamIDs, r.TeamID))) &&
				slices.Contains(ch.GestureIDs, out[i].Gesture.ID) {
				out[i].ChallengeID, out[i].Bonus = ch.ID, ch.BonusPoints
				break
			}
		}
	}
	return out
}

// PickGesture picks a gesture for the request; ok is false when none may be given.
func PickGesture(r PickRequest) (p Pick, ok bool) {
	cs := Candidates(r)
	for _, rule := range pickRules {
		kept := make([]Candidate, 0, len(cs))
		for _, c := range cs {
			if rule.keeps(r, c) {
				kept = append(kept, c)
			}
		}
		if len(kept) > 0 || !rule.soft {
			cs = kept
		}
	}
	if len(cs) == 0 {
		return Pick{}, false
	}
	c := cs[int(r.Seed%uint32(len(cs)))]
	return Pick{GestureID: c.Gesture.ID, ChallengeID: c.ChallengeID, Bonus: c.Bonus}, true
}

// SwapSeed is the seed of the n-th swap of a day whose first pick had seed: each swap draws
// anew.
func SwapSeed(seed uint32, swappedBefore int) uint32 { return seed + uint32(swappedBefore) + 1 }
