package domain

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Org is one customer organisation (tenant) and its settings.
type Org struct {
	ID                  string   `json:"id"`
	Rev                 int      `json:"rev"` // bumped on every stored change; guards concurrent updates
	Name                string   `json:"name"`
	Timezone            string   `json:"timezone"`
	WeekStartsOn        int      `json:"week_starts_on"` // ISO weekday, 1 = Monday
	DefaultReminderTime string   `json:"default_reminder_time"`
	SwapsPerDay         int      `json:"swaps_per_day"`
	BarrierCategories   []string `json:"barrier_categories"`
	Points              Points   `json:"points"`
	RetentionDays       int      `json:"retention_days"`
	// StoryRetentionDays and BarrierRetentionDays are how long shared stories and barriers are
	// kept (see StoryExpired, BarrierExpired); nil keeps them.
	StoryRetentionDays   *int `json:"story_retention_days,omitempty"`
	BarrierRetentionDays *int `json:"barrier_retention_days,omitempty"`
	// Locales are the locales the org's content comes in, the ones its users may choose (see
	// SpokenLocales); the content pack it started with sets them.
	Locales []string `json:"locales,omitempty"`
	// DefaultLocale and DefaultWorkdays are what a user created afterwards starts with.
	DefaultLocale   string    `json:"default_locale"`
	DefaultWorkdays []int     `json:"default_workdays"`
	CreatedAt       time.Time `json:"created_at"`
}

// Points are the org's point rules.
type Points struct {
	Done    int `json:"done"`
	Story   int `json:"story"`
	Blocked int `json:"blocked"`
	Kudos   int `json:"kudos"`
}

// NewOrg returns an org with the contract's default settings.
func NewOrg(slug, name, timezone string, now time.Time) (Org, error) {
	if err := ValidateSlug(slug); err != nil {
		return Org{}, err
	}
	o := Org{
		ID:                  slug,
		Timezone:            timezone,
		WeekStartsOn:        1,
		DefaultReminderTime: "08:30",
		SwapsPerDay:         2,
		BarrierCategories:   []string{"time", "tools", "rules", "stock", "other"},
		Points:              Points{Done: 10, Story: 5, Blocked: 2, Kudos: 1},
		RetentionDays:       400,
		DefaultLocale:       "en",
		DefaultWorkdays:     []int{1, 2, 3, 4, 5},
		CreatedAt:           now.UTC(),
	}
	return o, o.Apply(OrgPatch{Name: &name, Timezone: &timezone})
}

// NewUserLocale is the locale a new user starts with.
func (o Org) NewUserLocale() string {
	if o.DefaultLocale == "" { // an org stored before the setting existed
		return "en"
	}
	return o.DefaultLocale
}

// SpokenLocales are the locales the org enabled (a copy): every locale microact speaks for an
// org stored before the setting existed.
func (o Org) SpokenLocales() []string {
	if len(o.Locales) == 0 {
		return slices.Clone(Locales)
	}
	return slices.Clone(o.Locales)
}

// CheckLocale refuses a user's locale (in field) that the org did not enable. Users who chose a
// locale the org disabled later keep it until it is changed.
func (o Org) CheckLocale(field, locale string) error {
	if !slices.Contains(o.SpokenLocales(), locale) {
		return InvalidField(field, "must be one of the org's locales: "+strings.Join(o.SpokenLocales(), ", "))
	}
	return nil
}

// NewUserWorkdays are the workdays a new user starts with (a copy).
func (o Org) NewUserWorkdays() []int {
	if len(o.DefaultWorkdays) == 0 { // an org stored before the setting existed
		return []int{1, 2, 3, 4, 5}
	}
	return slices.Clone(o.DefaultWorkdays)
}

// Location returns the org's time zone.
func (o Org) Location() *time.Location {
	loc, err := LoadTimezone("timezone", o.Timezone)
	if err != nil {
		return time.UTC // validated on write; only a tzdata removed under us gets here
	}
	return loc
}

// OrgPatch is a partial change of an org's settings; nil fields stay as they are.
type OrgPatch struct {
	Name                *string
	Timezone            *string
	WeekStartsOn        *int
	DefaultReminderTime *string
	SwapsPerDay         *int
	BarrierCategories   *[]string
	Points              PointsPatch
	RetentionDays       *int
	DefaultLocale       *string
	DefaultWorkdays     *[]int
	Locales             *[]string
	// StoryRetentionDays and BarrierRetentionDays change when Set: to Days, or to keep (nil).
	StoryRetentionDays   RetentionPatch
	BarrierRetentionDays RetentionPatch
}

// RetentionPatch changes a retention that may be off: Set with Days nil turns it off.
type RetentionPatch struct {
	Set  bool
	Days *int
}

// PointsPatch is a partial change of the point rules.
type PointsPatch struct {
	Done, Story, Blocked, Kudos *int
}

var categoryPattern = regexp.MustCompile(`^[a-z0-9_]{1,40}$`)

