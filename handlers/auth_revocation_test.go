package handlers

import (
	"context"
	"testing"
	"time"
)

// Revocation (contract §3): deactivation and role changes void sessions and access tokens.
// A replica re-reads an org's revocations at most every 30 s; the replica that made the change
// applies it at once. Access tokens carry whole-second iat, so tests move the clock a second
// between issuing a token and revoking it (see the skipped same-second test below).

func TestDeactivation(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	other := a.replica()

	t.Run("ends every session and the access token at once on the replica that made the change", func(t *testing.T) {
		a := a.in(t)
		u := a.user(admin, "Eva Jansen", "employee", "")
		phone := a.enroll(u.EnrollmentCode)
		var code EnrollmentCode
		a.call("POST", "/v1/admin/users/"+u.User.Id+"/enrollment-code", admin.AccessToken, nil).expect(200).decode(&code)
		tablet := a.enroll(code.EnrollmentCode)
		a.call("GET", "/v1/me", phone.AccessToken, nil).expect(200)
		a.clock.Advance(time.Second)

		a.patchUser(admin, u.User.Id, map[string]any{"active": false}).expect(200)
		a.call("GET", "/v1/me", phone.AccessToken, nil).wantProblem(401, "unauthorized")
		a.call("GET", "/v1/me", tablet.AccessToken, nil).wantProblem(401, "unauthorized")
		a.refresh(phone.RefreshToken).wantProblem(401, "invalid_token")
		a.refresh(tablet.RefreshToken).wantProblem(401, "invalid_token")
	})

	t.Run("stops the access token on another replica once its cache is refreshed (31 s)", func(t *testing.T) {
		a := a.in(t)
		other := other.in(t)
		tom := a.member(admin, "Tom Bakker", "employee", "")
		other.call("GET", "/v1/me", tom.AccessToken, nil).expect(200) // the other replica caches the org now
		a.clock.Advance(time.Second)
		a.patchUser(admin, tom.User.Id, map[string]any{"active": false}).expect(200)
		a.clock.Advance(31 * time.Second)
		other.call("GET", "/v1/me", tom.AccessToken, nil).wantProblem(401, "unauthorized")
		a.call("GET", "/v1/me", tom.AccessToken, nil).wantProblem(401, "unauthorized")
	})

	t.Run("of an admin stops their admin calls", func(t *testing.T) {
		a := a.in(t)
		other := other.in(t)
		second := a.member(admin, "Second Admin", "admin", "")
		a.call("GET", "/v1/admin/users", second.AccessToken, nil).expect(200)
		a.clock.Advance(time.Second)
		a.patchUser(admin, second.User.Id, map[string]any{"active": false}).expect(200)
		a.call("GET", "/v1/admin/users", second.AccessToken, nil).wantProblem(401, "unauthorized")
		a.call("POST", "/v1/admin/teams", second.AccessToken, map[string]any{"name": "Sneaky"}).wantProblem(401, "unauthorized")
		a.clock.Advance(31 * time.Second)
		other.call("GET", "/v1/admin/users", second.AccessToken, nil).wantProblem(401, "unauthorized")
	})

	t.Run("does not touch other users' sessions", func(t *testing.T) {
		a := a.in(t)
		stay := a.member(admin, "Stay Stella", "employee", "")
		leave := a.user(admin, "Leave Lars", "employee", "")
		a.enroll(leave.EnrollmentCode)
		a.clock.Advance(time.Second)
		a.patchUser(admin, leave.User.Id, map[string]any{"active": false}).expect(200)
		a.call("GET", "/v1/me", stay.AccessToken, nil).expect(200)
		a.refresh(stay.RefreshToken).expect(200)
	})

	t.Run("then reactivation does not revive old sessions", func(t *testing.T) {
		a := a.in(t)
		other := other.in(t)
		u := a.user(admin, "Back Again", "employee", "")
		old := a.enroll(u.EnrollmentCode)
		a.clock.Advance(time.Second)
		a.patchUser(admin, u.User.Id, map[string]any{"active": false}).expect(200)
		a.clock.Advance(time.Second)
		var back User
		a.call("PATCH", "/v1/admin/users/"+u.User.Id, admin.AccessToken, map[string]any{"active": true}).expect(200).decode(&back)
		if !back.Active {
			t.Fatal("not reactivated")
		}
		a.refresh(old.RefreshToken).wantProblem(401, "invalid_token")
		a.call("GET", "/v1/me", old.AccessToken, nil).wantProblem(401, "unauthorized")
		a.clock.Advance(31 * time.Second)
		other.call("GET", "/v1/me", old.AccessToken, nil).wantProblem(401, "unauthorized")

		// A new code brings them back with a new session.
		var code EnrollmentCode
		a.call("POST", "/v1/admin/users/"+u.User.Id+"/enrollment-code", admin.AccessToken, nil).expect(200).decode(&code)
		fresh := a.enroll(code.EnrollmentCode)
		a.call("GET", "/v1/me", fresh.AccessToken, nil).expect(200)
		other.call("GET", "/v1/me", fresh.AccessToken, nil).expect(200)
		a.refresh(fresh.RefreshToken).expect(200)
	})

	t.Run("a deactivated user gets no new code", func(t *testing.T) {
		a := a.in(t)
		u := a.user(admin, "No Code", "employee", "")
		a.patchUser(admin, u.User.Id, map[string]any{"active": false}).expect(200)
		a.call("POST", "/v1/admin/users/"+u.User.Id+"/enrollment-code", admin.AccessToken, nil).wantProblem(409, "user_inactive")
	})
}

