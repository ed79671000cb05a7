package main

import (
	"context"
	"math/rand/v2"
	"os"
	"runtime/pprof"
	"slices"
	"sync/atomic"
	"time"

	"github.com/microact/microact/cmd/internal/seed"
	"github.com/microact/microact/domain"
)

// swapsPerDay is the load org's setting (the most an org may allow), so that a tenth of the
// people can carry the swap phase.
const swapsPerDay = 10

// report is everything one run measured.
type report struct {
	o                     options
	started               time.Time
	seedTook, historyTook time.Duration
	outcomesSeeded        int
	memBase, memUsers     int64
	memHistory            int64
	seedingForks          int64 // Redis' forks while the org and its history were written (-1 unknown)
	first                 result
	floor                 result // the floor of a write (see floorLoop)
	// floorAt is the floor of a write paced to each hot path's rate, by the hot path's name
	floorAt                 map[string]result
	floorBefore, floorAfter result
	phases                  []result
	// floors[i] is a short GET /readyz phase just before phases[i] (floorAfter follows the
	// last): the floor of each phase's own minute, for a VM whose speed drifts within a run
	floors      []result
	mixed       result
	mixedServer *serverTimes // as the server timed the mixed phase; nil if unread
	feedback    feedbackMemory
}

// feedbackMemory is Redis' used memory and the answers counted around the answer phase.
type feedbackMemory struct {
	memBefore, memAfter int64
	countedBefore       int
	counted             int
}

func (m *feedbackMemory) start(ctx context.Context, h *harness) (err error) {
	if m.memBefore, err = h.st.UsedMemory(ctx); err != nil {
		return err
	}
	m.countedBefore, err = h.answersCounted(ctx)
	return err
}

func (m *feedbackMemory) end(ctx context.Context, h *harness) (err error) {
	if m.memAfter, err = h.st.UsedMemory(ctx); err != nil {
		return err
	}
	n, err := h.answersCounted(ctx)
	m.counted = n - m.countedBefore
	return err
}

