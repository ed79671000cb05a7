package store

import (
	"context"
	"testing"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store/redistest"
)

// "Me too" joins a colleague to a barrier once; the support read counts them and knows who.
func TestMeTooJoinsOnce(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, _ := s.org("metoo")
	eva, _ := s.user(org, "Eva", "eva@metoo.example", "employee", "")
	ben, _ := s.user(org, "Ben", "ben@metoo.example", "employee", "")
	b := domain.Barrier{ID: domain.NewID(testNow), ReporterID: eva.ID, Category: "time", Text: "Queue.", Status: domain.BarrierOpen, CreatedAt: testNow, UpdatedAt: testNow}
	if err := s.CreateBarrier(ctx, org.ID, b); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := s.MeToo(ctx, org.ID, b.ID, ben.ID); err != nil {
			t.Fatal(err)
		}
	}
	sup, err := s.BarrierSupport(ctx, org.ID, ben.ID, []string{b.ID, "01JFZ9B2D4F6H8K0M2P4R6T8V0"})
	if err != nil {
		t.Fatal(err)
	}
	if sup[b.ID] != (domain.BarrierSupport{MeToo: 1, Joined: true}) || sup["01JFZ9B2D4F6H8K0M2P4R6T8V0"] != (domain.BarrierSupport{}) {
		t.Errorf("support %+v", sup)
	}
	if sup, _ := s.BarrierSupport(ctx, org.ID, eva.ID, []string{b.ID}); sup[b.ID].Joined {
		t.Error("Eva counted as joined")
	}
	mine, _, err := s.Barriers(ctx, org.ID, "", ben.ID, domain.Page{Limit: 10})
	if err != nil || len(mine) != 1 || mine[0].ID != b.ID {
		t.Errorf("Ben's barriers %+v, %v", mine, err)
	}
	if err := s.MeToo(ctx, org.ID, "01JFZ9B2D4F6H8K0M2P4R6T8V0", ben.ID); domain.ErrorKind(err) != domain.KindNotFound {
		t.Errorf("me too on no barrier: %v", err)
	}
	if s.exists(s.keys.barrierMeToo(org.ID, "01JFZ9B2D4F6H8K0M2P4R6T8V0")) {
		t.Error("a refused me too wrote its set")
	}
}

// A barrier merged away or resolved takes nobody on, even when the handler read it before the
// merge or the resolution: the script checks in the step that adds.
func TestMeTooRefusesWhatIsGone(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, _ := s.org("metoo-gone")
	eva, _ := s.user(org, "Eva", "eva@metoo-gone.example", "employee", "")
	ben, _ := s.user(org, "Ben", "ben@metoo-gone.example", "employee", "")
	report := func(text string) domain.Barrier {
		b := domain.Barrier{ID: domain.NewID(testNow), ReporterID: eva.ID, Category: "time", Text: text, Status: domain.BarrierOpen, CreatedAt: testNow, UpdatedAt: testNow}
		if err := s.CreateBarrier(ctx, org.ID, b); err != nil {
			t.Fatal(err)
		}
		return b
	}
	kept, dup, done := report("Queue."), report("Queue again."), report("Scanner.")
	if err := s.MergeBarrier(ctx, org.ID, dup, kept, testNow); err != nil {
		t.Fatal(err)
	}
	resolved := done
	resolved.Status = domain.BarrierResolved
	if err := s.UpdateBarrier(ctx, org.ID, done, resolved, domain.Notice{Draft: domain.BarrierUpdateDraft(done.ID, domain.BarrierResolved, done.Text, ""), Now: testNow}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		id   string
		code string
		into string
	}{
		{"a merged barrier answers where it went", dup.ID, "barrier_merged", kept.ID},
		{"a resolved barrier is a conflict", done.ID, "barrier_resolved", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := s.MeToo(ctx, org.ID, c.id, ben.ID)
			if domain.ErrorCode(err) != c.code || domain.AsError(err).MergedInto != c.into {
				t.Errorf("me too: %v", err)
			}
			if s.exists(s.keys.barrierMeToo(org.ID, c.id)) {
				t.Error("the refused me too wrote its set")
			}
		})
	}
}

// A barrier past retention that a colleague joins ("me too") between the expiry's read and its
// removal stays until the next run, which finds them and takes it off their list too; one a
// lead changed meanwhile is no longer past retention.
func TestExpiryOfABarrierChangedMeanwhile(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, _ := s.org("expire")
	eva, _ := s.user(org, "Eva", "eva@expire.example", "employee", "")
	ben, _ := s.user(org, "Ben", "ben@expire.example", "employee", "")
	days := 30
	org.BarrierRetentionDays = &days
	old := testNow.AddDate(0, 0, -40)
	barrier := func() domain.Barrier {
		b := domain.Barrier{ID: domain.NewID(old), ReporterID: eva.ID, Category: "time", Text: "Queue.", Status: domain.BarrierOpen, CreatedAt: old, UpdatedAt: old}
		if err := s.CreateBarrier(ctx, org.ID, b); err != nil {
			t.Fatal(err)
		}
		return b
	}
	expire := func(want int) {
		t.Helper()
		if n, err := s.ExpireSocial(ctx, org, testNow); err != nil || n != want {
			t.Fatalf("expired %d, %v; want %d", n, err, want)
		}
	}
	listed := func(user domain.User) int {
		t.Helper()
		bs, _, err := s.Barriers(ctx, org.ID, "", user.ID, domain.Page{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		return len(bs)
	}

	b := barrier()
	joined := &redistest.AfterCmd{Name: "smembers", Key: s.keys.barrierMeToo(org.ID, b.ID), Do: func() {
		if err := s.MeToo(ctx, org.ID, b.ID, ben.ID); err != nil {
			t.Error(err)
		}
	}}
	s.rdb.AddHook(joined)
	expire(0)
	if !joined.Fired() || listed(ben) != 1 || !s.exists(s.keys.barrier(org.ID, b.ID)) {
		t.Fatalf("Ben joined: %v, lists %d; the barrier should stay for the next run", joined.Fired(), listed(ben))
	}
	expire(1)
	if listed(ben) != 0 || listed(eva) != 0 || s.exists(s.keys.barrierMeToo(org.ID, b.ID)) {
		t.Errorf("after the next run Ben lists %d, Eva %d", listed(ben), listed(eva))
	}

	c := barrier()
	resolved := c
	resolved.Status, resolved.Note, resolved.UpdatedAt = domain.BarrierResolved, "Fixed.", testNow
	changed := &redistest.AfterCmd{Name: "smembers", Key: s.keys.barrierMeToo(org.ID, c.ID), Do: func() {
		if err := s.UpdateBarrier(ctx, org.ID, c, resolved, domain.Notice{}); err != nil {
			t.Error(err)
		}
	}}
	s.rdb.AddHook(changed)
	expire(0)
	expire(0)
	if got, err := s.Barrier(ctx, org.ID, c.ID); err != nil || got.Status != domain.BarrierResolved {
		t.Errorf("the barrier resolved meanwhile: %+v, %v", got, err)
	}
}
