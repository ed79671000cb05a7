package push_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/push"
	"github.com/microact/microact/push/fcmfake"
	"github.com/microact/microact/store"
	"github.com/microact/microact/store/redistest"
)

// Every helper here starts with "push" so it cannot clash with the helpers of other test files.

func TestMain(m *testing.M) { redistest.Main(m) }

// pushFCM is a fake FCM, a real FCM sender pointed at it and a Redis, shared by the subtests of
// one test; each org (pushOrg) has a key prefix of its own, so outboxes never mix.
type pushFCM struct {
	fake   *fcmfake.Server
	sender *push.FCMSender
	redis  redistest.Redis
	rdb    redis.UniversalClient
}

// pushStart runs on the test binary's shared Redis: a server, or a cluster in the cluster pass.
func pushStart(tb testing.TB) *pushFCM {
	tb.Helper()
	return pushOn(tb, redistest.Shared(tb))
}

// pushStartKillable runs on a private redis-server the test may kill and restart. It stays a
// standalone server in the cluster pass: a cluster has no one process whose restart means
// "Redis restarted".
func pushStartKillable(tb testing.TB, opts ...redistest.Option) (*pushFCM, *redistest.Server) {
	tb.Helper()
	srv := redistest.Start(tb, opts...)
	return pushOn(tb, srv), srv
}

func pushOn(tb testing.TB, r redistest.Redis) *pushFCM {
	tb.Helper()
	f := &pushFCM{fake: fcmfake.Start(tb), redis: r, rdb: r.Client(tb)}
	f.sender = f.pushSender(tb, 10*time.Second)
	return f
}

// pushSender is a real FCM sender for the fake. chunkTimeout bounds the SDK's own retries,
// which wait in real time (0 s, 1 s, 2 s, 4 s).
func (f *pushFCM) pushSender(tb testing.TB, chunkTimeout time.Duration) *push.FCMSender {
	tb.Helper()
	s, err := push.NewFCMSender(context.Background(), push.FCMConfig{
		CredentialsFile: f.fake.CredentialsFile(tb), Endpoint: f.fake.Endpoint(),
	})
	if err != nil {
		tb.Fatalf("NewFCMSender: %v", err)
	}
	s.ChunkTimeout = chunkTimeout
	return s
}

// pushDeliveries lists what the fake accepted for one notification.
func (f *pushFCM) pushDeliveries(notificationID string) []fcmfake.Received {
	var out []fcmfake.Received
	for _, r := range f.fake.Delivered() {
		if r.Data["id"] == notificationID {
			out = append(out, r)
		}
	}
	return out
}

// pushOrg is one org of its own (key prefix, clock, outbox) on the shared Redis and fake.
type pushOrg struct {
	t       testing.TB
	ctx     context.Context
	fcm     *pushFCM
	prefix  string
	st      *store.Store
	clock   *domain.FixedClock
	org     domain.Org
	metrics *push.Metrics
	log     *slog.Logger
}

// pushAmsterdam is local clock time hh:mm on day in Europe/Amsterdam.
func pushAmsterdam(tb testing.TB, day string, hh, mm int) time.Time {
	tb.Helper()
	return pushLocal(tb, day, hh, mm, "Europe/Amsterdam")
}

func pushLocal(tb testing.TB, day string, hh, mm int, tz string) time.Time {
	tb.Helper()
	loc, err := time.LoadLocation(tz)
	if err != nil {
		tb.Fatal(err)
	}
	d, err := time.ParseInLocation(time.DateOnly, day, loc)
	if err != nil {
		tb.Fatal(err)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, loc)
}

// pushMonday is 2026-11-23, a Monday with no DST change near it.
const pushMonday = "2026-11-23"

