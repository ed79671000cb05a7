package domain

import (
	"context"
	"hash/fnv"
	"time"
)

// Outcome results.
const (
	ResultDone    = "done"
	ResultSkipped = "skipped"
	ResultBlocked = "blocked"
)

// Reactions a customer may show to a done gesture.
var Reactions = []string{"delighted", "positive", "neutral", "negative"}

// Assignment is the one gesture a user is given for one local day.
type Assignment struct {
	ID          string
	Day         string
	UserID      string
	GestureID   string
	ChallengeID string
	Bonus       int // the challenge's bonus points as given with the assignment
	SwapsLeft   int
	Outcome     *OutcomeRecord
	CreatedAt   time.Time
}

// SwapsLeftOn is how many swaps the app is told are left on today, the user's local day: none
// once an outcome is in or the assignment is no longer swappable, as Swap refuses it.
func (v AssignmentView) SwapsLeftOn(today string) int {
	a, latest := v.Assignment, v.Latest
	if latest == "" {
		latest = a.Day
	}
	if a.Outcome != nil || !swappable(a.Day, latest, today) {
		return 0
	}
	return a.SwapsLeft
}

// Status is what the app shows: the outcome's result, "paused" while the user rests, or "open".
func (a Assignment) Status(u User) string {
	switch {
	case a.Outcome != nil:
		return a.Outcome.Result
	case u.PausedOn(a.Day):
		return "paused"
	}
	return "open"
}

// OutcomeRecord is what happened with an assignment.
type OutcomeRecord struct {
	Result          string
	Reaction        string
	Story           string
	Shared          bool
	BarrierCategory string
	BarrierText     string
	OccurredAt      time.Time
	RecordedAt      time.Time
	Points          int
	StoryID         string
	BarrierID       string
}

// AssignmentView is an assignment with what the app needs to show it.
type AssignmentView struct {
	Assignment Assignment
	Gesture    Gesture
	Value      Value
	Challenge  *Challenge
	User       User
	Latest     string // the day of the user's newest assignment ("" where the view is of it)
}

// PointsIfDone are the points a done outcome earns: the gesture's and the challenge's bonus
// given with it (a shared story adds the org's story points on top).
func (v AssignmentView) PointsIfDone() int { return v.Gesture.Points + v.Assignment.Bonus }

// Alternative is a gesture a swap offers to choose from, with what the app shows of it.
type Alternative struct {
	Gesture   Gesture
	Value     Value
	Challenge *Challenge // the challenge it would count for; nil for none
	Bonus     int        // that challenge's bonus points
}

// AlternativesView is what a swap offers, with the swaps left and the user (for their locale).
type AlternativesView struct {
	Items     []Alternative
	SwapsLeft int
	User      User
}

// PointsIfDone are the points the alternative earns when done (see AssignmentView.PointsIfDone).
func (a Alternative) PointsIfDone() int { return a.Gesture.Points + a.Bonus }

// Stats are a user's points, streak and badges.
type Stats struct {
	PointsWeek, PointsMonth, PointsTotal int
	StreakCurrent, StreakBest, Freezes   int
	DoneTotal                            int
	Badges                               []Badge
}

// Badge is an earned badge.
type Badge struct {
	ID       string
	EarnedAt time.Time
}

