package store

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

var (
	errUserNotFound = domain.NotFound("user")
	errEmailTaken   = &domain.Error{Kind: domain.KindConflict, Code: "email_taken", Message: "Another user of this org has this email address.",
		Fields: []domain.FieldError{{Field: "email", Message: "is taken (addresses are compared in their normal form)"}}}
	errLastAdmin  = domain.Conflict("last_admin", "The org's last active admin cannot be deactivated or given another role.")
	errNoSuchTeam = domain.InvalidField("team_id", "no team with this id")
)

// Fields of a user hash beside its data. Scripts read and change them without touching the JSON.
const (
	fieldCode       = "code"           // hash of the current enrollment code
	fieldCodeExp    = "code_exp"       // its expiry, Unix ms
	fieldEnrolled   = "enrolled_ms"    // first enrollment, Unix ms
	fieldValidAfter = "valid_after_ms" // sessions created before this are dead, Unix ms
)

// userRecord is how a user's JSON is stored. Org and Enrolled are never set, so they are left
// out (the key says the org, the enrolled_ms field whether the user enrolled, and readers set
// them from there), and so is a zero SessionsValidAfter: ~80 B less per user. The fields shadow
// the embedded user's.
type userRecord struct {
	domain.User
	Org                string    `json:"org,omitempty"`
	Enrolled           bool      `json:"enrolled,omitempty"`
	SessionsValidAfter time.Time `json:"sessions_valid_after,omitzero"`
}

func marshalUser(u domain.User) string {
	return marshal(userRecord{User: u, SessionsValidAfter: u.SessionsValidAfter})
}

// userLabel is what a board row and a story card show of a user: "1" (shown on leaderboards)
// or "0" — "L" or "l" for a lead, whom the team sees doing the gesture too — then the name
// (see labelFlags). A role change is a label change like a name change. Every write of a user's
// JSON writes it too (addUser, UpdateUser), so every user has one; a user without one (deleted
// by hand) shows no name.
func userLabel(u domain.User) string {
	flag := map[[2]bool]string{{true, false}: "1", {false, false}: "0", {true, true}: "L", {false, true}: "l"}
	return flag[[2]bool{u.Preferences.ShowOnLeaderboards, u.Role == domain.RoleLead}] + u.Name
}

// labelFlags reads a label's first character (see userLabel): whether the user shows on
// leaderboards and whether they are a lead.
func labelFlags(flag string) (shown, lead bool) {
	return flag == "1" || flag == "L", flag == "L" || flag == "l"
}

// roleShown is the role a board row or a story card carries: "lead" for a lead, else none.
func roleShown(lead bool) domain.Role {
	if lead {
		return domain.RoleLead
	}
	return ""
}

// viewedUser is a user's stored JSON as a script answered it (through the decode cache), with
// the org put back; "" (a user deleted by hand) is the zero user. Enrolled is not known here:
// it is a field of its own (fieldEnrolled), which UsersByID and the dashboard read with it.
func (s *Store) viewedUser(org, raw string) (domain.User, error) {
	u, err := s.users.decode(raw)
	if err != nil {
		return u, domain.Internal("decode user", err)
	}
	if u.ID != "" {
		u.Org = org
	}
	return u, nil
}

// CreateUser stores a new user with its first enrollment code.
func (s *Store) CreateUser(ctx context.Context, u domain.User, code domain.Enrollment, due map[string]time.Time) error {
	if err := s.indexEnrollment(ctx, u, code); err != nil {
		return err
	}
	w := newWrite().present(s.keys.orgSettings(u.Org), errOrgNotFound)
	s.addUser(w, u, code)
	s.scheduleNew(w, u, due)
	return w.run(ctx, s, "create user")
}

