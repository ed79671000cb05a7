// Package apitest is the one HTTP client of the API tests: the handlers' tests against the
// router, cmd/microact's against a running `microact serve`, and the fault tests' phones.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

// Response is one HTTP answer and how long it took.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	Took   time.Duration
}

// Send makes one request with client (http.DefaultClient when nil) and reads the whole answer;
// the error is a transport failure (refused, reset, timeout). body may be nil, a string or
// []byte (sent as is) or any other value (sent as JSON); a body is sent as application/json
// unless headers name another Content-Type. headers are pairs of name and value; "Host" sets
// the Host the client names, as a proxy would pass it on.
func Send(ctx context.Context, client *http.Client, method, url, token string, body any, headers ...string) (Response, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			return Response{}, err
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return Response{}, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i] == "Host" {
			req.Host = headers[i+1]
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	if client == nil {
		client = http.DefaultClient
	}
	start := time.Now()
	res, err := client.Do(req)
	if err != nil {
		return Response{Took: time.Since(start)}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return Response{Status: res.StatusCode, Header: res.Header, Body: b, Took: time.Since(start)}, err
}
