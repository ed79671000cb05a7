// Package handlers is microact's HTTP API: routes, authentication, problem+json errors and the
// OpenAPI document the routes are generated from. It is the only package importing Echo and JWT.
package handlers

import (
	"context"
	_ "embed"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/internal/copies"
)

//go:embed openapi.yaml
var openAPIDocument []byte

//go:embed docs.html
var docsPage []byte

// bodyLimit is the contract's request-size limit.
const bodyLimit = "64KiB" // binary: Echo reads "64K" as 64000 bytes

// Server holds the API's dependencies; cmd builds it.
type Server struct {
	Orgs        domain.OrgStore
	Users       domain.UserStore
	Teams       domain.TeamStore
	Sessions    domain.SessionStore
	Idempotency domain.IdempotencyStore
	OrgState    domain.OrgStateStore
	Catalog     domain.CatalogStore
	Loop        domain.LoopStore
	Export      domain.ExportStore
	Boards      domain.BoardStore
	// Notifications keeps inboxes, devices, the push outbox and the reminder schedule.
	Notifications domain.NotifyStore
	Social        domain.SocialStore
	// Privacy erases users.
	Privacy domain.PrivacyStore
	// Feedback keeps the teams' customer feedback links and answers.
	Feedback domain.FeedbackStore
	// FeedbackLimits bound what answers are counted (zero: domain.DefaultFeedbackLimits);
	// FeedbackPageRate is how often one address may load or post the page per replica (zero:
	// feedbackPageRate).
	FeedbackLimits   domain.FeedbackLimits
	FeedbackPageRate domain.Rate
	// Displays keeps the break-room screens' links.
	Displays domain.DisplayStore
	// AuthLimiter counts failed /v1/auth attempts per client address; nil disables it.
	AuthLimiter domain.FailureLimiter
	// Ping tells whether Redis answers, for /readyz.
	Ping           func(context.Context) error
	Tokens         *Tokens
	Clock          domain.Clock
	Log            *slog.Logger
	UserRate       domain.Rate
	TrustedProxies []*net.IPNet
	Metrics        *Metrics
	// Dev (MICROACT_ENV=dev) leaves Secure off the console's cookie, for http://localhost.
	Dev bool
	// Console is the built web console (web.Console), served at /console/; nil serves none.
	Console fs.FS
	// Screen is the built break-room screen (web.Screen), served at /tv/; nil serves none.
	Screen fs.FS
	// App is the built employee app (web.App), served at /app/; nil serves none.
	App fs.FS

	orgs         *orgCache
	teams        *teamsBoards
	todays       *copies.Cache[todayCopy]
	boards       *copies.Cache[boardCopy]
	actionLimits map[string]*userLimiter
	userLimits   *userLimiter
	// feedbackPages limits the public feedback page per address.
	feedbackPages *userLimiter
	// thanks keeps the feedback page's rendered thanks (see renderThanks).
	thanks *copies.Cache[[]byte]
	// linkTeams keeps the org and team of the feedback links read (see feedbackContext).
	linkTeams *copies.Cache[linkTeam]
}

// Handler builds the HTTP handler.
func (s *Server) Handler() (*echo.Echo, error) {
	validator, err := documentValidator()
	if err != nil {
		return nil, err
	}
	s.orgs = newOrgCache(s.OrgState, s.Clock)
	s.teams = copies.New[teamsBoard](teamsBoardCacheSize)
	s.todays = copies.New[todayCopy](todayCacheSize)
	s.boards = copies.New[boardCopy](boardCacheSize)
	s.userLimits = newUserLimiter(s.UserRate, s.Clock)
	pageRate := s.FeedbackPageRate
	if pageRate.Off() {
		pageRate = feedbackPageRate
	}
	s.feedbackPages = newActionLimiter(pageRate, s.Clock)
	s.thanks = copies.New[[]byte](thanksCacheSize)
	s.linkTeams = copies.New[linkTeam](linkTeamsCacheSize)
	s.actionLimits = map[string]*userLimiter{
		"kudos": newActionLimiter(kudosRate, s.Clock), "suggestion": newActionLimiter(suggestionRate, s.Clock),
		"barrier": newActionLimiter(barrierRate, s.Clock),
	}

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.errorHandler
	e.IPExtractor = s.clientIP
	e.Use(
		s.Metrics.middleware,
		s.recoverer,
		securityHeaders,
		middleware.BodyLimit(bodyLimit), // a body over the limit is 413 whatever else is wrong
		allowMethods,
		s.guardConsoleAuth,
		s.authenticate,
		s.limitUser,
		s.limitAuthFailures,
		validator.middleware,
		s.idempotent,
	)
	RegisterHandlers(e, s)
	s.routeConsole(e)
	s.routeScreen(e)
	s.routeApp(e)
	return e, nil
}

// isAPI tells the /v1 routes (JSON API) apart from operations endpoints.
func isAPI(c echo.Context) bool { return strings.HasPrefix(c.Path(), "/v1/") }

// isAuthRoute tells the routes that need no access token.
func isAuthRoute(c echo.Context) bool { return strings.HasPrefix(c.Path(), "/v1/auth/") }

// clientIP is the connection's address, or the first address a trusted proxy forwarded.
func (s *Server) clientIP(r *http.Request) string {
	if len(s.TrustedProxies) == 0 {
		return echo.ExtractIPDirect()(r)
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range s.TrustedProxies {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)(r)
}

// recoverer turns a panic into a logged 500 instead of a dropped connection.
func (s *Server) recoverer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = domain.Internal("panic in "+c.Path(), panicError{r})
			}
		}()
		return next(c)
	}
}

type panicError struct{ v any }

func (p panicError) Error() string { return "panic: " + strings.TrimSpace(slog.AnyValue(p.v).String()) }

// securityHeaders are set on every answer: nothing here is meant to be framed, sniffed, cached
// or to run anything, errors and unknown paths included. The public documents (the JWKS, the
// OpenAPI document and its page) set a Cache-Control of their own; the page runs its own inline
// scripts and styles, so its policy only forbids what it never does.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		if isConsolePage(c) || isScreenPage(c) {
			h.Set("Content-Security-Policy", consolePolicy)
		} else if isFeedbackPage(c) {
			h.Set("Content-Security-Policy", feedbackPolicy)
		} else if isAppPage(c) {
			h.Set("Content-Security-Policy", appPolicy)
		} else if c.Path() == "/docs" {
			h.Set("Content-Security-Policy", "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
		} else {
			h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		}
		return next(c)
	}
}

// allowMethods answers a request for a known path in a method the path does not take, before
// anything else looks at it (a token is not needed to learn which methods a path takes): 405
// with an Allow header listing the path's methods, or 204 with Allow for OPTIONS. Echo's router
// leaves the path's methods in the context only when the path matched and the method did not.
func allowMethods(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		allow, ok := c.Get(echo.ContextKeyHeaderAllow).(string)
		if !ok || allow == "" {
			return next(c)
		}
		c.Response().Header().Set(echo.HeaderAllow, allow)
		if c.Request().Method == http.MethodOptions {
			return c.NoContent(http.StatusNoContent)
		}
		return errMethodNotAllowed
	}
}

var errMethodNotAllowed = &domain.Error{Kind: domain.KindMethodNotAllowed, Code: "method_not_allowed",
	Message: "This path does not take this method; the Allow header lists those it takes."}

// publicDocument is the Cache-Control of what is the same for everyone and changes only with a
// deployment (or a key rotation, which keeps the old key for longer than this).
const publicDocument = "public, max-age=300"

// now is the server's clock reading.
func (s *Server) now() time.Time { return s.Clock.Now() }
