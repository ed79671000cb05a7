package handlers

import (
	"context"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
	openapi_types "github.com/oapi-codegen/runtime/types"
)

// --- values

func toValue(v domain.Value) Value {
	out := Value{Id: v.ID, Name: v.Name, Description: v.Description, Active: v.Active, CreatedAt: instant(v.CreatedAt)}
	for locale, t := range v.Translations {
		vt := &ValueText{Name: optional(t.Name), Description: optional(t.Description)}
		switch locale {
		case "en":
			out.Translations.En = vt
		case "nl":
			out.Translations.Nl = vt
		case "de":
			out.Translations.De = vt
		case "fr":
			out.Translations.Fr = vt
		}
	}
	return out
}

func valueTranslations(t *ValueTranslations) *map[string]domain.Text {
	if t == nil {
		return nil
	}
	m := map[string]domain.Text{}
	for locale, vt := range map[string]*ValueText{"en": t.En, "nl": t.Nl, "de": t.De, "fr": t.Fr} {
		if vt != nil {
			m[locale] = domain.Text{Name: deref(vt.Name), Description: deref(vt.Description)}
		}
	}
	return &m
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// CreateValue adds a value to the org.
func (s *Server) CreateValue(c echo.Context, _ CreateValueParams) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	var req ValueCreate
	if err := bind(c, &req); err != nil {
		return err
	}
	now := s.now()
	v := domain.Value{Org: p.Org, Active: true, CreatedAt: now}
	desc := deref(req.Description)
	if err := v.Apply(domain.ValueInput{Name: &req.Name, Description: &desc, Translations: valueTranslations(req.Translations)}); err != nil {
		return err
	}
	// the answer is rendered before the value is stored (see respondAfter), so it gets its id first
	if v.ID, err = s.Catalog.NewCatalogID(c.Request().Context()); err != nil {
		return err
	}
	return respondAfter(c, http.StatusCreated, toValue(v), func(ctx context.Context) error {
		_, err := s.Catalog.SaveValue(ctx, v)
		return err
	})
}

// ListValues lists the org's values in creation order.
func (s *Server) ListValues(c echo.Context, params ListValuesParams) error {
	items, next, err := adminPage(c, params.Limit, params.Cursor, s.Catalog.Values, toValue)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ValueList{Items: items, NextCursor: next})
}

// GetValue answers one value.
func (s *Server) GetValue(c echo.Context, valueID ValueId) error {
	return adminGet(c, valueID, s.Catalog.Value, toValue)
}

// UpdateValue changes a value.
func (s *Server) UpdateValue(c echo.Context, valueID ValueId) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	var req ValuePatch
	if err := bind(c, &req); err != nil {
		return err
	}
	in := domain.ValueInput{Name: req.Name, Description: req.Description, Translations: valueTranslations(req.Translations), Active: req.Active}
	ctx := c.Request().Context()
	if req.Active != nil && !*req.Active {
		if err := s.valueUnused(ctx, p.Org, valueID); err != nil {
			return err
		}
	}
	v, err := retry(func() (domain.Value, error) {
		v, err := s.Catalog.Value(ctx, p.Org, valueID)
		if err != nil {
			return v, err
		}
		if err := v.Apply(in); err != nil {
			return v, err
		}
		return s.Catalog.SaveValue(ctx, v)
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toValue(v))
}

// valueUnused refuses to retire a value that an active gesture still refers to.
func (s *Server) valueUnused(ctx context.Context, org, valueID string) error {
	gestures, err := s.Catalog.AllGestures(ctx, org)
	if err != nil {
		return err
	}
	for _, g := range gestures {
		if g.Active && g.ValueID == valueID {
			return errValueInUse
		}
	}
	return nil
}

var errValueInUse = domain.Conflict("value_in_use", "Active gestures refer to this value; retire or move them first.")

// activeValue checks that a gesture's value exists and is active.
func (s *Server) activeValue(ctx context.Context, org, valueID string) error {
	v, err := s.Catalog.Value(ctx, org, valueID)
	if domain.ErrorKind(err) == domain.KindNotFound || (err == nil && !v.Active) {
		return domain.InvalidField("value_id", "no active value with this id")
	}
	return err
}