// pushOrg creates an org in Europe/Amsterdam (weeks from Monday, reminders at 08:30) at now.
func (f *pushFCM) pushOrg(tb testing.TB, now time.Time) *pushOrg {
	tb.Helper()
	o := &pushOrg{
		t: tb, ctx: context.Background(), fcm: f, prefix: redistest.Prefix(tb), clock: domain.NewFixedClock(now),
		metrics: push.NewMetrics(prometheus.NewRegistry()), log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	o.st = store.New(f.rdb, o.prefix, o.clock)
	org, err := domain.NewOrg("acme", "Acme Retail", "Europe/Amsterdam", now)
	if err != nil {
		tb.Fatal(err)
	}
	admin, err := domain.NewUser(org, domain.UserInput{Name: "Admin", Email: "admin@acme.example", Role: "admin"}, now)
	if err != nil {
		tb.Fatal(err)
	}
	if err := o.st.CreateOrg(o.ctx, org, admin, o.pushEnrollment(admin.ID), nil); err != nil {
		tb.Fatal(err)
	}
	o.org = org
	return o
}

func (o *pushOrg) pushEnrollment(userID string) domain.Enrollment {
	return domain.Enrollment{CodeHash: domain.HashSecret("code-" + userID), ExpiresAt: o.clock.Now().Add(domain.EnrollmentCodeTTL)}
}

// pushUser creates an employee (locale en, default preferences, changed by change) and
// schedules their reminders, as the admin API does.
func (o *pushOrg) pushUser(name string, change func(*domain.User)) domain.User {
	o.t.Helper()
	email := strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@acme.example"
	u, err := domain.NewUser(o.org, domain.UserInput{Name: name, Email: email, Role: "employee"}, o.clock.Now())
	if err != nil {
		o.t.Fatal(err)
	}
	if change != nil {
		change(&u)
	}
	if err := o.st.CreateUser(o.ctx, u, o.pushEnrollment(u.ID), nil); err != nil {
		o.t.Fatal(err)
	}
	u.Rev = 1
	if err := o.st.ScheduleUser(o.ctx, o.org, u.ID, o.clock.Now()); err != nil {
		o.t.Fatal(err)
	}
	return u
}

// pushToken is a registration token shaped like FCM's, unique to a user's device.
func pushToken(userID, deviceID string) string {
	return userID + "-" + deviceID + ":APA91bH" + strings.Repeat("x7Qz", 30)
}

// pushDevice registers a device for u and returns its token.
func (o *pushOrg) pushDevice(u domain.User, deviceID string) string {
	o.t.Helper()
	tok := pushToken(u.ID, deviceID)
	d := domain.PushDevice{ID: deviceID, Token: tok, Platform: "android", UpdatedAt: o.clock.Now()}
	if err := o.st.PutDevice(o.ctx, o.org.ID, u.ID, d); err != nil {
		o.t.Fatal(err)
	}
	return tok
}

func (o *pushOrg) pushDeviceIDs(u domain.User) []string {
	o.t.Helper()
	ds, err := o.st.Devices(o.ctx, o.org.ID, u.ID)
	if err != nil {
		o.t.Fatal(err)
	}
	ids := []string{}
	for _, d := range ds {
		ids = append(ids, d.ID)
	}
	return ids
}

// pushDraft is a notification of kind with texts per locale.
func pushDraft(kind, collapse string) domain.Draft {
	return domain.Draft{
		Kind:     kind,
		Texts:    map[string][2]string{"en": {kind + " title", kind + " body"}, "nl": {kind + " titel", kind + " tekst"}},
		Link:     "microact://inbox",
		Collapse: collapse,
	}
}

// pushNotify puts a notification into u's inbox and the outbox at the clock's time.
func (o *pushOrg) pushNotify(u domain.User, d domain.Draft) string {
	o.t.Helper()
	id, err := o.st.Notify(o.ctx, o.org.ID, u.ID, d, o.clock.Now())
	if err != nil || id == "" {
		o.t.Fatalf("Notify = %q, %v", id, err)
	}
	return id
}

func (o *pushOrg) pushInbox(u domain.User) []domain.Notification {
	o.t.Helper()
	items, _, _, err := o.st.Inbox(o.ctx, o.org.ID, u.ID, domain.Page{Limit: 100})
	if err != nil {
		o.t.Fatal(err)
	}
	return items
}

// pushWorker is a worker of this org with the shared FCM sender.
func (o *pushOrg) pushWorker(consumer string) *push.Worker {
	return &push.Worker{Store: o.st, Sender: o.fcm.sender, Clock: o.clock, Log: o.log, Consumer: consumer, Metrics: o.metrics}
}

// pushRun runs one pass of w and answers how many outbox entries it handled.
func (o *pushOrg) pushRun(w *push.Worker) int {
	o.t.Helper()
	n, err := w.RunOnce(o.ctx, o.org.ID)
	if err != nil {
		o.t.Fatalf("RunOnce: %v", err)
	}
	return n
}

type pushOutboxState struct{ queued, retrying, dead int64 }

func (o *pushOrg) pushOutbox() pushOutboxState {
	o.t.Helper()
	q, r, d, err := o.st.OutboxStats(o.ctx, o.org.ID)
	if err != nil {
		o.t.Fatal(err)
	}
	return pushOutboxState{q, r, d}
}

// pushOutboxKey is the org's outbox stream. The tests need it only to age pending entries,
// which Redis times with its own clock.
func (o *pushOrg) pushOutboxKey() string { return o.st.Keys().Outbox(o.org.ID) }

// pushAge makes every entry pending in the outbox look idle for d, as if its consumer had
// held it that long: XCLAIM to the same consumer with IDLE. XAUTOCLAIM measures idleness with
// Redis's own clock, which the tests cannot move.
func (o *pushOrg) pushAge(d time.Duration) int {
	o.t.Helper()
	pending, err := o.fcm.rdb.XPendingExt(o.ctx, &redis.XPendingExtArgs{
		Stream: o.pushOutboxKey(), Group: "push", Start: "-", End: "+", Count: 1000,
	}).Result()
	if err != nil {
		o.t.Fatal(err)
	}
	for _, p := range pending {
		err := o.fcm.rdb.Do(o.ctx, "XCLAIM", o.pushOutboxKey(), "push", p.Consumer, 0, p.ID, "IDLE", d.Milliseconds(), "JUSTID").Err()
		if err != nil {
			o.t.Fatal(err)
		}
	}
	return len(pending)
}

func TestWorkerPushesThroughFCM(t *testing.T) {
	f := pushStart(t)
	o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
	anke := o.pushUser("Anke de Vries", func(u *domain.User) { u.Locale = "nl" })
	ben := o.pushUser("Ben Smith", nil)
	ankeTok := o.pushDevice(anke, "pixel")
	benTok := o.pushDevice(ben, "iphone")
	ankeID := o.pushNotify(anke, domain.DraftOf(domain.KindTest, "microact://notifications"))
	benID := o.pushNotify(ben, domain.DraftOf(domain.KindTest, "microact://notifications"))

	if n := o.pushRun(o.pushWorker("w1")); n != 2 {
		t.Fatalf("the worker handled %d entries, want 2", n)
	}
	got := map[string]fcmfake.Received{}
	for _, r := range f.fake.Delivered() {
		got[r.Token] = r
	}
	if len(got) != 2 {
		t.Fatalf("the fake accepted pushes for %d tokens, want 2: %+v", len(got), f.fake.Received())
	}

	t.Run("title and body are in the user's locale", func(t *testing.T) {
		nl, en := domain.PushTexts[domain.KindTest]["nl"], domain.PushTexts[domain.KindTest]["en"]
		if n := got[ankeTok].Notification; n.Title != nl[0] || n.Body != nl[1] {
			t.Errorf("Dutch user got %+v, want %q / %q", n, nl[0], nl[1])
		}
		if n := got[benTok].Notification; n.Title != en[0] || n.Body != en[1] {
			t.Errorf("English user got %+v, want %q / %q", n, en[0], en[1])
		}
	})
	t.Run("the push and the inbox entry agree", func(t *testing.T) {
		inbox := o.pushInbox(anke)
		if len(inbox) != 1 || inbox[0].ID != ankeID || inbox[0].Title != got[ankeTok].Notification.Title {
			t.Errorf("inbox = %+v, push = %+v", inbox, got[ankeTok].Notification)
		}
	})
	t.Run("data carries kind, id and a deep link, and nothing else", func(t *testing.T) {
		for tok, id := range map[string]string{ankeTok: ankeID, benTok: benID} {
			want := map[string]string{"kind": "test", "id": id, "link": "microact://notifications"}
			if fmt.Sprint(got[tok].Data) != fmt.Sprint(want) {
				t.Errorf("data = %v, want %v", got[tok].Data, want)
			}
		}
	})
	t.Run("it goes to the credentials' project with Android and APNs options", func(t *testing.T) {
		r := got[ankeTok]
		if r.Project != fcmfake.ProjectID {
			t.Errorf("project = %q", r.Project)
		}
		if r.Android.Priority != "high" || r.Android.CollapseKey != "test" || r.Android.Notification.Tag != "test" {
			t.Errorf("android = %+v", r.Android)
		}
		if r.APNS.Headers["apns-priority"] != "10" || r.APNS.Headers["apns-collapse-id"] != "test" || r.APNS.Payload.Aps.Sound != "default" {
			t.Errorf("apns = %+v", r.APNS)
		}
	})
	t.Run("a delivered notification leaves the outbox", func(t *testing.T) {
		if s := o.pushOutbox(); s != (pushOutboxState{}) {
			t.Errorf("outbox = %+v, want empty", s)
		}
		if n := o.pushRun(o.pushWorker("w1")); n != 0 || len(f.fake.Received()) != 2 {
			t.Errorf("a second pass handled %d and the fake saw %d requests", n, len(f.fake.Received()))
		}
	})
}

func TestWorkerRemovesTokensFCMRefuses(t *testing.T) {
	f := pushStart(t)
	for _, tc := range []struct {
		name   string
		answer fcmfake.Response
	}{
		{"unregistered (404)", fcmfake.Response{Status: 404}},
		{"an invalid token (400 about message.token)", fcmfake.Response{Status: 400}},
		{"registered to another project (403 SENDER_ID_MISMATCH)", fcmfake.Response{Status: 403}},
	} {
		t.Run("a token FCM reports as "+tc.name+" is removed from the user's devices", func(t *testing.T) {
			o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
			u := o.pushUser("Ana", nil)
			gone := o.pushDevice(u, "old-phone")
			o.pushDevice(u, "new-phone")
			f.fake.Respond(gone, tc.answer)
			id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
			o.pushRun(o.pushWorker("w1"))

			if ids := o.pushDeviceIDs(u); fmt.Sprint(ids) != "[new-phone]" {
				t.Errorf("devices = %v, want [new-phone]", ids)
			}
			if d := f.pushDeliveries(id); len(d) != 1 || d[0].Token == gone {
				t.Errorf("deliveries = %+v, want one to new-phone", d)
			}
			// Not retried: nothing is left for a later pass.
			o.clock.Advance(time.Hour)
			o.pushRun(o.pushWorker("w1"))
			if n := f.fake.Attempts(gone); n != 1 {
				t.Errorf("the refused token was tried %d times, want 1", n)
			}
			if s := o.pushOutbox(); s != (pushOutboxState{}) {
				t.Errorf("outbox = %+v, want empty", s)
			}
		})
	}
	t.Run("a payload FCM refuses (400 about another field) keeps the token", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		tok := o.pushDevice(u, "phone")
		f.fake.Respond(tok, fcmfake.Response{Status: 400, Field: "message.data"})
		o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		o.pushRun(o.pushWorker("w1"))
		if ids := o.pushDeviceIDs(u); fmt.Sprint(ids) != "[phone]" {
			t.Errorf("devices = %v, want [phone]", ids)
		}
	})
}

