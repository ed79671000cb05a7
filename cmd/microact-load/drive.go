package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/microact/microact/cmd/internal/seed"
	"github.com/microact/microact/store"
)

type harness struct {
	o      options
	st     *store.Store
	log    io.Writer
	client *http.Client
	people []*person

	// The first 90% of people record outcomes (the closed-loop phase up to outcomeEnd, the mixed
	// phase after it), the last 10% swap, up to the org's swaps per day each: a recorded
	// assignment can no longer be swapped, so the two groups stay apart.
	outcomeNext, swapNext atomic.Int64
	outcomeEnd, swappers  int

	fb feedback // the customers' answers (see feedback.go)
}

func newHarness(o options, st *store.Store, log io.Writer) *harness {
	tr := &http.Transport{MaxIdleConns: 4 * o.workers, MaxIdleConnsPerHost: 4 * o.workers, IdleConnTimeout: time.Minute, DisableCompression: true}
	return &harness{o: o, st: st, log: log, client: &http.Client{Transport: tr, Timeout: 10 * time.Second}}
}

func (h *harness) logf(format string, args ...any) {
	fmt.Fprintf(h.log, "%s  "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

// do sends one request and reads the whole answer; headers are name, value pairs sent after
// the defaults (a JSON body's Content-Type, the token).
func (h *harness) do(ctx context.Context, method, path, token, body string, headers ...string) (int, []byte, error) {
	var rd io.Reader
	if body != "" {
		rd = bytes.NewBufferString(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, h.o.url+path, rd)
	if err != nil {
		return 0, nil, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}

// call is one request a phase makes; want is the status that counts as success.
type call struct {
	kind               string
	method, path, body string
	token              string
	headers            []string // name, value pairs (see do)
	want               int
	after              func(data []byte) // e.g. remember today's assignment id
}

// result is what one phase measured.
type result struct {
	name      string
	requests  int
	failed    int
	errors    map[string]int // "status 500" or the transport error, with counts
	elapsed   time.Duration
	latencies map[string][]time.Duration // by call kind
	cpu       cpuUse                     // CPU used during the phase (closed-loop phases)
}

func (r *result) perSecond() float64 { return float64(r.requests-r.failed) / r.elapsed.Seconds() }

func (r *result) all() []time.Duration {
	var all []time.Duration
	for _, l := range r.latencies {
		all = append(all, l...)
	}
	return all
}

// percentile of sorted-in-place latencies, p in [0,1].
func percentile(l []time.Duration, p float64) time.Duration {
	if len(l) == 0 {
		return 0
	}
	slices.Sort(l)
	return l[min(len(l)-1, int(p*float64(len(l))))]
}

type recorder struct {
	mu  sync.Mutex
	res result
}

func newRecorder(name string) *recorder {
	return &recorder{res: result{name: name, errors: map[string]int{}, latencies: map[string][]time.Duration{}}}
}

func (rec *recorder) add(kind string, took time.Duration, failure string) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.res.requests++
	if failure != "" {
		rec.res.failed++
		rec.res.errors[failure]++
		return
	}
	rec.res.latencies[kind] = append(rec.res.latencies[kind], took)
}

// send runs c and records how long it took from since (the moment it was due).
func (h *harness) send(ctx context.Context, rec *recorder, c call, since time.Time) {
	status, data, err := h.do(ctx, c.method, c.path, c.token, c.body, c.headers...)
	took := time.Since(since)
	switch {
	case err != nil && ctx.Err() != nil:
		return // the phase ended mid-request
	case err != nil:
		rec.add(c.kind, took, err.Error())
	case status != c.want:
		rec.add(c.kind, took, fmt.Sprintf("%s: status %d %.120s", c.kind, status, data))
	default:
		if c.after != nil {
			c.after(data)
		}
		rec.add(c.kind, took, "")
	}
}

// closedLoop runs o.workers clients that each send the next call as soon as the previous one
// is answered, until d has passed or next has no more calls to make.
func (h *harness) closedLoop(ctx context.Context, name string, d time.Duration, next func(rng *rand.Rand) (call, bool)) result {
	rec := newRecorder(name)
	before := h.cpuNow(ctx)
	cmds := h.commandsNow(ctx)
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for w := range h.o.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(h.o.seed, uint64(w)))
			for ctx.Err() == nil {
				c, ok := next(rng)
				if !ok {
					return
				}
				h.send(ctx, rec, c, time.Now())
			}
		}()
	}
	wg.Wait()
	rec.res.elapsed = time.Since(start)
	rec.res.cpu = h.cpuNow(context.WithoutCancel(ctx)).minus(before)
	h.logf("%-22s %7d requests  %8.0f/s  %d failed", name, rec.res.requests, rec.res.perSecond(), rec.res.failed)
	h.logCommands(context.WithoutCancel(ctx), cmds, rec.res.requests)
	return rec.res
}