// Apply validates p and applies it to o. On error o is unchanged.
func (o *Org) Apply(p OrgPatch) error {
	next := *o
	var fields []FieldError
	bad := func(field, msg string) { fields = append(fields, FieldError{Field: field, Message: msg}) }
	if p.Name != nil {
		name, err := CleanText("name", *p.Name, 100)
		if err != nil {
			fields = append(fields, AsError(err).Fields...)
		}
		next.Name = name
	}
	if p.Timezone != nil {
		if _, err := LoadTimezone("timezone", *p.Timezone); err != nil {
			fields = append(fields, AsError(err).Fields...)
		}
		next.Timezone = *p.Timezone
	}
	if p.WeekStartsOn != nil {
		if *p.WeekStartsOn < 1 || *p.WeekStartsOn > 7 {
			bad("week_starts_on", "must be an ISO weekday from 1 (Monday) to 7 (Sunday)")
		}
		next.WeekStartsOn = *p.WeekStartsOn
	}
	if p.DefaultReminderTime != nil {
		if err := ValidateClock("default_reminder_time", *p.DefaultReminderTime); err != nil {
			fields = append(fields, AsError(err).Fields...)
		}
		next.DefaultReminderTime = *p.DefaultReminderTime
	}
	if p.SwapsPerDay != nil {
		if *p.SwapsPerDay < 0 || *p.SwapsPerDay > 10 {
			bad("swaps_per_day", "must be from 0 to 10")
		}
		next.SwapsPerDay = *p.SwapsPerDay
	}
	if p.BarrierCategories != nil {
		cats := *p.BarrierCategories
		seen := map[string]bool{}
		if len(cats) == 0 || len(cats) > 20 {
			bad("barrier_categories", "must list 1 to 20 categories")
		}
		for _, c := range cats {
			if !categoryPattern.MatchString(c) || seen[c] {
				bad("barrier_categories", "each category must be unique, 1 to 40 lowercase letters, digits or underscores")
				break
			}
			seen[c] = true
		}
		next.BarrierCategories = append([]string(nil), cats...)
	}
	for _, pt := range []struct {
		field string
		v     *int
		dst   *int
		max   int
	}{
		{"points.done", p.Points.Done, &next.Points.Done, 1000},
		{"points.story", p.Points.Story, &next.Points.Story, 1000},
		{"points.blocked", p.Points.Blocked, &next.Points.Blocked, 1000},
		{"points.kudos", p.Points.Kudos, &next.Points.Kudos, 100},
	} {
		if pt.v == nil {
			continue
		}
		if *pt.v < 0 || *pt.v > pt.max {
			bad(pt.field, "must be from 0 to "+strconv.Itoa(pt.max))
		}
		*pt.dst = *pt.v
	}
	if p.RetentionDays != nil {
		if *p.RetentionDays < 30 || *p.RetentionDays > 3650 {
			bad("retention_days", "must be from 30 to 3650")
		}
		next.RetentionDays = *p.RetentionDays
	}
	for _, r := range []struct {
		field string
		p     RetentionPatch
		dst   **int
	}{
		{"story_retention_days", p.StoryRetentionDays, &next.StoryRetentionDays},
		{"barrier_retention_days", p.BarrierRetentionDays, &next.BarrierRetentionDays},
	} {
		if !r.p.Set {
			continue
		}
		if d := r.p.Days; d != nil && (*d < MinSocialRetentionDays || *d > MaxSocialRetentionDays) {
			bad(r.field, "must be from "+strconv.Itoa(MinSocialRetentionDays)+" to "+strconv.Itoa(MaxSocialRetentionDays)+", or null to keep them")
		}
		*r.dst = nil
		if r.p.Days != nil {
			d := *r.p.Days
			*r.dst = &d
		}
	}
	if p.Locales != nil {
		locs := *p.Locales
		seen := map[string]bool{}
		if len(locs) == 0 {
			bad("locales", "must enable at least one locale")
		}
		for _, l := range locs {
			if !slices.Contains(Locales, l) || seen[l] {
				bad("locales", "each locale must be one of "+strings.Join(Locales, ", ")+", once")
				break
			}
			seen[l] = true
		}
		next.Locales = slices.Clone(locs)
	}
	if p.DefaultLocale != nil {
		next.DefaultLocale = *p.DefaultLocale
	}
	if (p.DefaultLocale != nil || p.Locales != nil) && !slices.Contains(next.SpokenLocales(), next.NewUserLocale()) {
		bad("default_locale", "must be one of the org's locales: "+strings.Join(next.SpokenLocales(), ", "))
	}
	if p.DefaultWorkdays != nil {
		days, err := ValidateWorkdays("default_workdays", *p.DefaultWorkdays)
		if err != nil {
			fields = append(fields, AsError(err).Fields...)
		} else if len(days) == 0 {
			bad("default_workdays", "must name at least one workday")
		}
		next.DefaultWorkdays = days
	}
	if len(fields) > 0 {
		return Invalid("invalid", "The settings are not valid.", fields...)
	}
	*o = next
	return nil
}