func TestWorkerRetries(t *testing.T) {
	f := pushStart(t)

	t.Run("429 with Retry-After: 3 is retried, not before 3 seconds", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		tok := o.pushDevice(u, "phone")
		f.fake.Respond(tok, fcmfake.Response{Status: 429, RetryAfter: "3", Times: 1})
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		w := o.pushWorker("w1")

		o.pushRun(w)
		if n := f.fake.Attempts(tok); n != 1 || len(f.pushDeliveries(id)) != 0 {
			t.Fatalf("after the 429: %d attempts, %d deliveries", n, len(f.pushDeliveries(id)))
		}
		if s := o.pushOutbox(); s.retrying != 1 {
			t.Fatalf("outbox = %+v, want one retry waiting", s)
		}
		o.clock.Advance(2 * time.Second)
		o.pushRun(w)
		if n := f.fake.Attempts(tok); n != 1 {
			t.Fatalf("tried again after 2 s (%d attempts); Retry-After said 3", n)
		}
		o.clock.Advance(2 * time.Second)
		o.pushRun(w)
		if d := f.pushDeliveries(id); len(d) != 1 {
			t.Fatalf("4 s later: %d deliveries, want 1", len(d))
		}
		if s := o.pushOutbox(); s != (pushOutboxState{}) {
			t.Errorf("outbox = %+v, want empty", s)
		}
	})

	t.Run("503 is retried by the SDK at once", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		tok := o.pushDevice(u, "phone")
		f.fake.Respond(tok, fcmfake.Response{Status: 503, Times: 1})
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		o.pushRun(o.pushWorker("w1"))
		if n, d := f.fake.Attempts(tok), len(f.pushDeliveries(id)); n != 2 || d != 1 {
			t.Errorf("%d attempts and %d deliveries, want 2 and 1", n, d)
		}
	})

	t.Run("503 with a Retry-After longer than the SDK waits is retried by the outbox after it", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		tok := o.pushDevice(u, "phone")
		f.fake.Respond(tok, fcmfake.Response{Status: 503, RetryAfter: "180", Times: 1})
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		w := o.pushWorker("w1")
		o.pushRun(w)
		o.clock.Advance(170 * time.Second)
		o.pushRun(w)
		if n := f.fake.Attempts(tok); n != 1 {
			t.Fatalf("tried %d times within 170 s; Retry-After said 180", n)
		}
		o.clock.Advance(15 * time.Second)
		o.pushRun(w)
		if d := f.pushDeliveries(id); len(d) != 1 {
			t.Fatalf("185 s later: %d deliveries, want 1", len(d))
		}
	})

	t.Run("a network error is retried", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		tok := o.pushDevice(u, "phone")
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		w := o.pushWorker("w1")
		// The SDK retries a cut connection at once, then after 1 s, then after 2 s: a chunk
		// timeout of 1.5 s ends its retries in that wait, as FCM staying unreachable would.
		w.Sender = f.pushSender(t, 1500*time.Millisecond)
		f.fake.Fail(3)
		o.pushRun(w)
		if n, d := f.fake.Attempts(tok), len(f.pushDeliveries(id)); n < 2 || d != 0 {
			t.Fatalf("%d attempts and %d deliveries, want the SDK's retries and none", n, d)
		}
		if s := o.pushOutbox(); s.retrying != 1 {
			t.Fatalf("outbox = %+v, want one retry waiting", s)
		}
		o.clock.Advance(3 * time.Second) // the first back-off is 2 s ± 20 %
		o.pushRun(w)
		if d := f.pushDeliveries(id); len(d) != 1 {
			t.Fatalf("after the back-off: %d deliveries, want 1", len(d))
		}
	})

	t.Run("after MaxAttempts failures the notification is dead-lettered and stays in the inbox", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		tok := o.pushDevice(u, "phone")
		f.fake.Respond(tok, fcmfake.Response{Status: 429}) // every time
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		w := o.pushWorker("w1")
		for i := 0; i < 2*push.MaxAttempts; i++ {
			o.pushRun(w)
			o.clock.Advance(5 * time.Minute) // longer than any back-off before the last attempt
		}
		if n := f.fake.Attempts(tok); n != push.MaxAttempts {
			t.Errorf("FCM was tried %d times, want MaxAttempts = %d", n, push.MaxAttempts)
		}
		if s := o.pushOutbox(); s != (pushOutboxState{dead: 1}) {
			t.Errorf("outbox = %+v, want one dead letter and nothing else", s)
		}
		if inbox := o.pushInbox(u); len(inbox) != 1 || inbox[0].ID != id {
			t.Errorf("inbox = %+v", inbox)
		}
	})

	t.Run("only the device that failed is pushed again", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		phone := o.pushDevice(u, "phone")
		tablet := o.pushDevice(u, "tablet")
		f.fake.Respond(tablet, fcmfake.Response{Status: 429, Times: 1})
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		w := o.pushWorker("w1")
		o.pushRun(w)
		o.clock.Advance(time.Minute)
		o.pushRun(w)
		if p, tb := f.fake.Attempts(phone), f.fake.Attempts(tablet); p != 1 || tb != 2 {
			t.Errorf("phone tried %d times, tablet %d; want 1 and 2", p, tb)
		}
		if d := f.pushDeliveries(id); len(d) != 2 {
			t.Errorf("%d deliveries, want 2", len(d))
		}
	})
}