func TestRoleChange(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	other := a.replica()

	t.Run("demoting a lead voids their token; a refresh brings the new role", func(t *testing.T) {
		a := a.in(t)
		other := other.in(t)
		lead := a.member(admin, "Lena Lead", "lead", "")
		if tokenClaims(lead.AccessToken)["role"] != "lead" {
			t.Fatalf("claims %v", tokenClaims(lead.AccessToken))
		}
		a.clock.Advance(time.Second)
		a.patchUser(admin, lead.User.Id, map[string]any{"role": "employee"}).expect(200)
		a.call("GET", "/v1/me", lead.AccessToken, nil).wantProblem(401, "unauthorized")

		var s Session
		a.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": lead.RefreshToken}).expect(200).decode(&s)
		if role := tokenClaims(s.AccessToken)["role"]; role != "employee" || s.User.Role != RoleEmployee {
			t.Fatalf("role claim %v, session role %v", role, s.User.Role)
		}
		var me Me
		a.call("GET", "/v1/me", s.AccessToken, nil).expect(200).decode(&me)
		if me.Role != RoleEmployee {
			t.Fatalf("me.role %v", me.Role)
		}
		a.clock.Advance(31 * time.Second)
		other.call("GET", "/v1/me", lead.AccessToken, nil).wantProblem(401, "unauthorized")
		other.call("GET", "/v1/me", s.AccessToken, nil).expect(200)
	})

	t.Run("promoting an employee to admin takes effect after a refresh", func(t *testing.T) {
		a := a.in(t)
		emp := a.member(admin, "Pam Promoted", "employee", "")
		a.call("GET", "/v1/admin/org", emp.AccessToken, nil).wantProblem(403, "forbidden")
		a.clock.Advance(time.Second)
		a.patchUser(admin, emp.User.Id, map[string]any{"role": "admin"}).expect(200)
		a.call("GET", "/v1/admin/org", emp.AccessToken, nil).wantProblem(401, "unauthorized")
		var s Session
		a.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": emp.RefreshToken}).expect(200).decode(&s)
		if tokenClaims(s.AccessToken)["role"] != "admin" {
			t.Fatalf("claims %v", tokenClaims(s.AccessToken))
		}
		a.call("GET", "/v1/admin/org", s.AccessToken, nil).expect(200)
	})

	t.Run("a change that keeps the role keeps the token", func(t *testing.T) {
		a := a.in(t)
		emp := a.member(admin, "Nina Rename", "employee", "")
		a.clock.Advance(time.Second)
		a.call("PATCH", "/v1/admin/users/"+emp.User.Id, admin.AccessToken, map[string]any{"name": "Nina Renamed", "role": "employee"}).expect(200)
		a.call("GET", "/v1/me", emp.AccessToken, nil).expect(200)
	})
}

// The whole-second iat leaves a gap the contract does not: see the report that added this.
func TestRevocationWithinTheSecond(t *testing.T) {
	t.Parallel()
	t.Run("a token issued earlier in the same second as a deactivation stops working", func(t *testing.T) {
		a := newAPI(t)
		admin := a.org("acme")
		eva := a.member(admin, "Eva Jansen", "employee", "")
		a.clock.Advance(500 * time.Millisecond) // same second, later instant
		a.call("PATCH", "/v1/admin/users/"+eva.User.Id, admin.AccessToken, map[string]any{"active": false}).expect(200)
		a.clock.Advance(31 * time.Second)
		a.call("GET", "/v1/me", eva.AccessToken, nil).wantProblem(401, "unauthorized")
	})
}

func TestLogoutAndAccessTokens(t *testing.T) {
	t.Parallel()
	t.Run("after logout the session's access token stops working within 60 s", func(t *testing.T) {
		a := newAPI(t)
		admin := a.org("acme")
		eva := a.member(admin, "Eva Jansen", "employee", "")
		a.clock.Advance(time.Second)
		a.call("POST", "/v1/auth/logout", "", map[string]any{"refresh_token": eva.RefreshToken}).expect(204)
		a.clock.Advance(61 * time.Second)
		a.call("GET", "/v1/me", eva.AccessToken, nil).wantProblem(401, "unauthorized")
	})
}

