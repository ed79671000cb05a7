package faults

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/handlers"
	"github.com/microact/microact/push/fcmfake"
	"github.com/microact/microact/store"
)

// These tests wait on real processes with generous timeouts and assert what happens, not how
// fast: the delays they log are measured by TestMeasurePushDelays (BENCHMARKS.md).

// pushWait is how long a test waits for a push that should come (the target is seconds).
const pushWait = 40 * time.Second

func TestANewOrgsKudosIsPushed(t *testing.T) {
	r := newPushRig(t)
	a := r.serve("microact") // running before the org exists
	o := newOrgNamed(t, r.deployment, "newborn")
	o.populate(t, a.URL(), 2, 1)
	registerDevices(t, []string{a.URL()}, o.staff, 1)
	delay := r.kudos(t, a.URL(), o, o.staff[0], o.staff[1], 15*time.Second)
	t.Logf("kudos answered → FCM request: %s", delay.Round(time.Millisecond))
}

func TestAReplicaKilledMidSendPushesOnceAfterRestart(t *testing.T) {
	r := newPushRig(t)
	o := newOrg(t, r.deployment)
	a := r.serve("microact-a")
	o.populate(t, a.URL(), 1, 1)
	registerDevices(t, []string{a.URL()}, o.staff, 1)
	delay, _ := r.killMidSend(t, o, a)
	t.Logf("restart → push: %s", delay.Round(time.Millisecond))
}

func TestAReplicaKilledMidSendWithAnotherRunningPushesOnce(t *testing.T) {
	r := newPushRig(t)
	o := newOrg(t, r.deployment)
	a, b := r.serve("microact-a"), r.serve("microact-b")
	o.populate(t, a.URL(), 1, 1)
	registerDevices(t, []string{a.URL()}, o.staff, 1)
	delay, survivor := r.killMidSend(t, o, a, b)
	t.Logf("kill → push by the other replica: %s", delay.Round(time.Millisecond))
	if !survivor.logged("took over the delivery") {
		t.Error("the other replica did not say it took the delivery over")
	}
}

// A send slower than a heartbeat's life is not pushed twice: push's
// TestWorkerTakesOverAfterACrash. Here FCM sends are cut after 10 s (serve's chunk timeout),
// as long as an entry may stay unacknowledged, so a process cannot show it.

func TestShutdownFinishesTheSendUnderWayBeforeClosingRedis(t *testing.T) {
	r := newPushRig(t)
	o := newOrg(t, r.deployment)
	a := r.serve("microact")
	o.populate(t, a.URL(), 1, 1)
	registerDevices(t, []string{a.URL()}, o.staff, 1)
	e := o.staff[0]
	tok := deviceToken(e, 0)
	hold := r.fcm.Hold(tok)
	must(t, 202, nil, "POST", a.URL()+"/v1/admin/users/"+e.id+"/test-notification", o.admin, nil)
	arrived(t, hold)
	a.signal(syscall.SIGTERM)
	eventually(t, 10*time.Second, "the replica says it is shutting down", func() bool { return a.logged(`"msg":"shutting down"`) })
	hold.Release() // FCM answers after the signal, within the deadline
	if code := a.exited(30 * time.Second); code != 0 {
		t.Errorf("exit status %d, want 0", code)
	}
	t.Run("the send under way is finished and acknowledged", func(t *testing.T) {
		if d := delivered(r.fcm, tok); d != 1 {
			t.Errorf("delivered %d times, want 1", d)
		}
		if q, retrying, _ := r.outbox(t, o.slug); q != 0 || retrying != 0 {
			t.Errorf("outbox holds %d entries and %d retries after the shutdown, want none", q, retrying)
		}
	})
	t.Run("Redis is closed after the workers stopped, and after the HTTP server", func(t *testing.T) {
		log := a.log()
		order := []string{`"msg":"shutting down"`, `"msg":"workers stopped"`, `"msg":"redis connection closed"`}
		at := make([]int, len(order))
		for i, msg := range order {
			if at[i] = strings.Index(log, msg); at[i] < 0 {
				t.Fatalf("the log lacks %s:\n%s", msg, tail([]byte(log), 3000))
			}
		}
		if !slices.IsSorted(at) {
			t.Errorf("logged in another order than %v:\n%s", order, tail([]byte(log), 3000))
		}
	})
}

