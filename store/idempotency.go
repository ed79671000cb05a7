package store

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// idempotencyTTL is how long a key's first answer is kept.
const idempotencyTTL = 24 * time.Hour

// pendingTTL bounds a reservation whose request never finished (a crashed process, or a Redis
// outage that kept it from being released), so the client can retry after it: until then a
// retry is 409 idempotency_in_progress. Requests are answered in milliseconds; one that is
// still running when its reservation runs out cannot store a second answer or (for the
// creating routes, whose work's write checks the reservation: see write.run) do its work
// after a retry took the key over.
const pendingTTL = 10 * time.Second

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
type idempotentAnswer struct {
	Fingerprint string `json:"f"`
	Status      int    `json:"s"`
	ContentType string `json:"c,omitempty"`
	Sealed      []byte `json:"x,omitempty"`
	Token       string `json:"t,omitempty"` // a reservation's: see BeginIdempotent
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

// idempotencyKey names the Redis key of r's Idempotency-Key.
func (s *Store) idempotencyKey(r *domain.IdempotentRequest) string {
	return s.keys.idempotency(r.Org, r.UserID, idempotencyHash(r.Org, r.UserID, r.Key))
}

// idempotencyPartsKey names the Redis key of the records of the parts of r's work.
func (s *Store) idempotencyPartsKey(r *domain.IdempotentRequest) string {
	return s.keys.idempotencyParts(r.Org, r.UserID, idempotencyHash(r.Org, r.UserID, r.Key), r.Fingerprint)
}

// sealAnswer is answer as the key of r keeps it, its body sealed.
func (s *Store) sealAnswer(r *domain.IdempotentRequest, answer domain.StoredResponse) string {
	a := idempotentAnswer{Fingerprint: answer.Fingerprint, Status: answer.Status, ContentType: answer.ContentType}
	if len(answer.Body) > 0 {
		a.Sealed = answerKey(r.Org, r.UserID, r.Key).Seal(nil, nil, answer.Body, nil)
	}
	return marshal(a)
}

// BeginIdempotent reserves r's key for r, or returns its first answer. The reservation holds
// r's fingerprint and a token of this attempt's own (r.Reservation), so that a write, the
// answer and a release can tell it from the reservation of a retry made after it expired.
func (s *Store) BeginIdempotent(ctx context.Context, r *domain.IdempotentRequest) (*domain.StoredResponse, error) {
	k := s.idempotencyKey(r)
	r.Reservation = marshal(idempotentAnswer{Fingerprint: r.Fingerprint, Token: rand.Text()})
	ok, err := s.rdb.SetNX(ctx, k, r.Reservation, pendingTTL).Result()
	if err != nil {
		return nil, translate("begin idempotent", err)
	}
	if ok {
		return nil, nil
	}
	b, err := s.rdb.Get(ctx, k).Bytes()
	if errors.Is(err, redis.Nil) { // expired between the two calls: the reservation is free
		return s.BeginIdempotent(ctx, r)
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
	case first.Fingerprint != r.Fingerprint:
		return nil, errKeyReused
	case first.Status == 0:
		return nil, errKeyInFlight
	}
	var body []byte
	if first.Sealed != nil {
		if body, err = answerKey(r.Org, r.UserID, r.Key).Open(nil, nil, first.Sealed, nil); err != nil {
			return nil, domain.Internal("open idempotent answer", err)
		}
	}
	return &domain.StoredResponse{Fingerprint: first.Fingerprint, Status: first.Status, ContentType: first.ContentType, Body: body}, nil
}

// IdempotentParts answers the records of the parts of r's work that earlier attempts wrote.
func (s *Store) IdempotentParts(ctx context.Context, r *domain.IdempotentRequest) (map[string][]byte, error) {
	sealed, err := s.rdb.HGetAll(ctx, s.idempotencyPartsKey(r)).Result()
	if err != nil {
		return nil, translate("idempotent parts", err)
	}
	aead := answerKey(r.Org, r.UserID, r.Key)
	parts := make(map[string][]byte, len(sealed))
	for name, box := range sealed {
		record, err := aead.Open(nil, nil, []byte(box), nil)
		if err != nil {
			return nil, domain.Internal("open idempotent part", err)
		}
		parts[name] = record
	}
	return parts, nil
}

var (
	finishIdempotentScript  = luaScript("idempotency_finish")
	releaseIdempotentScript = luaScript("idempotency_release")
)

// idempotentFinish is idempotency_finish.lua's argument.
type idempotentFinish struct {
	Reservation string `json:"reservation"`
	Answer      string `json:"answer"`
	TTL         int64  `json:"ttl"`
}

// FinishIdempotent stores the first answer, its body sealed, for 24 hours, unless the key
// holds something else than r's reservation (the answer the work's own write stored, see
// write.run, or a retry's reservation after r's ran out) or r's user is gone (erased while r
// was in flight: nothing of theirs is kept).
func (s *Store) FinishIdempotent(ctx context.Context, r *domain.IdempotentRequest, answer domain.StoredResponse) error {
	keys := []string{s.idempotencyKey(r), s.keys.user(r.Org, r.UserID)}
	arg := idempotentFinish{Reservation: r.Reservation, Answer: s.sealAnswer(r, answer), TTL: int64(idempotencyTTL / time.Second)}
	err := finishIdempotentScript.Run(ctx, s.rdb, keys, scriptArg(arg)).Err()
	return translate("finish idempotent", err)
}

// ReleaseIdempotent forgets r's reservation so the request can be retried. A key that holds
// an answer stays: the work was written with it, and a retry must see that answer.
func (s *Store) ReleaseIdempotent(ctx context.Context, r *domain.IdempotentRequest) error {
	return translate("release idempotent", releaseIdempotentScript.Run(ctx, s.rdb, []string{s.idempotencyKey(r)}, r.Reservation).Err())
}