func TestWorkerTakesOverAfterACrash(t *testing.T) {
	f := pushStart(t)

	t.Run("an entry a killed worker took is delivered by another once it is 10 s stale", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		o.pushDevice(u, "phone")
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		// Worker A takes the entry and dies before pushing or acknowledging it.
		taken, err := o.st.ClaimOutbox(o.ctx, o.org.ID, "A", 10, time.Minute)
		if err != nil || len(taken) != 1 {
			t.Fatalf("ClaimOutbox = %v, %v", taken, err)
		}
		b := o.pushWorker("B")
		if n := o.pushRun(b); n != 0 {
			t.Fatalf("B took %d entries while A's was fresh", n)
		}
		o.pushAge(5 * time.Second)
		if n := o.pushRun(b); n != 0 {
			t.Fatalf("B took %d entries idle for 5 s", n)
		}
		o.pushAge(11 * time.Second)
		if n := o.pushRun(b); n != 1 {
			t.Fatalf("B took %d entries idle for 11 s, want 1", n)
		}
		if d := f.pushDeliveries(id); len(d) != 1 {
			t.Errorf("%d deliveries, want 1", len(d))
		}
		if n := o.pushRun(b); n != 0 || o.pushOutbox() != (pushOutboxState{}) {
			t.Errorf("after delivery: another pass took %d, outbox %+v", n, o.pushOutbox())
		}
	})

	t.Run("an entry two workers held is moved once: to the retries or the dead letters, not both", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		taken, err := o.st.ClaimOutbox(o.ctx, o.org.ID, "A", 10, time.Minute)
		if err != nil || len(taken) != 2 {
			t.Fatalf("ClaimOutbox = %v, %v", taken, err)
		}
		retried, acked := taken[0], taken[1]
		due := o.clock.Now().Add(time.Minute)
		for _, move := range []func() error{
			func() error { return o.st.RetryOutbox(o.ctx, o.org.ID, retried, due, 1) },
			func() error { return o.st.RetryOutbox(o.ctx, o.org.ID, retried, due.Add(time.Second), 2) }, // the second holder
			func() error { return o.st.DeadLetter(o.ctx, o.org.ID, retried, "gave up") },
			func() error { return o.st.AckOutbox(o.ctx, o.org.ID, acked.EntryID) },
			func() error { return o.st.DeadLetter(o.ctx, o.org.ID, acked, "gave up") }, // delivered already
		} {
			if err := move(); err != nil {
				t.Fatal(err)
			}
		}
		if s := o.pushOutbox(); s != (pushOutboxState{retrying: 1}) {
			t.Errorf("outbox = %+v, want one retry alone", s)
		}
		o.clock.Set(due.Add(time.Minute))
		if n, err := o.st.PromoteRetries(o.ctx, o.org.ID, o.clock.Now()); err != nil || n != 1 {
			t.Fatalf("PromoteRetries = %d, %v; want 1", n, err)
		}
		again, err := o.st.ClaimOutbox(o.ctx, o.org.ID, "B", 10, time.Minute)
		if err != nil || len(again) != 1 || again[0].ID != retried.ID || again[0].Attempts != 1 || again[0].UserID != u.ID {
			t.Errorf("after the retry was due: %+v, %v; want %s again after 1 attempt", again, err, retried.ID)
		}
	})

	t.Run("the stale threshold is the worker's ClaimStale", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		o.pushDevice(u, "phone")
		o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		if _, err := o.st.ClaimOutbox(o.ctx, o.org.ID, "A", 10, time.Minute); err != nil {
			t.Fatal(err)
		}
		o.pushAge(3 * time.Second)
		if n := o.pushRun(o.pushWorker("B")); n != 0 {
			t.Fatalf("the default (10 s) took an entry idle for 3 s")
		}
		quick := o.pushWorker("C")
		quick.ClaimStale = 2 * time.Second
		if n := o.pushRun(quick); n != 1 {
			t.Fatalf("ClaimStale 2 s took %d entries idle for 3 s, want 1", n)
		}
	})

	t.Run("a device already pushed before the crash is skipped on redelivery", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		phone := o.pushDevice(u, "phone")
		tablet := o.pushDevice(u, "tablet")
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		// A pushed to the phone, recorded it, and died before the tablet and the ack.
		if _, err := o.st.ClaimOutbox(o.ctx, o.org.ID, "A", 10, time.Minute); err != nil {
			t.Fatal(err)
		}
		if err := o.st.MarkSent(o.ctx, o.org.ID, id, []string{"phone"}); err != nil {
			t.Fatal(err)
		}
		o.pushAge(2 * time.Minute)
		o.pushRun(o.pushWorker("B"))
		if p, tb := f.fake.Attempts(phone), f.fake.Attempts(tablet); p != 0 || tb != 1 {
			t.Errorf("phone pushed %d times, tablet %d; want 0 and 1", p, tb)
		}
		if s := o.pushOutbox(); s != (pushOutboxState{}) {
			t.Errorf("outbox = %+v, want empty", s)
		}
	})

	t.Run("a worker slower than the stale threshold does not push twice", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		o.pushDevice(u, "phone")
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		gate := &pushGate{next: f.sender, entered: make(chan struct{}), release: make(chan struct{})}
		slow := o.pushWorker("A")
		slow.Sender = gate
		done := make(chan error, 1)
		go func() { _, err := slow.RunOnce(o.ctx, o.org.ID); done <- err }()
		<-gate.entered // A is inside FCM with the entry
		o.pushAge(2 * time.Minute)
		o.pushRun(o.pushWorker("B"))
		close(gate.release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if d := f.pushDeliveries(id); len(d) != 1 {
			t.Errorf("%d deliveries of one notification, want 1", len(d))
		}
	})

	t.Run("a sender slower than its heartbeat's life keeps beating, and nobody pushes it twice", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		o.pushDevice(u, "phone")
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		beats := &pushBeats{Store: o.st, beat: make(chan struct{}, 1000)}
		gate := &pushGate{next: f.sender, entered: make(chan struct{}), release: make(chan struct{})}
		slow := o.pushWorker("A")
		slow.Store, slow.Sender, slow.Heartbeat = beats, gate, 100*time.Millisecond
		stop, done := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(done)
			slow.Run(o.ctx, stop, func(context.Context) ([]string, error) { return []string{o.org.ID}, nil }, time.Hour)
		}()
		<-gate.entered // A is inside FCM with the entry
		for len(beats.beat) > 0 {
			<-beats.beat
		}
		for range 15 { // a beat every 20 ms: three lives of the heartbeat while A sends
			<-beats.beat
		}
		o.pushAge(time.Minute)
		o.pushRun(o.pushWorker("B"))
		close(gate.release)
		close(stop)
		<-done
		if d := f.pushDeliveries(id); len(d) != 1 {
			t.Errorf("%d deliveries of one notification, want 1", len(d))
		}
		if alive, err := o.st.WorkerAlive(o.ctx, "A"); err != nil || alive {
			t.Errorf("A's heartbeat after its Run returned: alive %v, %v; want gone", alive, err)
		}
	})

	t.Run("a worker that died mid-send (no heartbeat) loses its lease at once", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		o.pushDevice(u, "phone")
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		// Z took the entry and the lease, and died inside FCM (without pushing, as it turns
		// out); its heartbeat ran out.
		if _, err := o.st.ClaimOutbox(o.ctx, o.org.ID, "Z", 10, time.Minute); err != nil {
			t.Fatal(err)
		}
		o.pushLease("Z", id)
		o.pushAge(11 * time.Second)
		o.pushRun(o.pushWorker("B"))
		if d := f.pushDeliveries(id); len(d) != 1 {
			t.Errorf("%d deliveries, want 1", len(d))
		}
		if s := o.pushOutbox(); s != (pushOutboxState{}) {
			t.Errorf("outbox = %+v, want empty", s)
		}
	})

	t.Run("a live worker keeps its lease however stale its entry, until the lease runs out", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		o.pushDevice(u, "phone")
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		if _, err := o.st.ClaimOutbox(o.ctx, o.org.ID, "Z", 10, time.Minute); err != nil {
			t.Fatal(err)
		}
		o.pushLease("Z", id)
		o.pushBeat("Z")
		b := o.pushWorker("B")
		o.pushAge(time.Minute)
		o.clock.Advance(time.Minute)
		o.pushRun(b)
		if d := f.pushDeliveries(id); len(d) != 0 {
			t.Fatalf("%d deliveries while Z is alive and holds the lease, want 0", len(d))
		}
		o.clock.Advance(time.Minute + time.Second)
		o.pushBeat("Z")
		o.pushAge(time.Minute)
		o.pushRun(b)
		if d := f.pushDeliveries(id); len(d) != 1 {
			t.Errorf("%d deliveries after Z's lease ran out, want 1", len(d))
		}
	})

	t.Run("a dead worker's lease is not taken from a live worker that took it over first", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		o.pushDevice(u, "phone")
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		o.pushLease("Z", id) // Z died
		now := o.clock.Now()
		if ok, _, err := o.st.TakeOverDelivery(o.ctx, o.org.ID, id, "B", "Z", now, time.Minute); err != nil || !ok {
			t.Fatalf("B taking over from Z: %v %v", ok, err)
		}
		ok, holder, err := o.st.TakeOverDelivery(o.ctx, o.org.ID, id, "C", "Z", now, time.Minute)
		if err != nil || ok || holder != "B" {
			t.Errorf("C taking over from Z after B did: %v, holder %q, %v; want refused, held by B", ok, holder, err)
		}
	})

	t.Run("a worker that cannot write its heartbeat sends nothing", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		o.pushDevice(u, "phone")
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		w := o.pushWorker("A")
		w.Store = pushNoBeat{o.st}
		if _, err := w.RunOnce(o.ctx, o.org.ID); err == nil {
			t.Error("RunOnce without a heartbeat succeeded")
		}
		if d := f.pushDeliveries(id); len(d) != 0 {
			t.Errorf("%d deliveries, want 0", len(d))
		}
	})
}

