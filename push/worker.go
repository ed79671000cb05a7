// Package push delivers notifications: the FCM sender, the outbox worker that pushes what lands
// in the outbox at least once, and the scheduler of daily reminders. It is the only package
// importing Firebase.
package push

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/microact/microact/domain"
)

// Store is what the worker needs of the store.
type Store interface {
	Org(ctx context.Context, id string) (domain.Org, error)
	User(ctx context.Context, org, id string) (domain.User, error)
	Devices(ctx context.Context, org, userID string) ([]domain.PushDevice, error)
	RemoveToken(ctx context.Context, org, token string) error
	ClaimOutbox(ctx context.Context, org, consumer string, n int, stale time.Duration) ([]domain.OutboxItem, error)
	AckOutbox(ctx context.Context, org, entryID string) error
	RetryOutbox(ctx context.Context, org string, item domain.OutboxItem, due time.Time, attempts int) error
	DeadLetter(ctx context.Context, org string, item domain.OutboxItem, reason string) error
	PromoteRetries(ctx context.Context, org string, now time.Time) (int, error)
	Sent(ctx context.Context, org, notificationID string) (map[string]bool, error)
	MarkSent(ctx context.Context, org, notificationID string, deviceIDs []string) error
	AllowPush(ctx context.Context, org, userID, day, notificationID string, cap int, collapse string, window time.Duration, now time.Time) (bool, error)
	LeaseDelivery(ctx context.Context, org, notificationID, consumer string, now time.Time, hold time.Duration) (bool, string, error)
	TakeOverDelivery(ctx context.Context, org, notificationID, consumer, holder string, now time.Time, hold time.Duration) (bool, string, error)
	ReleaseDelivery(ctx context.Context, org, notificationID, consumer string) error
	WorkerBeat(ctx context.Context, consumer string, ttl time.Duration) error
	WorkerAlive(ctx context.Context, consumer string) (bool, error)
	WorkerGone(ctx context.Context, consumer string) error
}

// Policy limits.
const (
	DailyCap    = 4         // pushes per user per local day; the rest reach the inbox only
	KudosWindow = time.Hour // kudos on one story collapse into one push per window
	MaxAttempts = 8         // then the notification goes to the dead letters
	// claimStale is how long an entry a consumer took may stay unacknowledged before another
	// takes it over. A live worker that is slower than this keeps the notification by its lease
	// (deliver), so this only bounds how soon a dead worker's entries move on.
	claimStale = 10 * time.Second
	// deliveryLease is how long a worker holds the lease on a notification it is pushing: longer
	// than a send can take (the sender's timeout), so no other worker pushes it meanwhile. A
	// worker that dies mid-send loses it sooner: when its heartbeat runs out.
	deliveryLease = 2 * time.Minute
	// HeartbeatTTL is how long a worker's heartbeat outlives its last refresh (Worker.Heartbeat
	// by default); Run refreshes it five times as often, so Redis may be out of the worker's
	// reach (or the process stalled) for 4/5 of it before its leases may be taken over.
	HeartbeatTTL = 5 * time.Second
	batchSize    = 200
	// parallelDeliveries is how many notifications one worker pushes at once.
	parallelDeliveries = 32
	backoffBase        = 2 * time.Second
	backoffLimit       = 10 * time.Minute
)

var errNoHeartbeat = errors.New("the worker's heartbeat may have run out: not sending")

// Worker pushes the notifications of the outbox.
type Worker struct {
	Store    Store
	Sender   Sender
	Clock    domain.Clock
	Log      *slog.Logger
	Consumer string // unique per process: a crashed consumer's entries are claimed by others
	Metrics  *Metrics
	// ClaimStale is how long an entry another consumer took may stay unacknowledged before this
	// worker takes it over (that consumer crashed). Redis measures it, not Clock. Zero: 10 s.
	ClaimStale time.Duration
	// Heartbeat is how long the worker's heartbeat lives after each refresh. Zero: HeartbeatTTL.
	Heartbeat time.Duration

	// beatAt is when the heartbeat was last written (Unix ns, the real clock, as Redis times
	// the heartbeat's life); 0 before the first.
	beatAt atomic.Int64
}

