package handlers

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// GetMe answers the signed-in user's profile, preferences and stats: one round trip, for the
// user's day is worked out in the zone their token carries (voided when the zone changes).
func (s *Server) GetMe(c echo.Context) error {
	ctx, p := c.Request().Context(), principal(c)
	org, err := s.orgs.get(ctx, p.Org)
	if err != nil {
		return err
	}
	mv, err := s.Loop.Me(ctx, p.Org, p.UserID, s.dayContext(p, org))
	if err != nil {
		return err
	}
	u := mv.User
	if u.EffectiveTimezone(org.org) != p.Timezone {
		// the zone changed since the token was issued (its void not seen yet): the stats of the
		// user's day in their zone as it is now
		me, err := s.me(ctx, u)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, me)
	}
	var team *TeamRef
	if mv.TeamName != "" {
		team = &TeamRef{Id: u.TeamID, Name: mv.TeamName}
	}
	return c.JSON(http.StatusOK, meOf(u, org, team, p.Timezone, mv.Stats))
}

// UpdateMe changes the signed-in user's name, time zone, locale or preferences.
func (s *Server) UpdateMe(c echo.Context) error {
	var req MePatch
	if err := bind(c, &req); err != nil {
		return err
	}
	patch := domain.MePatch{Name: req.Name, Timezone: req.Timezone}
	if req.Locale != nil {
		l := string(*req.Locale)
		patch.Locale = &l
	}
	if pp := req.Preferences; pp != nil {
		patch.Preferences = domain.PreferencesPatch{
			ReminderTime: pp.ReminderTime, Workdays: pp.Workdays, ShowOnLeaderboards: pp.ShowOnLeaderboards,
		}
		if pp.QuietHours != nil {
			patch.Preferences.QuietHours = &domain.QuietHours{Start: pp.QuietHours.Start, End: pp.QuietHours.End}
		}
		if pp.PausedUntil.IsSpecified() {
			if pp.PausedUntil.IsNull() {
				patch.Preferences.ClearPausedUntil = true
			} else {
				d := pp.PausedUntil.MustGet().Format("2006-01-02")
				patch.Preferences.PausedUntil = &d
			}
		}
		if pp.PausedFrom != nil {
			d := pp.PausedFrom.Format(time.DateOnly)
			patch.Preferences.PausedFrom = &d
		}
	}
	ctx, p := c.Request().Context(), principal(c)
	org, err := s.orgs.get(ctx, p.Org)
	if err != nil {
		return err
	}
	if patch.Locale != nil {
		if err := org.org.CheckLocale("locale", *patch.Locale); err != nil {
			return err
		}
	}
	patch.Today = s.dayContext(p, org).Today
	u, err := s.updateUser(ctx, p.Org, p.UserID, func(u *domain.User) error { return u.ApplyMe(patch) })
	if err != nil {
		return err
	}
	me, err := s.me(ctx, u)
	if err != nil {
		return err
	}
	if err := s.reschedule(ctx, u); err != nil {
		return err
	}
	if me.Timezone != p.Timezone {
		// The token carries the zone the user's day is worked out in: void it, so the app's
		// refresh brings one with the new zone.
		if err := s.OrgState.RevokeUser(ctx, p.Org, p.UserID, s.now()); err != nil {
			return err
		}
		s.orgs.forget(p.Org)
	}
	return c.JSON(http.StatusOK, me)
}
