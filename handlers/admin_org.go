package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
	"github.com/oapi-codegen/nullable"
)

// GetOrg answers the org's settings.
func (s *Server) GetOrg(c echo.Context) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	o, err := s.Orgs.Org(c.Request().Context(), p.Org)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toOrg(o))
}

// UpdateOrg changes the org's settings.
func (s *Server) UpdateOrg(c echo.Context) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	var req OrgSettingsPatch
	if err := bind(c, &req); err != nil {
		return err
	}
	patch := domain.OrgPatch{
		Name: req.Name, Timezone: req.Timezone, WeekStartsOn: req.WeekStartsOn,
		DefaultReminderTime: req.DefaultReminderTime, SwapsPerDay: req.SwapsPerDay,
		BarrierCategories: req.BarrierCategories, RetentionDays: req.RetentionDays,
	}
	patch.DefaultWorkdays = req.DefaultWorkdays
	if req.Locales != nil {
		locs := make([]string, len(*req.Locales))
		for i, l := range *req.Locales {
			locs[i] = string(l)
		}
		patch.Locales = &locs
	}
	patch.StoryRetentionDays = retentionPatch(req.StoryRetentionDays)
	patch.BarrierRetentionDays = retentionPatch(req.BarrierRetentionDays)
	if req.DefaultLocale != nil {
		l := string(*req.DefaultLocale)
		patch.DefaultLocale = &l
	}
	if pts := req.Points; pts != nil {
		patch.Points = domain.PointsPatch{Done: pts.Done, Story: pts.Story, Blocked: pts.Blocked, Kudos: pts.Kudos}
	}
	ctx := c.Request().Context()
	for try := 0; ; try++ {
		o, err := s.Orgs.Org(ctx, p.Org)
		if err != nil {
			return err
		}
		before := o
		if err := o.Apply(patch); err != nil {
			return err
		}
		err = s.Orgs.UpdateOrg(ctx, o)
		if domain.ErrorCode(err) == "concurrent_update" && try < 3 {
			continue
		}
		if err != nil {
			return err
		}
		if o.Timezone != before.Timezone {
			// Tokens carry users' zones (most follow the org's): renew them all.
			if err := s.OrgState.RevokeAll(ctx, p.Org, s.now()); err != nil {
				return err
			}
		}
		s.orgs.forget(p.Org)
		return c.JSON(http.StatusOK, toOrg(o))
	}
}

// retentionPatch reads a retention field of a patch: absent keeps it, null turns it off.
func retentionPatch(n nullable.Nullable[int]) domain.RetentionPatch {
	if !n.IsSpecified() {
		return domain.RetentionPatch{}
	}
	if n.IsNull() {
		return domain.RetentionPatch{Set: true}
	}
	days := n.MustGet()
	return domain.RetentionPatch{Set: true, Days: &days}
}
