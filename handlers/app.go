package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// appPolicy is the employee app's Content-Security-Policy: the console's (its own files only, no
// inline code, this server only), plus its service worker (/app/sw.js). The camera (scanning an
// enrollment QR code) is a media stream, which no directive governs.
const appPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// isAppPage tells the employee app's pages and files apart.
func isAppPage(c echo.Context) bool {
	p := c.Path()
	return p == "/app" || p == "/app/*"
}

// routeApp serves the built employee app (web/dist/app) at /app/, as routeConsole serves the
// console: its files as they are, index.html for every other path below /app/.
func (s *Server) routeApp(e *echo.Echo) {
	if s.App == nil {
		return
	}
	e.GET("/app", func(c echo.Context) error {
		return c.Redirect(http.StatusMovedPermanently, "/app/")
	})
	e.GET("/app/*", s.serveApp)
	e.HEAD("/app/*", s.serveApp)
}

func (s *Server) serveApp(c echo.Context) error {
	return serveBuilt(c, s.App)
}
