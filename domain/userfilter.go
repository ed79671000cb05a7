package domain

import "strings"

// UserFilter picks users for the admin's list: Query is a case-insensitive part of the name or
// email address; Role and Active, when set, must match. The zero filter picks everyone.
type UserFilter struct {
	Query  string
	Role   Role
	Active *bool
}

// Empty reports whether the filter picks everyone.
func (f UserFilter) Empty() bool { return f.Query == "" && f.Role == "" && f.Active == nil }

// Matches reports whether the filter picks u.
func (f UserFilter) Matches(u User) bool {
	if f.Role != "" && u.Role != f.Role {
		return false
	}
	if f.Active != nil && u.Active != *f.Active {
		return false
	}
	if f.Query == "" {
		return true
	}
	q := strings.ToLower(f.Query)
	return strings.Contains(strings.ToLower(u.Name), q) || strings.Contains(strings.ToLower(u.Email), q)
}
