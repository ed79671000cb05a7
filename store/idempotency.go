package store

import (
	"context"
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

// BeginIdempotent reserves key for the request with fingerprint, or returns its first answer.
func (s *Store) BeginIdempotent(ctx context.Context, org, userID, key, fingerprint string) (*domain.StoredResponse, error) {
	k := s.keys.idempotency(org, userID, idempotencyHash(org, userID, key))
	pending := marshal(domain.StoredResponse{Fingerprint: fingerprint})
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
	var first domain.StoredResponse
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
	return &first, nil
}

// FinishIdempotent stores the first answer for 24 hours.
func (s *Store) FinishIdempotent(ctx context.Context, org, userID, key string, r domain.StoredResponse) error {
	k := s.keys.idempotency(org, userID, idempotencyHash(org, userID, key))
	return translate("finish idempotent", s.rdb.Set(ctx, k, marshal(r), idempotencyTTL).Err())
}

// ReleaseIdempotent forgets a reservation so the request can be retried.
func (s *Store) ReleaseIdempotent(ctx context.Context, org, userID, key string) error {
	k := s.keys.idempotency(org, userID, idempotencyHash(org, userID, key))
	return translate("release idempotent", s.rdb.Del(ctx, k).Err())
}
