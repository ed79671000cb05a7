package handlers

import (
	"strconv"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

// Rate limits (contract §3 and §9): failed /v1/auth attempts per client address (shared through
// Redis, on Redis's own clock) and requests per user (in the process, on the injected clock).

var (
	testUserRate = domain.Rate{Events: 5, Per: time.Second} // burst 10
	testAuthRate = domain.Rate{Events: 3, Per: time.Minute}
)

// retryAfter reads the Retry-After header of a 429 or 503 as whole seconds.
func (r response) retryAfter() int {
	r.t.Helper()
	n, err := strconv.Atoi(r.Header.Get("Retry-After"))
	if err != nil || n < 1 {
		r.t.Fatalf("Retry-After %q is not a positive number of seconds", r.Header.Get("Retry-After"))
	}
	return n
}

// wantRateLimited checks a 429 rate_limited with a Retry-After.
func wantRateLimited(r response) {
	r.t.Helper()
	r.wantProblem(429, "rate_limited")
	r.retryAfter()
}

func TestAuthFailureLimit(t *testing.T) {
	t.Parallel()

	t.Run("past its budget an address's failures are 429, yet a right code or refresh token still works", func(t *testing.T) {
		a := newAPI(t, withRates(testUserRate, testAuthRate))
		admin := a.org("acme")
		u := a.user(admin, "Eva Jansen", "employee", "")
		for range 3 {
			a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": "ZZZZ-ZZZZ-ZZZZ"}).wantProblem(401, "invalid_code")
		}
		res := a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": "ZZZZ-ZZZZ-ZZZZ"})
		res.wantProblem(429, "rate_limited")
		if s := res.retryAfter(); s > 60 {
			t.Fatalf("Retry-After %d s for a limit of 3 a minute", s)
		}
		var eva, renewed Session
		a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": u.EnrollmentCode}).expect(200).decode(&eva)
		a.call("GET", "/v1/me", eva.AccessToken, nil).expect(200)
		a.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": admin.RefreshToken}).expect(200).decode(&renewed)
		a.call("GET", "/v1/me", renewed.AccessToken, nil).expect(200)
		for _, bad := range []struct{ path, field, value string }{
			{"/v1/auth/enroll", "code", "ZZZZ-ZZZZ-ZZZY"},
			{"/v1/auth/refresh", "refresh_token", "garbage"},
			{"/v1/auth/refresh", "refresh_token", admin.RefreshToken}, // rotated already
		} {
			wantRateLimited(a.call("POST", bad.path, "", map[string]any{bad.field: bad.value}))
		}
	})

	t.Run("past ten times its budget an address is refused without its attempts being checked", func(t *testing.T) {
		a := newAPI(t, withRates(testUserRate, testAuthRate))
		admin := a.org("acme")
		u := a.user(admin, "Late Lotte", "employee", "")
		for i := range 30 {
			res := a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": "ZZZZ-ZZZZ-ZZZZ"})
			if want := map[bool]int{true: 401, false: 429}[i < 3]; res.Status != want {
				t.Fatalf("failure %d: %d %s", i+1, res.Status, res.Body)
			}
		}
		wantRateLimited(a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": u.EnrollmentCode}))
		wantRateLimited(a.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": admin.RefreshToken}))
		a.call("GET", "/v1/me", admin.AccessToken, nil).expect(200) // the API itself is not limited by address
	})

	t.Run("a forged X-Forwarded-For does not escape the limit", func(t *testing.T) {
		a := newAPI(t, withRates(testUserRate, testAuthRate))
		for i := range 3 {
			a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": "ZZZZ-ZZZZ-ZZZZ"}, "X-Forwarded-For", "10.0.0."+strconv.Itoa(i)).wantProblem(401, "invalid_code")
		}
		a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": "ZZZZ-ZZZZ-ZZZZ"}, "X-Forwarded-For", "10.9.9.9").wantProblem(429, "rate_limited")
	})

	t.Run("failed refreshes count as failures", func(t *testing.T) {
		a := newAPI(t, withRates(testUserRate, testAuthRate))
		for range 3 {
			a.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": "garbage"}).wantProblem(401, "invalid_token")
		}
		a.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": "garbage"}).wantProblem(429, "rate_limited")
	})

	t.Run("successful enrollments do not count: a whole store enrolls from one address", func(t *testing.T) {
		a := newAPI(t, withRates(testUserRate, testAuthRate))
		admin := a.org("acme")
		var codes []string
		for _, name := range []string{"Ann One", "Bob Two", "Cas Three", "Dirk Four", "Els Five"} {
			codes = append(codes, a.user(admin, name, "employee", "").EnrollmentCode)
		}
		for _, code := range codes {
			a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": code}).expect(200)
		}
		// Two mistyped codes in between are fine too.
		for range 2 {
			a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": "ZZZZ-ZZZZ-ZZZZ"}).wantProblem(401, "invalid_code")
		}
		a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": a.user(admin, "Fay Six", "employee", "").EnrollmentCode}).expect(200)
	})

	t.Run("malformed requests are answered without counting as failed attempts", func(t *testing.T) {
		a := newAPI(t, withRates(testUserRate, testAuthRate))
		admin := a.org("acme")
		for range 5 {
			a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": 7}).wantProblem(400, "malformed")
		}
		a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": a.user(admin, "Gus Seven", "employee", "").EnrollmentCode}).expect(200)
	})
}

func TestUserRateLimit(t *testing.T) {
	t.Parallel()
	a := newAPI(t, withRates(testUserRate, testAuthRate))
	admin := a.org("acme")
	eva := a.member(admin, "Eva Jansen", "employee", "")
	tom := a.member(admin, "Tom Bakker", "employee", "")

	t.Run("a burst of twice the rate passes and the next request is 429 with Retry-After", func(t *testing.T) {
		a := a.in(t)
		for i := range 10 {
			if res := a.call("GET", "/v1/me", eva.AccessToken, nil); res.Status != 200 {
				t.Fatalf("request %d of the burst: %d %s", i+1, res.Status, res.Body)
			}
		}
		res := a.call("GET", "/v1/me", eva.AccessToken, nil)
		res.wantProblem(429, "rate_limited")
		if s := res.retryAfter(); s != 1 {
			t.Fatalf("Retry-After %d s, want 1 (one request is free again after 200 ms)", s)
		}
	})

	t.Run("other users are not limited by it", func(t *testing.T) {
		a := a.in(t)
		a.call("GET", "/v1/me", tom.AccessToken, nil).expect(200)
	})

	t.Run("requests pass again once the clock moves on", func(t *testing.T) {
		a := a.in(t)
		a.call("GET", "/v1/me", eva.AccessToken, nil).wantProblem(429, "rate_limited")
		a.clock.Advance(time.Second)
		for range 5 {
			a.call("GET", "/v1/me", eva.AccessToken, nil).expect(200)
		}
		a.call("GET", "/v1/me", eva.AccessToken, nil).wantProblem(429, "rate_limited")
	})

	t.Run("a user is limited across routes", func(t *testing.T) {
		a := a.in(t)
		a.clock.Advance(2 * time.Second) // the bucket is full again
		for range 10 {
			a.call("GET", "/v1/admin/teams", admin.AccessToken, nil).expect(200)
		}
		a.call("GET", "/v1/me", admin.AccessToken, nil).wantProblem(429, "rate_limited")
		a.call("PATCH", "/v1/admin/org", admin.AccessToken, map[string]any{"swaps_per_day": 3}).wantProblem(429, "rate_limited")
	})

	t.Run("the auth routes are not subject to the user rate", func(t *testing.T) {
		a := a.in(t)
		var s Session
		a.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": eva.RefreshToken}).expect(200).decode(&s)
		eva.RefreshToken = s.RefreshToken
	})
}
