package handlers

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// Enroll exchanges a single-use enrollment code for a session.
func (s *Server) Enroll(c echo.Context) error {
	var req EnrollRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	code, ok := domain.NormalizeEnrollmentCode(req.Code)
	if !ok {
		return domain.ErrInvalidCode
	}
	var device *domain.Device
	if req.Device != nil {
		d := domain.Device{ID: req.Device.Id, Platform: string(req.Device.Platform)}
		if req.Device.Name != nil {
			name, err := domain.CleanOptionalText("device.name", *req.Device.Name, 100)
			if err != nil {
				return err
			}
			d.Name = name
		}
		device = &d
	}
	u, refresh, familyID, err := s.startSession(c.Request().Context(), code, device)
	if err != nil {
		return err
	}
	return s.session(c, u, refresh, familyID)
}

// startSession uses the normalised enrollment code once and starts a session family: the
// user, their first refresh token and the family's id.
func (s *Server) startSession(ctx context.Context, code string, device *domain.Device) (u domain.User, refresh, familyID string, err error) {
	hash := domain.HashSecret(code)
	org, userID, err := s.Sessions.LookupEnrollment(ctx, hash)
	if err != nil {
		return domain.User{}, "", "", err
	}
	now := s.now()
	refresh = domain.NewRefreshToken(org)
	familyID = domain.NewID(now)
	u, err = s.Sessions.Enroll(ctx, org, userID, hash, domain.NewSession{
		FamilyID: familyID, RefreshHash: domain.HashSecret(refresh), Device: device, Now: now,
	})
	if err != nil {
		return domain.User{}, "", "", err
	}
	return u, refresh, familyID, nil
}

// RefreshSession rotates a refresh token into a new session.
func (s *Server) RefreshSession(c echo.Context) error {
	var req RefreshRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	u, refresh, familyID, err := s.rotateSession(c.Request().Context(), req.RefreshToken)
	if err != nil {
		return err
	}
	return s.session(c, u, refresh, familyID)
}

// rotateSession exchanges a refresh token for the next one of its family. A reused token
// revokes the family, whose access tokens are then void at once on this replica too.
func (s *Server) rotateSession(ctx context.Context, token string) (u domain.User, refresh, familyID string, err error) {
	org, hash, ok := domain.ParseRefreshToken(token)
	if !ok {
		return domain.User{}, "", "", domain.ErrInvalidToken
	}
	refresh = domain.NewRefreshToken(org)
	u, familyID, err = s.Sessions.Refresh(ctx, org, hash, domain.NewSession{
		RefreshHash: domain.HashSecret(refresh), Now: s.now(),
	})
	if domain.ErrorCode(err) == domain.ErrRefreshReused.Code {
		s.orgs.forget(org) // the family's access tokens are void: at once on this replica too
	}
	if err != nil {
		return domain.User{}, "", "", err
	}
	return u, refresh, familyID, nil
}

// Logout ends the session of a refresh token. Unknown tokens are fine: the session is over.
func (s *Server) Logout(c echo.Context) error {
	var req LogoutRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	if err := s.endSession(c.Request().Context(), req.RefreshToken); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// endSession revokes the family of a refresh token and voids its access tokens (at once on this
// replica). An unknown or malformed token is no error: that session is over anyway.
func (s *Server) endSession(ctx context.Context, token string) error {
	org, hash, ok := domain.ParseRefreshToken(token)
	if !ok {
		return nil
	}
	if err := s.Sessions.Logout(ctx, org, hash, s.now()); err != nil {
		return err
	}
	s.orgs.forget(org)
	return nil
}

func (s *Server) session(c echo.Context, u domain.User, refresh, familyID string) error {
	access, me, err := s.accessFor(c.Request().Context(), u, familyID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Session{
		AccessToken: access, TokenType: SessionTokenTypeBearer, ExpiresIn: int(domain.AccessTokenTTL.Seconds()),
		RefreshToken: refresh, User: me,
	})
}

// accessFor signs an access token of the session family familyID for u, with u's view of
// themselves.
func (s *Server) accessFor(ctx context.Context, u domain.User, familyID string) (string, Me, error) {
	me, err := s.me(ctx, u)
	if err != nil {
		return "", Me{}, err
	}
	access, err := s.Tokens.Issue(u, me.Timezone, familyID)
	if err != nil {
		return "", Me{}, domain.Internal("sign access token", err)
	}
	return access, me, nil
}

// me builds the signed-in user's view of themselves, with their stats as of their local day.
func (s *Server) me(ctx context.Context, u domain.User) (Me, error) {
	org, err := s.orgs.get(ctx, u.Org)
	if err != nil {
		return Me{}, err
	}
	refs, err := s.teamRefs(ctx, u.Org, []domain.User{u})
	if err != nil {
		return Me{}, err
	}
	tz := u.EffectiveTimezone(org.org)
	stats, err := s.Loop.Stats(ctx, u.Org, u.ID, s.dayContext(domain.Principal{Org: u.Org, UserID: u.ID, TeamID: u.TeamID, Timezone: tz}, org))
	if err != nil {
		return Me{}, err
	}
	return meOf(u, org, refs[u.TeamID], tz, stats), nil
}

// meOf is the user's view of themselves, in their team (nil for none) and effective zone tz.
func meOf(u domain.User, org *orgEntry, team *TeamRef, tz string, stats domain.Stats) Me {
	return Me{
		Id: u.ID, Org: u.Org, Name: u.Name, Email: u.Email, Role: Role(u.Role), Team: team,
		Timezone: tz, Locale: Locale(u.Locale), Preferences: toPreferences(u, org.org),
		Stats: toStats(stats), Badges: toBadges(stats.Badges, u.Locale),
	}
}
