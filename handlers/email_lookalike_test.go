package handlers

import (
	"strings"
	"testing"
)

// Look-alike addresses (issue 20): each of these once made a second user who looked the same
// as admin@demo.example (one was made an admin). A fullwidth address is the same address, so
// it is taken; an invisible character or a mixture of scripts is refused, naming email.
var lookAlikes = []struct {
	name, email string
	status      int
	code        string
}{
	{"a zero-width space", "admin\u200b@demo.example", 422, "invalid"},
	{"a soft hyphen", "ad\u00admin@demo.example", 422, "invalid"},
	{"a fullwidth a", "ａdmin@demo.example", 409, "email_taken"},
	{"a Cyrillic е in the domain", "admin@d\u0435mo.example", 422, "invalid"},
}

func TestLookAlikeEmailsMakeNoSecondUser(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("demo") // admin@demo.example
	eva := a.user(admin, "Eva Jansen", "employee", "")
	before := a.counts(admin)

	for _, la := range lookAlikes {
		t.Run("creating a user with "+la.name+" is "+la.code, func(t *testing.T) {
			a := a.in(t)
			p := a.call("POST", "/v1/admin/users", admin.AccessToken, map[string]any{"name": "Admin", "email": la.email, "role": "admin"}).
				wantProblem(la.status, la.code)
			if !p.names("email") {
				t.Fatalf("the problem names %v, not email", p.fieldNames())
			}
		})
		t.Run("changing a user's address to one with "+la.name+" is "+la.code, func(t *testing.T) {
			a := a.in(t)
			p := a.patchUser(admin, eva.User.Id, map[string]any{"email": la.email}).wantProblem(la.status, la.code)
			if !p.names("email") {
				t.Fatalf("the problem names %v, not email", p.fieldNames())
			}
		})
	}

	t.Run("an import reports each line and creates nobody", func(t *testing.T) {
		a := a.in(t)
		lines := []string{"name,email,role,team"}
		for _, la := range lookAlikes {
			lines = append(lines, "Admin,"+la.email+",admin,")
		}
		var res ImportResult
		a.importCSV(admin, strings.Join(lines, "\n")+"\n").expect(200).decode(&res)
		if len(res.Created) != 0 || len(res.Errors) != len(lookAlikes) {
			t.Fatalf("import %+v", res)
		}
		for i, e := range res.Errors {
			if e.Line != i+2 || !strings.Contains(e.Message, "email") {
				t.Errorf("line %d: %q", e.Line, e.Message)
			}
		}
	})

	t.Run("nobody was made, and Eva keeps her address", func(t *testing.T) {
		a := a.in(t)
		if after := a.counts(admin); after != before {
			t.Fatalf("users and teams %+v, before %+v", after, before)
		}
		var u User
		a.call("GET", "/v1/admin/users/"+eva.User.Id, admin.AccessToken, nil).expect(200).decode(&u)
		if u.Email != "eva.jansen@demo.example" {
			t.Fatalf("Eva's address is %q", u.Email)
		}
	})

	t.Run("an address is stored in its normal form", func(t *testing.T) {
		a := a.in(t)
		var u UserCreated
		a.call("POST", "/v1/admin/users", admin.AccessToken, map[string]any{"name": "Kees", "email": "ＫＥＥＳ@xn--bcher-kva.example", "role": "employee"}).
			expect(201).decode(&u)
		if u.User.Email != "kees@bücher.example" {
			t.Fatalf("stored as %q", u.User.Email)
		}
		a.call("POST", "/v1/admin/users", admin.AccessToken, map[string]any{"name": "Kees 2", "email": "kees@BÜCHER.example", "role": "employee"}).
			wantProblem(409, "email_taken")
	})
}
