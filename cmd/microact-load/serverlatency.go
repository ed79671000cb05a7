package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// slowBound is the bucket bound (seconds) of the server's request histogram that the mixed
// phase's p99 target is: its share of requests over it, as the server timed them, tells a
// tail inside the server from one outside it (the kernel, the connection, the load generator
// waiting for a core).
const slowBound = "0.01"

// serverTimes counts the API requests the server has answered and how many of them it took
// longer than slowBound to answer, from its Prometheus histogram
// (microact_http_request_duration_seconds, every route but /metrics, /readyz and /healthz).
type serverTimes struct{ total, slow int64 }

func (h *harness) serverTimesNow(ctx context.Context) (serverTimes, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", h.o.url+"/metrics", nil)
	if err != nil {
		return serverTimes{}, err
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return serverTimes{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return serverTimes{}, fmt.Errorf("GET /metrics: status %d", resp.StatusCode)
	}
	return parseServerTimes(resp.Body)
}

// parseServerTimes reads the histogram's bucket lines: le="+Inf" counts every request,
// le=slowBound those answered within it.
func parseServerTimes(r io.Reader) (serverTimes, error) {
	var t serverTimes
	var fast int64
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		labels, ok := strings.CutPrefix(line, "microact_http_request_duration_seconds_bucket{")
		if !ok {
			continue
		}
		end := strings.LastIndexByte(labels, '}')
		if end < 0 {
			continue
		}
		set, value := labels[:end], strings.TrimSpace(labels[end+1:])
		if strings.Contains(set, `route="/metrics"`) || strings.Contains(set, `route="/readyz"`) || strings.Contains(set, `route="/healthz"`) {
			continue
		}
		n, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return t, fmt.Errorf("metrics line %q: %w", line, err)
		}
		switch {
		case strings.Contains(set, `le="+Inf"`):
			t.total += int64(n)
		case strings.Contains(set, `le="`+slowBound+`"`):
			fast += int64(n)
		}
	}
	t.slow = t.total - fast
	return t, sc.Err()
}

func (t serverTimes) minus(u serverTimes) serverTimes {
	return serverTimes{total: t.total - u.total, slow: t.slow - u.slow}
}
