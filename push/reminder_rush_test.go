package push_test

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store"
)

// pushRushUsers is how many users' reminders fall due in the same minute.
const pushRushUsers = 10_000

// pushPoll is how often idle replicas look at the schedule and the outbox (cmd/microact's
// pollEvery).
const pushPoll = 500 * time.Millisecond

// BenchmarkReminderRush is the morning rush: 10,000 users whose daily gesture reminder is due at
// 08:30, each with one phone. Replicas, each a scheduler and a push worker on a store of its own
// (as `microact serve` processes are), deliver to the fake FCM through the real SDK on loopback.
// It reports the time from the reminders falling due to the last push FCM accepted, pushes per
// second, and when the last reminder left the schedule. Target: all within 10 s.
//
//	go test -run='^$' -bench=BenchmarkReminderRush -benchtime=1x ./push/
func BenchmarkReminderRush(b *testing.B) {
	for _, replicas := range []int{2, 4} {
		b.Run(fmt.Sprintf("replicas=%d", replicas), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				f := pushStart(b)
				o := f.pushRushOrg(b)
				b.StartTimer()
				scheduled, delivered := o.pushRush(b, replicas)
				b.StopTimer()
				b.ReportMetric(delivered.Seconds(), "s-due-to-last-push")
				b.ReportMetric(float64(pushRushUsers)/delivered.Seconds(), "pushes/s")
				b.ReportMetric(scheduled.Seconds(), "s-due-to-last-enqueue")
			}
		})
	}
}

// pushRushOrg makes an org whose users' reminders are all due on Tuesday 2026-11-24 at 08:30,
// each with a phone. They are created on Monday evening, after the day's streak rescue and
// before a weekly recap, so only the daily gesture falls due.
func (f *pushFCM) pushRushOrg(b *testing.B) *pushOrg {
	o := f.pushOrg(b, pushAmsterdam(b, pushMonday, 19, 0))
	o.pushCatalog()
	var wg sync.WaitGroup
	users := make(chan int)
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range users {
				u := o.pushUser(fmt.Sprintf("User %05d", i), nil)
				o.pushDevice(u, "phone")
			}
		}()
	}
	for i := 0; i < pushRushUsers; i++ {
		users <- i
	}
	close(users)
	wg.Wait()
	o.clock.Set(pushAmsterdam(b, "2026-11-24", 8, 30))
	return o
}

// pushRush runs replicas until FCM has accepted one push per user. It answers how long until
// the schedule had nothing due left, and until the last push.
func (o *pushOrg) pushRush(b *testing.B, replicas int) (scheduled, delivered time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	orgs := func(context.Context) ([]string, error) { return []string{o.org.ID}, nil }
	var wg sync.WaitGroup
	start := time.Now()
	for r := 0; r < replicas; r++ {
		st, err := store.Connect(store.Options{URL: o.fcm.redis.URL(), ClusterAddrs: o.fcm.redis.ClusterAddrs(), KeyPrefix: o.prefix}, o.clock)
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		s := &pushOrg{t: o.t, ctx: o.ctx, fcm: o.fcm, prefix: o.prefix, st: st, clock: o.clock, org: o.org, metrics: o.metrics, log: o.log}
		sched, worker := s.pushScheduler(), s.pushWorker(fmt.Sprintf("replica-%d", r))
		wg.Add(2)
		go func() { defer wg.Done(); sched.Run(ctx, nil, orgs, pushPoll) }()
		go func() { defer wg.Done(); worker.Run(ctx, nil, orgs, pushPoll) }()
	}
	now := strconv.FormatInt(o.clock.Now().UnixMilli(), 10)
	for delivered == 0 {
		// Delivered copies every receipt: looking every 25 ms keeps the copying small.
		time.Sleep(25 * time.Millisecond)
		if scheduled == 0 {
			if due, err := o.fcm.rdb.ZCount(ctx, o.st.Keys().Schedule(o.org.ID), "-inf", now).Result(); err == nil && due == 0 {
				scheduled = time.Since(start)
			}
		}
		if len(o.fcm.fake.Delivered()) >= pushRushUsers {
			delivered = time.Since(start)
		}
		if ctx.Err() != nil {
			b.Fatalf("only %d of %d reminders pushed within 2 minutes", len(o.fcm.fake.Delivered()), pushRushUsers)
		}
	}
	cancel()
	wg.Wait()
	seen := map[string]bool{}
	for _, r := range o.fcm.fake.Delivered() {
		if r.Data["kind"] != domain.KindDailyGesture || seen[r.Token] {
			b.Fatalf("unexpected push: kind %s, token pushed before: %v", r.Data["kind"], seen[r.Token])
		}
		seen[r.Token] = true
	}
	if len(seen) != pushRushUsers {
		b.Errorf("FCM accepted pushes for %d users, want %d", len(seen), pushRushUsers)
	}
	return scheduled, delivered
}
