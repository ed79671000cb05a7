package main

import (
	"context"
	_ "embed"
	"fmt"
	"math/rand/v2"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// essentialOutcome is the floor of a write, a copy of ../shared/bench/essential-outcome.lua:
// what recording an outcome cannot do without (the record, three stats, six board bumps, three
// dashboard counters, the idempotency key) as one script that holds no rule. -floor runs another.
//
//go:embed essential-outcome.lua
var essentialOutcome string

// floorLoop runs the floor script the way the server calls Redis: o.workers clients, each on its
// own connection with one call at a time, for d. Each call records another (person, day), so
// none finds its record done and returns early; the days are long before any real one.
//
// rate 0 runs the clients closed-loop (each calls again when answered); otherwise the calls are
// paced to rate per second in all, as a hot path's phase called Redis. Redis' CPU per call
// depends on how busy it is: a Redis that is idle between calls spends a wake-up (epoll, the
// socket, the scheduler) on nearly every call, where a busy one serves several per wake-up. On
// this VM the floor cost 47–51 µs per call closed-loop (~15,000/s), 62 at 5,000/s, 71 at 2,500/s
// and 75 at 1,000/s (BENCHMARKS.md), so a hot path is also compared with the floor at its rate.
func (h *harness) floorLoop(ctx context.Context, name string, d time.Duration, rate float64) (result, error) {
	src := essentialOutcome
	if h.o.floor != "" {
		raw, err := os.ReadFile(h.o.floor)
		if err != nil {
			return result{}, err
		}
		src = string(raw)
	}
	floor := h.st.Floor(src)
	if err := floor.Call(ctx, "warm", "warm", "1999-12-31", 1, ""); err != nil { // loads the script
		return result{}, err
	}
	rec := newRecorder(name)
	before := h.cpuNow(ctx)
	cmds := h.commandsNow(ctx)
	ctx2, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var n atomic.Int64
	first := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range h.o.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(h.o.seed, uint64(w)))
			for k := 0; ctx2.Err() == nil; k++ {
				if rate > 0 { // this client's k-th call is due at (k·workers + w)/rate
					due := start.Add(time.Duration(float64(k*h.o.workers+w) / rate * float64(time.Second)))
					select {
					case <-time.After(time.Until(due)):
					case <-ctx2.Done():
						return
					}
				}
				i := int(n.Add(1) - 1)
				p := h.people[i%len(h.people)]
				day := first.AddDate(0, 0, i/len(h.people)).Format(time.DateOnly)
				t := time.Now()
				err := floor.Call(ctx2, p.id, p.team, day, 10+rng.IntN(3), "")
				if err != nil && ctx2.Err() != nil {
					return
				}
				failure := ""
				if err != nil {
					failure = err.Error()
				}
				rec.add("floor", time.Since(t), failure)
			}
		}()
	}
	wg.Wait()
	rec.res.elapsed = time.Since(start)
	rec.res.cpu = h.cpuNow(ctx).minus(before)
	h.logf("%-22s %7d calls     %8.0f/s  %d failed", name, rec.res.requests, rec.res.perSecond(), rec.res.failed)
	h.logCommands(ctx, cmds, rec.res.requests)
	if err := floor.Clear(ctx); err != nil {
		return rec.res, fmt.Errorf("floor: %w", err)
	}
	return rec.res, nil
}
