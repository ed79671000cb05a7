//go:build callgrind

package seed_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/cmd/internal/seed"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/store"
	"github.com/redis/go-redis/v9"
)

// TestRedisInstructions counts the instructions a Redis run by callgrind spends per first read
// of the day (decided from the replica's copy: one script), per outcome (in the proportions of
// the history simulation) and per call of the floor of a write, each called one at a time as
// BenchmarkOutcomeScript calls them: `make bench-instructions` (scripts/redis-instructions.sh)
// starts that Redis and names it in the environment.
func TestRedisInstructions(t *testing.T) {
	addr, pid, dir := os.Getenv("MICROACT_CALLGRIND_ADDR"), os.Getenv("MICROACT_CALLGRIND_PID"), os.Getenv("MICROACT_CALLGRIND_DIR")
	if addr == "" || pid == "" || dir == "" {
		t.Skip("needs a Redis run by callgrind: make bench-instructions")
	}
	ctx := context.Background()
	rdb := redis.NewClient(&redis.Options{Addr: addr, ReadTimeout: time.Minute, WriteTimeout: time.Minute})
	t.Cleanup(func() { _ = rdb.Close() })
	st := store.New(rdb, "ri", domain.SystemClock{})
	now := time.Now().UTC().Truncate(24 * time.Hour).Add(7 * time.Hour)
	const users, workdays, measured = 200, 16, 4
	org, people := seedOrgOn(t, st, now, users)

	// count runs f, which makes n calls, with callgrind's counts zeroed before and dumped after,
	// and answers the instructions per call
	count := func(n int, f func()) int64 {
		t.Helper()
		callgrind(t, "-z", pid)
		f()
		callgrind(t, "-d", pid)
		return newestDump(t, dir, pid) / int64(n)
	}
	h := seed.History{Store: st, Org: org, Seed: 1}
	rngs := make([]*rand.Rand, len(people))
	for i := range rngs {
		rngs[i] = rand.New(rand.NewPCG(1, uint64(i)))
	}
	var reads, outcomes, floors []int64
	days := 0
	for day := domain.AddDays(domain.LocalDay(now, org.Location()), -2*workdays); days < workdays; day = domain.AddDays(day, 1) {
		if domain.ISOWeekday(day) > 5 {
			continue
		}
		days++
		reqs := make([]domain.OutcomeRequest, len(people))
		firstReads := func() {
			for i, u := range people {
				req, noon := h.Outcome(rngs[i], u, day)
				if _, err := st.Today(ctx, org.ID, u.ID, day, noon.Add(-3*time.Hour)); err != nil {
					t.Fatal(err)
				}
				reqs[i] = req
			}
		}
		record := func() {
			for _, req := range reqs {
				if _, err := st.RecordOutcome(ctx, req); err != nil {
					t.Fatal(err)
				}
			}
		}
		if days <= workdays-measured {
			firstReads()
			record()
			continue
		}
		reads = append(reads, count(len(people), firstReads))
		outcomes = append(outcomes, count(len(people), record))
	}
	src, err := os.ReadFile("../../microact-load/essential-outcome.lua")
	if err != nil {
		t.Fatal(err)
	}
	floor := st.Floor(string(src))
	for round := range measured + 1 {
		calls := func() {
			for i := range 4 * users {
				// teams of 50, each user's workdays in turn, as BenchmarkFloorScript calls it
				user := fmt.Sprintf("u%05d", i%users)
				if err := floor.Call(ctx, user, fmt.Sprintf("t%03d", i%users/50), fmt.Sprintf("d%d-%05d", round, i), 10, ""); err != nil {
					t.Fatal(err)
				}
			}
		}
		if round == 0 { // loads the script and makes the users' hashes
			calls()
			continue
		}
		floors = append(floors, count(4*users, calls))
	}
	r, o, f := median(reads), median(outcomes), median(floors)
	t.Logf("Redis instructions per call (callgrind; %d users in teams of 50, the starter pack, %d workdays of history):", users, workdays)
	t.Logf("  first read of the day  %7d  (%v)  %.2f× the floor", r, reads, float64(r)/float64(f))
	t.Logf("  outcome                %7d  (%v)  %.2f× the floor", o, outcomes, float64(o)/float64(f))
	t.Logf("  floor of a write       %7d  (%v)", f, floors)
}

// callgrind sends a command to the callgrind of process pid (-z zeroes its counts, -d dumps them).
func callgrind(t *testing.T, cmd, pid string) {
	t.Helper()
	if out, err := exec.Command("callgrind_control", cmd, pid).CombinedOutput(); err != nil {
		t.Fatalf("callgrind_control %s %s: %v: %s", cmd, pid, err, out)
	}
}

// newestDump answers the instructions counted in pid's newest dump in dir.
func newestDump(t *testing.T, dir, pid string) int64 {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "callgrind.out."+pid+".*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no callgrind dump in %s: %v", dir, err)
	}
	part := func(f string) int { n, _ := strconv.Atoi(f[strings.LastIndexByte(f, '.')+1:]); return n }
	newest := slices.MaxFunc(files, func(a, b string) int { return part(a) - part(b) })
	fh, err := os.Open(newest)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "summary: "); ok {
			n, err := strconv.ParseInt(strings.Fields(v)[0], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatalf("no summary in %s", newest)
	return 0
}

func median(v []int64) int64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}
