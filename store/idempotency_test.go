package store

import (
	"context"
	"testing"

	"github.com/microact/microact/domain"
)

func TestIdempotentAnswers(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	ctx := context.Background()
	answer := domain.StoredResponse{Fingerprint: "fp", Status: 201, ContentType: "application/json", Body: []byte(`{"enrollment_code":"ABCD-EFGH-JKMN"}`)}

	t.Run("a sealed answer replays to the same key", func(t *testing.T) {
		if _, err := s.BeginIdempotent(ctx, "acme", "u1", "key-1", "fp"); err != nil {
			t.Fatal(err)
		}
		if err := s.FinishIdempotent(ctx, "acme", "u1", "key-1", answer); err != nil {
			t.Fatal(err)
		}
		got, err := s.BeginIdempotent(ctx, "acme", "u1", "key-1", "fp")
		if err != nil || got == nil || string(got.Body) != string(answer.Body) || got.Status != 201 || got.ContentType != answer.ContentType {
			t.Fatalf("replay %+v, %v", got, err)
		}
	})

	t.Run("an answer stored before sealing still replays", func(t *testing.T) {
		k := s.keys.idempotency("acme", "u1", idempotencyHash("acme", "u1", "old-key"))
		if err := s.rdb.Set(ctx, k, marshal(answer), idempotencyTTL).Err(); err != nil { // the format before sealing
			t.Fatal(err)
		}
		got, err := s.BeginIdempotent(ctx, "acme", "u1", "old-key", "fp")
		if err != nil || got == nil || string(got.Body) != string(answer.Body) {
			t.Fatalf("replay %+v, %v", got, err)
		}
	})
}
