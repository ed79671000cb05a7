package handlers

import (
	"encoding/json"
	"reflect"
	"testing"
)

// Tenant isolation and roles (contract §2 and §8): another org's objects are 404, never
// revealed or changed; admin routes are for admins only.

func TestOrgIsolation(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	acme, globex := a.org("acme"), a.org("globex")
	acmeLead := a.member(acme, "Lena Lead", "lead", "")
	acmeTeam := a.team(acme, "Store Utrecht", acmeLead.User.Id)
	acmeEmpty := a.team(acme, "Empty Team")
	acmeUser := a.user(acme, "Eva Jansen", "employee", acmeTeam.Id)
	globexTeam := a.team(globex, "Head Office")

	// snapshot is what acme's admin sees of acme's objects.
	snapshot := func(a *testAPI) map[string]json.RawMessage {
		out := map[string]json.RawMessage{}
		for _, path := range []string{
			"/v1/admin/teams/" + acmeTeam.Id, "/v1/admin/teams/" + acmeEmpty.Id,
			"/v1/admin/users/" + acmeUser.User.Id, "/v1/admin/users/" + acmeLead.User.Id,
			"/v1/admin/users?team_id=" + acmeTeam.Id, "/v1/admin/org",
		} {
			out[path] = a.call("GET", path, acme.AccessToken, nil).expect(200).Body
		}
		return out
	}
	before := snapshot(a)

	for _, tc := range []struct {
		name, method, path string
		body               any
	}{
		{"reading a team", "GET", "/v1/admin/teams/" + acmeTeam.Id, nil},
		{"renaming a team", "PATCH", "/v1/admin/teams/" + acmeTeam.Id, map[string]any{"name": "Hijacked"}},
		{"changing a team's leads", "PATCH", "/v1/admin/teams/" + acmeTeam.Id, map[string]any{"lead_ids": []string{}}},
		{"deleting an empty team", "DELETE", "/v1/admin/teams/" + acmeEmpty.Id, nil},
		{"deleting a team with members", "DELETE", "/v1/admin/teams/" + acmeTeam.Id, nil},
		{"reading a user", "GET", "/v1/admin/users/" + acmeUser.User.Id, nil},
		{"changing a user", "PATCH", "/v1/admin/users/" + acmeUser.User.Id, map[string]any{"name": "Hijacked", "email": "evil@globex.example"}},
		{"deactivating a user", "PATCH", "/v1/admin/users/" + acmeLead.User.Id, map[string]any{"active": false}},
		{"promoting a user", "PATCH", "/v1/admin/users/" + acmeUser.User.Id, map[string]any{"role": "admin"}},
		{"moving a user to one's own team", "PATCH", "/v1/admin/users/" + acmeUser.User.Id, map[string]any{"team_id": globexTeam.Id}},
		{"issuing an enrollment code", "POST", "/v1/admin/users/" + acmeUser.User.Id + "/enrollment-code", nil},
		{"listing a team's users", "GET", "/v1/admin/users?team_id=" + acmeTeam.Id, nil},
		{"reading the org's admin", "GET", "/v1/admin/users/" + acme.User.Id, nil},
	} {
		t.Run(tc.name+" of another org is 404 not_found and changes nothing", func(t *testing.T) {
			a := a.in(t)
			res := a.call(tc.method, tc.path, globex.AccessToken, tc.body)
			res.wantProblem(404, "not_found")
			if after := snapshot(a); !reflect.DeepEqual(before, after) {
				t.Fatalf("acme changed:\nbefore %s\nafter  %s", mustJSON(before), mustJSON(after))
			}
		})
	}

	t.Run("404 for another org's id reads the same as for an id that exists nowhere", func(t *testing.T) {
		a := a.in(t)
		theirs := a.call("GET", "/v1/admin/users/"+acmeUser.User.Id, globex.AccessToken, nil).problem()
		nowhere := a.call("GET", "/v1/admin/users/"+"06H0ETT400RZHYRBD8SDCVK2C4", globex.AccessToken, nil).problem()
		if !reflect.DeepEqual(theirs, nowhere) {
			t.Fatalf("the answers differ: %+v and %+v", theirs, nowhere)
		}
	})

	t.Run("the other org's enrollment code still works", func(t *testing.T) {
		a := a.in(t)
		a.enroll(acmeUser.EnrollmentCode)
	})

	for _, tc := range []struct {
		name, method, path string
		body               any
	}{
		{"a user in another org's team", "POST", "/v1/admin/users", map[string]any{"name": "Spy", "email": "spy@globex.example", "role": "employee", "team_id": acmeTeam.Id}},
		{"a team led by another org's lead", "POST", "/v1/admin/teams", map[string]any{"name": "Spies", "lead_ids": []string{acmeLead.User.Id}}},
		{"one's team led by another org's lead", "PATCH", "/v1/admin/teams/" + globexTeam.Id, map[string]any{"lead_ids": []string{acmeLead.User.Id}}},
		{"one's user moved into another org's team", "PATCH", "/v1/admin/users/" + globex.User.Id, map[string]any{"team_id": acmeTeam.Id}},
	} {
		t.Run("referring to another org's object in a body is 422, as for an unknown id: "+tc.name, func(t *testing.T) {
			a := a.in(t)
			a.call(tc.method, tc.path, globex.AccessToken, tc.body).wantProblem(422, "invalid")
		})
	}

	t.Run("lists show only the caller's org", func(t *testing.T) {
		a := a.in(t)
		var teams TeamList
		a.call("GET", "/v1/admin/teams", globex.AccessToken, nil).expect(200).decode(&teams)
		if len(teams.Items) != 1 || teams.Items[0].Id != globexTeam.Id {
			t.Fatalf("globex sees teams %+v", teams.Items)
		}
		var users UserList
		a.call("GET", "/v1/admin/users", globex.AccessToken, nil).expect(200).decode(&users)
		if len(users.Items) != 1 || users.Items[0].Id != globex.User.Id {
			t.Fatalf("globex sees users %+v", users.Items)
		}
		if ids := a.listAll("/v1/admin/users", acme.AccessToken, 100); len(ids) != 3 {
			t.Fatalf("acme sees %d users, want 3", len(ids))
		}
	})

	t.Run("an email may be used once in every org", func(t *testing.T) {
		a := a.in(t)
		a.call("POST", "/v1/admin/users", globex.AccessToken, map[string]any{"name": "Eva Two", "email": "eva.jansen@acme.example", "role": "employee"}).expect(201)
	})

	t.Run("a team name may be used once in every org", func(t *testing.T) {
		a := a.in(t)
		a.team(globex, "Store Utrecht")
	})

	t.Run("org settings are the caller's own", func(t *testing.T) {
		a := a.in(t)
		a.call("PATCH", "/v1/admin/org", globex.AccessToken, map[string]any{"name": "Globex Renamed", "swaps_per_day": 5}).expect(200)
		var org OrgSettings
		a.call("GET", "/v1/admin/org", acme.AccessToken, nil).expect(200).decode(&org)
		if org.Id != "acme" || org.Name != "Org acme" || org.SwapsPerDay != 2 {
			t.Fatalf("acme's settings changed: %+v", org)
		}
	})
}

