package handlers

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// updateUser reads a user, applies change and stores the result, retrying when someone else
// changed the user in between (each try starts from a fresh read).
func (s *Server) updateUser(ctx context.Context, org, id string, change func(*domain.User) error) (domain.User, error) {
	for try := 0; ; try++ {
		before, err := s.Users.User(ctx, org, id)
		if err != nil {
			return domain.User{}, err
		}
		after := before
		if err := change(&after); err != nil {
			return domain.User{}, err
		}
		err = s.Users.UpdateUser(ctx, before, after)
		if domain.ErrorCode(err) == "concurrent_update" && try < 3 {
			continue
		}
		if err == nil && (after.Role != before.Role || after.Active != before.Active || after.TeamID != before.TeamID) {
			s.orgs.forget(org)       // this replica applies the revocation at once
			s.forgetTeamsBoards(org) // and counts the team's members anew
		}
		return after, err
	}
}

// newUser validates in and makes the user and their first enrollment code, not yet stored.
func (s *Server) newUser(org domain.Org, in domain.UserInput) (domain.User, string, domain.Enrollment, error) {
	u, err := domain.NewUser(org, in, s.now())
	if err != nil {
		return u, "", domain.Enrollment{}, err
	}
	code, enrollment := domain.NewEnrollment(s.now())
	return u, code, enrollment, nil
}

// storeUser stores a new user with their reminders' schedule (one write).
func (s *Server) storeUser(ctx context.Context, org domain.Org, u domain.User, enrollment domain.Enrollment) error {
	if err := s.Users.CreateUser(ctx, u, enrollment, domain.Schedule(u, org, s.now())); err != nil {
		return err
	}
	s.forgetTeamsBoards(org.ID)
	return nil
}

// CreateUser creates a user and their first enrollment code.
func (s *Server) CreateUser(c echo.Context, _ CreateUserParams) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	var req UserCreate
	if err := bind(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	org, err := s.Orgs.Org(ctx, p.Org)
	if err != nil {
		return err
	}
	in := domain.UserInput{Name: req.Name, Email: req.Email, Role: string(req.Role)}
	if req.TeamId != nil {
		in.TeamID = *req.TeamId
	}
	u, code, enrollment, err := s.newUser(org, in)
	if err != nil {
		return err
	}
	out, err := s.userView(ctx, org, u)
	if err != nil {
		return err
	}
	return respondAfter(c, http.StatusCreated, UserCreated{User: out, EnrollmentCode: code, EnrollmentCodeExpiresAt: instant(enrollment.ExpiresAt)},
		func(ctx context.Context) error { return s.storeUser(ctx, org, u, enrollment) })
}

// userView is the admin's view of one user.
func (s *Server) userView(ctx context.Context, org domain.Org, u domain.User) (User, error) {
	refs, err := s.teamRefs(ctx, org.ID, []domain.User{u})
	if err != nil {
		return User{}, err
	}
	return toUser(u, org, refs[u.TeamID]), nil
}

// ListUsers lists the org's users, or one team's.
func (s *Server) ListUsers(c echo.Context, params ListUsersParams) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	page, err := pageOf(params.Limit, params.Cursor)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	org, err := s.Orgs.Org(ctx, p.Org)
	if err != nil {
		return err
	}
	teamID := ""
	if params.TeamId != nil {
		teamID = *params.TeamId
		if _, err := s.Teams.Team(ctx, p.Org, teamID); err != nil {
			return err
		}
	}
	filter := domain.UserFilter{}
	if params.Q != nil {
		filter.Query = *params.Q
	}
	if params.Role != nil {
		filter.Role = domain.Role(*params.Role)
	}
	if params.Status != nil {
		active := *params.Status == ListUsersParamsStatusActive
		filter.Active = &active
	}
	users, next, err := s.filteredUsers(ctx, p.Org, teamID, filter, page)
	if err != nil {
		return err
	}
	refs, err := s.teamRefs(ctx, p.Org, users)
	if err != nil {
		return err
	}
	items := make([]User, len(users))
	for i, u := range users {
		items[i] = toUser(u, org, refs[u.TeamID])
	}
	return c.JSON(http.StatusOK, UserList{Items: items, NextCursor: nextCursor(next)})
}

