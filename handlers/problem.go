package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"math/big"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// statusOf is the one table from error kinds to HTTP statuses.
var statusOf = map[domain.Kind]int{
	domain.KindInternal:         http.StatusInternalServerError,
	domain.KindMalformed:        http.StatusBadRequest,
	domain.KindUnauthorized:     http.StatusUnauthorized,
	domain.KindForbidden:        http.StatusForbidden,
	domain.KindNotFound:         http.StatusNotFound,
	domain.KindConflict:         http.StatusConflict,
	domain.KindTooLarge:         http.StatusRequestEntityTooLarge,
	domain.KindInvalid:          http.StatusUnprocessableEntity,
	domain.KindRateLimited:      http.StatusTooManyRequests,
	domain.KindUnavailable:      http.StatusServiceUnavailable,
	domain.KindMethodNotAllowed: http.StatusMethodNotAllowed,
}

// fromEchoError turns Echo's own errors (no route, body limit, a bad path or query parameter
// the generated wrapper could not bind) into domain errors.
func fromEchoError(he *echo.HTTPError) *domain.Error {
	switch he.Code {
	case http.StatusNotFound:
		return domain.NotFound("resource")
	case http.StatusMethodNotAllowed:
		return errMethodNotAllowed
	case http.StatusRequestEntityTooLarge:
		return &domain.Error{Kind: domain.KindTooLarge, Code: "body_too_large", Message: "The request body is larger than 64 KiB."}
	case http.StatusUnauthorized:
		return errNoToken
	case http.StatusBadRequest:
		msg, _ := he.Message.(string)
		return domain.Malformed("malformed", "The request could not be read: "+msg)
	}
	return domain.Internal("echo", he)
}

// errorHandler writes every error as RFC 9457 problem+json. Internal errors are logged once,
// with the route, and reach the client only as a generic message.
func (s *Server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	var de *domain.Error
	var he *echo.HTTPError
	switch {
	case errors.As(err, &de):
	case errors.As(err, &he):
		de = fromEchoError(he)
	default:
		de = domain.AsError(err)
	}
	status := statusOf[de.Kind]
	switch de.Kind {
	case domain.KindInternal:
		s.Log.Error("internal error", "route", c.Request().Method+" "+c.Path(), "err", err)
	case domain.KindUnavailable:
		s.Log.Warn("dependency unavailable", "route", c.Request().Method+" "+c.Path(), "err", err)
	}
	if de.RetryAfter > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(de.RetryAfter.Seconds()))))
	}
	if isFeedbackPage(c) && de.Kind != domain.KindMethodNotAllowed { // customers get a page, in their language
		feedbackProblem(c, status, de)
		return
	}
	p := Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: de.Message, Code: de.Code, MergedInto: de.MergedInto}
	for _, f := range de.Fields {
		p.Errors = append(p.Errors, ProblemFieldError{Field: f.Field, Message: f.Message})
	}
	body, _ := json.Marshal(p)
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	if c.Request().Method == http.MethodHead {
		c.Response().WriteHeader(status)
		return
	}
	_ = c.Blob(status, "application/problem+json", body)
}

// bind decodes a JSON body into v. Unknown fields, a wrong type, trailing data: 400.
func bind(c echo.Context, v any) error {
	body, err := readBody(c)
	if err != nil {
		return err
	}
	return decodeJSON(body, v)
}

// readBody reads a JSON request body (within the body limit).
func readBody(c echo.Context) ([]byte, error) {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	if !strings.HasPrefix(ct, echo.MIMEApplicationJSON) {
		return nil, domain.Malformed("malformed", "The body must be JSON (Content-Type: application/json).")
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		if tooLarge(err) {
			return nil, fromEchoError(echo.ErrStatusRequestEntityTooLarge)
		}
		return nil, domain.Malformed("malformed", "The body could not be read.")
	}
	return body, nil
}

// tooLarge reports whether reading a body failed at the body limit. Echo's BodyLimit answers a
// declared Content-Length over the limit itself; a body sent without one (chunked) fails while
// it is read, with Echo's 413 error (http.MaxBytesReader's error, should it be used, too).
func tooLarge(err error) bool {
	var maxErr *http.MaxBytesError
	var he *echo.HTTPError
	return errors.As(err, &maxErr) || (errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge)
}

// decodeJSON decodes one JSON value strictly into v. An integer may be written with a fraction
// or an exponent (1.0, 1e2), as JSON Schema and so the document allow: when a number did not fit
// an integer field, the body is read again with every integral number written as an integer.
func decodeJSON(body []byte, v any) error {
	err := decodeStrict(body, v)
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && strings.HasPrefix(typeErr.Value, "number ") {
		if again, ok := integralNumbers(body); ok {
			err = decodeStrict(again, v)
		}
	}
	if err != nil {
		return decodeError(err)
	}
	return nil
}

var errMoreValues = errors.New("more than one JSON value")

func decodeStrict(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errMoreValues
	}
	return nil
}

// integralNumbers answers body with each number that is an integer written with a fraction or
// an exponent written as that integer (ok false when there is none, or body is not one JSON
// value). Object keys repeated in body keep their last value, as the strict decode does.
func integralNumbers(body []byte) ([]byte, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if dec.Decode(&doc) != nil || dec.More() {
		return nil, false
	}
	changed := false
	var walk func(x any) any
	walk = func(x any) any {
		switch x := x.(type) {
		case map[string]any:
			for k, e := range x {
				x[k] = walk(e)
			}
		case []any:
			for i, e := range x {
				x[i] = walk(e)
			}
		case json.Number:
			if n, ok := integral(string(x)); ok {
				changed = true
				return json.Number(n)
			}
		}
		return x
	}
	doc = walk(doc)
	if !changed {
		return nil, false
	}
	out, err := json.Marshal(doc)
	return out, err == nil
}

// integral answers the integer a JSON number with a fraction or an exponent is exactly, if it is
// one. Exponents beyond ±40 are left alone: no field holds such an integer, and 1e999999 must
// not make a number a million digits long.
func integral(num string) (string, bool) {
	if !strings.ContainsAny(num, ".eE") {
		return "", false
	}
	if i := strings.IndexAny(num, "eE"); i >= 0 {
		exp, err := strconv.Atoi(strings.TrimPrefix(num[i+1:], "+"))
		if err != nil || exp > 40 || exp < -40 {
			return "", false
		}
	}
	r, ok := new(big.Rat).SetString(num)
	if !ok || !r.IsInt() {
		return "", false
	}
	return r.Num().String(), true
}

func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var timeErr *time.ParseError
	switch {
	case errors.As(err, &timeErr):
		// The document checked the shape of dates and instants; a day like 2026-02-30 has the
		// shape but does not exist: well-formed but invalid. encoding/json does not say which
		// field held it.
		return domain.Invalid("invalid", "The date or time "+strconv.Quote(timeErr.Value)+" is not valid.")
	case errors.As(err, &typeErr):
		field := typeErr.Field
		return domain.Malformed("malformed", "A field has the wrong type.",
			domain.FieldError{Field: field, Message: "must be " + typeErr.Type.String()})
	case errors.Is(err, errMoreValues):
		return domain.Malformed("malformed", "The body must hold one JSON value.")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return domain.Malformed("unknown_field", "The body has a field this call does not know.",
			domain.FieldError{Field: field, Message: "unknown field"})
	}
	return domain.Malformed("malformed", "The body is not valid JSON.")
}
