package domain

import (
	"slices"
	"strings"
	"time"
)

// Role is what a user may do.
type Role string

const (
	RoleEmployee Role = "employee"
	RoleLead     Role = "lead"
	RoleAdmin    Role = "admin"
)

// ParseRole checks a role name.
func ParseRole(field, s string) (Role, error) {
	switch r := Role(s); r {
	case RoleEmployee, RoleLead, RoleAdmin:
		return r, nil
	}
	return "", InvalidField(field, "must be one of employee, lead, admin")
}

// ActiveAdmin reports whether u is one of the org's active admins (the admins' set holds them).
func (u User) ActiveAdmin() bool { return u.Role == RoleAdmin && u.Active }

// LastAdmin reports whether id is the only one of admins, the org's active admins: the last
// may not stop being one (another role, deactivated) nor be erased, so that an org always has
// someone who can run it.
func LastAdmin(admins []string, id string) bool {
	return len(admins) == 1 && admins[0] == id
}

// Locales microact speaks.
var Locales = []string{"en", "nl", "de", "fr"}

// User is a person in an org.
type User struct {
	ID          string      `json:"id"`
	Rev         int         `json:"rev"` // bumped on every stored change; guards concurrent updates
	Org         string      `json:"org"`
	Name        string      `json:"name"`
	Email       string      `json:"email"`
	Role        Role        `json:"role"`
	TeamID      string      `json:"team_id,omitempty"`
	Active      bool        `json:"active"`
	Timezone    string      `json:"timezone,omitempty"` // empty: the org's
	Locale      string      `json:"locale"`
	Preferences Preferences `json:"preferences"`
	Enrolled    bool        `json:"enrolled"`
	CreatedAt   time.Time   `json:"created_at"`
	// SessionsValidAfter ends every session and access token issued before it (set on deactivation,
	// so reactivating a user does not revive old sessions).
	SessionsValidAfter time.Time `json:"sessions_valid_after"`
}

// Preferences are the user's own settings. Empty ReminderTime means the org's default.
type Preferences struct {
	ReminderTime       string     `json:"reminder_time,omitempty"`
	QuietHours         QuietHours `json:"quiet_hours"`
	Workdays           []int      `json:"workdays"`
	ShowOnLeaderboards bool       `json:"show_on_leaderboards"`
	PausedUntil        string     `json:"paused_until,omitempty"` // YYYY-MM-DD, empty = not paused
	// PausedFrom is the local day the pause was set: days before it were not paused, so a pause
	// set today cannot excuse a day already missed.
	PausedFrom string `json:"paused_from,omitempty"`
}

// PausedOn reports whether day falls in the user's pause.
func (u User) PausedOn(day string) bool {
	p := u.Preferences
	return p.PausedUntil != "" && p.PausedFrom <= day && day <= p.PausedUntil
}

// planPause applies a new or changed pause to the preferences: until is the pause's last day,
// from its first. A pause cannot start in the past, so a day already missed is never excused;
// the start of an ongoing pause stays where it is.
func (p *Preferences) planPause(pp PreferencesPatch, today string) error {
	ongoing := p.PausedUntil != "" && p.PausedUntil >= today && p.PausedFrom <= today
	until, from := p.PausedUntil, p.PausedFrom
	if p.PausedUntil == "" || p.PausedUntil < today {
		until, from = "", today // no pause, or one that is over: a new one starts today
	}
	if pp.PausedUntil != nil {
		if _, err := ParseDate("preferences.paused_until", *pp.PausedUntil); err != nil {
			return err
		}
		if *pp.PausedUntil < today {
			return InvalidField("preferences.paused_until", "must be today or later; a pause cannot end in the past")
		}
		until = *pp.PausedUntil
	}
	if pp.PausedFrom != nil && !(ongoing && *pp.PausedFrom == p.PausedFrom) {
		if _, err := ParseDate("preferences.paused_from", *pp.PausedFrom); err != nil {
			return err
		}
		if *pp.PausedFrom < today {
			return InvalidField("preferences.paused_from", "must be today or later; a pause cannot start in the past")
		}
		from = *pp.PausedFrom
	}
	switch {
	case until == "":
		return InvalidField("preferences.paused_until", "is needed with paused_from: the last day of the pause")
	case until < from:
		return InvalidField("preferences.paused_until", "must not be before paused_from")
	}
	p.PausedUntil, p.PausedFrom = until, from
	return nil
}

