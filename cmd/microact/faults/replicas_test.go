package faults

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/handlers"
	"github.com/microact/microact/push/fcmfake"
	"github.com/microact/microact/store"
	"github.com/microact/microact/store/redistest"
)

// workerPoll is how often an idle microact worker looks at the outbox and the schedule
// (cmd/microact's pollEvery).
const workerPoll = 500 * time.Millisecond

// pushRig is a Redis, a fake FCM and a deployment whose workers push to the fake.
type pushRig struct {
	*deployment
	redis *redistest.Server
	fcm   *fcmfake.Server
}

func newPushRig(t *testing.T) *pushRig {
	rds := redistest.Start(t)
	fake := fcmfake.Start(t)
	d := newDeployment(t, rds.URL(), map[string]string{
		"MICROACT_FCM_CREDENTIALS_FILE": fake.CredentialsFile(t),
		"MICROACT_FCM_ENDPOINT":         fake.Endpoint(),
		// The test's admin sends a test notification to everyone in a burst, which the
		// per-user limit (20/s) would rightly stop; the limit is not what is tested here.
		"MICROACT_USER_RATE": "off",
	})
	return &pushRig{deployment: d, redis: rds, fcm: fake}
}

// registerDevices gives every employee phones devices, with tokens "tok-<n>-<device>".
func registerDevices(t *testing.T, bases []string, staff []*employee, phones int) {
	t.Helper()
	inParallel(t, len(staff)*phones, func(i int) error {
		e, p := staff[i/phones], i%phones
		return call(204, nil, "PUT", fmt.Sprintf("%s/v1/me/devices/device-%d", bases[i%len(bases)], p), e.token,
			map[string]string{"token": deviceToken(e, p), "platform": []string{"android", "ios"}[p%2]})
	})
}

func deviceToken(e *employee, phone int) string { return fmt.Sprintf("tok-%d-%d", e.n, phone) }

// remindNow makes each user's daily gesture reminder due now, as the scheduler finds it at
// the user's reminder time: it writes the schedule the replicas poll, through the store.
func (r *pushRig) remindNow(t *testing.T, org string, staff []*employee) {
	t.Helper()
	st, err := store.Connect(store.Options{URL: r.redis.URL(), KeyPrefix: "mx"}, domain.SystemClock{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now()
	for _, e := range staff {
		if err := st.Reschedule(context.Background(), org, e.id, map[string]time.Time{domain.KindDailyGesture: now}); err != nil {
			t.Fatal(err)
		}
	}
}

// pushes counts what the fake FCM accepted: by token and kind, and by token and notification.
func (r *pushRig) pushes() (byKind, byNotification map[string]int, total int) {
	byKind, byNotification = map[string]int{}, map[string]int{}
	for _, m := range r.fcm.Delivered() {
		byKind[m.Token+" "+m.Data["kind"]]++
		byNotification[m.Token+" "+m.Data["id"]]++
		total++
	}
	return byKind, byNotification, total
}

// checkPushes fails the test unless every device got exactly the kinds in want (token →
// kinds), each once, and nothing else.
func (r *pushRig) checkPushes(t *testing.T, want map[string][]string) {
	t.Helper()
	byKind, byNotification, _ := r.pushes()
	expected := map[string]bool{}
	for token, kinds := range want {
		for _, kind := range kinds {
			expected[token+" "+kind] = true
			if byKind[token+" "+kind] != 1 {
				t.Errorf("device %s got %d %s pushes, want 1", token, byKind[token+" "+kind], kind)
			}
		}
	}
	for k, n := range byKind {
		if !expected[k] {
			t.Errorf("unexpected push: %d × %s", n, k)
		}
	}
	for k, n := range byNotification {
		if n != 1 {
			t.Errorf("notification pushed %d times to one device: %s", n, k)
		}
	}
}

// metric sums the samples of a Prometheus counter whose name and labels start with prefix.
func metric(t *testing.T, base, prefix string) int {
	t.Helper()
	a := send("GET", base+"/metrics", "", nil)
	if a.err != nil || a.status != 200 {
		t.Fatalf("GET /metrics: %s", a)
	}
	sum := 0
	sc := bufio.NewScanner(bytes.NewReader(a.body))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, prefix) {
			v, err := strconv.ParseFloat(line[strings.LastIndexByte(line, ' ')+1:], 64)
			if err != nil {
				t.Fatalf("metric line %q: %v", line, err)
			}
			sum += int(v)
		}
	}
	return sum
}