func TestAdminRoutesNeedAdmin(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	lead := a.member(admin, "Lena Lead", "lead", "")
	team := a.team(admin, "Store Utrecht", lead.User.Id)
	employee := a.member(admin, "Eva Jansen", "employee", team.Id)
	csv := "name,email,role,team\nNew Person,new@acme.example,employee,\n"

	routes := []struct {
		method, path string
		body         any
		headers      []string
	}{
		{"GET", "/v1/admin/org", nil, nil},
		{"PATCH", "/v1/admin/org", map[string]any{"name": "Taken Over"}, nil},
		{"GET", "/v1/admin/teams", nil, nil},
		{"POST", "/v1/admin/teams", map[string]any{"name": "Rogue Team"}, nil},
		{"GET", "/v1/admin/teams/" + team.Id, nil, nil},
		{"PATCH", "/v1/admin/teams/" + team.Id, map[string]any{"name": "Renamed"}, nil},
		{"DELETE", "/v1/admin/teams/" + team.Id, nil, nil},
		{"GET", "/v1/admin/users", nil, nil},
		{"GET", "/v1/admin/users?team_id=" + team.Id, nil, nil},
		{"POST", "/v1/admin/users", map[string]any{"name": "Rogue", "email": "rogue@acme.example", "role": "admin"}, nil},
		{"POST", "/v1/admin/users/import", csv, []string{"Content-Type", "text/csv"}},
		{"GET", "/v1/admin/users/" + employee.User.Id, nil, nil},
		{"PATCH", "/v1/admin/users/" + employee.User.Id, map[string]any{"role": "admin"}, nil},
		{"PATCH", "/v1/admin/users/" + lead.User.Id, map[string]any{"role": "admin"}, nil},
		{"POST", "/v1/admin/users/" + employee.User.Id + "/enrollment-code", nil, nil},
	}
	before := a.counts(admin)
	for _, caller := range []struct {
		role    string
		session Session
	}{{"an employee", employee}, {"a lead", lead}} {
		for _, r := range routes {
			t.Run(caller.role+" gets 403 forbidden on "+r.method+" "+r.path, func(t *testing.T) {
				a := a.in(t)
				a.call(r.method, r.path, caller.session.AccessToken, r.body, r.headers...).wantProblem(403, "forbidden")
			})
		}
	}
	t.Run("and nothing was created, changed or deleted", func(t *testing.T) {
		a := a.in(t)
		if after := a.counts(admin); after != before {
			t.Fatalf("counts %+v, before %+v", after, before)
		}
		var u User
		a.call("GET", "/v1/admin/users/"+employee.User.Id, admin.AccessToken, nil).expect(200).decode(&u)
		if u.Role != RoleEmployee {
			t.Fatalf("the employee is now %s", u.Role)
		}
		var tm Team
		a.call("GET", "/v1/admin/teams/"+team.Id, admin.AccessToken, nil).expect(200).decode(&tm)
		if tm.Name != "Store Utrecht" {
			t.Fatalf("the team is now %q", tm.Name)
		}
		var org OrgSettings
		a.call("GET", "/v1/admin/org", admin.AccessToken, nil).expect(200).decode(&org)
		if org.Name != "Org acme" {
			t.Fatalf("the org is now %q", org.Name)
		}
	})
	t.Run("without a token every admin route is 401", func(t *testing.T) {
		a := a.in(t)
		for _, r := range routes {
			a.call(r.method, r.path, "", r.body, r.headers...).wantProblem(401, "unauthorized")
		}
	})
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
