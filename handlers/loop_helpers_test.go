package handlers

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/microact/microact/internal/apitest"
)

// Helpers of the daily-loop tests (loop_*_test.go). Every name starts with "loop" so they
// cannot clash with helpers other test files add.

// loopOrg is an org with its enrolled admin, for the daily-loop tests.
type loopOrg struct {
	a     *testAPI
	t     *testing.T
	slug  string
	admin Session
}

// loopNewOrg creates an org (Europe/Amsterdam, weeks from Monday, defaults everywhere else).
func (a *testAPI) loopNewOrg(slug string) *loopOrg {
	a.t.Helper()
	return &loopOrg{a: a, t: a.t, slug: slug, admin: a.org(slug)}
}

// value creates a value; extra fields are merged into the body.
func (o *loopOrg) value(name string, extra ...map[string]any) Value {
	o.t.Helper()
	body := loopMerge(map[string]any{"name": name, "description": "What " + name + " means here."}, extra...)
	var v Value
	o.a.call("POST", "/v1/admin/values", o.admin.AccessToken, body).expect(201).decode(&v)
	return v
}

// gesture creates a gesture of a value; extra fields are merged into the body.
func (o *loopOrg) gesture(valueID, title string, extra ...map[string]any) Gesture {
	o.t.Helper()
	body := loopMerge(map[string]any{"title": title, "how_to": "How to " + title + ".", "value_id": valueID}, extra...)
	var g Gesture
	o.a.call("POST", "/v1/admin/gestures", o.admin.AccessToken, body).expect(201).decode(&g)
	return g
}

// gestures creates n gestures of one value, titled prefix 1 … prefix n.
func (o *loopOrg) gestures(valueID, prefix string, n int) []Gesture {
	o.t.Helper()
	out := make([]Gesture, n)
	for i := range out {
		out[i] = o.gesture(valueID, prefix+" "+string(rune('A'+i)))
	}
	return out
}

// challenge creates a challenge; extra fields are merged into the body.
func (o *loopOrg) challenge(name, startsOn, endsOn string, gestureIDs []string, extra ...map[string]any) Challenge {
	o.t.Helper()
	body := loopMerge(map[string]any{"name": name, "starts_on": startsOn, "ends_on": endsOn, "gesture_ids": gestureIDs}, extra...)
	var c Challenge
	o.a.call("POST", "/v1/admin/challenges", o.admin.AccessToken, body).expect(201).decode(&c)
	return c
}

// patchOrg changes the org's settings as its admin.
func (o *loopOrg) patchOrg(body map[string]any) {
	o.t.Helper()
	o.a.call("PATCH", "/v1/admin/org", o.admin.AccessToken, body).expect(200)
}

// member creates and enrolls a user of the org.
func (o *loopOrg) member(name, role, teamID string) *Session {
	o.t.Helper()
	s := o.a.member(o.admin, name, role, teamID)
	return &s
}

// at moves the clock to t and renews the admin's and the given sessions, whose access tokens
// (15 minutes) would otherwise have expired.
func (o *loopOrg) at(t time.Time, sessions ...*Session) {
	o.t.Helper()
	o.a.clock.Set(t)
	o.a.loopRefresh(&o.admin)
	for _, s := range sessions {
		o.a.loopRefresh(s)
	}
}

func loopMerge(body map[string]any, extra ...map[string]any) map[string]any {
	for _, e := range extra {
		for k, v := range e {
			body[k] = v
		}
	}
	return body
}

// loopRefresh renews a session at the current clock, so its access token is fresh and carries
// the user's current time zone.
func (a *testAPI) loopRefresh(s *Session) {
	a.t.Helper()
	a.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": s.RefreshToken}).expect(200).decode(s)
}

// loopSetTimezone changes the user's time zone and refreshes their session, as the app does
// after the old access token is voided.
func (a *testAPI) loopSetTimezone(s *Session, tz string) {
	a.t.Helper()
	a.call("PATCH", "/v1/me", s.AccessToken, map[string]any{"timezone": tz}).expect(200)
	a.loopRefresh(s)
	if got := tokenClaims(s.AccessToken)["tz"]; got != tz {
		a.t.Fatalf("the refreshed token carries tz %v, want %s", got, tz)
	}
}

