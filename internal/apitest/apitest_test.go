package apitest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// What a test asks for is what the server receives.
func TestSend(t *testing.T) {
	type seen struct{ method, path, auth, contentType, host, body, extra string }
	var got seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = seen{r.Method, r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("Content-Type"), r.Host, string(b), r.Header.Get("Idempotency-Key")}
		w.Header().Set("X-Answer", "yes")
		w.WriteHeader(http.StatusTeapot)
		_, _ = w.Write([]byte("answer"))
	}))
	defer srv.Close()
	for _, tc := range []struct {
		name    string
		body    any
		headers []string
		want    seen
	}{
		{"a request without a body sends no content type", nil, nil, seen{method: "POST", path: "/v1/x", auth: "Bearer tok"}},
		{"a value is sent as JSON", map[string]int{"n": 1}, nil, seen{method: "POST", path: "/v1/x", auth: "Bearer tok", contentType: "application/json", body: `{"n":1}`}},
		{"a string is sent as is, with the content type the headers name", "a,b\n", []string{"Content-Type", "text/csv", "Idempotency-Key", "k1"},
			seen{method: "POST", path: "/v1/x", auth: "Bearer tok", contentType: "text/csv", body: "a,b\n", extra: "k1"}},
		{"a Host header names the host", []byte("{}"), []string{"Host", "acme.example"}, seen{method: "POST", path: "/v1/x", auth: "Bearer tok", contentType: "application/json", host: "acme.example", body: "{}"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Send(context.Background(), nil, "POST", srv.URL+"/v1/x", "tok", tc.body, tc.headers...)
			if err != nil {
				t.Fatal(err)
			}
			if tc.want.host == "" {
				tc.want.host = srv.Listener.Addr().String()
			}
			if got != tc.want {
				t.Errorf("server saw %+v, want %+v", got, tc.want)
			}
			if res.Status != http.StatusTeapot || string(res.Body) != "answer" || res.Header.Get("X-Answer") != "yes" {
				t.Errorf("answer %d %q %v", res.Status, res.Body, res.Header)
			}
		})
	}
}
