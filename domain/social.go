package domain

import (
	"context"
	"time"
)

// Story is what an employee shared about a done gesture ("show and tell").
type Story struct {
	ID        string    `json:"id"`
	AuthorID  string    `json:"author_id"`
	TeamID    string    `json:"team_id"`
	GestureID string    `json:"gesture_id"`
	ValueID   string    `json:"value_id"`
	Text      string    `json:"text"`
	Reaction  string    `json:"reaction"`
	Day       string    `json:"day"`
	CreatedAt time.Time `json:"created_at"`
}

// StoryView is a story as a colleague sees it in a feed.
type StoryView struct {
	Story      Story
	AuthorName string
	// AuthorShown says whether the author shows on leaderboards: a break-room screen names only them.
	AuthorShown bool
	// AuthorRole is "lead" when the author is a lead (the team sees the lead did it too), else "".
	AuthorRole Role
	TeamName   string
	Gesture    Gesture
	Value      Value
	Kudos      int
	KudoedByMe bool
	Spotlight  bool
	Quote      *CustomerQuote // the customer comment the author quoted; nil for none
}

// FeedPage is one page of a story feed as its viewer sees it.
type FeedPage struct {
	Views        []StoryView
	Next         string // the cursor of the next page, "" for none
	ViewerLocale string // the viewer's locale, read with the page ("" when unknown)
}

// Barrier statuses.
const (
	BarrierOpen         = "open"
	BarrierAcknowledged = "acknowledged"
	BarrierResolved     = "resolved"
)

// Barrier is something in the organisation that stopped an employee.
type Barrier struct {
	ID         string    `json:"id"`
	ReporterID string    `json:"reporter_id"`
	TeamID     string    `json:"team_id"`
	Category   string    `json:"category"`
	Text       string    `json:"text"`
	Status     string    `json:"status"`
	Note       string    `json:"note"`
	Day        string    `json:"day,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
	// MergedInto is the barrier this one was merged into (a duplicate); it then leaves the lists.
	MergedInto string `json:"merged_into,omitempty"`
	// EscalatedAt is when the barrier went to the org's admins, nobody having acknowledged it.
	EscalatedAt *time.Time `json:"escalated_at,omitempty"`
}

// Unresolved says whether b is among its team's open barriers: not resolved, nor merged into another.
func (b Barrier) Unresolved() bool { return b.Status != BarrierResolved && b.MergedInto == "" }

// BarrierSupport is how many colleagues met the same barrier ("me too") and whether the
// viewer is one of them.
type BarrierSupport struct {
	MeToo  int
	Joined bool
}

// Suggestion statuses.
const (
	SuggestionPending  = "pending"
	SuggestionApproved = "approved"
	SuggestionRejected = "rejected"
)

// Suggestion is a gesture an employee proposes.
type Suggestion struct {
	ID         string    `json:"id"`
	Rev        int       `json:"rev"`
	Org        string    `json:"org"`
	AuthorID   string    `json:"author_id"`
	TeamID     string    `json:"team_id"`
	Title      string    `json:"title"`
	HowTo      string    `json:"how_to"`
	ValueID    string    `json:"value_id"`
	Status     string    `json:"status"`
	Note       string    `json:"note"`
	GestureID  string    `json:"gesture_id"`
	ReviewerID string    `json:"reviewer_id,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

// Notice is a notification that is part of an event: the store enqueues it in the same step.
type Notice struct {
	Draft Draft
	Now   time.Time
}

// SocialStore keeps stories, kudos, barriers and suggestions.
type SocialStore interface {
	// Feed reads one page of a story feed (the org's, or a team's), newest first.
	Feed(ctx context.Context, org, teamID, viewerID string, page Page) (FeedPage, error)
	Story(ctx context.Context, org, id string) (Story, bool, error) // bool: deleted
	// StoryView reads one story as viewerID sees it (kudos, kudoed_by_me, spotlight; no names);
	// a deleted story is not found.
	StoryView(ctx context.Context, org, id, viewerID string) (StoryView, error)
	// Kudos gives (delta 1) or takes back (delta -1) a kudos; idempotent. The author's points
	// follow the count up to 10 per story; a given kudos notifies the author.
	Kudos(ctx context.Context, org, storyID, giverID string, delta int, k KudosContext) error
	// Spotlight marks a story if caller leads its author's team or is an admin (Forbidden otherwise).
	Spotlight(ctx context.Context, org, storyID string, caller Principal, n Notice) error
	DeleteStory(ctx context.Context, org string, s Story) error
	CreateBarrier(ctx context.Context, org string, b Barrier) error
	Barrier(ctx context.Context, org, id string) (Barrier, error)
	// Barriers lists the barriers of an index (all, a team's, a user's) newest first.
	Barriers(ctx context.Context, org, teamID, reporterID string, page Page) ([]Barrier, string, error)
	// MeToo adds userID to those who met the same barrier (idempotent); the barrier joins
	// their list of barriers.
	MeToo(ctx context.Context, org, barrierID, userID string) error
	// BarrierSupport answers per barrier how many said "me too" and whether viewerID did.
	BarrierSupport(ctx context.Context, org, viewerID string, ids []string) (map[string]BarrierSupport, error)
	// UpdateBarrier moves a barrier on and notifies the reporter; resolving earns them a badge.
	UpdateBarrier(ctx context.Context, org string, before, after Barrier, n Notice) error
	// MergeBarrier stores dup as merged into into at now (see Merged), both as read (Conflict
	// when either changed): dup's reporter and "me too" colleagues join into.
	MergeBarrier(ctx context.Context, org string, dup, into Barrier, now time.Time) error
	// EscalateBarrier marks b escalated at n.Now and tells the org's admins, once: false when
	// b is no longer open, was merged or escalated already.
	EscalateBarrier(ctx context.Context, org string, b Barrier, n Notice) (bool, error)
	// UnresolvedBarriers reads the barriers of teams that are not resolved yet.
	UnresolvedBarriers(ctx context.Context, org string, teamIDs []string) ([]Barrier, error)
	CreateSuggestion(ctx context.Context, s Suggestion) error
	Suggestion(ctx context.Context, org, id string) (Suggestion, error)
	// Suggestions lists the org's suggestions, or (authorID set) one author's, newest first.
	Suggestions(ctx context.Context, org, authorID string, page Page) ([]Suggestion, string, error)
	// ReviewSuggestion stores the review if the suggestion is unchanged since read, with the
	// gesture an approval makes (g, with its id; nil for a rejection), and notifies: one write.
	ReviewSuggestion(ctx context.Context, before, after Suggestion, g *Gesture, n Notice) error
}

// KudosContext is what a kudos needs to credit the author: the org's periods of now.
type KudosContext struct {
	Points      int
	Week, Month Period
	Notice      Notice
}
