package handlers

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// displayPath is the one route a display token opens (see authenticate).
const displayPath = "/v1/display"

// displayKey holds, in the request's echo context, the display whose token authenticate checked.
const displayKey = "microact.display"

// isDisplayRoute tells the screen's read, which takes a display token instead of an access token.
func isDisplayRoute(c echo.Context) bool { return c.Path() == displayPath }

var (
	errNoDisplay  = domain.Unauthorized("unauthorized", "The display link is unknown or was revoked; ask a lead or an admin for a new one.")
	errNotAllowed = domain.Forbidden("Only a team's leads and admins may manage its display links, and only admins the org's.")
)

// displayStories is how many of the latest stories a screen shows.
const displayStories = 10

// CreateDisplay makes a display link for a team or the org.
func (s *Server) CreateDisplay(c echo.Context, _ CreateDisplayParams) error {
	ctx, p := c.Request().Context(), principal(c)
	if p.Role != domain.RoleAdmin && p.Role != domain.RoleLead {
		return errNotAllowed
	}
	var req DisplayCreate
	if err := bind(c, &req); err != nil {
		return err
	}
	var team *domain.Team
	if req.TeamId != nil {
		t, err := s.Teams.Team(ctx, p.Org, *req.TeamId)
		if domain.ErrorKind(err) == domain.KindNotFound {
			return domain.InvalidField("team_id", "must be a team of your org")
		}
		if err != nil {
			return err
		}
		team = &t
	}
	if !domain.CanManageDisplay(p, team) {
		return errNotAllowed
	}
	existing, err := s.Displays.Displays(ctx, p.Org)
	if err != nil {
		return err
	}
	if len(existing) >= domain.MaxDisplays {
		return domain.Conflict("conflict", "The org has 50 display links; revoke one first.")
	}
	creator, err := s.Users.User(ctx, p.Org, p.UserID)
	if err != nil {
		return err
	}
	token := domain.NewDisplayToken(p.Org)
	_, hash, _ := domain.ParseDisplayToken(token)
	now := s.now()
	d := domain.Display{ID: domain.NewID(now), Org: p.Org, TokenHash: hash, CreatedBy: p.UserID, CreatedAt: now}
	out := DisplayCreated{Id: d.ID, CreatedAt: instant(now), CreatedBy: UserRef{Id: creator.ID, Name: creator.Name},
		Url: c.Scheme() + "://" + c.Request().Host + "/tv/#" + token}
	if team != nil {
		d.TeamID = team.ID
		out.Team = &TeamRef{Id: team.ID, Name: team.Name}
	}
	return respondAfter(c, http.StatusCreated, out, func(ctx context.Context) error {
		return s.Displays.CreateDisplay(ctx, d)
	})
}

// managedDisplays are the org's displays p may manage, with their teams (nil for the org's).
func (s *Server) managedDisplays(ctx context.Context, p domain.Principal) ([]domain.Display, map[string]*domain.Team, error) {
	all, err := s.Displays.Displays(ctx, p.Org)
	if err != nil {
		return nil, nil, err
	}
	teams := map[string]*domain.Team{}
	var out []domain.Display
	for _, d := range all {
		if d.TeamID != "" && teams[d.TeamID] == nil {
			t, err := s.Teams.Team(ctx, p.Org, d.TeamID)
			if domain.ErrorKind(err) == domain.KindNotFound { // a deleted team's display: only an admin sees it, to revoke it
				t, err = domain.Team{ID: d.TeamID, Org: p.Org}, nil
			}
			if err != nil {
				return nil, nil, err
			}
			teams[d.TeamID] = &t
		}
		if domain.CanManageDisplay(p, teams[d.TeamID]) {
			out = append(out, d)
		}
	}
	return out, teams, nil
}

// ListDisplays lists the display links the caller may manage.
func (s *Server) ListDisplays(c echo.Context) error {
	ctx, p := c.Request().Context(), principal(c)
	if p.Role != domain.RoleAdmin && p.Role != domain.RoleLead {
		return errNotAllowed
	}
	displays, teams, err := s.managedDisplays(ctx, p)
	if err != nil {
		return err
	}
	var creatorIDs []string
	for _, d := range displays {
		creatorIDs = append(creatorIDs, d.CreatedBy)
	}
	creators, err := s.Users.UsersByID(ctx, p.Org, creatorIDs)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, u := range creators {
		names[u.ID] = u.Name
	}
	out := DisplayList{Items: make([]Display, len(displays))}
	for i, d := range displays {
		item := Display{Id: d.ID, CreatedAt: instant(d.CreatedAt), CreatedBy: UserRef{Id: d.CreatedBy, Name: names[d.CreatedBy]}}
		if t := teams[d.TeamID]; t != nil {
			item.Team = &TeamRef{Id: t.ID, Name: t.Name}
		}
		out.Items[i] = item
	}
	return c.JSON(http.StatusOK, out)
}

// DeleteDisplay revokes a display link the caller may manage.
func (s *Server) DeleteDisplay(c echo.Context, displayID DisplayId) error {
	ctx, p := c.Request().Context(), principal(c)
	if p.Role != domain.RoleAdmin && p.Role != domain.RoleLead {
		return errNotAllowed
	}
	displays, _, err := s.managedDisplays(ctx, p)
	if err != nil {
		return err
	}
	for _, d := range displays {
		if d.ID == displayID {
			if err := s.Displays.DeleteDisplay(ctx, p.Org, d.ID); err != nil {
				return err
			}
			return c.NoContent(http.StatusNoContent)
		}
	}
	return domain.NotFound("display")
}

