package domain

import (
	"slices"
	"strings"
	"time"
)

// Text is a translation of an object's texts into one locale.
type Text struct {
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	Title       string `json:"title,omitempty"`
	HowTo       string `json:"how_to,omitempty"`
}

// Value is a brand or core value of the org and what it means here.
type Value struct {
	ID           string          `json:"id"`
	Rev          int             `json:"rev"`
	Org          string          `json:"org"`
	Name         string          `json:"name"`
	Description  string          `json:"description"`
	Active       bool            `json:"active"`
	Translations map[string]Text `json:"translations,omitempty"`
	PackKey      string          `json:"pack_key,omitempty"` // set when loaded from a content pack
	CreatedAt    time.Time       `json:"created_at"`
}

// Localized returns the value's name and description in locale, falling back to the base texts.
func (v Value) Localized(locale string) (name, description string) {
	name, description = v.Name, v.Description
	if t, ok := v.Translations[locale]; ok {
		if t.Name != "" {
			name = t.Name
		}
		if t.Description != "" {
			description = t.Description
		}
	}
	return name, description
}

// Gesture sources.
const (
	SourceAdmin      = "admin"
	SourcePack       = "pack"
	SourceSuggestion = "suggestion"
)

// Gesture is a small, concrete customer gesture tied to one value.
type Gesture struct {
	ID           string          `json:"id"`
	Rev          int             `json:"rev"`
	Org          string          `json:"org"`
	Title        string          `json:"title"`
	HowTo        string          `json:"how_to"`
	ValueID      string          `json:"value_id"`
	Points       int             `json:"points"`
	Roles        []Role          `json:"roles"`    // empty: every role
	TeamIDs      []string        `json:"team_ids"` // empty: every team
	Channels     []Channel       `json:"channels"` // empty: every channel
	Active       bool            `json:"active"`
	Translations map[string]Text `json:"translations,omitempty"`
	Source       string          `json:"source"`
	PackKey      string          `json:"pack_key,omitempty"`
	CreatedAt    time.Time       `json:"created_at"`
}

// Localized returns the gesture's title and how-to in locale, falling back to the base texts.
func (g Gesture) Localized(locale string) (title, howTo string) {
	title, howTo = g.Title, g.HowTo
	if t, ok := g.Translations[locale]; ok {
		if t.Title != "" {
			title = t.Title
		}
		if t.HowTo != "" {
			howTo = t.HowTo
		}
	}
	return title, howTo
}

// For reports whether the gesture's audience includes a user of this role and team.
func (g Gesture) For(role Role, teamID string) bool {
	return g.Active && (len(g.Roles) == 0 || slices.Contains(g.Roles, role)) &&
		(len(g.TeamIDs) == 0 || (teamID != "" && slices.Contains(g.TeamIDs, teamID)))
}