// commandsNow is Redis' time per command so far, when -commands asks for it (nil otherwise).
func (h *harness) commandsNow(ctx context.Context) map[string]store.CommandTime {
	if !h.o.commands {
		return nil
	}
	t, err := h.st.CommandTimes(ctx)
	if err != nil {
		h.logf("commandstats: %v", err)
	}
	return t
}

// logCommands logs, with -commands, where Redis' time went since before: each command's calls
// and microseconds per request, most first (a script's figure includes the commands it called).
func (h *harness) logCommands(ctx context.Context, before map[string]store.CommandTime, requests int) {
	after := h.commandsNow(ctx)
	if after == nil || requests == 0 {
		return
	}
	type row struct {
		name        string
		calls, usec float64
	}
	var rows []row
	for name, t := range after {
		b := before[name]
		if t.Calls > b.Calls && name != "info" {
			rows = append(rows, row{name, float64(t.Calls-b.Calls) / float64(requests), float64(t.Usec-b.Usec) / float64(requests)})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].usec > rows[j].usec })
	for _, r := range rows {
		h.logf("    %-16s %6.2f calls %7.1f µs per request", r.name, r.calls, r.usec)
	}
}

// openLoop sends calls at rate per second for d, each on its own goroutine, and measures each
// latency from the moment the call was due rather than when it could be sent.
func (h *harness) openLoop(ctx context.Context, name string, rate int, d time.Duration, next func(rng *rand.Rand) (call, bool)) result {
	rec := newRecorder(name)
	rng := rand.New(rand.NewPCG(h.o.seed, 1<<32))
	interval := time.Second / time.Duration(rate)
	before := cpuUse{stolen: -1, forks: h.forksNow(ctx)}
	if st, err := stolenCPU(); err == nil {
		before.stolen = st
	}
	start := time.Now()
	var wg sync.WaitGroup
	for i := 0; ; i++ {
		due := start.Add(time.Duration(i) * interval)
		if due.Sub(start) >= d || ctx.Err() != nil {
			break
		}
		if wait := time.Until(due); wait > 0 {
			time.Sleep(wait)
		}
		c, ok := next(rng)
		if !ok {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.send(ctx, rec, c, due)
		}()
	}
	wg.Wait()
	rec.res.elapsed = time.Since(start)
	after := cpuUse{stolen: -1, forks: h.forksNow(context.WithoutCancel(ctx))}
	if st, err := stolenCPU(); err == nil {
		after.stolen = st
	}
	use := after.minus(before)
	rec.res.cpu.stolen, rec.res.cpu.forks = use.stolen, use.forks
	h.logf("%-22s %7d requests  %8.0f/s  %d failed", name, rec.res.requests, rec.res.perSecond(), rec.res.failed)
	return rec.res
}

// The calls each phase is made of.

func (h *harness) readyz(*rand.Rand) (call, bool) {
	return call{kind: "readyz", method: "GET", path: "/readyz", want: 200}, true
}

func (h *harness) randomPerson(rng *rand.Rand) *person { return h.people[rng.IntN(len(h.people))] }

