package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store/redistest"
	"github.com/redis/go-redis/v9"
)

// Leaderboard reads at scale: a team board of 10,000 members and a board of 2,000 teams, each
// on a redis-server of its own, seeded as the outcome script leaves them. Throughput comes from
// b.RunParallel (reads/s = 1e9 / ns/op); latency at a fixed 1,000 reads/s from
// BenchmarkTeamBoardP99At1000PerSecond; Redis memory per member per period from the seeding.
// Run with
//
//	go test -run '^$' -bench Board -benchtime 3s ./store/
//
// Figures go to BENCHMARKS.md.

const (
	boardBenchMembers = 10_000
	boardBenchTeams   = 2_000
	boardBenchOrg     = "bench"
	boardBenchPeriod  = "w2026-11-23"
	boardBenchBatch   = 500 // commands per seeding pipeline
)

// boardBench is a seeded store and who reads it.
type boardBench struct {
	s       *Store
	rdb     *redis.Client
	team    string             // the team of the team board
	callers []domain.Principal // its members
	// Redis memory one period's board takes per member: used_memory before and after seeding,
	// and MEMORY USAGE of the board's two keys.
	usedPerMember, keysPerMember float64
}

func boardBenchStore(b *testing.B) *boardBench {
	b.Helper()
	// A private standalone server even in the cluster pass: INFO memory measures one process,
	// which has to hold all of the board.
	srv := redistest.Start(b)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr(), PoolSize: 32})
	b.Cleanup(func() { _ = rdb.Close() })
	return &boardBench{s: New(rdb, "mx", domain.NewFixedClock(testNow)), rdb: rdb}
}

// boardUsedMemory is INFO memory's used_memory.
func (f *boardBench) boardUsedMemory(b *testing.B) int64 {
	b.Helper()
	info, err := f.rdb.Info(context.Background(), "memory").Result()
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(info, "\r\n") {
		if v, ok := strings.CutPrefix(line, "used_memory:"); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				b.Fatal(err)
			}
			return n
		}
	}
	b.Fatal("no used_memory in INFO memory")
	return 0
}

