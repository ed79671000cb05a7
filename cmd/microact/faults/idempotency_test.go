package faults

import (
	"context"
	"testing"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/handlers"
	"github.com/microact/microact/store"
	"github.com/microact/microact/store/redistest"
)

// Outcomes keep their Idempotency-Key inside the script that records them, so a kill at any
// point leaves either both or neither. Every other POST (barriers, suggestions, admin creates)
// goes through the generic middleware: reserve the key, do the work, store the answer, three
// steps. A replica killed between the work and storing the answer leaves the key reserved for
// a minute (retries get 409 idempotency_in_progress) and then free, and the retry does the
// work a second time.
func TestARetryAfterAReplicaDiedMidRequestDoesNotRepeatIt(t *testing.T) {
	t.Skip("BUG: a POST other than an outcome is not exactly-once across a crash: the generic Idempotency-Key " +
		"record (handlers/idempotency.go, store/idempotency.go) is reserved, the work done and the answer stored in " +
		"separate Redis calls, so a replica killed after the work leaves the key reserved for pendingTTL (a minute of " +
		"409 idempotency_in_progress, which also follows a Redis outage that struck between reserving and releasing) and " +
		"then lets the retry do the work again (a second barrier). Making it exactly-once means writing the answer in " +
		"the same script as the work, as the outcome script does; a design decision for each POST.")
	rds := redistest.Start(t, redistest.AppendFsyncAlways())
	d := newDeployment(t, rds.URL(), nil)
	o := newOrg(t, d)
	api := d.serve("microact")
	o.populate(t, api.URL(), 1, 1)
	e := o.staff[0]
	body := map[string]string{"category": "stock", "text": "The shelf labels are missing."}

	var first handlers.Barrier
	must(t, 201, &first, "POST", api.URL()+"/v1/barriers", e.token, body, "Idempotency-Key", "barrier-1")
	// What a kill -9 between the barrier's script and storing the answer leaves behind once
	// the reservation has run out: the barrier, and the key free again.
	st, err := store.Connect(store.Options{URL: rds.URL(), KeyPrefix: "mx"}, domain.SystemClock{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.ReleaseIdempotent(context.Background(), o.slug, e.id, "barrier-1"); err != nil {
		t.Fatal(err)
	}

	var again handlers.Barrier
	must(t, 201, &again, "POST", api.URL()+"/v1/barriers", e.token, body, "Idempotency-Key", "barrier-1")
	barriers, err := pages[handlers.Barrier](api.URL()+"/v1/barriers", e.token)
	if err != nil {
		t.Fatal(err)
	}
	if again.Id != first.Id || len(barriers) != 1 {
		t.Errorf("the retry answered barrier %s (the first was %s) and the user has %d barriers, want the first answer and 1",
			again.Id, first.Id, len(barriers))
	}
}
