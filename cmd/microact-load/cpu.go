package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// clockTicks is Linux's USER_HZ, the unit of /proc/<pid>/stat's CPU times: 100 on every
// architecture Go supports.
const clockTicks = 100

// processCPU is the CPU time (user + system) a process has used so far, from
// /proc/<pid>/stat; pid 0 is this process.
func processCPU(pid int) (time.Duration, error) {
	path := "/proc/self/stat"
	if pid > 0 {
		path = fmt.Sprintf("/proc/%d/stat", pid)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	// The command name (field 2) is in parentheses and may hold spaces: count from after it.
	s := string(raw)
	end := strings.LastIndexByte(s, ')')
	if end < 0 {
		return 0, fmt.Errorf("%s: no command name", path)
	}
	f := strings.Fields(s[end+1:]) // f[0] is field 3 (state); utime and stime are fields 14, 15
	if len(f) < 13 {
		return 0, fmt.Errorf("%s: too few fields", path)
	}
	var ticks int64
	for _, v := range f[11:13] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", path, err)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / clockTicks, nil
}

// stolenCPU is the CPU time the VM's host has taken from this machine's CPUs so far (the steal
// column of /proc/stat's "cpu" line, summed over the CPUs).
func stolenCPU() (time.Duration, error) {
	raw, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, err
	}
	return parseStolen(string(raw))
}

func parseStolen(stat string) (time.Duration, error) {
	line, _, _ := strings.Cut(stat, "\n")
	f := strings.Fields(line) // cpu user nice system idle iowait irq softirq steal …
	if len(f) < 9 || f[0] != "cpu" {
		return 0, fmt.Errorf("/proc/stat: no steal column in %q", line)
	}
	n, err := strconv.ParseInt(f[8], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("/proc/stat: %w", err)
	}
	return time.Duration(n) * time.Second / clockTicks, nil
}

// cpuUse is the CPU time used by the server, Redis' main thread and the load generator itself.
// Divided by a phase's requests it is what a request costs each of them, a figure a machine
// shared with other work does not inflate the way it does throughput and latency. stolen is
// the CPU time the VM's host took meanwhile (see stealShare); forks, Redis' forks (see
// store.RedisForks). Either is -1 when unknown.
type cpuUse struct {
	server, redis, load, stolen time.Duration
	forks                       int64
}

func (h *harness) cpuNow(ctx context.Context) cpuUse {
	var u cpuUse
	var err error
	if h.o.serverPID > 0 {
		if u.server, err = processCPU(h.o.serverPID); err != nil {
			h.logf("server CPU: %v", err)
		}
	}
	if u.redis, err = h.st.RedisCPU(ctx); err != nil {
		h.logf("Redis CPU: %v", err)
	}
	u.forks = h.forksNow(ctx)
	if u.load, err = processCPU(0); err != nil {
		h.logf("load generator CPU: %v", err)
	}
	if u.stolen, err = stolenCPU(); err != nil {
		u.stolen = -1 // unknown
	}
	return u
}

// forksNow is how many times Redis has forked so far, -1 when it cannot be read.
func (h *harness) forksNow(ctx context.Context) int64 {
	n, err := h.st.RedisForks(ctx)
	if err != nil {
		h.logf("Redis forks: %v", err)
		return -1
	}
	return n
}

func (u cpuUse) minus(v cpuUse) cpuUse {
	d := cpuUse{server: u.server - v.server, redis: u.redis - v.redis, load: u.load - v.load, stolen: u.stolen - v.stolen, forks: u.forks - v.forks}
	if u.stolen < 0 || v.stolen < 0 {
		d.stolen = -1 // unknown, shown as "—"
	}
	if u.forks < 0 || v.forks < 0 {
		d.forks = -1
	}
	return d
}

// stealShare formats the share of the machine's CPU time over elapsed that its host took
// ("—" when unknown): phases with much of it measured a machine that was not all theirs.
func stealShare(stolen, elapsed time.Duration, cpus int) string {
	if stolen < 0 || elapsed <= 0 || cpus <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(stolen)/float64(elapsed)/float64(cpus))
}

// perRequest formats d spread over n requests in microseconds; "—" when nothing was measured.
func perRequest(d time.Duration, n int) string {
	if d <= 0 || n <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f", float64(d)/float64(time.Microsecond)/float64(n))
}
