package handlers

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/microact/microact/domain"
)

// Security headers on every kind of answer the server gives: nothing may be sniffed, framed or
// leak a referrer; nothing but the rendered API page may run or load anything; and nothing but
// the public documents may be cached.

// panickingLoop is a loop store whose Me (GET /v1/me) panics, to reach the 500 a bug would give.
type panickingLoop struct{ domain.LoopStore }

func (panickingLoop) Me(context.Context, string, string, domain.DayContext) (domain.MeView, error) {
	panic("a bug")
}

func TestSecurityHeadersOnEveryKindOfAnswer(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	eva := a.member(admin, "Eva Jansen", "employee", "")
	broken := a.replica(func(s *Server) {
		s.Loop = panickingLoop{s.Loop}
		s.Ping = func(context.Context) error { return errors.New("redis is down") }
	})
	huge := `{"name": "` + strings.Repeat("x", 70<<10) + `"}`

	for _, tc := range []struct {
		name, method, path, token string
		body                      any
		api                       *testAPI
		status                    int
		contentType               string
		cacheable                 bool // a public document: its own Cache-Control
		page                      bool // the rendered API reference, which runs its own scripts
	}{
		{"JSON", "GET", "/v1/me", eva.AccessToken, nil, a, 200, "application/json", false, false},
		{"no content", "PUT", "/v1/me/devices/phone", eva.AccessToken, map[string]any{"token": "t", "platform": "ios"}, a, 204, "", false, false},
		{"problem+json 401", "GET", "/v1/me", "", nil, a, 401, "application/problem+json", false, false},
		{"problem+json 403", "GET", "/v1/admin/org", eva.AccessToken, nil, a, 403, "application/problem+json", false, false},
		{"problem+json 400", "PATCH", "/v1/me", eva.AccessToken, map[string]any{"nope": 1}, a, 400, "application/problem+json", false, false},
		{"problem+json 413", "PATCH", "/v1/me", eva.AccessToken, huge, a, 413, "application/problem+json", false, false},
		{"problem+json 500 after a panic", "GET", "/v1/me", eva.AccessToken, nil, broken, 500, "application/problem+json", false, false},
		{"problem+json 503 from /readyz", "GET", "/readyz", "", nil, broken, 503, "application/problem+json", false, false},
		{"404 of an unknown /v1 path", "GET", "/v1/nope", eva.AccessToken, nil, a, 404, "application/problem+json", false, false},
		{"404 of an unknown path", "GET", "/nope", "", nil, a, 404, "application/problem+json", false, false},
		{"an unsupported method on /v1", "PUT", "/v1/me", eva.AccessToken, nil, a, 405, "application/problem+json", false, false},
		{"an unsupported method elsewhere", "DELETE", "/healthz", "", nil, a, 405, "application/problem+json", false, false},
		{"CSV export", "GET", "/v1/admin/export/outcomes?from=2026-11-01&to=2026-11-30", admin.AccessToken, nil, a, 200, "text/csv", false, false},
		{"/healthz", "GET", "/healthz", "", nil, a, 200, "application/json", false, false},
		{"/metrics", "GET", "/metrics", "", nil, a, 200, "text/plain", false, false},
		{"/openapi.yaml", "GET", "/openapi.yaml", "", nil, a, 200, "application/yaml", true, false},
		{"/docs", "GET", "/docs", "", nil, a, 200, "text/html", true, true},
		{"the JWKS", "GET", "/.well-known/jwks.json", "", nil, a, 200, "application/json", true, false},
	} {
		t.Run(tc.name+" carries the security headers", func(t *testing.T) {
			res := tc.api.in(t).call(tc.method, tc.path, tc.token, tc.body)
			if res.Status != tc.status {
				t.Fatalf("status %d, want %d: %.200s", res.Status, tc.status, res.Body)
			}
			h := res.Header
			if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, tc.contentType) {
				t.Errorf("Content-Type %q, want %q", ct, tc.contentType)
			}
			want := map[string]string{
				"X-Content-Type-Options": "nosniff",
				"X-Frame-Options":        "DENY",
				"Referrer-Policy":        "no-referrer",
				"Content-Security-Policy": map[bool]string{
					false: "default-src 'none'; frame-ancestors 'none'",
					// The page runs its own inline scripts; what it may not do is be framed, change
					// its base URL, submit forms or embed plugins.
					true: "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
				}[tc.page],
			}
			if !tc.cacheable {
				want["Cache-Control"] = "no-store"
			}
			for name, value := range want {
				if got := h.Get(name); got != value {
					t.Errorf("%s: %q, want %q", name, got, value)
				}
			}
			if tc.cacheable && !strings.HasPrefix(h.Get("Cache-Control"), "public") {
				t.Errorf("Cache-Control %q, want a public document's", h.Get("Cache-Control"))
			}
			if h.Get("Server") != "" || h.Get("X-Powered-By") != "" {
				t.Errorf("the answer names the software: Server %q, X-Powered-By %q", h.Get("Server"), h.Get("X-Powered-By"))
			}
		})
	}
}
