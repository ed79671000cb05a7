package handlers

import (
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"
)

// Users (contract §8): CRUD, unique emails, teams, the last admin and pagination.

func TestUsers(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	utrecht, zeist := a.team(admin, "Store Utrecht"), a.team(admin, "Store Zeist")

	t.Run("a created user can be read, listed and changed", func(t *testing.T) {
		a := a.in(t)
		var created UserCreated
		a.call("POST", "/v1/admin/users", admin.AccessToken, map[string]any{
			"name": " Sanne de Vries ", "email": "Sanne@Acme.Example", "role": "employee", "team_id": utrecht.Id,
		}).expect(201).decode(&created)
		u := created.User
		if u.Id == "" || u.Name != "Sanne de Vries" || u.Email != "sanne@acme.example" || u.Role != RoleEmployee ||
			u.Team == nil || u.Team.Id != utrecht.Id || u.Team.Name != "Store Utrecht" || !u.Active || u.Enrolled ||
			u.Timezone != "Europe/Amsterdam" || u.Locale != "en" || !u.CreatedAt.Equal(a.clock.Now()) {
			t.Fatalf("created %+v", u)
		}
		if created.EnrollmentCode == "" || !created.EnrollmentCodeExpiresAt.Equal(a.clock.Now().Add(14*day)) {
			t.Fatalf("code %q expiring %s", created.EnrollmentCode, created.EnrollmentCodeExpiresAt)
		}
		var got User
		a.call("GET", "/v1/admin/users/"+u.Id, admin.AccessToken, nil).expect(200).decode(&got)
		if !reflect.DeepEqual(got, u) {
			t.Fatalf("read %+v, created %+v", got, u)
		}

		var changed User
		a.call("PATCH", "/v1/admin/users/"+u.Id, admin.AccessToken, map[string]any{
			"name": "Sanne Bakker", "email": "SANNE.BAKKER@acme.example", "role": "lead", "team_id": zeist.Id,
		}).expect(200).decode(&changed)
		if changed.Name != "Sanne Bakker" || changed.Email != "sanne.bakker@acme.example" || changed.Role != RoleLead ||
			changed.Team == nil || changed.Team.Id != zeist.Id || !changed.Active {
			t.Fatalf("changed %+v", changed)
		}
		// Only the fields sent change.
		a.call("PATCH", "/v1/admin/users/"+u.Id, admin.AccessToken, map[string]any{"name": "Sanne B."}).expect(200).decode(&changed)
		if changed.Email != "sanne.bakker@acme.example" || changed.Role != RoleLead || changed.Team == nil || changed.Team.Id != zeist.Id {
			t.Fatalf("a name change changed more: %+v", changed)
		}
		// The old address is free again, the new one is indexed.
		a.call("POST", "/v1/admin/users", admin.AccessToken, map[string]any{"name": "Other Sanne", "email": "sanne@acme.example", "role": "employee"}).expect(201)
		a.call("POST", "/v1/admin/users", admin.AccessToken, map[string]any{"name": "Third Sanne", "email": "sanne.bakker@acme.example", "role": "employee"}).wantProblem(409, "email_taken")
	})

	t.Run("an unknown user is 404", func(t *testing.T) {
		a := a.in(t)
		a.call("GET", "/v1/admin/users/06H0ETT400RZHYRBD8SDCVK2C4", admin.AccessToken, nil).wantProblem(404, "not_found")
		a.call("PATCH", "/v1/admin/users/06H0ETT400RZHYRBD8SDCVK2C4", admin.AccessToken, map[string]any{"name": "X"}).wantProblem(404, "not_found")
		a.call("POST", "/v1/admin/users/06H0ETT400RZHYRBD8SDCVK2C4/enrollment-code", admin.AccessToken, nil).wantProblem(404, "not_found")
	})

	t.Run("emails are unique regardless of case", func(t *testing.T) {
		a := a.in(t)
		first := a.user(admin, "Eva Jansen", "employee", "") // eva.jansen@acme.example
		other := a.user(admin, "Tom Bakker", "employee", "")
		for _, email := range []string{"eva.jansen@acme.example", "Eva.Jansen@ACME.example", " EVA.JANSEN@acme.example "} {
			a.call("POST", "/v1/admin/users", admin.AccessToken, map[string]any{"name": "Copy", "email": email, "role": "employee"}).wantProblem(409, "email_taken")
		}
		a.call("PATCH", "/v1/admin/users/"+other.User.Id, admin.AccessToken, map[string]any{"email": "EVA.jansen@acme.example"}).wantProblem(409, "email_taken")
		// A user may re-send their own address in another case.
		a.call("PATCH", "/v1/admin/users/"+first.User.Id, admin.AccessToken, map[string]any{"email": "EVA.JANSEN@acme.example"}).expect(200)
	})

	t.Run("an unknown team_id is 422 and stores nothing", func(t *testing.T) {
		a := a.in(t)
		before := a.counts(admin)
		p := a.call("POST", "/v1/admin/users", admin.AccessToken, map[string]any{"name": "No Team", "email": "noteam@acme.example", "role": "employee", "team_id": "nosuchteam"}).
			wantProblem(422, "invalid")
		if !p.names("team_id") {
			t.Fatalf("errors name %v", p.fieldNames())
		}
		if after := a.counts(admin); after != before {
			t.Fatalf("counts %+v, before %+v", after, before)
		}
		u := a.user(admin, "Stays Put", "employee", utrecht.Id)
		a.call("PATCH", "/v1/admin/users/"+u.User.Id, admin.AccessToken, map[string]any{"team_id": "nosuchteam", "name": "Moved"}).wantProblem(422, "invalid")
		var got User
		a.call("GET", "/v1/admin/users/"+u.User.Id, admin.AccessToken, nil).expect(200).decode(&got)
		if got.Name != "Stays Put" || got.Team == nil || got.Team.Id != utrecht.Id {
			t.Fatalf("stored %+v", got)
		}
	})

	t.Run("team_id null and absent mean different things", func(t *testing.T) {
		a := a.in(t)
		u := a.user(admin, "Null Nel", "employee", utrecht.Id)
		var got User
		a.call("PATCH", "/v1/admin/users/"+u.User.Id, admin.AccessToken, map[string]any{"name": "Nel"}).expect(200).decode(&got)
		if got.Team == nil {
			t.Fatal("an absent team_id removed the team")
		}
		a.call("PATCH", "/v1/admin/users/"+u.User.Id, admin.AccessToken, map[string]any{"team_id": nil}).expect(200).decode(&got)
		if got.Team != nil {
			t.Fatalf("team %+v after team_id null", got.Team)
		}
		var team UserList
		a.call("GET", "/v1/admin/users?team_id="+utrecht.Id+"&limit=100", admin.AccessToken, nil).expect(200).decode(&team)
		for _, m := range team.Items {
			if m.Id == u.User.Id {
				t.Fatal("still listed in the team")
			}
		}
	})

	t.Run("a user with team_id null is created without a team", func(t *testing.T) {
		a := a.in(t)
		var created UserCreated
		a.call("POST", "/v1/admin/users", admin.AccessToken, map[string]any{"name": "No Team Nina", "email": "nina@acme.example", "role": "employee", "team_id": nil}).
			expect(201).decode(&created)
		if created.User.Team != nil {
			t.Fatalf("team %+v", created.User.Team)
		}
	})

	t.Run("?team_id lists only that team's users, in creation order", func(t *testing.T) {
		a := a.in(t)
		north, south := a.team(admin, "North"), a.team(admin, "South")
		var want []string
		for i := range 5 {
			a.clock.Advance(time.Millisecond)
			u := a.user(admin, "North User "+strconv.Itoa(i), "employee", north.Id)
			a.user(admin, "South User "+strconv.Itoa(i), "employee", south.Id)
			want = append(want, u.User.Id)
		}
		if got := a.listAll("/v1/admin/users?team_id="+north.Id, admin.AccessToken, 2); !slices.Equal(got, want) {
			t.Fatalf("north lists %v, want %v", got, want)
		}
	})
}

