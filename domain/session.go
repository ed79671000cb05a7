package domain

import (
	"slices"
	"time"
)

// The rules of sessions: when an enrollment code starts one, when a refresh token is rotated,
// and when a session family ends. The store reads the state, these decide, and the store
// writes the decision only while the state it was decided from is still current.

// The refusals of sessions, as the API answers them: a reused token says the session ended, so
// the app asks for a new enrollment instead of retrying.
var (
	ErrInvalidCode   = Unauthorized("invalid_code", "The enrollment code is unknown, used or expired.")
	ErrInvalidToken  = Unauthorized("invalid_token", "The refresh token is unknown, expired or revoked.")
	ErrRefreshReused = Unauthorized("refresh_reused", "The refresh token was used before; the session has been ended. Enroll again.")
)

// SessionFamily is a session family as stored: the chain of refresh tokens one enrollment
// started. The zero family (none stored, or one that cannot be read) has ended.
type SessionFamily struct {
	Current string    // the hash of its newest refresh token
	Created time.Time // when it was enrolled
	Expires time.Time // it ends when not rotated by then
	Device  string    // the device it was enrolled from, as stored ("" none)
}

// Ended says whether f has ended by now: it was not rotated for the refresh TTL. At Expires
// exactly it still lives.
func (f SessionFamily) Ended(now time.Time) bool { return f.Expires.Before(now) }

// SessionToken is a refresh token as stored.
type SessionToken struct {
	Family, User string
	Used         bool // rotated already: presenting it again means it was copied
}

// SessionRevocation is the revocation entry that voids every access token of a session family:
// a logout, or a reused refresh token, ends the family, and replicas read the entry with their
// org's revocations.
func SessionRevocation(family string) string { return "sid:" + family }

// SessionUser is what of a user decides their sessions.
type SessionUser struct {
	Found  bool // the user's data is stored
	Active bool
	Team   string    // their team, "" none
	After  time.Time // families created before it are dead (SessionsValidAfter)
}

// RefreshState is what a refresh is decided from, as read.
type RefreshState struct {
	Token  *SessionToken // the presented token; nil: unknown (or expired)
	Family SessionFamily // the token's family, the zero family when none is stored
	User   SessionUser   // the user the token names
}

// RefreshInput is one refresh: the presented token's hash, the next one's, and the moment.
type RefreshInput struct {
	Presented, Next string
	Now             time.Time
	TTL             time.Duration // the refresh TTL
}

// RefreshDecision is what a refresh changes.
type RefreshDecision struct {
	Refused   error         // nil: the token is rotated to Family
	EndFamily bool          // the family is dropped
	Revoke    bool          // the family's access tokens are voided with it
	Family    SessionFamily // the family after the rotation
}

// DecideRefresh decides a refresh. A rotated token presented again was copied: the whole family
// ends, its access tokens too, so neither the thief's copy nor the owner's works any more. A
// family that ended, whose user is gone or inactive, or that was created before the user's
// sessions were ended, is dropped and refuses the token. The presented token was found by its
// hash before the family's current hash is compared with it, so the comparison's timing gives
// nothing away (HashSecret says why).
func DecideRefresh(s RefreshState, in RefreshInput) RefreshDecision {
	switch {
	case s.Token == nil:
		return RefreshDecision{Refused: ErrInvalidToken}
	case s.Token.Used:
		return RefreshDecision{Refused: ErrRefreshReused, EndFamily: true, Revoke: true}
	case s.Family.Ended(in.Now):
		return RefreshDecision{Refused: ErrInvalidToken, EndFamily: true}
	case s.Family.Current != in.Presented:
		return RefreshDecision{Refused: ErrInvalidToken}
	case !s.User.Found || !s.User.Active || s.Family.Created.Before(s.User.After):
		return RefreshDecision{Refused: ErrInvalidToken, EndFamily: true}
	}
	f := s.Family
	f.Current, f.Expires = in.Next, in.Now.Add(in.TTL)
	return RefreshDecision{Family: f}
}

// EnrollState is what an enrollment is decided from, as read.
type EnrollState struct {
	User        SessionUser
	Code        string    // the hash of the user's current enrollment code, "" none
	CodeExpires time.Time // when it stops working
	Enrolled    bool      // the user enrolled before
	Families    map[string]SessionFamily
}

// EnrollInput is one enrollment: the presented code's hash and the family it starts.
type EnrollInput struct {
	Code   string
	Family string // the new family's id
	Token  string // its first refresh token's hash
	Device string // as stored, "" none
	Now    time.Time
	TTL    time.Duration // the refresh TTL
}

// EnrollDecision is what an enrollment changes.
type EnrollDecision struct {
	Refused error // nil: the code is used and Family starts
	// First is the user's first enrollment: from now on they count as a member of their team
	// (CountIn, "" when they have none).
	First   bool
	CountIn string
	Prune   []string      // the ended families dropped with it, in order
	Family  SessionFamily // the new family
}

// DecideEnroll decides an enrollment. The code works once, until it expires (at CodeExpires
// exactly it still works), for an active user. The code hashes compared are both SHA-256 of a
// code, and the presented one was found in the index already: the comparison's timing gives
// nothing away (HashSecret).
func DecideEnroll(s EnrollState, in EnrollInput) EnrollDecision {
	if !s.User.Found || !s.User.Active || s.Code == "" || s.Code != in.Code || s.CodeExpires.Before(in.Now) {
		return EnrollDecision{Refused: ErrInvalidCode}
	}
	d := EnrollDecision{First: !s.Enrolled,
		Family: SessionFamily{Current: in.Token, Created: in.Now, Expires: in.Now.Add(in.TTL), Device: in.Device}}
	if d.First {
		d.CountIn = s.User.Team
	}
	for id, f := range s.Families {
		if f.Ended(in.Now) {
			d.Prune = append(d.Prune, id)
		}
	}
	slices.Sort(d.Prune)
	return d
}
