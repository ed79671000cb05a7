package store

import (
	"context"
	"testing"
)

// Retention removes records a replica's copy of the user's state may still hold (a user away
// longer than the retention, whose stamps nothing else changed): it sets them a new view stamp,
// as every write to their records does, and leaves a user erased meanwhile erased.
func TestExpireOutcomesVoidsTheCopies(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, _ := s.org("acme")
	eva, _ := s.user(org, "Eva", "eva@acme.example", "employee", "")
	tom, _ := s.user(org, "Tom", "tom@acme.example", "employee", "")
	olaf, _ := s.user(org, "Olaf", "olaf@acme.example", "employee", "")
	for _, c := range []struct {
		id   string
		days []string
	}{{eva.ID, []string{"2026-01-05", "2026-03-02"}}, {tom.ID, []string{"2026-03-02"}}, {olaf.ID, []string{"2026-01-05"}}} {
		for _, day := range c.days {
			if err := s.rdb.HSet(ctx, s.keys.assignments(org.ID, c.id), day, "r").Err(); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.rdb.HSet(ctx, s.keys.user(org.ID, c.id), fieldViewStamp, "before").Err(); err != nil {
			t.Fatal(err)
		}
	}
	// Olaf's user hash is gone, as an erasure between the read of his records and their
	// removal leaves it (the erasure takes his records too; here they stay, to be removed).
	if err := s.rdb.Del(ctx, s.keys.user(org.ID, olaf.ID)).Err(); err != nil {
		t.Fatal(err)
	}

	n, err := s.ExpireOutcomes(ctx, org.ID, "2026-02-01")
	if err != nil || n != 2 {
		t.Fatalf("removed %d, %v; want Eva's and Olaf's January records", n, err)
	}
	stamp := func(id string) string { return s.rdb.HGet(ctx, s.keys.user(org.ID, id), fieldViewStamp).Val() }
	if got := stamp(eva.ID); got == "before" || got == "" {
		t.Errorf("Eva's view stamp %q after her January record went: her copies still answer", got)
	}
	if got := stamp(tom.ID); got != "before" {
		t.Errorf("Tom's view stamp %q: nothing of his went, his copies stay good", got)
	}
	if s.exists(s.keys.user(org.ID, olaf.ID)) {
		t.Error("the erased Olaf's user hash was made again")
	}
}
