package faults

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/microact/microact/handlers"
)

// intent is the outcome one employee means to record today, and what became of it. A phone
// sends the same body with the same Idempotency-Key however often it has to retry. Half of
// them swap the assignment first, with a key of its own, and send that swap again with every
// try, answered or not, as a phone that lost its answer would.
type intent struct {
	*employee
	result  string // done, skipped or blocked
	shared  bool   // a done with a shared story
	body    []byte
	key     string
	swapKey string // "" for no swap

	swapped      *handlers.Assignment // the first 2xx answer to the swap
	swapSent     bool                 // answered 2xx in this try of the flow
	swapReplayed bool                 // the last 2xx answer to the swap was a replay of the first

	assignment string                  // today's assignment, once a GET /v1/me/today answered
	first      *handlers.OutcomeResult // the first 2xx answer to the outcome
	replayed   bool                    // the last 2xx answer was a replay of the first
}

// intents gives every employee an outcome: a quarter each done with a shared story, done,
// skipped and blocked (with a barrier), so points, stories and barriers are all written.
func intents(staff []*employee) []*intent {
	out := make([]*intent, len(staff))
	for i, e := range staff {
		in := &intent{employee: e, key: "outcome-" + e.id}
		if i%8 < 4 { // a swap with each result
			in.swapKey = "swap-" + e.id
		}
		var body map[string]any
		switch i % 4 {
		case 0:
			in.result, in.shared = "done", true
			body = map[string]any{"result": "done", "reaction": "delighted", "story": fmt.Sprintf("Customer %d left smiling.", i), "share": true}
		case 1:
			in.result = "done"
			body = map[string]any{"result": "done", "reaction": "positive"}
		case 2:
			in.result = "skipped"
			body = map[string]any{"result": "skipped"}
		case 3:
			in.result = "blocked"
			body = map[string]any{"result": "blocked", "barrier": map[string]string{"category": "time", "text": fmt.Sprintf("Queue %d was too long.", i)}}
		}
		in.body, _ = json.Marshal(body)
		out[i] = in
	}
	return out
}

// expectedPoints is what the org's default points settings give the outcome of a gesture
// worth gesturePoints: done = the gesture's points, +5 for a shared story; blocked 2; skipped 0.
func (in *intent) expectedPoints(gesturePoints int) int {
	switch in.result {
	case "done":
		if in.shared {
			return gesturePoints + 5
		}
		return gesturePoints
	case "blocked":
		return 2
	}
	return 0
}

// load is a crowd of phones recording outcomes, and a tally of every answer they got.
type load struct {
	mu         sync.Mutex
	statuses   map[int]int // every HTTP answer by status
	transport  int         // requests that got no HTTP answer (refused, reset)
	failovers  int         // requests re-sent to another replica after a transport failure
	replayed   int         // outcome answers marked Idempotent-Replayed
	unexpected []string    // answers the contract does not allow here
	slowest    time.Duration

	acked       atomic.Int64 // outcomes answered 2xx
	unavail     atomic.Int64 // answers 503
	transportOK bool         // transport failures are expected (a replica is killed)
	// lossOK: Redis may lose acknowledged writes (appendfsync everysec, a write postponed
	// behind a slow fsync), today's assignment among them; an outcome for it is then 404 and
	// the phone reads today again, as the app does.
	lossOK bool
	lost   int // outcomes answered 404 because their assignment was lost
}

func newLoad() *load { return &load{statuses: map[int]int{}} }

// note tallies one answer and reports whether it got through to an HTTP status.
func (l *load) note(what string, a answer) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.slowest = max(l.slowest, a.took)
	switch {
	case a.err != nil:
		l.transport++
		var timeout interface{ Timeout() bool }
		if errors.Is(a.err, context.DeadlineExceeded) || (errors.As(a.err, &timeout) && timeout.Timeout()) {
			l.unexpected = append(l.unexpected, what+": no answer within "+requestTimeout.String()+": "+a.err.Error())
		} else if !l.transportOK {
			l.unexpected = append(l.unexpected, what+": "+a.err.Error())
		}
		return false
	case a.status == http.StatusServiceUnavailable:
		l.statuses[a.status]++
		l.unavail.Add(1)
		if s, err := strconv.Atoi(a.header.Get("Retry-After")); err != nil || s < 1 {
			l.unexpected = append(l.unexpected, what+": 503 without a Retry-After")
		}
	case a.status >= 200 && a.status < 300:
		l.statuses[a.status]++
	default:
		l.statuses[a.status]++
		l.unexpected = append(l.unexpected, what+": "+a.String())
	}
	return true
}

