package handlers

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The console's users page (issue 21): search and filters, and the profile fields an admin sets.

func TestUsersSearchAndFilters(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	red, blue := a.team(admin, "Red"), a.team(admin, "Blue")
	ids := map[string]string{}
	for _, u := range []struct{ name, role, team string }{
		{"Eva Jansen", "employee", red.Id}, {"Jan Bakker", "lead", red.Id}, {"Sanne de Vries", "employee", blue.Id},
		{"Tom Jansma", "employee", blue.Id}, {"Lotte Smit", "lead", ""},
	} {
		ids[u.name] = a.user(admin, u.name, u.role, u.team).User.Id
	}
	a.patchUser(admin, ids["Tom Jansma"], map[string]any{"active": false}).expect(200)
	a.patchUser(admin, ids["Lotte Smit"], map[string]any{"email": "l.smit@JANSSEN-retail.example"}).expect(200)

	names := func(t *testing.T, query string, limit int) []string {
		t.Helper()
		var got []string
		for _, id := range a.in(t).listAll("/v1/admin/users?"+query, admin.AccessToken, limit) {
			for name, known := range ids {
				if known == id {
					got = append(got, name)
				}
			}
			if id == admin.User.Id {
				got = append(got, "Admin")
			}
		}
		return got
	}
	for _, tc := range []struct {
		name, query string
		want        []string
	}{
		{"q finds a part of the name, whatever its case", "q=JANS", []string{"Eva Jansen", "Tom Jansma", "Lotte Smit"}},
		{"q finds a part of the email address", "q=%40janssen-RETAIL", []string{"Lotte Smit"}},
		{"q that matches nobody answers an empty list", "q=zzz", nil},
		{"role", "role=lead", []string{"Jan Bakker", "Lotte Smit"}},
		{"status=active", "status=active&q=jans", []string{"Eva Jansen", "Lotte Smit"}},
		{"status=inactive", "status=inactive", []string{"Tom Jansma"}},
		{"team_id with q", "team_id=" + blue.Id + "&q=jans", []string{"Tom Jansma"}},
		{"team_id with role and status", "team_id=" + red.Id + "&role=employee&status=active", []string{"Eva Jansen"}},
		{"no filter lists everyone", "", []string{"Admin", "Eva Jansen", "Jan Bakker", "Sanne de Vries", "Tom Jansma", "Lotte Smit"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, limit := range []int{1, 2, 100} {
				if got := names(t, tc.query, limit); !slices.Equal(got, tc.want) {
					t.Fatalf("%s (pages of %d): %v, want %v", tc.query, limit, got, tc.want)
				}
			}
		})
	}

	t.Run("pages of a filter through more users than one read", func(t *testing.T) {
		a := a.in(t)
		var want []string
		for i := range 130 {
			role := "employee"
			if i%4 == 0 {
				role = "lead"
			}
			u := a.user(admin, "Bulk "+strconv.Itoa(i), role, "")
			if role == "lead" {
				want = append(want, u.User.Id)
			}
		}
		got := a.listAll("/v1/admin/users?role=lead&q=bulk", admin.AccessToken, 6)
		if !slices.Equal(got, want) {
			t.Fatalf("%d leads paged, want %d", len(got), len(want))
		}
	})

	for _, bad := range []string{"role=owner", "status=gone", "q="} {
		t.Run("refuses "+bad, func(t *testing.T) {
			a.in(t).call("GET", "/v1/admin/users?"+bad, admin.AccessToken, nil).wantProblem(422, "invalid")
		})
	}

	t.Run("is for admins only", func(t *testing.T) {
		lead := a.member(admin, "Lena Lead", "lead", red.Id)
		a.in(t).call("GET", "/v1/admin/users?q=jans", lead.AccessToken, nil).wantProblem(403, "forbidden")
	})
}

func TestAdminSetsUserProfile(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")

	t.Run("sets locale, time zone and workdays, which the user then sees as their own", func(t *testing.T) {
		a := a.in(t)
		eva := a.member(admin, "Eva Jansen", "employee", "")
		a.clock.Advance(time.Second)
		var u User
		a.patchUser(admin, eva.User.Id, map[string]any{"locale": "nl", "timezone": "Europe/Lisbon", "workdays": []int{6, 2, 3, 4, 5}}).expect(200).decode(&u)
		if u.Locale != "nl" || u.Timezone != "Europe/Lisbon" || !slices.Equal(u.Workdays, []int{2, 3, 4, 5, 6}) {
			t.Fatalf("changed %+v", u)
		}
		// Her token carried Amsterdam's day: it is void, and a refresh brings Lisbon's.
		a.call("GET", "/v1/me", eva.AccessToken, nil).wantProblem(401, "unauthorized")
		eva = a.renewed(eva)
		var me Me
		a.call("GET", "/v1/me", eva.AccessToken, nil).expect(200).decode(&me)
		if me.Locale != "nl" || me.Timezone != "Europe/Lisbon" || !slices.Equal(me.Preferences.Workdays, []int{2, 3, 4, 5, 6}) {
			t.Fatalf("me %+v", me)
		}
	})

	t.Run("leaves the tokens alone when the zone stays", func(t *testing.T) {
		a := a.in(t)
		tom := a.member(admin, "Tom Bakker", "employee", "")
		a.clock.Advance(time.Second)
		a.patchUser(admin, tom.User.Id, map[string]any{"locale": "nl", "workdays": []int{}}).expect(200)
		a.call("GET", "/v1/me", tom.AccessToken, nil).expect(200)
	})

	for _, tc := range []struct {
		name   string
		body   map[string]any
		status int
		field  string
	}{
		{"an unknown locale", map[string]any{"locale": "es"}, 422, "locale"},
		{"an unknown time zone", map[string]any{"timezone": "Europe/Atlantis"}, 422, "timezone"},
		{"a repeated workday", map[string]any{"workdays": []int{1, 1}}, 422, "workdays"},
		{"workday 8", map[string]any{"workdays": []int{8}}, 422, "workdays"},
		{"workdays that are not numbers", map[string]any{"workdays": []string{"mon"}}, 400, ""},
	} {
		t.Run("refuses "+tc.name+" and changes nothing", func(t *testing.T) {
			a := a.in(t)
			u := a.user(admin, "Refused "+strings.ReplaceAll(tc.name, " ", ""), "employee", "")
			res := a.patchUser(admin, u.User.Id, tc.body)
			if tc.status == 422 {
				if p := res.wantProblem(422, "invalid"); !slices.ContainsFunc(p.fieldNames(), func(f string) bool { return strings.HasPrefix(f, tc.field) }) {
					t.Fatalf("names %v, want %s", p.fieldNames(), tc.field)
				}
			} else {
				res.expect(tc.status)
			}
			var after User
			a.call("GET", "/v1/admin/users/"+u.User.Id, admin.AccessToken, nil).expect(200).decode(&after)
			if after.Locale != "en" || after.Timezone != "Europe/Amsterdam" || !slices.Equal(after.Workdays, []int{1, 2, 3, 4, 5}) {
				t.Fatalf("changed %+v", after)
			}
		})
	}
}
