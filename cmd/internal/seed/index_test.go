package seed_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/microact/microact/cmd/internal/seed"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/store"
	"github.com/redis/go-redis/v9"
)

// The export finds every outcome recorded, once, in day and user order, from the users' records
// of the days the outcome counts name; the counts add up to it, before and after retention has
// removed the oldest days.
func TestOutcomeCountsAndExportAgree(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC) // a Wednesday: history up to Tuesday
	st, org, users := seedOrg(t, now, 120)
	recorded, err := seed.History{Store: st, Org: org, Days: 14, Seed: 3, Workers: 4}.Run(ctx, users, now)
	if err != nil {
		t.Fatal(err)
	}
	export := func(from, to string) []string {
		var rows []string
		err := st.ExportOutcomes(ctx, org.ID, from, to, func(r domain.ExportRow) error {
			rows = append(rows, r.Day+" "+r.UserID+" "+r.Result)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	count := func(from, to string) int {
		n, err := st.CountOutcomes(ctx, org.ID, from, to)
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	rows := export("", "")
	if len(rows) != recorded || count("", "") != recorded {
		t.Fatalf("%d rows exported and %d counted of %d outcomes recorded", len(rows), count("", ""), recorded)
	}
	if !slices.IsSorted(rows) || len(slices.Compact(slices.Clone(rows))) != len(rows) {
		t.Error("the export is not in day and user order, or lists an outcome twice")
	}
	today := domain.LocalDay(now, org.Location())
	from, to := domain.AddDays(today, -7), domain.AddDays(today, -3)
	if part := export(from, to); len(part) != count(from, to) || len(part) == 0 {
		t.Errorf("%s..%s: %d rows exported, %d counted", from, to, len(part), count(from, to))
	}

	cutoff := domain.AddDays(today, -5)
	if _, err := st.ExpireOutcomes(ctx, org.ID, cutoff); err != nil {
		t.Fatal(err)
	}
	kept := export("", "")
	if len(kept) == 0 || len(kept) >= recorded || count("", "") != len(kept) || count("", domain.AddDays(cutoff, -1)) != 0 {
		t.Errorf("after retention: %d rows exported, %d counted (%d before the cut-off); %d recorded",
			len(kept), count("", ""), count("", domain.AddDays(cutoff, -1)), recorded)
	}
	for _, r := range kept {
		if r[:10] < cutoff {
			t.Fatalf("exported %q from before the cut-off %s", r, cutoff)
		}
	}
}

// Layout 2 kept an index of who recorded an outcome each day (buckets of ids, and the days that
// had one); layout 3 counts each day's outcomes and reads who from the records. The migration
// step counts them from the records and removes the index.
func TestMigrationToOutcomeCounts(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC)
	st, org, users := seedOrg(t, now, 60)
	recorded, err := seed.History{Store: st, Org: org, Days: 10, Seed: 5, Workers: 4}.Run(ctx, users, now)
	if err != nil {
		t.Fatal(err)
	}
	exported := func() (rows []string) {
		err := st.ExportOutcomes(ctx, org.ID, "", "", func(r domain.ExportRow) error {
			rows = append(rows, r.Day+" "+r.UserID+" "+r.Result)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	before := exported()

	// The org as layout 2 left it: no counts, an index of the days, layout 2 recorded.
	rdb, k := st.Client(), st.Keys()
	old := []string{k.Layout2OutcomeIndex(org.ID, "2026-11-20"), k.Layout2OutcomeBucket(org.ID, "2026-11-20", "b7"), k.Layout2OutcomeDays(org.ID)}
	rdb.Del(ctx, k.OutcomeCounts(org.ID))
	rdb.HSet(ctx, old[0], "n", 1, "b7", 1)
	rdb.Set(ctx, old[1], users[0].ID+",", 0)
	rdb.ZAdd(ctx, old[2], redis.Z{Score: 20412, Member: "2026-11-20"})
	rdb.HSet(ctx, k.OrgSettings(org.ID), "layout", 2)
	if n, err := st.CountOutcomes(ctx, org.ID, "", ""); err != nil || n != 0 {
		t.Fatalf("%d outcomes counted without counts, %v", n, err)
	}

	m, err := st.Migrate(ctx, org.ID, store.MigrateOptions{})
	if err != nil || m.From != 2 || m.To != store.LayoutVersion || len(m.Steps) != 1 {
		t.Fatalf("migration %+v, %v", m, err)
	}
	if n, err := st.CountOutcomes(ctx, org.ID, "", ""); err != nil || n != int64(recorded) {
		t.Errorf("%d outcomes counted after the migration, %v; %d recorded", n, err, recorded)
	}
	if after := exported(); !slices.Equal(after, before) || len(after) != recorded {
		t.Errorf("the export changed: %d rows, %d before", len(after), len(before))
	}
	for _, key := range old {
		if rdb.Exists(ctx, key).Val() != 0 {
			t.Errorf("%s outlived the migration", key)
		}
	}
}
