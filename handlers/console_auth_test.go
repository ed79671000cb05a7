package handlers

import (
	"net/http"
	"testing"
	"time"
)

// The console's sign-in (issue 21): the refresh token lives in an HttpOnly cookie on
// /console/auth, and every call needs the console's header.

// consoleCall sends a console auth call with the console's header and, when cookie is not
// empty, the refresh-token cookie.
func (a *testAPI) consoleCall(path, cookie string, body any) response {
	a.t.Helper()
	headers := []string{"X-Microact-Console", "1"}
	if cookie != "" {
		headers = append(headers, "Cookie", consoleCookie+"="+cookie)
	}
	return a.call("POST", "/console/auth/"+path, "", body, headers...)
}

// cookie returns the console cookie the answer sets; it fails the test when there is none.
func (r response) cookie() *http.Cookie {
	r.t.Helper()
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == consoleCookie {
			return c
		}
	}
	r.t.Fatalf("no %s cookie in %q", consoleCookie, r.Header.Values("Set-Cookie"))
	return nil
}

// wantCleared fails unless the answer clears the console cookie.
func (r response) wantCleared() {
	r.t.Helper()
	if c := r.cookie(); c.Value != "" || c.MaxAge >= 0 || c.Path != consoleCookiePath {
		r.t.Fatalf("cookie not cleared: %q", r.Header.Values("Set-Cookie"))
	}
}

// consoleSignIn signs in to the console with code, returning the body and the cookie's value.
func (a *testAPI) consoleSignIn(code string) (ConsoleSession, string) {
	a.t.Helper()
	res := a.consoleCall("enroll", "", map[string]any{"code": code}).expect(200)
	var s ConsoleSession
	res.decode(&s)
	return s, res.cookie().Value
}

func TestConsoleSignIn(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")

	t.Run("sets the refresh token as an HttpOnly, SameSite=Strict, Secure cookie on /console/auth and leaves it out of the body", func(t *testing.T) {
		a := a.in(t)
		u := a.user(admin, "Lena Lead", "lead", "")
		res := a.consoleCall("enroll", "", map[string]any{"code": u.EnrollmentCode}).expect(200)
		c := res.cookie()
		if !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteStrictMode || c.Path != "/console/auth" ||
			c.MaxAge != 60*24*3600 || c.Value == "" {
			t.Fatalf("cookie %q", res.Header.Values("Set-Cookie"))
		}
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Fatalf("Cache-Control %q", cc)
		}
		var body map[string]any
		res.decode(&body)
		if _, ok := body["refresh_token"]; ok {
			t.Fatalf("refresh token in the body: %s", res.Body)
		}
		var s ConsoleSession
		res.decode(&s)
		if s.TokenType != "Bearer" || s.ExpiresIn != 900 || s.User.Role != RoleLead || s.User.Id != u.User.Id {
			t.Fatalf("session %s", res.Body)
		}
		a.call("GET", "/v1/me", s.AccessToken, nil).expect(200)
	})

	t.Run("leaves Secure out in dev on a loopback host only, so the console works on http://localhost", func(t *testing.T) {
		dev := a.replica(func(s *Server) { s.Dev = true }).in(t)
		for i, tc := range []struct {
			host   string
			secure bool
		}{
			{"", false}, // the test server's own 127.0.0.1:port
			{"localhost:8080", false},
			{"[::1]:8080", false},
			{"console.example", true},
			{"192.168.1.20:8080", true},
		} {
			u := dev.user(admin, "Dev Dora "+string(rune('A'+i)), "admin", "")
			headers := []string{"X-Microact-Console", "1"}
			if tc.host != "" {
				headers = append(headers, "Host", tc.host)
			}
			res := dev.call("POST", "/console/auth/enroll", "", map[string]any{"code": u.EnrollmentCode}, headers...).expect(200)
			if c := res.cookie(); c.Secure != tc.secure || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode {
				t.Fatalf("dev cookie for host %q: %q", tc.host, res.Header.Values("Set-Cookie"))
			}
		}
	})

	t.Run("lets an employee sign in, with their role in user.role", func(t *testing.T) {
		a := a.in(t)
		u := a.user(admin, "Emma Employee", "employee", "")
		s, _ := a.consoleSignIn(u.EnrollmentCode)
		if s.User.Role != RoleEmployee {
			t.Fatalf("role %q", s.User.Role)
		}
	})

	t.Run("refuses a wrong code with 401 invalid_code", func(t *testing.T) {
		a.in(t).consoleCall("enroll", "", map[string]any{"code": "ZZZZ-ZZZZ-ZZZZ"}).wantProblem(401, "invalid_code")
	})

	t.Run("refuses an unknown field with 400", func(t *testing.T) {
		u := a.user(admin, "Field Fien", "admin", "")
		a.in(t).consoleCall("enroll", "", map[string]any{"code": u.EnrollmentCode, "refresh_token": "x"}).wantProblem(400, "unknown_field")
	})

	t.Run("refuses every call without X-Microact-Console: 1 with 403, and uses no code", func(t *testing.T) {
		a := a.in(t)
		u := a.user(admin, "Header Henk", "admin", "")
		for _, path := range []string{"enroll", "refresh", "logout"} {
			for _, h := range [][]string{nil, {"X-Microact-Console", "0"}, {"X-Microact-Console", "true"}} {
				res := a.call("POST", "/console/auth/"+path, "", map[string]any{"code": u.EnrollmentCode}, h...)
				res.wantProblem(403, "forbidden")
				if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
					t.Fatalf("%s: Cache-Control %q", path, cc)
				}
			}
		}
		a.consoleSignIn(u.EnrollmentCode) // the code still works
	})
}

