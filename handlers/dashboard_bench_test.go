package handlers

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/microact/microact/store/redistest"
	"github.com/redis/go-redis/v9"
)

// The team dashboard read through the whole stack: since the dashboard, its 8-week series and
// the NPS link are counted on read from per-team-per-day logs, a read is many LRANGEs. A team of
// 25 with 30 days of outcomes (about 80% done), read by its lead, one read at a time on a
// redis-server of its own. Reports, per read, the time, the Redis round trips and commands
// (a pipeline is one round trip), and Redis' main-thread CPU (INFO cpu). Run with
//
//	go test -run '^$' -bench TeamDashboard -benchmem ./handlers/
//
// Figures go to BENCHMARKS.md (Leaderboards).

const (
	dashBenchMembers = 25
	dashBenchDays    = 30
)

// dashBenchCounter counts what goes to Redis: round trips (a command or a pipeline) and commands.
type dashBenchCounter struct{ trips, cmds atomic.Int64 }

func (c *dashBenchCounter) DialHook(next redis.DialHook) redis.DialHook { return next }

func (c *dashBenchCounter) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		c.trips.Add(1)
		c.cmds.Add(1)
		return next(ctx, cmd)
	}
}

func (c *dashBenchCounter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		c.trips.Add(1)
		c.cmds.Add(int64(len(cmds)))
		return next(ctx, cmds)
	}
}

func BenchmarkTeamDashboard(b *testing.B) {
	t := benchT(b)
	srv := redistest.Start(b) // a private server: INFO cpu measures this benchmark's reads alone
	a, teamID, lead, seeded := dashBenchSeed(t, withRedis(srv))
	b.Log(seeded)
	counter := &dashBenchCounter{}
	a.store.Client().AddHook(counter)
	client := &http.Client{}
	for _, period := range []string{"week", "last_month"} {
		b.Run("period="+period, func(b *testing.B) {
			url := a.url + "/v1/teams/" + teamID + "/dashboard?period=" + period
			read := func() {
				req, _ := http.NewRequest("GET", url, nil)
				req.Header.Set("Authorization", "Bearer "+lead.AccessToken)
				res, err := client.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != 200 {
					b.Fatalf("status %d", res.StatusCode)
				}
			}
			read() // the scripts loaded, the connections dialled
			ctx := context.Background()
			cpuBefore, err := a.store.RedisCPU(ctx)
			if err != nil {
				b.Fatal(err)
			}
			trips, cmds := counter.trips.Load(), counter.cmds.Load()
			n := 0
			for b.Loop() {
				read()
				n++
			}
			trips, cmds = counter.trips.Load()-trips, counter.cmds.Load()-cmds
			cpuAfter, err := a.store.RedisCPU(ctx)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(trips)/float64(n), "trips/op")
			b.ReportMetric(float64(cmds)/float64(n), "cmds/op")
			b.ReportMetric(float64(cpuAfter-cpuBefore)/float64(n)/1e3, "redis-µs/op")
		})
	}
}

// dashBenchSeed makes the team and its 30 days of outcomes; it answers the API, the team's id
// its lead's session, fresh at the time of the reads, and what was seeded.
func dashBenchSeed(t *testing.T, opts ...apiOption) (*testAPI, string, *Session, string) {
	t.Helper()
	a := newAPI(t, opts...)
	// The 30 days end on a Friday, 2026-12-04: this week is Monday to Friday, last month is
	// November, of which the data cover the 5th to the 30th.
	first := loopAmsterdam(t, "2026-11-05", "09:00:00")
	a.clock.Set(first.Add(-24 * time.Hour))
	o := boardOrgOn(a, "dashbench")
	o.gestures(o.value.Id, "Gesture", 9)
	team := o.boardTeam("Store Utrecht")
	members := make([]*Session, dashBenchMembers)
	for i := range members {
		role := "employee"
		if i == 0 {
			role = "lead" // the lead is one of the 25, and reads the dashboard
		}
		members[i] = o.member(fmt.Sprintf("Member %02d", i), role, team.Id)
	}
	lead := members[0]
	o.boardLeadTeam(team, lead.User.Id)
	reactions := []string{"delighted", "positive", "positive", "neutral", "negative"}
	rng := rand.New(rand.NewPCG(21, 22))
	done := 0
	for d := range dashBenchDays {
		o.at(first.AddDate(0, 0, d), members...)
		for _, s := range members {
			as := o.a.loopToday(s)
			body := map[string]any{}
			switch r := rng.IntN(100); {
			case r < 80:
				done++
				body["result"], body["reaction"] = "done", reactions[rng.IntN(len(reactions))]
				if rng.IntN(10) == 0 {
					body["story"], body["share"] = "She smiled and came back the next day.", true
				}
			case r < 88:
				body["result"] = "skipped"
			case r < 90:
				body["result"] = "blocked"
				body["barrier"] = map[string]any{"category": "time", "text": "Too busy at the till."}
			default:
				continue // no outcome that day
			}
			o.a.loopOutcome(s, as.Id, body)
		}
	}
	o.at(loopAmsterdam(t, "2026-12-04", "18:00:00"), lead)
	var check Dashboard
	a.call("GET", "/v1/teams/"+team.Id+"/dashboard?period=last_month", lead.AccessToken, nil).expect(200).decode(&check)
	if check.Members != dashBenchMembers || check.Results.Done == 0 || len(check.Series) != dashboardWeeks {
		t.Fatalf("the seeded dashboard: %d members, %d done, %d weeks", check.Members, check.Results.Done, len(check.Series))
	}
	seeded := fmt.Sprintf("seeded %d members × %d days, %d done (%.0f%%); last month reads %d done",
		dashBenchMembers, dashBenchDays, done, 100*float64(done)/float64(dashBenchMembers*dashBenchDays), check.Results.Done)

	return a, team.Id, lead, seeded
}
