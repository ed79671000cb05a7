package handlers

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// checkLeads verifies that every lead is an active lead or admin of the org.
func (s *Server) checkLeads(ctx context.Context, org string, ids *[]string) error {
	if ids == nil || len(*ids) == 0 {
		return nil
	}
	if err := domain.CheckIDs("lead_ids", *ids...); err != nil {
		return err
	}
	users, err := s.Users.UsersByID(ctx, org, *ids)
	if err != nil {
		return err
	}
	ok := map[string]bool{}
	for _, u := range users {
		ok[u.ID] = u.Active && (u.Role == domain.RoleLead || u.Role == domain.RoleAdmin)
	}
	for _, id := range *ids {
		if !ok[id] {
			return domain.InvalidField("lead_ids", "no active lead or admin with id "+id)
		}
	}
	return nil
}

// CreateTeam creates a team.
func (s *Server) CreateTeam(c echo.Context, _ CreateTeamParams) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	var req TeamCreate
	if err := bind(c, &req); err != nil {
		return err
	}
	now := s.now()
	t := domain.Team{Org: p.Org, CreatedAt: now} // the store gives it its id
	in := domain.TeamInput{Name: &req.Name, LeadIDs: req.LeadIds}
	if req.Channel != nil {
		ch := string(*req.Channel)
		in.Channel = &ch
	}
	if err := t.Apply(in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := s.checkLeads(ctx, p.Org, req.LeadIds); err != nil {
		return err
	}
	// the answer is rendered before the team is stored (see respondAfter), so it gets its id first
	if t.ID, err = s.Teams.NewCatalogID(ctx); err != nil {
		return err
	}
	return respondAfter(c, http.StatusCreated, toTeam(t), func(ctx context.Context) error {
		_, err := s.Teams.CreateTeam(ctx, t)
		return err
	})
}

// ListTeams lists the org's teams in creation order.
func (s *Server) ListTeams(c echo.Context, params ListTeamsParams) error {
	items, next, err := adminPage(c, params.Limit, params.Cursor, s.Teams.Teams, toTeam)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, TeamList{Items: items, NextCursor: next})
}

// GetTeam answers one team.
func (s *Server) GetTeam(c echo.Context, teamID TeamId) error {
	return adminGet(c, teamID, s.Teams.Team, toTeam)
}

// UpdateTeam renames a team or changes its leads or channel.
func (s *Server) UpdateTeam(c echo.Context, teamID TeamId) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	var req TeamPatch
	if err := bind(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := s.checkLeads(ctx, p.Org, req.LeadIds); err != nil {
		return err
	}
	for try := 0; ; try++ {
		before, err := s.Teams.Team(ctx, p.Org, teamID)
		if err != nil {
			return err
		}
		after := before
		in := domain.TeamInput{Name: req.Name, LeadIDs: req.LeadIds}
		if req.Channel.IsSpecified() {
			ch := "" // null clears the channel
			if !req.Channel.IsNull() {
				ch = req.Channel.MustGet()
			}
			in.Channel = &ch
		}
		if err := after.Apply(in); err != nil {
			return err
		}
		err = s.Teams.UpdateTeam(ctx, before, after)
		if domain.ErrorCode(err) == "concurrent_update" && try < 3 {
			continue
		}
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, toTeam(after))
	}
}

// DeleteTeam deletes an empty team.
func (s *Server) DeleteTeam(c echo.Context, teamID TeamId) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	t, err := s.Teams.Team(ctx, p.Org, teamID)
	if err != nil {
		return err
	}
	if err := s.Teams.DeleteTeam(ctx, t); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
