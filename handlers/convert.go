package handlers

import (
	"context"
	"encoding/base64"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
	openapi_types "github.com/oapi-codegen/runtime/types"
)

// The generated types are the wire format; these functions translate domain values into them.

func toOrg(o domain.Org) OrgSettings {
	return OrgSettings{
		Id: o.ID, Name: o.Name, Timezone: o.Timezone, WeekStartsOn: o.WeekStartsOn,
		DefaultReminderTime: o.DefaultReminderTime, SwapsPerDay: o.SwapsPerDay,
		BarrierCategories: o.BarrierCategories, RetentionDays: o.RetentionDays, CreatedAt: instant(o.CreatedAt),
		StoryRetentionDays: o.StoryRetentionDays, BarrierRetentionDays: o.BarrierRetentionDays,
		DefaultLocale: Locale(o.NewUserLocale()), DefaultWorkdays: o.NewUserWorkdays(), Locales: localesOf(o.SpokenLocales()),
		Points: PointsSettings{Done: o.Points.Done, Story: o.Points.Story, Blocked: o.Points.Blocked, Kudos: o.Points.Kudos},
	}
}

func toTeam(t domain.Team) Team {
	leads := t.LeadIDs
	if leads == nil {
		leads = []string{}
	}
	return Team{Id: t.ID, Name: t.Name, LeadIds: leads, Channel: channelOf(t.Channel), MemberCount: t.MemberCount, CreatedAt: instant(t.CreatedAt)}
}

// channelOf is a team's channel, nil (null) for none.
func channelOf(c domain.Channel) *Channel {
	if c == "" {
		return nil
	}
	ch := Channel(c)
	return &ch
}

// workdaysOf is the user's workdays, [] (never null) for none.
func workdaysOf(u domain.User) []int {
	if u.Preferences.Workdays == nil {
		return []int{}
	}
	return u.Preferences.Workdays
}

func toUser(u domain.User, org domain.Org, team *TeamRef) User {
	return User{
		Id: u.ID, Name: u.Name, Email: u.Email, Role: Role(u.Role), Team: team, Active: u.Active,
		Timezone: u.EffectiveTimezone(org), Locale: Locale(u.Locale), Enrolled: u.Enrolled, CreatedAt: instant(u.CreatedAt),
		Workdays: workdaysOf(u),
	}
}

func toPreferences(u domain.User, org domain.Org) Preferences {
	p := Preferences{
		ReminderTime:       u.EffectiveReminderTime(org),
		QuietHours:         QuietHours{Start: u.Preferences.QuietHours.Start, End: u.Preferences.QuietHours.End},
		Workdays:           u.Preferences.Workdays,
		ShowOnLeaderboards: u.Preferences.ShowOnLeaderboards,
	}
	if p.Workdays == nil {
		p.Workdays = []int{}
	}
	if d, err := time.Parse(time.DateOnly, u.Preferences.PausedUntil); err == nil {
		p.PausedUntil = &openapi_types.Date{Time: d}
		if from, err := time.Parse(time.DateOnly, u.Preferences.PausedFrom); err == nil {
			p.PausedFrom = &openapi_types.Date{Time: from}
		}
	}
	return p
}

// teamRefs names the teams of users, reading each team once.
func (s *Server) teamRefs(ctx context.Context, org string, users []domain.User) (map[string]*TeamRef, error) {
	refs := map[string]*TeamRef{}
	for _, u := range users {
		if u.TeamID == "" || refs[u.TeamID] != nil {
			continue
		}
		t, err := s.Teams.Team(ctx, org, u.TeamID)
		if domain.ErrorKind(err) == domain.KindNotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		refs[u.TeamID] = &TeamRef{Id: t.ID, Name: t.Name}
	}
	return refs, nil
}

// pageOf turns ?limit= and ?cursor= into a page. A cursor is the base64url of the last id.
func pageOf(limit *int, cursor *string) (domain.Page, error) {
	p := domain.Page{Limit: 20}
	if limit != nil {
		p.Limit = *limit
	}
	if cursor != nil && *cursor != "" {
		// Only the one encoding nextCursor writes is accepted: the decoder alone would also take
		// other spellings of the same bytes (line breaks, stray low bits in the last character).
		b, err := base64.RawURLEncoding.DecodeString(*cursor)
		if err != nil || len(b) == 0 || len(b) > 64 || base64.RawURLEncoding.EncodeToString(b) != *cursor {
			return p, domain.Malformed("malformed", "The cursor is not one this server gave out.",
				domain.FieldError{Field: "cursor", Message: "unknown cursor"})
		}
		p.Cursor = string(b)
	}
	return p, nil
}

// nextCursor is the wire form of a store's next-page marker (nil on the last page).
func nextCursor(last string) *string {
	if last == "" {
		return nil
	}
	c := base64.RawURLEncoding.EncodeToString([]byte(last))
	return &c
}

// requireAdmin refuses callers who are not admins of their org.
func requireAdmin(c echo.Context) (domain.Principal, error) {
	p := principal(c)
	if p.Role != domain.RoleAdmin {
		return p, domain.Forbidden("Only an admin may do this.")
	}
	return p, nil
}

// instant is how every instant leaves the API (contract §2): in UTC, in whole seconds. The
// stored instants keep their precision (ordering uses it); answers, exports and pushes all
// show the same second, and never one later than the instant itself.
func instant(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }

// formatInstant writes an instant as the API does, for text that is not JSON (CSV, headers).
func formatInstant(t time.Time) string { return instant(t).Format(time.RFC3339) }

func localesOf(ls []string) []Locale {
	out := make([]Locale, len(ls))
	for i, l := range ls {
		out[i] = Locale(l)
	}
	return out
}