// DeleteValue deletes a value no gesture refers to. While an active gesture refers to it, it
// is 409 value_in_use; when only retired gestures do, it is retired instead, so the history
// that shows those gestures keeps its value.
func (s *Server) DeleteValue(c echo.Context, valueID ValueId) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	v, err := s.Catalog.Value(ctx, p.Org, valueID)
	if err != nil {
		return err
	}
	gestures, err := s.Catalog.AllGestures(ctx, p.Org)
	if err != nil {
		return err
	}
	referred := false
	for _, g := range gestures {
		if g.ValueID != v.ID {
			continue
		}
		if g.Active {
			return errValueInUse
		}
		referred = true
	}
	if !referred {
		if err := s.Catalog.DeleteValue(ctx, v); err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	}
	v.Active = false
	if v, err = s.Catalog.SaveValue(ctx, v); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toValue(v))
}

// --- gestures

func toGesture(g domain.Gesture) Gesture {
	out := Gesture{
		Id: g.ID, Title: g.Title, HowTo: g.HowTo, ValueId: g.ValueID, Points: g.Points, Active: g.Active,
		Roles: make([]Role, len(g.Roles)), TeamIds: g.TeamIDs, Source: GestureSource(g.Source), CreatedAt: instant(g.CreatedAt),
	}
	for i, r := range g.Roles {
		out.Roles[i] = Role(r)
	}
	if out.TeamIds == nil {
		out.TeamIds = []string{}
	}
	out.Channels = make([]Channel, len(g.Channels))
	for i, ch := range g.Channels {
		out.Channels[i] = Channel(ch)
	}
	for locale, t := range g.Translations {
		gt := &GestureText{Title: optional(t.Title), HowTo: optional(t.HowTo)}
		switch locale {
		case "en":
			out.Translations.En = gt
		case "nl":
			out.Translations.Nl = gt
		case "de":
			out.Translations.De = gt
		case "fr":
			out.Translations.Fr = gt
		}
	}
	return out
}

func gestureTranslations(t *GestureTranslations) *map[string]domain.Text {
	if t == nil {
		return nil
	}
	m := map[string]domain.Text{}
	for locale, gt := range map[string]*GestureText{"en": t.En, "nl": t.Nl, "de": t.De, "fr": t.Fr} {
		if gt != nil {
			m[locale] = domain.Text{Title: deref(gt.Title), HowTo: deref(gt.HowTo)}
		}
	}
	return &m
}

func channelNames(channels *[]Channel) *[]string {
	if channels == nil {
		return nil
	}
	out := make([]string, len(*channels))
	for i, c := range *channels {
		out[i] = string(c)
	}
	return &out
}

func roleNames(roles *[]Role) *[]string {
	if roles == nil {
		return nil
	}
	out := make([]string, len(*roles))
	for i, r := range *roles {
		out[i] = string(r)
	}
	return &out
}

// CreateGesture adds a gesture to the catalogue.
func (s *Server) CreateGesture(c echo.Context, _ CreateGestureParams) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	var req GestureCreate
	if err := bind(c, &req); err != nil {
		return err
	}
	now := s.now()
	g := domain.Gesture{Org: p.Org, Points: 10, Active: true, Source: domain.SourceAdmin, CreatedAt: now}
	in := domain.GestureInput{
		Title: &req.Title, HowTo: &req.HowTo, ValueID: &req.ValueId, Points: req.Points, Roles: roleNames(req.Roles),
		TeamIDs: req.TeamIds, Channels: channelNames(req.Channels), Active: req.Active, Translations: gestureTranslations(req.Translations),
	}
	if err := g.Apply(in); err != nil {
		return err
	}
	if err := s.activeValue(c.Request().Context(), p.Org, g.ValueID); err != nil {
		return err
	}
	if g.ID, err = s.Catalog.NewCatalogID(c.Request().Context()); err != nil {
		return err
	}
	return respondAfter(c, http.StatusCreated, toGesture(g), func(ctx context.Context) error {
		_, err := s.Catalog.SaveGesture(ctx, g)
		return err
	})
}

