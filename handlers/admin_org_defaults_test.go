package handlers

import (
	"slices"
	"strings"
	"testing"
)

// The org's defaults for new users (issue 21): default_locale and default_workdays.
func TestOrgDefaultsForNewUsers(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	before := a.user(admin, "Before Bea", "employee", "")

	t.Run("a new org has en and Monday to Friday", func(t *testing.T) {
		var o OrgSettings
		a.in(t).call("GET", "/v1/admin/org", admin.AccessToken, nil).expect(200).decode(&o)
		if o.DefaultLocale != "en" || !slices.Equal(o.DefaultWorkdays, []int{1, 2, 3, 4, 5}) {
			t.Fatalf("defaults %q %v", o.DefaultLocale, o.DefaultWorkdays)
		}
		if before.User.Locale != "en" || !slices.Equal(before.User.Workdays, []int{1, 2, 3, 4, 5}) {
			t.Fatalf("user %+v", before.User)
		}
	})

	t.Run("an admin sets them, and users created afterwards start with them", func(t *testing.T) {
		a := a.in(t)
		var o OrgSettings
		a.call("PATCH", "/v1/admin/org", admin.AccessToken, map[string]any{"default_locale": "nl", "default_workdays": []int{6, 1, 2, 3, 4, 5}}).expect(200).decode(&o)
		if o.DefaultLocale != "nl" || !slices.Equal(o.DefaultWorkdays, []int{1, 2, 3, 4, 5, 6}) {
			t.Fatalf("defaults %q %v", o.DefaultLocale, o.DefaultWorkdays)
		}
		a.call("GET", "/v1/admin/org", admin.AccessToken, nil).expect(200).decode(&o)
		if o.DefaultLocale != "nl" || !slices.Equal(o.DefaultWorkdays, []int{1, 2, 3, 4, 5, 6}) {
			t.Fatalf("read back %q %v", o.DefaultLocale, o.DefaultWorkdays)
		}
		created := a.user(admin, "After Anna", "employee", "")
		var imported ImportResult
		a.importCSV(admin, "name,email,role,team\nImported Ivo,ivo@acme.example,employee,\n").expect(200).decode(&imported)
		if len(imported.Created) != 1 {
			t.Fatalf("import %+v", imported)
		}
		ivo := a.enroll(*imported.Created[0].EnrollmentCode)
		for _, u := range []struct {
			name     string
			locale   Locale
			workdays []int
		}{
			{"created", created.User.Locale, created.User.Workdays},
			{"imported", ivo.User.Locale, ivo.User.Preferences.Workdays},
		} {
			if u.locale != "nl" || !slices.Equal(u.workdays, []int{1, 2, 3, 4, 5, 6}) {
				t.Errorf("%s user: locale %q, workdays %v", u.name, u.locale, u.workdays)
			}
		}
		var bea User
		a.call("GET", "/v1/admin/users/"+before.User.Id, admin.AccessToken, nil).expect(200).decode(&bea)
		if bea.Locale != "en" || !slices.Equal(bea.Workdays, []int{1, 2, 3, 4, 5}) {
			t.Errorf("a user who existed changed: %+v", bea)
		}
	})

	for _, tc := range []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"an unknown locale", map[string]any{"default_locale": "es"}, "default_locale"},
		{"no workdays", map[string]any{"default_workdays": []int{}}, "default_workdays"},
		{"a repeated workday", map[string]any{"default_workdays": []int{1, 1}}, "default_workdays"},
		{"workday 8", map[string]any{"default_workdays": []int{8}}, "default_workdays"},
	} {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			a := a.in(t)
			p := a.call("PATCH", "/v1/admin/org", admin.AccessToken, tc.body).wantProblem(422, "invalid")
			if !slices.ContainsFunc(p.fieldNames(), func(f string) bool { return strings.HasPrefix(f, tc.field) }) {
				t.Fatalf("names %v, want %s", p.fieldNames(), tc.field)
			}
		})
	}
}
