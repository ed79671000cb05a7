package main

import (
	"strings"
	"testing"
	"time"
)

// Each phase is judged against the floors measured next to it: the one just before it and the
// one just before the next phase (after the last, the closing floor).
func TestAdjacentFloor(t *testing.T) {
	per := func(n int) result { return result{requests: n, elapsed: time.Second} }
	r := &report{floors: []result{per(100), per(300)}, floorAfter: per(1000)}
	for i, want := range []float64{200, 650, 0} {
		if got := r.adjacentFloor(i); got != want {
			t.Errorf("adjacentFloor(%d) = %v, want %v", i, got, want)
		}
	}
}

// Each hot path's Redis CPU per request is shown as a ratio to the floor's, and to the floor's at
// the hot path's own rate where that was measured, each judged on its target.
func TestFloorRatios(t *testing.T) {
	phase := func(name string, n int, redis time.Duration) result {
		return result{name: name, requests: n, elapsed: time.Second, cpu: cpuUse{redis: redis, server: 2 * redis}}
	}
	r := &report{
		floor: phase("floor", 1000, 100*time.Millisecond), // 100 µs a call
		first: phase("today (first read)", 100, 9*time.Millisecond),
		phases: []result{
			phase("POST outcome", 100, 16*time.Millisecond),
			phase("POST swap", 100, 10*time.Millisecond),
			phase("GET team board", 100, 2*time.Millisecond),
		},
		floorAt: map[string]result{
			"POST outcome": phase("floor at the rate of POST outcome", 100, 12*time.Millisecond), // 120 µs a call
			"POST swap":    phase("floor at the rate of POST swap", 100, 8*time.Millisecond),
		},
	}
	b := &strings.Builder{}
	r.writeFloor(b)
	for _, want := range []string{
		"**100 µs of Redis main-thread CPU per call**",
		"| POST outcome | 100 | 160 | 1.60× | ≤ 1.5× ✗ | 120 (100/s) | 1.33× ✓ | 320 |",
		"| POST swap | 100 | 100 | 1.00× | ≤ 1.0× ✓ | 80 (100/s) | 1.25× ✗ | 200 |",
		"| today (first read) | 100 | 90 | 0.90× | ≤ 1.0× ✓ | — | — | 180 |",
		"| GET team board | 100 | 20 | 0.20× | — | — | — | 40 |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b)
		}
	}
}

func TestNoFloorNoTable(t *testing.T) {
	b := &strings.Builder{}
	(&report{}).writeFloor(b)
	if b.Len() != 0 {
		t.Errorf("a run without a floor wrote %q", b)
	}
}

// A run during which Redis forked names the runs it forked in; one without a fork says nothing.
func TestForkedRunsAreNamed(t *testing.T) {
	phase := func(name string, forks int64) result {
		return result{name: name, requests: 100, elapsed: time.Second, cpu: cpuUse{redis: time.Millisecond, forks: forks}}
	}
	for _, forks := range []int64{0, 1} {
		r := &report{
			first:  phase("today (first read)", -1), // unknown: no fork named
			phases: []result{phase("POST outcome", forks), phase("POST swap", 0)},
			mixed:  phase("mixed", 0),
		}
		b := &strings.Builder{}
		if err := r.write(b); err != nil {
			t.Fatal(err)
		}
		noted := strings.Contains(b.String(), "**Redis forked** (an AOF rewrite or RDB save) during: POST outcome.")
		if noted != (forks > 0) {
			t.Errorf("with %d forks in POST outcome the report says so: %v\n%s", forks, noted, b)
		}
	}
	r := &report{seedingForks: 1}
	b := &strings.Builder{}
	if err := r.write(b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "during: seeding.") {
		t.Errorf("a fork while seeding is not named:\n%s", b)
	}
}

// A count of forks that could not be read is unknown, not a fork, after subtracting.
func TestUnknownForksAreNoFork(t *testing.T) {
	for _, c := range []struct{ now, before int64 }{{-1, 3}, {3, -1}} {
		if d := (cpuUse{forks: c.now}).minus(cpuUse{forks: c.before}); d.forks != -1 {
			t.Errorf("%d forks minus %d = %d, want -1 (unknown)", c.now, c.before, d.forks)
		}
	}
}
