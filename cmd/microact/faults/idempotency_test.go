package faults

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/microact/microact/handlers"
	"github.com/microact/microact/store/redistest"
)

// Every POST but an outcome keeps its Idempotency-Key through the generic middleware: it
// reserves the key, does the work and answers. The creating ones hand their answer to the
// write that does their work, which stores both at once, so a replica killed at any point
// leaves either the work with its answer (a retry is replayed) or neither (a retry gets 409
// idempotency_in_progress until the dead request's reservation runs out, then does the work).
// This kills a replica while a crowd reports barriers, each phone with its own key, failing
// over to the other replica and then retrying until answered 201: every phone must end with
// exactly one barrier, the one its first answer named.
func TestMicroactKilledWhileReportingBarriers(t *testing.T) {
	rds := redistest.Start(t, redistest.AppendFsyncAlways())
	d := newDeployment(t, rds.URL(), nil)
	o := newOrg(t, d)
	a, b := d.serve("microact-a"), d.serve("microact-b")
	o.populate(t, a.URL(), crowd, crowdTeams)

	type report struct {
		*employee
		body  map[string]string
		first string // the barrier id of the first 201
	}
	reports := make([]*report, len(o.staff))
	for i, e := range o.staff {
		reports[i] = &report{employee: e, body: map[string]string{"category": "stock", "text": fmt.Sprintf("Shelf %d is empty.", i)}}
	}

	var mu sync.Mutex
	var unexpected []string
	statuses := map[string]int{}
	var acked int
	// try sends r's report to the replicas in order, failing over on no answer, and reports
	// whether it was answered 201.
	try := func(r *report, replicas ...string) bool {
		for _, base := range replicas {
			ans := send("POST", base+"/v1/barriers", r.token, r.body, "Idempotency-Key", "barrier-"+r.id)
			mu.Lock()
			switch {
			case ans.err != nil:
				statuses["no answer"]++
				mu.Unlock()
				continue
			case ans.status == http.StatusCreated:
				var got handlers.Barrier
				if err := json.Unmarshal(ans.body, &got); err != nil || got.Id == "" {
					unexpected = append(unexpected, "201 "+string(ans.body))
				} else if r.first == "" {
					r.first = got.Id
					acked++
					if ans.header.Get("Idempotent-Replayed") == "true" {
						statuses["first 201 a replay (the answer died with its replica)"]++
					}
				} else if got.Id != r.first {
					unexpected = append(unexpected, fmt.Sprintf("user %d: a repeat answered barrier %s, the first %s", r.n, got.Id, r.first))
				}
				statuses[fmt.Sprintf("201 replayed=%v", ans.header.Get("Idempotent-Replayed") == "true")]++
				mu.Unlock()
				return true
			case ans.status == http.StatusServiceUnavailable:
				statuses["503"]++
			case ans.status == http.StatusConflict && problemCode(ans.body) == "idempotency_in_progress":
				statuses["409 idempotency_in_progress"]++ // the dead replica's reservation
			default:
				unexpected = append(unexpected, fmt.Sprintf("user %d: %s", r.n, ans))
			}
			mu.Unlock()
			return false
		}
		return false
	}

	queue := make(chan *report)
	var wg sync.WaitGroup
	for range crowdPhones {
		wg.Go(func() {
			for r := range queue {
				if r.n%2 == 0 {
					try(r, a.URL(), b.URL())
				} else {
					try(r, b.URL(), a.URL())
				}
			}
		})
	}
	go func() {
		for _, r := range reports {
			queue <- r
		}
		close(queue)
	}()
	eventually(t, 30*time.Second, "a third of the barriers acknowledged", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return acked >= crowd/3
	})
	a.kill()
	wg.Wait()
	a.restart()

	// Every phone repeats its report at the restarted replica until it is answered 201, waiting
	// as a phone would between tries (its back-off, not synchronisation).
	slots := make(chan struct{}, 16)
	var stuck []int
	for _, r := range reports {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			for deadline := time.Now().Add(30 * time.Second); !try(r, a.URL()); time.Sleep(200 * time.Millisecond) {
				if time.Now().After(deadline) {
					mu.Lock()
					stuck = append(stuck, r.n)
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	t.Logf("answers: %v", statuses)
	for _, u := range unexpected[:min(len(unexpected), 10)] {
		t.Errorf("unexpected: %s", u)
	}
	if len(stuck) > 0 {
		t.Fatalf("%d phones never got their barrier answered 201, e.g. user %d", len(stuck), stuck[0])
	}
	if statuses["no answer"] == 0 {
		t.Fatal("no request went unanswered: the kill did not land under load")
	}

	t.Run("every phone has exactly the one barrier its answers named", func(t *testing.T) {
		inParallel(t, len(reports), func(i int) error {
			r := reports[i]
			mine, err := pages[handlers.Barrier](b.URL()+"/v1/barriers", r.token)
			if err != nil {
				return err
			}
			var ids []string
			for _, got := range mine {
				if got.Text == r.body["text"] {
					ids = append(ids, got.Id)
				}
			}
			if len(ids) != 1 || ids[0] != r.first {
				return fmt.Errorf("user %d has barriers %v with their text, answered %s", r.n, ids, r.first)
			}
			return nil
		})
	})
}

// problemCode is the code of a problem+json body ("" for any other body).
func problemCode(body []byte) string {
	var p struct{ Code string }
	_ = json.Unmarshal(body, &p)
	return p.Code
}