// display finds the display whose token the request carries.
func (s *Server) display(c echo.Context) (domain.Display, error) {
	scheme, token, ok := strings.Cut(c.Request().Header.Get(echo.HeaderAuthorization), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return domain.Display{}, errNoToken
	}
	org, hash, ok := domain.ParseDisplayToken(token)
	if !ok {
		return domain.Display{}, errNoDisplay
	}
	d, err := s.Displays.DisplayByToken(c.Request().Context(), org, hash)
	if domain.ErrorKind(err) == domain.KindNotFound {
		return domain.Display{}, errNoDisplay
	}
	return d, err
}

// GetDisplay answers what a break-room screen shows, or 304 when it shows it already.
func (s *Server) GetDisplay(c echo.Context, params GetDisplayParams) error {
	ctx := c.Request().Context()
	d, ok := c.Get(displayKey).(domain.Display)
	if !ok { // authenticate puts it there for this route
		return errNoDisplay
	}
	if s.userLimits != nil {
		if ok, wait := s.userLimits.allow(d.Org + "/display:" + d.ID); !ok {
			return domain.RateLimited(wait)
		}
	}
	out, err := s.screen(ctx, d)
	if err != nil {
		return err
	}
	body, err := json.Marshal(out)
	if err != nil {
		return domain.Internal("encode screen", err)
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	c.Response().Header().Set("ETag", etag)
	if params.IfNoneMatch != nil && etagMatches(*params.IfNoneMatch, etag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.JSONBlob(http.StatusOK, body)
}

// etagMatches reads an If-None-Match header: a list of tags, weak ones compared weakly, or "*".
func etagMatches(header, etag string) bool {
	for _, tag := range strings.Split(header, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == etag || tag == "*" {
			return true
		}
	}
	return false
}

// screen gathers what display d shows: the week's board, the latest stories, the spotlight and
// the running challenge, through the same reads the app's own routes make.
func (s *Server) screen(ctx context.Context, d domain.Display) (DisplayScreen, error) {
	org, err := s.orgs.get(ctx, d.Org)
	if err != nil {
		return DisplayScreen{}, err
	}
	period := s.period(org, "week")
	out := DisplayScreen{OrgName: org.org.Name, Period: toBoardPeriod(period), Board: []DisplayRanking{}, Stories: []DisplayStory{}}
	if d.TeamID != "" {
		team, err := s.Teams.Team(ctx, d.Org, d.TeamID)
		if domain.ErrorKind(err) == domain.KindNotFound {
			return DisplayScreen{}, errNoDisplay // the team is gone, and its screen with it
		}
		if err != nil {
			return DisplayScreen{}, err
		}
		out.Team, out.BoardKind = &TeamRef{Id: team.ID, Name: team.Name}, DisplayScreenBoardKindMembers
		// Read as a member without a user would: the team's board, nobody's place in it.
		board, err := s.teamBoard(ctx, d.TeamID, period.Key, domain.BoardRead{Caller: domain.Principal{Org: d.Org, TeamID: d.TeamID}, Limit: 10})
		if err != nil {
			return DisplayScreen{}, err
		}
		for _, e := range board.Entries {
			r := DisplayRanking{Rank: e.Rank, Points: e.Points}
			if e.Visible {
				name := e.Name
				r.Name, r.Role = &name, shownRole(e.Role)
			}
			out.Board = append(out.Board, r)
		}
	} else {
		out.BoardKind = DisplayScreenBoardKindTeams
		standings, err := s.teamsBoard(ctx, d.Org, period.Key)
		if err != nil {
			return DisplayScreen{}, err
		}
		for _, t := range standings[:min(len(standings), 10)] {
			name, score := t.Name, float32(domain.ShownScore(t.Score))
			out.Board = append(out.Board, DisplayRanking{Rank: t.Rank, Name: &name, Points: t.Points, Score: &score})
		}
	}
	fp, err := s.Social.Feed(ctx, d.Org, d.TeamID, "", domain.Page{Limit: displayStories})
	if err != nil {
		return DisplayScreen{}, err
	}
	locale := org.org.DefaultLocale
	if locale == "" {
		locale = "en"
	}
	for _, v := range fp.Views {
		st := toDisplayStory(v, locale)
		out.Stories = append(out.Stories, st)
		if v.Spotlight && out.Spotlight == nil {
			out.Spotlight = &st
		}
	}
	today := domain.LocalDay(s.now(), org.loc)
	page := domain.Page{Limit: 100}
	for out.Challenge == nil {
		challenges, next, err := s.Catalog.Challenges(ctx, d.Org, page)
		if err != nil {
			return DisplayScreen{}, err
		}
		for _, ch := range challenges {
			if ch.ActiveOn(today, d.TeamID) {
				out.Challenge = &DisplayChallenge{Id: ch.ID, Name: ch.Name, Description: ch.Description,
					StartsOn: localDate(ch.StartsOn), EndsOn: localDate(ch.EndsOn), BonusPoints: ch.BonusPoints}
				break
			}
		}
		if next == "" {
			break
		}
		page.Cursor = next
	}
	return out, nil
}

// toDisplayStory is a story as a screen shows it: its author named only if they show on boards.
func toDisplayStory(v domain.StoryView, locale string) DisplayStory {
	title, _ := v.Gesture.Localized(locale)
	value, _ := v.Value.Localized(locale)
	out := DisplayStory{Id: v.Story.ID, Text: v.Story.Text, GestureTitle: title, ValueName: value,
		Kudos: v.Kudos, Spotlight: v.Spotlight, CreatedAt: instant(v.Story.CreatedAt), CustomerQuote: toQuote(v.Quote)}
	if v.AuthorShown && v.AuthorName != "" {
		name := v.AuthorName
		out.AuthorName, out.AuthorRole = &name, shownRole(v.AuthorRole)
	}
	if v.Story.TeamID != "" && v.TeamName != "" {
		team := v.TeamName
		out.TeamName = &team
	}
	return out
}
