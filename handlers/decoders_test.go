package handlers

import (
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