// BadgeNames are the badges and their names per locale.
var BadgeNames = map[string]map[string]string{
	"first_gesture":    {"en": "First gesture", "nl": "Eerste gebaar", "de": "Erste Geste", "fr": "Premier geste"},
	"streak_5":         {"en": "Five workdays in a row", "nl": "Vijf werkdagen op rij", "de": "Fünf Arbeitstage in Folge", "fr": "Cinq jours de travail d’affilée"},
	"streak_20":        {"en": "Twenty workdays in a row", "nl": "Twintig werkdagen op rij", "de": "Zwanzig Arbeitstage in Folge", "fr": "Vingt jours de travail d’affilée"},
	"first_story":      {"en": "First story shared", "nl": "Eerste verhaal gedeeld", "de": "Erste Geschichte geteilt", "fr": "Première histoire partagée"},
	"kudos_10":         {"en": "Ten kudos received", "nl": "Tien keer kudos ontvangen", "de": "Zehn Kudos bekommen", "fr": "Dix bravos reçus"},
	"all_values":       {"en": "Every value in practice", "nl": "Elke waarde in de praktijk", "de": "Jeder Wert in der Praxis", "fr": "Chaque valeur mise en pratique"},
	"barrier_resolved": {"en": "A barrier removed", "nl": "Een drempel weggenomen", "de": "Ein Hindernis beseitigt", "fr": "Un obstacle levé"},
	"lead_by_example":  {"en": "Lead by example", "nl": "Het goede voorbeeld", "de": "Mit gutem Beispiel voran", "fr": "Montrer l’exemple"},
}

// BadgeName is the badge's name in locale.
func BadgeName(id, locale string) string {
	if n := BadgeNames[id][locale]; n != "" {
		return n
	}
	return BadgeNames[id]["en"]
}

// OutcomeResult is what recording an outcome answers.
type OutcomeResult struct {
	View AssignmentView
	// ViewStamp is the view's stamp as the outcome left it, when the assignment is the user's
	// newest and the user active: what TodayStamped would answer with View until anything
	// changes ("" otherwise, and for a replay).
	ViewStamp     string
	PointsAwarded int
	Stats         Stats
	BadgesEarned  []Badge
	StoryID       string
	BarrierID     string
	Replayed      bool
}

// Clock of one user's request: their local day and the org periods it falls in.
type DayContext struct {
	Now       time.Time
	Today     string // the user's local day
	Week      Period // the org's current week and month, for the stats shown
	Month     Period
	Team      string         // the user's team as the caller knows it ("" none): a stats read reads their places on its boards too
	Location  *time.Location // the user's zone
	OrgLoc    *time.Location
	WeekStart int
}

// OutcomeInput is a validated outcome.
type OutcomeInput struct {
	Result          string
	Reaction        string
	Story           string
	Share           bool
	BarrierCategory string
	BarrierText     string
	OccurredAt      time.Time
	// Quote is the customer comment the shared story quotes (nil for none), picked by the
	// caller from the team's comments of the day (see PickQuote).
	Quote *CustomerQuote
}

// SwapRequest asks the store to swap the gesture of a user's assignment of Day.
type SwapRequest struct {
	Org, UserID, Day string
	Today            string // the user's local day: an assignment of a day before it is not swapped
	GestureID        string // the alternative chosen; "" lets the rules pick
	IdempotencyKey   string // "" for none
	Fingerprint      string // what the request asked, to tell a reused key (with IdempotencyKey)
}

// OutcomeRequest asks the store to record an outcome atomically.
type OutcomeRequest struct {
	Org, UserID, Day string
	Input            OutcomeInput
	Context          DayContext
	OccurredWeek     Period // the org periods occurred_at falls in
	OccurredMonth    Period
	WeekDays         []string // the days of the org week of Day, for "lead by example"
	IdempotencyKey   string
	Fingerprint      string
	StoryID          string
	BarrierID        string
	// ReplayOnly answers an earlier request's stored answer, or fails: no new outcome.
	ReplayOnly bool
}

// Seed makes the gesture picked for a user and day deterministic.
func Seed(userID, day string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(userID + "|" + day))
	return h.Sum32() & 0x7fffffff
}

