package handlers

import (
	"net"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// The web console signs in on its own path, /console/auth, so its refresh token can live in a
// cookie that JavaScript cannot read and that no other path receives. Cross-site request
// forgery has nothing to use: the cookie is SameSite=Strict and sent only to these three calls,
// which also need a header (X-Microact-Console) that a cross-site form or link cannot set, and
// the /v1 API never reads the cookie.

const (
	// consoleCookie names the cookie holding the console's refresh token.
	consoleCookie = "mx_console"
	// consoleCookiePath is the only path the browser sends the cookie to.
	consoleCookiePath = "/console/auth"
	// consoleHeader must be "1" on every console auth call.
	consoleHeader = "X-Microact-Console"
)

var errNoConsoleHeader = domain.Forbidden("The console's sign-in calls need the header X-Microact-Console: 1.")

// isConsoleAuthRoute tells the console's sign-in calls.
func isConsoleAuthRoute(c echo.Context) bool {
	return strings.HasPrefix(c.Path(), consoleCookiePath+"/")
}

// guardConsoleAuth makes the console's sign-in calls uncacheable and refuses them without the
// console's header.
func (s *Server) guardConsoleAuth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !isConsoleAuthRoute(c) {
			return next(c)
		}
		c.Response().Header().Set("Cache-Control", "no-store")
		if c.Request().Header.Get(consoleHeader) != "1" {
			return errNoConsoleHeader
		}
		return next(c)
	}
}

// ConsoleEnroll exchanges an enrollment code for a console session.
func (s *Server) ConsoleEnroll(c echo.Context, _ ConsoleEnrollParams) error {
	var req ConsoleEnrollRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	code, ok := domain.NormalizeEnrollmentCode(req.Code)
	if !ok {
		return domain.ErrInvalidCode
	}
	u, refresh, familyID, err := s.startSession(c.Request().Context(), code, nil)
	if err != nil {
		return err
	}
	return s.consoleSession(c, u, refresh, familyID)
}

// ConsoleRefresh rotates the cookie's refresh token. Whenever it fails, the cookie is cleared:
// a refused refresh token never works again.
func (s *Server) ConsoleRefresh(c echo.Context, params ConsoleRefreshParams) error {
	if params.MxConsole == nil || *params.MxConsole == "" {
		s.clearConsoleCookie(c)
		return domain.ErrInvalidToken
	}
	u, refresh, familyID, err := s.rotateSession(c.Request().Context(), *params.MxConsole)
	if err != nil {
		if domain.ErrorKind(err) == domain.KindUnauthorized {
			s.clearConsoleCookie(c)
		}
		return err
	}
	return s.consoleSession(c, u, refresh, familyID)
}

// ConsoleLogout ends the cookie's session and clears the cookie.
func (s *Server) ConsoleLogout(c echo.Context, params ConsoleLogoutParams) error {
	if params.MxConsole != nil {
		if err := s.endSession(c.Request().Context(), *params.MxConsole); err != nil {
			return err
		}
	}
	s.clearConsoleCookie(c)
	return c.NoContent(http.StatusNoContent)
}

// consoleSession answers a session: the access token in the body, the refresh token in the cookie.
func (s *Server) consoleSession(c echo.Context, u domain.User, refresh, familyID string) error {
	access, me, err := s.accessFor(c.Request().Context(), u, familyID)
	if err != nil {
		return err
	}
	s.setConsoleCookie(c, refresh, int(domain.RefreshTokenTTL.Seconds()))
	return c.JSON(http.StatusOK, ConsoleSession{
		AccessToken: access, TokenType: ConsoleSessionTokenTypeBearer,
		ExpiresIn: int(domain.AccessTokenTTL.Seconds()), User: me,
	})
}

func (s *Server) clearConsoleCookie(c echo.Context) { s.setConsoleCookie(c, "", -1) }

// setConsoleCookie sets the console's cookie to value for maxAge seconds (-1: remove it).
// Secure is left out only in dev and only for a loopback host, so the console works on
// http://localhost while a dev server reached by any other name still sends it over TLS only.
func (s *Server) setConsoleCookie(c echo.Context, value string, maxAge int) {
	c.SetCookie(&http.Cookie{
		Name: consoleCookie, Value: value, Path: consoleCookiePath, MaxAge: maxAge,
		HttpOnly: true, Secure: !(s.Dev && isLoopbackHost(c.Request().Host)), SameSite: http.SameSiteStrictMode,
	})
}

// isLoopbackHost reports whether a request's Host names this machine: localhost or a loopback
// address, with or without a port.
func isLoopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
