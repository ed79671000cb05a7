package domain

import (
	"context"
	"time"
)

// Erasure is what an admin's erasure of a user removes and what it leaves, decided here so the
// store only applies it (see PrivacyStore.EraseUser).
//
// Removed: the user's record (name, email, code, every session family and device), their day
// records (assignments, outcomes, unshared story and barrier texts), stats, badges, inbox,
// idempotency records, their rows on every team and challenge board, their shared stories (with
// the kudos on them) and their suggestions (a gesture approved from one stays: the org adopted
// it); teams they led no longer name them as a lead. Their kudos on colleagues' stories still count, without their id; the barriers they
// reported stay for the organisation to remove, without text and under an anonymous reporter
// id (Anon); their days done still count on the team dashboards, under the same anonymous id.
// Colleagues' notifications that named them say ErasedName instead. Aggregates stay: the teams
// board, the dashboards' counts, stories shared. The email can be used again at once.
type Erasure struct {
	Org  string
	User User
	// Anon is the id that stands for the person where an aggregate keeps a member (a
	// dashboard's days done, a barrier's reporter): new, so it leads back to nobody.
	Anon string
	Now  time.Time
	// Admins are the org's active admins as read, the erasure was decided on: it is applied
	// while they are.
	Admins []string
}

// NewErasure decides the erasure of u by an admin (by), or refuses it: the org's last active
// admin (LastAdmin of admins, the org's active admins) cannot be erased (Conflict
// "last_admin"), nor can an admin erase themselves (Conflict "erase_self": another admin must
// do it, so that an org is never left by accident).
func NewErasure(u User, by string, admins []string, now time.Time) (Erasure, error) {
	if u.ID == by {
		return Erasure{}, Conflict("erase_self", "You cannot erase yourself; another admin can.")
	}
	if u.ActiveAdmin() && LastAdmin(admins, u.ID) {
		return Erasure{}, Conflict("last_admin", "The org's last active admin cannot be erased.")
	}
	return Erasure{Org: u.Org, User: u, Anon: NewID(now), Now: now, Admins: admins}, nil
}

// ErasedNames is what colleagues' notifications say instead of an erased person's name, per
// locale.
var ErasedNames = map[string]string{
	"en": "A former colleague",
	"nl": "Een oud-collega",
	"de": "Ein ehemaliger Kollege",
	"fr": "Un ancien collègue",
}

// ErasedName is ErasedNames' text for locale (English for a locale without one).
func ErasedName(locale string) string {
	if n, ok := ErasedNames[locale]; ok {
		return n
	}
	return ErasedNames["en"]
}

// PrivacyStore erases users and gathers what is stored about one.
type PrivacyStore interface {
	// EraseUser applies e: NotFound when the user is gone already (a second erasure), Conflict
	// "concurrent_update" when the user, or the org's admins when they are one, changed since
	// read (decided again, the erasure may then be refused as the last admin's).
	EraseUser(ctx context.Context, e Erasure) error
	// Admins lists the org's active admins.
	Admins(ctx context.Context, org string) ([]string, error)
	// OwnStories reads the stories among ids that userID wrote, hidden ones included, newest first.
	OwnStories(ctx context.Context, org, userID string, ids []string) ([]OwnStory, error)
	// KudosGiven lists the ids of the stories userID gave kudos to, in id order.
	KudosGiven(ctx context.Context, org, userID string) ([]string, error)
}

// OwnStory is a story as its author's data export shows it.
type OwnStory struct {
	Story  Story
	Kudos  int
	Hidden bool           // deleted from the feeds
	Quote  *CustomerQuote // the customer comment the story quotes; nil for none
}