func (h *harness) run(ctx context.Context) (*report, error) {
	rep := &report{o: h.o, started: time.Now()}
	if err := h.st.DeleteOrgData(ctx, h.o.org); err != nil {
		return nil, err
	}
	var err error
	if rep.memBase, err = h.st.UsedMemory(ctx); err != nil {
		return nil, err
	}
	forks := h.forksNow(ctx)

	h.logf("seeding %d users in %d teams into org %q", h.o.users, h.o.teams, h.o.org)
	t := time.Now()
	org, users, err := h.seedOrg(ctx)
	if err != nil {
		return nil, err
	}
	h.swappers = max(1, len(h.people)/10)
	h.outcomeEnd = len(h.people) * 6 / 10
	h.logf("enrolling every user over HTTP and registering a phone")
	if err := h.enrollAll(ctx); err != nil {
		return nil, err
	}
	rep.seedTook = time.Since(t)
	if rep.memUsers, err = h.st.UsedMemory(ctx); err != nil {
		return nil, err
	}

	h.logf("simulating %d days of history", h.o.days)
	t = time.Now()
	rep.outcomesSeeded, err = seed.History{Store: h.st, Org: org, Days: h.o.days, Seed: h.o.seed, Workers: 16}.Run(ctx, users, time.Now())
	if err != nil {
		return nil, err
	}
	rep.historyTook = time.Since(t)
	if rep.memHistory, err = h.st.UsedMemory(ctx); err != nil {
		return nil, err
	}
	// The history was written by the store, behind the server's back: the copy of each user's
	// stats the server kept when they enrolled shows none of it, and one outcome in five of the
	// phase found its copy out of date and was written twice (the script found the state
	// moved). Every phone opens the app's profile once, as after a day of use through the
	// server, so the server's copies are of the state the phases start from.
	h.logf("reading every user's profile over HTTP")
	if err := h.openProfiles(ctx); err != nil {
		return nil, err
	}
	// No AOF rewrite is had here: a fork makes all of Redis' memory copy-on-write, and the
	// phase after it paid a page fault on every key it wrote first (~10 µs per first read). The
	// Redis make bench starts rewrites its AOF only past 1 GB (the month of 10,000 users writes
	// ~300 MB); a fork during the seeding or a phase anyway is named in the report.
	rep.seedingForks = cpuUse{forks: h.forksNow(ctx)}.minus(cpuUse{forks: forks}).forks

	if h.o.cpuProfile != "" {
		stop, err := startCPUProfile(h.o.cpuProfile)
		if err != nil {
			return nil, err
		}
		defer stop()
	}

	// The rush. Every phone opens the app once: today's assignment is made on that first read.
	var first atomic.Int64
	rep.first = h.closedLoop(ctx, "today (first read)", 10*time.Minute, func(*rand.Rand) (call, bool) {
		i := int(first.Add(1) - 1)
		if i >= len(h.people) {
			return call{}, false
		}
		return h.today(h.people[i]), true
	})
	h.closedLoop(ctx, "warm-up", time.Second, h.readyz)
	if rep.floor, err = h.floorLoop(ctx, "floor", h.o.phase, 0); err != nil {
		return nil, err
	}
	rep.floorBefore = h.closedLoop(ctx, "GET /readyz", h.o.phase, h.readyz)
	person := func(f func(*person) call) func(*rand.Rand) (call, bool) {
		return func(rng *rand.Rand) (call, bool) { return f(h.randomPerson(rng)), true }
	}
	phases := []struct {
		name string
		next func(*rand.Rand) (call, bool)
	}{
		{"GET /v1/me/today", person(h.today)},
		{"GET /v1/stories", person(h.feed)},
		{"GET /v1/me", person(h.me)},
		{"POST outcome", func(rng *rand.Rand) (call, bool) {
			p, ok := h.takeOutcome(h.outcomeEnd)
			if !ok {
				return call{}, false
			}
			return h.outcome(rng, p), true
		}},
		{"POST swap", func(*rand.Rand) (call, bool) {
			p, ok := h.takeSwap()
			if !ok {
				return call{}, false
			}
			return h.swap(p), true
		}},
		// After the outcomes, so the week's boards hold today's points on any day of the week:
		// read before them on the week's first day, every board was empty (the history ends
		// yesterday) and a board read cost a fraction of what it costs on any other day.
		{"GET team board", func(rng *rand.Rand) (call, bool) { return h.board(rng, h.randomPerson(rng)), true }},
		// Customers answering on the teams' public feedback pages (no token; see feedback.go).
		{feedbackPhase, h.answer},
	}
	if err := h.feedbackPages(ctx); err != nil {
		return nil, err
	}
	for _, p := range phases {
		rep.floors = append(rep.floors, h.closedLoop(ctx, "GET /readyz (before "+p.name+")", h.o.phase/4, h.readyz))
		if p.name == feedbackPhase {
			if err := rep.feedback.start(ctx, h); err != nil {
				return nil, err
			}
		}
		rep.phases = append(rep.phases, h.closedLoop(ctx, p.name, h.o.phase, p.next))
		if p.name == feedbackPhase {
			if err := rep.feedback.end(ctx, h); err != nil {
				return nil, err
			}
		}
	}
	rep.floorAfter = h.closedLoop(ctx, "GET /readyz (again)", h.o.phase, h.readyz)
	// The floor once more for each hot path, at the rate that path reached (see floorLoop).
	rep.floorAt = map[string]result{}
	for _, p := range append([]result{rep.first}, rep.phases...) {
		if !slices.Contains(hotPaths, p.name) || p.requests == 0 {
			continue
		}
		f, err := h.floorLoop(ctx, "floor at the rate of "+p.name, max(h.o.phase/2, time.Second), p.perSecond())
		if err != nil {
			return nil, err
		}
		rep.floorAt[p.name] = f
	}
	before, err := h.serverTimesNow(ctx)
	if err != nil {
		h.logf("server's request times: %v", err)
	}
	rep.mixed = h.openLoop(ctx, "mixed", h.o.rate, h.o.mixed, h.mixed)
	if after, err2 := h.serverTimesNow(ctx); err == nil && err2 == nil {
		d := after.minus(before)
		rep.mixedServer = &d
	} else if err2 != nil {
		h.logf("server's request times: %v", err2)
	}
	return rep, ctx.Err()
}

// loadOrg is the org the harness seeds: the defaults, with the most swaps an org may allow.
func loadOrg(slug string, now time.Time) (domain.Org, error) {
	org, err := domain.NewOrg(slug, "Load Test Retail", "Europe/Amsterdam", now)
	org.SwapsPerDay = swapsPerDay
	return org, err
}

// startCPUProfile profiles this process into file until the answered stop is called: the load
// generator shares the machine with the server, so what it spends is the server's loss.
func startCPUProfile(file string) (stop func(), err error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
