package store

import (
	"testing"
	"time"
)

func TestResumeWaitDoublesUpToAnHour(t *testing.T) {
	for _, c := range []struct {
		failures int
		want     time.Duration
	}{
		{0, 0}, {1, 0}, {2, time.Minute}, {3, 2 * time.Minute}, {4, 4 * time.Minute},
		{7, 32 * time.Minute}, {8, time.Hour}, {9, time.Hour}, {1000, time.Hour},
	} {
		if got := resumeWait(c.failures); got != c.want {
			t.Errorf("resumeWait(%d) = %v, want %v", c.failures, got, c.want)
		}
	}
}

func TestHoldMarkRoundTrips(t *testing.T) {
	for _, m := range []holdMark{
		{end: 1796671369, stamp: "Zk3xQ9", failures: 0},
		{end: 0, stamp: "a", failures: 12},
	} {
		if got := parseMark(m.String()); got != m {
			t.Errorf("parseMark(%q) = %+v, want %+v", m.String(), got, m)
		}
	}
	if got := parseMark(""); got != (holdMark{}) {
		t.Errorf("parseMark(\"\") = %+v, want none", got)
	}
}
