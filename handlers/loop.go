package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/internal/copies"
	openapi_types "github.com/oapi-codegen/runtime/types"
)

// GetToday answers the caller's assignment for their local day, made on first read. A repeat
// read answers this replica's rendered copy when the view's stamp is still the one the copy was
// read with (see copycache.go).
func (s *Server) GetToday(c echo.Context) error {
	ctx, p := c.Request().Context(), principal(c)
	org, err := s.orgs.get(ctx, p.Org)
	if err != nil {
		return err
	}
	dc := s.dayContext(p, org)
	cp, err := s.todays.Read(ctx, todayKey(p), func(ctx context.Context, cp copies.Copy[todayCopy]) (bool, error) {
		if cp.Value.day != dc.Today {
			return false, nil
		}
		stamp, err := s.Loop.TodayStamp(ctx, p.Org, p.UserID)
		return stamp == cp.Stamp, err
	}, func(ctx context.Context) (copies.Copy[todayCopy], error) {
		v, stamp, err := s.Loop.TodayStamped(ctx, p.Org, p.UserID, dc.Today, dc.Now)
		if err != nil {
			return copies.Copy[todayCopy]{}, err
		}
		body, err := json.Marshal(toAssignment(v, dc.Today))
		if err != nil {
			return copies.Copy[todayCopy]{}, domain.Internal("render today", err)
		}
		return copies.Copy[todayCopy]{Stamp: stamp, Value: todayCopy{day: dc.Today, body: body}}, nil
	})
	if err != nil {
		return err
	}
	return c.JSONBlob(http.StatusOK, cp.body)
}

func todayKey(p domain.Principal) string { return p.Org + "\x00" + p.UserID }

// keepToday keeps a, the assignment of day as a swap or outcome of the caller wrote it, as
// their answer of GET /v1/me/today when day is their today and stamp is the view's stamp after
// the write ("" when the assignment is not the view a read of today answers): the read that
// follows on this replica then reads only the stamp, as a repeat read does, instead of the
// whole state again. It answers a rendered, for the write's own answer (nil when not kept).
func (s *Server) keepToday(p domain.Principal, today, day, stamp string, a Assignment) json.RawMessage {
	if stamp == "" || day != today {
		return nil
	}
	body, err := json.Marshal(a)
	if err != nil {
		return nil // the next read renders it itself
	}
	s.todays.Put(todayKey(p), copies.Copy[todayCopy]{Stamp: stamp, Value: todayCopy{day: today, body: body}})
	return body
}

// renderedOutcome is an outcome's answer whose assignment keepToday rendered already: the
// field here is the one encoded, not OutcomeResult's, and first, where OutcomeResult has it
// (a replay, rendered whole, answers the same bytes).
type renderedOutcome struct {
	Assignment json.RawMessage `json:"assignment"`
	OutcomeResult
}

// ownAssignment resolves an assignment id of the caller; anyone else's is not found.
func ownAssignment(p domain.Principal, id string) (string, error) {
	day, userID, ok := domain.ParseAssignmentID(id)
	if !ok || userID != p.UserID {
		return "", domain.NotFound("assignment")
	}
	return day, nil
}

// SwapAssignment gives today's assignment another gesture. Its Idempotency-Key is kept by the
// swap script itself, as the outcome's is.
func (s *Server) SwapAssignment(c echo.Context, assignmentID AssignmentId, params SwapAssignmentParams) error {
	ctx, p := c.Request().Context(), principal(c)
	day, err := ownAssignment(p, assignmentID)
	if err != nil {
		return err
	}
	org, err := s.orgs.get(ctx, p.Org)
	if err != nil {
		return err
	}
	var req SwapChoice
	if c.Request().ContentLength != 0 { // the body is optional: without one the swap picks blind
		if err := bind(c, &req); err != nil {
			return err
		}
	}
	today := s.dayContext(p, org).Today
	r := domain.SwapRequest{Org: p.Org, UserID: p.UserID, Day: day, Today: today}
	if req.GestureId != nil {
		r.GestureID = *req.GestureId
	}
	if params.IdempotencyKey != nil {
		// the choice is part of what was asked: the same key with another gesture is a reused key
		r.IdempotencyKey, r.Fingerprint = *params.IdempotencyKey, domain.HashSecret("swap "+assignmentID+" "+r.GestureID)
	}
	v, stamp, replayed, err := s.Loop.Swap(ctx, r)
	if err != nil {
		return err
	}
	if replayed {
		c.Response().Header().Set("Idempotent-Replayed", "true")
	}
	out := toAssignment(v, today)
	if body := s.keepToday(p, today, day, stamp, out); body != nil {
		return c.JSON(http.StatusOK, body) // as c.JSON renders out, a replay's answer
	}
	return c.JSON(http.StatusOK, out)
}

