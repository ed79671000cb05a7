package handlers

import (
	"strings"
	"testing"
	"testing/fstest"
)

// The console is served at /console/ from the built files: its files as they are (hashed assets
// cached for a year), index.html for the browser router's paths, a 404 for a missing asset, and
// its own policy that lets it run its own scripts and styles and nothing else.
func TestConsoleIsServedWithItsOwnPolicy(t *testing.T) {
	t.Parallel()
	page := "<!doctype html><title>console</title>"
	a := newAPI(t).replica(func(s *Server) {
		s.Console = fstest.MapFS{
			"index.html":           {Data: []byte(page)},
			"assets/index-ab1.js":  {Data: []byte("console.log(1)")},
			"assets/index-ab1.css": {Data: []byte("body{}")},
		}
	})
	for _, tc := range []struct {
		name, path               string
		status                   int
		contentType, cache, body string
	}{
		{"the console's root is its page", "/console/", 200, "text/html", "no-cache", page},
		{"a page of the browser's router is the console's page", "/console/users", 200, "text/html", "no-cache", page},
		{"a deeper page of the router too", "/console/teams/t1/codes", 200, "text/html", "no-cache", page},
		{"a hashed script is cached for a year", "/console/assets/index-ab1.js", 200, "text/javascript", immutableAsset, "console.log(1)"},
		{"a hashed stylesheet too", "/console/assets/index-ab1.css", 200, "text/css", immutableAsset, "body{}"},
		{"a missing asset is 404, never the page", "/console/assets/gone-123.js", 404, "application/problem+json", "no-store", ""},
		{"a missing file with an extension is 404", "/console/robots.txt", 404, "application/problem+json", "no-store", ""},
		{"a path climbing out stays inside", "/console/../../etc/passwd", 200, "text/html", "no-cache", page},
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
			if tc.status == 200 && csp != consolePolicy {
				t.Errorf("Content-Security-Policy %q, want the console's", csp)
			}
			if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
				t.Errorf("the policy allows inline code: %q", csp)
			}
		})
	}
	t.Run("/console leads to the console's page (through a redirect to /console/)", func(t *testing.T) {
		res := a.in(t).call("GET", "/console", "", nil)
		if res.Status != 200 || string(res.Body) != page {
			t.Fatalf("status %d: %.100q", res.Status, res.Body)
		}
	})
}
