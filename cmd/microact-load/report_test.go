package main

import (
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