func TestTwoReplicasDeliverEachReminderAndNotificationOnce(t *testing.T) {
	const users, phones = 120, 2
	r := newPushRig(t)
	o := newOrg(t, r.deployment)
	a, b := r.serve("microact-a"), r.serve("microact-b")
	bases := []string{a.URL(), b.URL()}
	o.populate(t, a.URL(), users, 2)
	registerDevices(t, bases, o.staff, phones)

	// Even users record today's gesture with a shared story, which odd users give kudos: the
	// authors' reminders must not go out (today is recorded) and each gets one kudos push.
	inParallel(t, users/2, func(k int) error {
		author, fan := o.staff[2*k], o.staff[2*k+1]
		var today handlers.Assignment
		if err := call(200, &today, "GET", bases[0]+"/v1/me/today", author.token, nil); err != nil {
			return err
		}
		var res handlers.OutcomeResult
		if err := call(201, &res, "POST", bases[0]+"/v1/me/assignments/"+today.Id+"/outcome", author.token,
			map[string]any{"result": "done", "story": "A regular got her usual before she asked.", "share": true}); err != nil {
			return err
		}
		return call(204, nil, "PUT", bases[1]+"/v1/stories/"+*res.StoryId+"/kudos", fan.token, nil)
	})
	inParallel(t, users, func(i int) error {
		return call(202, nil, "POST", bases[i%2]+"/v1/admin/users/"+o.staff[i].id+"/test-notification", o.admin, nil)
	})
	want := map[string][]string{}
	for i, e := range o.staff {
		for p := range phones {
			want[deviceToken(e, p)] = []string{domain.KindTest, domain.KindDailyGesture}
			if i%2 == 0 {
				want[deviceToken(e, p)] = []string{domain.KindTest, domain.KindKudos}
			}
		}
	}
	r.remindNow(t, o.slug, o.staff)

	total := users * phones * 2
	eventually(t, 30*time.Second, fmt.Sprintf("%d pushes at the fake FCM", total), func() bool {
		_, _, n := r.pushes()
		return n >= total
	})
	t.Run("each device gets each of its notifications exactly once", func(t *testing.T) {
		r.checkPushes(t, want)
	})
	t.Run("each reminder is handled by one replica, once", func(t *testing.T) {
		handled := func() int {
			return metric(t, a.URL(), "microact_reminders_total{") + metric(t, b.URL(), "microact_reminders_total{")
		}
		eventually(t, 10*time.Second, "every reminder handled", func() bool { return handled() >= users })
		sent := metric(t, a.URL(), `microact_reminders_total{kind="daily_gesture",sent="true"}`) +
			metric(t, b.URL(), `microact_reminders_total{kind="daily_gesture",sent="true"}`)
		if handled() != users || sent != users/2 {
			t.Errorf("the replicas handled %d reminders and sent %d, want %d and %d", handled(), sent, users, users/2)
		}
		pushed := metric(t, a.URL(), "microact_push_sent_total") + metric(t, b.URL(), "microact_push_sent_total")
		if pushed != total {
			t.Errorf("the replicas count %d pushes sent, want %d", pushed, total)
		}
		t.Logf("pushes sent by a: %d, by b: %d; reminders handled by a: %d, by b: %d",
			metric(t, a.URL(), "microact_push_sent_total"), metric(t, b.URL(), "microact_push_sent_total"),
			metric(t, a.URL(), "microact_reminders_total{"), metric(t, b.URL(), "microact_reminders_total{"))
	})
	t.Run("each inbox holds each notification once", func(t *testing.T) {
		for i, e := range o.staff {
			items, err := pages[handlers.Notification](bases[i%2]+"/v1/me/notifications", e.token)
			if err != nil {
				t.Fatal(err)
			}
			kinds := map[string]int{}
			for _, n := range items {
				kinds[string(n.Kind)]++
			}
			wantKinds := map[string]int{domain.KindTest: 1, domain.KindDailyGesture: 1}
			if i%2 == 0 {
				wantKinds = map[string]int{domain.KindTest: 1, domain.KindKudos: 1}
			}
			if fmt.Sprint(kinds) != fmt.Sprint(wantKinds) {
				t.Errorf("user %d: inbox %v, want %v", i, kinds, wantKinds)
			}
		}
	})
}

