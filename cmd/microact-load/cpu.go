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

// cpuUse is the CPU time used by the server, Redis' main thread and the load generator itself.
// Divided by a phase's requests it is what a request costs each of them, a figure a machine
// shared with other work does not inflate the way it does throughput and latency.
type cpuUse struct{ server, redis, load time.Duration }

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
	if u.load, err = processCPU(0); err != nil {
		h.logf("load generator CPU: %v", err)
	}
	return u
}

func (u cpuUse) minus(v cpuUse) cpuUse {
	return cpuUse{server: u.server - v.server, redis: u.redis - v.redis, load: u.load - v.load}
}

// perRequest formats d spread over n requests in microseconds; "—" when nothing was measured.
func perRequest(d time.Duration, n int) string {
	if d <= 0 || n <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f", float64(d)/float64(time.Microsecond)/float64(n))
}