func TestLastAdmin(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")

	t.Run("the only active admin cannot be demoted or deactivated", func(t *testing.T) {
		a := a.in(t)
		for _, body := range []map[string]any{
			{"role": "lead"}, {"role": "employee"}, {"active": false}, {"active": false, "role": "admin"},
		} {
			a.call("PATCH", "/v1/admin/users/"+admin.User.Id, admin.AccessToken, body).wantProblem(409, "last_admin")
		}
		var me Me
		a.call("GET", "/v1/me", admin.AccessToken, nil).expect(200).decode(&me)
		if me.Role != RoleAdmin {
			t.Fatalf("role %s", me.Role)
		}
	})

	t.Run("a deactivated admin does not count as another admin", func(t *testing.T) {
		a := a.in(t)
		second := a.user(admin, "Sleeping Admin", "admin", "")
		a.call("PATCH", "/v1/admin/users/"+second.User.Id, admin.AccessToken, map[string]any{"active": false}).expect(200)
		a.call("PATCH", "/v1/admin/users/"+admin.User.Id, admin.AccessToken, map[string]any{"role": "employee"}).wantProblem(409, "last_admin")
		// Reactivated, they count again.
		a.call("PATCH", "/v1/admin/users/"+second.User.Id, admin.AccessToken, map[string]any{"active": true}).expect(200)
	})

	t.Run("with a second active admin either may be demoted, but not both", func(t *testing.T) {
		a := a.in(t)
		first := a.org("beta")
		second := a.member(first, "Second Admin", "admin", "")
		a.call("PATCH", "/v1/admin/users/"+first.User.Id, second.AccessToken, map[string]any{"role": "lead"}).expect(200)
		a.call("PATCH", "/v1/admin/users/"+second.User.Id, second.AccessToken, map[string]any{"active": false}).wantProblem(409, "last_admin")
		a.call("PATCH", "/v1/admin/users/"+second.User.Id, second.AccessToken, map[string]any{"role": "employee"}).wantProblem(409, "last_admin")
	})

	t.Run("promoting a user to admin makes room to demote the first", func(t *testing.T) {
		a := a.in(t)
		first := a.org("gamma")
		lead := a.user(first, "Lead To Admin", "lead", "")
		a.call("PATCH", "/v1/admin/users/"+lead.User.Id, first.AccessToken, map[string]any{"role": "admin"}).expect(200)
		a.call("PATCH", "/v1/admin/users/"+first.User.Id, first.AccessToken, map[string]any{"active": false}).expect(200)
	})
}

