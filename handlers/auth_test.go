package handlers

import (
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

// Enrollment, refresh and logout (contract §3). Access tokens, revocation and rate limits
// have files of their own (auth_tokens_test.go, auth_revocation_test.go, auth_ratelimit_test.go).

func TestEnroll(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")

	t.Run("a code works once", func(t *testing.T) {
		a := a.in(t)
		u := a.user(admin, "Eva Jansen", "employee", "")
		var s Session
		a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": u.EnrollmentCode}).expect(200).decode(&s)
		if s.User.Id != u.User.Id || s.User.Org != "acme" || s.TokenType != "Bearer" || s.ExpiresIn != 900 || s.AccessToken == "" || s.RefreshToken == "" {
			t.Fatalf("unexpected session: %+v", s)
		}
		a.call("GET", "/v1/me", s.AccessToken, nil).expect(200)
		a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": u.EnrollmentCode}).wantProblem(401, "invalid_code")
	})

	t.Run("an enrolled user is shown as enrolled to admins", func(t *testing.T) {
		a := a.in(t)
		u := a.user(admin, "Piet Pieters", "employee", "")
		var before, after User
		a.call("GET", "/v1/admin/users/"+u.User.Id, admin.AccessToken, nil).expect(200).decode(&before)
		a.enroll(u.EnrollmentCode)
		a.call("GET", "/v1/admin/users/"+u.User.Id, admin.AccessToken, nil).expect(200).decode(&after)
		if before.Enrolled || !after.Enrolled {
			t.Fatalf("enrolled before %v, after %v", before.Enrolled, after.Enrolled)
		}
	})

	// Codes with a 0 and a 1 in them, typed the ways people type them.
	for _, tc := range []struct {
		name  string
		typed func(code string) string
	}{
		{"in lower case", strings.ToLower},
		{"without dashes", func(c string) string { return strings.ReplaceAll(c, "-", "") }},
		{"with spaces instead of dashes", func(c string) string { return strings.ReplaceAll(c, "-", " ") }},
		{"with the letter O for zero", func(c string) string { return strings.ReplaceAll(c, "0", "O") }},
		{"with a lower-case o for zero", func(c string) string { return strings.ReplaceAll(c, "0", "o") }},
		{"with the letter I for one", func(c string) string { return strings.ReplaceAll(c, "1", "I") }},
		{"with the letter L for one", func(c string) string { return strings.ReplaceAll(c, "1", "L") }},
		{"with a lower-case l for one, in lower case, without dashes", func(c string) string {
			return strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(c, "1", "l"), "-", ""))
		}},
	} {
		t.Run("a code typed "+tc.name+" works", func(t *testing.T) {
			a := a.in(t)
			tail := strings.ReplaceAll(domain.NewEnrollmentCode(), "-", "")
			code := "01A" + tail[:1] + "-10B" + tail[1:2] + "-" + tail[2:6]
			u := a.userWithCode(admin, "Typist "+tail, "employee", code)
			typed := tc.typed(code)
			if typed == code {
				t.Fatalf("the variant %q is the code itself", typed)
			}
			var s Session
			a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": typed}).expect(200).decode(&s)
			if s.User.Id != u.User.Id {
				t.Fatalf("enrolled as %s, want %s", s.User.Id, u.User.Id)
			}
		})
	}

	for _, tc := range []struct{ name, code string }{
		{"an unknown code", "ZZZZ-ZZZZ-ZZZZ"},
		{"a code one character short", "ABCD-EFGH-JKM"},
		{"a code with a U", "UUUU-UUUU-UUUU"},
		{"a code with punctuation", "ABCD!EFGH!JKMN"},
	} {
		t.Run(tc.name+" is 401 invalid_code", func(t *testing.T) {
			a := a.in(t)
			a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": tc.code}).wantProblem(401, "invalid_code")
		})
	}

	t.Run("a code still works just before 14 days are up", func(t *testing.T) {
		b := newAPI(t)
		admin := b.org("acme")
		u := b.user(admin, "Late Larry", "employee", "")
		b.clock.Advance(14*day - time.Second)
		b.call("POST", "/v1/auth/enroll", "", map[string]any{"code": u.EnrollmentCode}).expect(200)
	})

	t.Run("a code older than 14 days is 401 invalid_code", func(t *testing.T) {
		b := newAPI(t)
		admin := b.org("acme")
		u := b.user(admin, "Too Late", "employee", "")
		b.clock.Advance(14*day + time.Second)
		b.call("POST", "/v1/auth/enroll", "", map[string]any{"code": u.EnrollmentCode}).wantProblem(401, "invalid_code")
	})

	t.Run("the code of a deactivated user is 401 invalid_code", func(t *testing.T) {
		a := a.in(t)
		u := a.user(admin, "Gone Gerda", "employee", "")
		a.call("PATCH", "/v1/admin/users/"+u.User.Id, admin.AccessToken, map[string]any{"active": false}).expect(200)
		a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": u.EnrollmentCode}).wantProblem(401, "invalid_code")
	})

	t.Run("a newly issued code replaces the old one", func(t *testing.T) {
		a := a.in(t)
		u := a.user(admin, "New Phone", "employee", "")
		var fresh EnrollmentCode
		a.call("POST", "/v1/admin/users/"+u.User.Id+"/enrollment-code", admin.AccessToken, nil).expect(200).decode(&fresh)
		if fresh.EnrollmentCode == u.EnrollmentCode || !fresh.ExpiresAt.Equal(a.clock.Now().Add(14*day)) {
			t.Fatalf("new code %+v, old %q", fresh, u.EnrollmentCode)
		}
		a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": u.EnrollmentCode}).wantProblem(401, "invalid_code")
		a.enroll(fresh.EnrollmentCode)
	})

	t.Run("a new code keeps the sessions a user already has", func(t *testing.T) {
		a := a.in(t)
		u := a.user(admin, "Two Phones", "employee", "")
		first := a.enroll(u.EnrollmentCode)
		var fresh EnrollmentCode
		a.call("POST", "/v1/admin/users/"+u.User.Id+"/enrollment-code", admin.AccessToken, nil).expect(200).decode(&fresh)
		a.enroll(fresh.EnrollmentCode)
		a.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": first.RefreshToken}).expect(200)
	})

	t.Run("a device may be given", func(t *testing.T) {
		a := a.in(t)
		u := a.user(admin, "Pixel Paula", "employee", "")
		var s Session
		a.call("POST", "/v1/auth/enroll", "", map[string]any{
			"code":   u.EnrollmentCode,
			"device": map[string]any{"id": "8f14e45f-ceea-467a-9af0-6f1b2c3d4e5f", "name": "Pixel 8", "platform": "android"},
		}).expect(200).decode(&s)
		a.call("GET", "/v1/me", s.AccessToken, nil).expect(200)
		a.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": s.RefreshToken}).expect(200)
	})

	t.Run("a device without a name may be given", func(t *testing.T) {
		a := a.in(t)
		u := a.user(admin, "iPhone Ivo", "employee", "")
		a.call("POST", "/v1/auth/enroll", "", map[string]any{
			"code": u.EnrollmentCode, "device": map[string]any{"id": "x", "platform": "ios"},
		}).expect(200)
	})
}

