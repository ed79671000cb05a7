package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/microact/microact/domain"
	"github.com/prometheus/client_golang/prometheus"
	"gopkg.in/yaml.v3"
)

// Who may call what: every operation of openapi.yaml, called by each of seven callers, answers as
// declared in secRoutes (contract §2: 401 without a valid token, 403 when authenticated but not
// allowed, 404 for what does not exist *or belongs to another org*). An operation added to the
// document without a row here fails the test, so nobody adds a route without deciding who may
// call it.
//
// The resources belong to org "alphaco": an employee of team Red (the employee column), Red's
// lead, Blue's lead and alphaco's admin call with their own tokens; betaco's admin and employee
// call with theirs, using alphaco's ids. For those two callers every answer is also checked for
// leaks: an error must read exactly as it does for an id that exists nowhere, and a success must
// not mention any of alphaco's ids or its slug. Every 404, whoever gets it, must read the same
// as for an id that exists nowhere too (someone else's assignment, say).

// secCaller is a column of the table.
type secCaller int

const (
	secAnonymous     secCaller = iota // no Authorization header
	secEmployee                       // the employee of team Red the resource belongs to
	secLead                           // the lead of Red, the resource's team
	secOtherLead                      // the lead of Blue, another team of the org
	secAdmin                          // the org's admin
	secOtherAdmin                     // another org's admin, using this org's ids
	secOtherEmployee                  // another org's employee, using this org's ids
	secCallers
)

var secCallerNames = [secCallers]string{
	"anonymous", "the employee it belongs to", "the lead of the employee's team", "the lead of another team",
	"the org's admin", "another org's admin", "another org's employee",
}

// secWant is the status each caller gets, in the order of the secCaller constants.
type secWant [secCallers]int

// secRequest is one call of a row, built afresh for every caller.
type secRequest struct {
	path    string // with the query
	body    any    // nil, a string (sent as is) or a value (sent as JSON)
	headers []string
	// owner is the employee column's caller: the employee the resource belongs to, when the row
	// made one of its own (nil: Eva, the fixture's employee of Red).
	owner *Session
	// after, if set, checks what the call left behind.
	after func(t *testing.T, caller secCaller, r response)
}

// secRoute is a row: an operation as openapi.yaml names it, who gets what, and how to call it.
type secRoute struct {
	op    string
	want  secWant
	build func(f *secFixture) secRequest
}

// Statuses, named as the contract names them.
const (
	sOK        = http.StatusOK
	sCreated   = http.StatusCreated
	sAccepted  = http.StatusAccepted
	sNoContent = http.StatusNoContent
	sNoToken   = http.StatusUnauthorized
	sForbidden = http.StatusForbidden
	sNotFound  = http.StatusNotFound
	sInvalid   = http.StatusUnprocessableEntity
)

// Rows whose answer is the same for everyone.
var (
	secPublic = secWant{sOK, sOK, sOK, sOK, sOK, sOK, sOK}
	// secSignedIn: anyone with a token, about their own things.
	secSignedIn = secWant{sNoToken, sOK, sOK, sOK, sOK, sOK, sOK}
	// secAdminOnly: an admin route about one of the org's objects.
	secAdminOnly = func(ok int) secWant {
		return secWant{sNoToken, sForbidden, sForbidden, sForbidden, ok, sNotFound, sForbidden}
	}
	// secAdminOwn: an admin route about the caller's own org as a whole (lists, creation, settings).
	secAdminOwn = func(ok int) secWant {
		return secWant{sNoToken, sForbidden, sForbidden, sForbidden, ok, ok, sForbidden}
	}
)