// heartbeat is how long the heartbeat lives, and how often it is refreshed.
func (w *Worker) heartbeat() (ttl, every time.Duration) {
	ttl = orDefault(w.Heartbeat, HeartbeatTTL)
	return ttl, ttl / 5
}

// Beat writes the worker's heartbeat. Run does it every fifth of its life; RunOnce when the
// last one is older than that.
func (w *Worker) Beat(ctx context.Context) error {
	began := time.Now()
	ttl, _ := w.heartbeat()
	if err := w.Store.WorkerBeat(ctx, w.Consumer, ttl); err != nil {
		return err
	}
	w.beatAt.Store(began.UnixNano())
	return nil
}

func (w *Worker) beatEvery() time.Duration { _, every := w.heartbeat(); return every }

// beating answers whether this worker's heartbeat is surely still alive in Redis (with a margin
// of a refresh): a worker whose heartbeat may have run out may have its leases taken over, and
// must not start a send another worker may be starting too.
func (w *Worker) beating() bool {
	at := w.beatAt.Load()
	ttl, every := w.heartbeat()
	return at != 0 && time.Since(time.Unix(0, at)) < ttl-every
}

// RunOnce delivers what is due in one org's outbox and answers how many it handled.
func (w *Worker) RunOnce(ctx context.Context, org string) (int, error) {
	if at := w.beatAt.Load(); at == 0 || time.Since(time.Unix(0, at)) >= w.beatEvery() {
		if err := w.Beat(ctx); err != nil {
			return 0, err
		}
	}
	now := w.Clock.Now()
	if _, err := w.Store.PromoteRetries(ctx, org, now); err != nil {
		return 0, err
	}
	items, err := w.Store.ClaimOutbox(ctx, org, w.Consumer, batchSize, orDefault(w.ClaimStale, claimStale))
	if err != nil || len(items) == 0 {
		return 0, err
	}
	o, err := w.Store.Org(ctx, org)
	if err != nil {
		return 0, err
	}
	// Deliveries wait on FCM, not on this machine: several at a time keep a rush moving.
	var wg sync.WaitGroup
	slots := make(chan struct{}, parallelDeliveries)
	// Redis lets another worker take over an entry idle for ClaimStale (by its real clock). Stop
	// starting deliveries halfway there, and leave the rest to be claimed again by anyone; one
	// already started may outlast it, and its lease keeps a worker that takes the entry over
	// from pushing it too (deliver).
	startBy := time.Now().Add(orDefault(w.ClaimStale, claimStale) / 2)
	for _, item := range items {
		if time.Now().After(startBy) {
			break
		}
		w.Metrics.lag(now.Sub(item.Enqueued))
		slots <- struct{}{}
		wg.Add(1)
		go func(item domain.OutboxItem) {
			defer func() { <-slots; wg.Done() }()
			if err := w.deliver(ctx, o, item); err != nil {
				// Left unacknowledged: another pass (or worker) claims it again.
				w.Log.Warn("push delivery", "org", org, "notification", item.ID, "err", err)
			}
		}(item)
	}
	wg.Wait()
	return len(items), nil
}

