package faults

import (
	"testing"
	"time"

	"github.com/microact/microact/store/redistest"
)

// The size of the crowd in the kill tests: enough phones that a kill lands among requests
// in flight, few enough to seed and verify in a few seconds.
const (
	crowd       = 240
	crowdTeams  = 4
	crowdPhones = 24 // requests in flight at once
)

func TestRedisKilledUnderLoadWithFsyncAlways(t *testing.T) {
	redisKilledUnderLoad(t, true)
}

func TestRedisKilledUnderLoadWithFsyncEverysec(t *testing.T) {
	redisKilledUnderLoad(t, false)
}

// redisKilledUnderLoad has a crowd of phones record today's outcomes through a microact
// process while its Redis is killed with SIGKILL a third of the way through and restarted
// from its append-only file after the outage has been answered (with 503s) for a while. Then
// every phone retries with the same Idempotency-Key, and each outcome must be recorded once.
//
// With appendfsync always nothing acknowledged may be lost. With everysec the test only counts
// the losses: Redis write()s the AOF before it answers, so a killed process usually loses
// nothing (the kernel still has the page cache); what everysec risks is the last second on a
// crash of the machine, or a write Redis postponed while a slow fsync was running.
func redisKilledUnderLoad(t *testing.T, fsyncAlways bool) {
	var opts []redistest.Option
	if fsyncAlways {
		opts = append(opts, redistest.AppendFsyncAlways())
	}
	rds := redistest.Start(t, opts...)
	d := newDeployment(t, rds.URL(), nil)
	o := newOrg(t, d)
	api := d.serve("microact")
	o.populate(t, api.URL(), crowd, crowdTeams)
	all := intents(o.staff)
	route := func(*intent) []string { return []string{api.URL()} }

	start := time.Now()
	l := newLoad()
	l.lossOK = !fsyncAlways
	done := l.run(all, crowdPhones, route)
	eventually(t, 30*time.Second, "a third of the outcomes acknowledged", func() bool { return l.acked.Load() >= crowd/3 })
	ackedBeforeKill := l.acked.Load()
	rds.Kill()
	killedAt := time.Now()
	// Keep Redis down until the outage has been answered a few dozen times (or the crowd is
	// through), so it is seen by requests that reach microact, not only by ones in flight.
	outage := time.Now().Add(10 * time.Second)
	for l.unavail.Load() < 50 && time.Now().Before(outage) {
		select {
		case <-done:
			outage = time.Now()
		case <-time.After(5 * time.Millisecond):
		}
	}
	rds.Restart()
	down := time.Since(killedAt)
	<-done
	firstPass := l.String()
	l.check(t)
	if l.unavail.Load() == 0 {
		t.Fatal("no request saw the outage: the kill did not land under load")
	}

	acked := 0
	wasAcked, wasSwapped := map[*intent]bool{}, map[*intent]bool{}
	var lost []*intent
	for _, in := range all {
		wasSwapped[in] = in.swapped != nil
		if in.first == nil {
			continue
		}
		acked++
		wasAcked[in] = true
		if !recorded(t, api.URL(), in) {
			lost = append(lost, in)
		}
	}
	if fsyncAlways && len(lost) > 0 {
		t.Errorf("%d of %d acknowledged outcomes are gone after the restart (appendfsync always), e.g. user %d", len(lost), acked, lost[0].n)
	}

	// Every phone sends its outcome again, acknowledged or not: a phone that lost its answer
	// cannot tell, and with everysec an acknowledged one may have been lost.
	retried := newLoad()
	retried.lossOK = !fsyncAlways
	retried.retryAll(t, all, route)
	retried.check(t)
	landedUnanswered := 0 // recorded, but the phone never heard
	for _, in := range all {
		switch {
		case wasAcked[in] && !in.replayed && fsyncAlways:
			t.Errorf("user %d: the repeat of an acknowledged outcome was recorded anew, not answered from the first answer", in.n)
		case !wasAcked[in] && in.replayed:
			landedUnanswered++
		}
		if wasSwapped[in] && !in.swapReplayed && fsyncAlways {
			t.Errorf("user %d: the repeat of an acknowledged swap was not answered from the first answer", in.n)
		}
	}

	t.Run("every intended outcome is recorded exactly once", func(t *testing.T) {
		verifyExactlyOnce(t, api.URL(), o, all)
	})
	t.Logf("appendfsync %s: %d phones, %d outcomes acknowledged before the kill, %d by the end of the first pass, "+
		"%d acknowledged ones lost, %d recorded without an answer; Redis down %s\nfirst pass: %s\nretries: %s\ntotal %s",
		map[bool]string{true: "always", false: "everysec"}[fsyncAlways], crowd, ackedBeforeKill, acked, len(lost), landedUnanswered,
		down.Round(time.Millisecond), firstPass, retried, time.Since(start).Round(time.Millisecond))
}

// recorded reports whether the intent's outcome is recorded, asking until Redis answers.
func recorded(t *testing.T, base string, in *intent) bool {
	t.Helper()
	var today struct {
		Outcome *struct{ Result string } `json:"outcome"`
	}
	if err := fetch(base+"/v1/me/today", in.token, &today); err != nil {
		t.Fatalf("user %d: %v", in.n, err)
	}
	return today.Outcome != nil && today.Outcome.Result == in.result
}

func TestMicroactKilledUnderLoad(t *testing.T) {
	rds := redistest.Start(t, redistest.AppendFsyncAlways())
	d := newDeployment(t, rds.URL(), nil)
	o := newOrg(t, d)
	a, b := d.serve("microact-a"), d.serve("microact-b")
	o.populate(t, a.URL(), crowd, crowdTeams)
	all := intents(o.staff)
	// Half the phones reach a first, half b; each fails over to the other when it gets no answer.
	route := func(in *intent) []string {
		if in.n%2 == 0 {
			return []string{a.URL(), b.URL()}
		}
		return []string{b.URL(), a.URL()}
	}

	start := time.Now()
	l := newLoad()
	l.transportOK = true
	done := l.run(all, crowdPhones, route)
	eventually(t, 30*time.Second, "a third of the outcomes acknowledged", func() bool { return l.acked.Load() >= crowd/3 })
	ackedBeforeKill := l.acked.Load()
	a.kill()
	<-done
	firstPass := l.String()
	l.check(t)
	if l.failovers == 0 {
		t.Fatal("no request failed over: the kill did not land under load")
	}
	for _, in := range all {
		if in.first == nil {
			t.Errorf("user %d: no answer from either replica", in.n)
		}
	}

	a.restart()
	t.Run("the killed replica serves again after a restart", func(t *testing.T) {
		var me struct{ Id string }
		if err := fetch(a.URL()+"/v1/me", all[0].token, &me); err != nil || me.Id != all[0].id {
			t.Fatalf("GET /v1/me on the restarted replica: %+v, %v", me, err)
		}
	})

	// Every phone repeats its request at the restarted replica: each must get its first answer.
	again := newLoad()
	again.retryAll(t, all, func(*intent) []string { return []string{a.URL()} })
	again.check(t)
	if again.replayed != len(all) {
		t.Errorf("%d of %d repeats were answered from the first answer", again.replayed, len(all))
	}

	t.Run("every intended outcome is recorded exactly once", func(t *testing.T) {
		verifyExactlyOnce(t, b.URL(), o, all)
	})
	t.Logf("%d phones on two replicas, %d outcomes acknowledged before one was killed\nfirst pass: %s\nrepeats: %s\ntotal %s",
		crowd, ackedBeforeKill, firstPass, again, time.Since(start).Round(time.Millisecond))
}