// pushLease has consumer take the lease on delivering a notification, as a worker does before
// sending it.
func (o *pushOrg) pushLease(consumer, id string) {
	o.t.Helper()
	if ok, _, err := o.st.LeaseDelivery(o.ctx, o.org.ID, id, consumer, o.clock.Now(), 2*time.Minute); err != nil || !ok {
		o.t.Fatalf("%s's lease: %v %v", consumer, ok, err)
	}
}

// pushBeat writes consumer's heartbeat, as its Run does every second.
func (o *pushOrg) pushBeat(consumer string) {
	o.t.Helper()
	if err := o.st.WorkerBeat(o.ctx, consumer, push.HeartbeatTTL); err != nil {
		o.t.Fatal(err)
	}
}

// pushBeats is the store, telling of every heartbeat written.
type pushBeats struct {
	*store.Store
	beat chan struct{}
}

func (b *pushBeats) WorkerBeat(ctx context.Context, consumer string, ttl time.Duration) error {
	err := b.Store.WorkerBeat(ctx, consumer, ttl)
	select {
	case b.beat <- struct{}{}:
	default:
	}
	return err
}

// pushNoBeat is the store as a worker sees it when Redis refuses its heartbeat.
type pushNoBeat struct{ *store.Store }

func (pushNoBeat) WorkerBeat(context.Context, string, time.Duration) error {
	return fmt.Errorf("heartbeat refused")
}