// kudos has author share a story that fan gives kudos, and waits until the kudos push for
// the author reaches the fake FCM; it answers the delay from the kudos' answer to it.
func (r *pushRig) kudos(t *testing.T, base string, o *org, author, fan *employee, within time.Duration) time.Duration {
	t.Helper()
	var today handlers.Assignment
	must(t, 200, &today, "GET", base+"/v1/me/today", author.token, nil)
	var res handlers.OutcomeResult
	must(t, 201, &res, "POST", base+"/v1/me/assignments/"+today.Id+"/outcome", author.token,
		map[string]any{"result": "done", "story": "She found the size he needed in the other store.", "share": true})
	tok := deviceToken(author, 0)
	before := len(r.fcm.Received())
	must(t, 204, nil, "PUT", base+"/v1/stories/"+*res.StoryId+"/kudos", fan.token, nil)
	answered := time.Now()
	var got fcmfake.Received
	eventually(t, within, "the kudos push of org "+o.slug+" at the fake FCM", func() bool {
		for _, m := range r.fcm.Received()[before:] {
			if m.Token == tok && m.Data["kind"] == domain.KindKudos && m.Status == 200 {
				got = m
				return true
			}
		}
		return false
	})
	return got.At.Sub(answered)
}

// killMidSend has the replicas' workers push a test notification that FCM keeps unanswered,
// kills the replica whose worker is sending it with SIGKILL, and waits until the notification
// is pushed, exactly once. With one replica it is started again at once; with more it is
// started again only once another has pushed it. It answers the delay from the restart (or
// the kill) to the push, and a replica that was not killed (nil when there is one).
func (r *pushRig) killMidSend(t *testing.T, o *org, replicas ...*replica) (time.Duration, *replica) {
	t.Helper()
	e := o.staff[0]
	tok := deviceToken(e, 0)
	before := delivered(r.fcm, tok)
	hold := r.fcm.Hold(tok)
	must(t, 202, nil, "POST", replicas[0].URL()+"/v1/admin/users/"+e.id+"/test-notification", o.admin, nil)
	arrived(t, hold)
	victim := r.sender(t, o.slug, replicas)
	var survivor *replica
	for _, rep := range replicas {
		if rep != victim {
			survivor = rep
		}
	}
	victim.kill()
	from := time.Now()
	if survivor == nil {
		victim.restart()
	}
	eventually(t, pushWait, "the notification pushed", func() bool { return delivered(r.fcm, tok) > before })
	var at time.Time
	for _, m := range r.fcm.Delivered() {
		if m.Token == tok {
			at = m.At
		}
	}
	if survivor != nil {
		victim.restart()
	}
	r.drained(t, o.slug)
	if n := delivered(r.fcm, tok) - before; n != 1 {
		t.Errorf("the notification was pushed %d times, want once", n)
	}
	return at.Sub(from), survivor
}

// sender is the replica whose worker holds the org's one pending outbox entry: its consumer
// name carries the process id.
func (r *pushRig) sender(t *testing.T, org string, replicas []*replica) *replica {
	t.Helper()
	rdb := r.redis.Client(t)
	p, err := rdb.XPendingExt(context.Background(), &redis.XPendingExtArgs{
		Stream: store.New(rdb, "mx", domain.SystemClock{}).Keys().Outbox(org), Group: "push", Start: "-", End: "+", Count: 10,
	}).Result()
	if err != nil || len(p) != 1 {
		t.Fatalf("pending entries %v, %v; want one", p, err)
	}
	for _, rep := range replicas {
		if strings.Contains(p[0].Consumer, "-"+strconv.Itoa(rep.pid())+"-") {
			return rep
		}
	}
	t.Fatalf("no replica is consumer %s", p[0].Consumer)
	return nil
}

