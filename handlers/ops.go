package handlers

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// OpsHandler serves only /healthz, /readyz and /metrics, for a replica that runs the workers
// without the API: orchestrators still probe it, and its push and reminder metrics, which no
// other replica has, still reach Prometheus. Every other path is 404.
func OpsHandler(ping func(context.Context) error, metrics *Metrics, log *slog.Logger) *echo.Echo {
	s := &Server{Ping: ping, Metrics: metrics, Log: log}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.errorHandler
	e.Use(s.Metrics.middleware, s.recoverer, securityHeaders)
	e.GET("/healthz", s.GetHealth)
	e.GET("/readyz", s.GetReady)
	e.GET("/metrics", s.GetMetrics)
	return e
}

// GetHealth answers while the process is up.
func (s *Server) GetHealth(c echo.Context) error {
	return c.JSON(http.StatusOK, Health{Status: HealthStatusOk})
}

// GetReady answers 200 while Redis answers, 503 otherwise.
func (s *Server) GetReady(c echo.Context) error {
	if err := s.Ping(c.Request().Context()); err != nil {
		return domain.Unavailable(err)
	}
	return c.JSON(http.StatusOK, Health{Status: HealthStatusOk})
}

// GetMetrics serves Prometheus metrics.
func (s *Server) GetMetrics(c echo.Context) error {
	s.Metrics.handler.ServeHTTP(c.Response(), c.Request())
	return nil
}

// GetOpenAPI serves the OpenAPI document the API is generated from.
func (s *Server) GetOpenAPI(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", publicDocument)
	return c.Blob(http.StatusOK, "application/yaml", openAPIDocument)
}

// GetDocs serves the rendered API reference (self-contained; it loads nothing from elsewhere).
func (s *Server) GetDocs(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", publicDocument)
	return c.HTMLBlob(http.StatusOK, docsPage)
}

// GetJWKS publishes the public keys that verify access tokens.
func (s *Server) GetJWKS(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", publicDocument)
	return c.JSON(http.StatusOK, s.Tokens.JWKS())
}