// QuietHours is a daily local window in which nothing is pushed; it may wrap midnight.
type QuietHours struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// DefaultPreferences are a new user's settings.
func DefaultPreferences() Preferences {
	return Preferences{
		QuietHours:         QuietHours{Start: "21:00", End: "07:30"},
		Workdays:           []int{1, 2, 3, 4, 5},
		ShowOnLeaderboards: true,
	}
}

// EffectiveTimezone is the user's own zone or else the org's.
func (u User) EffectiveTimezone(org Org) string {
	if u.Timezone != "" {
		return u.Timezone
	}
	return org.Timezone
}

// EffectiveReminderTime is the user's own reminder time or else the org's default.
func (u User) EffectiveReminderTime(org Org) string {
	if u.Preferences.ReminderTime != "" {
		return u.Preferences.ReminderTime
	}
	return org.DefaultReminderTime
}

// MePatch is a user's partial change of their own profile.
type MePatch struct {
	Today       string // the user's local day, when a pause starts
	Name        *string
	Timezone    *string
	Locale      *string
	Preferences PreferencesPatch
}

// PreferencesPatch is a partial change of preferences. ClearPausedUntil ends a pause.
type PreferencesPatch struct {
	ReminderTime       *string
	QuietHours         *QuietHours
	Workdays           *[]int
	ShowOnLeaderboards *bool
	PausedUntil        *string
	ClearPausedUntil   bool
	// PausedFrom plans a pause ahead (leave, a holiday): its first day, today or later.
	// Without it a new pause starts today and an ongoing or planned one keeps its start.
	PausedFrom *string
}

// ApplyMe validates p and applies it to u. On error u is unchanged.
func (u *User) ApplyMe(p MePatch) error {
	next := *u
	next.Preferences.Workdays = slices.Clone(u.Preferences.Workdays)
	var fields []FieldError
	collect := collector(&fields)
	if p.Name != nil {
		name, err := CleanText("name", *p.Name, 100)
		collect(err)
		next.Name = name
	}
	if p.Timezone != nil {
		_, err := LoadTimezone("timezone", *p.Timezone)
		collect(err)
		next.Timezone = *p.Timezone
	}
	if p.Locale != nil {
		if !slices.Contains(Locales, *p.Locale) {
			collect(InvalidField("locale", "must be one of "+strings.Join(Locales, ", ")))
		}
		next.Locale = *p.Locale
	}
	pp := p.Preferences
	if pp.ReminderTime != nil {
		collect(ValidateClock("preferences.reminder_time", *pp.ReminderTime))
		next.Preferences.ReminderTime = *pp.ReminderTime
	}
	if pp.QuietHours != nil {
		collect(ValidateClock("preferences.quiet_hours.start", pp.QuietHours.Start))
		collect(ValidateClock("preferences.quiet_hours.end", pp.QuietHours.End))
		next.Preferences.QuietHours = *pp.QuietHours
	}
	if pp.Workdays != nil {
		days, err := ValidateWorkdays("preferences.workdays", *pp.Workdays)
		collect(err)
		next.Preferences.Workdays = days
	}
	if pp.ShowOnLeaderboards != nil {
		next.Preferences.ShowOnLeaderboards = *pp.ShowOnLeaderboards
	}
	if pp.ClearPausedUntil {
		next.Preferences.PausedUntil, next.Preferences.PausedFrom = "", ""
		if pp.PausedFrom != nil {
			collect(InvalidField("preferences.paused_from", "must be left out when paused_until is null"))
		}
	} else if pp.PausedUntil != nil || pp.PausedFrom != nil {
		collect(next.Preferences.planPause(pp, p.Today))
	}
	if len(fields) > 0 {
		return Invalid("invalid", "The profile is not valid.", fields...)
	}
	*u = next
	return nil
}

