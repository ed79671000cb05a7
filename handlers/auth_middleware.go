package handlers

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/configs"
	"github.com/microact/microact/domain"
	"golang.org/x/time/rate"
)

// authenticate checks the access token of every /v1 call except /v1/auth/* and puts the
// caller into the request's context.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !isAPI(c) || isAuthRoute(c) {
			return next(c)
		}
		h := c.Request().Header.Get(echo.HeaderAuthorization)
		scheme, token, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
			return errNoToken
		}
		p, issued, err := s.Tokens.Verify(token)
		if err != nil {
			return err
		}
		voidBefore, err := s.revoked.voidBefore(c.Request().Context(), p.Org, p.UserID)
		if err != nil {
			return err
		}
		// iat has whole seconds; a token from the second of the change is given the benefit.
		if issued.Before(voidBefore.Truncate(time.Second)) {
			return errRevokedToken
		}
		c.SetRequest(c.Request().WithContext(domain.WithPrincipal(c.Request().Context(), p)))
		return next(c)
	}
}

// principal returns the authenticated caller of a /v1 route.
func principal(c echo.Context) domain.Principal {
	p, _ := domain.PrincipalFrom(c.Request().Context())
	return p
}

// revocationRefresh is how stale a replica's view of an org's revocations may be. Together
// with the clock it bounds how long a deactivated user's access token keeps working (the
// contract allows 60 s).
const revocationRefresh = 30 * time.Second

// revocationCache keeps each org's short revocation list, re-read at most every
// revocationRefresh, so checking a token costs no Redis call on most requests.
type revocationCache struct {
	source domain.RevocationStore
	clock  domain.Clock
	mu     sync.Mutex
	orgs   map[string]*orgRevocations
}

type orgRevocations struct {
	fetched time.Time
	users   map[string]time.Time
	mu      sync.Mutex // one reader refreshes an org at a time
}

func newRevocationCache(source domain.RevocationStore, clock domain.Clock) *revocationCache {
	return &revocationCache{source: source, clock: clock, orgs: map[string]*orgRevocations{}}
}

// voidBefore returns the moment before which the user's tokens are void (zero if none).
func (r *revocationCache) voidBefore(ctx context.Context, org, userID string) (time.Time, error) {
	r.mu.Lock()
	o := r.orgs[org]
	if o == nil {
		o = &orgRevocations{}
		r.orgs[org] = o
	}
	r.mu.Unlock()

	o.mu.Lock()
	defer o.mu.Unlock()
	now := r.clock.Now()
	if o.users == nil || now.Sub(o.fetched) >= revocationRefresh {
		users, err := r.source.RevokedSince(ctx, org, now.Add(-domain.AccessTokenTTL-time.Minute))
		if err != nil {
			return time.Time{}, err
		}
		o.users, o.fetched = users, now
	}
	return o.users[userID], nil
}

// forget drops an org's cached list, so a change made by this replica applies at once here.
func (r *revocationCache) forget(org string) {
	r.mu.Lock()
	delete(r.orgs, org)
	r.mu.Unlock()
}

// userLimiter is a token bucket per user (MICROACT_USER_RATE, burst twice the rate). It is kept
// in the process: a Redis-backed limiter would double the Redis round trips of every call, and
// the limit exists to stop a runaway client, which a per-replica bucket does.
type userLimiter struct {
	limit rate.Limit
	burst int
	clock domain.Clock
	mu    sync.Mutex
	users map[string]*userBucket
	swept time.Time
}

type userBucket struct {
	limiter *rate.Limiter
	seen    time.Time
}

func newUserLimiter(r configs.Rate, clock domain.Clock) *userLimiter {
	if r.Off() {
		return nil
	}
	return &userLimiter{
		limit: rate.Limit(float64(r.Events) / r.Per.Seconds()), burst: 2 * r.Events,
		clock: clock, users: map[string]*userBucket{},
	}
}

// allow takes one token from the user's bucket, or says how long to wait for one.
func (l *userLimiter) allow(key string) (bool, time.Duration) {
	now := l.clock.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > time.Minute { // buckets idle for a minute are full again: drop them
		for k, b := range l.users {
			if now.Sub(b.seen) > time.Minute {
				delete(l.users, k)
			}
		}
		l.swept = now
	}
	b := l.users[key]
	if b == nil {
		b = &userBucket{limiter: rate.NewLimiter(l.limit, l.burst)}
		l.users[key] = b
	}
	b.seen = now
	r := b.limiter.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// limitUser applies the per-user rate to authenticated calls.
func (s *Server) limitUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.userLimits == nil || !isAPI(c) || isAuthRoute(c) {
			return next(c)
		}
		p := principal(c)
		if ok, wait := s.userLimits.allow(p.Org + "/" + p.UserID); !ok {
			return domain.RateLimited(wait)
		}
		return next(c)
	}
}

// limitAuthFailures refuses /v1/auth calls from an address with too many recent failures and
// counts each failure (a 401).
func (s *Server) limitAuthFailures(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.AuthLimiter == nil || !isAuthRoute(c) {
			return next(c)
		}
		ctx, ip := c.Request().Context(), c.RealIP()
		wait, err := s.AuthLimiter.Blocked(ctx, ip)
		if err != nil {
			return err
		}
		if wait > 0 {
			return domain.RateLimited(wait)
		}
		err = next(c)
		if err != nil && domain.ErrorKind(err) == domain.KindUnauthorized {
			if ferr := s.AuthLimiter.Failed(ctx, ip); ferr != nil {
				s.Log.Warn("counting a failed auth attempt", "err", ferr)
			}
		}
		return err
	}
}
