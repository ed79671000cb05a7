package store

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

func TestIdempotentAnswers(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("idemanswers")
	eva, _ := s.user(org, "Eva", "eva@idemanswers.example", "employee", "")
	answer := domain.StoredResponse{Fingerprint: "fp", Status: 201, ContentType: "application/json", Body: []byte(`{"enrollment_code":"ABCD-EFGH-JKMN"}`)}

	t.Run("a sealed answer replays to the same key", func(t *testing.T) {
		req := &domain.IdempotentRequest{Org: org.ID, UserID: eva.ID, Key: "key-1", Fingerprint: "fp"}
		if _, err := s.BeginIdempotent(ctx, req); err != nil {
			t.Fatal(err)
		}
		if err := s.FinishIdempotent(ctx, req, answer); err != nil {
			t.Fatal(err)
		}
		got, err := s.BeginIdempotent(ctx, &domain.IdempotentRequest{Org: org.ID, UserID: eva.ID, Key: "key-1", Fingerprint: "fp"})
		if err != nil || got == nil || string(got.Body) != string(answer.Body) || got.Status != 201 || got.ContentType != answer.ContentType {
			t.Fatalf("replay %+v, %v", got, err)
		}
	})

	// An erasure deletes the person's keys, a reservation too; a request of theirs still in
	// flight then keeps nothing of its answer, with or without its reservation.
	t.Run("the answer of a user erased meanwhile is not kept", func(t *testing.T) {
		ben, _ := s.user(org, "Ben", "ben@idemanswers.example", "employee", "")
		for _, reservation := range []bool{false, true} {
			req := &domain.IdempotentRequest{Org: org.ID, UserID: ben.ID, Key: "key-" + strconv.FormatBool(reservation), Fingerprint: "fp"}
			if _, err := s.BeginIdempotent(ctx, req); err != nil {
				t.Fatal(err)
			}
			gone := []string{s.keys.user(org.ID, ben.ID)}
			if !reservation {
				gone = append(gone, s.idempotencyKey(req))
			}
			if err := s.rdb.Del(ctx, gone...).Err(); err != nil {
				t.Fatal(err)
			}
			if err := s.FinishIdempotent(ctx, req, answer); err != nil {
				t.Fatal(err)
			}
			if n := s.rdb.Exists(ctx, s.idempotencyKey(req)).Val(); n != 0 {
				t.Errorf("reservation %v: the key of an erased user's request is kept", reservation)
			}
		}
	})
}

