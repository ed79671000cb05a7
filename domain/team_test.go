package domain

import "testing"

func TestTeamVisibleTo(t *testing.T) {
	red := Team{ID: "A1", Org: "acme", LeadIDs: []string{"lena"}}
	for _, tc := range []struct {
		name string
		p    Principal
		want bool
	}{
		{"an admin sees every team of the org", Principal{Org: "acme", UserID: "ada", Role: RoleAdmin}, true},
		{"an admin of another org sees none", Principal{Org: "beta", UserID: "ada", Role: RoleAdmin}, false},
		{"a lead sees a team listing them", Principal{Org: "acme", UserID: "lena", Role: RoleLead}, true},
		{"a lead does not see a team they only belong to", Principal{Org: "acme", UserID: "lars", Role: RoleLead, TeamID: "A1"}, false},
		{"a lead of another org with the same id sees nothing", Principal{Org: "beta", UserID: "lena", Role: RoleLead}, false},
		{"an employee sees their own team", Principal{Org: "acme", UserID: "eva", Role: RoleEmployee, TeamID: "A1"}, true},
		{"an employee does not see another team", Principal{Org: "acme", UserID: "eva", Role: RoleEmployee, TeamID: "B2"}, false},
		{"an employee without a team sees none", Principal{Org: "acme", UserID: "eva", Role: RoleEmployee}, false},
		{"an employee listed as a lead (demoted) sees only their own team", Principal{Org: "acme", UserID: "lena", Role: RoleEmployee, TeamID: "B2"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := red.VisibleTo(tc.p); got != tc.want {
				t.Fatalf("VisibleTo = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTeamDashboardVisibleTo(t *testing.T) {
	red := Team{ID: "A1", Org: "acme", LeadIDs: []string{"lena"}}
	for _, tc := range []struct {
		name string
		p    Principal
		want bool
	}{
		{"an admin sees every team's", Principal{Org: "acme", UserID: "ada", Role: RoleAdmin}, true},
		{"an admin of another org sees none", Principal{Org: "beta", UserID: "ada", Role: RoleAdmin}, false},
		{"a lead the team lists sees it", Principal{Org: "acme", UserID: "lena", Role: RoleLead}, true},
		{"a lead of another org with the same id does not", Principal{Org: "beta", UserID: "lena", Role: RoleLead}, false},
		{"a lead who only belongs to the team does not", Principal{Org: "acme", UserID: "lars", Role: RoleLead, TeamID: "A1"}, false},
		{"a member does not", Principal{Org: "acme", UserID: "eva", Role: RoleEmployee, TeamID: "A1"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := red.DashboardVisibleTo(tc.p); got != tc.want {
				t.Fatalf("DashboardVisibleTo = %v, want %v", got, tc.want)
			}
		})
	}
}
