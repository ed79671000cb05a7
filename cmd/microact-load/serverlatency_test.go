package main

import (
	"strconv"
	"strings"
	"testing"
)

func TestSlowBoundIsTheP99Target(t *testing.T) {
	if want := strconv.FormatFloat(targetP99.Seconds(), 'g', -1, 64); slowBound != want {
		t.Errorf("slowBound %q, want the p99 target %q (a bucket bound of the server's histogram)", slowBound, want)
	}
}

func TestParseServerTimes(t *testing.T) {
	metrics := `# HELP microact_http_request_duration_seconds Time to answer an HTTP request.
# TYPE microact_http_request_duration_seconds histogram
microact_http_request_duration_seconds_bucket{method="GET",route="/v1/me/today",le="0.005"} 90
microact_http_request_duration_seconds_bucket{method="GET",route="/v1/me/today",le="0.01"} 97
microact_http_request_duration_seconds_bucket{method="GET",route="/v1/me/today",le="+Inf"} 100
microact_http_request_duration_seconds_sum{method="GET",route="/v1/me/today"} 0.4
microact_http_request_duration_seconds_count{method="GET",route="/v1/me/today"} 100
microact_http_request_duration_seconds_bucket{method="POST",route="/v1/me/assignments/:id/outcome",le="0.01"} 48
microact_http_request_duration_seconds_bucket{method="POST",route="/v1/me/assignments/:id/outcome",le="+Inf"} 50
microact_http_request_duration_seconds_bucket{method="GET",route="/readyz",le="0.01"} 1000
microact_http_request_duration_seconds_bucket{method="GET",route="/readyz",le="+Inf"} 2000
microact_http_requests_total{method="GET",route="/v1/me/today",status="200"} 100
`
	got, err := parseServerTimes(strings.NewReader(metrics))
	if err != nil {
		t.Fatal(err)
	}
	if want := (serverTimes{total: 150, slow: 5}); got != want {
		t.Errorf("parsed %+v, want %+v: the API routes' requests, /readyz left out", got, want)
	}
	if _, err := parseServerTimes(strings.NewReader(`microact_http_request_duration_seconds_bucket{route="/x",le="+Inf"} many` + "\n")); err == nil {
		t.Error("a count that is not a number was taken")
	}
}
