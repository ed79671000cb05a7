package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// Abuse limits on social actions, per user (on top of MICROACT_USER_RATE).
var (
	kudosRate      = domain.Rate{Events: 30, Per: time.Minute}
	suggestionRate = domain.Rate{Events: 10, Per: time.Hour}
	barrierRate    = domain.Rate{Events: 20, Per: time.Hour}
)

// newActionLimiter is a per-user limiter whose burst is the rate itself: "30 a minute" lets no
// more than 30 through at once (the general per-user rate allows bursts of twice its rate).
func newActionLimiter(r domain.Rate, clock domain.Clock) *userLimiter {
	l := newUserLimiter(r, clock)
	if l != nil {
		l.burst = r.Events
	}
	return l
}

// limitAction applies an action's own rate to the caller.
func (s *Server) limitAction(p domain.Principal, action string) error {
	l := s.actionLimits[action]
	if l == nil {
		return nil
	}
	if ok, wait := l.allow(p.Org + "/" + p.UserID); !ok {
		return domain.RateLimited(wait)
	}
	return nil
}

// --- stories

func toStory(v domain.StoryView, locale string) Story {
	title, _ := v.Gesture.Localized(locale)
	name, _ := v.Value.Localized(locale)
	out := Story{
		Id: v.Story.ID, Text: v.Story.Text, Kudos: v.Kudos, KudoedByMe: v.KudoedByMe, Spotlight: v.Spotlight, CreatedAt: instant(v.Story.CreatedAt),
		CustomerQuote: toQuote(v.Quote),
		Author:        StoryAuthor{Id: v.Story.AuthorID, Name: v.AuthorName}, AuthorRole: shownRole(v.AuthorRole),
		Gesture: GestureRef{Id: v.Story.GestureID, Title: title},
		Value:   ValueRef{Id: v.Story.ValueID, Name: name},
	}
	if v.Story.TeamID != "" {
		out.Author.Team = &TeamRef{Id: v.Story.TeamID, Name: v.TeamName}
	}
	if v.Story.Reaction != "" {
		r := Reaction(v.Story.Reaction)
		out.Reaction = &r
	}
	return out
}

// shownRole is the role a story or board row carries: lead, or none (null) for anyone else.
func shownRole(r domain.Role) *ShownRole {
	if r != domain.RoleLead {
		return nil
	}
	lead := ShownRoleLead
	return &lead
}

// ListStories answers the team's or the org's feed, newest first.
func (s *Server) ListStories(c echo.Context, params ListStoriesParams) error {
	ctx, p := c.Request().Context(), principal(c)
	page, err := pageOf(params.Limit, params.Cursor)
	if err != nil {
		return err
	}
	team := p.TeamID
	if params.Scope != nil && *params.Scope == ListStoriesParamsScopeOrg {
		team = ""
	} else if team == "" {
		return c.JSON(http.StatusOK, StoryList{Items: []Story{}})
	}
	fp, err := s.Social.Feed(ctx, p.Org, team, p.UserID, page)
	if err != nil {
		return err
	}
	locale := fp.ViewerLocale
	if locale == "" {
		locale = "en"
	}
	out := StoryList{Items: make([]Story, len(fp.Views)), NextCursor: nextCursor(fp.Next)}
	for i, v := range fp.Views {
		out.Items[i] = toStory(v, locale)
	}
	return c.JSON(http.StatusOK, out)
}

// GetStory answers one story as the feeds show it (everyone in the org may read it).
func (s *Server) GetStory(c echo.Context, storyID StoryId) error {
	ctx, p := c.Request().Context(), principal(c)
	v, err := s.Social.StoryView(ctx, p.Org, storyID, p.UserID)
	if err != nil {
		return err
	}
	// what the story refers to may have been deleted by hand since: show what is left
	tolerate := func(err error) error {
		if err != nil && domain.ErrorKind(err) != domain.KindNotFound {
			return err
		}
		return nil
	}
	author, err := s.Users.User(ctx, p.Org, v.Story.AuthorID)
	if err := tolerate(err); err != nil {
		return err
	}
	v.AuthorName = author.Name
	if author.Role == domain.RoleLead {
		v.AuthorRole = domain.RoleLead
	}
	if v.Story.TeamID != "" {
		t, err := s.Teams.Team(ctx, p.Org, v.Story.TeamID)
		if err := tolerate(err); err != nil {
			return err
		}
		v.TeamName = t.Name
	}
	if v.Gesture, err = s.Catalog.Gesture(ctx, p.Org, v.Story.GestureID); tolerate(err) != nil {
		return err
	}
	if v.Value, err = s.Catalog.Value(ctx, p.Org, v.Story.ValueID); tolerate(err) != nil {
		return err
	}
	return c.JSON(http.StatusOK, toStory(v, s.locale(ctx, p)))
}

