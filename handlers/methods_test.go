package handlers

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// A known path in a method it does not take is 405 with Allow (RFC 9110 §15.5.6), OPTIONS is
// 204 with Allow, an unknown path stays 404 — for every path of the document, with or
// without a token.
func TestWrongMethodIs405WithAllow(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("methods")
	doc, err := openapi3.NewLoader().LoadFromData(openAPIDocument)
	if err != nil {
		t.Fatal(err)
	}
	templates := doc.Paths.Map()
	// takes reports whether any path template of the document matching path takes method
	// (GET /v1/admin/users/import is GET /v1/admin/users/{id} with the id "import").
	takes := func(path, method string) bool {
		for tpl, item := range templates {
			if item.GetOperation(method) != nil && templateMatches(tpl, path) {
				return true
			}
		}
		return false
	}
	tried := 0
	for tpl, item := range templates {
		path := concretePath(tpl)
		var want []string
		for m := range item.Operations() {
			want = append(want, m)
		}
		want = append(want, http.MethodOptions)
		slices.Sort(want)
		for _, method := range []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"} {
			if takes(path, method) {
				continue
			}
			for _, token := range []string{"", admin.AccessToken} {
				tried++
				res := a.call(method, path, token, nil)
				if res.Status != http.StatusMethodNotAllowed {
					t.Errorf("%s %s: status %d, want 405: %s", method, path, res.Status, res.Body)
					continue
				}
				if got := allowList(res.Header.Get("Allow")); !slices.Equal(got, want) {
					t.Errorf("%s %s: Allow %v, want %v", method, path, got, want)
				}
				if method != http.MethodHead {
					res.wantProblem(http.StatusMethodNotAllowed, "method_not_allowed")
				}
			}
		}
		res := a.call(http.MethodOptions, path, "", nil)
		if res.Status != http.StatusNoContent || len(res.Body) != 0 {
			t.Errorf("OPTIONS %s: %d %s, want 204", path, res.Status, res.Body)
		}
		if got := allowList(res.Header.Get("Allow")); !slices.Equal(got, want) {
			t.Errorf("OPTIONS %s: Allow %v, want %v", path, got, want)
		}
	}
	if tried < 100 {
		t.Fatalf("only %d wrong methods tried", tried)
	}

	t.Run("an unknown path is still 404, in any method", func(t *testing.T) {
		for _, method := range []string{"GET", "POST", "DELETE", "OPTIONS"} {
			for _, path := range []string{"/v1/nothing-here", "/v1/me/nothing", "/nothing"} {
				res := a.call(method, path, admin.AccessToken, nil)
				if res.Status != http.StatusNotFound || res.Header.Get("Allow") != "" {
					t.Errorf("%s %s: %d, Allow %q: %s", method, path, res.Status, res.Header.Get("Allow"), res.Body)
				}
			}
		}
	})
}

// concretePath fills a template's parameters with an id of the id grammar.
func concretePath(tpl string) string {
	parts := strings.Split(tpl, "/")
	for i, p := range parts {
		switch {
		case p == "{assignment_id}":
			parts[i] = "20261123-06H0ETT4007D0KTXDN2A53JVCC"
		case strings.HasPrefix(p, "{"):
			parts[i] = "06H0ETT4007D0KTXDN2A53JVCC"
		}
	}
	return strings.Join(parts, "/")
}

// templateMatches reports whether path is an instance of the path template tpl.
func templateMatches(tpl, path string) bool {
	t, p := strings.Split(tpl, "/"), strings.Split(path, "/")
	if len(t) != len(p) {
		return false
	}
	for i := range t {
		if !strings.HasPrefix(t[i], "{") && t[i] != p[i] {
			return false
		}
	}
	return true
}

func allowList(h string) []string {
	var out []string
	for m := range strings.SplitSeq(h, ",") {
		if m = strings.TrimSpace(m); m != "" {
			out = append(out, m)
		}
	}
	slices.Sort(out)
	return out
}
