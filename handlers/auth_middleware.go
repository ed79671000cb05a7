package handlers

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/internal/copies"
	"golang.org/x/time/rate"
)

// authenticate checks the access token of every /v1 call except /v1/auth/* and puts the
// caller into the request's context.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !isAPI(c) || isAuthRoute(c) {
			return next(c)
		}
		if isDisplayRoute(c) { // a screen's display token, checked before its request is
			d, err := s.display(c)
			if err != nil {
				return err
			}
			c.Set(displayKey, d)
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
		org, err := s.orgs.get(c.Request().Context(), p.Org)
		if domain.ErrorKind(err) == domain.KindNotFound {
			return errBadToken
		}
		if err != nil {
			return err
		}
		if org.voids(p, issued) {
			return errRevokedToken
		}
		c.SetRequest(c.Request().WithContext(domain.WithPrincipal(c.Request().Context(), p)))
		err = next(c)
		if domain.ErrorKind(err) == domain.KindNotFound && !s.userExists(c.Request().Context(), p) {
			return errGoneUser
		}
		return err
	}
}

// errGoneUser answers a token whose user no longer exists (their org was deleted and made anew,
// as `microact demo` does): the token is what is wrong, not the object asked for.
var errGoneUser = domain.Unauthorized("unauthorized", "The access token's user no longer exists; enroll again.")

// userExists says whether the caller's user still exists. It is asked only when an answer is
// 404 (rare), so checking costs no Redis call on the common path; when it cannot tell, the 404
// stands.
func (s *Server) userExists(ctx context.Context, p domain.Principal) bool {
	_, err := s.Users.User(ctx, p.Org, p.UserID)
	return domain.ErrorKind(err) != domain.KindNotFound
}

// principal returns the authenticated caller of a /v1 route.
func principal(c echo.Context) domain.Principal {
	p, _ := domain.PrincipalFrom(c.Request().Context())
	return p
}

// orgRefresh is how stale a replica's view of an org may be. It bounds how long a deactivated
// user's access token keeps working (the contract allows 60 s) and how long an org's new time
// zone or week start takes to apply.
const orgRefresh = 30 * time.Second

// orgCache keeps each org's settings and short revocation list, re-read at most every
// orgRefresh, so checking a token and working out a user's day cost no Redis call on most
// requests. Its copies are kept for a while rather than stamped: their age is their check.
type orgCache struct {
	source domain.OrgStateStore
	clock  domain.Clock
	copies *copies.Cache[*orgEntry]
}

// orgEntry is an org's state as fetched: never changed after, so requests share it freely.
type orgEntry struct {
	fetched time.Time
	org     domain.Org
	loc     *time.Location
	revoked map[string]time.Time
	periods atomic.Pointer[orgPeriods] // the current week and month, worked out once a day
}

// orgPeriods are the org's week and month of one local day.
type orgPeriods struct {
	day         string
	week, month domain.Period
}

// orgCacheSize bounds the orgs a replica keeps (a few KB each).
const orgCacheSize = 10_000

func newOrgCache(source domain.OrgStateStore, clock domain.Clock) *orgCache {
	return &orgCache{source: source, clock: clock, copies: copies.New[*orgEntry](orgCacheSize)}
}

// get returns the org's cached state, refreshed when it is older than orgRefresh.
func (r *orgCache) get(ctx context.Context, org string) (*orgEntry, error) {
	now := r.clock.Now()
	return r.copies.ReadShared(ctx, org+"\x00", func(_ context.Context, cp copies.Copy[*orgEntry]) (bool, error) {
		return now.Sub(cp.Value.fetched) < orgRefresh, nil
	}, func(ctx context.Context) (copies.Copy[*orgEntry], error) {
		o, revoked, err := r.source.OrgState(ctx, org, now.Add(-domain.AccessTokenTTL-time.Minute))
		if err != nil {
			return copies.Copy[*orgEntry]{}, err
		}
		return copies.Copy[*orgEntry]{Stamp: "age", Value: &orgEntry{org: o, loc: o.Location(), revoked: revoked, fetched: now}}, nil
	})
}

// periodsOf answers the org's week and month of its local day today.
func (e *orgEntry) periodsOf(today string) *orgPeriods {
	if p := e.periods.Load(); p != nil && p.day == today {
		return p
	}
	p := &orgPeriods{day: today, week: domain.WeekOf(today, e.org.WeekStartsOn, e.loc), month: domain.MonthOf(today, e.loc)}
	e.periods.Store(p)
	return p
}

// voids says whether the caller's token, issued at issued, is void: issued before the latest of
// the user's and the whole org's revocations, or of a session that has ended (logout, a reused
// refresh token). An ended session issues no token any more, so its entry voids all of them,
// also one issued in the very millisecond it ended.
func (e *orgEntry) voids(p domain.Principal, issued time.Time) bool {
	if _, ended := e.revoked[domain.SessionRevocation(p.SessionID)]; ended && p.SessionID != "" {
		return true
	}
	t := e.revoked[p.UserID]
	if at := e.revoked[domain.AllUsers]; at.After(t) {
		t = at
	}
	return issued.Before(t)
}

// forget drops an org's cached state, so a change made by this replica applies at once here.
func (r *orgCache) forget(org string) { r.copies.Forget(org + "\x00") }

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

func newUserLimiter(r domain.Rate, clock domain.Clock) *userLimiter {
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
	if now.Sub(l.swept) > time.Minute { // drop the buckets idle long enough to be full again
		full := time.Duration(float64(l.burst) / float64(l.limit) * float64(time.Second))
		for k, b := range l.users {
			if now.Sub(b.seen) > full {
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
		if s.userLimits == nil || !isAPI(c) || isAuthRoute(c) || isDisplayRoute(c) { // GetDisplay limits per display
			return next(c)
		}
		p := principal(c)
		if ok, wait := s.userLimits.allow(p.Org + "/" + p.UserID); !ok {
			return domain.RateLimited(wait)
		}
		return next(c)
	}
}

// withoutConsoleCookie tells a console refresh that sent no cookie: the console asks on every
// load whether it is signed in, and such a call guesses nothing, so it is no failure to count.
// (A console enroll never has a cookie; its failures count.)
func withoutConsoleCookie(c echo.Context) bool {
	if c.Path() != consoleCookiePath+"/refresh" {
		return false
	}
	ck, err := c.Cookie(consoleCookie)
	return err != nil || ck.Value == ""
}

// limitAuthFailures limits failed /v1/auth and /console/auth calls per client address (see README, Security):
// every attempt is checked, so a right code or refresh token succeeds even from an address whose
// phones mistyped; a failure past the address's budget is 429 instead of 401; and an address
// past ten times its budget is refused (429) unchecked until it is back under.
func (s *Server) limitAuthFailures(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.AuthLimiter == nil || !(isAuthRoute(c) || isConsoleAuthRoute(c)) {
			return next(c)
		}
		ctx, ip := c.Request().Context(), c.RealIP()
		wait, err := s.AuthLimiter.Refused(ctx, ip)
		if err != nil {
			return err
		}
		if wait > 0 {
			return domain.RateLimited(wait)
		}
		err = next(c)
		if err == nil || domain.ErrorKind(err) != domain.KindUnauthorized || withoutConsoleCookie(c) {
			return err
		}
		wait, ferr := s.AuthLimiter.Failed(ctx, ip)
		if ferr != nil {
			s.Log.Warn("counting a failed auth attempt", "err", ferr)
		}
		if wait > 0 {
			return domain.RateLimited(wait)
		}
		return err
	}
}