func TestAPIOnlyAndWorkerOnlyReplicas(t *testing.T) {
	const users = 6
	r := newPushRig(t)
	o := newOrg(t, r.deployment)
	api := r.serve("api-only", "--workers=false")
	o.populate(t, api.URL(), users, 1)
	registerDevices(t, []string{api.URL()}, o.staff, 1)
	want := map[string][]string{}
	for _, e := range o.staff {
		must(t, 202, nil, "POST", api.URL()+"/v1/admin/users/"+e.id+"/test-notification", o.admin, nil)
		want[deviceToken(e, 0)] = []string{domain.KindTest, domain.KindDailyGesture}
	}
	r.remindNow(t, o.slug, o.staff)

	t.Run("an API-only replica answers the API but runs no workers", func(t *testing.T) {
		if api.logged("workers started") {
			t.Error("the API-only replica says it started workers")
		}
		if metric(t, api.URL(), "microact_push_") != 0 || metric(t, api.URL(), "microact_reminders_total") != 0 {
			t.Error("the API-only replica counts pushes or reminders")
		}
		// Absence takes a wait: three worker polls, in which a worker would have delivered.
		time.Sleep(3 * workerPoll)
		if n := len(r.fcm.Received()); n != 0 {
			t.Fatalf("%d pushes reached FCM with only an API-only replica running", n)
		}
		var inbox handlers.NotificationList
		must(t, 200, &inbox, "GET", api.URL()+"/v1/me/notifications", o.staff[0].token, nil)
		if len(inbox.Items) != 1 || inbox.Items[0].Kind != domain.KindTest {
			t.Fatalf("inbox %+v: want only the test notification, no reminder", inbox.Items)
		}
	})

	worker := r.serve("worker-only", "--api=false")
	t.Run("a worker-only replica delivers what the API enqueued and every due reminder, once", func(t *testing.T) {
		eventually(t, 20*time.Second, "the pushes at the fake FCM", func() bool {
			_, _, n := r.pushes()
			return n >= 2*users
		})
		r.checkPushes(t, want)
	})
	t.Run("a worker-only replica answers the operations endpoints and nothing else", func(t *testing.T) {
		must(t, 200, nil, "GET", worker.URL()+"/healthz", "", nil)
		must(t, 200, nil, "GET", worker.URL()+"/readyz", "", nil)
		if n := metric(t, worker.URL(), "microact_push_sent_total"); n != 2*users {
			t.Errorf("the worker-only replica's /metrics counts %d pushes sent, want %d", n, 2*users)
		}
		for _, path := range []string{"/v1/me", "/v1/me/today", "/openapi.yaml", "/docs"} {
			if a := send("GET", worker.URL()+path, o.staff[0].token, nil); a.status != 404 {
				t.Errorf("GET %s on the worker-only replica: %s, want 404", path, a)
			}
		}
	})
	t.Run("a worker-only replica is not ready while Redis is down", func(t *testing.T) {
		r.redis.Kill()
		a := send("GET", worker.URL()+"/readyz", "", nil)
		if a.status != 503 || a.header.Get("Retry-After") == "" {
			t.Errorf("GET /readyz with Redis down: %s (Retry-After %q), want 503 with Retry-After", a, a.header.Get("Retry-After"))
		}
		must(t, 200, nil, "GET", worker.URL()+"/healthz", "", nil)
		r.redis.Restart()
		eventually(t, 10*time.Second, "/readyz answers 200 after Redis is back", func() bool {
			return send("GET", worker.URL()+"/readyz", "", nil).status == 200
		})
	})
}
