// Package domain holds microact's types, rules and the interfaces its adapters implement.
// It imports only the standard library, and golang.org/x/text and golang.org/x/net/idna for
// the Unicode rules of email addresses.
package domain

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error; the HTTP layer maps each kind to one status.
type Kind int

const (
	KindInternal         Kind = iota // a bug; details never reach a client
	KindMalformed                    // the request cannot be read (bad JSON, unknown field, wrong type)
	KindUnauthorized                 // no or bad credentials
	KindForbidden                    // authenticated but not allowed
	KindNotFound                     // absent, or belongs to another org
	KindConflict                     // conflicts with the current state
	KindTooLarge                     // body over the limit
	KindInvalid                      // well-formed but invalid
	KindRateLimited                  // too many requests
	KindUnavailable                  // a dependency (Redis) is unavailable
	KindMethodNotAllowed             // the resource exists but does not take this method
)

// FieldError names one invalid field of a request.
type FieldError struct {
	Field   string
	Message string
}

// Error is microact's error value. Code is the stable machine-readable string of the contract.
type Error struct {
	Kind       Kind
	Code       string
	Message    string
	Fields     []FieldError
	RetryAfter time.Duration // for KindRateLimited and KindUnavailable
	MergedInto string        // for barrier_merged: the barrier that took its place
	Err        error         // the cause, logged but never shown
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// AsError returns err's *Error, or an internal error wrapping it.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Kind: KindInternal, Code: "internal", Message: "An internal error occurred.", Err: err}
}

// ErrorCode returns the stable code of err ("" for nil).
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	return AsError(err).Code
}

// ErrorKind returns the kind of err.
func ErrorKind(err error) Kind { return AsError(err).Kind }

// Invalid reports a well-formed but invalid request; fields say which parts.
func Invalid(code, message string, fields ...FieldError) *Error {
	return &Error{Kind: KindInvalid, Code: code, Message: message, Fields: fields}
}

// InvalidField is Invalid with code "invalid" for a single field.
func InvalidField(field, message string) *Error {
	return Invalid("invalid", "The request is not valid.", FieldError{Field: field, Message: message})
}

// Malformed reports a request that cannot be read.
func Malformed(code, message string, fields ...FieldError) *Error {
	return &Error{Kind: KindMalformed, Code: code, Message: message, Fields: fields}
}

// NotFound reports an absent object; what names it for the message ("team").
func NotFound(what string) *Error {
	return &Error{Kind: KindNotFound, Code: "not_found", Message: "The " + what + " was not found."}
}

// Conflict reports a request that conflicts with the current state.
func Conflict(code, message string) *Error {
	return &Error{Kind: KindConflict, Code: code, Message: message}
}

// Unauthorized reports missing or bad credentials.
func Unauthorized(code, message string) *Error {
	return &Error{Kind: KindUnauthorized, Code: code, Message: message}
}

// Forbidden reports a caller without the right to do this.
func Forbidden(message string) *Error {
	return &Error{Kind: KindForbidden, Code: "forbidden", Message: message}
}

// RateLimited reports too many requests; retry after the given time.
func RateLimited(retryAfter time.Duration) *Error {
	return &Error{Kind: KindRateLimited, Code: "rate_limited", Message: "Too many requests; try again later.", RetryAfter: retryAfter}
}

// Unavailable reports that a dependency cannot be reached.
func Unavailable(cause error) *Error {
	return &Error{Kind: KindUnavailable, Code: "unavailable", Message: "The service is temporarily unavailable; try again shortly.", RetryAfter: 2 * time.Second, Err: cause}
}

// Internal wraps an unexpected failure of the named operation.
func Internal(op string, cause error) *Error {
	return &Error{Kind: KindInternal, Code: "internal", Message: "An internal error occurred.", Err: fmt.Errorf("%s: %w", op, cause)}
}
