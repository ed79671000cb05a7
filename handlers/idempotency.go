package handlers

import (
	"bytes"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// idempotent makes POSTs with an Idempotency-Key safe to retry: the first answer (anything but
// a 5xx, which is worth retrying) is kept 24 hours and replayed for the same key and body;
// the same key with another body or route is 422 idempotency_key_reused.
func (s *Server) idempotent(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		key := c.Request().Header.Get("Idempotency-Key")
		// The outcome route keeps its key inside its own script (one Redis round trip).
		if key == "" || c.Request().Method != http.MethodPost || !isAPI(c) || isAuthRoute(c) ||
			strings.HasSuffix(c.Path(), "/outcome") {
			return next(c)
		}
		if err := checkIdempotencyKey(key); err != nil {
			return err
		}
		body, err := io.ReadAll(c.Request().Body)
		if err != nil {
			return fromEchoError(echo.ErrStatusRequestEntityTooLarge)
		}
		c.Request().Body = io.NopCloser(bytes.NewReader(body))
		fingerprint := domain.HashSecret(c.Request().Method + " " + c.Request().URL.Path + "\n" + string(body))

		ctx, p := c.Request().Context(), principal(c)
		first, err := s.Idempotency.BeginIdempotent(ctx, p.Org, p.UserID, key, fingerprint)
		if err != nil {
			return err
		}
		if first != nil {
			c.Response().Header().Set("Idempotent-Replayed", "true")
			if len(first.Body) == 0 {
				return c.NoContent(first.Status)
			}
			return c.Blob(first.Status, first.ContentType, first.Body)
		}

		rec := &recorder{ResponseWriter: c.Response().Writer}
		c.Response().Writer = rec
		err = next(c)
		if err != nil {
			c.Error(err) // write the problem now, so it is recorded like any answer
		}
		status := c.Response().Status
		if status >= 500 || !c.Response().Committed {
			if rerr := s.Idempotency.ReleaseIdempotent(ctx, p.Org, p.UserID, key); rerr != nil {
				s.Log.Warn("releasing an idempotency key", "err", rerr)
			}
			return nil
		}
		stored := domain.StoredResponse{Fingerprint: fingerprint, Status: status,
			ContentType: c.Response().Header().Get(echo.HeaderContentType), Body: rec.body.Bytes()}
		if ferr := s.Idempotency.FinishIdempotent(ctx, p.Org, p.UserID, key, stored); ferr != nil {
			// The answer stands; a retry with this key will redo the work after the reservation expires.
			s.Log.Warn("storing an idempotent answer", "err", ferr)
		}
		return nil
	}
}

// recorder keeps a copy of what a handler writes.
type recorder struct {
	http.ResponseWriter
	body bytes.Buffer
}

func (r *recorder) Write(b []byte) (int, error) {
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}

// maxIdempotencyKey is the longest Idempotency-Key the document allows.
const maxIdempotencyKey = 200

// checkIdempotencyKey applies the document's rule for the header (1 to 200 printable ASCII
// characters, no spaces) on every POST this middleware serves: the validator checks it only
// on the operations that list the header, and the others would otherwise keep any key.
func checkIdempotencyKey(key string) error {
	ok := len(key) >= 1 && len(key) <= maxIdempotencyKey
	for i := 0; ok && i < len(key); i++ {
		ok = key[i] >= 0x21 && key[i] <= 0x7e
	}
	if !ok {
		return domain.InvalidField("Idempotency-Key", "must be 1 to 200 printable ASCII characters without spaces")
	}
	return nil
}