var secRoutes = []secRoute{
	// Operations endpoints and the keys: public, whatever token comes along.
	{"GET /.well-known/jwks.json", secPublic, secGet("/.well-known/jwks.json")},
	{"GET /healthz", secPublic, secGet("/healthz")},
	{"GET /readyz", secPublic, secGet("/readyz")},
	{"GET /metrics", secPublic, secGet("/metrics")},
	{"GET /openapi.yaml", secPublic, secGet("/openapi.yaml")},
	{"GET /docs", secPublic, secGet("/docs")},

	// Auth: the body is the credential; a bearer token sent along changes nothing.
	{"POST /v1/auth/enroll", secPublic, func(f *secFixture) secRequest {
		return secRequest{path: "/v1/auth/enroll", body: map[string]any{"code": f.a.user(f.admin, f.name("Enrolling"), "employee", f.red.Id).EnrollmentCode}}
	}},
	{"POST /v1/auth/refresh", secPublic, func(f *secFixture) secRequest {
		return secRequest{path: "/v1/auth/refresh", body: map[string]any{"refresh_token": f.newEmployee().RefreshToken}}
	}},
	{"POST /v1/auth/logout", secWant{sNoContent, sNoContent, sNoContent, sNoContent, sNoContent, sNoContent, sNoContent}, func(f *secFixture) secRequest {
		return secRequest{path: "/v1/auth/logout", body: map[string]any{"refresh_token": f.newEmployee().RefreshToken}}
	}},
	// The console's sign-in: the code or the cookie is the credential, as on /v1/auth.
	{"POST /console/auth/enroll", secPublic, func(f *secFixture) secRequest {
		code := f.a.user(f.admin, f.name("Console"), "lead", f.red.Id).EnrollmentCode
		return secRequest{path: "/console/auth/enroll", body: map[string]any{"code": code}, headers: []string{"X-Microact-Console", "1"}}
	}},
	{"POST /console/auth/refresh", secPublic, func(f *secFixture) secRequest {
		_, cookie := f.a.consoleSignIn(f.a.user(f.admin, f.name("Console"), "lead", f.red.Id).EnrollmentCode)
		return secRequest{path: "/console/auth/refresh", headers: []string{"X-Microact-Console", "1", "Cookie", consoleCookie + "=" + cookie}}
	}},
	{"POST /console/auth/logout", secWant{sNoContent, sNoContent, sNoContent, sNoContent, sNoContent, sNoContent, sNoContent}, func(f *secFixture) secRequest {
		_, cookie := f.a.consoleSignIn(f.a.user(f.admin, f.name("Console"), "lead", f.red.Id).EnrollmentCode)
		return secRequest{path: "/console/auth/logout", headers: []string{"X-Microact-Console", "1", "Cookie", consoleCookie + "=" + cookie}}
	}},

	// The caller's own things.
	{"GET /v1/me", secSignedIn, secGet("/v1/me")},
	{"PATCH /v1/me", secSignedIn, func(*secFixture) secRequest {
		return secRequest{path: "/v1/me", body: map[string]any{"locale": "en"}}
	}},
	{"GET /v1/me/today", secSignedIn, secGet("/v1/me/today")},
	{"GET /v1/me/history", secSignedIn, secGet("/v1/me/history")},
	{"GET /v1/me/export", secSignedIn, secGet("/v1/me/export")},
	{"GET /v1/me/notifications", secSignedIn, secGet("/v1/me/notifications")},
	{"POST /v1/me/notifications/read", secWant{sNoToken, sNoContent, sNoContent, sNoContent, sNoContent, sNoContent, sNoContent}, func(f *secFixture) secRequest {
		// Eva's notification id: marking one's own inbox read up to it touches no one else's.
		return secRequest{path: "/v1/me/notifications/read", body: map[string]any{"up_to": f.evaNotice}}
	}},
	{"PUT /v1/me/devices/{device_id}", secWant{sNoToken, sNoContent, sNoContent, sNoContent, sNoContent, sNoContent, sNoContent}, func(f *secFixture) secRequest {
		return secRequest{path: "/v1/me/devices/" + f.name("phone"), body: map[string]any{"token": f.name("fcm-token"), "platform": "android"}}
	}},
	{"DELETE /v1/me/devices/{device_id}", secWant{sNoToken, sNoContent, sNoContent, sNoContent, sNoContent, sNoContent, sNoContent}, func(f *secFixture) secRequest {
		// Eva's phone: anyone else deleting a device of that id deletes one of their own (none).
		device := f.name("eva-phone")
		f.a.call("PUT", "/v1/me/devices/"+device, f.eva.AccessToken, map[string]any{"token": f.name("eva-token"), "platform": "ios"}).expect(204)
		return secRequest{path: "/v1/me/devices/" + device, after: func(t *testing.T, caller secCaller, _ response) {
			devices, err := f.a.store.Devices(context.Background(), f.slug, f.eva.User.Id)
			if err != nil {
				t.Fatal(err)
			}
			kept := slices.ContainsFunc(devices, func(d domain.PushDevice) bool { return d.ID == device })
			if kept != (caller != secEmployee) {
				t.Fatalf("Eva's device %s kept: %v", device, kept)
			}
		}}
	}},
	{"POST /v1/me/assignments/{assignment_id}/swap", secWant{sNoToken, sOK, sNotFound, sNotFound, sNotFound, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		owner := f.newEmployee()
		return secRequest{path: "/v1/me/assignments/" + f.a.loopToday(owner).Id + "/swap", owner: owner}
	}},
	{"GET /v1/me/assignments/{assignment_id}/alternatives", secWant{sNoToken, sOK, sNotFound, sNotFound, sNotFound, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		owner := f.newEmployee()
		return secRequest{path: "/v1/me/assignments/" + f.a.loopToday(owner).Id + "/alternatives", owner: owner}
	}},
	{"POST /v1/me/assignments/{assignment_id}/outcome", secWant{sNoToken, sCreated, sNotFound, sNotFound, sNotFound, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		owner := f.newEmployee()
		return secRequest{path: "/v1/me/assignments/" + f.a.loopToday(owner).Id + "/outcome", body: map[string]any{"result": "done"}, owner: owner}
	}},
	{"GET /v1/me/assignments/{assignment_id}/customer-comments", secWant{sNoToken, sOK, sNotFound, sNotFound, sNotFound, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		owner := f.newEmployee()
		return secRequest{path: "/v1/me/assignments/" + f.a.loopToday(owner).Id + "/customer-comments", owner: owner}
	}},

	// Boards (contract §6): one's own team's, a led team's, any for an admin.
	{"GET /v1/leaderboards/teams/{team_id}", secWant{sNoToken, sOK, sOK, sForbidden, sOK, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		return secRequest{path: "/v1/leaderboards/teams/" + f.red.Id}
	}},
	{"GET /v1/leaderboards/teams", secSignedIn, secGet("/v1/leaderboards/teams")},
	{"GET /v1/leaderboards/challenges/{challenge_id}", secWant{sNoToken, sOK, sOK, sForbidden, sOK, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		return secRequest{path: "/v1/leaderboards/challenges/" + f.redWeek.Id}
	}},
	// The challenges for the caller's team, with their progress (TestEmployeesReadTheChallengesTheyTakePartIn).
	{"GET /v1/challenges", secSignedIn, secGet("/v1/challenges")},
	{"GET /v1/challenges/{challenge_id}", secWant{sNoToken, sOK, sOK, sNotFound, sOK, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		return secRequest{path: "/v1/challenges/" + f.redWeek.Id}
	}},
	// The teams a caller may look at: everyone gets a list, of what they may see (TestVisibleTeams).
	{"GET /v1/teams", secSignedIn, secGet("/v1/teams")},
	// The team's customer feedback link: its leads and admins; revoking it, admins only. Its
	// page is public, whatever token comes along.
	{"GET /v1/teams/{team_id}/feedback-link", secWant{sNoToken, sForbidden, sOK, sForbidden, sOK, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		return secRequest{path: "/v1/teams/" + f.red.Id + "/feedback-link"}
	}},
	{"POST /v1/teams/{team_id}/feedback-link", secWant{sNoToken, sForbidden, sOK, sForbidden, sOK, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		return secRequest{path: "/v1/teams/" + f.red.Id + "/feedback-link"}
	}},
	{"DELETE /v1/teams/{team_id}/feedback-link", secWant{sNoToken, sForbidden, sForbidden, sForbidden, sNoContent, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		return secRequest{path: "/v1/teams/" + f.red.Id + "/feedback-link"}
	}},
	{"GET /f/{token}", secPublic, func(f *secFixture) secRequest {
		return secRequest{path: secFeedbackPath(f)}
	}},
	{"POST /f/{token}", secPublic, func(f *secFixture) secRequest {
		return secRequest{path: secFeedbackPath(f), body: "score=9", headers: []string{"Content-Type", formType}}
	}},
	{"GET /v1/teams/{team_id}/dashboard", secWant{sNoToken, sForbidden, sOK, sForbidden, sOK, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		return secRequest{path: "/v1/teams/" + f.red.Id + "/dashboard"}
	}},

	// Break-room display links: a team's leads and admins; the screen's read takes a display
	// token only, so every access token, whoever's, is refused there.
	{"POST /v1/displays", secWant{sNoToken, sForbidden, sCreated, sForbidden, sCreated, sInvalid, sForbidden}, func(f *secFixture) secRequest {
		return secRequest{path: "/v1/displays", body: map[string]any{"team_id": f.red.Id}}
	}},
	{"GET /v1/displays", secWant{sNoToken, sForbidden, sOK, sOK, sOK, sOK, sForbidden}, secGet("/v1/displays")},
	{"DELETE /v1/displays/{display_id}", secWant{sNoToken, sForbidden, sNoContent, sNotFound, sNoContent, sNotFound, sForbidden}, func(f *secFixture) secRequest {
		var d DisplayCreated
		f.a.call("POST", "/v1/displays", f.admin.AccessToken, map[string]any{"team_id": f.red.Id}).expect(201).decode(&d)
		return secRequest{path: "/v1/displays/" + d.Id}
	}},
	{"GET /v1/display", secWant{sNoToken, sNoToken, sNoToken, sNoToken, sNoToken, sNoToken, sNoToken}, secGet("/v1/display")},

	// Show and tell (contract §5), each caller with a story of its own to act on.
	{"GET /v1/stories", secSignedIn, secGet("/v1/stories?scope=org")},
	{"GET /v1/stories/{story_id}", secWant{sNoToken, sOK, sOK, sOK, sOK, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		id, owner := f.story()
		return secRequest{path: "/v1/stories/" + id, owner: owner}
	}},
	{"DELETE /v1/stories/{story_id}", secWant{sNoToken, sNoContent, sNoContent, sForbidden, sNoContent, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		id, owner := f.story()
		return secRequest{path: "/v1/stories/" + id, owner: owner}
	}},
	{"PUT /v1/stories/{story_id}/kudos", secWant{sNoToken, sForbidden, sNoContent, sNoContent, sNoContent, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		id, owner := f.story()
		return secRequest{path: "/v1/stories/" + id + "/kudos", owner: owner}
	}},
	{"DELETE /v1/stories/{story_id}/kudos", secWant{sNoToken, sForbidden, sNoContent, sNoContent, sNoContent, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		id, owner := f.story()
		return secRequest{path: "/v1/stories/" + id + "/kudos", owner: owner}
	}},
	{"POST /v1/stories/{story_id}/spotlight", secWant{sNoToken, sForbidden, sNoContent, sForbidden, sNoContent, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		id, owner := f.story()
		return secRequest{path: "/v1/stories/" + id + "/spotlight", owner: owner}
	}},

	// Barriers: anyone reports; the reporter's lead and admins see a team's and move them.
	{"POST /v1/barriers", secWant{sNoToken, sCreated, sCreated, sCreated, sCreated, sCreated, sCreated}, func(*secFixture) secRequest {
		return secRequest{path: "/v1/barriers", body: map[string]any{"category": "tools", "text": "The scanner is broken."}}
	}},
	{"GET /v1/barriers", secWant{sNoToken, sForbidden, sOK, sForbidden, sOK, sNotFound, sForbidden}, func(f *secFixture) secRequest {
		// A lead or employee asking for a team they do not lead is refused whether or not it
		// exists, so another org's employee learns nothing from the 403 either.
		return secRequest{path: "/v1/barriers?team_id=" + f.red.Id}
	}},
	{"GET /v1/barriers/{barrier_id}", secWant{sNoToken, sOK, sOK, sForbidden, sOK, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		owner := f.newEmployee() // a reporter of its own: Eva's hourly barrier limit is shared by the rows
		b := f.a.socialReport(owner, "stock", "No umbrellas left to lend.")
		return secRequest{path: "/v1/barriers/" + b.Id, owner: owner}
	}},
	// Anyone in the org but the reporter joins a barrier (the reporter's 403 is own_barrier).
	{"POST /v1/barriers/{barrier_id}/me-too", secWant{sNoToken, sForbidden, sOK, sOK, sOK, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		owner := f.newEmployee() // a reporter of its own: Eva's hourly barrier limit is shared by the rows
		b := f.a.socialReport(owner, "stock", "No umbrellas left to lend.")
		return secRequest{path: "/v1/barriers/" + b.Id + "/me-too", owner: owner}
	}},
	{"PATCH /v1/barriers/{barrier_id}", secWant{sNoToken, sForbidden, sOK, sForbidden, sOK, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		b := f.a.socialReport(f.eva, "stock", "No umbrellas left to lend.")
		return secRequest{path: "/v1/barriers/" + b.Id, body: map[string]any{"status": "acknowledged", "note": "On it."}}
	}},
	// A lead of the barriers' team or an admin merges a duplicate; the reporter, another team's
	// lead and other orgs may not.
	{"POST /v1/barriers/{barrier_id}/merge", secWant{sNoToken, sForbidden, sOK, sForbidden, sOK, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		owner := f.newEmployee() // a reporter of its own: Eva's hourly barrier limit is shared by the rows
		kept := f.a.socialReport(owner, "stock", "No umbrellas left to lend.")
		dup := f.a.socialReport(owner, "stock", "The umbrellas are gone.")
		return secRequest{path: "/v1/barriers/" + dup.Id + "/merge", body: map[string]any{"into": kept.Id}, owner: owner}
	}},

	// Suggestions: anyone suggests for a value of their org; leads and admins review.
	{"POST /v1/suggestions", secWant{sNoToken, sCreated, sCreated, sCreated, sCreated, sInvalid, sInvalid}, func(f *secFixture) secRequest {
		// Another org's callers name this org's value, which to them does not exist: 422 as for
		// any unknown value.
		return secRequest{path: "/v1/suggestions", body: map[string]any{"title": "Offer water", "how_to": "Offer a glass of water.", "value_id": f.value.Id}}
	}},
	// Employees get their own suggestions (another org's employee an empty list of theirs).
	{"GET /v1/suggestions", secWant{sNoToken, sOK, sOK, sOK, sOK, sOK, sOK}, secGet("/v1/suggestions")},
	{"POST /v1/suggestions/{suggestion_id}/approve", secWant{sNoToken, sForbidden, sOK, sForbidden, sOK, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		return f.review("approve")
	}},
	{"POST /v1/suggestions/{suggestion_id}/reject", secWant{sNoToken, sForbidden, sOK, sForbidden, sOK, sNotFound, sNotFound}, func(f *secFixture) secRequest {
		return f.review("reject")
	}},

	// Admin (contract §8): the org's admin only; another org's admin finds nothing of this org.
	{"GET /v1/admin/org", secAdminOwn(sOK), secGet("/v1/admin/org")},
	{"PATCH /v1/admin/org", secAdminOwn(sOK), func(f *secFixture) secRequest {
		return secRequest{path: "/v1/admin/org", body: map[string]any{"swaps_per_day": 3}}
	}},
	{"POST /v1/admin/teams", secAdminOwn(sCreated), func(f *secFixture) secRequest {
		return secRequest{path: "/v1/admin/teams", body: map[string]any{"name": f.name("Team")}}
	}},
	{"GET /v1/admin/teams", secAdminOwn(sOK), secGet("/v1/admin/teams")},
	{"GET /v1/admin/teams/{team_id}", secAdminOnly(sOK), func(f *secFixture) secRequest {
		return secRequest{path: "/v1/admin/teams/" + f.red.Id}
	}},
	{"PATCH /v1/admin/teams/{team_id}", secAdminOnly(sOK), func(f *secFixture) secRequest {
		return secRequest{path: "/v1/admin/teams/" + f.a.team(f.admin, f.name("Team")).Id, body: map[string]any{"name": f.name("Renamed team")}}
	}},
	{"DELETE /v1/admin/teams/{team_id}", secAdminOnly(sNoContent), func(f *secFixture) secRequest {
		return secRequest{path: "/v1/admin/teams/" + f.a.team(f.admin, f.name("Team")).Id}
	}},
	{"POST /v1/admin/users", secAdminOwn(sCreated), func(f *secFixture) secRequest {
		n := f.name("new")
		return secRequest{path: "/v1/admin/users", body: map[string]any{"name": n, "email": n + "@example.com", "role": "employee"}}
	}},
	{"GET /v1/admin/users", secAdminOwn(sOK), secGet("/v1/admin/users")},
	{"POST /v1/admin/users/import", secAdminOwn(sOK), func(f *secFixture) secRequest {
		n := f.name("imported")
		return secRequest{path: "/v1/admin/users/import", body: "name,email,role,team\n" + n + "," + n + "@example.com,employee,\n", headers: []string{"Content-Type", "text/csv"}}
	}},
	{"GET /v1/admin/users/{user_id}", secAdminOnly(sOK), func(f *secFixture) secRequest {
		return secRequest{path: "/v1/admin/users/" + f.eva.User.Id}
	}},
	{"PATCH /v1/admin/users/{user_id}", secAdminOnly(sOK), func(f *secFixture) secRequest {
		owner := f.newEmployee()
		return secRequest{path: "/v1/admin/users/" + owner.User.Id, body: map[string]any{"name": f.name("Renamed")}, owner: owner}
	}},
	{"DELETE /v1/admin/users/{user_id}", secAdminOnly(sNoContent), func(f *secFixture) secRequest {
		owner := f.newEmployee()
		return secRequest{path: "/v1/admin/users/" + owner.User.Id, owner: owner}
	}},
	{"POST /v1/admin/users/{user_id}/enrollment-code", secAdminOnly(sOK), func(f *secFixture) secRequest {
		owner := f.newEmployee()
		return secRequest{path: "/v1/admin/users/" + owner.User.Id + "/enrollment-code", owner: owner}
	}},
	{"POST /v1/admin/users/{user_id}/test-notification", secAdminOnly(sAccepted), func(f *secFixture) secRequest {
		return secRequest{path: "/v1/admin/users/" + f.eva.User.Id + "/test-notification"}
	}},
	{"POST /v1/admin/values", secAdminOwn(sCreated), func(f *secFixture) secRequest {
		return secRequest{path: "/v1/admin/values", body: map[string]any{"name": f.name("Value"), "description": "What it means here."}}
	}},
	{"GET /v1/admin/values", secAdminOwn(sOK), secGet("/v1/admin/values")},
	{"GET /v1/admin/values/{value_id}", secAdminOnly(sOK), func(f *secFixture) secRequest {
		return secRequest{path: "/v1/admin/values/" + f.value.Id}
	}},
	{"PATCH /v1/admin/values/{value_id}", secAdminOnly(sOK), func(f *secFixture) secRequest {
		return secRequest{path: "/v1/admin/values/" + f.value.Id, body: map[string]any{"description": "What it means here, changed."}}
	}},
	{"DELETE /v1/admin/values/{value_id}", secAdminOnly(sNoContent), func(f *secFixture) secRequest {
		return secRequest{path: "/v1/admin/values/" + f.loopOrg.value(f.name("Value")).Id}
	}},
	{"POST /v1/admin/gestures", secWant{sNoToken, sForbidden, sForbidden, sForbidden, sCreated, sInvalid, sForbidden}, func(f *secFixture) secRequest {
		// Another org's admin names this org's value: 422 as for any unknown value.
		return secRequest{path: "/v1/admin/gestures", body: map[string]any{"title": f.name("Gesture"), "how_to": "Just do it.", "value_id": f.value.Id}}
	}},
	{"GET /v1/admin/gestures", secAdminOwn(sOK), secGet("/v1/admin/gestures")},
	{"GET /v1/admin/gestures/{gesture_id}", secAdminOnly(sOK), func(f *secFixture) secRequest {
		return secRequest{path: "/v1/admin/gestures/" + f.greet.Id}
	}},
	{"PATCH /v1/admin/gestures/{gesture_id}", secAdminOnly(sOK), func(f *secFixture) secRequest {
		return secRequest{path: "/v1/admin/gestures/" + f.greet.Id, body: map[string]any{"how_to": "Say hello first."}}
	}},
	{"DELETE /v1/admin/gestures/{gesture_id}", secAdminOnly(sNoContent), func(f *secFixture) secRequest {
		return secRequest{path: "/v1/admin/gestures/" + f.loopOrg.gesture(f.value.Id, f.name("Gesture")).Id}
	}},
	{"POST /v1/admin/challenges", secWant{sNoToken, sForbidden, sForbidden, sForbidden, sCreated, sInvalid, sForbidden}, func(f *secFixture) secRequest {
		// Another org's admin names this org's gesture: 422 as for any unknown gesture.
		return secRequest{path: "/v1/admin/challenges", body: map[string]any{"name": f.name("Challenge"), "starts_on": loopDay(7), "ends_on": loopDay(13), "gesture_ids": []string{f.greet.Id}}}
	}},
	{"GET /v1/admin/challenges", secAdminOwn(sOK), secGet("/v1/admin/challenges")},
	{"GET /v1/admin/challenges/{challenge_id}", secAdminOnly(sOK), func(f *secFixture) secRequest {
		return secRequest{path: "/v1/admin/challenges/" + f.redWeek.Id}
	}},
	{"PATCH /v1/admin/challenges/{challenge_id}", secAdminOnly(sOK), func(f *secFixture) secRequest {
		return secRequest{path: "/v1/admin/challenges/" + f.redWeek.Id, body: map[string]any{"description": "Greet everyone this week."}}
	}},
	{"DELETE /v1/admin/challenges/{challenge_id}", secAdminOnly(sNoContent), func(f *secFixture) secRequest {
		ch := f.challenge(f.name("Challenge"), loopDay(7), loopDay(13), []string{f.greet.Id})
		return secRequest{path: "/v1/admin/challenges/" + ch.Id}
	}},
	{"GET /v1/admin/export/outcomes", secAdminOwn(sOK), secGet("/v1/admin/export/outcomes?from=" + loopDay(-7) + "&to=" + loopDay(0) + "&format=jsonl")},
}