func TestConsoleRefresh(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")

	t.Run("rotates the cookie and answers a working access token", func(t *testing.T) {
		a := a.in(t)
		_, cookie := a.consoleSignIn(a.user(admin, "Rita Rotate", "lead", "").EnrollmentCode)
		a.clock.Advance(time.Minute)
		res := a.consoleCall("refresh", cookie, nil).expect(200)
		next := res.cookie()
		if next.Value == "" || next.Value == cookie || !next.HttpOnly || !next.Secure || next.Path != consoleCookiePath {
			t.Fatalf("rotated cookie %q", res.Header.Values("Set-Cookie"))
		}
		var s ConsoleSession
		res.decode(&s)
		a.call("GET", "/v1/me", s.AccessToken, nil).expect(200)
		a.consoleCall("refresh", next.Value, nil).expect(200)
	})

	t.Run("without a cookie is 401 invalid_token and clears the cookie", func(t *testing.T) {
		res := a.in(t).consoleCall("refresh", "", nil)
		res.wantProblem(401, "invalid_token")
		res.wantCleared()
	})

	t.Run("with an unknown cookie is 401 invalid_token and clears the cookie", func(t *testing.T) {
		for _, junk := range []string{"garbage", "acme.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"} {
			res := a.in(t).consoleCall("refresh", junk, nil)
			res.wantProblem(401, "invalid_token")
			res.wantCleared()
		}
	})

	t.Run("with a reused cookie is 401 refresh_reused, revokes the session and voids its access tokens", func(t *testing.T) {
		a := a.in(t)
		first, cookie := a.consoleSignIn(a.user(admin, "Ruud Reuse", "admin", "").EnrollmentCode)
		a.clock.Advance(time.Second)
		res := a.consoleCall("refresh", cookie, nil).expect(200)
		var second ConsoleSession
		res.decode(&second)
		rotated := res.cookie().Value
		a.call("GET", "/v1/me", second.AccessToken, nil).expect(200)

		reused := a.consoleCall("refresh", cookie, nil) // a copy of the old cookie
		reused.wantProblem(401, "refresh_reused")
		reused.wantCleared()
		a.call("GET", "/v1/me", first.AccessToken, nil).wantProblem(401, "unauthorized")
		a.call("GET", "/v1/me", second.AccessToken, nil).wantProblem(401, "unauthorized")
		a.consoleCall("refresh", rotated, nil).wantProblem(401, "invalid_token") // the family is gone
	})

	t.Run("with a reused cookie voids the access tokens on another replica within its refresh", func(t *testing.T) {
		a := a.in(t)
		other := a.replica().in(t)
		s, cookie := a.consoleSignIn(a.user(admin, "Otto Other", "admin", "").EnrollmentCode)
		other.call("GET", "/v1/me", s.AccessToken, nil).expect(200)
		a.clock.Advance(time.Second)
		a.consoleCall("refresh", cookie, nil).expect(200)
		other.consoleCall("refresh", cookie, nil).wantProblem(401, "refresh_reused")
		other.call("GET", "/v1/me", s.AccessToken, nil).wantProblem(401, "unauthorized") // at once on the replica that saw it
		a.clock.Advance(31 * time.Second)
		a.call("GET", "/v1/me", s.AccessToken, nil).wantProblem(401, "unauthorized")
	})
}