// arrived waits until the held send request has reached the fake FCM.
func arrived(t *testing.T, h *fcmfake.Hold) {
	t.Helper()
	select {
	case <-h.Arrived:
	case <-time.After(pushWait):
		t.Fatalf("no send request within %s", pushWait)
	}
}

// delivered counts the pushes the fake accepted for token.
func delivered(fake *fcmfake.Server, token string) int {
	n := 0
	for _, m := range fake.Delivered() {
		if m.Token == token {
			n++
		}
	}
	return n
}

// outbox answers the org's outbox length and retries waiting, read through the store.
func (r *pushRig) outbox(t *testing.T, org string) (queued, retrying, dead int64) {
	t.Helper()
	st, err := store.Connect(store.Options{URL: r.redis.URL(), KeyPrefix: "mx"}, domain.SystemClock{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	q, rt, d, err := st.OutboxStats(context.Background(), org)
	if err != nil {
		t.Fatal(err)
	}
	return q, rt, d
}

// drained waits until the org's outbox is empty: nothing is left that could be pushed again.
func (r *pushRig) drained(t *testing.T, org string) {
	t.Helper()
	eventually(t, pushWait, "the outbox drained", func() bool {
		q, rt, _ := r.outbox(t, org)
		return q == 0 && rt == 0
	})
}

// TestMeasurePushDelays measures what the tests above only assert: the delay from a kudos to
// its FCM request in orgs made while a replica runs, and from a replica's restart (or, with
// another running, its kill) to the push of the notification it was sending when killed.
// It runs only with MICROACT_MEASURE_PUSH set (the number of kill samples; 20 kudos samples
// or MICROACT_MEASURE_KUDOS); see BENCHMARKS.md.
func TestMeasurePushDelays(t *testing.T) {
	kills, _ := strconv.Atoi(os.Getenv("MICROACT_MEASURE_PUSH"))
	if kills <= 0 {
		t.Skip("set MICROACT_MEASURE_PUSH=<kill samples> to measure")
	}
	orgs := 20
	if n, err := strconv.Atoi(os.Getenv("MICROACT_MEASURE_KUDOS")); err == nil && n > 0 {
		orgs = n
	}
	r := newPushRig(t)
	a := r.serve("microact-a")
	var kudos []time.Duration
	for i := range orgs {
		o := newOrgNamed(t, r.deployment, fmt.Sprintf("new-%d", i))
		o.populate(t, a.URL(), 2, 1)
		registerDevices(t, []string{a.URL()}, o.staff, 1)
		kudos = append(kudos, r.kudos(t, a.URL(), o, o.staff[0], o.staff[1], pushWait))
	}
	t.Logf("kudos → FCM request, %d new orgs: %s", orgs, summary(kudos))

	o := newOrg(t, r.deployment)
	o.populate(t, a.URL(), 1, 1)
	registerDevices(t, []string{a.URL()}, o.staff, 1)
	var alone, others []time.Duration
	for range kills {
		d, _ := r.killMidSend(t, o, a)
		alone = append(alone, d)
	}
	t.Logf("killed mid-send, restarted at once → push, %d kills: %s", kills, summary(alone))
	b := r.serve("microact-b")
	for range kills {
		d, _ := r.killMidSend(t, o, a, b)
		others = append(others, d)
	}
	t.Logf("killed mid-send with another replica running, kill → push, %d kills: %s", kills, summary(others))
}

// summary is p50, p99 and max of ds.
func summary(ds []time.Duration) string {
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(q float64) time.Duration { return s[min(len(s)-1, int(q*float64(len(s))))] }
	return fmt.Sprintf("p50 %s, p99 %s, max %s (min %s)", at(0.5).Round(time.Millisecond), at(0.99).Round(time.Millisecond),
		s[len(s)-1].Round(time.Millisecond), s[0].Round(time.Millisecond))
}