func TestWorkerSurvivesRestarts(t *testing.T) {
	f, srv := pushStartKillable(t, redistest.AppendFsyncAlways())

	t.Run("what was queued or waiting to retry is delivered after Redis restarts", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		u := o.pushUser("Ana", nil)
		tok := o.pushDevice(u, "phone")
		f.fake.Respond(tok, fcmfake.Response{Status: 429, Times: 1})
		retried := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		o.pushRun(o.pushWorker("w1"))
		queued := o.pushNotify(u, pushDraft(domain.KindBarrierUpdate, ""))
		srv.Kill()
		srv.Restart()
		// A new process: its own store (no remembered consumer group) and consumer name.
		o.st = store.New(f.rdb, o.prefix, o.clock)
		o.clock.Advance(time.Minute)
		o.pushRun(o.pushWorker("w2"))
		for _, id := range []string{retried, queued} {
			if d := f.pushDeliveries(id); len(d) != 1 {
				t.Errorf("notification %s: %d deliveries after the restart, want 1", id, len(d))
			}
		}
	})

	t.Run("a worker keeps delivering after its org's outbox was deleted and made again", func(t *testing.T) {
		// microact demo refreshes an org by deleting its keys while servers keep running.
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
		w := o.pushWorker("w1")
		o.pushRun(w) // the store now remembers the outbox's consumer group
		if err := o.st.DeleteOrgData(o.ctx, o.org.ID); err != nil {
			t.Fatal(err)
		}
		admin, err := domain.NewUser(o.org, domain.UserInput{Name: "Admin", Email: "admin@acme.example", Role: "admin"}, o.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := o.st.CreateOrg(o.ctx, o.org, admin, o.pushEnrollment(admin.ID), nil); err != nil {
			t.Fatal(err)
		}
		u := o.pushUser("Ana", nil)
		o.pushDevice(u, "phone")
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		if n := o.pushRun(w); n != 1 || len(f.pushDeliveries(id)) != 1 {
			t.Errorf("handled %d, delivered %d; want 1 and 1", n, len(f.pushDeliveries(id)))
		}
	})
}

