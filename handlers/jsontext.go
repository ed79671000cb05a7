package handlers

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/microact/microact/domain"
)

// errNotUnicode refuses a JSON body that encoding/json would read with U+FFFD in place of what
// was sent: bytes that are not UTF-8, or an escaped half of a UTF-16 surrogate pair without
// its other half (\ud800). Storing the replacement would keep a character nobody typed.
var errNotUnicode = domain.Malformed("malformed", "The body is not valid UTF-8 text: it holds bytes that are not UTF-8, "+
	`or a \u escape of half a surrogate pair (\ud800) without the other half.`)

// checkJSONText answers errNotUnicode for a body that is not UTF-8 or escapes a lone surrogate.
// Escapes are read as JSON reads them (\\u is a backslash and a u); a malformed escape is left
// for the JSON decoder to refuse.
func checkJSONText(body []byte) error {
	if !utf8.Valid(body) {
		return errNotUnicode
	}
	for i := 0; i < len(body); i++ {
		if body[i] != '\\' {
			continue
		}
		r, ok := rune(0), false
		if i+1 < len(body) && body[i+1] == 'u' {
			r, ok = hex4(body[i+2:])
		}
		if !ok {
			i++ // past the escaped character
			continue
		}
		switch {
		case r >= 0xdc00 && r <= 0xdfff:
			return errNotUnicode
		case r >= 0xd800 && r <= 0xdbff:
			low := body[i+6:]
			if len(low) < 2 || low[0] != '\\' || low[1] != 'u' {
				return errNotUnicode
			}
			if r, ok := hex4(low[2:]); !ok || r < 0xdc00 || r > 0xdfff {
				return errNotUnicode
			}
			i += 6 // past the high half
		}
		i += 5 // to the escape's last digit
	}
	return nil
}

// hex4 reads the four hex digits of a \u escape.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// textCheckingJSONDecoder is kin-openapi's JSON body decoder behind checkJSONText. Every JSON
// body of a /v1 route is decoded by the request validator before any handler reads it, so
// this is the one place bodies are checked.
func textCheckingJSONDecoder(decode openapi3filter.BodyDecoder) openapi3filter.BodyDecoder {
	return func(body io.Reader, h http.Header, schema *openapi3.SchemaRef, enc openapi3filter.EncodingFn) (any, error) {
		data, err := io.ReadAll(body)
		if err != nil {
			return nil, &openapi3filter.ParseError{Kind: openapi3filter.KindInvalidFormat, Cause: err}
		}
		if err := checkJSONText(data); err != nil {
			return nil, &openapi3filter.ParseError{Kind: openapi3filter.KindInvalidFormat, Cause: err}
		}
		return decode(bytes.NewReader(data), h, schema, enc)
	}
}

// errorFromDecoder is the domain error a body decoder of ours gave as its cause, if any.
func errorFromDecoder(e *openapi3filter.ParseError) (*domain.Error, bool) {
	var de *domain.Error
	return de, errors.As(e.Cause, &de)
}