// ListGestures lists the catalogue in creation order, optionally only (in)active gestures.
func (s *Server) ListGestures(c echo.Context, params ListGesturesParams) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	page, err := pageOf(params.Limit, params.Cursor)
	if err != nil {
		return err
	}
	all, err := s.Catalog.AllGestures(c.Request().Context(), p.Org)
	if err != nil {
		return err
	}
	items, next := []Gesture{}, ""
	for _, g := range all {
		if g.ID <= page.Cursor || (params.Active != nil && g.Active != *params.Active) {
			continue
		}
		if len(items) == page.Limit {
			next = items[len(items)-1].Id
			break
		}
		items = append(items, toGesture(g))
	}
	return c.JSON(http.StatusOK, GestureList{Items: items, NextCursor: nextCursor(next)})
}

// GetGesture answers one gesture.
func (s *Server) GetGesture(c echo.Context, gestureID GestureId) error {
	return adminGet(c, gestureID, s.Catalog.Gesture, toGesture)
}

// UpdateGesture changes a gesture.
func (s *Server) UpdateGesture(c echo.Context, gestureID GestureId) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	var req GesturePatch
	if err := bind(c, &req); err != nil {
		return err
	}
	in := domain.GestureInput{
		Title: req.Title, HowTo: req.HowTo, ValueID: req.ValueId, Points: req.Points, Roles: roleNames(req.Roles),
		TeamIDs: req.TeamIds, Channels: channelNames(req.Channels), Active: req.Active, Translations: gestureTranslations(req.Translations),
	}
	ctx := c.Request().Context()
	g, err := retry(func() (domain.Gesture, error) {
		g, err := s.Catalog.Gesture(ctx, p.Org, gestureID)
		if err != nil {
			return g, err
		}
		if err := g.Apply(in); err != nil {
			return g, err
		}
		if in.ValueID != nil {
			if err := s.activeValue(ctx, p.Org, g.ValueID); err != nil {
				return g, err
			}
		}
		return s.Catalog.SaveGesture(ctx, g)
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toGesture(g))
}

// DeleteGesture deletes a gesture, or retires it (active false) when history refers to it:
// assignments, or a challenge that lists it.
func (s *Server) DeleteGesture(c echo.Context, gestureID GestureId) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	g, err := s.Catalog.Gesture(ctx, p.Org, gestureID)
	if err != nil {
		return err
	}
	used, err := s.Catalog.Used(ctx, p.Org, g.ID)
	if err != nil {
		return err
	}
	listed, err := s.inAChallenge(ctx, p.Org, g.ID)
	if err != nil {
		return err
	}
	if !used[g.ID] && !listed {
		if err := s.Catalog.DeleteGesture(ctx, g); err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	}
	g.Active = false
	if g, err = s.Catalog.SaveGesture(ctx, g); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toGesture(g))
}

// inAChallenge reports whether any challenge of the org lists the gesture.
func (s *Server) inAChallenge(ctx context.Context, org, gestureID string) (bool, error) {
	all, err := s.allChallenges(ctx, org)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(all, func(ch domain.Challenge) bool { return slices.Contains(ch.GestureIDs, gestureID) }), nil
}

// --- challenges

func toChallenge(ch domain.Challenge) Challenge {
	start, _ := domain.ParseDate("starts_on", ch.StartsOn)
	end, _ := domain.ParseDate("ends_on", ch.EndsOn)
	out := Challenge{
		Id: ch.ID, Name: ch.Name, Description: ch.Description, StartsOn: openapi_types.Date{Time: start},
		EndsOn: openapi_types.Date{Time: end}, TeamIds: ch.TeamIDs, GestureIds: ch.GestureIDs,
		BonusPoints: ch.BonusPoints, CreatedAt: instant(ch.CreatedAt),
	}
	if out.TeamIds == nil {
		out.TeamIds = []string{}
	}
	return out
}

