package store

import (
	"context"
	"time"

	"github.com/go-redis/redis_rate/v10"
)

// FailureLimiter counts failed attempts per client (GCRA, shared by every replica through
// Redis) and says when a client has to wait. Successes are not counted, so a whole store
// enrolling from one address is never blocked by its own successes.
type FailureLimiter struct {
	limiter *redis_rate.Limiter
	limit   redis_rate.Limit
	prefix  string
}

// NewFailureLimiter allows events failures per period per key, in bursts of up to events.
// Its keys are "rate:<prefix>:authfail:<key>" (redis_rate adds "rate:").
func (s *Store) NewFailureLimiter(events int, per time.Duration) *FailureLimiter {
	return &FailureLimiter{
		limiter: redis_rate.NewLimiter(s.rdb),
		limit:   redis_rate.Limit{Rate: events, Burst: events, Period: per},
		prefix:  s.keys.prefix + ":authfail:",
	}
}

// Blocked returns how long key must wait before its next attempt; 0 when it may try now.
func (f *FailureLimiter) Blocked(ctx context.Context, key string) (time.Duration, error) {
	// A zero-cost call reads the state without counting anything; below one remaining
	// failure the next one would be refused, so the client waits until one is free again.
	res, err := f.limiter.AllowN(ctx, f.prefix+key, f.limit, 0)
	if err != nil {
		return 0, translate("rate check", err)
	}
	if res.Remaining >= 1 {
		return 0, nil
	}
	emission := f.limit.Period / time.Duration(f.limit.Rate)
	wait := res.ResetAfter - time.Duration(f.limit.Burst-1)*emission
	if wait < time.Second {
		wait = time.Second
	}
	return wait, nil
}

// Failed counts one failed attempt of key.
func (f *FailureLimiter) Failed(ctx context.Context, key string) error {
	_, err := f.limiter.AllowN(ctx, f.prefix+key, f.limit, 1)
	return translate("rate count", err)
}
