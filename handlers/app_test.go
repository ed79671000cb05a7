package handlers

import (
	"strings"
	"testing"
	"testing/fstest"
)

// The employee app is served at /app/ from the built files like the console: its files as they
// are (hashed assets cached for a year; the service worker, manifest and icons revalidated, so a
// new build reaches the phone), index.html for the router's paths, a 404 for a missing file, and
// a policy that lets it run its own scripts and its service worker and nothing else.
func TestAppIsServedWithItsOwnPolicy(t *testing.T) {
	t.Parallel()
	page := "<!doctype html><title>app</title>"
	a := newAPI(t).replica(func(s *Server) {
		s.App = fstest.MapFS{
			"index.html":           {Data: []byte(page)},
			"sw.js":                {Data: []byte("self.addEventListener('fetch', () => {})")},
			"manifest.webmanifest": {Data: []byte(`{"start_url":"/app/"}`)},
			"icon-192.png":         {Data: []byte("\x89PNG")},
			"assets/index-cd2.js":  {Data: []byte("console.log(2)")},
		}
	})
	for _, tc := range []struct {
		name, path               string
		status                   int
		contentType, cache, body string
	}{
		{"the app's root is its page", "/app/", 200, "text/html", "no-cache", page},
		{"a page of the router is the app's page", "/app/progress", 200, "text/html", "no-cache", page},
		{"a hashed script is cached for a year", "/app/assets/index-cd2.js", 200, "text/javascript", immutableAsset, "console.log(2)"},
		{"the service worker is revalidated, never kept a year", "/app/sw.js", 200, "text/javascript", "no-cache", ""},
		{"the manifest is JSON, revalidated", "/app/manifest.webmanifest", 200, "application/json", "no-cache", `{"start_url":"/app/"}`},
		{"an icon is a PNG", "/app/icon-192.png", 200, "image/png", "no-cache", ""},
		{"a missing asset is 404, never the page", "/app/assets/gone-1.js", 404, "application/problem+json", "no-store", ""},
		{"a path climbing out stays inside", "/app/../../etc/passwd", 200, "text/html", "no-cache", page},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := a.in(t).call("GET", tc.path, "", nil)
			if res.Status != tc.status {
				t.Fatalf("status %d, want %d: %.200s", res.Status, tc.status, res.Body)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, tc.contentType) {
				t.Errorf("Content-Type %q, want %q", ct, tc.contentType)
			}
			if cc := res.Header.Get("Cache-Control"); cc != tc.cache {
				t.Errorf("Cache-Control %q, want %q", cc, tc.cache)
			}
			if tc.body != "" && string(res.Body) != tc.body {
				t.Errorf("body %.100q, want %.100q", res.Body, tc.body)
			}
			csp := res.Header.Get("Content-Security-Policy")
			if tc.status == 200 && csp != appPolicy {
				t.Errorf("Content-Security-Policy %q, want the app's", csp)
			}
			if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
				t.Errorf("the policy allows inline code: %q", csp)
			}
		})
	}
	t.Run("/app leads to the app's page (through a redirect to /app/)", func(t *testing.T) {
		res := a.in(t).call("GET", "/app", "", nil)
		if res.Status != 200 || string(res.Body) != page {
			t.Fatalf("status %d: %.100q", res.Status, res.Body)
		}
	})
	t.Run("the console keeps its own policy", func(t *testing.T) {
		if !strings.Contains(appPolicy, "worker-src 'self'") || strings.Contains(consolePolicy, "worker-src") {
			t.Fatalf("only the app may start a worker: app %q, console %q", appPolicy, consolePolicy)
		}
	})
}