// secGet is a row that reads path, the same for every caller.
func secGet(path string) func(*secFixture) secRequest {
	return func(*secFixture) secRequest { return secRequest{path: path} }
}

// secFixture is org alphaco with teams Red (lead Lena, employee Eva) and Blue (lead Max), a value,
// two gestures and a challenge for Red; and org betaco with an admin and an employee of its own
// (and a gesture, so they have days of their own).
type secFixture struct {
	*loopOrg
	value     Value
	greet     Gesture
	red, blue Team
	redWeek   Challenge
	eva       *Session
	lena      *Session
	max       *Session
	evaNotice string // a notification in Eva's inbox
	other     *loopOrg
	otherEmp  *Session
	n         *int // names made so far, shared by the copies each call works on
}

func secNewFixture(t *testing.T) *secFixture {
	t.Helper()
	a := newAPI(t)
	f := &secFixture{loopOrg: a.loopNewOrg("alphaco"), n: new(int)}
	f.value = f.loopOrg.value("Attentive")
	f.greet = f.loopOrg.gesture(f.value.Id, "Greet every customer")
	f.loopOrg.gesture(f.value.Id, "Hold the door") // so a swap has somewhere to go
	f.red, f.blue = a.team(f.admin, "Red"), a.team(f.admin, "Blue")
	f.eva = f.member("Eva Jansen", "employee", f.red.Id)
	f.lena = f.member("Lena Bos", "lead", f.red.Id)
	f.max = f.member("Max Visser", "lead", f.blue.Id)
	a.call("PATCH", "/v1/admin/teams/"+f.red.Id, f.admin.AccessToken, map[string]any{"lead_ids": []string{f.lena.User.Id}}).expect(200)
	a.call("PATCH", "/v1/admin/teams/"+f.blue.Id, f.admin.AccessToken, map[string]any{"lead_ids": []string{f.max.User.Id}}).expect(200)
	f.redWeek = f.challenge("Red week", loopDay(0), loopDay(6), []string{f.greet.Id}, map[string]any{"team_ids": []string{f.red.Id}})
	var n NotificationRef
	a.call("POST", "/v1/admin/users/"+f.eva.User.Id+"/test-notification", f.admin.AccessToken, nil).expect(202).decode(&n)
	f.evaNotice = n.Id

	f.other = a.loopNewOrg("betaco")
	f.other.gesture(f.other.value("Helpful").Id, "Offer a basket")
	f.otherEmp = f.other.member("Olga Other", "employee", "")
	return f
}