// locale is the caller's locale (English if it cannot be read).
func (s *Server) locale(ctx context.Context, p domain.Principal) string {
	u, err := s.Users.User(ctx, p.Org, p.UserID)
	if err != nil || u.Locale == "" {
		return "en"
	}
	return u.Locale
}

func (s *Server) kudos(c echo.Context, storyID string, delta int) error {
	ctx, p := c.Request().Context(), principal(c)
	if err := s.limitAction(p, "kudos"); err != nil {
		return err
	}
	org, err := s.orgs.get(ctx, p.Org)
	if err != nil {
		return err
	}
	giver, err := s.Users.User(ctx, p.Org, p.UserID)
	if err != nil {
		return err
	}
	dc := s.dayContext(p, org)
	draft := domain.DraftEach(domain.KindKudos, "microact://stories/"+storyID, func(string) []any { return []any{giver.Name} })
	draft.Collapse, draft.Data = "kudos:"+storyID, map[string]string{"story_id": storyID}
	err = s.Social.Kudos(ctx, p.Org, storyID, p.UserID, delta, domain.KudosContext{
		Points: org.org.Points.Kudos, Week: dc.Week, Month: dc.Month, Notice: domain.Notice{Draft: draft, Now: dc.Now},
	})
	if err != nil {
		return err
	}
	s.forgetTeamsBoards(p.Org)
	return c.NoContent(http.StatusNoContent)
}

// GiveKudos gives the caller's kudos to a colleague's story.
func (s *Server) GiveKudos(c echo.Context, storyID StoryId) error { return s.kudos(c, storyID, 1) }

// RevokeKudos takes the caller's kudos back.
func (s *Server) RevokeKudos(c echo.Context, storyID StoryId) error { return s.kudos(c, storyID, -1) }

