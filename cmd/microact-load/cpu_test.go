package main

import (
	"os"
	"testing"
	"time"
)

func TestProcessCPU(t *testing.T) {
	before, err := processCPU(0)
	if err != nil {
		t.Fatal(err)
	}
	byPID, err := processCPU(os.Getpid())
	if err != nil || byPID < before {
		t.Fatalf("processCPU(own pid) = %v, %v; want at least %v", byPID, err, before)
	}
	// Work until the kernel has counted at least two ticks more; a counter that never moves
	// fails after far more work than that needs.
	x := uint64(1)
	for i := 0; i < 1<<34; i++ {
		x = x*6364136223846793005 + 1442695040888963407
		if i&(1<<20-1) == 0 {
			if now, _ := processCPU(0); now >= before+2*time.Second/clockTicks {
				return
			}
		}
	}
	t.Fatalf("processCPU did not grow after a long busy loop (%d)", x)
}

func TestProcessCPUOfMissingProcess(t *testing.T) {
	if _, err := processCPU(1 << 30); err == nil {
		t.Fatal("processCPU of a pid that cannot exist: want an error")
	}
}

func TestPerRequest(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		n    int
		want string
	}{
		{3 * time.Millisecond, 10, "300"}, {0, 10, "—"}, {time.Second, 0, "—"}, {-time.Second, 3, "—"},
	} {
		if got := perRequest(c.d, c.n); got != c.want {
			t.Errorf("perRequest(%v, %d) = %q, want %q", c.d, c.n, got, c.want)
		}
	}
}

func TestAssignmentID(t *testing.T) {
	user := "06H0K00JEGGX8HX6SKTK0FK5J8"
	for _, c := range []struct{ body, want string }{
		{`{"gesture":{"id":"06H0JX81P04J3NSX27B5QC3KK8"},"id":"20261123-` + user + `","user":{"id":"` + user + `"}}`, "20261123-" + user},
		{`{"id":"20261124-` + user + `"}`, "20261124-" + user},
		{`{"id" : "odd-spacing"}`, "odd-spacing"}, // not the usual shape: decoded
		{`not json`, ""},
	} {
		if got := assignmentID([]byte(c.body), user); got != c.want {
			t.Errorf("assignmentID(%s) = %q, want %q", c.body, got, c.want)
		}
	}
}