func (h *harness) today(p *person) call {
	return call{kind: "today", method: "GET", path: "/v1/me/today", token: p.token, want: 200, after: func(data []byte) {
		if id := assignmentID(data, p.id); id != "" {
			p.assignment.Store(&id)
		}
	}}
}

// assignmentID finds the assignment's id in an answer of GET /v1/me/today. Decoding the whole
// answer would spend the load generator's CPU — the machine the server runs on — on something
// that is not the server's work: the id ("<day>-<user id>") is the one value ending in
// "-<user id>", so it is found by that, with a decode only if the answer looks otherwise.
func assignmentID(data []byte, userID string) string {
	if end := bytes.Index(data, []byte("-"+userID+`"`)); end > 0 {
		if start := bytes.LastIndexByte(data[:end], '"'); start >= 0 {
			return string(data[start+1 : end+1+len(userID)])
		}
	}
	var a struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(data, &a) != nil {
		return ""
	}
	return a.ID
}

func (h *harness) board(rng *rand.Rand, p *person) call {
	path := "/v1/leaderboards/teams/" + p.team + "?period=week"
	if rng.IntN(2) == 0 {
		path += "&around=me"
	}
	return call{kind: "board", method: "GET", path: path, token: p.token, want: 200}
}

func (h *harness) feed(p *person) call {
	return call{kind: "feed", method: "GET", path: "/v1/stories?scope=team", token: p.token, want: 200}
}

func (h *harness) me(p *person) call {
	return call{kind: "me", method: "GET", path: "/v1/me", token: p.token, want: 200}
}

// assignmentOf is today's assignment id of p; every person reads today first.
func assignmentOf(p *person) string {
	if id := p.assignment.Load(); id != nil {
		return *id
	}
	return "unread"
}

func (h *harness) swap(p *person) call {
	return call{kind: "swap", method: "POST", path: "/v1/me/assignments/" + assignmentOf(p) + "/swap", token: p.token, want: 200}
}

// outcome is what a person reports, in the proportions the simulated history has.
func (h *harness) outcome(rng *rand.Rand, p *person) call {
	body := `{"result":"done","reaction":"positive"}`
	switch r := rng.Float64(); {
	case r < 0.08:
		body = `{"result":"blocked","barrier":{"category":"time","text":"Queue at the till all morning."}}`
	case r < 0.2:
		body = `{"result":"skipped"}`
	case r < 0.4:
		body = fmt.Sprintf(`{"result":"done","reaction":"delighted","story":%q,"share":true}`, seed.Stories[rng.IntN(len(seed.Stories))])
	}
	return call{kind: "outcome", method: "POST", path: "/v1/me/assignments/" + assignmentOf(p) + "/outcome", body: body, token: p.token, want: 201}
}

// takeOutcome hands out people who have not recorded today, in order, up to end.
func (h *harness) takeOutcome(end int) (*person, bool) {
	i := int(h.outcomeNext.Add(1) - 1)
	if i >= min(end, len(h.people)-h.swappers) {
		return nil, false
	}
	return h.people[i], true
}

// takeSwap hands out the next swap: round after round over the swappers, swapsPerDay rounds.
func (h *harness) takeSwap() (*person, bool) {
	i := int(h.swapNext.Add(1) - 1)
	if i >= h.swappers*swapsPerDay {
		return nil, false
	}
	return h.people[len(h.people)-1-i%h.swappers], true
}

// mixed is the morning rush: mostly reading today, then boards, feeds and the profile, with
// outcomes and swaps by people who have not yet done either.
func (h *harness) mixed(rng *rand.Rand) (call, bool) {
	p := h.randomPerson(rng)
	switch r := rng.IntN(100); {
	case r < 40:
		return h.today(p), true
	case r < 60:
		return h.board(rng, p), true
	case r < 72:
		return h.feed(p), true
	case r < 80:
		return h.me(p), true
	case r < 95:
		if q, ok := h.takeOutcome(len(h.people)); ok {
			return h.outcome(rng, q), true
		}
		return h.today(p), true
	default:
		if q, ok := h.takeSwap(); ok {
			return h.swap(q), true
		}
		return h.today(p), true
	}
}