// GetAlternatives answers the gestures a swap of today's assignment offers to choose from.
func (s *Server) GetAlternatives(c echo.Context, assignmentID AssignmentId) error {
	ctx, p := c.Request().Context(), principal(c)
	day, err := ownAssignment(p, assignmentID)
	if err != nil {
		return err
	}
	today, err := s.today(ctx, p)
	if err != nil {
		return err
	}
	v, err := s.Loop.Alternatives(ctx, p.Org, p.UserID, day, today)
	if err != nil {
		return err
	}
	out := AlternativeList{AssignmentId: assignmentID, SwapsLeft: v.SwapsLeft, Items: make([]Alternative, len(v.Items))}
	for i, a := range v.Items {
		out.Items[i] = Alternative{Gesture: toAssignedGesture(a.Gesture, a.Value, v.User.Locale), PointsIfDone: a.PointsIfDone()}
		if a.Challenge != nil {
			out.Items[i].Challenge = &ChallengeRef{Id: a.Challenge.ID, Name: a.Challenge.Name}
		}
	}
	return c.JSON(http.StatusOK, out)
}

// RecordOutcome records what happened with an assignment. Its Idempotency-Key is kept by the
// outcome script itself, so the whole call stays one Redis round trip.
func (s *Server) RecordOutcome(c echo.Context, assignmentID AssignmentId, params RecordOutcomeParams) error {
	ctx, p := c.Request().Context(), principal(c)
	day, err := ownAssignment(p, assignmentID)
	if err != nil {
		return err
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	var req Outcome
	if err := decodeJSON(body, &req); err != nil {
		return err
	}
	org, err := s.orgs.get(ctx, p.Org)
	if err != nil {
		return err
	}
	dc := s.dayContext(p, org)
	f := domain.OutcomeFields{Result: string(req.Result), OccurredAt: req.OccurredAt}
	if req.Reaction != nil {
		f.Reaction = string(*req.Reaction)
	}
	if req.Story != nil {
		f.Story = *req.Story
	}
	if req.Share != nil {
		f.Share = *req.Share
	}
	if req.Barrier != nil {
		f.HasBarrier, f.BarrierCategory, f.BarrierText = true, req.Barrier.Category, req.Barrier.Text
	}
	if req.CustomerQuoteId != nil {
		f.QuoteID = *req.CustomerQuoteId
	}
	in, invalid := domain.ValidateOutcome(f, day, dc.Today, dc.Now, dc.Location)
	// Too late for a new outcome is still in time to repeat one: a retry with its
	// Idempotency-Key gets the first answer for 24 hours.
	replayOnly := domain.ErrorCode(invalid) == "too_late" && params.IdempotencyKey != nil
	if invalid != nil && !replayOnly {
		return invalid
	}
	if invalid == nil && f.QuoteID != "" {
		// only a request that quotes reads the team's comments: the common outcome stays one
		// round trip
		if in.Quote, err = s.pickQuote(ctx, p, f.QuoteID, day); err != nil {
			return err
		}
	}
	occurred := domain.LocalDay(in.OccurredAt, dc.OrgLoc)
	r := domain.OutcomeRequest{
		Org: p.Org, UserID: p.UserID, Day: day, Input: in, Context: dc,
		OccurredWeek:  domain.WeekOf(occurred, dc.WeekStart, dc.OrgLoc),
		OccurredMonth: domain.MonthOf(occurred, dc.OrgLoc),
		WeekDays:      domain.WeekDays(day, dc.WeekStart),
		StoryID:       domain.NewID(dc.Now), BarrierID: domain.NewID(dc.Now), ReplayOnly: replayOnly,
	}
	if params.IdempotencyKey != nil {
		r.IdempotencyKey = *params.IdempotencyKey
		r.Fingerprint = domain.HashSecret(assignmentID + "\n" + string(body))
	}
	res, err := s.Loop.RecordOutcome(ctx, r)
	if replayOnly && err != nil {
		return invalid
	}
	if err != nil {
		return err
	}
	s.forgetTeamsBoards(p.Org)
	if res.BarrierID != "" {
		// a replay tells the leads too, should the first answer have been lost before they were
		s.tellLeads(ctx, p.Org, res.BarrierID, p.TeamID, p.UserID, res.View.User.Name)
	}
	if res.Replayed {
		c.Response().Header().Set("Idempotent-Replayed", "true")
	}
	out := OutcomeResult{
		Assignment: toAssignment(res.View, dc.Today), PointsAwarded: res.PointsAwarded,
		Stats: toStats(res.Stats), BadgesEarned: toBadges(res.BadgesEarned, res.View.User.Locale),
		StoryId: optional(res.StoryID), BarrierId: optional(res.BarrierID),
	}
	if body := s.keepToday(p, dc.Today, day, res.ViewStamp, out.Assignment); body != nil {
		return c.JSON(http.StatusCreated, renderedOutcome{Assignment: body, OutcomeResult: out})
	}
	return c.JSON(http.StatusCreated, out)
}

// GetHistory lists the caller's assignments, newest first.
func (s *Server) GetHistory(c echo.Context, params GetHistoryParams) error {
	ctx, p := c.Request().Context(), principal(c)
	page, err := pageOf(params.Limit, params.Cursor)
	if err != nil {
		return err
	}
	today, err := s.today(ctx, p)
	if err != nil {
		return err
	}
	views, next, err := s.Loop.History(ctx, p.Org, p.UserID, page)
	if err != nil {
		return err
	}
	items := make([]Assignment, len(views))
	for i, v := range views {
		items[i] = toAssignment(v, today)
	}
	return c.JSON(http.StatusOK, AssignmentList{Items: items, NextCursor: nextCursor(next)})
}

func toAssignedGesture(g domain.Gesture, v domain.Value, locale string) AssignedGesture {
	title, howTo := g.Localized(locale)
	name, desc := v.Localized(locale)
	return AssignedGesture{Id: g.ID, Title: title, HowTo: howTo, Points: g.Points,
		Value: AssignedValue{Id: v.ID, Name: name, Description: desc}}
}

// toAssignment renders v as the app is shown it on today, the user's local day.
func toAssignment(v domain.AssignmentView, today string) Assignment {
	a := v.Assignment
	day, _ := domain.ParseDate("date", a.Day)
	out := Assignment{
		Id: a.ID, Date: openapi_types.Date{Time: day}, Status: AssignmentStatus(a.Status(v.User)), SwapsLeft: v.SwapsLeftOn(today),
		Gesture: toAssignedGesture(v.Gesture, v.Value, v.User.Locale), PointsIfDone: v.PointsIfDone(),
	}
	if v.Challenge != nil {
		out.Challenge = &ChallengeRef{Id: v.Challenge.ID, Name: v.Challenge.Name}
	}
	if o := a.Outcome; o != nil {
		rec := &OutcomeRecord{Result: Result(o.Result), Shared: o.Shared, OccurredAt: instant(o.OccurredAt), RecordedAt: instant(o.RecordedAt), Points: o.Points}
		if o.Reaction != "" {
			r := Reaction(o.Reaction)
			rec.Reaction = &r
		}
		rec.Story = optional(o.Story)
		if o.BarrierCategory != "" {
			rec.Barrier = &OutcomeBarrier{Category: o.BarrierCategory, Text: o.BarrierText}
		}
		out.Outcome = rec
	}
	return out
}

func toStats(st domain.Stats) Stats {
	return Stats{
		Points:    PointsTally{Week: st.PointsWeek, Month: st.PointsMonth, Total: st.PointsTotal},
		Streak:    Streak{Current: st.StreakCurrent, Best: st.StreakBest, Freezes: st.Freezes},
		DoneTotal: st.DoneTotal,
	}
}

func toBadges(badges []domain.Badge, locale string) []Badge {
	out := make([]Badge, len(badges))
	for i, b := range badges {
		out[i] = Badge{Id: b.ID, Name: domain.BadgeName(b.ID, locale), EarnedAt: instant(b.EarnedAt)}
	}
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func openapiDate(t time.Time) openapi_types.Date { return openapi_types.Date{Time: t} }

// pickQuote resolves the customer comment a shared story of the caller's assignment of day
// quotes: one of their team's comments of that day (see domain.PickQuote).
func (s *Server) pickQuote(ctx context.Context, p domain.Principal, id, day string) (*domain.CustomerQuote, error) {
	var comments []domain.FeedbackAnswer
	if p.TeamID != "" {
		var err error
		if comments, err = s.Feedback.FeedbackComments(ctx, p.Org, p.TeamID, domain.FeedbackCommentsKept); err != nil {
			return nil, err
		}
	}
	q, err := domain.PickQuote(comments, id, day)
	if err != nil {
		return nil, err
	}
	return &q, nil
}

// ListCustomerComments answers the comments of the caller's team's customers on the
// assignment's day: what a shared story of it may quote.
func (s *Server) ListCustomerComments(c echo.Context, assignmentID AssignmentId) error {
	ctx, p := c.Request().Context(), principal(c)
	day, err := ownAssignment(p, assignmentID)
	if err != nil {
		return err
	}
	out := CustomerCommentList{Items: []FeedbackComment{}}
	if p.TeamID == "" {
		return c.JSON(http.StatusOK, out)
	}
	comments, err := s.Feedback.FeedbackComments(ctx, p.Org, p.TeamID, domain.FeedbackCommentsKept)
	if err != nil {
		return err
	}
	for _, a := range domain.QuotableComments(comments, day) {
		out.Items = append(out.Items, FeedbackComment{
			Id: a.ID, Score: a.Score, Comment: a.Comment, Day: localDate(a.Day), CreatedAt: instant(a.At),
		})
	}
	return c.JSON(http.StatusOK, out)
}

// toQuote is a story's customer quote as the API shows it (nil for none).
func toQuote(q *domain.CustomerQuote) *CustomerQuote {
	if q == nil {
		return nil
	}
	return &CustomerQuote{Score: q.Score, Comment: q.Comment, CreatedAt: instant(q.At)}
}
