package push

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzParseRetryAfter checks the one header FCM's answers carry that the worker acts on: any
// value waits between nothing and maxRetryAfter, exactly as long as it says when it is sensible.
func FuzzParseRetryAfter(f *testing.F) {
	now := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	for _, seed := range []string{
		"", "0", "30", " 120 ", "-5", "86400", "86401", "9223372036854775807", "-9223372036854775808", "-9223372037",
		"1e3", "0x10", "+7", now.Add(time.Minute).Format(http.TimeFormat),
		now.Add(-time.Minute).Format(http.TimeFormat), "Monday, 23-Nov-26 08:01:00 GMT", "Mon Nov 23 08:01:00 2026",
		"Sat, 01 Jan 10000 00:00:00 GMT", "soon",
	} {
		f.Add(seed, now.Unix())
	}
	f.Fuzz(func(t *testing.T, v string, unix int64) {
		at := time.Unix(unix%(1<<40), 0).UTC()
		got := parseRetryAfter(v, at)
		var want time.Duration
		trimmed := strings.TrimSpace(v)
		if secs, err := strconv.ParseInt(trimmed, 10, 64); err == nil {
			switch { // seconds compared as seconds, so no product can overflow
			case secs <= 0:
			case secs >= int64(maxRetryAfter/time.Second):
				want = maxRetryAfter
			default:
				want = time.Duration(secs) * time.Second
			}
		} else if when, err := http.ParseTime(trimmed); err == nil {
			want = min(max(when.Sub(at), 0), maxRetryAfter)
		}
		if got != want {
			t.Fatalf("Retry-After %q at %s waits %s, want %s", v, at, got, want)
		}
	})
}
