package store

import (
	"context"
	"time"

	"github.com/go-redis/redis_rate/v10"
)

// FailureLimiter counts failed attempts per client (GCRA, shared by every replica through
// Redis). It keeps two budgets per client: the failures it may make (events per period), past
// which its failed attempts are answered "wait" instead of "wrong", and a ceiling of ceilingFactor
// times that, past which its attempts are not even checked until it is back under. Successes are
// not counted, and below the ceiling a right credential always succeeds: a whole store enrolling
// from one address is never blocked by its own successes, nor by one phone that mistypes.
type FailureLimiter struct {
	limiter      *redis_rate.Limiter
	budget, ceil redis_rate.Limit
	keys         keys
}

// ceilingFactor is how many times the failure budget a client may fail before its attempts are
// refused unchecked: far beyond a person mistyping (who is told to wait after the budget), so it
// only stops a script that ignores Retry-After, and bounds how many guesses one address gets
// checked.
const ceilingFactor = 10

// NewFailureLimiter allows events failures per period per key, in bursts of up to events, and
// checks attempts of a key up to ceilingFactor times that many failures.
// Its keys are keys.authFailures and keys.authCeiling of each client, behind the "rate:"
// redis_rate puts in front.
func (s *Store) NewFailureLimiter(events int, per time.Duration) *FailureLimiter {
	return &FailureLimiter{
		limiter: redis_rate.NewLimiter(s.rdb),
		budget:  redis_rate.Limit{Rate: events, Burst: events, Period: per},
		ceil:    redis_rate.Limit{Rate: ceilingFactor * events, Burst: ceilingFactor * events, Period: per},
		keys:    s.keys,
	}
}

// Refused returns how long key must wait before its attempts are checked again: 0 unless it is
// past its ceiling of failures.
func (f *FailureLimiter) Refused(ctx context.Context, key string) (time.Duration, error) {
	// A zero-cost call reads the state without counting anything; below one remaining
	// failure the next one would be refused, so the client waits until one is free again.
	res, err := f.limiter.AllowN(ctx, f.keys.authCeiling(key), f.ceil, 0)
	if err != nil {
		return 0, translate("rate check", err)
	}
	if res.Remaining >= 1 {
		return 0, nil
	}
	emission := f.ceil.Period / time.Duration(f.ceil.Rate)
	return atLeastASecond(res.ResetAfter - time.Duration(f.ceil.Burst-1)*emission), nil
}

// Failed counts one failed attempt of key and returns how long key must wait before it may fail
// again: 0 while it is within its budget.
func (f *FailureLimiter) Failed(ctx context.Context, key string) (time.Duration, error) {
	if _, err := f.limiter.AllowN(ctx, f.keys.authCeiling(key), f.ceil, 1); err != nil {
		return 0, translate("rate count", err)
	}
	res, err := f.limiter.AllowN(ctx, f.keys.authFailures(key), f.budget, 1)
	if err != nil {
		return 0, translate("rate count", err)
	}
	if res.Allowed > 0 {
		return 0, nil
	}
	return atLeastASecond(res.RetryAfter), nil
}

// atLeastASecond rounds a wait up to Retry-After's unit.
func atLeastASecond(d time.Duration) time.Duration {
	return max(d, time.Second)
}
