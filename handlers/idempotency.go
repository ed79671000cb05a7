package handlers

import (
	"bytes"
	"context"
	"encoding/json"
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
		// The outcome and swap routes keep their key inside their own script (one Redis round trip).
		if key == "" || c.Request().Method != http.MethodPost || !isAPI(c) || isAuthRoute(c) ||
			strings.HasSuffix(c.Path(), "/outcome") || strings.HasSuffix(c.Path(), "/swap") {
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
		// The query is part of the request: an import's dry run and the import itself differ only there.
		fingerprint := domain.HashSecret(c.Request().Method + " " + c.Request().URL.Path + "?" + c.Request().URL.RawQuery + "\n" + string(body))

		ctx, p := c.Request().Context(), principal(c)
		req := &domain.IdempotentRequest{Org: p.Org, UserID: p.UserID, Key: key, Fingerprint: fingerprint}
		first, err := s.Idempotency.BeginIdempotent(ctx, req)
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

		// The handlers that create (respondAfter) hand their answer to the store write doing
		// the work, which keeps it in the same atomic step: after that write, a crash of this
		// process can no longer make a retry do the work again.
		c.SetRequest(c.Request().WithContext(domain.WithIdempotentRequest(ctx, req)))
		rec := &recorder{ResponseWriter: c.Response().Writer}
		c.Response().Writer = rec
		err = next(c)
		if err != nil {
			c.Error(err) // write the problem now, so it is recorded like any answer
		}
		status := c.Response().Status
		if status >= 500 || !c.Response().Committed {
			// forgets only this request's reservation: an answer the work's write stored stays
			if rerr := s.Idempotency.ReleaseIdempotent(ctx, req); rerr != nil {
				s.Log.Warn("releasing an idempotency key", "err", rerr)
			}
			return nil
		}
		if req.Stored() {
			return nil
		}
		stored := domain.StoredResponse{Fingerprint: fingerprint, Status: status,
			ContentType: c.Response().Header().Get(echo.HeaderContentType), Body: rec.body.Bytes()}
		if ferr := s.Idempotency.FinishIdempotent(ctx, req, stored); ferr != nil {
			// The answer stands; a retry with this key will redo the work after the reservation expires.
			s.Log.Warn("storing an idempotent answer", "err", ferr)
		}
		return nil
	}
}

// respondAfter answers out with status once work has succeeded. For a request sent with an
// Idempotency-Key the answer is handed to the store first, so that work's write stores it
// with the work (see domain.IdempotentRequest); out must therefore be rendered before work,
// from the object work stores. work must make exactly one store write that uses the write
// builder (store's write.run), the one that does the request's work.
func respondAfter(c echo.Context, status int, out any, work func(ctx context.Context) error) error {
	body, err := json.Marshal(out)
	if err != nil {
		return domain.Internal("encode answer", err)
	}
	ctx := c.Request().Context()
	if req := domain.IdempotentRequestOf(ctx); req != nil {
		req.SetAnswer(domain.StoredResponse{Status: status, ContentType: echo.MIMEApplicationJSON, Body: body})
	}
	if err := work(ctx); err != nil {
		return err
	}
	return c.JSONBlob(status, body)
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