// pushGate is a Sender that holds its first Send until released.
type pushGate struct {
	next    push.Sender
	once    sync.Once
	entered chan struct{}
	release chan struct{}
}

func (g *pushGate) Send(ctx context.Context, msgs []push.Message) ([]push.Result, error) {
	first := false
	g.once.Do(func() { first = true })
	if first {
		close(g.entered)
		<-g.release
	}
	return g.next.Send(ctx, msgs)
}

func TestWorkersCompeting(t *testing.T) {
	f := pushStart(t)
	o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
	const users, each = 60, 3 // under the daily cap
	want := map[string]bool{}
	for i := 0; i < users; i++ {
		u := o.pushUser(fmt.Sprintf("User %d", i), nil)
		o.pushDevice(u, "phone")
		for j := 0; j < each; j++ {
			want[o.pushNotify(u, pushDraft(domain.KindBarrierUpdate, ""))] = true
		}
	}
	start := make(chan struct{})
	var wg sync.WaitGroup
	handled := make([]int, 2)
	for i := range handled {
		w := o.pushWorker(fmt.Sprintf("w%d", i))
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for {
				n, err := w.RunOnce(o.ctx, o.org.ID)
				if err != nil {
					t.Errorf("worker %d: %v", i, err)
					return
				}
				if n == 0 {
					return
				}
				handled[i] += n
			}
		}()
	}
	close(start)
	wg.Wait()

	receipts := map[string]int{}
	for _, r := range f.fake.Received() {
		receipts[r.Data["id"]]++
	}
	for id := range want {
		if receipts[id] != 1 {
			t.Errorf("notification %s reached FCM %d times, want exactly once", id, receipts[id])
		}
	}
	if len(receipts) != len(want) {
		t.Errorf("FCM saw %d notifications, want %d", len(receipts), len(want))
	}
	if handled[0]+handled[1] != len(want) {
		t.Errorf("the workers handled %v entries, want %d in all", handled, len(want))
	}
	if s := o.pushOutbox(); s != (pushOutboxState{}) {
		t.Errorf("outbox = %+v, want empty", s)
	}
}