// boardPipe runs n commands in pipelines of boardBenchBatch.
func (f *boardBench) boardPipe(b *testing.B, n int, add func(p redis.Pipeliner, i int)) {
	b.Helper()
	ctx := context.Background()
	for from := 0; from < n; from += boardBenchBatch {
		p := f.rdb.Pipeline()
		for i := from; i < min(from+boardBenchBatch, n); i++ {
			add(p, i)
		}
		if _, err := p.Exec(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// boardSeedTeam makes a team of n members with one period's board as outcomes leave it (member
// the user's id, score the points and reach time: domain.BoardPlace) and the members' user
// records.
func boardSeedTeam(b *testing.B, n int) *boardBench {
	b.Helper()
	f := boardBenchStore(b)
	ctx := context.Background()
	f.team = domain.NewID(testNow)
	team := domain.Team{ID: f.team, Org: boardBenchOrg, Name: "Store Utrecht", LeadIDs: []string{}, CreatedAt: testNow}
	if err := f.rdb.HSet(ctx, f.s.keys.team(boardBenchOrg, f.team), dataField, marshal(team)).Err(); err != nil {
		b.Fatal(err)
	}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = domain.NewID(testNow.Add(time.Duration(i) * time.Millisecond))
	}
	board := f.s.keys.teamBoard(boardBenchOrg, f.team, boardBenchPeriod)
	rng := rand.New(rand.NewPCG(1, 2))
	before := f.boardUsedMemory(b)
	f.boardPipe(b, n, func(p redis.Pipeliner, i int) {
		ms := testNow.UnixMilli() + rng.Int64N(7*24*3600*1000)
		p.ZAdd(ctx, board, redis.Z{Score: wantScore(int64(10*(1+rng.IntN(60))), ms), Member: ids[i]})
	})
	f.usedPerMember = float64(f.boardUsedMemory(b)-before) / float64(n)
	keyBytes, err := f.rdb.MemoryUsage(ctx, board, 0).Result()
	if err != nil {
		b.Fatal(err)
	}
	f.keysPerMember = float64(keyBytes) / float64(n)
	f.boardPipe(b, n, func(p redis.Pipeliner, i int) {
		u := domain.User{ID: ids[i], Name: fmt.Sprintf("Member %d", i), Role: domain.RoleEmployee, TeamID: f.team,
			Preferences: domain.Preferences{ShowOnLeaderboards: true}}
		p.HSet(ctx, f.s.keys.user(boardBenchOrg, ids[i]), dataField, marshal(u))
		p.HSet(ctx, f.s.keys.userLabels(boardBenchOrg), ids[i], userLabel(u)) // the names a board shows
	})
	f.callers = make([]domain.Principal, n)
	for i, id := range ids {
		f.callers[i] = domain.Principal{UserID: id, Org: boardBenchOrg, Role: domain.RoleEmployee, TeamID: f.team}
	}
	// One read to check the seeding (and to load the script).
	got, err := f.boardReadTeam(context.Background(), rand.IntN(n), true)
	if err != nil || len(got.Entries) != 10 || got.MyRank == 0 || got.Entries[0].Name == "" {
		b.Fatalf("a read of the seeded board: %+v, %v", got, err)
	}
	return f
}

func (f *boardBench) boardReadTeam(ctx context.Context, caller int, around bool) (domain.Board, error) {
	return f.s.TeamBoard(ctx, boardBenchOrg, f.team, boardBenchPeriod, domain.BoardRead{Caller: f.callers[caller], Limit: 10, Around: around})
}

// boardSeedTeams makes n teams of 3 to 40 active members with points on one period's board of teams.
func boardSeedTeams(b *testing.B, n int) *boardBench {
	b.Helper()
	f := boardBenchStore(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	f.boardPipe(b, n, func(p redis.Pipeliner, i int) {
		id := domain.NewID(testNow.Add(time.Duration(i) * time.Millisecond))
		team := domain.Team{ID: id, Org: boardBenchOrg, Name: fmt.Sprintf("Store %04d", i), LeadIDs: []string{}, CreatedAt: testNow}
		p.HSet(ctx, f.s.keys.team(boardBenchOrg, id), dataField, marshal(team))
		p.ZAdd(ctx, f.s.keys.teams(boardBenchOrg), redis.Z{Score: 0, Member: id})
		p.HSet(ctx, f.s.keys.teamSizes(boardBenchOrg), id, 3+rng.IntN(38))
		p.HSet(ctx, f.s.keys.teamLabels(boardBenchOrg), id, team.Name)
		p.ZAdd(ctx, f.s.keys.teamsBoard(boardBenchOrg, boardBenchPeriod), redis.Z{Score: float64(rng.IntN(5000)), Member: id})
	})
	got, err := f.s.TeamsBoard(ctx, boardBenchOrg, boardBenchPeriod)
	if err != nil || len(got) != n || got[0].Rank != 1 || got[0].Name == "" {
		b.Fatalf("a read of the seeded teams board: %d teams, %v", len(got), err)
	}
	return f
}

// boardParallel times read from many goroutines and adds reads/s.
func boardParallel(b *testing.B, read func(rng *rand.Rand) error) {
	b.Helper()
	b.SetParallelism(4) // 4 × GOMAXPROCS clients: enough to keep one Redis busy
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
		for pb.Next() {
			if err := read(rng); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reads/s")
}

func BenchmarkTeamBoardRead(b *testing.B) {
	f := boardSeedTeam(b, boardBenchMembers)
	ctx := context.Background()
	boardParallel(b, func(rng *rand.Rand) error {
		_, err := f.boardReadTeam(ctx, rng.IntN(boardBenchMembers), false)
		return err
	})
	b.ReportMetric(f.usedPerMember, "B/member")
	b.ReportMetric(f.keysPerMember, "keyB/member")
}

func BenchmarkTeamBoardAroundMe(b *testing.B) {
	f := boardSeedTeam(b, boardBenchMembers)
	ctx := context.Background()
	boardParallel(b, func(rng *rand.Rand) error {
		_, err := f.boardReadTeam(ctx, rng.IntN(boardBenchMembers), true)
		return err
	})
}

func BenchmarkTeamsBoardRead(b *testing.B) {
	f := boardSeedTeams(b, boardBenchTeams)
	ctx := context.Background()
	boardParallel(b, func(*rand.Rand) error {
		_, err := f.s.TeamsBoard(ctx, boardBenchOrg, boardBenchPeriod)
		return err
	})
}

// BenchmarkTeamBoardP99At1000PerSecond issues reads at a fixed 1,000 a second for 5 seconds
// from a few goroutines and reports the latency percentiles; b.N is not used, every run is
// those 5,000 reads. The schedule is fixed in advance, so a slow read delays the ones queued
// behind it: p99-sched-ms counts that wait (no coordinated omission), p99-ms the call alone.
func BenchmarkTeamBoardP99At1000PerSecond(b *testing.B) {
	b.Run("team=10000", func(b *testing.B) {
		f := boardSeedTeam(b, boardBenchMembers)
		boardPaced(b, 1000, 5*time.Second, 4, func(ctx context.Context, rng *rand.Rand) error {
			_, err := f.boardReadTeam(ctx, rng.IntN(boardBenchMembers), rng.IntN(2) == 0)
			return err
		})
	})
	b.Run("teams=2000", func(b *testing.B) {
		f := boardSeedTeams(b, boardBenchTeams)
		boardPaced(b, 1000, 5*time.Second, 4, func(ctx context.Context, _ *rand.Rand) error {
			_, err := f.s.TeamsBoard(ctx, boardBenchOrg, boardBenchPeriod)
			return err
		})
	})
}

// boardPaced runs rate reads a second for d from workers goroutines. Reads still queued 10 s
// after the schedule ends fail (counted in "failed", left out of the percentiles and of
// reads/s), so a board that cannot keep up, or a wedged Redis, cannot hold the run.
func boardPaced(b *testing.B, rate int, d time.Duration, workers int, read func(context.Context, *rand.Rand) error) {
	b.Helper()
	n := int(d.Seconds() * float64(rate))
	interval := time.Second / time.Duration(rate)
	ctx, cancel := context.WithTimeout(context.Background(), d+10*time.Second)
	defer cancel()
	due := make(chan time.Time, n) // never full: the schedule is kept whatever the workers do
	service, total := make([]time.Duration, n), make([]time.Duration, n)
	var done, failed atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 5))
			for at := range due {
				start := time.Now()
				if err := read(ctx, rng); err != nil {
					failed.Add(1)
					continue
				}
				end := time.Now()
				i := done.Add(1) - 1
				service[i], total[i] = end.Sub(start), end.Sub(at)
			}
		}()
	}
	// Warm up outside the schedule: the pool dials its connections, the script is cached.
	for range 20 * workers {
		if err := read(ctx, rand.New(rand.NewPCG(7, 8))); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	start := time.Now()
	for i := range n {
		at := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(at))
		due <- at
	}
	close(due)
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(failed.Load()), "failed")
	if f := failed.Load(); f > 0 {
		// Reported, not failed: a board that cannot keep up with the rate is a figure to know.
		b.Logf("%d of %d reads failed: Redis did not keep up with %d reads a second", f, n, rate)
	}
	ok := int(done.Load())
	b.ReportMetric(float64(ok)/elapsed.Seconds(), "reads/s")
	if ok == 0 {
		return
	}
	service, total = service[:ok], total[:ok]
	slices.Sort(service)
	slices.Sort(total)
	pct := func(s []time.Duration, p float64) float64 {
		return float64(s[min(len(s)-1, int(p*float64(len(s))))]) / float64(time.Millisecond)
	}
	var sum time.Duration
	for _, s := range service {
		sum += s
	}
	b.ReportMetric(float64(sum)/float64(ok), "ns/op")
	b.ReportMetric(pct(service, 0.50), "p50-ms")
	b.ReportMetric(pct(service, 0.99), "p99-ms")
	b.ReportMetric(pct(total, 0.99), "p99-sched-ms")
	b.ReportMetric(float64(service[ok-1])/float64(time.Millisecond), "max-ms")
}
