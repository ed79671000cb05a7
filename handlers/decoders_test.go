package handlers

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// What the fuzz targets of fuzz_test.go found, checked through the whole API.

func TestDecoderFindings(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	eva := a.member(admin, "Eva Jansen", "employee", "")

	t.Run("an Idempotency-Key the document refuses is 422 on a POST whose operation does not list the header", func(t *testing.T) {
		a := a.in(t)
		path := "/v1/admin/users/" + eva.User.Id + "/test-notification"
		for _, key := range []string{"with space", "tab\tinside", strings.Repeat("k", 201), "ключ"} {
			p := a.call("POST", path, admin.AccessToken, nil, "Idempotency-Key", key).wantProblem(422, "invalid")
			if !p.names("Idempotency-Key") {
				t.Fatalf("key %q: errors name %v", key, p.fieldNames())
			}
		}
		first := a.call("POST", path, admin.AccessToken, nil, "Idempotency-Key", "test-1").expect(202)
		again := a.call("POST", path, admin.AccessToken, nil, "Idempotency-Key", "test-1").expect(202)
		if first.Header.Get("Idempotent-Replayed") != "" || again.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("a valid key is not honoured: replayed %q, then %q", first.Header.Get("Idempotent-Replayed"), again.Header.Get("Idempotent-Replayed"))
		}
	})

	t.Run("a cursor spelled otherwise than the server writes it is 400 malformed", func(t *testing.T) {
		a := a.in(t)
		// "AQ" is the byte 0x01; "AR" decodes to it too (stray low bits), and so does "A\nQ".
		a.call("GET", "/v1/admin/users?cursor=AQ", admin.AccessToken, nil).expect(200)
		for _, cursor := range []string{"AR", "A%0AQ", "AQ%0D"} {
			if p := a.call("GET", "/v1/admin/users?cursor="+cursor, admin.AccessToken, nil).wantProblem(400, "malformed"); !p.names("cursor") {
				t.Fatalf("cursor %q: errors name %v", cursor, p.fieldNames())
			}
		}
	})

	t.Run("a day of the right shape that does not exist is 422 invalid", func(t *testing.T) {
		a := a.in(t)
		a.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"preferences": map[string]any{"paused_until": "2026-02-30"}}).wantProblem(422, "invalid")
		a.call("POST", "/v1/admin/challenges", admin.AccessToken, map[string]any{
			"name": "Winter", "starts_on": "2026-12-01", "ends_on": "2026-13-01", "gesture_ids": []string{},
		}).wantProblem(422, "invalid")
	})
}

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	eva := a.member(admin, "Eva Jansen", "employee", "")
	// {"name":"Eva"} padded with spaces, which JSON allows after a value, to n bytes.
	body := func(n int) string { return `{"name":"Eva"}` + strings.Repeat(" ", n-len(`{"name":"Eva"}`)) }

	t.Run("a body of exactly 64 KiB is read", func(t *testing.T) {
		a.in(t).call("PATCH", "/v1/me", eva.AccessToken, body(64<<10)).expect(200)
	})
	t.Run("a body of 64 KiB and one byte is 413 body_too_large", func(t *testing.T) {
		a.in(t).call("PATCH", "/v1/me", eva.AccessToken, body(64<<10+1)).wantProblem(413, "body_too_large")
	})
	// chunked sends a body without Content-Length, as a client streaming it does.
	chunked := func(t *testing.T, method, path, token, contentType, body string) response {
		req, err := http.NewRequest(method, a.url+path, io.MultiReader(strings.NewReader(body)))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", contentType)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		got, _ := io.ReadAll(res.Body)
		return response{t: t, Status: res.StatusCode, Header: res.Header, Body: got}
	}
	t.Run("a JSON body over 64 KiB sent without a length is 413 body_too_large too", func(t *testing.T) {
		chunked(t, "PATCH", "/v1/me", eva.AccessToken, "application/json", body(64<<10+1)).wantProblem(413, "body_too_large")
	})
	t.Run("a CSV import over 64 KiB sent without a length is 413 body_too_large too", func(t *testing.T) {
		csv := "name,email,role,team\n" + strings.Repeat("Ann,not-an-email,employee,\n", 64<<10/26+1)
		chunked(t, "POST", "/v1/admin/users/import", admin.AccessToken, "text/csv", csv).wantProblem(413, "body_too_large")
	})
	t.Run("so is a CSV import whose header alone is over 64 KiB", func(t *testing.T) {
		chunked(t, "POST", "/v1/admin/users/import", admin.AccessToken, "text/csv", strings.Repeat("name", 64<<10/4+1)).wantProblem(413, "body_too_large")
	})
}
