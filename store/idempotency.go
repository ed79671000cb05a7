package store

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// idempotencyTTL is how long a key's first answer is kept.
const idempotencyTTL = 24 * time.Hour

// pendingTTL bounds a reservation whose request never finished (a crashed process), so the
// client can retry after it.
const pendingTTL = time.Minute

var (
	errKeyReused    = domain.Invalid("idempotency_key_reused", "This Idempotency-Key was used with another request.")
	errKeyInFlight  = domain.Conflict("idempotency_in_progress", "A request with this Idempotency-Key is still being answered; retry shortly.")
	idempotencyHash = func(org, user, key string) string { return domain.HashSecret(org + "\x00" + user + "\x00" + key) }
)

// idempotentAnswer is a StoredResponse as Redis keeps it. Some answers carry secrets (a new
// user's enrollment code), which Redis, its append-only file and its backups must not hold
// readable, as they hold codes and refresh tokens only as hashes. So the body is sealed under
// a key derived from the client's Idempotency-Key (answerKey), which Redis keeps only as
// another hash: only the client that sent the key can have its answer replayed, as before.
// Body is still read for answers stored before sealing (kept 24 hours at most).
type idempotentAnswer struct {
	Fingerprint string `json:"f"`
	Status      int    `json:"s"`
	ContentType string `json:"c,omitempty"`
	Body        []byte `json:"b,omitempty"`
	Sealed      []byte `json:"x,omitempty"`
}

// answerKey is the AES-256 key of an answer: a hash of the Idempotency-Key apart from the one
// naming the Redis key.
func answerKey(org, user, key string) cipher.AEAD {
	sum := sha256.Sum256([]byte("microact idempotent answer\x00" + org + "\x00" + user + "\x00" + key))
	block, err := aes.NewCipher(sum[:])
	if err != nil {
		panic(err) // a 32-byte key is always valid
	}
	aead, err := cipher.NewGCMWithRandomNonce(block)
	if err != nil {
		panic(err)
	}
	return aead
}

// BeginIdempotent reserves key for the request with fingerprint, or returns its first answer.
func (s *Store) BeginIdempotent(ctx context.Context, org, userID, key, fingerprint string) (*domain.StoredResponse, error) {
	k := s.keys.idempotency(org, userID, idempotencyHash(org, userID, key))
	pending := marshal(idempotentAnswer{Fingerprint: fingerprint})
	ok, err := s.rdb.SetNX(ctx, k, pending, pendingTTL).Result()
	if err != nil {
		return nil, translate("begin idempotent", err)
	}
	if ok {
		return nil, nil
	}
	b, err := s.rdb.Get(ctx, k).Bytes()
	if errors.Is(err, redis.Nil) { // expired between the two calls: the reservation is free
		return s.BeginIdempotent(ctx, org, userID, key, fingerprint)
	}
	if err != nil {
		return nil, translate("read idempotent", err)
	}
	var first idempotentAnswer
	if err := json.Unmarshal(b, &first); err != nil {
		return nil, domain.Internal("decode idempotent", err)
	}
	switch {
	// Not a secret: both fingerprints hash requests of this same user, under their own key.
	case first.Fingerprint != fingerprint:
		return nil, errKeyReused
	case first.Status == 0:
		return nil, errKeyInFlight
	}
	body := first.Body
	if first.Sealed != nil {
		if body, err = answerKey(org, userID, key).Open(nil, nil, first.Sealed, nil); err != nil {
			return nil, domain.Internal("open idempotent answer", err)
		}
	}
	return &domain.StoredResponse{Fingerprint: first.Fingerprint, Status: first.Status, ContentType: first.ContentType, Body: body}, nil
}

// FinishIdempotent stores the first answer, its body sealed, for 24 hours.
func (s *Store) FinishIdempotent(ctx context.Context, org, userID, key string, r domain.StoredResponse) error {
	k := s.keys.idempotency(org, userID, idempotencyHash(org, userID, key))
	a := idempotentAnswer{Fingerprint: r.Fingerprint, Status: r.Status, ContentType: r.ContentType}
	if len(r.Body) > 0 {
		a.Sealed = answerKey(org, userID, key).Seal(nil, nil, r.Body, nil)
	}
	return translate("finish idempotent", s.rdb.Set(ctx, k, marshal(a), idempotencyTTL).Err())
}

// ReleaseIdempotent forgets a reservation so the request can be retried.
func (s *Store) ReleaseIdempotent(ctx context.Context, org, userID, key string) error {
	k := s.keys.idempotency(org, userID, idempotencyHash(org, userID, key))
	return translate("release idempotent", s.rdb.Del(ctx, k).Err())
}