// LoopStore keeps the daily loop: assignments, outcomes, stats and badges.
type LoopStore interface {
	// Today returns the user's assignment for day, creating it on first read; a day earlier
	// than the user's latest assignment returns the latest.
	Today(ctx context.Context, org, userID, day string, now time.Time) (AssignmentView, error)
	// TodayStamped is Today, also answering the view's stamp: it stands for everything the view
	// shows, and changes with any of it ("" when the view may not be kept).
	TodayStamped(ctx context.Context, org, userID, day string, now time.Time) (v AssignmentView, stamp string, err error)
	// TodayStamp answers the user's view stamp as it is now.
	TodayStamp(ctx context.Context, org, userID string) (string, error)
	// Swap gives the assignment of the request's day another gesture. A request with an
	// Idempotency-Key that swapped before (within 24 hours) swaps nothing more: it answers the
	// assignment as it is now, replayed true. stamp is the view's stamp as the swap left it when
	// the assignment is the user's newest and the user active, as TodayStamped answers it (""
	// otherwise).
	Swap(ctx context.Context, req SwapRequest) (v AssignmentView, stamp string, replayed bool, err error)
	// Alternatives answers the gestures a swap of the user's assignment of day offers to choose
	// from; refused as the swap would be.
	Alternatives(ctx context.Context, org, userID, day, today string) (AlternativesView, error)
	// RecordOutcome records an outcome with its points, streak, badges, story and barrier, all
	// or nothing.
	RecordOutcome(ctx context.Context, req OutcomeRequest) (OutcomeResult, error)
	// Stats returns the user's stats as of dc.
	Stats(ctx context.Context, org, userID string, dc DayContext) (Stats, error)
	// Me returns the user, their team's name and their stats as of dc, read together.
	Me(ctx context.Context, org, userID string, dc DayContext) (MeView, error)
	// History lists the user's assignments, newest first.
	History(ctx context.Context, org, userID string, page Page) ([]AssignmentView, string, error)
}

// MeView is what a user's view of themselves shows: the user, their team's name ("" for no
// team, or one deleted) and their stats.
type MeView struct {
	User     User
	TeamName string
	Stats    Stats
}

// ExportRow is one recorded outcome as exported. Team is the user's team when the outcome was
// recorded (their current team for outcomes recorded before that was kept).
type ExportRow struct {
	Day          string
	UserID       string
	UserName     string
	TeamID       string
	TeamName     string
	GestureID    string
	GestureTitle string
	ValueID      string
	ValueName    string
	Result       string
	Reaction     string
	Points       int
	StoryShared  bool
	OccurredAt   time.Time
	RecordedAt   time.Time
}

// ExportStore streams recorded outcomes.
type ExportStore interface {
	// CountOutcomes counts the outcomes of days from..to (inclusive).
	CountOutcomes(ctx context.Context, org, from, to string) (int64, error)
	// ExportOutcomes calls emit for each outcome of days from..to, oldest day first, reading in
	// batches so memory stays constant whatever the range.
	ExportOutcomes(ctx context.Context, org, from, to string, emit func(ExportRow) error) error
}

// BoardEntry is one ranked user of a leaderboard. Hidden users (show_on_leaderboards false)
// keep their place but are shown to others without id or name.
type BoardEntry struct {
	Rank    int
	UserID  string
	Name    string
	Points  int
	Visible bool
	Role    Role // "lead" for a lead, else ""
}

// Board is one read of a user leaderboard: the entries asked for and the caller's place.
type Board struct {
	Entries  []BoardEntry
	MyRank   int // 0 when the caller is not ranked
	MyPoints int
}

// BoardRead is one read of a user leaderboard by a caller: the top limit entries, or with
// Around the limit entries centred on the caller.
type BoardRead struct {
	Caller Principal
	Limit  int
	Around bool
}

// WindowStart is the 0-based rank of the first entry r shows of a board of size entries, where
// the caller is at rank mine (-1: not on it): the top, or with r.Around the caller centred, as
// far as the board's ends allow (the window stays r.Limit entries long).
func (r BoardRead) WindowStart(mine, size int) int {
	if !r.Around || mine < 0 {
		return 0
	}
	return max(0, min(mine-r.Limit/2, size-r.Limit))
}

// WindowRadius is how far from the caller's rank a read of r with r.Around needs the board's
// entries to find its window whatever the board's size (WindowStart).
func (r BoardRead) WindowRadius() int { return max(r.Limit-1, 0) }

