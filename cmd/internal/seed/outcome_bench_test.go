package seed_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/microact/microact/cmd/internal/seed"
	"github.com/microact/microact/configs"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/store"
	"github.com/microact/microact/store/redistest"
)

func TestMain(m *testing.M) { redistest.Main(m) }

// BenchmarkOutcomeScript records outcomes straight through the store — no HTTP, no JSON of
// the API — for users in teams of 50 with the starter pack, each user's workdays in order as
// the history simulation makes them (a fifth of the done ones share a story, 8% are blocked).
// Besides ns/op it reports redis-µs/op: the CPU Redis' main thread spent per outcome, the
// cost that limits how many outcomes one Redis takes (the outcome phase of `make bench`).
//
//	go test -run '^$' -bench OutcomeScript -benchtime 4000x ./cmd/internal/seed/
func BenchmarkOutcomeScript(b *testing.B) {
	ctx := context.Background()
	// today at 07:00 UTC: the store's own clock, which the enrollment codes' expiry is checked
	// against, is the system's (a fixed date made every code expired once it had passed)
	now := time.Now().UTC().Truncate(24 * time.Hour).Add(7 * time.Hour)
	// Enough users that each records at most 20 workdays.
	const days = 20
	st, org, users := seedOrg(b, now, (b.N+days-1)/days)

	// Day after day: everyone's assignment (not measured), then everyone's outcome.
	h := seed.History{Store: st, Org: org, Seed: 1}
	rngs := make([]*rand.Rand, len(users))
	for i := range rngs {
		rngs[i] = rand.New(rand.NewPCG(1, uint64(i)))
	}
	var redisCPU time.Duration
	b.ResetTimer()
	done := 0
	for day := domain.AddDays(domain.LocalDay(now, org.Location()), -2*days); done < b.N; day = domain.AddDays(day, 1) {
		if domain.ISOWeekday(day) > 5 {
			continue
		}
		b.StopTimer()
		batch := users[:min(len(users), b.N-done)]
		reqs := make([]domain.OutcomeRequest, len(batch))
		for i, u := range batch {
			req, noon := h.Outcome(rngs[i], u, day)
			if _, err := st.Today(ctx, org.ID, u.ID, day, noon.Add(-3*time.Hour)); err != nil {
				b.Fatal(err)
			}
			reqs[i] = req
		}
		before, err := st.RedisCPU(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for _, req := range reqs {
			if _, err := st.RecordOutcome(ctx, req); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		after, err := st.RedisCPU(ctx)
		if err != nil {
			b.Fatal(err)
		}
		redisCPU += after - before
		done += len(batch)
	}
	b.ReportMetric(float64(redisCPU)/float64(time.Microsecond)/float64(b.N), "redis-µs/op")
}

// BenchmarkFirstReadScript makes the day's assignment of users this replica served the day
// before (their state is its copy: one EVALSHA of assignment_apply each), in teams of 50 with
// the starter pack, one at a time, and reports Redis' CPU per first read as the outcome's and
// the floor's are reported. With more than 20,000 users (the copies a store keeps) the first
// reads would be two round trips: keep -benchtime below that.
//
//	go test -run '^$' -bench 'FirstReadScript|FloorScript' -benchtime 4000x ./cmd/internal/seed/
func BenchmarkFirstReadScript(b *testing.B) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(24 * time.Hour).Add(7 * time.Hour)
	st, org, users := seedOrg(b, now, b.N)
	today := domain.LocalDay(now, org.Location())
	for _, u := range users { // yesterday's assignment, on this replica
		if _, err := st.Today(ctx, org.ID, u.ID, domain.AddDays(today, -1), now.Add(-24*time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
	reportRedisCPU(b, st, func() {
		for _, u := range users {
			if _, err := st.Today(ctx, org.ID, u.ID, today, now); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// reportRedisCPU times run as b's b.N operations and reports Redis' main-thread CPU per
// operation (redis-µs/op).
func reportRedisCPU(b *testing.B, st *store.Store, run func()) {
	ctx := context.Background()
	before, err := st.RedisCPU(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	run()
	b.StopTimer()
	after, err := st.RedisCPU(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(after-before)/float64(time.Microsecond)/float64(b.N), "redis-µs/op")
}

// seedOrg makes an org with the starter pack and n employees in teams of 50 on a store of the
// shared Redis.
func seedOrg(tb testing.TB, now time.Time, n int) (*store.Store, domain.Org, []domain.User) {
	tb.Helper()
	srv := redistest.Shared(tb)
	st := store.New(srv.Client(tb), redistest.Prefix(tb), domain.SystemClock{})
	org, users := seedOrgOn(tb, st, now, n)
	return st, org, users
}

// seedOrgOn is seedOrg on st.
func seedOrgOn(tb testing.TB, st *store.Store, now time.Time, n int) (domain.Org, []domain.User) {
	tb.Helper()
	ctx := context.Background()
	org, err := domain.NewOrg("bench", "Bench Retail", "Europe/Amsterdam", now)
	if err != nil {
		tb.Fatal(err)
	}
	admin, err := domain.NewUser(org, domain.UserInput{Name: "Admin", Email: "admin@bench.example", Role: "admin"}, now)
	if err != nil {
		tb.Fatal(err)
	}
	_, enrollment := domain.NewEnrollment(now)
	if err := st.CreateOrg(ctx, org, admin, enrollment, nil); err != nil {
		tb.Fatal(err)
	}
	pack, err := configs.StarterPack()
	if err != nil {
		tb.Fatal(err)
	}
	if _, _, err := seed.Pack(ctx, st, org.ID, pack, domain.SystemClock{}); err != nil {
		tb.Fatal(err)
	}
	users := make([]domain.User, n)
	var teamID string
	for i := range users {
		if i%50 == 0 {
			team := domain.Team{Org: org.ID, CreatedAt: now}
			name := fmt.Sprintf("Store %d", i/50+1)
			if err := team.Apply(domain.TeamInput{Name: &name}); err != nil {
				tb.Fatal(err)
			}
			team, err := st.CreateTeam(ctx, team)
			if err != nil {
				tb.Fatal(err)
			}
			teamID = team.ID
		}
		u, err := domain.NewUser(org, domain.UserInput{
			Name: fmt.Sprintf("Person %d", i), Email: fmt.Sprintf("p%d@bench.example", i), Role: "employee", TeamID: teamID,
		}, now)
		if err != nil {
			tb.Fatal(err)
		}
		_, enrollment := domain.NewEnrollment(now)
		if err := st.CreateUser(ctx, u, enrollment, nil); err != nil {
			tb.Fatal(err)
		}
		users[i] = u
	}
	return org, users
}

// BenchmarkFloorScript calls the floor of a write (cmd/microact-load's essential-outcome.lua)
// the way BenchmarkOutcomeScript records outcomes, one call at a time, and reports Redis' CPU
// per call likewise: the two measured alike (`make bench` compares them at different rates).
//
//	go test -run '^$' -bench 'OutcomeScript|FloorScript' -benchtime 4000x ./cmd/internal/seed/
func BenchmarkFloorScript(b *testing.B) {
	ctx := context.Background()
	src, err := os.ReadFile("../../microact-load/essential-outcome.lua")
	if err != nil {
		b.Fatal(err)
	}
	srv := redistest.Shared(b)
	st := store.New(srv.Client(b), redistest.Prefix(b), domain.SystemClock{})
	floor := st.Floor(string(src))
	b.Cleanup(func() { _ = floor.Clear(context.Background()) })
	reportRedisCPU(b, st, func() {
		for i := range b.N {
			// teams of 50, each user's workdays in turn, as the outcomes above
			user := fmt.Sprintf("u%05d", i%(max(b.N/20, 1)))
			if err := floor.Call(ctx, user, fmt.Sprintf("t%03d", i%max(b.N/20, 1)/50), fmt.Sprintf("d%05d", i), 10, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
}