func TestConsoleLogout(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")

	t.Run("ends the session, voids its access token and clears the cookie", func(t *testing.T) {
		a := a.in(t)
		s, cookie := a.consoleSignIn(a.user(admin, "Lotte Logout", "lead", "").EnrollmentCode)
		a.clock.Advance(time.Second)
		res := a.consoleCall("logout", cookie, nil).expect(204)
		res.wantCleared()
		a.call("GET", "/v1/me", s.AccessToken, nil).wantProblem(401, "unauthorized")
		a.consoleCall("refresh", cookie, nil).wantProblem(401, "invalid_token")
	})

	t.Run("without a cookie or with an unknown one is 204 and clears the cookie", func(t *testing.T) {
		a := a.in(t)
		a.consoleCall("logout", "", nil).expect(204).wantCleared()
		a.consoleCall("logout", "garbage", nil).expect(204).wantCleared()
	})

	t.Run("of a console session leaves the user's other sessions alone", func(t *testing.T) {
		a := a.in(t)
		u := a.user(admin, "Pim Phone", "admin", "")
		phone := a.enroll(u.EnrollmentCode)
		var code EnrollmentCode
		a.call("POST", "/v1/admin/users/"+u.User.Id+"/enrollment-code", admin.AccessToken, nil).expect(200).decode(&code)
		_, cookie := a.consoleSignIn(code.EnrollmentCode)
		a.clock.Advance(time.Second)
		a.consoleCall("logout", cookie, nil).expect(204)
		a.call("GET", "/v1/me", phone.AccessToken, nil).expect(200)
		a.refresh(phone.RefreshToken).expect(200)
	})
}

func TestConsoleAuthFailureLimit(t *testing.T) {
	t.Parallel()

	t.Run("counts failed console sign-ins and refreshes with the /v1/auth ones", func(t *testing.T) {
		a := newAPI(t, withRates(testUserRate, testAuthRate))
		a.consoleCall("enroll", "", map[string]any{"code": "ZZZZ-ZZZZ-ZZZZ"}).wantProblem(401, "invalid_code")
		a.consoleCall("refresh", "garbage", nil).wantProblem(401, "invalid_token")
		a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": "ZZZZ-ZZZZ-ZZZZ"}).wantProblem(401, "invalid_code")
		wantRateLimited(a.consoleCall("enroll", "", map[string]any{"code": "ZZZZ-ZZZZ-ZZZY"}))
		wantRateLimited(a.consoleCall("refresh", "garbage", nil))
	})

	t.Run("does not count a refresh without a cookie: the console asks on every load", func(t *testing.T) {
		a := newAPI(t, withRates(testUserRate, testAuthRate))
		for range 2 * testAuthRate.Events {
			a.consoleCall("refresh", "", nil).wantProblem(401, "invalid_token")
		}
		a.consoleCall("enroll", "", map[string]any{"code": "ZZZZ-ZZZZ-ZZZZ"}).wantProblem(401, "invalid_code")
	})
}
