package handlers

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// ListVisibleTeams lists the teams the caller may look at (domain.Team.VisibleTo).
func (s *Server) ListVisibleTeams(c echo.Context, params ListVisibleTeamsParams) error {
	page, err := pageOf(params.Limit, params.Cursor)
	if err != nil {
		return err
	}
	teams, next, err := s.visibleTeams(c.Request().Context(), principal(c), page)
	if err != nil {
		return err
	}
	p := principal(c)
	var escalated map[string]int
	if p.Role != domain.RoleEmployee { // whoever may open these teams' dashboards: admins, their leads
		ids := make([]string, len(teams))
		for i, t := range teams {
			ids[i] = t.ID
		}
		if escalated, err = s.Boards.EscalatedBarriers(c.Request().Context(), p.Org, ids); err != nil {
			return err
		}
	}
	items := make([]TeamSummary, len(teams))
	for i, t := range teams {
		items[i] = TeamSummary{Id: t.ID, Name: t.Name, LeadIds: toTeam(t).LeadIds, Channel: channelOf(t.Channel), Members: t.MemberCount}
		if n, ok := escalated[t.ID]; ok {
			items[i].EscalatedBarriers = &n
		}
	}
	return c.JSON(http.StatusOK, TeamSummaryList{Items: items, NextCursor: nextCursor(next)})
}

// visibleTeams answers one page of the teams p may look at, in the store's order; the cursor is
// the store's (the last team given), so pages stay right when teams come and go in between.
func (s *Server) visibleTeams(ctx context.Context, p domain.Principal, page domain.Page) ([]domain.Team, string, error) {
	if p.Role == domain.RoleAdmin {
		return s.Teams.Teams(ctx, p.Org, page)
	}
	if p.Role == domain.RoleEmployee { // at most one: their own
		if p.TeamID == "" || (page.Cursor != "" && page.Cursor >= p.TeamID) {
			return nil, "", nil
		}
		t, err := s.Teams.Team(ctx, p.Org, p.TeamID)
		if domain.ErrorKind(err) == domain.KindNotFound {
			return nil, "", nil
		}
		if err != nil || !t.VisibleTo(p) {
			return nil, "", err
		}
		return []domain.Team{t}, "", nil
	}
	var found []domain.Team
	read := domain.Page{Limit: 100, Cursor: page.Cursor}
	for {
		teams, next, err := s.Teams.Teams(ctx, p.Org, read)
		if err != nil {
			return nil, "", err
		}
		for _, t := range teams {
			if !t.VisibleTo(p) {
				continue
			}
			if len(found) == page.Limit { // one more exists: the page is full
				return found, found[len(found)-1].ID, nil
			}
			found = append(found, t)
		}
		if next == "" {
			return found, "", nil
		}
		read.Cursor = next
	}
}
