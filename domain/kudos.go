package domain

// The rules of kudos and spotlights: who may give or spotlight, what a kudos earns its story's
// author. The store reads the state, these decide, and the store writes the decision only while
// the state it was decided from is still current.

// KudosCredited is how many kudos of one story earn its author points: the eleventh and later
// count on the story, not on the author's points.
const KudosCredited = 10

// kudosBadgeAt is how many kudos received in all, over every story, earn the kudos_10 badge.
const kudosBadgeAt = 10

// KudosPeriods are the week and month a kudos counted in (their period keys; "" none).
type KudosPeriods struct{ Week, Month string }

// KudosStats are the author's counters a kudos changes, as stored.
type KudosStats struct {
	Total       int
	Received    int // kudos received, over all stories, taken back ones not counted
	Week, Month PeriodPoints
	Badge       bool // kudos_10 is held
}

// KudosState is what a kudos is decided from, as read.
type KudosState struct {
	Story Story
	Count int  // the story's kudos
	Given bool // the giver's kudos is on the story
	// GivenIn are the periods the giver's kudos counted in, when it is on the story.
	GivenIn KudosPeriods
	// TakenBack says the giver gave the story a kudos before and took it back: the author heard of it.
	TakenBack  bool
	AuthorTeam string // the author's team now ("" none)
	// AuthorGone: the author was erased (their stories go with them, so only while that is
	// under way): the count moves, nobody is credited or told.
	AuthorGone bool
	Stats      KudosStats
}

// KudosInput is one giver's kudos: given (Delta 1) or taken back (-1) at now's periods, each
// credited kudos worth Points.
type KudosInput struct {
	Giver  string
	Delta  int
	Points int
	Now    KudosPeriods
}

// KudosDecision is what a kudos changes.
type KudosDecision struct {
	Changed bool // false: given twice or taken back while not given, nothing is written
	Count   int  // the story's kudos after it
	// Credit are the points the author gains (negative: loses) in In: now's periods for a given
	// kudos, those it counted in for one taken back. 0 beyond the first KudosCredited kudos.
	Credit int
	In     KudosPeriods
	Stats  KudosStats // the author's after it
	Earned bool       // kudos_10 earned by it
	Notify bool       // the author hears of it: a giver's first kudos on the story
}

// DecideKudos decides a kudos given or taken back. Kudos are idempotent: giving twice or taking
// back what was not given changes nothing. Only the first KudosCredited kudos on the story earn
// points: taking one back costs its points only while no more than that remain. A kudos taken
// back costs the points of the periods it counted in; a period the author's stats no longer
// hold (an earlier week) keeps its points there.
func DecideKudos(s KudosState, in KudosInput) (KudosDecision, error) {
	if s.Story.AuthorID == in.Giver {
		return KudosDecision{}, &Error{Kind: KindForbidden, Code: "own_story", Message: "You cannot give kudos to your own story."}
	}
	if (in.Delta > 0) == s.Given {
		return KudosDecision{Count: s.Count, Stats: s.Stats}, nil
	}
	d := KudosDecision{Changed: true, Count: s.Count + in.Delta, In: in.Now, Stats: s.Stats}
	if in.Delta < 0 && s.GivenIn.Week != "" {
		d.In = s.GivenIn
	}
	if s.AuthorGone {
		return d, nil
	}
	d.Stats.Received += in.Delta
	if (in.Delta > 0 && d.Count <= KudosCredited) || (in.Delta < 0 && d.Count < KudosCredited) {
		d.Credit = in.Delta * in.Points
	}
	st := &d.Stats
	st.Total += d.Credit
	if d.Credit > 0 {
		st.Week, st.Month = st.Week.Add(d.In.Week, d.Credit), st.Month.Add(d.In.Month, d.Credit)
	} else {
		st.Week, st.Month = st.Week.Take(d.In.Week, -d.Credit), st.Month.Take(d.In.Month, -d.Credit)
	}
	if in.Delta > 0 {
		d.Earned = !st.Badge && st.Received >= kudosBadgeAt
		st.Badge = st.Badge || d.Earned
		d.Notify = !s.TakenBack
	}
	return d, nil
}

// MaySpotlight refuses p a spotlight on a story of team (nil: the story has no team, or it is
// gone) unless p is an admin, or a lead of the team (Forbidden).
func MaySpotlight(p Principal, team *Team) error {
	if p.Role == RoleAdmin || team != nil && team.Leads(p.UserID) {
		return nil
	}
	return Forbidden("Only the lead of the author's team or an admin may spotlight a story.")
}