// UserInput is what an admin gives to create a user.
type UserInput struct {
	Name   string
	Email  string
	Role   string
	TeamID string
}

// NewUser validates in and returns a new active user of org.
func NewUser(org Org, in UserInput, now time.Time) (User, error) {
	var fields []FieldError
	collect := collector(&fields)
	name, err := CleanText("name", in.Name, 100)
	collect(err)
	email, err := NormalizeEmail("email", in.Email)
	collect(err)
	role, err := ParseRole("role", in.Role)
	collect(err)
	if len(fields) > 0 {
		return User{}, Invalid("invalid", "The user is not valid.", fields...)
	}
	prefs := DefaultPreferences()
	prefs.Workdays = org.NewUserWorkdays()
	return User{
		ID: NewID(now), Org: org.ID, Name: name, Email: email, Role: role, TeamID: in.TeamID,
		Active: true, Locale: org.NewUserLocale(), Preferences: prefs, CreatedAt: now.UTC(),
	}, nil
}

// ValidateWorkdays checks a list of workdays (distinct ISO weekdays, 1 = Monday … 7 = Sunday;
// empty is allowed) and answers it sorted.
func ValidateWorkdays(field string, workdays []int) ([]int, error) {
	days := slices.Clone(workdays)
	slices.Sort(days)
	if len(slices.Compact(slices.Clone(days))) != len(days) || len(days) > 7 || (len(days) > 0 && (days[0] < 1 || days[len(days)-1] > 7)) {
		return days, InvalidField(field, "must be distinct ISO weekdays from 1 (Monday) to 7 (Sunday)")
	}
	return days, nil
}

// UserPatch is an admin's partial change of a user. ClearTeam removes the user from their team.
// Timezone, Locale and Workdays are checked as the user's own change of them (ApplyMe) is.
type UserPatch struct {
	Name      *string
	Email     *string
	Role      *string
	TeamID    *string
	ClearTeam bool
	Active    *bool
	Timezone  *string
	Locale    *string
	Workdays  *[]int
}

// Apply validates p and applies it to u. Deactivation ends the user's sessions. On error u is
// unchanged.
func (u *User) Apply(p UserPatch, now time.Time) error {
	next := *u
	var fields []FieldError
	collect := collector(&fields)
	if p.Name != nil {
		name, err := CleanText("name", *p.Name, 100)
		collect(err)
		next.Name = name
	}
	if p.Email != nil {
		email, err := NormalizeEmail("email", *p.Email)
		collect(err)
		next.Email = email
	}
	if p.Role != nil {
		role, err := ParseRole("role", *p.Role)
		collect(err)
		next.Role = role
	}
	if p.ClearTeam {
		next.TeamID = ""
	} else if p.TeamID != nil {
		next.TeamID = *p.TeamID
	}
	if p.Active != nil {
		next.Active = *p.Active
	}
	if p.Timezone != nil {
		_, err := LoadTimezone("timezone", *p.Timezone)
		collect(err)
		next.Timezone = *p.Timezone
	}
	if p.Locale != nil {
		if !slices.Contains(Locales, *p.Locale) {
			collect(InvalidField("locale", "must be one of "+strings.Join(Locales, ", ")))
		}
		next.Locale = *p.Locale
	}
	if p.Workdays != nil {
		days, err := ValidateWorkdays("workdays", *p.Workdays)
		collect(err)
		next.Preferences.Workdays = days
	}
	if len(fields) > 0 {
		return Invalid("invalid", "The user is not valid.", fields...)
	}
	if u.Active && !next.Active {
		next.SessionsValidAfter = now.UTC()
	}
	*u = next
	return nil
}