// The work of a request sent with an Idempotency-Key and its answer are written together, and
// only by the attempt holding the key (see write.run).
func TestIdempotentWorkAndAnswerAreOneWrite(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("acme")
	ada, _ := s.user(org, "Ada", "ada@acme.example", "admin", "")
	answer := domain.StoredResponse{Status: 201, ContentType: "application/json", Body: []byte(`{"id":"B1"}`)}
	request := func(key string) *domain.IdempotentRequest {
		return &domain.IdempotentRequest{Org: "acme", UserID: ada.ID, Key: key, Fingerprint: "fp"}
	}
	begin := func(r *domain.IdempotentRequest) *domain.StoredResponse {
		t.Helper()
		got, err := s.BeginIdempotent(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	work := func(r *domain.IdempotentRequest, obj string) error {
		r.SetAnswer(answer)
		return newWrite().hset(s.keys.org("acme")+obj, dataField, "{}").run(domain.WithIdempotentRequest(ctx, r), s.Store, "test")
	}

	t.Run("the work's write stores the answer, which a release leaves and a retry replays", func(t *testing.T) {
		r := request("work-1")
		if begin(r) != nil {
			t.Fatal("a new key answered a stored answer")
		}
		if err := work(r, "obj1"); err != nil || !r.Stored() {
			t.Fatalf("work: %v, stored %v", err, r.Stored())
		}
		// what the middleware does after a 5xx that followed the work (or never does: a crash)
		if err := s.ReleaseIdempotent(ctx, r); err != nil {
			t.Fatal(err)
		}
		got := begin(request("work-1"))
		if got == nil || got.Status != 201 || string(got.Body) != string(answer.Body) || got.Fingerprint != "fp" {
			t.Fatalf("retry got %+v, want the answer stored with the work", got)
		}
	})

	t.Run("an attempt whose reservation a retry took over writes nothing", func(t *testing.T) {
		stale, retry := request("work-2"), request("work-2")
		begin(stale)
		if err := s.rdb.Del(ctx, s.idempotencyKey(stale)).Err(); err != nil { // the reservation ran out
			t.Fatal(err)
		}
		if begin(retry) != nil {
			t.Fatal("the retry found an answer")
		}
		err := work(stale, "obj2")
		if domain.ErrorCode(err) != "idempotency_in_progress" || stale.Stored() {
			t.Fatalf("the stale attempt's work: %v (stored %v), want idempotency_in_progress", err, stale.Stored())
		}
		if s.exists(s.keys.org("acme") + "obj2") {
			t.Fatal("the refused work was written")
		}
		// nor can it store an answer of its own or free the retry's reservation
		if err := s.FinishIdempotent(ctx, stale, answer); err != nil {
			t.Fatal(err)
		}
		if err := s.ReleaseIdempotent(ctx, stale); err != nil {
			t.Fatal(err)
		}
		if _, err := s.BeginIdempotent(ctx, request("work-2")); domain.ErrorCode(err) != "idempotency_in_progress" {
			t.Fatalf("after the stale attempt finished: %v, want the retry's reservation still in progress", err)
		}
		if err := work(retry, "obj2"); err != nil || !retry.Stored() {
			t.Fatalf("the retry's work: %v", err)
		}
	})

	t.Run("a reservation that ran out with nobody retrying still takes the answer", func(t *testing.T) {
		r := request("work-3")
		begin(r)
		if err := s.rdb.Del(ctx, s.idempotencyKey(r)).Err(); err != nil {
			t.Fatal(err)
		}
		if err := work(r, "obj3"); err != nil || !r.Stored() {
			t.Fatalf("work: %v, stored %v", err, r.Stored())
		}
		if got := begin(request("work-3")); got == nil || got.Status != 201 {
			t.Fatalf("retry got %+v", got)
		}
	})

	t.Run("a release frees only the attempt's own reservation", func(t *testing.T) {
		r := request("work-4")
		begin(r)
		if err := s.ReleaseIdempotent(ctx, r); err != nil {
			t.Fatal(err)
		}
		if begin(request("work-4")) != nil {
			t.Fatal("a released key answered")
		}
	})

	// The user erased after the request took its key (and after the erasure's SCAN, which did
	// not see the reservation): the work writes nothing, its answer neither.
	t.Run("the work of a user erased meanwhile writes nothing", func(t *testing.T) {
		bea, _ := s.user(org, "Bea", "bea@acme.example", "admin", "")
		r := &domain.IdempotentRequest{Org: "acme", UserID: bea.ID, Key: "work-5", Fingerprint: "fp"}
		begin(r)
		if err := s.rdb.Del(ctx, s.keys.user("acme", bea.ID)).Err(); err != nil {
			t.Fatal(err)
		}
		if err := work(r, "obj5"); domain.ErrorKind(err) != domain.KindNotFound || r.Stored() {
			t.Fatalf("work: %v, stored %v; want the user not found", err, r.Stored())
		}
		if s.exists(s.keys.org("acme")+"obj5") || s.rdb.Get(ctx, s.idempotencyKey(r)).Val() != r.Reservation {
			t.Error("the work of an erased user wrote")
		}
	})
}

// A part of a request's work is kept, sealed, only by the write that does it.
func TestIdempotentPartsGoWithTheirWrite(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("acme")
	ada, _ := s.user(org, "Ada", "ada@acme.example", "admin", "")
	r := &domain.IdempotentRequest{Org: "acme", UserID: ada.ID, Key: "import-1", Fingerprint: "fp"}
	if _, err := s.BeginIdempotent(ctx, r); err != nil {
		t.Fatal(err)
	}
	rctx := domain.WithIdempotentRequest(ctx, r)
	if err := s.rdb.PExpire(ctx, s.idempotencyKey(r), 500*time.Millisecond).Err(); err != nil { // nearly run out
		t.Fatal(err)
	}
	secret := `{"email":"ida@acme.example","enrollment_code":"ABCD-EFGH-JKMN"}`

	r.SetPart("line:2", []byte(secret))
	if err := newWrite().hset(s.keys.org("acme")+"line2", dataField, "{}").run(rctx, s.Store, "test"); err != nil {
		t.Fatal(err)
	}
	r.SetPart("line:3", []byte("refused"))
	err := newWrite().absent(s.keys.org("acme")+"line2", errKeyReused).hset(s.keys.org("acme")+"line3", dataField, "{}").run(rctx, s.Store, "test")
	if err == nil {
		t.Fatal("the refused write ran")
	}

	parts, err := s.IdempotentParts(ctx, &domain.IdempotentRequest{Org: "acme", UserID: ada.ID, Key: "import-1", Fingerprint: "fp"})
	if err != nil || len(parts) != 1 || string(parts["line:2"]) != secret {
		t.Fatalf("parts %q, %v; want line 2's record only", parts, err)
	}
	raw := s.rdb.HGet(ctx, s.idempotencyPartsKey(r), "line:2").Val()
	if raw == "" || strings.Contains(raw, "ABCD") {
		t.Fatalf("the part is kept as %q, want it sealed", raw)
	}
	if ttl := s.rdb.TTL(ctx, s.idempotencyPartsKey(r)).Val(); ttl <= pendingTTL || ttl > idempotencyTTL {
		t.Fatalf("the parts live %s, want the answer's 24 hours", ttl)
	}
	// the writes renewed the reservation: the request still holds its key, for pendingTTL again
	if got := s.rdb.Get(ctx, s.idempotencyKey(r)).Val(); got != r.Reservation {
		t.Fatalf("the key holds %q, want the request's reservation", got)
	}
	if ttl := s.rdb.PTTL(ctx, s.idempotencyKey(r)).Val(); ttl <= time.Second {
		t.Fatalf("the reservation has %s left, want it renewed to %s", ttl, pendingTTL)
	}
	// another body sent with the key (once the reservation is gone) has no parts
	other := &domain.IdempotentRequest{Org: "acme", UserID: ada.ID, Key: "import-1", Fingerprint: "another"}
	if parts, err := s.IdempotentParts(ctx, other); err != nil || len(parts) != 0 {
		t.Fatalf("another body's parts %q, %v; want none", parts, err)
	}
}
