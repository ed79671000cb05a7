package handlers

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/store"
	"github.com/prometheus/client_golang/prometheus"
)

// Helpers shared by the API tests, beside the harness in api_test.go.

// wantProblem fails unless the answer is a problem+json document with this status and code,
// whose own status and title agree with the HTTP answer.
func (r response) wantProblem(status int, code string) Problem {
	r.t.Helper()
	r.expect(status, code)
	p := r.problem()
	if p.Status != status || p.Title == "" || p.Type == "" {
		r.t.Fatalf("problem document with status %d, title %q, type %q: %s", p.Status, p.Title, p.Type, r.Body)
	}
	return p
}

// fieldNames lists the fields a problem names.
func (p Problem) fieldNames() []string {
	var names []string
	for _, e := range p.Errors {
		names = append(names, e.Field)
	}
	return names
}

// names reports whether the problem names field.
func (p Problem) names(field string) bool {
	for _, e := range p.Errors {
		if e.Field == field {
			return true
		}
	}
	return false
}

// replica starts a second API process over the same Redis, keys and clock, as another replica
// behind a load balancer would be: it shares Redis (and its connections) but keeps caches and
// copies of its own, the store's among them. change, if given, adjusts the copy's dependencies
// first (other keys, say).
func (a *testAPI) replica(change ...func(*Server)) *testAPI {
	a.t.Helper()
	s := *a.server // Handler builds the caches afresh
	s.Metrics = NewMetrics(prometheus.NewRegistry())
	st := store.New(a.store.Client(), a.prefix, a.clock)
	useStore(&s, st)
	for _, c := range change {
		c(&s)
	}
	e, err := s.Handler()
	if err != nil {
		a.t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	a.t.Cleanup(srv.Close)
	return &testAPI{t: a.t, url: srv.URL, store: st, prefix: a.prefix, clock: a.clock, server: &s}
}

// userWithCode creates a user as admin and gives them the enrollment code code (any form
// NormalizeEnrollmentCode accepts), so tests can type it in variants of their choosing.
func (a *testAPI) userWithCode(admin Session, name, role, code string) UserCreated {
	a.t.Helper()
	u := a.user(admin, name, role, "")
	norm, ok := domain.NormalizeEnrollmentCode(code)
	if !ok {
		a.t.Fatalf("%q is not a code", code)
	}
	err := a.store.SetEnrollment(context.Background(), admin.User.Org, u.User.Id,
		domain.Enrollment{CodeHash: domain.HashSecret(norm), ExpiresAt: a.clock.Now().Add(domain.EnrollmentCodeTTL)})
	if err != nil {
		a.t.Fatal(err)
	}
	u.EnrollmentCode = code
	return u
}

// listAll reads every page of a list ("/v1/admin/users?team_id=…") and returns the items' ids.
func (a *testAPI) listAll(path, token string, limit int) []string {
	a.t.Helper()
	var ids []string
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 1000 {
			a.t.Fatalf("%s: the cursor never ends", path)
		}
		p := path + sep + "limit=" + strconv.Itoa(limit)
		if cursor != "" {
			p += "&cursor=" + url.QueryEscape(cursor)
		}
		var page struct {
			Items []struct {
				Id string `json:"id"`
			} `json:"items"`
			NextCursor *string `json:"next_cursor"`
		}
		a.call("GET", p, token, nil).expect(200).decode(&page)
		if len(page.Items) > limit {
			a.t.Fatalf("%s: %d items on a page of %d", p, len(page.Items), limit)
		}
		for _, it := range page.Items {
			ids = append(ids, it.Id)
		}
		if page.NextCursor == nil {
			return ids
		}
		cursor = *page.NextCursor
	}
}

// counts are how many users and teams an org has, to show a refused request stored nothing.
type counts struct{ users, teams int }

func (a *testAPI) counts(admin Session) counts {
	a.t.Helper()
	return counts{
		users: len(a.listAll("/v1/admin/users", admin.AccessToken, 100)),
		teams: len(a.listAll("/v1/admin/teams", admin.AccessToken, 100)),
	}
}

// tokenClaims decodes (without verifying) the claims of a JWT.
func tokenClaims(token string) map[string]any {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	return m
}

// claimsOf are the claims of the session's own access token, issued anew now: a valid token's
// claims, for tests to change one thing at a time.
func (a *testAPI) claimsOf(s Session) claims {
	a.t.Helper()
	var c claims
	if _, _, err := jwt.NewParser().ParseUnverified(s.AccessToken, &c); err != nil {
		a.t.Fatal(err)
	}
	now := a.clock.Now()
	c.IssuedAt, c.ExpiresAt, c.ID = jwt.NewNumericDate(now), jwt.NewNumericDate(now.Add(domain.AccessTokenTTL)), domain.NewID(now)
	return c
}

// sign makes a JWT with any method, key and kid ("" leaves the kid out).
func sign(method jwt.SigningMethod, key any, kid string, c jwt.Claims) string {
	tok := jwt.NewWithClaims(method, c)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		panic(err)
	}
	return s
}

// serverSigned signs claims with the API's own signing key, as a valid token would be.
func (a *testAPI) serverSigned(c jwt.Claims) string {
	k := a.server.Tokens.keys
	return sign(jwt.SigningMethodEdDSA, k.signer, k.signKID, c)
}

// day is a readable duration for clock moves.
const day = 24 * time.Hour

// in returns the API bound to the subtest t, so a failed expectation is reported (and stops)
// there instead of in the parent test.
func (a *testAPI) in(t *testing.T) *testAPI {
	c := *a
	c.t = t
	return &c
}

// refresh rotates a refresh token.
func (a *testAPI) refresh(token string) response {
	a.t.Helper()
	return a.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": token})
}

// patchUser changes a user as admin.
func (a *testAPI) patchUser(admin Session, id string, body map[string]any) response {
	a.t.Helper()
	return a.call("PATCH", "/v1/admin/users/"+id, admin.AccessToken, body)
}

// renewed refreshes a session, as the app does when a change voids its access token.
func (a *testAPI) renewed(s Session) Session {
	a.t.Helper()
	var next Session
	a.refresh(s.RefreshToken).expect(200).decode(&next)
	return next
}
