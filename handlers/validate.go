package handlers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// requestValidator checks every /v1 and /console/auth request against the OpenAPI document before a handler
// sees it, so the document stays the source of truth for what a request may hold.
type requestValidator struct {
	router routers.Router

	// passed remembers requests without a body that passed, by method, path and query, on
	// routes whose parameters are all in the path and query: whether such a request conforms
	// depends on nothing else, and checking its query costs a board read a tenth of its time.
	mu     sync.RWMutex
	passed map[string]struct{}
}

// passedSize bounds passed; when it is full it starts again (junk URLs must not grow it).
const passedSize = 10_000

func newRequestValidator(doc []byte) (*requestValidator, error) {
	loader := openapi3.NewLoader()
	spec, err := loader.LoadFromData(doc)
	if err != nil {
		return nil, fmt.Errorf("openapi document: %w", err)
	}
	if err := spec.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi document: %w", err)
	}
	spec.Servers = nil // match paths whatever host serves them
	router, err := legacy.NewRouter(spec)
	if err != nil {
		return nil, fmt.Errorf("openapi router: %w", err)
	}
	// For requests, kin-openapi hands 3.1 documents to a JSON Schema 2020-12 validator that
	// compiles each schema again on every request and reports errors as flat text. Its own
	// validator understands the 3.1 forms this document uses (type arrays with "null"), is
	// fast, and says which field and which rule failed; the document itself was checked as 3.1
	// above.
	spec.OpenAPI = "3.0.3"
	openapi3filter.RegisterBodyDecoder("text/csv", openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder("application/json", textCheckingJSONDecoder(openapi3filter.JSONBodyDecoder))
	return &requestValidator{router: router, passed: map[string]struct{}{}}, nil
}

// documentValidator is the validator of the embedded document, built once per process and
// shared by every Handler: the document never changes, the router is read-only, loading and
// checking the document takes seconds under the race detector (tests build many servers),
// and kin-openapi's body-decoder table written above is global and unsafe to write while
// another server validates a request.
var documentValidator = sync.OnceValues(func() (*requestValidator, error) {
	return newRequestValidator(openAPIDocument)
})

func (v *requestValidator) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !isAPI(c) && !isConsoleAuthRoute(c) {
			return next(c)
		}
		if err := v.validate(c.Request()); err != nil {
			return err
		}
		return next(c)
	}
}

// validate checks one request against the document: nil when it conforms or names no route of
// the document (Echo answers an unknown route or method itself), else a 400, 413 or 422 error.
func (v *requestValidator) validate(req *http.Request) error {
	key := ""
	if req.ContentLength == 0 && len(req.TransferEncoding) == 0 { // no body
		key = req.Method + " " + req.URL.Path + "?" + req.URL.RawQuery
		v.mu.RLock()
		_, ok := v.passed[key]
		v.mu.RUnlock()
		if ok {
			return nil
		}
	}
	route, params, err := v.router.FindRoute(req)
	if err != nil {
		return nil
	}
	err = openapi3filter.ValidateRequest(req.Context(), &openapi3filter.RequestValidationInput{
		Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{
			MultiError:         true,
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, // authenticate did it
		},
	})
	if err != nil {
		return validationError(err)
	}
	if key != "" && onlyPathAndQuery(route) {
		v.mu.Lock()
		if len(v.passed) >= passedSize {
			clear(v.passed)
		}
		v.passed[key] = struct{}{}
		v.mu.Unlock()
	}
	return nil
}

// onlyPathAndQuery reports whether every parameter of a route is in its path or query.
func onlyPathAndQuery(route *routers.Route) bool {
	for _, list := range []openapi3.Parameters{route.PathItem.Parameters, route.Operation.Parameters} {
		for _, p := range list {
			if p.Value == nil || (p.Value.In != openapi3.ParameterInPath && p.Value.In != openapi3.ParameterInQuery) {
				return false
			}
		}
	}
	return true
}