// name is a name used once in the test.
func (f *secFixture) name(prefix string) string {
	*f.n++
	return prefix + "-" + strconv.Itoa(*f.n)
}

// newEmployee enrolls a new employee of Red, for a row that needs a resource of its own.
func (f *secFixture) newEmployee() *Session {
	return f.member(f.name("Erik"), "employee", f.red.Id)
}

// story is a story shared today by a new employee of Red (one story per person per day).
func (f *secFixture) story() (string, *Session) {
	owner := f.newEmployee()
	r := f.a.loopOutcome(owner, f.a.loopToday(owner).Id, map[string]any{"result": "done", "story": "I held the door.", "share": true})
	if r.StoryId == nil {
		f.t.Fatal("the shared story was not made")
	}
	return *r.StoryId, owner
}

// review is a review of a new suggestion by a new employee of Red (suggestions are rate limited
// per author).
func (f *secFixture) review(verdict string) secRequest {
	owner := f.newEmployee()
	sg := f.a.socialSuggest(owner, f.value.Id, "Wave goodbye")
	return secRequest{path: "/v1/suggestions/" + sg.Id + "/" + verdict, body: map[string]any{"note": "Thanks!"}, owner: owner}
}

// token is the caller's access token ("" for anonymous).
func (f *secFixture) token(c secCaller, owner *Session) string {
	switch c {
	case secEmployee:
		if owner != nil {
			return owner.AccessToken
		}
		return f.eva.AccessToken
	case secLead:
		return f.lena.AccessToken
	case secOtherLead:
		return f.max.AccessToken
	case secAdmin:
		return f.admin.AccessToken
	case secOtherAdmin:
		return f.other.admin.AccessToken
	case secOtherEmployee:
		return f.otherEmp.AccessToken
	}
	return ""
}

