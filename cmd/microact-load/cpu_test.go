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

func TestStolenCPU(t *testing.T) {
	got, err := parseStolen("cpu  320302 0 78518 577869 48346 0 17413 37405 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n")
	if err != nil || got != 374050*time.Millisecond {
		t.Fatalf("parseStolen = %v, %v; want 374.05 s", got, err)
	}
	for _, bad := range []string{"", "intr 1 2 3", "cpu 1 2 3", "cpu 1 2 3 4 5 6 7 x 0"} {
		if _, err := parseStolen(bad); err == nil {
			t.Errorf("parseStolen(%q): want an error", bad)
		}
	}
	if _, err := stolenCPU(); err != nil {
		t.Fatalf("stolenCPU on this machine: %v", err)
	}
	known, unknown := cpuUse{stolen: 5 * time.Second}, cpuUse{stolen: -1}
	if d := known.minus(cpuUse{stolen: 2 * time.Second}); d.stolen != 3*time.Second {
		t.Errorf("a known difference: %v", d.stolen)
	}
	for _, d := range []cpuUse{known.minus(unknown), unknown.minus(known)} {
		if stealShare(d.stolen, time.Second, 2) != "—" {
			t.Errorf("a difference with an unknown reading shows as %q, want —", stealShare(d.stolen, time.Second, 2))
		}
	}
	if got := stealShare(time.Second, 2*time.Second, 2); got != "25%" {
		t.Errorf("stealShare(1 s over 2 s on 2 CPUs) = %q, want 25%%", got)
	}
}

// -cpuprofile writes a profile pprof reads: a gzip stream, ended when stop is called.
func TestStartCPUProfile(t *testing.T) {
	file := t.TempDir() + "/cpu.pb"
	stop, err := startCPUProfile(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := startCPUProfile(t.TempDir() + "/second.pb"); err == nil {
		t.Fatal("a second profile started while the first runs")
	}
	stop()
	data, err := os.ReadFile(file)
	if err != nil || len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		t.Fatalf("profile file: %d bytes, %v; want a gzip stream", len(data), err)
	}
	if _, err := startCPUProfile(t.TempDir() + "/no/such/dir.pb"); err == nil {
		t.Fatal("a profile into a missing directory started")
	}
}