// Challenge is a time-boxed campaign: some gestures, for some or all teams, with bonus points.
type Challenge struct {
	ID          string    `json:"id"`
	Rev         int       `json:"rev"`
	Org         string    `json:"org"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	StartsOn    string    `json:"starts_on"` // local days of the org, inclusive
	EndsOn      string    `json:"ends_on"`
	TeamIDs     []string  `json:"team_ids"`
	GestureIDs  []string  `json:"gesture_ids"`
	BonusPoints int       `json:"bonus_points"`
	CreatedAt   time.Time `json:"created_at"`
}

// ActiveOn reports whether the challenge runs on day (YYYY-MM-DD) for teamID.
func (c Challenge) ActiveOn(day, teamID string) bool {
	return c.StartsOn <= day && day <= c.EndsOn && c.For(teamID)
}

// For reports whether teamID takes part in the challenge (an empty team list means every team).
func (c Challenge) For(teamID string) bool {
	return len(c.TeamIDs) == 0 || (teamID != "" && slices.Contains(c.TeamIDs, teamID))
}

// Challenge states as a participant sees them on a local day.
const (
	ChallengeUpcoming = "upcoming"
	ChallengeRunning  = "running"
	ChallengeEnded    = "ended"
)

// StateOn answers whether the challenge is upcoming, running or ended on day (YYYY-MM-DD).
func (c Challenge) StateOn(day string) string {
	switch {
	case day < c.StartsOn:
		return ChallengeUpcoming
	case day > c.EndsOn:
		return ChallengeEnded
	}
	return ChallengeRunning
}

// ChallengesFor answers the challenges a member of teamID takes part in as seen on day: the
// running ones first, then the upcoming ones (soonest first), then those that ended within
// keepEnded days (latest first). Ties keep the order given.
func ChallengesFor(all []Challenge, teamID, day string, keepEnded int) []Challenge {
	rank := map[string]int{ChallengeRunning: 0, ChallengeUpcoming: 1, ChallengeEnded: 2}
	var out []Challenge
	for _, c := range all {
		if !c.For(teamID) || (c.StateOn(day) == ChallengeEnded && AddDays(c.EndsOn, keepEnded) < day) {
			continue
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b Challenge) int {
		ra, rb := rank[a.StateOn(day)], rank[b.StateOn(day)]
		switch {
		case ra != rb:
			return ra - rb
		case ra == 1:
			return strings.Compare(a.StartsOn, b.StartsOn)
		case ra == 2:
			return strings.Compare(b.EndsOn, a.EndsOn)
		}
		return 0
	})
	return out
}

// ValueInput creates or changes a value; nil fields stay as they are.
type ValueInput struct {
	Name         *string
	Description  *string
	Translations *map[string]Text
	Active       *bool
}

// Apply validates in and applies it to v. On error v is unchanged.
func (v *Value) Apply(in ValueInput) error {
	next := *v
	var fields []FieldError
	collect := collector(&fields)
	if in.Name != nil {
		s, err := CleanText("name", *in.Name, 60)
		collect(err)
		next.Name = s
	}
	if in.Description != nil {
		s, err := CleanOptionalText("description", *in.Description, 300)
		collect(err)
		next.Description = s
	}
	if in.Translations != nil {
		tr, err := cleanTranslations(*in.Translations, map[string]int{"name": 60, "description": 300})
		collect(err)
		next.Translations = tr
	}
	if in.Active != nil {
		next.Active = *in.Active
	}
	if len(fields) > 0 {
		return Invalid("invalid", "The value is not valid.", fields...)
	}
	*v = next
	return nil
}

// GestureInput creates or changes a gesture; nil fields stay as they are.
type GestureInput struct {
	Title        *string
	HowTo        *string
	ValueID      *string
	Points       *int
	Roles        *[]string
	TeamIDs      *[]string
	Channels     *[]string
	Active       *bool
	Translations *map[string]Text
}

// Apply validates in and applies it to g. Whether the value and teams exist is checked by the
// caller against the store. On error g is unchanged.
func (g *Gesture) Apply(in GestureInput) error {
	next := *g
	var fields []FieldError
	collect := collector(&fields)
	if in.Title != nil {
		s, err := CleanText("title", *in.Title, 80)
		collect(err)
		next.Title = s
	}
	if in.HowTo != nil {
		s, err := CleanText("how_to", *in.HowTo, 400)
		collect(err)
		next.HowTo = s
	}
	if in.ValueID != nil {
		if *in.ValueID == "" {
			collect(InvalidField("value_id", "must name a value"))
		}
		next.ValueID = *in.ValueID
	}
	if in.Points != nil {
		if *in.Points < 1 || *in.Points > 100 {
			collect(InvalidField("points", "must be from 1 to 100"))
		}
		next.Points = *in.Points
	}
	if in.Roles != nil {
		roles := make([]Role, 0, len(*in.Roles))
		for _, r := range *in.Roles {
			role, err := ParseRole("roles", r)
			collect(err)
			if !slices.Contains(roles, role) {
				roles = append(roles, role)
			}
		}
		next.Roles = roles
	}
	if in.TeamIDs != nil {
		next.TeamIDs = uniqueStrings(*in.TeamIDs)
	}
	if in.Channels != nil {
		channels, err := parseChannels("channels", *in.Channels)
		collect(err)
		next.Channels = channels
	}
	if in.Active != nil {
		next.Active = *in.Active
	}
	if in.Translations != nil {
		tr, err := cleanTranslations(*in.Translations, map[string]int{"title": 80, "how_to": 400})
		collect(err)
		next.Translations = tr
	}
	if next.Roles == nil {
		next.Roles = []Role{}
	}
	if next.TeamIDs == nil {
		next.TeamIDs = []string{}
	}
	if next.Channels == nil {
		next.Channels = []Channel{}
	}
	if len(fields) > 0 {
		return Invalid("invalid", "The gesture is not valid.", fields...)
	}
	*g = next
	return nil
}

// ChallengeInput creates or changes a challenge; nil fields stay as they are.
type ChallengeInput struct {
	Name        *string
	Description *string
	StartsOn    *string
	EndsOn      *string
	TeamIDs     *[]string
	GestureIDs  *[]string
	BonusPoints *int
}

// Apply validates in and applies it to c. On error c is unchanged.
func (c *Challenge) Apply(in ChallengeInput) error {
	next := *c
	var fields []FieldError
	collect := collector(&fields)
	if in.Name != nil {
		s, err := CleanText("name", *in.Name, 80)
		collect(err)
		next.Name = s
	}
	if in.Description != nil {
		s, err := CleanOptionalText("description", *in.Description, 500)
		collect(err)
		next.Description = s
	}
	if in.StartsOn != nil {
		_, err := ParseDate("starts_on", *in.StartsOn)
		collect(err)
		next.StartsOn = *in.StartsOn
	}
	if in.EndsOn != nil {
		_, err := ParseDate("ends_on", *in.EndsOn)
		collect(err)
		next.EndsOn = *in.EndsOn
	}
	if in.TeamIDs != nil {
		next.TeamIDs = uniqueStrings(*in.TeamIDs)
	}
	if in.GestureIDs != nil {
		next.GestureIDs = uniqueStrings(*in.GestureIDs)
		if len(next.GestureIDs) == 0 || len(next.GestureIDs) > 50 {
			collect(InvalidField("gesture_ids", "must list 1 to 50 gestures"))
		}
	}
	if in.BonusPoints != nil {
		if *in.BonusPoints < 0 || *in.BonusPoints > 100 {
			collect(InvalidField("bonus_points", "must be from 0 to 100"))
		}
		next.BonusPoints = *in.BonusPoints
	}
	if len(fields) == 0 {
		start, _ := ParseDate("starts_on", next.StartsOn)
		end, _ := ParseDate("ends_on", next.EndsOn)
		switch {
		case end.Before(start):
			collect(InvalidField("ends_on", "must not be before starts_on"))
		case end.Sub(start) > 366*24*time.Hour:
			collect(InvalidField("ends_on", "a challenge runs at most 366 days"))
		}
	}
	if next.TeamIDs == nil {
		next.TeamIDs = []string{}
	}
	if len(fields) > 0 {
		return Invalid("invalid", "The challenge is not valid.", fields...)
	}
	*c = next
	return nil
}

// cleanTranslations checks translations: known locales, bounded texts, only the given fields.
func cleanTranslations(in map[string]Text, limits map[string]int) (map[string]Text, error) {
	out := map[string]Text{}
	var fields []FieldError
	collect := collector(&fields)
	for locale, t := range in {
		if !slices.Contains(Locales, locale) {
			collect(InvalidField("translations", "unknown locale "+locale+"; use one of "+strings.Join(Locales, ", ")))
			continue
		}
		var c Text
		var err error
		for name, max := range limits {
			field := "translations." + locale + "." + name
			switch name {
			case "name":
				c.Name, err = CleanOptionalText(field, t.Name, max)
			case "description":
				c.Description, err = CleanOptionalText(field, t.Description, max)
			case "title":
				c.Title, err = CleanOptionalText(field, t.Title, max)
			case "how_to":
				c.HowTo, err = CleanOptionalText(field, t.HowTo, max)
			}
			collect(err)
		}
		out[locale] = c
	}
	if len(fields) > 0 {
		return nil, Invalid("invalid", "The translations are not valid.", fields...)
	}
	return out, nil
}

func collector(fields *[]FieldError) func(error) {
	return func(err error) {
		if err != nil {
			*fields = append(*fields, AsError(err).Fields...)
		}
	}
}

func uniqueStrings(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