// deliver pushes one notification, under the lease on it: an entry another worker took over as
// stale may still be in that worker's hands (a send slower than ClaimStale), and it must not
// be pushed twice. A lease whose holder has no heartbeat (it died) is taken over at once.
// Without the lease the entry is left as it is, to be claimed again later.
func (w *Worker) deliver(ctx context.Context, org domain.Org, item domain.OutboxItem) error {
	leased, holder, err := w.Store.LeaseDelivery(ctx, org.ID, item.ID, w.Consumer, w.Clock.Now(), deliveryLease)
	if err != nil {
		return err
	}
	if !leased {
		alive, err := w.Store.WorkerAlive(ctx, holder)
		if err != nil || alive {
			return err
		}
		// Taken only if the dead holder still holds it: not from a live worker that took it
		// over first.
		if leased, _, err = w.Store.TakeOverDelivery(ctx, org.ID, item.ID, w.Consumer, holder, w.Clock.Now(), deliveryLease); err != nil || !leased {
			return err
		}
		w.Log.Info("push: took over the delivery of a worker without a heartbeat", "org", org.ID, "notification", item.ID, "from", holder)
	}
	defer func() {
		if err := w.Store.ReleaseDelivery(context.WithoutCancel(ctx), org.ID, item.ID, w.Consumer); err != nil {
			w.Log.Warn("push lease", "org", org.ID, "notification", item.ID, "err", err) // it runs out by itself
		}
	}()
	return w.push(ctx, org, item)
}

func (w *Worker) push(ctx context.Context, org domain.Org, item domain.OutboxItem) error {
	u, err := w.Store.User(ctx, org.ID, item.UserID)
	if domain.ErrorKind(err) == domain.KindNotFound {
		return w.Store.AckOutbox(ctx, org.ID, item.EntryID)
	}
	if err != nil {
		return err
	}
	now := w.Clock.Now()
	loc, err := domain.LoadTimezone("timezone", u.EffectiveTimezone(org))
	if err != nil {
		loc = org.Location()
	}
	local := now.In(loc)
	if item.Kind != domain.KindTest {
		if quiet, end := domain.InQuietHours(local, u.Preferences.QuietHours); quiet {
			w.Metrics.deferred.Inc()
			return w.Store.RetryOutbox(ctx, org.ID, item, end, item.Attempts)
		}
		collapse := ""
		if item.Kind == domain.KindKudos {
			collapse = item.Collapse
		}
		ok, err := w.Store.AllowPush(ctx, org.ID, u.ID, domain.LocalDay(now, loc), item.ID, DailyCap, collapse, KudosWindow, now)
		if err != nil {
			return err
		}
		if !ok {
			w.Metrics.suppressed.Inc()
			return w.Store.AckOutbox(ctx, org.ID, item.EntryID)
		}
	}
	devices, err := w.Store.Devices(ctx, org.ID, u.ID)
	if err != nil {
		return err
	}
	sent, err := w.Store.Sent(ctx, org.ID, item.ID)
	if err != nil {
		return err
	}
	var msgs []Message
	var targets []domain.PushDevice
	for _, d := range devices {
		if sent[d.ID] {
			continue // pushed before a crash; do not push twice
		}
		msgs = append(msgs, Message{
			Token: d.Token, Platform: d.Platform, Title: item.Title, Body: item.Body, Data: item.Data, CollapseKey: item.Collapse,
		})
		targets = append(targets, d)
	}
	if len(msgs) == 0 {
		return w.Store.AckOutbox(ctx, org.ID, item.EntryID)
	}
	if !w.beating() {
		// Another worker may already count this one dead and take the notification over.
		return errNoHeartbeat
	}
	results, err := w.Sender.Send(ctx, msgs)
	if err != nil {
		return w.retry(ctx, org.ID, item, 0, "send: "+err.Error())
	}
	var delivered []string
	var retryAfter time.Duration
	retryable := false
	for i, r := range results {
		switch {
		case r.Err == nil:
			delivered = append(delivered, targets[i].ID)
			w.Metrics.sent.Inc()
		case r.Unregistered:
			w.Metrics.failed.WithLabelValues("unregistered").Inc()
			if err := w.Store.RemoveToken(ctx, org.ID, targets[i].Token); err != nil {
				return err
			}
		case r.Retryable:
			w.Metrics.failed.WithLabelValues("retryable").Inc()
			retryable = true
			retryAfter = max(retryAfter, r.RetryAfter)
		default:
			w.Metrics.failed.WithLabelValues("rejected").Inc()
			w.Log.Warn("push rejected", "org", org.ID, "notification", item.ID, "err", r.Err)
		}
	}
	if err := w.Store.MarkSent(ctx, org.ID, item.ID, delivered); err != nil {
		return err
	}
	if retryable {
		return w.retry(ctx, org.ID, item, retryAfter, "retryable failure")
	}
	return w.Store.AckOutbox(ctx, org.ID, item.EntryID)
}

