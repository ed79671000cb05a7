package handlers

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/microact/microact/domain"
)

// endedChallengesShown is how many days an ended challenge stays in a participant's list.
const endedChallengesShown = 30

// ListMyChallenges answers the challenges for the caller's team with the caller's progress.
func (s *Server) ListMyChallenges(c echo.Context) error {
	ctx, p := c.Request().Context(), principal(c)
	org, err := s.orgs.get(ctx, p.Org)
	if err != nil {
		return err
	}
	all, err := s.allChallenges(ctx, p.Org)
	if err != nil {
		return err
	}
	today := s.dayContext(p, org).Today
	out := MyChallengeList{Items: []MyChallenge{}}
	for _, ch := range domain.ChallengesFor(all, p.TeamID, today, endedChallengesShown) {
		mine, err := s.myChallenge(ctx, p, ch, today)
		if err != nil {
			return err
		}
		out.Items = append(out.Items, mine)
	}
	return c.JSON(http.StatusOK, out)
}

// GetMyChallenge answers one challenge for the caller's team with the caller's progress.
func (s *Server) GetMyChallenge(c echo.Context, challengeID ChallengeId) error {
	ctx, p := c.Request().Context(), principal(c)
	org, err := s.orgs.get(ctx, p.Org)
	if err != nil {
		return err
	}
	ch, err := s.Catalog.Challenge(ctx, p.Org, challengeID)
	if err != nil {
		return err
	}
	if !ch.For(p.TeamID) && p.Role != domain.RoleAdmin {
		return domain.NotFound("challenge")
	}
	mine, err := s.myChallenge(ctx, p, ch, s.dayContext(p, org).Today)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, mine)
}

// myChallenge is ch with the caller's points and place on its board.
func (s *Server) myChallenge(ctx context.Context, p domain.Principal, ch domain.Challenge, today string) (MyChallenge, error) {
	board, _, err := s.Boards.ChallengeBoard(ctx, p.Org, ch.ID, domain.BoardRead{Caller: p, Limit: 1, Around: true})
	if err != nil {
		return MyChallenge{}, err
	}
	start, _ := domain.ParseDate("starts_on", ch.StartsOn)
	end, _ := domain.ParseDate("ends_on", ch.EndsOn)
	out := MyChallenge{
		Id: ch.ID, Name: ch.Name, Description: ch.Description, StartsOn: openapi_types.Date{Time: start},
		EndsOn: openapi_types.Date{Time: end}, BonusPoints: ch.BonusPoints, State: MyChallengeState(ch.StateOn(today)),
		MyPoints: board.MyPoints,
	}
	if board.MyRank > 0 {
		out.MyRank = &board.MyRank
	}
	return out, nil
}

// allChallenges reads every challenge of the org, page by page.
func (s *Server) allChallenges(ctx context.Context, org string) ([]domain.Challenge, error) {
	var all []domain.Challenge
	page := domain.Page{Limit: 100}
	for {
		list, next, err := s.Catalog.Challenges(ctx, org, page)
		if err != nil {
			return nil, err
		}
		all = append(all, list...)
		if next == "" {
			return all, nil
		}
		page.Cursor = next
	}
}
