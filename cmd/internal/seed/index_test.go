package seed_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/cmd/internal/seed"
	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// The outcome index of settled days, compacted as the retention worker does, lists the same
// outcomes in less memory; the days outcomes may still be added to are left as they are.
func TestCompactedOutcomeIndexKeepsEveryOutcome(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC) // a Wednesday: history up to Tuesday
	st, org, users, prefix := seedOrg(t, now, 300)
	recorded, err := seed.History{Store: st, Org: org, Days: 14, Seed: 3, Workers: 4}.Run(ctx, users, now)
	if err != nil {
		t.Fatal(err)
	}
	today := domain.LocalDay(now, org.Location())
	export := func() []string {
		var rows []string
		err := st.ExportOutcomes(ctx, org.ID, "", "", func(r domain.ExportRow) error {
			rows = append(rows, r.Day+" "+r.UserID+" "+r.Result)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	before := export()
	if len(before) != recorded {
		t.Fatalf("%d rows exported of %d outcomes recorded", len(before), recorded)
	}
	memBefore := indexMemory(t, st.Client(), prefix+":{"+org.ID+"}:")

	n, err := st.CompactOutcomeIndexes(ctx, org.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	// 14 days back from Wednesday hold 10 workdays; the last two (Monday, Tuesday) are less
	// than three days back and may still gain an outcome.
	if n != 8 {
		t.Errorf("compacted %d days, want the 8 settled workdays", n)
	}
	if after := export(); !slices.Equal(after, before) {
		t.Errorf("the export changed: %d rows, %d before", len(after), len(before))
	}
	if count, err := st.CountOutcomes(ctx, org.ID, "", ""); err != nil || count != int64(recorded) {
		t.Errorf("count %d, %v; want %d", count, err, recorded)
	}
	memAfter := indexMemory(t, st.Client(), prefix+":{"+org.ID+"}:")
	var settledBefore, settledAfter int64
	for day, b := range memBefore {
		a := memAfter[day]
		if day >= domain.AddDays(today, -3) {
			if a != b {
				t.Errorf("%s may still gain outcomes, but its index went from %d to %d B", day, b, a)
			}
			continue
		}
		settledBefore += b
		settledAfter += a
	}
	if settledAfter >= settledBefore {
		t.Errorf("the settled days' index takes %d B, %d before compacting", settledAfter, settledBefore)
	}
	t.Logf("settled days' index: %d → %d B", settledBefore, settledAfter)

	if n, err := st.CompactOutcomeIndexes(ctx, org.ID, today); err != nil || n != 0 {
		t.Errorf("compacting again did %d days, %v", n, err)
	}
	// Three days on, Monday and Tuesday are settled too.
	if n, err := st.CompactOutcomeIndexes(ctx, org.ID, domain.AddDays(today, 3)); err != nil || n != 2 {
		t.Errorf("three days later %d days compacted, %v; want Monday and Tuesday", n, err)
	}
	if after := export(); !slices.Equal(after, before) {
		t.Errorf("the export changed after the last days: %d rows", len(after))
	}
}

// indexMemory answers what each day's outcome index (its hash and buckets) takes in Redis, by
// day, under an org's key base.
func indexMemory(t *testing.T, rdb redis.UniversalClient, base string) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	days, err := rdb.ZRange(ctx, base+"outcomedays", 0, -1).Result()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, day := range days {
		index := base + "outidx:" + day
		fields, err := rdb.HKeys(ctx, index).Result()
		if err != nil {
			t.Fatal(err)
		}
		keys := []string{index}
		for _, f := range fields {
			if strings.HasPrefix(f, "b") {
				keys = append(keys, index+":"+f)
			}
		}
		for _, k := range keys {
			n, err := rdb.MemoryUsage(ctx, k, 0).Result()
			if err != nil {
				t.Fatal(err)
			}
			out[day] += n
		}
	}
	return out
}