// retry schedules another attempt with exponential back-off and jitter, never sooner than the
// server's Retry-After; after MaxAttempts the notification is dead-lettered.
func (w *Worker) retry(ctx context.Context, org string, item domain.OutboxItem, retryAfter time.Duration, reason string) error {
	attempts := item.Attempts + 1
	if attempts >= MaxAttempts {
		w.Metrics.dead.Inc()
		return w.Store.DeadLetter(ctx, org, item, reason)
	}
	w.Metrics.retried.Inc()
	return w.Store.RetryOutbox(ctx, org, item, w.Clock.Now().Add(max(Backoff(attempts), retryAfter)), attempts)
}

// Backoff is the wait before attempt n+1: 2 s doubling per attempt up to 10 min, ±20 % jitter so
// failed pushes do not return all at once.
func Backoff(attempt int) time.Duration {
	d := backoffBase << min(attempt-1, 20)
	if d > backoffLimit || d <= 0 {
		d = backoffLimit
	}
	jitter := 0.8 + 0.4*rand.Float64()
	return time.Duration(float64(d) * jitter)
}

// Run polls every org's outbox until stop is closed or ctx ends, resting for poll when there
// was nothing to do, and returns once the pass under way is finished: a delivery started is
// finished (or cut short when ctx ends), not left for another worker to take over later.
// Meanwhile it keeps the worker's heartbeat, and removes it on the way out. orgs is asked on
// every pass (an org made a moment ago is served at once).
func (w *Worker) Run(ctx context.Context, stop <-chan struct{}, orgs func(context.Context) ([]string, error), poll time.Duration) {
	beats := make(chan struct{})
	var beating sync.WaitGroup
	beating.Go(func() { w.keepBeating(ctx, beats) })
	defer func() {
		close(beats)
		beating.Wait()
		gctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		if err := w.Store.WorkerGone(gctx, w.Consumer); err != nil {
			w.Log.Warn("push worker: removing the heartbeat", "err", err) // it runs out by itself
		}
	}()
	for ctx.Err() == nil && !closed(stop) {
		busy := false
		ids, err := orgs(ctx)
		if err != nil {
			w.Log.Warn("push worker: listing orgs", "err", err)
		}
		for _, org := range ids {
			if closed(stop) {
				break
			}
			n, err := w.RunOnce(ctx, org)
			if err != nil && ctx.Err() == nil {
				w.Log.Warn("push worker", "org", org, "err", err)
			}
			busy = busy || n > 0
		}
		if !busy {
			rest(ctx, stop, poll)
		}
	}
}

// keepBeating refreshes the heartbeat until done is closed or ctx ends, on its own: a slow send
// must not let it run out.
func (w *Worker) keepBeating(ctx context.Context, done <-chan struct{}) {
	t := time.NewTicker(w.beatEvery())
	defer t.Stop()
	for {
		if err := w.Beat(ctx); err != nil && ctx.Err() == nil {
			w.Log.Warn("push worker: heartbeat", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-done:
			return
		case <-t.C:
		}
	}
}

// closed answers whether stop is closed (a nil stop never is).
func closed(stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// rest waits for d, or less when ctx ends or stop is closed.
func rest(ctx context.Context, stop <-chan struct{}, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-stop:
	case <-t.C:
	}
}
