package domain

import (
	"context"
	"time"
)

// Page asks for one page of a list.
type Page struct {
	Cursor string // the last id of the previous page; empty for the first
	Limit  int
}

// Enrollment is a stored enrollment code: only its hash is kept.
type Enrollment struct {
	CodeHash  string
	ExpiresAt time.Time
}

// Device is the phone a session was enrolled from.
type Device struct {
	ID       string `json:"id"`
	Name     string `json:"name,omitempty"`
	Platform string `json:"platform"`
}

// NewSession describes the refresh token a successful enroll or refresh hands out.
type NewSession struct {
	FamilyID    string // a new family for an enrollment; ignored on refresh
	RefreshHash string
	Device      *Device
	Now         time.Time
}

// OrgStore keeps orgs.
type OrgStore interface {
	// CreateOrg stores a new org with its first admin and when their reminders are due (see
	// CreateUser); Conflict "org_exists" if the slug is taken.
	CreateOrg(ctx context.Context, org Org, admin User, code Enrollment, due map[string]time.Time) error
	Org(ctx context.Context, id string) (Org, error)
	UpdateOrg(ctx context.Context, org Org) error
}

// UserStore keeps users, their email index and team membership.
type UserStore interface {
	// CreateUser stores u with its first enrollment code and, in the same write, when each of
	// their reminders is due (see Schedule; nil for none yet); Conflict "email_taken" if the
	// email is used in the org, Invalid on team_id if the team does not exist.
	CreateUser(ctx context.Context, u User, code Enrollment, due map[string]time.Time) error
	User(ctx context.Context, org, id string) (User, error)
	// UsersByID returns the users that exist among ids, in the order of ids.
	UsersByID(ctx context.Context, org string, ids []string) ([]User, error)
	UserByEmail(ctx context.Context, org, email string) (User, error)
	// Users lists an org's users in creation order, all or those of one team.
	Users(ctx context.Context, org, teamID string, page Page) (users []User, next string, err error)
	// UpdateUser replaces before with after if before is still current (Conflict "concurrent_update"
	// otherwise); keeps the email, team and admin indexes in step; refuses to remove the org's last
	// active admin (Conflict "last_admin").
	UpdateUser(ctx context.Context, before, after User) error
	// SetEnrollment replaces the user's enrollment code; earlier codes stop working.
	SetEnrollment(ctx context.Context, org, userID string, code Enrollment) error
}

// TeamStore keeps teams.
type TeamStore interface {
	// CreateTeam stores t (with a new id when t.ID is empty) and answers it as stored; Conflict
	// "team_name_taken" if the name is used in the org.
	CreateTeam(ctx context.Context, t Team) (Team, error)
	// NewCatalogID answers a new id for a team, value, gesture or challenge (see SeqID), for
	// a handler that renders its answer before the write that stores the object.
	NewCatalogID(ctx context.Context) (string, error)
	Team(ctx context.Context, org, id string) (Team, error)
	// TeamByName finds a team by name, regardless of case.
	TeamByName(ctx context.Context, org, name string) (Team, error)
	Teams(ctx context.Context, org string, page Page) (teams []Team, next string, err error)
	UpdateTeam(ctx context.Context, before, after Team) error
	// DeleteTeam removes t; Conflict "team_not_empty" while it has members.
	DeleteTeam(ctx context.Context, t Team) error
}

// SessionStore keeps enrollment codes and refresh-token families.
type SessionStore interface {
	// LookupEnrollment finds whose code this is; Unauthorized "invalid_code" if none.
	LookupEnrollment(ctx context.Context, codeHash string) (org, userID string, err error)
	// Enroll uses the code once and starts a session family; Unauthorized "invalid_code" if the
	// code is no longer the user's, expired, or the user is inactive.
	Enroll(ctx context.Context, org, userID, codeHash string, s NewSession) (User, error)
	// Refresh rotates a refresh token and answers its session's family id. A token used before
	// revokes its family (Unauthorized "refresh_reused"); an unknown, expired or revoked one is
	// Unauthorized "invalid_token".
	Refresh(ctx context.Context, org, refreshHash string, s NewSession) (User, string, error)
	// Logout ends the family of a refresh token and voids its access tokens; unknown tokens are
	// ignored.
	Logout(ctx context.Context, org, refreshHash string, now time.Time) error
}

// StoredResponse is the first answer to an idempotent request.
type StoredResponse struct {
	Fingerprint string `json:"f"`
	Status      int    `json:"s"`
	ContentType string `json:"c,omitempty"`
	Body        []byte `json:"b,omitempty"`
}

// IdempotencyStore remembers the answers to requests sent with an Idempotency-Key for 24 hours.
type IdempotencyStore interface {
	// BeginIdempotent reserves r's key for r (and sets r.Reservation). It returns the stored
	// answer of an earlier request with the same key and fingerprint, nil if the caller should
	// proceed, Invalid "idempotency_key_reused" for another fingerprint, or Conflict
	// "idempotency_in_progress" while the first request is still being answered.
	BeginIdempotent(ctx context.Context, r *IdempotentRequest) (*StoredResponse, error)
	// FinishIdempotent stores the answer; ReleaseIdempotent forgets the reservation (after a
	// failure worth retrying). Both leave the key alone once it holds anything but r's own
	// reservation: an answer the work's write stored, or another request's reservation.
	FinishIdempotent(ctx context.Context, r *IdempotentRequest, answer StoredResponse) error
	ReleaseIdempotent(ctx context.Context, r *IdempotentRequest) error
	// IdempotentParts answers the parts of r's work that earlier attempts with its key wrote
	// (SetPart), by name.
	IdempotentParts(ctx context.Context, r *IdempotentRequest) (map[string][]byte, error)
}

