package handlers

import (
	"context"
	"testing"

	"github.com/microact/microact/domain"
)

// Idempotency-Key (contract §2): a repeat with the same key and body returns the first answer;
// the same key with another body is 422 idempotency_key_reused; keys are per user.

func TestIdempotencyKey(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	second := a.member(admin, "Second Admin", "admin", "")
	replayed := func(r response) bool { return r.Header.Get("Idempotent-Replayed") == "true" }

	t.Run("the same key and body replay the first answer and create one object", func(t *testing.T) {
		a := a.in(t)
		body := map[string]any{"name": "Store Utrecht"}
		before := a.counts(admin)
		first := a.call("POST", "/v1/admin/teams", admin.AccessToken, body, "Idempotency-Key", "team-1").expect(201)
		again := a.call("POST", "/v1/admin/teams", admin.AccessToken, body, "Idempotency-Key", "team-1").expect(201)
		if replayed(first) || !replayed(again) {
			t.Fatalf("replayed headers: first %q, again %q", first.Header.Get("Idempotent-Replayed"), again.Header.Get("Idempotent-Replayed"))
		}
		var t1, t2 Team
		first.decode(&t1)
		again.decode(&t2)
		if t1.Id == "" || t1.Id != t2.Id || string(first.Body) != string(again.Body) {
			t.Fatalf("first %s\nagain %s", first.Body, again.Body)
		}
		if ct := again.Header.Get("Content-Type"); ct != first.Header.Get("Content-Type") {
			t.Fatalf("content type %q, first %q", ct, first.Header.Get("Content-Type"))
		}
		if after := a.counts(admin); after.teams != before.teams+1 {
			t.Fatalf("teams %d, before %d", after.teams, before.teams)
		}
	})

	t.Run("a replayed user creation returns the same enrollment code", func(t *testing.T) {
		a := a.in(t)
		body := map[string]any{"name": "Idem Ida", "email": "ida@acme.example", "role": "employee"}
		var u1, u2 UserCreated
		a.call("POST", "/v1/admin/users", admin.AccessToken, body, "Idempotency-Key", "user-1").expect(201).decode(&u1)
		a.call("POST", "/v1/admin/users", admin.AccessToken, body, "Idempotency-Key", "user-1").expect(201).decode(&u2)
		if u1.User.Id != u2.User.Id || u1.EnrollmentCode != u2.EnrollmentCode {
			t.Fatalf("first %+v, replay %+v", u1, u2)
		}
		a.enroll(u2.EnrollmentCode)
	})

	t.Run("a replayed new enrollment code is the same code, still valid", func(t *testing.T) {
		a := a.in(t)
		u := a.user(admin, "Code Cas", "employee", "")
		var c1, c2 EnrollmentCode
		a.call("POST", "/v1/admin/users/"+u.User.Id+"/enrollment-code", admin.AccessToken, nil, "Idempotency-Key", "code-1").expect(200).decode(&c1)
		a.call("POST", "/v1/admin/users/"+u.User.Id+"/enrollment-code", admin.AccessToken, nil, "Idempotency-Key", "code-1").expect(200).decode(&c2)
		if c1 != c2 {
			t.Fatalf("first %+v, replay %+v", c1, c2)
		}
		a.enroll(c2.EnrollmentCode)
	})

	t.Run("the same key with another body is 422 idempotency_key_reused", func(t *testing.T) {
		a := a.in(t)
		a.call("POST", "/v1/admin/teams", admin.AccessToken, map[string]any{"name": "Store Zeist"}, "Idempotency-Key", "team-2").expect(201)
		before := a.counts(admin)
		a.call("POST", "/v1/admin/teams", admin.AccessToken, map[string]any{"name": "Store Houten"}, "Idempotency-Key", "team-2").
			wantProblem(422, "idempotency_key_reused")
		if after := a.counts(admin); after != before {
			t.Fatalf("counts %+v, before %+v", after, before)
		}
	})

	t.Run("the same key on another route is 422 idempotency_key_reused", func(t *testing.T) {
		a := a.in(t)
		body := map[string]any{"name": "Store Utrecht", "email": "store@acme.example", "role": "employee"}
		a.call("POST", "/v1/admin/users", admin.AccessToken, body, "Idempotency-Key", "team-1").
			wantProblem(422, "idempotency_key_reused")
	})

	t.Run("different users may use the same key without colliding", func(t *testing.T) {
		a := a.in(t)
		body := map[string]any{"name": "Mine"}
		a.call("POST", "/v1/admin/teams", admin.AccessToken, body, "Idempotency-Key", "shared-key").expect(201)
		// The same key and body from another user is their own request, not a replay of the first.
		res := a.call("POST", "/v1/admin/teams", second.AccessToken, body, "Idempotency-Key", "shared-key")
		res.wantProblem(409, "team_name_taken")
		if replayed(res) {
			t.Fatal("another user's answer was replayed")
		}
		var theirs Team
		a.call("POST", "/v1/admin/teams", second.AccessToken, map[string]any{"name": "Theirs"}, "Idempotency-Key", "shared-key-2").expect(201).decode(&theirs)
		a.call("POST", "/v1/admin/teams", admin.AccessToken, map[string]any{"name": "Other"}, "Idempotency-Key", "shared-key-2").expect(201)
	})

	t.Run("users of different orgs may use the same key", func(t *testing.T) {
		a := a.in(t)
		other := a.org("globex")
		var theirs Team
		res := a.call("POST", "/v1/admin/teams", other.AccessToken, map[string]any{"name": "Store Utrecht"}, "Idempotency-Key", "team-1").expect(201)
		res.decode(&theirs)
		if replayed(res) {
			t.Fatal("another org's request replayed acme's answer")
		}
	})

	t.Run("a refused request is replayed as refused, not redone", func(t *testing.T) {
		a := a.in(t)
		body := map[string]any{"name": "Store Utrecht"} // taken
		a.call("POST", "/v1/admin/teams", admin.AccessToken, body, "Idempotency-Key", "dup-1").wantProblem(409, "team_name_taken")
		res := a.call("POST", "/v1/admin/teams", admin.AccessToken, body, "Idempotency-Key", "dup-1")
		res.wantProblem(409, "team_name_taken")
		if !replayed(res) {
			t.Fatal("not a replay")
		}
	})

	t.Run("without a key every request is new", func(t *testing.T) {
		a := a.in(t)
		body := map[string]any{"name": "No Key", "email": "nokey@acme.example", "role": "employee"}
		a.call("POST", "/v1/admin/users", admin.AccessToken, body).expect(201)
		a.call("POST", "/v1/admin/users", admin.AccessToken, body).wantProblem(409, "email_taken")
	})

	t.Run("a malformed key is 422", func(t *testing.T) {
		a := a.in(t)
		a.call("POST", "/v1/admin/teams", admin.AccessToken, map[string]any{"name": "Bad Key"}, "Idempotency-Key", "has space").wantProblem(422, "invalid")
	})
}

