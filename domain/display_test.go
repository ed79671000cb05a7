package domain

import (
	"strings"
	"testing"
)

func TestDisplayToken(t *testing.T) {
	token := NewDisplayToken("acme")
	t.Run("a new token parses back to its org and the hash of the whole token", func(t *testing.T) {
		org, hash, ok := ParseDisplayToken(token)
		if !ok || org != "acme" || hash != HashSecret(token) {
			t.Fatalf("ParseDisplayToken(%q) = %q, %q, %v", token, org, hash, ok)
		}
	})
	t.Run("two tokens differ", func(t *testing.T) {
		if NewDisplayToken("acme") == token {
			t.Fatal("two display tokens are equal")
		}
	})
	secret := token[strings.LastIndex(token, ".")+1:]
	for _, tc := range []struct{ name, token string }{
		{"a refresh token is no display token", "acme." + secret},
		{"a token with a shortened secret", token[:len(token)-1]},
		{"a token with a bad org", "mxd.Acme!." + secret},
		{"a token whose secret is not base64url", "mxd.acme." + strings.Repeat("*", 43)},
		{"an empty token", ""},
		{"a JWT-like token", "eyJhbGciOiJFZERTQSJ9.e30.sig"},
	} {
		t.Run(tc.name+" is refused", func(t *testing.T) {
			if _, _, ok := ParseDisplayToken(tc.token); ok {
				t.Fatalf("ParseDisplayToken(%q) accepted it", tc.token)
			}
		})
	}
}

func TestCanManageDisplay(t *testing.T) {
	red := &Team{ID: "B1", Org: "acme", LeadIDs: []string{"L1"}}
	other := &Team{ID: "B1", Org: "other", LeadIDs: []string{"L1"}}
	admin := Principal{Org: "acme", UserID: "A1", Role: RoleAdmin}
	lead := Principal{Org: "acme", UserID: "L1", Role: RoleLead}
	otherLead := Principal{Org: "acme", UserID: "L2", Role: RoleLead}
	member := Principal{Org: "acme", UserID: "E1", Role: RoleEmployee, TeamID: "B1"}
	for _, tc := range []struct {
		name string
		p    Principal
		team *Team
		want bool
	}{
		{"an admin manages the org's display", admin, nil, true},
		{"an admin manages a team's display", admin, red, true},
		{"an admin does not manage another org's team's display", admin, other, false},
		{"a lead manages their team's display", lead, red, true},
		{"a lead does not manage the org's display", lead, nil, false},
		{"a lead does not manage a team they do not lead", otherLead, red, false},
		{"a lead does not manage another org's team's display", lead, other, false},
		{"a member does not manage their own team's display", member, red, false},
		{"a member does not manage the org's display", member, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CanManageDisplay(tc.p, tc.team); got != tc.want {
				t.Fatalf("CanManageDisplay = %v, want %v", got, tc.want)
			}
		})
	}
}
