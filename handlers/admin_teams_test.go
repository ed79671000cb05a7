package handlers

import (
	"slices"
	"testing"
	"time"
)

// Teams (contract §8): CRUD, unique names, leads, deletion rules and member counts.

func TestTeams(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	lead := a.member(admin, "Lena Lead", "lead", "")
	employee := a.user(admin, "Eva Jansen", "employee", "")
	inactiveLead := a.user(admin, "Old Lead", "lead", "")
	a.call("PATCH", "/v1/admin/users/"+inactiveLead.User.Id, admin.AccessToken, map[string]any{"active": false}).expect(200)

	t.Run("a created team can be read, listed, changed and deleted", func(t *testing.T) {
		a := a.in(t)
		var created Team
		a.call("POST", "/v1/admin/teams", admin.AccessToken, map[string]any{"name": "  Store Utrecht  ", "lead_ids": []string{lead.User.Id}}).
			expect(201).decode(&created)
		if created.Id == "" || created.Name != "Store Utrecht" || !slices.Equal(created.LeadIds, []string{lead.User.Id}) ||
			created.MemberCount != 0 || !created.CreatedAt.Equal(a.clock.Now()) {
			t.Fatalf("created %+v", created)
		}
		var got Team
		a.call("GET", "/v1/admin/teams/"+created.Id, admin.AccessToken, nil).expect(200).decode(&got)
		if got.Id != created.Id || got.Name != created.Name || !slices.Equal(got.LeadIds, created.LeadIds) {
			t.Fatalf("read %+v, created %+v", got, created)
		}
		if ids := a.listAll("/v1/admin/teams", admin.AccessToken, 100); !slices.Contains(ids, created.Id) {
			t.Fatalf("list %v lacks %s", ids, created.Id)
		}

		var renamed Team
		a.call("PATCH", "/v1/admin/teams/"+created.Id, admin.AccessToken, map[string]any{"name": "Store Utrecht Centrum"}).expect(200).decode(&renamed)
		if renamed.Name != "Store Utrecht Centrum" || !slices.Equal(renamed.LeadIds, []string{lead.User.Id}) {
			t.Fatalf("renamed %+v: a name change must keep the leads", renamed)
		}
		var releaded Team
		a.call("PATCH", "/v1/admin/teams/"+created.Id, admin.AccessToken, map[string]any{"lead_ids": []string{admin.User.Id}}).expect(200).decode(&releaded)
		if releaded.Name != "Store Utrecht Centrum" || !slices.Equal(releaded.LeadIds, []string{admin.User.Id}) {
			t.Fatalf("re-led %+v: lead_ids replaces the list and keeps the name", releaded)
		}
		a.call("PATCH", "/v1/admin/teams/"+created.Id, admin.AccessToken, map[string]any{"lead_ids": []string{}}).expect(200).decode(&releaded)
		if len(releaded.LeadIds) != 0 {
			t.Fatalf("leads %v after clearing", releaded.LeadIds)
		}

		a.call("DELETE", "/v1/admin/teams/"+created.Id, admin.AccessToken, nil).expect(204)
		a.call("GET", "/v1/admin/teams/"+created.Id, admin.AccessToken, nil).wantProblem(404, "not_found")
		a.call("DELETE", "/v1/admin/teams/"+created.Id, admin.AccessToken, nil).wantProblem(404, "not_found")
		a.call("PATCH", "/v1/admin/teams/"+created.Id, admin.AccessToken, map[string]any{"name": "Ghost"}).wantProblem(404, "not_found")
	})

	t.Run("a deleted team's name is free again", func(t *testing.T) {
		a := a.in(t)
		first := a.team(admin, "Pop-up Store")
		a.call("DELETE", "/v1/admin/teams/"+first.Id, admin.AccessToken, nil).expect(204)
		second := a.team(admin, "POP-UP STORE")
		if second.Id == first.Id {
			t.Fatal("the new team reuses the deleted id")
		}
	})

	t.Run("team names are unique regardless of case", func(t *testing.T) {
		a := a.in(t)
		zeist := a.team(admin, "Store Zeist")
		amersfoort := a.team(admin, "Store Amersfoort")
		for _, name := range []string{"Store Zeist", "store zeist", "STORE ZEIST", " Store Zeist "} {
			a.call("POST", "/v1/admin/teams", admin.AccessToken, map[string]any{"name": name}).wantProblem(409, "team_name_taken")
		}
		a.call("PATCH", "/v1/admin/teams/"+amersfoort.Id, admin.AccessToken, map[string]any{"name": "STORE zeist"}).wantProblem(409, "team_name_taken")
		// A team may change the case of its own name.
		var got Team
		a.call("PATCH", "/v1/admin/teams/"+zeist.Id, admin.AccessToken, map[string]any{"name": "STORE ZEIST"}).expect(200).decode(&got)
		if got.Name != "STORE ZEIST" {
			t.Fatalf("name %q", got.Name)
		}
		// The old name of a renamed team is free again.
		a.call("PATCH", "/v1/admin/teams/"+amersfoort.Id, admin.AccessToken, map[string]any{"name": "Store Amersfoort Noord"}).expect(200)
		a.team(admin, "store amersfoort")
	})

	for _, tc := range []struct {
		name string
		ids  func() []string
	}{
		{"an employee", func() []string { return []string{employee.User.Id} }},
		{"a deactivated lead", func() []string { return []string{inactiveLead.User.Id} }},
		{"an unknown id", func() []string { return []string{"06H0ETT400RZHYRBD8SDCVK2C4"} }},
		{"a good lead beside an employee", func() []string { return []string{lead.User.Id, employee.User.Id} }},
		{"the same lead twice", func() []string { return []string{lead.User.Id, lead.User.Id} }},
	} {
		t.Run("a team led by "+tc.name+" is 422 naming lead_ids", func(t *testing.T) {
			a := a.in(t)
			p := a.call("POST", "/v1/admin/teams", admin.AccessToken, map[string]any{"name": "Led by " + tc.name, "lead_ids": tc.ids()}).wantProblem(422, "invalid")
			if !namesPrefix(p, "lead_ids") {
				t.Fatalf("errors name %v", p.fieldNames())
			}
			existing := a.team(admin, "Existing for "+tc.name)
			a.call("PATCH", "/v1/admin/teams/"+existing.Id, admin.AccessToken, map[string]any{"lead_ids": tc.ids()}).wantProblem(422, "invalid")
			var got Team
			a.call("GET", "/v1/admin/teams/"+existing.Id, admin.AccessToken, nil).expect(200).decode(&got)
			if len(got.LeadIds) != 0 {
				t.Fatalf("leads stored: %v", got.LeadIds)
			}
		})
	}

	t.Run("leads and admins may lead teams, several at once", func(t *testing.T) {
		a := a.in(t)
		tm := a.team(admin, "Co-led", lead.User.Id, admin.User.Id)
		if !slices.Equal(tm.LeadIds, []string{lead.User.Id, admin.User.Id}) {
			t.Fatalf("leads %v", tm.LeadIds)
		}
	})

	t.Run("a team with members cannot be deleted until they are moved out", func(t *testing.T) {
		a := a.in(t)
		tm := a.team(admin, "Store Houten")
		active := a.user(admin, "Hans Houten", "employee", tm.Id)
		inactive := a.user(admin, "Ina Houten", "employee", tm.Id)
		a.call("PATCH", "/v1/admin/users/"+inactive.User.Id, admin.AccessToken, map[string]any{"active": false}).expect(200)

		a.call("DELETE", "/v1/admin/teams/"+tm.Id, admin.AccessToken, nil).wantProblem(409, "team_not_empty")
		a.call("PATCH", "/v1/admin/users/"+active.User.Id, admin.AccessToken, map[string]any{"team_id": nil}).expect(200)
		a.call("DELETE", "/v1/admin/teams/"+tm.Id, admin.AccessToken, nil).wantProblem(409, "team_not_empty") // inactive members count
		a.call("PATCH", "/v1/admin/users/"+inactive.User.Id, admin.AccessToken, map[string]any{"team_id": nil}).expect(200)
		a.call("DELETE", "/v1/admin/teams/"+tm.Id, admin.AccessToken, nil).expect(204)
	})

	t.Run("member_count follows users joining, moving and leaving", func(t *testing.T) {
		a := a.in(t)
		north, south := a.team(admin, "North"), a.team(admin, "South")
		count := func(tm Team) int {
			var got Team
			a.call("GET", "/v1/admin/teams/"+tm.Id, admin.AccessToken, nil).expect(200).decode(&got)
			return got.MemberCount
		}
		ann := a.user(admin, "Ann North", "employee", north.Id)
		a.user(admin, "Bob North", "lead", north.Id)
		if n, s := count(north), count(south); n != 2 || s != 0 {
			t.Fatalf("north %d, south %d after two joined north", n, s)
		}
		a.call("PATCH", "/v1/admin/users/"+ann.User.Id, admin.AccessToken, map[string]any{"team_id": south.Id}).expect(200)
		if n, s := count(north), count(south); n != 1 || s != 1 {
			t.Fatalf("north %d, south %d after a move", n, s)
		}
		a.call("PATCH", "/v1/admin/users/"+ann.User.Id, admin.AccessToken, map[string]any{"team_id": nil}).expect(200)
		if n, s := count(north), count(south); n != 1 || s != 0 {
			t.Fatalf("north %d, south %d after leaving", n, s)
		}
		var list TeamList
		a.call("GET", "/v1/admin/teams?limit=100", admin.AccessToken, nil).expect(200).decode(&list)
		for _, tm := range list.Items {
			if tm.Id == north.Id && tm.MemberCount != 1 {
				t.Fatalf("the list says north has %d", tm.MemberCount)
			}
		}
	})

	t.Run("teams are listed in creation order across pages", func(t *testing.T) {
		a := a.in(t)
		admin := a.org("zeta") // an org of its own, so the list holds only these
		var want []string
		for _, name := range []string{"A", "B", "C", "D", "E"} {
			a.clock.Advance(time.Millisecond) // apart, so ids sort by creation
			want = append(want, a.team(admin, "Team "+name).Id)
		}
		if got := a.listAll("/v1/admin/teams", admin.AccessToken, 2); !slices.Equal(got, want) {
			t.Fatalf("listed %v, want %v", got, want)
		}
	})
}