// diesAfterWork is the idempotency store of a replica killed as soon as a handler's work is
// written: it never gets to store the answer, nor to release the reservation.
type diesAfterWork struct{ domain.IdempotencyStore }

func (diesAfterWork) FinishIdempotent(context.Context, *domain.IdempotentRequest, domain.StoredResponse) error {
	return nil
}
func (diesAfterWork) ReleaseIdempotent(context.Context, *domain.IdempotentRequest) error { return nil }

// Every POST the contract lets create with an Idempotency-Key keeps its answer in the write
// that does its work, so a retry after the replica died there gets the first answer and
// creates nothing more (the retry of a request whose replica died before its work waits out
// the reservation: store.TestIdempotentWorkAndAnswerAreOneWrite).
func TestARetryAfterTheReplicaDiedAfterTheWorkReplaysIt(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	eva := a.member(admin, "Eva Jansen", "employee", "")
	user := a.user(admin, "Code Cas", "employee", "")
	var v Value
	a.call("POST", "/v1/admin/values", admin.AccessToken, map[string]any{"name": "Warmth"}).expect(201).decode(&v)
	var g Gesture
	a.call("POST", "/v1/admin/gestures", admin.AccessToken, map[string]any{"title": "Greet", "how_to": "Say hello.", "value_id": v.Id}).
		expect(201).decode(&g)
	var approved, rejected Suggestion
	a.call("POST", "/v1/suggestions", eva.AccessToken, map[string]any{"title": "Offer a seat", "how_to": "Ask.", "value_id": v.Id}).
		expect(201).decode(&approved)
	a.call("POST", "/v1/suggestions", eva.AccessToken, map[string]any{"title": "Sing", "how_to": "Loudly.", "value_id": v.Id}).
		expect(201).decode(&rejected)
	a.server.Idempotency = diesAfterWork{a.server.Idempotency}

	for _, tc := range []struct {
		name, path string
		token      string
		body       any
		list       string // what must hold one more item after both tries ("" to skip)
	}{
		{"a barrier", "/v1/barriers", eva.AccessToken, map[string]any{"category": "time", "text": "No time today."}, "/v1/barriers"},
		{"a suggestion", "/v1/suggestions", eva.AccessToken, map[string]any{"title": "Hold the door", "how_to": "Hold it.", "value_id": v.Id}, "/v1/suggestions"},
		{"a team", "/v1/admin/teams", admin.AccessToken, map[string]any{"name": "Store Gouda"}, "/v1/admin/teams"},
		{"a value", "/v1/admin/values", admin.AccessToken, map[string]any{"name": "Care"}, "/v1/admin/values"},
		{"a gesture", "/v1/admin/gestures", admin.AccessToken, map[string]any{"title": "Wave", "how_to": "Wave.", "value_id": v.Id}, "/v1/admin/gestures"},
		{"a challenge", "/v1/admin/challenges", admin.AccessToken,
			map[string]any{"name": "Winter", "starts_on": "2026-12-01", "ends_on": "2026-12-31", "gesture_ids": []string{g.Id}}, "/v1/admin/challenges"},
		{"a user", "/v1/admin/users", admin.AccessToken, map[string]any{"name": "Ida", "email": "ida@acme.example", "role": "employee"}, "/v1/admin/users"},
		{"an enrollment code", "/v1/admin/users/" + user.User.Id + "/enrollment-code", admin.AccessToken, nil, ""},
		// a review is not listed as creating, but an approval makes a gesture: it is exactly-once too
		{"an approval", "/v1/suggestions/" + approved.Id + "/approve", admin.AccessToken, map[string]any{}, "/v1/admin/gestures"},
		{"a rejection", "/v1/suggestions/" + rejected.Id + "/reject", admin.AccessToken, map[string]any{"note": "Not now."}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := a.in(t)
			count := func() int {
				if tc.list == "" {
					return 0
				}
				return len(a.listAll(tc.list, admin.AccessToken, 100))
			}
			before := count()
			first := a.call("POST", tc.path, tc.token, tc.body, "Idempotency-Key", "died-"+tc.path)
			if first.Status/100 != 2 {
				t.Fatalf("first try: %d %s", first.Status, first.Body)
			}
			again := a.call("POST", tc.path, tc.token, tc.body, "Idempotency-Key", "died-"+tc.path)
			if again.Status != first.Status || again.Header.Get("Idempotent-Replayed") != "true" || string(again.Body) != string(first.Body) {
				t.Fatalf("retry: %d (replayed %q) %s\nwant the first answer: %d %s",
					again.Status, again.Header.Get("Idempotent-Replayed"), again.Body, first.Status, first.Body)
			}
			if after := count(); tc.list != "" && after != before+1 {
				t.Fatalf("%s lists %d, before the two tries %d", tc.list, after, before)
			}
		})
	}
}
