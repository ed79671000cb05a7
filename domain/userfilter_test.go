package domain

import "testing"

func TestUserFilterMatches(t *testing.T) {
	yes, no := true, false
	eva := User{Name: "Eva Jansen", Email: "eva.jansen@acme.example", Role: RoleEmployee, Active: true}
	gone := User{Name: "Günther Groß", Email: "g@acme.example", Role: RoleLead, Active: false}
	for _, tc := range []struct {
		name   string
		filter UserFilter
		user   User
		want   bool
	}{
		{"the empty filter picks everyone", UserFilter{}, gone, true},
		{"a part of the name, in other case", UserFilter{Query: "JANS"}, eva, true},
		{"a part of the email address", UserFilter{Query: "@acme.EX"}, eva, true},
		{"a text in neither", UserFilter{Query: "piet"}, eva, false},
		{"a part of a name beyond ASCII", UserFilter{Query: "GÜNTHER"}, gone, true},
		{"the role", UserFilter{Role: RoleLead}, gone, true},
		{"another role", UserFilter{Role: RoleLead}, eva, false},
		{"active users", UserFilter{Active: &yes}, eva, true},
		{"inactive users leave out the active", UserFilter{Active: &no}, eva, false},
		{"inactive users", UserFilter{Active: &no}, gone, true},
		{"all conditions together", UserFilter{Query: "eva", Role: RoleEmployee, Active: &yes}, eva, true},
		{"all but one condition", UserFilter{Query: "eva", Role: RoleAdmin, Active: &yes}, eva, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.filter.Matches(tc.user); got != tc.want {
				t.Fatalf("Matches = %v, want %v", got, tc.want)
			}
		})
	}
}