// SpotlightStory puts a story in the spotlight (the author's lead or an admin).
func (s *Server) SpotlightStory(c echo.Context, storyID StoryId) error {
	ctx, p := c.Request().Context(), principal(c)
	caller, err := s.Users.User(ctx, p.Org, p.UserID)
	if err != nil {
		return err
	}
	draft := domain.DraftEach(domain.KindSpotlight, "microact://stories/"+storyID, func(string) []any { return []any{caller.Name} })
	draft.By = caller.ID
	draft.Data = map[string]string{"story_id": storyID}
	if err := s.Social.Spotlight(ctx, p.Org, storyID, p, domain.Notice{Draft: draft, Now: s.now()}); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// DeleteStory hides a story from every feed (its author, their lead, an admin).
func (s *Server) DeleteStory(c echo.Context, storyID StoryId) error {
	ctx, p := c.Request().Context(), principal(c)
	st, deleted, err := s.Social.Story(ctx, p.Org, storyID)
	if err != nil {
		return err
	}
	if st.AuthorID != p.UserID && p.Role != domain.RoleAdmin {
		if err := s.requireLeadOf(ctx, p, st.TeamID, "Only the author, their lead or an admin may delete a story."); err != nil {
			return err
		}
	}
	if !deleted {
		if err := s.Social.DeleteStory(ctx, p.Org, st); err != nil {
			return err
		}
	}
	return c.NoContent(http.StatusNoContent)
}

// requireLeadOf refuses a caller who does not lead team.
func (s *Server) requireLeadOf(ctx context.Context, p domain.Principal, teamID, msg string) error {
	if teamID != "" {
		t, err := s.Teams.Team(ctx, p.Org, teamID)
		if err != nil && domain.ErrorKind(err) != domain.KindNotFound {
			return err
		}
		if err == nil && t.Leads(p.UserID) {
			return nil
		}
	}
	return domain.Forbidden(msg)
}

// --- barriers

func (s *Server) toBarrier(ctx context.Context, org string, b domain.Barrier, names map[string]string) (Barrier, error) {
	out := Barrier{Id: b.ID, Category: b.Category, Text: b.Text, Status: BarrierStatus(b.Status), Note: b.Note,
		CreatedAt: instant(b.CreatedAt), UpdatedAt: instant(b.UpdatedAt), Reporter: UserRef{Id: b.ReporterID},
		Escalated: b.EscalatedAt != nil, MergedInto: optional(b.MergedInto)}
	if b.EscalatedAt != nil {
		at := instant(*b.EscalatedAt)
		out.EscalatedAt = &at
	}
	for _, id := range []string{b.ReporterID, "team:" + b.TeamID} {
		if _, ok := names[id]; ok || id == "team:" {
			continue
		}
		if team, ok := cutPrefix(id, "team:"); ok {
			t, err := s.Teams.Team(ctx, org, team)
			if err != nil && domain.ErrorKind(err) != domain.KindNotFound {
				return out, err
			}
			names[id] = t.Name
			continue
		}
		u, err := s.Users.User(ctx, org, id)
		if err != nil && domain.ErrorKind(err) != domain.KindNotFound {
			return out, err
		}
		names[id] = u.Name
	}
	out.Reporter.Name = names[b.ReporterID]
	if b.TeamID != "" {
		out.Team = &TeamRef{Id: b.TeamID, Name: names["team:"+b.TeamID]}
	}
	return out, nil
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return s, false
}

// ReportBarrier records what stands in the caller's way.
func (s *Server) ReportBarrier(c echo.Context, _ ReportBarrierParams) error {
	ctx, p := c.Request().Context(), principal(c)
	var req BarrierReport
	if err := bind(c, &req); err != nil {
		return err
	}
	if err := s.limitAction(p, "barrier"); err != nil {
		return err
	}
	org, err := s.orgs.get(ctx, p.Org)
	if err != nil {
		return err
	}
	text, err := domain.CleanText("text", req.Text, 1000)
	if err != nil {
		return err
	}
	if !contains(org.org.BarrierCategories, req.Category) {
		return domain.InvalidField("category", "not one of the org's barrier categories")
	}
	now := s.now()
	b := domain.Barrier{ID: domain.NewID(now), ReporterID: p.UserID, TeamID: p.TeamID, Category: req.Category, Text: text,
		Status: domain.BarrierOpen, CreatedAt: now, UpdatedAt: now}
	out, err := s.toBarrier(ctx, p.Org, b, map[string]string{})
	if err != nil {
		return err
	}
	return respondAfter(c, http.StatusCreated, out, func(ctx context.Context) error {
		if err := s.Social.CreateBarrier(ctx, p.Org, b); err != nil {
			return err
		}
		s.tellLeads(ctx, p.Org, b.ID, b.TeamID, b.ReporterID, out.Reporter.Name)
		return nil
	})
}

// tellLeads notifies the leads of team (the reporter aside) of a barrier reported in it, once per
// barrier and lead however often it is called: a retried report or outcome tells no one twice.
// The barrier is stored already; a notification that fails is logged, not answered as the
// report's failure.
func (s *Server) tellLeads(ctx context.Context, org, barrierID, teamID, reporterID, reporterName string) {
	if teamID == "" {
		return
	}
	t, err := s.Teams.Team(ctx, org, teamID)
	if err != nil {
		if domain.ErrorKind(err) != domain.KindNotFound {
			s.Log.Warn("barrier: reading the team's leads", "org", org, "barrier", barrierID, "err", err)
		}
		return
	}
	draft := domain.BarrierReportedDraft(barrierID, reporterName)
	draft.By = reporterID
	for _, lead := range t.LeadIDs {
		if lead == reporterID {
			continue
		}
		d := draft
		d.Once = domain.KindBarrierReported + ":" + barrierID + ":" + lead
		_, err := s.Notifications.Notify(ctx, org, lead, d, s.now())
		if domain.ErrorKind(err) == domain.KindNotFound {
			return // the reporter is gone (erased meanwhile): nobody is told of them
		}
		if err != nil {
			s.Log.Warn("barrier: telling a lead", "org", org, "barrier", barrierID, "lead", lead, "err", err)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ListBarriers lists barriers: employees their own, leads their teams' and their own (a lead
// may report from a team they do not lead, or from none), admins all.
func (s *Server) ListBarriers(c echo.Context, params ListBarriersParams) error {
	ctx, p := c.Request().Context(), principal(c)
	page, err := pageOf(params.Limit, params.Cursor)
	if err != nil {
		return err
	}
	var indexes []barrierIndex
	switch {
	case params.TeamId != nil:
		if p.Role != domain.RoleAdmin {
			if err := s.requireLeadOf(ctx, p, *params.TeamId, "Only the team's leads and admins may see its barriers."); err != nil {
				return err
			}
		} else if _, err := s.Teams.Team(ctx, p.Org, *params.TeamId); err != nil {
			return err
		}
		indexes = []barrierIndex{{team: *params.TeamId}}
	case p.Role == domain.RoleAdmin:
		indexes = []barrierIndex{{}}
	case p.Role == domain.RoleLead:
		led, err := s.ledTeams(ctx, p)
		if err != nil {
			return err
		}
		for _, t := range led {
			indexes = append(indexes, barrierIndex{team: t})
		}
		indexes = append(indexes, barrierIndex{reporter: p.UserID})
	default:
		indexes = []barrierIndex{{reporter: p.UserID}}
	}
	var want string
	if params.Status != nil {
		want = string(*params.Status)
	}
	items, next, err := s.collectBarriers(ctx, p.Org, indexes, want, page)
	if err != nil {
		return err
	}
	names := map[string]string{}
	out := BarrierList{Items: make([]Barrier, 0, len(items)), NextCursor: nextCursor(next)}
	ids := make([]string, len(items))
	for i, b := range items {
		v, err := s.toBarrier(ctx, p.Org, b, names)
		if err != nil {
			return err
		}
		out.Items = append(out.Items, v)
		ids[i] = b.ID
	}
	support, err := s.Social.BarrierSupport(ctx, p.Org, p.UserID, ids)
	if err != nil {
		return err
	}
	ptrs := make([]*Barrier, len(out.Items))
	for i := range out.Items {
		ptrs[i] = &out.Items[i]
	}
	withSupport(ptrs, support)
	return c.JSON(http.StatusOK, out)
}

// barrierIndex is one list of barriers: a reporter's, else a team's, else (both empty) the org's.
type barrierIndex struct{ team, reporter string }

// collectBarriers merges the barriers of several indexes newest first (a barrier in two of them
// once) and filters by status, reading until a page is full.
func (s *Server) collectBarriers(ctx context.Context, org string, indexes []barrierIndex, status string, page domain.Page) ([]domain.Barrier, string, error) {
	var all []domain.Barrier
	seen := map[string]bool{}
	for _, ix := range indexes {
		cursor, found := page.Cursor, 0
		for {
			batch, next, err := s.Social.Barriers(ctx, org, ix.team, ix.reporter, domain.Page{Cursor: cursor, Limit: 100})
			if err != nil {
				return nil, "", err
			}
			for _, b := range batch {
				// a merged barrier stays in its reporter's list for their export only
				if (status == "" || b.Status == status) && !seen[b.ID] && b.MergedInto == "" {
					seen[b.ID] = true
					all = append(all, b)
					found++
				}
			}
			// every team may hold the whole page, whatever the other teams gave
			if next == "" || found > page.Limit {
				break
			}
			cursor = next
		}
	}
	sortNewest(all)
	next := ""
	if len(all) > page.Limit {
		all, next = all[:page.Limit], all[page.Limit-1].ID
	}
	return all, next, nil
}

func sortNewest(bs []domain.Barrier) {
	for i := 1; i < len(bs); i++ {
		for j := i; j > 0 && bs[j].ID > bs[j-1].ID; j-- {
			bs[j], bs[j-1] = bs[j-1], bs[j]
		}
	}
}

// ledTeams lists the teams the caller leads.
func (s *Server) ledTeams(ctx context.Context, p domain.Principal) ([]string, error) {
	var led []string
	page := domain.Page{Limit: 100}
	for {
		teams, next, err := s.Teams.Teams(ctx, p.Org, page)
		if err != nil {
			return nil, err
		}
		for _, t := range teams {
			if t.Leads(p.UserID) {
				led = append(led, t.ID)
			}
		}
		if next == "" {
			return led, nil
		}
		page.Cursor = next
	}
}

// GetBarrier answers one barrier to those who see it in the lists: its reporter, a lead of its
// team, an admin.
func (s *Server) GetBarrier(c echo.Context, barrierID BarrierId) error {
	ctx, p := c.Request().Context(), principal(c)
	b, err := s.liveBarrier(ctx, p.Org, barrierID)
	if err != nil {
		return err
	}
	support, err := s.Social.BarrierSupport(ctx, p.Org, p.UserID, []string{b.ID})
	if err != nil {
		return err
	}
	if p.Role != domain.RoleAdmin && b.ReporterID != p.UserID && !support[b.ID].Joined {
		if err := s.requireLeadOf(ctx, p, b.TeamID, "Only the reporter, those who said me too, a lead of the barrier's team and admins see this barrier."); err != nil {
			return err
		}
	}
	out, err := s.toBarrier(ctx, p.Org, b, map[string]string{})
	if err != nil {
		return err
	}
	withSupport([]*Barrier{&out}, support)
	return c.JSON(http.StatusOK, out)
}

// liveBarrier reads a barrier that was not merged into another: a merged one is 404
// barrier_merged, naming where it went.
func (s *Server) liveBarrier(ctx context.Context, org, id string) (domain.Barrier, error) {
	b, err := s.Social.Barrier(ctx, org, id)
	if err == nil && b.MergedInto != "" {
		return b, domain.MergedError(b)
	}
	return b, err
}

// MergeBarrier merges a duplicate barrier into another of its team (a lead of the team or an
// admin): its reporter and "me too" colleagues join the barrier kept.
func (s *Server) MergeBarrier(c echo.Context, barrierID BarrierId) error {
	ctx, p := c.Request().Context(), principal(c)
	var req BarrierMerge
	if err := bind(c, &req); err != nil {
		return err
	}
	dup, err := s.liveBarrier(ctx, p.Org, barrierID)
	if err != nil {
		return err
	}
	if p.Role != domain.RoleAdmin {
		if err := s.requireLeadOf(ctx, p, dup.TeamID, "Only a lead of the barrier's team or an admin may merge it."); err != nil {
			return err
		}
	}
	into, err := s.Social.Barrier(ctx, p.Org, req.Into)
	if domain.ErrorKind(err) == domain.KindNotFound {
		return domain.InvalidField("into", "no barrier with this id")
	}
	if err != nil {
		return err
	}
	if err := domain.CheckMerge(dup, into); err != nil {
		return err
	}
	if err := s.Social.MergeBarrier(ctx, p.Org, dup, into, s.now()); err != nil {
		return err
	}
	support, err := s.Social.BarrierSupport(ctx, p.Org, p.UserID, []string{into.ID})
	if err != nil {
		return err
	}
	out, err := s.toBarrier(ctx, p.Org, into, map[string]string{})
	if err != nil {
		return err
	}
	withSupport([]*Barrier{&out}, support)
	return c.JSON(http.StatusOK, out)
}

// withSupport sets the "me too" fields of barriers from support.
func withSupport(barriers []*Barrier, support map[string]domain.BarrierSupport) {
	for _, b := range barriers {
		b.MeTooCount, b.MeTooByMe = support[b.Id].MeToo, support[b.Id].Joined
	}
}

// MeTooBarrier adds the caller to a barrier they met too (idempotent).
func (s *Server) MeTooBarrier(c echo.Context, barrierID BarrierId) error {
	ctx, p := c.Request().Context(), principal(c)
	if err := s.limitAction(p, "barrier"); err != nil {
		return err
	}
	b, err := s.liveBarrier(ctx, p.Org, barrierID)
	if err != nil {
		return err
	}
	if err := s.Social.MeToo(ctx, p.Org, b.ID, p.UserID); err != nil { // who may: domain.JoinBarrier
		return err
	}
	support, err := s.Social.BarrierSupport(ctx, p.Org, p.UserID, []string{b.ID})
	if err != nil {
		return err
	}
	out, err := s.toBarrier(ctx, p.Org, b, map[string]string{})
	if err != nil {
		return err
	}
	withSupport([]*Barrier{&out}, support)
	return c.JSON(http.StatusOK, out)
}

// UpdateBarrier acknowledges or resolves a barrier (the reporter's lead or an admin).
func (s *Server) UpdateBarrier(c echo.Context, barrierID BarrierId) error {
	ctx, p := c.Request().Context(), principal(c)
	var req BarrierUpdate
	if err := bind(c, &req); err != nil {
		return err
	}
	before, err := s.liveBarrier(ctx, p.Org, barrierID)
	if err != nil {
		return err
	}
	if p.Role != domain.RoleAdmin {
		if err := s.requireLeadOf(ctx, p, before.TeamID, "Only the lead of the reporter's team or an admin may update a barrier."); err != nil {
			return err
		}
	}
	after, err := domain.MoveBarrier(before, string(req.Status), s.now())
	if err != nil {
		return err
	}
	if req.Note != nil {
		note, err := domain.CleanOptionalText("note", *req.Note, 1000)
		if err != nil {
			return err
		}
		after.Note = note
	}
	draft := domain.BarrierUpdateDraft(before.ID, after.Status, before.Text, after.Note)
	if err := s.Social.UpdateBarrier(ctx, p.Org, before, after, domain.Notice{Draft: draft, Now: s.now()}); err != nil {
		return err
	}
	out, err := s.toBarrier(ctx, p.Org, after, map[string]string{})
	if err != nil {
		return err
	}
	support, err := s.Social.BarrierSupport(ctx, p.Org, p.UserID, []string{after.ID})
	if err != nil {
		return err
	}
	withSupport([]*Barrier{&out}, support)
	return c.JSON(http.StatusOK, out)
}

func truncate(s string, n int) string { return domain.Truncate(s, n) }

// --- suggestions

func (s *Server) toSuggestion(ctx context.Context, sg domain.Suggestion, locale string) (Suggestion, error) {
	out := Suggestion{Id: sg.ID, Title: sg.Title, HowTo: sg.HowTo, Status: SuggestionStatus(sg.Status), Note: sg.Note,
		CreatedAt: instant(sg.CreatedAt), Author: UserRef{Id: sg.AuthorID}, Value: ValueRef{Id: sg.ValueID}, GestureId: optional(sg.GestureID)}
	u, err := s.Users.User(ctx, sg.Org, sg.AuthorID)
	if err != nil && domain.ErrorKind(err) != domain.KindNotFound {
		return out, err
	}
	out.Author.Name = u.Name
	v, err := s.Catalog.Value(ctx, sg.Org, sg.ValueID)
	if err != nil && domain.ErrorKind(err) != domain.KindNotFound {
		return out, err
	}
	out.Value.Name, _ = v.Localized(locale)
	return out, nil
}

// CreateSuggestion proposes a gesture.
func (s *Server) CreateSuggestion(c echo.Context, _ CreateSuggestionParams) error {
	ctx, p := c.Request().Context(), principal(c)
	var req SuggestionCreate
	if err := bind(c, &req); err != nil {
		return err
	}
	if err := s.limitAction(p, "suggestion"); err != nil {
		return err
	}
	now := s.now()
	g := domain.Gesture{}
	if err := g.Apply(domain.GestureInput{Title: &req.Title, HowTo: &req.HowTo, ValueID: &req.ValueId}); err != nil {
		return err
	}
	if err := s.activeValue(ctx, p.Org, req.ValueId); err != nil {
		return err
	}
	sg := domain.Suggestion{ID: domain.NewID(now), Org: p.Org, AuthorID: p.UserID, TeamID: p.TeamID, Title: g.Title, HowTo: g.HowTo,
		ValueID: req.ValueId, Status: domain.SuggestionPending, CreatedAt: now}
	out, err := s.toSuggestion(ctx, sg, s.locale(ctx, p))
	if err != nil {
		return err
	}
	return respondAfter(c, http.StatusCreated, out, func(ctx context.Context) error { return s.Social.CreateSuggestion(ctx, sg) })
}

// ListSuggestions lists suggestions for review: a lead's teams', or all for an admin; to an
// employee, their own and what became of them.
func (s *Server) ListSuggestions(c echo.Context, params ListSuggestionsParams) error {
	ctx, p := c.Request().Context(), principal(c)
	page, err := pageOf(params.Limit, params.Cursor)
	if err != nil {
		return err
	}
	status, author := domain.SuggestionPending, ""
	if p.Role == domain.RoleEmployee {
		status, author = "", p.UserID // all of them unless asked for one status
	}
	if params.Status != nil {
		status = string(*params.Status)
	}
	var led map[string]bool
	if p.Role == domain.RoleLead {
		teams, err := s.ledTeams(ctx, p)
		if err != nil {
			return err
		}
		led = map[string]bool{}
		for _, t := range teams {
			led[t] = true
		}
	}
	var items []domain.Suggestion
	cursor, next := page.Cursor, ""
	for len(items) <= page.Limit {
		batch, more, err := s.Social.Suggestions(ctx, p.Org, author, domain.Page{Cursor: cursor, Limit: 100})
		if err != nil {
			return err
		}
		for _, sg := range batch {
			if (status == "" || sg.Status == status) && (led == nil || led[sg.TeamID]) {
				items = append(items, sg)
			}
		}
		if more == "" {
			break
		}
		cursor = more
	}
	if len(items) > page.Limit {
		items, next = items[:page.Limit], items[page.Limit-1].ID
	}
	locale := s.locale(ctx, p)
	out := SuggestionList{Items: make([]Suggestion, 0, len(items)), NextCursor: nextCursor(next)}
	for _, sg := range items {
		v, err := s.toSuggestion(ctx, sg, locale)
		if err != nil {
			return err
		}
		out.Items = append(out.Items, v)
	}
	return c.JSON(http.StatusOK, out)
}

// ApproveSuggestion turns a suggestion into a gesture: org-wide when an admin approves, for the
// author's team when their lead does.
func (s *Server) ApproveSuggestion(c echo.Context, suggestionID SuggestionId, _ ApproveSuggestionParams) error {
	return s.review(c, suggestionID, domain.SuggestionApproved)
}

// RejectSuggestion declines a suggestion, with a note for the author.
func (s *Server) RejectSuggestion(c echo.Context, suggestionID SuggestionId, _ RejectSuggestionParams) error {
	return s.review(c, suggestionID, domain.SuggestionRejected)
}

// errOwnSuggestion: nobody reviews their own suggestion, admins included. Another lead of the
// author's team or an admin does (an admin can also add the gesture to the catalogue directly).
var errOwnSuggestion = &domain.Error{Kind: domain.KindForbidden, Code: "own_suggestion", Message: "You cannot review your own suggestion; another lead of your team or an admin reviews it."}

func (s *Server) review(c echo.Context, suggestionID, status string) error {
	ctx, p := c.Request().Context(), principal(c)
	var req SuggestionReview
	if c.Request().ContentLength != 0 {
		if err := bind(c, &req); err != nil {
			return err
		}
	}
	before, err := s.Social.Suggestion(ctx, p.Org, suggestionID)
	if err != nil {
		return err
	}
	if p.Role != domain.RoleAdmin {
		if err := s.requireLeadOf(ctx, p, before.TeamID, "Only the lead of the author's team or an admin may review this suggestion."); err != nil {
			return err
		}
	}
	if before.AuthorID == p.UserID {
		return errOwnSuggestion
	}
	if before.Status != domain.SuggestionPending {
		return domain.Conflict("already_reviewed", "This suggestion was reviewed already.")
	}
	after := before
	after.Status, after.ReviewerID = status, p.UserID
	if req.Note != nil {
		note, err := domain.CleanOptionalText("note", *req.Note, 1000)
		if err != nil {
			return err
		}
		after.Note = note
	}
	var gesture *domain.Gesture
	if status == domain.SuggestionApproved {
		now := s.now()
		org, err := s.orgs.get(ctx, p.Org)
		if err != nil {
			return err
		}
		g := domain.Gesture{Org: p.Org, Title: before.Title, HowTo: before.HowTo, ValueID: before.ValueID,
			// the org's points for a done gesture, within a gesture's range
			Points: min(max(org.org.Points.Done, 1), 100),
			Active: true, Source: domain.SourceSuggestion, CreatedAt: now, Roles: []domain.Role{}, TeamIDs: []string{}}
		if p.Role != domain.RoleAdmin && before.TeamID != "" {
			g.TeamIDs = []string{before.TeamID}
		}
		if err := s.activeValue(ctx, p.Org, g.ValueID); err != nil {
			return err
		}
		if g.ID, err = s.Catalog.NewCatalogID(ctx); err != nil {
			return err
		}
		gesture, after.GestureID = &g, g.ID
	}
	draft := domain.DraftEach(domain.KindSuggestionReviewed, "microact://suggestions/"+before.ID, func(locale string) []any {
		return []any{truncate(before.Title, 60), domain.StatusWords[locale][status]}
	})
	draft.Data = map[string]string{"suggestion_id": before.ID, "status": status}
	// the answer is rendered before the review is stored (see respondAfter), with its gesture's id
	out, err := s.toSuggestion(ctx, after, s.locale(ctx, p))
	if err != nil {
		return err
	}
	return respondAfter(c, http.StatusOK, out, func(ctx context.Context) error {
		return s.Social.ReviewSuggestion(ctx, before, after, gesture, domain.Notice{Draft: draft, Now: s.now()})
	})
}