// filteredUsers answers one page of the users (of a team, when teamID is set) that filter picks,
// in the store's order and with the store's cursor (the last user given). A page is cut short
// after a bounded read, so a search through a large org answers in steps instead of at once.
func (s *Server) filteredUsers(ctx context.Context, org, teamID string, filter domain.UserFilter, page domain.Page) ([]domain.User, string, error) {
	if filter.Empty() {
		return s.Users.Users(ctx, org, teamID, page)
	}
	var found []domain.User
	read := domain.Page{Limit: 100, Cursor: page.Cursor}
	for reads := 0; ; reads++ {
		users, next, err := s.Users.Users(ctx, org, teamID, read)
		if err != nil {
			return nil, "", err
		}
		for _, u := range users {
			if !filter.Matches(u) {
				continue
			}
			if len(found) == page.Limit { // one more exists: the page is full
				return found, found[len(found)-1].ID, nil
			}
			found = append(found, u)
		}
		if next == "" {
			return found, "", nil
		}
		if reads+1 >= filteredReads { // read enough for one answer: go on from here next time
			return found, next, nil
		}
		read.Cursor = next
	}
}

// filteredReads bounds the store pages (of 100 users) one filtered page reads.
const filteredReads = 20

// GetUser answers one user of the org.
func (s *Server) GetUser(c echo.Context, userID UserId) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	org, err := s.Orgs.Org(ctx, p.Org)
	if err != nil {
		return err
	}
	u, err := s.Users.User(ctx, p.Org, userID)
	if err != nil {
		return err
	}
	out, err := s.userView(ctx, org, u)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// UpdateUser changes a user's name, email, role, team or active flag.
func (s *Server) UpdateUser(c echo.Context, userID UserId) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	var req UserPatch
	if err := bind(c, &req); err != nil {
		return err
	}
	patch := domain.UserPatch{Name: req.Name, Email: req.Email, Active: req.Active, Timezone: req.Timezone, Workdays: req.Workdays}
	if req.Locale != nil {
		l := string(*req.Locale)
		patch.Locale = &l
	}
	if req.Role != nil {
		r := string(*req.Role)
		patch.Role = &r
	}
	if req.TeamId.IsSpecified() {
		if req.TeamId.IsNull() {
			patch.ClearTeam = true
		} else {
			id := req.TeamId.MustGet()
			patch.TeamID = &id
		}
	}
	ctx := c.Request().Context()
	org, err := s.Orgs.Org(ctx, p.Org)
	if err != nil {
		return err
	}
	if patch.Locale != nil {
		if err := org.CheckLocale("locale", *patch.Locale); err != nil {
			return err
		}
	}
	now := s.now()
	var zoneBefore string
	u, err := s.updateUser(ctx, p.Org, userID, func(u *domain.User) error {
		zoneBefore = u.EffectiveTimezone(org)
		return u.Apply(patch, now)
	})
	if err != nil {
		return err
	}
	if err := s.reschedule(ctx, u); err != nil {
		return err
	}
	if u.EffectiveTimezone(org) != zoneBefore {
		// The user's tokens carry the zone their day is worked out in (as after PATCH /v1/me).
		if err := s.OrgState.RevokeUser(ctx, p.Org, u.ID, now); err != nil {
			return err
		}
		s.orgs.forget(p.Org)
	}
	out, err := s.userView(ctx, org, u)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// IssueEnrollmentCode gives a user a new enrollment code; earlier codes stop working.
func (s *Server) IssueEnrollmentCode(c echo.Context, userID UserId, _ IssueEnrollmentCodeParams) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := s.requireActive(ctx, p.Org, userID); err != nil {
		return err
	}
	code, enrollment := domain.NewEnrollment(s.now())
	return respondAfter(c, http.StatusOK, EnrollmentCode{EnrollmentCode: code, ExpiresAt: instant(enrollment.ExpiresAt)},
		func(ctx context.Context) error { return s.Users.SetEnrollment(ctx, p.Org, userID, enrollment) })
}

// requireActive refuses a user of the org who is deactivated (409 user_inactive).
func (s *Server) requireActive(ctx context.Context, org, userID string) error {
	u, err := s.Users.User(ctx, org, userID)
	if err != nil {
		return err
	}
	if !u.Active {
		return domain.Conflict("user_inactive", "The user is deactivated; activate them first.")
	}
	return nil
}

// EraseUser erases a person for good (see domain.Erasure). A second erasure finds nobody: 404.
func (s *Server) EraseUser(c echo.Context, userID UserId) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	for try := 0; ; try++ {
		u, err := s.Users.User(ctx, p.Org, userID)
		if err != nil {
			return err
		}
		admins, err := s.Privacy.Admins(ctx, p.Org)
		if err != nil {
			return err
		}
		e, err := domain.NewErasure(u, p.UserID, admins, s.now())
		if err != nil {
			return err
		}
		err = s.Privacy.EraseUser(ctx, e)
		if domain.ErrorCode(err) == "concurrent_update" && try < 3 {
			continue
		}
		if err != nil {
			return err
		}
		s.orgs.forget(p.Org)       // this replica applies the revocation at once
		s.forgetTeamsBoards(p.Org) // and counts the team's members anew
		return c.NoContent(http.StatusNoContent)
	}
}