// BoardWindow answers the read r of a whole board (every entry, in rank order): the top r.Limit
// entries or, with r.Around, the r.Limit entries centred on the caller (as far as the board's
// ends allow), and the caller's place — what a read of r.Limit entries from the board answers.
func BoardWindow(all []BoardEntry, r BoardRead) Board {
	var b Board
	mine := -1
	for i, e := range all {
		if e.UserID == r.Caller.UserID {
			mine = i
			b.MyRank, b.MyPoints = i+1, e.Points
			break
		}
	}
	start := r.WindowStart(mine, len(all))
	end := min(len(all), start+max(r.Limit, 0))
	b.Entries = make([]BoardEntry, 0, max(end-start, 0))
	for i := start; i < end; i++ {
		e := all[i]
		e.Rank = i + 1
		b.Entries = append(b.Entries, e)
	}
	return b
}

// TeamStanding is one team on the board of teams.
type TeamStanding struct {
	Rank    int
	TeamID  string
	Name    string
	Points  int
	Members int
	Score   float64 // points per active member
}

// Dashboard is a team's counters for one period.
type Dashboard struct {
	Members      int
	Participants int // members with at least one done gesture
	Results      map[string]int
	Reactions    map[string]int
	DoneDays     map[string]int // per lead id
	People       []User         // the team's members now as stored, active or not (the zero user for one without a record)
	MemberDone   map[string]int // gestures done in the period per member (one a day at most)
	TopGestures  []GestureCount
	OpenBarriers int
	// EscalatedBarriers are the team's barriers that went to the admins, nobody having
	// acknowledged them in time, and that no lead acknowledged since.
	EscalatedBarriers int
	StoriesShared     int
}

// GestureCount is how often a gesture was done.
type GestureCount struct {
	GestureID string
	Done      int
}

// BoardStore reads leaderboards and dashboards.
type BoardStore interface {
	// TeamBoard reads a team's board of a period ("w…", "m…", "all"), if the caller may see it
	// (MaySeeBoard: its members, its leads and admins; Forbidden otherwise; NotFound for no
	// such team).
	TeamBoard(ctx context.Context, org, teamID, period string, r BoardRead) (Board, error)
	// WholeTeamBoard reads every entry of a team's board of a period in rank order, with a stamp
	// that TeamBoardStamp answers unchanged for as long as the board shows the same ("" when
	// the board must not be kept). ok is false, and nothing read, when it has more than max
	// entries. NotFound for no such team; the caller's access is not checked.
	WholeTeamBoard(ctx context.Context, org, teamID, period string, max int) (entries []BoardEntry, stamp string, ok bool, err error)
	// TeamBoardStamp reads the stamp of a team's boards as it is now.
	TeamBoardStamp(ctx context.Context, org, teamID string) (string, error)
	// ChallengeBoard reads a challenge's board, if the caller may see it (MaySeeBoard: they
	// take part, or are an admin), and the challenge as read with it.
	ChallengeBoard(ctx context.Context, org, challengeID string, r BoardRead) (Board, Challenge, error)
	// TeamsBoard ranks every team by points per active member in a period.
	TeamsBoard(ctx context.Context, org, period string) ([]TeamStanding, error)
	// Dashboard reads a team's counters of a period.
	Dashboard(ctx context.Context, org, teamID string, period Period, leadIDs []string) (Dashboard, error)
	// TeamDashboard reads what Dashboard does and how the team took part in each of weeks (or
	// months), in order, reading each day's figures once.
	TeamDashboard(ctx context.Context, org, teamID string, period Period, weeks []Period, leadIDs []string) (Dashboard, []PeriodParticipation, error)
	// EscalatedBarriers counts, per team, what Dashboard answers as EscalatedBarriers.
	EscalatedBarriers(ctx context.Context, org string, teamIDs []string) (map[string]int, error)
}