// secIDPattern matches the server's ids (26 Crockford base-32 characters).
var secIDPattern = regexp.MustCompile(`[0-9A-HJKMNP-TV-Z]{26}`)

// secOperations lists "METHOD /path" for every operation of openapi.yaml.
func secOperations(t *testing.T) []string {
	t.Helper()
	var doc struct {
		Paths map[string]map[string]yaml.Node `yaml:"paths"`
	}
	if err := yaml.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatal(err)
	}
	var ops []string
	for path, item := range doc.Paths {
		for method := range item {
			switch method {
			case "get", "put", "post", "patch", "delete", "head", "options", "trace":
				ops = append(ops, strings.ToUpper(method)+" "+path)
			}
		}
	}
	slices.Sort(ops)
	return ops
}

func TestEveryRouteHasAnAccessRow(t *testing.T) {
	t.Parallel()
	ops := secOperations(t)
	if len(ops) < 60 {
		t.Fatalf("only %d operations read from openapi.yaml: %v", len(ops), ops)
	}
	rows := map[string]bool{}
	for _, r := range secRoutes {
		if rows[r.op] {
			t.Errorf("two rows for %s", r.op)
		}
		rows[r.op] = true
	}
	for _, op := range ops {
		if !rows[op] {
			t.Errorf("%s is in openapi.yaml but has no row in secRoutes: declare who may call it", op)
		}
	}
	for _, r := range secRoutes {
		if !slices.Contains(ops, r.op) {
			t.Errorf("secRoutes has a row for %s, which openapi.yaml does not have", r.op)
		}
	}
	// A route registered by hand, outside the document, would escape the table.
	e, err := (&Server{Clock: domain.NewFixedClock(testNow), Metrics: NewMetrics(prometheus.NewRegistry())}).Handler()
	if err != nil {
		t.Fatal(err)
	}
	param := regexp.MustCompile(`:([a-z_]+)`)
	for _, r := range e.Routes() {
		if op := r.Method + " " + param.ReplaceAllString(r.Path, "{$1}"); !slices.Contains(ops, op) {
			t.Errorf("the server serves %s, which openapi.yaml does not have", op)
		}
	}
}