func TestWorkerQuietHours(t *testing.T) {
	f := pushStart(t)

	t.Run("a push inside quiet hours is deferred to their end", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 22, 0)) // default quiet hours 21:00–07:30
		u := o.pushUser("Ana", nil)
		o.pushDevice(u, "phone")
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		w := o.pushWorker("w1")
		o.pushRun(w)
		if len(f.fake.Received()) != 0 {
			t.Fatalf("pushed at 22:00, inside quiet hours")
		}
		if inbox := o.pushInbox(u); len(inbox) != 1 {
			t.Errorf("the inbox has %d notifications at once, want 1", len(inbox))
		}
		o.clock.Set(pushAmsterdam(t, "2026-11-24", 7, 29))
		o.pushRun(w)
		if d := f.pushDeliveries(id); len(d) != 0 {
			t.Fatalf("pushed at 07:29")
		}
		o.clock.Set(pushAmsterdam(t, "2026-11-24", 7, 30))
		o.pushRun(w)
		if d := f.pushDeliveries(id); len(d) != 1 {
			t.Fatalf("%d deliveries at 07:30, want 1", len(d))
		}
	})

	t.Run("quiet hours are the user's own, in their own time zone", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 13, 15))
		u := o.pushUser("Ana", func(u *domain.User) {
			u.Preferences.QuietHours = domain.QuietHours{Start: "07:00", End: "08:00"}
			u.Timezone = "America/New_York" // 13:15 in Amsterdam is 07:15 there
		})
		o.pushDevice(u, "phone")
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		w := o.pushWorker("w1")
		o.pushRun(w)
		if len(f.pushDeliveries(id)) != 0 {
			t.Fatalf("pushed at 07:15 New York time, inside quiet hours")
		}
		o.clock.Set(pushLocal(t, pushMonday, 8, 0, "America/New_York"))
		o.pushRun(w)
		if len(f.pushDeliveries(id)) != 1 {
			t.Fatalf("not pushed at 08:00 New York time")
		}
	})

	t.Run("a test notification ignores quiet hours", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 23, 0))
		u := o.pushUser("Ana", nil)
		o.pushDevice(u, "phone")
		id := o.pushNotify(u, domain.DraftOf(domain.KindTest, "microact://notifications"))
		o.pushRun(o.pushWorker("w1"))
		if d := f.pushDeliveries(id); len(d) != 1 {
			t.Errorf("%d deliveries at 23:00, want 1", len(d))
		}
	})
}

func TestWorkerDailyCap(t *testing.T) {
	f := pushStart(t)
	o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 9, 0))
	u := o.pushUser("Ana", nil)
	o.pushDevice(u, "phone")
	w := o.pushWorker("w1")
	var ids []string
	for i, kind := range []string{domain.KindSpotlight, domain.KindBarrierUpdate, domain.KindSuggestionReviewed, domain.KindSpotlight, domain.KindBarrierUpdate} {
		ids = append(ids, o.pushNotify(u, pushDraft(kind, "")))
		o.pushRun(w)
		o.clock.Advance(time.Duration(i+1) * time.Hour)
	}

	t.Run("four pushes a local day reach the phone", func(t *testing.T) {
		for _, id := range ids[:push.DailyCap] {
			if d := f.pushDeliveries(id); len(d) != 1 {
				t.Errorf("notification %s: %d deliveries, want 1", id, len(d))
			}
		}
	})
	t.Run("the fifth is not pushed but is in the inbox", func(t *testing.T) {
		if d := f.pushDeliveries(ids[4]); len(d) != 0 {
			t.Errorf("the fifth push of the day reached FCM")
		}
		if inbox := o.pushInbox(u); len(inbox) != 5 || inbox[0].ID != ids[4] {
			t.Errorf("inbox has %d notifications, want 5 with the fifth first", len(inbox))
		}
		if s := o.pushOutbox(); s != (pushOutboxState{}) {
			t.Errorf("outbox = %+v: the capped notification should be done with, not retried", s)
		}
	})
	t.Run("the next local day pushes again", func(t *testing.T) {
		o.clock.Set(pushAmsterdam(t, "2026-11-24", 9, 0))
		id := o.pushNotify(u, pushDraft(domain.KindSpotlight, ""))
		o.pushRun(w)
		if d := f.pushDeliveries(id); len(d) != 1 {
			t.Errorf("%d deliveries the next day, want 1", len(d))
		}
	})
}

func TestWorkerCollapsesKudos(t *testing.T) {
	f := pushStart(t)
	o := f.pushOrg(t, pushAmsterdam(t, pushMonday, 10, 0))
	u := o.pushUser("Ana", nil)
	o.pushDevice(u, "phone")
	w := o.pushWorker("w1")
	kudos := func(story string) string {
		id := o.pushNotify(u, pushDraft(domain.KindKudos, "kudos:"+story))
		o.pushRun(w)
		return id
	}
	first := kudos("S1")
	o.clock.Advance(10 * time.Minute)
	second := kudos("S1")
	o.clock.Advance(10 * time.Minute)
	other := kudos("S2")

	t.Run("two kudos on one story within an hour make one push", func(t *testing.T) {
		if d := f.pushDeliveries(first); len(d) != 1 || d[0].Android.CollapseKey != "kudos:S1" {
			t.Errorf("first kudos: %+v, want one push collapsing as kudos:S1", d)
		}
		if d := f.pushDeliveries(second); len(d) != 0 {
			t.Errorf("the second kudos within the hour was pushed too")
		}
		if len(o.pushInbox(u)) != 3 {
			t.Errorf("every kudos belongs in the inbox")
		}
	})
	t.Run("kudos on another story push on their own", func(t *testing.T) {
		if d := f.pushDeliveries(other); len(d) != 1 {
			t.Errorf("kudos on S2: %d pushes, want 1", len(d))
		}
	})
	t.Run("kudos on the story an hour later push again", func(t *testing.T) {
		o.clock.Advance(time.Hour)
		later := kudos("S1")
		if d := f.pushDeliveries(later); len(d) != 1 {
			t.Errorf("kudos on S1 an hour later: %d pushes, want 1", len(d))
		}
	})
}