// An IdempotentRequest is a POST sent with an Idempotency-Key while it is being answered. It
// travels in the request's context (WithIdempotentRequest) so that the store write doing the
// request's work can keep the request's answer in the same atomic step (SetAnswer): a process
// that dies after that write leaves the answer for the client's retry, not a reservation
// that lets the retry do the work again.
type IdempotentRequest struct {
	Org, UserID, Key, Fingerprint string
	// Reservation is what BeginIdempotent reserved the key with, unique to this attempt; the
	// store's writes check it, so that only the attempt holding the key stores an answer.
	Reservation string

	answer *StoredResponse
	stored bool
	part   *requestPart
}

// requestPart is one part of a request's work (SetPart).
type requestPart struct {
	name   string
	record []byte
}

// SetAnswer hands the store the answer the request gives once its work is written.
func (r *IdempotentRequest) SetAnswer(a StoredResponse) { a.Fingerprint = r.Fingerprint; r.answer = &a }

// Answer is the answer the store writes with the request's work: set, and not stored yet. A
// write that fails leaves it for the write that is tried again.
func (r *IdempotentRequest) Answer() (StoredResponse, bool) {
	if r.answer == nil {
		return StoredResponse{}, false
	}
	return *r.answer, true
}

// SetPart hands the store a record of one part of the request's work, for the write that does
// that part to keep with it (24 hours, sealed like the answer): a request whose work is many
// writes (a CSV import, a user per line) can then be retried after it died halfway, and its
// retry answers the parts done before from their records (IdempotentParts) instead of
// finding them done by somebody else.
func (r *IdempotentRequest) SetPart(name string, record []byte) {
	r.part = &requestPart{name: name, record: record}
}

// Part is the part the store writes with the next write (see SetPart); a write that fails and is
// tried again writes it then.
func (r *IdempotentRequest) Part() (name string, record []byte, ok bool) {
	if r.part == nil {
		return "", nil, false
	}
	return r.part.name, r.part.record, true
}

// DropPart forgets the part: its write is done, or failed for good, and it must not go with the
// next write.
func (r *IdempotentRequest) DropPart() { r.part = nil }

// AnswerStored records that the work's write stored the answer, which no other write keeps
// then; Stored says whether it did.
func (r *IdempotentRequest) AnswerStored() { r.stored, r.answer = true, nil }
func (r *IdempotentRequest) Stored() bool  { return r.stored }

type idempotentRequestKey struct{}

// WithIdempotentRequest carries r in ctx.
func WithIdempotentRequest(ctx context.Context, r *IdempotentRequest) context.Context {
	return context.WithValue(ctx, idempotentRequestKey{}, r)
}

// IdempotentRequestOf answers the IdempotentRequest ctx carries, or nil.
func IdempotentRequestOf(ctx context.Context) *IdempotentRequest {
	r, _ := ctx.Value(idempotentRequestKey{}).(*IdempotentRequest)
	return r
}

// FailureLimiter counts failed attempts per client and says how long a client must wait:
// Refused before its attempts are checked at all (0: check them), Failed, counting a failure,
// before it may fail again (0: within its budget).
type FailureLimiter interface {
	Refused(ctx context.Context, key string) (time.Duration, error)
	Failed(ctx context.Context, key string) (time.Duration, error)
}

// OrgStateStore reads what replicas cache per org: its settings and, per user (or "*" for
// everyone), the moment before which their access tokens are void.
type OrgStateStore interface {
	OrgState(ctx context.Context, org string, since time.Time) (Org, map[string]time.Time, error)
	RevokeAll(ctx context.Context, org string, at time.Time) error
	RevokeUser(ctx context.Context, org, userID string, at time.Time) error
}

// AllUsers is the revocation entry that stands for every user of an org.
const AllUsers = "*"

// Principal is the authenticated caller.
type Principal struct {
	UserID string
	Org    string
	Role   Role
	// TeamID and Timezone are the user's team and effective time zone when the token was issued;
	// a change of either voids the user's tokens, so they are always current.
	TeamID string
	// Timezone is the user's effective time zone when the token was issued; a change of it
	// voids the user's tokens, so it is always current.
	Timezone string
	// SessionID is the session (refresh-token family) the token belongs to; logout ends it.
	SessionID string
}

type principalKey struct{}

// WithPrincipal returns a context carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the caller carried by ctx.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// CatalogStore keeps values, gestures and challenges.
type CatalogStore interface {
	// SaveValue creates v (Rev 0) or replaces it if unchanged since read; it answers v as stored.
	// A value, gesture or challenge created without an id gets a new one (see SeqID).
	SaveValue(ctx context.Context, v Value) (Value, error)
	NewCatalogID(ctx context.Context) (string, error)
	Value(ctx context.Context, org, id string) (Value, error)
	Values(ctx context.Context, org string, page Page) ([]Value, string, error)
	DeleteValue(ctx context.Context, v Value) error
	SaveGesture(ctx context.Context, g Gesture) (Gesture, error)
	Gesture(ctx context.Context, org, id string) (Gesture, error)
	AllGestures(ctx context.Context, org string) ([]Gesture, error)
	DeleteGesture(ctx context.Context, g Gesture) error
	SaveChallenge(ctx context.Context, c Challenge) (Challenge, error)
	Challenge(ctx context.Context, org, id string) (Challenge, error)
	Challenges(ctx context.Context, org string, page Page) ([]Challenge, string, error)
	DeleteChallenge(ctx context.Context, c Challenge) error
	// Used reports which gesture ids (or "c:"+challenge id) assignments refer to.
	Used(ctx context.Context, org string, ids ...string) (map[string]bool, error)
}