// addUser adds the checks and writes that store a new user and its indexes.
func (s *Store) addUser(w *write, u domain.User, code domain.Enrollment) {
	u.Rev = 1
	k := s.keys.user(u.Org, u.ID)
	w.absent(k, domain.Conflict("conflict", "A user with this id exists already.")).
		free(s.keys.emails(u.Org), u.Email, u.ID, errEmailTaken)
	if u.TeamID != "" {
		w.refers(s.keys.teams(u.Org), u.TeamID, errNoSuchTeam).
			zadd(s.keys.teamMembers(u.Org, u.TeamID), 0, u.ID)
	}
	w.hset(k, dataField, marshalUser(u)).
		hset(k, fieldCode, code.CodeHash).
		hset(k, fieldCodeExp, strconv.FormatInt(ms(code.ExpiresAt), 10)).
		hset(s.keys.emails(u.Org), u.Email, u.ID).
		hset(s.keys.userLabels(u.Org), u.ID, userLabel(u)).
		zadd(s.keys.users(u.Org), 0, u.ID)
	if u.ActiveAdmin() {
		w.sadd(s.keys.admins(u.Org), u.ID)
	}
	// A new user has not enrolled yet: the team's size counts them once they do (enroll).
}

// indexEnrollment records whose code a hash is. It is written before the user record so a
// code never exists without its index; a dangling index entry finds a user whose code no
// longer matches and is refused.
func (s *Store) indexEnrollment(ctx context.Context, u domain.User, code domain.Enrollment) error {
	ttl := code.ExpiresAt.Sub(s.clock.Now())
	if ttl <= 0 {
		return domain.Internal("index enrollment", errors.New("enrollment code already expired"))
	}
	return translate("index enrollment", s.rdb.Set(ctx, s.keys.enrollment(code.CodeHash), u.Org+" "+u.ID, ttl).Err())
}

// User reads one user.
func (s *Store) User(ctx context.Context, org, id string) (domain.User, error) {
	users, err := s.UsersByID(ctx, org, []string{id})
	if err != nil {
		return domain.User{}, err
	}
	if len(users) == 0 {
		return domain.User{}, errUserNotFound
	}
	return users[0], nil
}

// UsersByID reads the users among ids in one round trip.
func (s *Store) UsersByID(ctx context.Context, org string, ids []string) ([]domain.User, error) {
	ks := make([]string, len(ids))
	for i, id := range ids {
		ks[i] = s.keys.user(org, id)
	}
	users, rows, err := readAll[domain.User](ctx, s.rdb, ks, fieldEnrolled)
	for i := range users {
		users[i].Org, users[i].Enrolled = org, rows[i].extra[0] != nil
	}
	return users, err
}

// UserByEmail finds a user by their (normalised) email address.
func (s *Store) UserByEmail(ctx context.Context, org, email string) (domain.User, error) {
	id, err := s.rdb.HGet(ctx, s.keys.emails(org), email).Result()
	if errors.Is(err, redis.Nil) {
		return domain.User{}, errUserNotFound
	}
	if err != nil {
		return domain.User{}, translate("user by email", err)
	}
	return s.User(ctx, org, id)
}

// Users lists an org's users, or one team's, in creation order.
func (s *Store) Users(ctx context.Context, org, teamID string, page domain.Page) ([]domain.User, string, error) {
	index := s.keys.users(org)
	if teamID != "" {
		index = s.keys.teamMembers(org, teamID)
	}
	ids, next, err := pageIDs(ctx, s.rdb, index, page)
	if err != nil {
		return nil, "", err
	}
	users, err := s.UsersByID(ctx, org, ids)
	return users, next, err
}

// UpdateUser replaces before with after if before is still current, keeping every index in step.
// An active admin who stops being one (another role, deactivated) may not be the org's last
// (domain.LastAdmin), decided on the org's admins as read and written while they are.
func (s *Store) UpdateUser(ctx context.Context, before, after domain.User) error {
	steppingDown := before.ActiveAdmin() && !after.ActiveAdmin()
	for range socialRounds {
		var admins []string
		if steppingDown {
			var err error
			if admins, err = s.Admins(ctx, before.Org); err != nil {
				return err
			}
			if domain.LastAdmin(admins, before.ID) {
				return errLastAdmin
			}
		}
		err := s.updateUserWrite(before, after, admins).run(ctx, s, "update user")
		if !errors.Is(err, errStateMoved) {
			return err
		}
	}
	return domain.Internal("update user", errStateMoved)
}