// loopToday reads the user's assignment for today.
func (a *testAPI) loopToday(s *Session) Assignment {
	a.t.Helper()
	var as Assignment
	a.call("GET", "/v1/me/today", s.AccessToken, nil).expect(200).decode(&as)
	return as
}

// loopRecord posts an outcome for an assignment.
func (a *testAPI) loopRecord(s *Session, assignmentID string, body any, headers ...string) response {
	a.t.Helper()
	return a.call("POST", "/v1/me/assignments/"+assignmentID+"/outcome", s.AccessToken, body, headers...)
}

// loopOutcome records an outcome that must succeed.
func (a *testAPI) loopOutcome(s *Session, assignmentID string, body any) OutcomeResult {
	a.t.Helper()
	var r OutcomeResult
	a.loopRecord(s, assignmentID, body).expect(201).decode(&r)
	return r
}

// loopDoToday reads today's assignment and records result for it ("" records nothing).
func (a *testAPI) loopDoToday(s *Session, result string) (Assignment, *OutcomeResult) {
	a.t.Helper()
	as := a.loopToday(s)
	if result == "" {
		return as, nil
	}
	body := map[string]any{"result": result}
	if result == "blocked" {
		body["barrier"] = map[string]any{"category": "time", "text": "Too busy at the till."}
	}
	r := a.loopOutcome(s, as.Id, body)
	return as, &r
}

// loopMe reads the user's profile and stats.
func (a *testAPI) loopMe(s *Session) Me {
	a.t.Helper()
	var me Me
	a.call("GET", "/v1/me", s.AccessToken, nil).expect(200).decode(&me)
	return me
}

// loopDate is an assignment's day as YYYY-MM-DD.
func loopDate(as Assignment) string { return as.Date.Format(time.DateOnly) }

// loopLocal is a local clock time on a day in a time zone, as an instant.
func loopLocal(t *testing.T, day, clock, tz string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation(tz)
	if err != nil {
		t.Fatal(err)
	}
	at, err := time.ParseInLocation("2006-01-02 15:04:05", day+" "+clock, loc)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// loopBadgeIDs lists the ids of badges.
func loopBadgeIDs(badges []Badge) []string {
	ids := make([]string, len(badges))
	for i, b := range badges {
		ids[i] = b.Id
	}
	slices.Sort(ids)
	return ids
}

// loopRaw is one answer to a request sent from a goroutine other than the test's own, where
// t.Fatal must not be called.
type loopRaw struct {
	status   int
	replayed bool
	code     string
	body     []byte
	err      error
}

// loopPostRaw posts JSON without touching t, for concurrent requests.
func (a *testAPI) loopPostRaw(path, token string, body any, headers ...string) loopRaw {
	return a.loopDoRaw("POST", path, token, body, headers...)
}

// loopDoRaw sends a request (see apitest.Send) without touching t.
func (a *testAPI) loopDoRaw(method, path, token string, body any, headers ...string) loopRaw {
	res, err := apitest.Send(context.Background(), nil, method, a.url+path, token, body, headers...)
	out := loopRaw{status: res.Status, replayed: res.Header.Get("Idempotent-Replayed") == "true", body: res.Body, err: err}
	var p Problem
	if res.Status >= 400 && json.Unmarshal(res.Body, &p) == nil {
		out.code = p.Code
	}
	return out
}

// loopMonday is testNow's day, a Monday; loopDay counts days from it.
const loopMonday = "2026-11-23"

// loopDay is loopMonday moved by n days.
func loopDay(n int) string {
	d, _ := time.Parse(time.DateOnly, loopMonday)
	return d.AddDate(0, 0, n).Format(time.DateOnly)
}

// loopAmsterdam is a local time in the org's (and default users') zone.
func loopAmsterdam(t *testing.T, day, clock string) time.Time {
	t.Helper()
	return loopLocal(t, day, clock, "Europe/Amsterdam")
}