func TestRefresh(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")

	t.Run("rotation returns a new refresh token and a working access token", func(t *testing.T) {
		a := a.in(t)
		old := a.member(admin, "Rita Rotate", "employee", "")
		a.clock.Advance(time.Minute) // a new iat, so the access token differs too
		var s Session
		a.refresh(old.RefreshToken).expect(200).decode(&s)
		if s.RefreshToken == old.RefreshToken || s.AccessToken == old.AccessToken || s.User.Id != old.User.Id || s.ExpiresIn != 900 {
			t.Fatalf("not rotated: %+v", s)
		}
		var me Me
		a.call("GET", "/v1/me", s.AccessToken, nil).expect(200).decode(&me)
		if me.Id != old.User.Id {
			t.Fatalf("me is %s", me.Id)
		}
	})

	t.Run("a chain of rotations keeps working", func(t *testing.T) {
		a := a.in(t)
		s := a.member(admin, "Chain Charlie", "employee", "")
		for range 5 {
			var next Session
			a.refresh(s.RefreshToken).expect(200).decode(&next)
			s = next
		}
		a.call("GET", "/v1/me", s.AccessToken, nil).expect(200)
	})

	t.Run("a reused refresh token is 401 refresh_reused and ends the whole session", func(t *testing.T) {
		a := a.in(t)
		first := a.member(admin, "Copy Cat", "employee", "")
		var second, third Session
		a.refresh(first.RefreshToken).expect(200).decode(&second)
		a.refresh(second.RefreshToken).expect(200).decode(&third)
		a.refresh(first.RefreshToken).wantProblem(401, "refresh_reused")
		a.refresh(third.RefreshToken).wantProblem(401, "invalid_token")
		a.refresh(second.RefreshToken).expect(401)
	})

	t.Run("reuse ends only that session, not the user's other devices", func(t *testing.T) {
		a := a.in(t)
		u := a.user(admin, "Two Devices", "employee", "")
		phone := a.enroll(u.EnrollmentCode)
		var code EnrollmentCode
		a.call("POST", "/v1/admin/users/"+u.User.Id+"/enrollment-code", admin.AccessToken, nil).expect(200).decode(&code)
		tablet := a.enroll(code.EnrollmentCode)
		var rotated Session
		a.refresh(phone.RefreshToken).expect(200).decode(&rotated)
		a.refresh(phone.RefreshToken).wantProblem(401, "refresh_reused")
		a.refresh(tablet.RefreshToken).expect(200)
	})

	t.Run("logout ends the session", func(t *testing.T) {
		a := a.in(t)
		s := a.member(admin, "Lou Logout", "employee", "")
		a.call("POST", "/v1/auth/logout", "", map[string]any{"refresh_token": s.RefreshToken}).expect(204)
		a.refresh(s.RefreshToken).wantProblem(401, "invalid_token")
	})

	t.Run("logout with an already rotated token ends the session too", func(t *testing.T) {
		a := a.in(t)
		s := a.member(admin, "Late Logout", "employee", "")
		var next Session
		a.refresh(s.RefreshToken).expect(200).decode(&next)
		a.call("POST", "/v1/auth/logout", "", map[string]any{"refresh_token": s.RefreshToken}).expect(204)
		a.refresh(next.RefreshToken).wantProblem(401, "invalid_token")
	})

	t.Run("logout twice and logout with an unknown token are 204", func(t *testing.T) {
		a := a.in(t)
		s := a.member(admin, "Double Logout", "employee", "")
		for range 2 {
			a.call("POST", "/v1/auth/logout", "", map[string]any{"refresh_token": s.RefreshToken}).expect(204)
		}
		a.call("POST", "/v1/auth/logout", "", map[string]any{"refresh_token": "garbage"}).expect(204)
	})

	valid := a.member(admin, "Valid Vera", "employee", "").RefreshToken
	org, secret, _ := strings.Cut(valid, ".")
	for _, tc := range []struct{ name, token string }{
		{"a word", "garbage"},
		{"a token without the org", secret},
		{"a token of an org that does not exist", "nosuchorg." + secret},
		{"a token of another org's slug shape", "ACME." + secret},
		{"a token with one character changed", org + "." + flipLast(secret)},
		{"a token one character short", valid[:len(valid)-1]},
		{"a token with a character added", valid + "A"},
		{"an access token", admin.AccessToken},
	} {
		t.Run("refreshing with "+tc.name+" is 401 invalid_token", func(t *testing.T) {
			a := a.in(t)
			a.refresh(tc.token).wantProblem(401, "invalid_token")
		})
	}
	t.Run("the valid token still works after all those attempts", func(t *testing.T) {
		a := a.in(t)
		a.refresh(valid).expect(200)
	})
}

func flipLast(s string) string {
	last := s[len(s)-1]
	if last == 'A' {
		return s[:len(s)-1] + "B"
	}
	return s[:len(s)-1] + "A"
}