// updateUserWrite is UpdateUser's write, decided on admins, the org's admins as read when before
// stops being one.
func (s *Store) updateUserWrite(before, after domain.User, admins []string) *write {
	org, k := before.Org, s.keys.user(before.Org, before.ID)
	after.Rev = before.Rev + 1
	w := newWrite().rev(k, before.Rev, errConcurrent)
	wasAdmin, isAdmin := before.ActiveAdmin(), after.ActiveAdmin()
	if wasAdmin && !isAdmin {
		w.sameSet(s.keys.admins(org), admins, errStateMoved).srem(s.keys.admins(org), before.ID)
	}
	if isAdmin && !wasAdmin {
		w.sadd(s.keys.admins(org), before.ID)
	}
	if after.Email != before.Email {
		w.free(s.keys.emails(org), after.Email, before.ID, errEmailTaken).
			hdel(s.keys.emails(org), before.Email).
			hset(s.keys.emails(org), after.Email, before.ID)
	}
	if after.TeamID != before.TeamID {
		if before.TeamID != "" {
			w.zrem(s.keys.teamMembers(org, before.TeamID), before.ID)
		}
		if after.TeamID != "" {
			w.refers(s.keys.teams(org), after.TeamID, errNoSuchTeam).
				zadd(s.keys.teamMembers(org, after.TeamID), 0, before.ID)
		}
	}
	if !before.Enrolled {
		// The size counts enrolled members only, and the enrollment script counts a user who
		// enrolls: this write holds only while the user has still not enrolled.
		w.free(k, fieldEnrolled, "", errConcurrent)
	}
	counted := func(u domain.User) bool { return before.Enrolled && u.Active && u.TeamID != "" }
	if counted(before) && (!counted(after) || after.TeamID != before.TeamID) {
		w.hincrby(s.keys.teamSizes(org), before.TeamID, -1)
	}
	if counted(after) && (!counted(before) || after.TeamID != before.TeamID) {
		w.hincrby(s.keys.teamSizes(org), after.TeamID, 1)
	}
	if after.Role != before.Role || after.TeamID != before.TeamID || (before.Active && !after.Active) {
		// Access tokens carry the role and team; void them so the next refresh issues new ones.
		s.revokeTokens(w, org, before.ID, s.clock.Now())
	}
	if !after.SessionsValidAfter.Equal(before.SessionsValidAfter) {
		w.hset(k, fieldValidAfter, strconv.FormatInt(ms(after.SessionsValidAfter), 10))
	}
	// a new view stamp: the user's today view shows their locale and pause (see fieldViewStamp)
	w.hset(k, dataField, marshalUser(after)).hset(k, fieldViewStamp, newStamp())
	// The label is written with the JSON (userLabel), so before's is the one stored. A changed
	// label gets the org a new label stamp: boards and feeds show it, so replicas' copies of
	// them are answered no more.
	if label := userLabel(after); label != userLabel(before) {
		w.hset(s.keys.userLabels(org), before.ID, label).hset(s.keys.orgSettings(org), fieldLabelStamp, newStamp())
	}
	return w
}

// SetEnrollment gives the user a new enrollment code; the old one stops working because the
// user hash holds only the newest code's hash.
func (s *Store) SetEnrollment(ctx context.Context, org, userID string, code domain.Enrollment) error {
	u, err := s.User(ctx, org, userID)
	if err != nil {
		return err
	}
	if err := s.indexEnrollment(ctx, u, code); err != nil {
		return err
	}
	k := s.keys.user(org, userID)
	return newWrite().present(k, errUserNotFound).
		hset(k, fieldCode, code.CodeHash).
		hset(k, fieldCodeExp, strconv.FormatInt(ms(code.ExpiresAt), 10)).
		run(ctx, s, "set enrollment")
}