// attempt makes one try at the whole flow, GET /v1/me/today, the swap, then POST the outcome, against
// the replicas in order: a request that gets no answer from one is sent to the next with the
// same Idempotency-Key, as a phone behind a load balancer would see it. It reports whether
// the outcome was answered 2xx, and if not, whether trying again may help (no answer, 503).
func (l *load) attempt(in *intent, replicas []string) (recorded, retryable bool) {
	for i, base := range replicas {
		if i > 0 {
			l.mu.Lock()
			l.failovers++
			l.mu.Unlock()
		}
		if in.assignment == "" {
			a := send("GET", base+"/v1/me/today", in.token, nil)
			if !l.note("GET /v1/me/today", a) {
				continue
			}
			if a.status != http.StatusOK {
				return false, a.status == http.StatusServiceUnavailable
			}
			var today handlers.Assignment
			if err := json.Unmarshal(a.body, &today); err != nil {
				l.unexpectedf("today: %v", err)
				return false, false
			}
			in.assignment = today.Id
		}
		if in.swapKey != "" && !in.swapSent {
			a := send("POST", base+"/v1/me/assignments/"+in.assignment+"/swap", in.token, nil, "Idempotency-Key", in.swapKey)
			if a.status == http.StatusNotFound && l.lossOK {
				return l.lostAssignment(in)
			}
			if !l.note("POST swap", a) {
				continue
			}
			if a.status != http.StatusOK {
				return false, a.status == http.StatusServiceUnavailable
			}
			var res handlers.Assignment
			if err := json.Unmarshal(a.body, &res); err != nil {
				l.unexpectedf("swap: %v", err)
				return false, false
			}
			l.mu.Lock()
			if in.swapped == nil {
				in.swapped = &res
			} else if res.Id != in.swapped.Id || res.Gesture.Id != in.swapped.Gesture.Id || res.SwapsLeft > in.swapped.SwapsLeft {
				l.unexpected = append(l.unexpected, fmt.Sprintf("user %d: a repeat of the swap answered %s with %d left, the first %s with %d",
					in.n, res.Gesture.Id, res.SwapsLeft, in.swapped.Gesture.Id, in.swapped.SwapsLeft))
			}
			in.swapSent, in.swapReplayed = true, a.header.Get("Idempotent-Replayed") == "true"
			l.mu.Unlock()
		}
		a := send("POST", base+"/v1/me/assignments/"+in.assignment+"/outcome", in.token, in.body, "Idempotency-Key", in.key)
		if a.status == http.StatusNotFound && l.lossOK {
			return l.lostAssignment(in)
		}
		if !l.note("POST outcome", a) {
			continue
		}
		if a.status != http.StatusCreated {
			return false, a.status == http.StatusServiceUnavailable
		}
		var res handlers.OutcomeResult
		if err := json.Unmarshal(a.body, &res); err != nil {
			l.unexpectedf("outcome: %v", err)
			return false, false
		}
		l.acked.Add(1)
		replay := a.header.Get("Idempotent-Replayed") == "true"
		l.mu.Lock()
		if replay {
			l.replayed++
		}
		in.replayed = replay
		if in.first == nil {
			in.first = &res
		} else if res.PointsAwarded != in.first.PointsAwarded || res.Assignment.Id != in.first.Assignment.Id {
			l.unexpected = append(l.unexpected, fmt.Sprintf("user %d: a repeat answered %d points for %s, the first %d for %s",
				in.n, res.PointsAwarded, res.Assignment.Id, in.first.PointsAwarded, in.first.Assignment.Id))
		}
		l.mu.Unlock()
		return true, false
	}
	return false, true
}

// lostAssignment tallies a 404 for an assignment Redis lost (lossOK): the phone reads today
// again, and the assignment is made anew with the same id; its swap is sent again too.
func (l *load) lostAssignment(in *intent) (recorded, retryable bool) {
	l.mu.Lock()
	l.statuses[http.StatusNotFound]++
	l.lost++
	l.mu.Unlock()
	in.assignment, in.swapSent = "", false
	return false, true
}

func (l *load) unexpectedf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.unexpected = append(l.unexpected, fmt.Sprintf(format, args...))
}

// run has every intent tried once, by workers phones at a time, each phone against the
// replicas its route gives it; it returns at once and closes done when all have been tried.
func (l *load) run(all []*intent, workers int, route func(*intent) []string) (done <-chan struct{}) {
	queue := make(chan *intent)
	finished := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for in := range queue {
				l.attempt(in, route(in))
			}
		})
	}
	go func() {
		for _, in := range all {
			queue <- in
		}
		close(queue)
		wg.Wait()
		close(finished)
	}()
	return finished
}

// retryAll has every phone of all try until its outcome is answered 2xx, and fails the test if
// one is refused for good or not answered within 30 s. Between tries a phone would wait
// Retry-After; these wait 100 ms, so the test stays quick.
func (l *load) retryAll(t *testing.T, all []*intent, route func(*intent) []string) {
	t.Helper()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var stuck []string
	slots := make(chan struct{}, 16)
	for _, in := range all {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			in.swapSent = false // the swap is sent again too: its repeat is answered, not swapped anew
			deadline := time.Now().Add(30 * time.Second)
			for {
				recorded, retryable := l.attempt(in, route(in))
				if recorded {
					return
				}
				if !retryable || time.Now().After(deadline) {
					mu.Lock()
					stuck = append(stuck, in.id)
					mu.Unlock()
					return
				}
				time.Sleep(100 * time.Millisecond) // the phone's back-off, not synchronisation
			}
		})
	}
	wg.Wait()
	if len(stuck) > 0 {
		l.check(t)
		t.Fatalf("%d phones never got their outcome recorded, e.g. user %s", len(stuck), stuck[0])
	}
}

// check fails the test for any answer the contract does not allow.
func (l *load) check(t *testing.T) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.unexpected) > 0 {
		t.Errorf("%d answers the contract does not allow, e.g.:", len(l.unexpected))
		for _, u := range l.unexpected[:min(len(l.unexpected), 10)] {
			t.Errorf("  %s", u)
		}
	}
}

func (l *load) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := l.transport
	for _, c := range l.statuses {
		n += c
	}
	return fmt.Sprintf("%d requests: by status %v, %d without an HTTP answer, %d failed over, %d outcome answers replayed, %d assignments lost; slowest answer %s",
		n, l.statuses, l.transport, l.failovers, l.replayed, l.lost, l.slowest.Round(time.Millisecond))
}