func TestAccessTableOfEveryRouteRoleAndOrg(t *testing.T) {
	t.Parallel()
	f := secNewFixture(t)
	for _, route := range secRoutes {
		method, _, _ := strings.Cut(route.op, " ")
		t.Run(route.op, func(t *testing.T) {
			for c := range secCallers {
				want := route.want[c]
				t.Run(secCallerNames[c]+" gets "+strconv.Itoa(want), func(t *testing.T) {
					a := f.a.in(t)
					f := *f
					f.loopOrg = &loopOrg{a: a, t: t, slug: f.slug, admin: f.admin}
					req := route.build(&f)
					token := f.token(c, req.owner)
					res := a.call(method, req.path, token, req.body, req.headers...)
					secCheck(t, res, want)
					if req.after != nil {
						req.after(t, c, res)
					}
					otherOrg := c == secOtherAdmin || c == secOtherEmployee
					switch {
					case otherOrg && res.Status < 300:
						f.mentionsNothingOf(t, req, res)
					case otherOrg, res.Status == sNotFound:
						f.sameAsUnknown(t, method, req, token, res)
					}
				})
			}
		})
	}
}

// secCheck fails unless res has the status want and, for an error, is a problem document with
// the contract's code for it.
func secCheck(t *testing.T, res response, want int) {
	t.Helper()
	if res.Status != want {
		t.Fatalf("status %d, want %d: %.300s", res.Status, want, res.Body)
	}
	codes := map[int][]string{
		sNoToken: {"unauthorized"}, sForbidden: {"forbidden", "own_story", "own_barrier"}, sNotFound: {"not_found"}, sInvalid: {"invalid"},
	}
	if want >= 400 {
		p := res.wantProblem(want, res.problem().Code)
		if !slices.Contains(codes[want], p.Code) {
			t.Fatalf("code %q, want one of %v: %s", p.Code, codes[want], res.Body)
		}
	}
}

