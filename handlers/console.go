package handlers

import (
	"errors"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

// consolePolicy is the console's Content-Security-Policy: its scripts, styles and images come from
// its own built files only (no inline code, nothing from elsewhere), and it talks to this server only.
// QR codes are inline SVG markup; downloads are blob URLs, which no directive governs.
const consolePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// immutableAsset is the Cache-Control of the console's hashed assets: a new build has new names.
const immutableAsset = "public, max-age=31536000, immutable"

// isConsolePage tells the console's pages and files (not its /console/auth API) apart.
func isConsolePage(c echo.Context) bool {
	p := c.Path()
	return p == "/console" || p == "/console/*"
}

// routeConsole serves the built console (web/dist/console) at /console/: its files as they are, and
// index.html for every other path below /console/ so the browser's router shows the page. Missing
// assets are a plain 404, never the page in a script's place.
func (s *Server) routeConsole(e *echo.Echo) {
	if s.Console == nil {
		return
	}
	e.GET("/console", func(c echo.Context) error {
		return c.Redirect(http.StatusMovedPermanently, "/console/")
	})
	e.GET("/console/*", s.serveConsole)
	e.HEAD("/console/*", s.serveConsole)
}

func (s *Server) serveConsole(c echo.Context) error { return serveBuilt(c, s.Console) }

// isScreenPage tells the break-room screen's pages and files.
func isScreenPage(c echo.Context) bool {
	p := c.Path()
	return p == "/tv" || p == "/tv/*"
}

// routeScreen serves the built break-room screen (web/dist/tv) at /tv/, as routeConsole the
// console. The screen reads the display token from the link's fragment, which no request carries.
func (s *Server) routeScreen(e *echo.Echo) {
	if s.Screen == nil {
		return
	}
	e.GET("/tv", func(c echo.Context) error {
		return c.Redirect(http.StatusMovedPermanently, "/tv/")
	})
	serve := func(c echo.Context) error { return serveBuilt(c, s.Screen) }
	e.GET("/tv/*", serve)
	e.HEAD("/tv/*", serve)
}

// serveBuilt answers a file of a built face (fsys), or its index.html for a page's path.
func serveBuilt(c echo.Context, fsys fs.FS) error {
	name := strings.TrimPrefix(path.Clean("/"+c.Param("*")), "/")
	h := c.Response().Header()
	if name != "" && name != "index.html" {
		info, err := fs.Stat(fsys, name)
		switch {
		case err == nil && !info.IsDir():
			body, err := fs.ReadFile(fsys, name)
			if err != nil {
				return err
			}
			if strings.HasPrefix(name, "assets/") {
				h.Set("Cache-Control", immutableAsset)
			} else {
				h.Set("Cache-Control", "no-cache")
			}
			return c.Blob(http.StatusOK, contentType(name), body)
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return err
		case strings.HasPrefix(name, "assets/") || path.Ext(name) != "":
			return echo.NewHTTPError(http.StatusNotFound)
		}
	}
	page, err := fs.ReadFile(fsys, "index.html")
	if err != nil {
		return err
	}
	h.Set("Cache-Control", "no-cache")
	return c.HTMLBlob(http.StatusOK, page)
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".html":
		return "text/html; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".ico":
		return "image/x-icon"
	case ".json", ".webmanifest":
		return "application/json"
	default:
		return "application/octet-stream"
	}
}