func TestUserPagination(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	want := []string{admin.User.Id}
	for i := range 11 {
		a.clock.Advance(time.Millisecond) // ids sort by creation time to the millisecond
		want = append(want, a.user(admin, "Paged User "+strconv.Itoa(i), "employee", "").User.Id)
	}

	for _, limit := range []int{1, 3, 4, 11, 12, 100} {
		t.Run("pages of "+strconv.Itoa(limit)+" cover every user exactly once, in creation order", func(t *testing.T) {
			a := a.in(t)
			if got := a.listAll("/v1/admin/users", admin.AccessToken, limit); !slices.Equal(got, want) {
				t.Fatalf("listed %v\nwant   %v", got, want)
			}
		})
	}

	t.Run("the default page is 20", func(t *testing.T) {
		a := a.in(t)
		var page UserList
		a.call("GET", "/v1/admin/users", admin.AccessToken, nil).expect(200).decode(&page)
		if len(page.Items) != 12 || page.NextCursor != nil {
			t.Fatalf("%d items, next %v", len(page.Items), page.NextCursor)
		}
	})

	t.Run("a full last page has no next cursor beyond it", func(t *testing.T) {
		a := a.in(t)
		var page UserList
		a.call("GET", "/v1/admin/users?limit=6", admin.AccessToken, nil).expect(200).decode(&page)
		if page.NextCursor == nil {
			t.Fatal("no cursor after the first of two full pages")
		}
		a.call("GET", "/v1/admin/users?limit=6&cursor="+*page.NextCursor, admin.AccessToken, nil).expect(200).decode(&page)
		if len(page.Items) != 6 {
			t.Fatalf("second page has %d", len(page.Items))
		}
		if page.NextCursor != nil {
			var rest UserList
			a.call("GET", "/v1/admin/users?limit=6&cursor="+*page.NextCursor, admin.AccessToken, nil).expect(200).decode(&rest)
			if len(rest.Items) != 0 || rest.NextCursor != nil {
				t.Fatalf("after the last page: %+v", rest)
			}
		}
	})

	t.Run("users created while paging appear at the end", func(t *testing.T) {
		a := a.in(t)
		var page UserList
		a.call("GET", "/v1/admin/users?limit=5", admin.AccessToken, nil).expect(200).decode(&page)
		a.clock.Advance(time.Millisecond)
		late := a.user(admin, "Late Comer", "employee", "")
		got := []string{}
		for _, u := range page.Items {
			got = append(got, u.Id)
		}
		cursor := page.NextCursor
		for cursor != nil {
			var next UserList
			a.call("GET", "/v1/admin/users?limit=5&cursor="+*cursor, admin.AccessToken, nil).expect(200).decode(&next)
			for _, u := range next.Items {
				got = append(got, u.Id)
			}
			cursor = next.NextCursor
		}
		if !slices.Equal(got, append(slices.Clone(want), late.User.Id)) {
			t.Fatalf("listed %v", got)
		}
	})
}