// mentionsNothingOf fails when a successful answer to another org's caller names this org or
// any of its ids the request carried.
func (f *secFixture) mentionsNothingOf(t *testing.T, req secRequest, res response) {
	t.Helper()
	if !strings.HasPrefix(req.path, "/v1/") || strings.HasPrefix(req.path, "/v1/auth/") {
		return // public documents, and sessions of this org's credentials whoever sends them
	}
	body := string(res.Body)
	if strings.Contains(body, f.slug) {
		t.Fatalf("the answer names org %s: %.300s", f.slug, body)
	}
	for _, id := range secIDPattern.FindAllString(req.path+" "+mustJSON(req.body), -1) {
		if strings.Contains(body, id) {
			t.Fatalf("the answer mentions %s of org %s: %.300s", id, f.slug, body)
		}
	}
}

// sameAsUnknown fails unless a refusal reads exactly as it does for ids that exist nowhere: the
// same request with every id in its path and body swapped for a new one.
func (f *secFixture) sameAsUnknown(t *testing.T, method string, req secRequest, token string, res response) {
	t.Helper()
	ghosts := map[string]string{}
	ghost := func(s string) string {
		return secIDPattern.ReplaceAllStringFunc(s, func(id string) string {
			if ghosts[id] == "" {
				ghosts[id] = domain.NewID(testNow)
			}
			return ghosts[id]
		})
	}
	var body any = req.body
	switch b := req.body.(type) {
	case nil:
	case string:
		body = ghost(b)
	default:
		body = json.RawMessage(ghost(mustJSON(b)))
	}
	path := ghost(req.path)
	if len(ghosts) == 0 {
		return // the request names nothing of the org
	}
	other := f.a.in(t).call(method, path, token, body, req.headers...)
	seen := string(other.Body)
	for id, g := range ghosts {
		seen = strings.ReplaceAll(seen, g, id)
	}
	if other.Status != res.Status || seen != string(res.Body) {
		t.Fatalf("known ids and unknown ids answer differently:\n%s %s: %d %s\n%s %s: %d %s",
			method, req.path, res.Status, res.Body, method, path, other.Status, other.Body)
	}
}

// secFeedbackPath is the page of a new feedback link of Red, made by its admin.
func secFeedbackPath(f *secFixture) string {
	var link FeedbackLink
	f.a.call("POST", "/v1/teams/"+f.red.Id+"/feedback-link", f.admin.AccessToken, nil).expect(200).decode(&link)
	return feedbackPath(f.a.t, link)
}