// validationError sorts what the validator found: a body that cannot be read, an unknown
// field or a wrong type is 400; a value out of its range, enum or pattern is 422.
func validationError(err error) error {
	if tooLarge(err) { // the validator reads the body first; a chunked one may be over the limit
		return fromEchoError(echo.ErrStatusRequestEntityTooLarge)
	}
	var (
		fields    []domain.FieldError
		malformed bool
		unknown   bool
		noSuchID  string // the path parameter holding an id that cannot exist
		ours      *domain.Error
	)
	var walk func(error, string)
	walk = func(err error, where string) {
		// Type switches, not errors.As: MultiError's own As would match its first element.
		switch e := err.(type) {
		case openapi3.MultiError:
			for _, inner := range e {
				walk(inner, where)
			}
		case *openapi3filter.RequestError:
			if e.Parameter != nil {
				where = e.Parameter.Name
				if e.Parameter.In == openapi3.ParameterInPath && isServerID(e.Parameter.Schema) {
					noSuchID = e.Parameter.Name
					return
				}
			}
			if e.Err == nil {
				msg := "cannot be read"
				if strings.Contains(e.Reason, "required") {
					msg = "is required"
				}
				fields = append(fields, domain.FieldError{Field: where, Message: msg})
				if e.RequestBody != nil {
					malformed = true // a required body is missing or of the wrong content type
				}
				return
			}
			walk(e.Err, where)
		case *openapi3.SchemaError:
			field := strings.Join(e.JSONPointer(), ".")
			msg := plainMessage(e)
			switch {
			case e.SchemaField == "properties" && strings.HasSuffix(e.Reason, " is unsupported"):
				unknown = true
				name := strings.TrimSuffix(strings.TrimPrefix(e.Reason, "property "), " is unsupported")
				field, msg = joinField(field, strings.Trim(name, `"`)), "unknown field"
			case e.SchemaField == "required":
				msg = "is required" // the pointer names the missing property already
			case e.SchemaField == "type":
				malformed = true
			}
			if field == "" {
				field = where
			}
			fields = append(fields, domain.FieldError{Field: field, Message: msg})
		case *openapi3filter.ParseError:
			if de, ok := errorFromDecoder(e); ok {
				ours = de // a decoder of ours said what is wrong (checkJSONText)
				return
			}
			malformed = true
			if where != "" {
				msg := "cannot be read"
				if typ, ok := strings.CutPrefix(e.Reason, "an invalid "); ok {
					msg = "must be " + article(typ)
				}
				fields = append(fields, domain.FieldError{Field: where, Message: msg})
			}
		default:
			malformed = true
			if where != "" {
				msg := "cannot be read"
				switch {
				case errors.Is(err, openapi3filter.ErrInvalidRequired):
					msg = "is required"
				case errors.Is(err, openapi3filter.ErrInvalidEmptyValue):
					msg = "must not be empty"
				}
				fields = append(fields, domain.FieldError{Field: where, Message: msg})
			}
		}
	}
	walk(err, "")
	switch {
	case noSuchID != "":
		// an id that does not match the grammar names nothing: the answer to any id that is not
		// one of the org's (contract §2), without saying why
		return domain.NotFound(strings.ReplaceAll(strings.TrimSuffix(noSuchID, "_id"), "_", " "))
	case ours != nil:
		return ours
	case unknown:
		return domain.Malformed("unknown_field", "The request has a field this call does not know.", fields...)
	case malformed:
		return domain.Malformed("malformed", "The request could not be read.", fields...)
	}
	return domain.Invalid("invalid", "The request is not valid.", fields...)
}

func joinField(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// isServerID reports whether a parameter's schema is one of the grammars of ids the server
// makes (domain.IDPattern, domain.AssignmentIDPattern), whose values name objects to find
// rather than names a client chooses (a device's id).
func isServerID(schema *openapi3.SchemaRef) bool {
	if schema == nil || schema.Value == nil {
		return false
	}
	p := schema.Value.Pattern
	return p == domain.IDPattern || p == domain.AssignmentIDPattern
}

// plainMessage says what a value failed in words a person reads: a pattern by its
// x-pattern-message (never the regular expression), the other rules by their limits.
func plainMessage(e *openapi3.SchemaError) string {
	s := e.Schema
	if s == nil {
		s = &openapi3.Schema{}
	}
	switch e.SchemaField {
	case "pattern":
		if msg, ok := s.Extensions["x-pattern-message"].(string); ok && msg != "" {
			return msg
		}
		return "is not in the expected form"
	case "enum":
		words := make([]string, len(s.Enum))
		for i, v := range s.Enum {
			words[i] = fmt.Sprint(v)
		}
		return "must be one of " + strings.Join(words, ", ")
	case "minimum":
		if s.Min != nil {
			return "must be at least " + number(*s.Min)
		}
	case "maximum":
		if s.Max != nil {
			return "must be at most " + number(*s.Max)
		}
	case "exclusiveMinimum":
		if s.Min != nil {
			return "must be more than " + number(*s.Min)
		}
	case "exclusiveMaximum":
		if s.Max != nil {
			return "must be less than " + number(*s.Max)
		}
	case "multipleOf":
		if s.MultipleOf != nil {
			return "must be a multiple of " + number(*s.MultipleOf)
		}
	case "minLength":
		if s.MinLength == 1 {
			return "must not be empty"
		}
		return fmt.Sprintf("must be at least %d characters", s.MinLength)
	case "maxLength":
		if s.MaxLength != nil {
			return fmt.Sprintf("must be at most %d characters", *s.MaxLength)
		}
	case "minItems":
		return fmt.Sprintf("must list at least %d", s.MinItems)
	case "maxItems":
		if s.MaxItems != nil {
			return fmt.Sprintf("must list at most %d", *s.MaxItems)
		}
	case "uniqueItems":
		return "must not list anything twice"
	case "format":
		switch s.Format {
		case "date":
			return "must be a day such as 2026-11-23"
		case "date-time":
			return "must be an instant such as 2026-11-23T08:30:00Z"
		case "email":
			return "must be an email address such as name@example.com"
		}
		return "is not in the expected form"
	case "type":
		if t := s.Type; t != nil && len(t.Slice()) > 0 {
			return "must be " + article(t.Slice()[0])
		}
	case "nullable":
		return "must not be null"
	}
	return "is not valid"
}

// number writes a limit of the document as people write numbers (100, not 1e+02).
func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// article names a JSON type with its article: "a string", "an integer".
func article(typ string) string {
	switch typ {
	case "integer", "array", "object":
		return "an " + typ
	case "null":
		return "null"
	}
	return "a " + typ
}