func dateString(d *openapi_types.Date) *string {
	if d == nil {
		return nil
	}
	s := d.Format("2006-01-02")
	return &s
}

// CreateChallenge adds a challenge.
func (s *Server) CreateChallenge(c echo.Context, _ CreateChallengeParams) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	var req ChallengeCreate
	if err := bind(c, &req); err != nil {
		return err
	}
	now := s.now()
	ch := domain.Challenge{Org: p.Org, CreatedAt: now}
	desc, bonus := deref(req.Description), 0
	if req.BonusPoints != nil {
		bonus = *req.BonusPoints
	}
	in := domain.ChallengeInput{
		Name: &req.Name, Description: &desc, StartsOn: dateString(&req.StartsOn), EndsOn: dateString(&req.EndsOn),
		TeamIDs: req.TeamIds, GestureIDs: &req.GestureIds, BonusPoints: &bonus,
	}
	if err := ch.Apply(in); err != nil {
		return err
	}
	if ch.ID, err = s.Catalog.NewCatalogID(c.Request().Context()); err != nil {
		return err
	}
	return respondAfter(c, http.StatusCreated, toChallenge(ch), func(ctx context.Context) error {
		_, err := s.Catalog.SaveChallenge(ctx, ch)
		return err
	})
}

// ListChallenges lists the org's challenges in creation order.
func (s *Server) ListChallenges(c echo.Context, params ListChallengesParams) error {
	items, next, err := adminPage(c, params.Limit, params.Cursor, s.Catalog.Challenges, toChallenge)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ChallengeList{Items: items, NextCursor: next})
}

// GetChallenge answers one challenge.
func (s *Server) GetChallenge(c echo.Context, challengeID ChallengeId) error {
	return adminGet(c, challengeID, s.Catalog.Challenge, toChallenge)
}

// UpdateChallenge changes a challenge.
func (s *Server) UpdateChallenge(c echo.Context, challengeID ChallengeId) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	var req ChallengePatch
	if err := bind(c, &req); err != nil {
		return err
	}
	in := domain.ChallengeInput{
		Name: req.Name, Description: req.Description, StartsOn: dateString(req.StartsOn), EndsOn: dateString(req.EndsOn),
		TeamIDs: req.TeamIds, GestureIDs: req.GestureIds, BonusPoints: req.BonusPoints,
	}
	ctx := c.Request().Context()
	ch, err := retry(func() (domain.Challenge, error) {
		ch, err := s.Catalog.Challenge(ctx, p.Org, challengeID)
		if err != nil {
			return ch, err
		}
		if err := ch.Apply(in); err != nil {
			return ch, err
		}
		return s.Catalog.SaveChallenge(ctx, ch)
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toChallenge(ch))
}

// DeleteChallenge deletes a challenge; one that assignments refer to is ended instead (its
// last day becomes yesterday, or its first day if it started today).
func (s *Server) DeleteChallenge(c echo.Context, challengeID ChallengeId) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	ch, err := s.Catalog.Challenge(ctx, p.Org, challengeID)
	if err != nil {
		return err
	}
	used, err := s.Catalog.Used(ctx, p.Org, "c:"+ch.ID)
	if err != nil {
		return err
	}
	if !used["c:"+ch.ID] {
		if err := s.Catalog.DeleteChallenge(ctx, ch); err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	}
	org, err := s.orgs.get(ctx, p.Org)
	if err != nil {
		return err
	}
	yesterday := domain.AddDays(domain.LocalDay(s.now(), org.loc), -1)
	ch.EndsOn = slices.Max([]string{ch.StartsOn, min(ch.EndsOn, yesterday)})
	if ch, err = s.Catalog.SaveChallenge(ctx, ch); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toChallenge(ch))
}

// retry runs a read-change-write until it does not meet a concurrent change (three tries).
func retry[T any](op func() (T, error)) (T, error) {
	for try := 0; ; try++ {
		v, err := op()
		if domain.ErrorCode(err) == "concurrent_update" && try < 3 {
			continue
		}
		return v, err
	}
}