// A reused refresh token means someone holds a copy: the thief's access token must stop at
// once, as a logout's does, not live out its 15 minutes.
func TestRefreshReuseVoidsAccessTokens(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	other := a.replica()

	t.Run("every access token of the family is 401 at once on this replica, and within 30 s on another", func(t *testing.T) {
		a := a.in(t)
		other := other.in(t)
		first := a.member(admin, "Rob Reuse", "employee", "")
		var rotated Session
		a.refresh(first.RefreshToken).expect(200).decode(&rotated)
		a.call("GET", "/v1/me", rotated.AccessToken, nil).expect(200)
		other.call("GET", "/v1/me", rotated.AccessToken, nil).expect(200) // the other replica caches the org now

		a.refresh(first.RefreshToken).wantProblem(401, "refresh_reused") // the clock has not moved
		a.call("GET", "/v1/me", first.AccessToken, nil).wantProblem(401, "unauthorized")
		a.call("GET", "/v1/me", rotated.AccessToken, nil).wantProblem(401, "unauthorized")

		a.clock.Advance(31 * time.Second)
		other.call("GET", "/v1/me", first.AccessToken, nil).wantProblem(401, "unauthorized")
		other.call("GET", "/v1/me", rotated.AccessToken, nil).wantProblem(401, "unauthorized")
	})

	t.Run("the user's other sessions keep working", func(t *testing.T) {
		a := a.in(t)
		other := other.in(t)
		u := a.user(admin, "Two Phones", "employee", "")
		phone := a.enroll(u.EnrollmentCode)
		var code EnrollmentCode
		a.call("POST", "/v1/admin/users/"+u.User.Id+"/enrollment-code", admin.AccessToken, nil).expect(200).decode(&code)
		tablet := a.enroll(code.EnrollmentCode)
		a.refresh(phone.RefreshToken).expect(200)
		a.refresh(phone.RefreshToken).wantProblem(401, "refresh_reused")
		a.call("GET", "/v1/me", phone.AccessToken, nil).wantProblem(401, "unauthorized")
		a.call("GET", "/v1/me", tablet.AccessToken, nil).expect(200)
		a.clock.Advance(31 * time.Second)
		other.call("GET", "/v1/me", tablet.AccessToken, nil).expect(200)
	})
}

func TestLogoutVoidsAccessTokensAtOnce(t *testing.T) {
	t.Parallel()
	t.Run("the session's access token is 401 at once, even one issued in the same millisecond", func(t *testing.T) {
		a := newAPI(t)
		admin := a.org("acme")
		eva := a.member(admin, "Eva Jansen", "employee", "")
		a.call("POST", "/v1/auth/logout", "", map[string]any{"refresh_token": eva.RefreshToken}).expect(204)
		a.call("GET", "/v1/me", eva.AccessToken, nil).wantProblem(401, "unauthorized")
		a.call("GET", "/v1/me", admin.AccessToken, nil).expect(200)
	})
}

// `microact demo` deletes the org demo and makes it anew: the tokens of its earlier users name
// users that are gone, and are 401, never a 404 for the caller's own profile.
func TestTokensOfAnOrgMadeAnew(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	eva := a.member(admin, "Eva Jansen", "employee", "")
	other := a.replica()
	other.call("GET", "/v1/me", eva.AccessToken, nil).expect(200) // the other replica caches the org now
	a.clock.Advance(time.Second)
	if err := a.store.DeleteOrgData(context.Background(), "acme"); err != nil {
		t.Fatal(err)
	}
	fresh := a.org("acme")
	paths := []string{"/v1/me", "/v1/me/today", "/v1/me/history", "/v1/me/notifications", "/v1/stories?scope=org", "/v1/leaderboards/teams?period=week", "/v1/admin/org"}

	t.Run("an earlier user's own profile and day are 401 at once, on any replica", func(t *testing.T) {
		a, other := a.in(t), other.in(t)
		for _, path := range []string{"/v1/me", "/v1/me/today"} {
			a.call("GET", path, eva.AccessToken, nil).wantProblem(401, "unauthorized")
			other.call("GET", path, eva.AccessToken, nil).wantProblem(401, "unauthorized")
		}
	})

	t.Run("every earlier token is 401 on every route once a replica's view of the org is renewed (30 s)", func(t *testing.T) {
		a, other := a.in(t), other.in(t)
		a.clock.Advance(31 * time.Second)
		for _, path := range paths {
			for _, s := range []Session{eva, admin} {
				a.call("GET", path, s.AccessToken, nil).wantProblem(401, "unauthorized")
				other.call("GET", path, s.AccessToken, nil).wantProblem(401, "unauthorized")
			}
		}
	})

	t.Run("the new org's users are not affected, and a missing object is still 404", func(t *testing.T) {
		a := a.in(t)
		a.call("GET", "/v1/me", fresh.AccessToken, nil).expect(200)
		a.call("GET", "/v1/admin/users/"+eva.User.Id, fresh.AccessToken, nil).wantProblem(404, "not_found")
	})
}
