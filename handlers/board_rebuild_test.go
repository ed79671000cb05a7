package handlers

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store"
	"github.com/microact/microact/store/redistest"
	"github.com/redis/go-redis/v9"
)

// boardPlay lives plans day by day from day offset first, each member's actions a millisecond
// after the previous member's: 'd' done, 'h' done with a shared story and a delighted
// customer, 'r' done with a neutral one, 's' skipped, 'b' blocked, 'l' opened and recorded done
// the next morning (occurred that evening), '-' nothing.
func (o *boardOrg) boardPlay(first int, members []*Session, plans []string) int {
	o.t.Helper()
	recorded := 0
	var late []int
	for i := range len(plans[0]) {
		day := loopDay(first + i)
		for n, k := range late {
			s := members[k]
			o.at(boardAmsterdam(o.t, day, "08:00:00").Add(time.Duration(n)*time.Millisecond), s)
			prev := loopDay(first + i - 1)
			o.a.loopOutcome(s, domain.AssignmentID(prev, s.User.Id), map[string]any{"result": "done", "occurred_at": boardAmsterdam(o.t, prev, "20:00:00")})
			recorded++
		}
		late = nil
		for k, s := range members {
			at := boardAmsterdam(o.t, day, "09:00:00").Add(time.Duration(k) * time.Millisecond)
			switch plans[k][i] {
			case '-':
			case 'l':
				o.at(at, s)
				o.a.loopToday(s)
				late = append(late, k)
			case 'h':
				o.boardRecordAt(at, s, "done", map[string]any{"reaction": "delighted", "story": "A regular came back to say thanks.", "share": true})
				recorded++
			case 'r':
				o.boardRecordAt(at, s, "done", map[string]any{"reaction": "neutral"})
				recorded++
			default:
				o.boardRecordAt(at, s, map[byte]string{'d': "done", 's': "skipped", 'b': "blocked"}[plans[k][i]])
				recorded++
			}
		}
	}
	return recorded
}

func TestBoardRebuildGivesIdenticalBoards(t *testing.T) {
	o := boardNewOrgAt(t, "rebuild", boardAmsterdam(t, loopDay(-3), "08:00:00"))
	red := o.boardTeam("Red")
	blue := o.boardTeam("Blue")
	eva := o.member("Eva Jansen", "employee", red.Id)
	sam := o.member("Sam de Vries", "employee", red.Id)
	lena := o.member("Lena Bos", "lead", red.Id)
	ida := o.member("Ida Smit", "employee", blue.Id)
	o.boardLeadTeam(red, lena.User.Id)
	o.challenge("Greeting week", loopDay(2), loopDay(8), []string{o.greeting.Id}, map[string]any{"bonus_points": 5})

	// Friday 20 November to Wednesday 2 December: three org weeks, two months, a challenge.
	recorded := o.boardPlay(-3, []*Session{eva, sam, lena, ida}, []string{
		"dd-hdsdbdrd-d",
		"sdl-bdd-hdd-d",
		"d-dd-ddd-rdbd",
		"-ddrdd-sbdhdd",
	})
	// A barrier merged into another leaves the open ones, and a rebuild does not bring it back.
	ctx := context.Background()
	reds, _, err := o.a.store.Barriers(ctx, o.slug, red.Id, "", domain.Page{Limit: 10})
	if err != nil || len(reds) < 2 {
		t.Fatalf("red's barriers: %v, %v", reds, err)
	}
	if err := o.a.store.MergeBarrier(ctx, o.slug, reds[0], reds[1], reds[0].CreatedAt); err != nil {
		t.Fatal(err)
	}
	k := o.a.store.Keys()
	patterns := boardRebuilt(k, o.slug)
	before := o.a.boardSnapshot(patterns...)
	redOpen := k.OpenBarriers(o.slug, red.Id)
	for _, key := range []string{k.TeamBoard(o.slug, red.Id, "w"+loopDay(0)), k.TeamsBoard(o.slug, "all"), k.DashboardDay(o.slug, blue.Id, loopDay(8)), redOpen} {
		if before[key] == "" {
			t.Fatalf("no %s among the keys the outcomes wrote: %v", key, boardSortedKeys(before))
		}
	}

	if strings.Contains(before[redOpen], reds[0].ID) {
		t.Fatalf("the merged barrier is still open: %s", before[redOpen])
	}

	// Drift: a board with points nobody earned, a lost counter, a stale period.
	rdb := o.a.store.Client()
	rdb.ZIncrBy(ctx, k.TeamsBoard(o.slug, "all"), 100, red.Id)
	rdb.Del(ctx, k.DashboardDay(o.slug, blue.Id, loopDay(8)))
	rdb.ZAdd(ctx, k.TeamBoard(o.slug, red.Id, "w2026-01-05"), redis.Z{Score: 5, Member: "8224000000000:" + eva.User.Id})

	var calls, last, total int64
	err = o.a.store.RebuildBoards(ctx, o.slug, func(done, all int64) { calls, last, total = calls+1, done, all })
	if err != nil {
		t.Fatal(err)
	}
	if calls == 0 || last != int64(recorded) || total != int64(recorded) {
		t.Errorf("progress ended at %d of %d after %d calls, want %d of %d", last, total, calls, recorded, recorded)
	}
	boardSnapshotsAlike(t, "before", before, "after", o.a.boardSnapshot(patterns...))
	t.Logf("%d outcomes, %d keys compared", recorded, len(before))
}

// boardRebuilt is the patterns of the keys a rebuild makes anew (see Store.RebuildBoards): the
// boards of teams, of all teams and of challenges, and the teams' dashboard logs and open
// barriers.
func boardRebuilt(k store.Keys, org string) []string {
	return append(boardsAndDashboards(k, org), k.OpenBarriers(org, "*"))
}

// boardsAndDashboards is the patterns of every leaderboard and dashboard log of an org.
func boardsAndDashboards(k store.Keys, org string) []string {
	return []string{k.TeamBoard(org, "*", "*"), k.TeamsBoard(org, "*"), k.ChallengeBoard(org, "*"), k.DashboardDay(org, "*", "*")}
}

// boardSnapshotsAlike reports each key whose content differs between two snapshots (see
// boardSnapshot), a and b, named as they are.
func boardSnapshotsAlike(t *testing.T, aName string, a map[string]string, bName string, b map[string]string) {
	t.Helper()
	for _, key := range boardSortedKeys(a) {
		if a[key] != b[key] {
			t.Errorf("%s\n %-7s %s\n %-7s %s", key, aName, a[key], bName, b[key])
		}
	}
	for _, key := range boardSortedKeys(b) {
		if _, ok := a[key]; !ok {
			t.Errorf("%s only %s: %s", key, bName, b[key])
		}
	}
}

func boardSortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestBoardRebuildAfterATeamMove(t *testing.T) {
	o := boardNewOrg(t, "rebuildmove")
	red := o.boardTeam("Red")
	blue := o.boardTeam("Blue")
	eva := o.member("Eva Jansen", "employee", red.Id)
	o.boardDoneAt(boardAmsterdam(t, loopDay(0), "09:00:00"), eva)
	o.a.clock.Advance(time.Second)
	o.boardPatchUser(eva, map[string]any{"team_id": blue.Id})
	o.boardDoneAt(boardAmsterdam(t, loopDay(1), "09:00:00"), eva)

	k := o.a.store.Keys()
	before := o.a.boardSnapshot(boardsAndDashboards(k, o.slug)...)
	if err := o.a.store.RebuildBoards(context.Background(), o.slug, nil); err != nil {
		t.Fatal(err)
	}
	after := o.a.boardSnapshot(boardsAndDashboards(k, o.slug)...)
	// The points Eva earned in Red stay with Red, as the live boards keep them: each record says
	// the team it was recorded in.
	if redAll := k.TeamBoard(o.slug, red.Id, "all"); before[redAll] == "" {
		t.Fatalf("Red's all-time board was empty before the rebuild: %v", boardSortedKeys(before))
	}
	boardSnapshotsAlike(t, "before", before, "after", after)
}

// Layout 1 kept a team's dashboard figures in counters per period and its done days in a hash;
// layout 2 counts them on read from a log per day. The migration step rebuilds the boards from
// the stored outcomes: the old counters go, and the dashboards read as they did.
func TestBoardMigrationToDashboardLogs(t *testing.T) {
	o := boardNewOrgAt(t, "dashmigrate", boardAmsterdam(t, loopDay(-3), "08:00:00"))
	red := o.boardTeam("Red")
	eva := o.member("Eva Jansen", "employee", red.Id)
	sam := o.member("Sam de Vries", "employee", red.Id)
	lena := o.member("Lena Bos", "lead", red.Id)
	o.boardLeadTeam(red, lena.User.Id)
	o.boardPlay(-3, []*Session{eva, sam, lena}, []string{"dd-hdsdbdrd-d", "sdl-bdd-hdd-d", "d-dd-ddd-rdbd"})
	dashboards := func() map[string]string {
		out := map[string]string{}
		for _, period := range []string{"week", "month", "last_week", "last_month"} {
			out[period] = string(o.a.call("GET", "/v1/teams/"+red.Id+"/dashboard?period="+period, lena.AccessToken, nil).expect(200).Body)
		}
		return out
	}
	before := dashboards()

	// The org as layout 1 left it: no logs, the old counters and done days, layout 1 recorded.
	ctx := context.Background()
	rdb := o.a.store.Client()
	k := o.a.store.Keys()
	for _, key := range o.a.boardScan(k.DashboardDay(o.slug, "*", "*")) {
		rdb.Del(ctx, key)
	}
	old := []string{k.Layout1Dashboard(o.slug, red.Id, "w"+loopDay(7)), k.Layout1DashboardUsers(o.slug, red.Id, "w"+loopDay(7)), k.Layout1DoneDays(o.slug, red.Id)}
	for _, key := range old {
		rdb.HSet(ctx, key, "done", 3)
	}
	rdb.Del(ctx, k.OutcomeCounts(o.slug)) // layout 3's outcome counts
	rdb.HSet(ctx, k.OrgSettings(o.slug), "layout", 1)
	if v, err := o.a.store.OrgLayout(ctx, o.slug); err != nil || v != 1 {
		t.Fatalf("layout %d, %v before the migration", v, err)
	}

	m, err := o.a.store.Migrate(ctx, o.slug, store.MigrateOptions{})
	if err != nil || m.From != 1 || m.To != store.LayoutVersion || len(m.Steps) != store.LayoutVersion-1 {
		t.Fatalf("migration %+v, %v", m, err)
	}
	for _, key := range old {
		if n := rdb.Exists(ctx, key).Val(); n != 0 {
			t.Errorf("%s outlived the migration", key)
		}
	}
	after := dashboards()
	for period, body := range before {
		if after[period] != body {
			t.Errorf("%s after the migration\n%s\nbefore\n%s", period, after[period], body)
		}
	}
}

// Outcomes go on being recorded while a rebuild runs, and each ends up on the boards and
// dashboards once, as a rebuild of the stored outcomes alone adds them: one recorded before the
// rebuild's scan reads it, one between the scan's read and its write, one after the scan has
// passed. Meanwhile a second rebuild of the org is refused.
func TestBoardRebuildCountsOutcomesRecordedMeanwhileOnce(t *testing.T) {
	o, _, people := boardLiveOrg(t, "rebuildlive")
	eva, sam, ida, lou := people[0], people[1], people[2], people[3]
	ctx := context.Background()
	k, rdb := o.a.store.Keys(), o.a.store.Client()
	boardLiveOutcome(o, eva)

	// before the scan: the outcomes are counted, once the boards are deleted, just before it
	before := &redistest.AfterCmd{Name: "hgetall", Key: k.OutcomeCounts(o.slug), Do: func() {
		boardLiveOutcome(o, sam)
		if err := o.a.store.RebuildBoards(ctx, o.slug, nil); domain.ErrorCode(err) != "rebuild_running" {
			t.Errorf("a second rebuild meanwhile: %v, want rebuild_running", err)
		}
	}}
	// between the scan's read of lou's records and the replay of what it read
	between := &redistest.AfterCmd{Name: "hmget", Key: k.Assignments(o.slug, lou.User.Id), Do: func() { boardLiveOutcome(o, lou) }}
	rdb.AddHook(before)
	rdb.AddHook(between)
	after := false
	if err := o.a.store.RebuildBoards(ctx, o.slug, func(int64, int64) {
		if !after { // the scan has passed every outcome of the day
			after = true
			boardLiveOutcome(o, ida)
		}
	}); err != nil {
		t.Fatal(err)
	}
	if !before.Fired() || !between.Fired() || !after {
		t.Fatalf("recorded before the scan %v, between its read and its write %v, after it %v", before.Fired(), between.Fired(), after)
	}
	boardLiveRebuiltOnce(t, o, 4)
}

// A rebuild cut short keeps the boards held: outcomes recorded meanwhile stay off them until a
// rebuild adds every outcome once. One that fails ends its lease, and the workers' next pass
// (ResumeRebuild) takes its hold over at once; after two failures in a row, a minute later. One
// stopped by its caller hands the boards over: it is not counted as a failure. One that stops
// without a word (its process killed: here its Redis client closed) is taken over once its lease
// has run out. With no hold in place, or on an org that awaits `microact migrate`, the workers'
// pass does nothing.
func TestBoardRebuildCutShortIsResumed(t *testing.T) {
	onBoard := func(t *testing.T, o *boardOrg, team string, s *Session) bool {
		t.Helper()
		k, rdb := o.a.store.Keys(), o.a.store.Client()
		_, err := rdb.ZScore(context.Background(), k.TeamBoard(o.slug, team, "all"), s.User.Id).Result()
		if err != nil && err != redis.Nil {
			t.Fatal(err)
		}
		return err == nil
	}
	resume := func(t *testing.T, o *boardOrg, want bool) {
		t.Helper()
		if rebuilt, err := o.a.store.ResumeRebuild(context.Background(), o.slug); err != nil || rebuilt != want {
			t.Fatalf("ResumeRebuild = %v, %v; want %v", rebuilt, err, want)
		}
	}
	stopped := func(t *testing.T, o *boardOrg) {
		t.Helper()
		ctx, cancel := context.WithCancel(context.Background())
		if err := o.a.store.RebuildBoards(ctx, o.slug, func(int64, int64) { cancel() }); !errors.Is(err, context.Canceled) {
			t.Fatalf("a rebuild whose context ended midway: %v, want it cancelled", err)
		}
	}
	t.Run("nothing held", func(t *testing.T) {
		o, team, people := boardLiveOrg(t, "rebuildnone")
		boardLiveOutcome(o, people[0])
		o.a.store.Client().Del(context.Background(), o.a.store.Keys().TeamBoard(o.slug, team, "all"))
		resume(t, o, false)
		if onBoard(t, o, team, people[0]) {
			t.Error("the workers rebuilt boards nobody held")
		}
	})
	t.Run("failed", func(t *testing.T) {
		o, _, people := boardLiveOrg(t, "rebuildfail")
		boardLiveOutcome(o, people[0])
		boardFailedRebuild(t, o)
		resume(t, o, true)
		resume(t, o, false)
		boardLiveRebuiltOnce(t, o, 1)
	})
	t.Run("failed again", func(t *testing.T) {
		o, team, people := boardLiveOrg(t, "rebuildfail2")
		eva, sam := people[0], people[1]
		boardLiveOutcome(o, eva)
		boardFailedRebuild(t, o)
		boardFailedRebuild(t, o) // takes the first's hold over, and counts it
		resume(t, o, false)
		boardLiveOutcome(o, sam) // a minute later
		if onBoard(t, o, team, sam) {
			t.Error("an outcome recorded after a failed rebuild is on the boards it left incomplete")
		}
		resume(t, o, true)
		if !onBoard(t, o, team, sam) {
			t.Error("an outcome recorded after two failed rebuilds is not on the board once they were resumed")
		}
		boardLiveRebuiltOnce(t, o, 2)
	})
	t.Run("stopped", func(t *testing.T) {
		o, _, people := boardLiveOrg(t, "rebuildstop")
		boardLiveOutcome(o, people[0])
		stopped(t, o)
		stopped(t, o)
		resume(t, o, true)
		boardLiveRebuiltOnce(t, o, 1)
	})
	t.Run("of an org awaiting migrate", func(t *testing.T) {
		o, _, people := boardLiveOrg(t, "rebuildlayout")
		boardLiveOutcome(o, people[0])
		boardFailedRebuild(t, o)
		rdb, settings := o.a.store.Client(), o.a.store.Keys().OrgSettings(o.slug)
		if err := rdb.HSet(context.Background(), settings, "layout", store.LayoutVersion-1).Err(); err != nil {
			t.Fatal(err)
		}
		resume(t, o, false)
		if held, err := rdb.HExists(context.Background(), settings, "rb").Result(); err != nil || !held {
			t.Errorf("the hold of an org awaiting migrate was let go of (%v)", err)
		}
	})
	t.Run("killed", func(t *testing.T) {
		o, team, people := boardLiveOrg(t, "rebuildkill")
		eva, sam, ida := people[0], people[1], people[2]
		boardLiveOutcome(o, eva)
		killed := boardRebuilder(t, o, o.a.clock)
		if err := killed.RebuildBoards(context.Background(), o.slug, func(int64, int64) { killed.Close() }); err == nil {
			t.Fatal("a rebuild whose Redis client closed midway succeeded")
		}
		boardLiveOutcome(o, sam) // a minute into the killed one's lease
		if err := o.a.store.RebuildBoards(context.Background(), o.slug, nil); domain.ErrorCode(err) != "rebuild_running" {
			t.Errorf("a rebuild within the killed one's lease: %v, want rebuild_running", err)
		}
		o.a.clock.Advance(3 * time.Minute)
		resume(t, o, false)
		boardLiveOutcome(o, ida) // as the lease runs out
		for _, s := range []*Session{sam, ida} {
			if onBoard(t, o, team, s) {
				t.Errorf("%s's outcome, recorded while the killed rebuild held the boards, is on them", s.User.Name)
			}
		}
		resume(t, o, true)
		boardLiveRebuiltOnce(t, o, 3)
	})
}

// boardFailedRebuild runs a rebuild of o from a process of its own, which fails midway: Redis
// answers its count of the stored outcomes, once the boards are deleted, with an error.
func boardFailedRebuild(t *testing.T, o *boardOrg) {
	t.Helper()
	st := boardRebuilder(t, o, o.a.clock)
	failure := errors.New("READONLY You can't write against a read only replica.")
	st.Client().AddHook(&redistest.AfterCmd{Name: "hgetall", Key: st.Keys().OutcomeCounts(o.slug), Err: failure})
	if err := st.RebuildBoards(context.Background(), o.slug, nil); err == nil {
		t.Fatal("a rebuild whose count of the outcomes failed succeeded")
	}
}

// A rebuild that lost its hold to another (it had not renewed it for its lease, as this one's
// clock has it) writes nothing more while the other holds the boards, even when its own clock,
// behind, says its lease holds.
func TestBoardRebuildThatLostItsHoldWritesNothingMore(t *testing.T) {
	o, _, people := boardLiveOrg(t, "rebuildlost")
	for _, s := range people {
		boardLiveOutcome(o, s)
	}
	o.at(o.a.clock.Now().Add(24*time.Hour), people...)
	for _, s := range people {
		boardLiveOutcome(o, s)
	}
	stale := boardRebuilder(t, o, domain.NewFixedClock(o.a.clock.Now()))
	holding, lost, taken := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	batches := 0
	err := stale.RebuildBoards(context.Background(), o.slug, func(int64, int64) {
		if batches++; batches != 1 { // after the first day's outcomes
			return
		}
		o.a.clock.Advance(5 * time.Minute)
		go func() {
			once := false
			taken <- o.a.store.RebuildBoards(context.Background(), o.slug, func(int64, int64) {
				if !once { // the newer rebuild holds the boards, midway: the stale one goes on
					once = true
					close(holding)
					<-lost
				}
			})
		}()
		select {
		case <-holding:
		case err := <-taken:
			t.Fatalf("the rebuild taking over ended before it held the boards: %v", err)
		}
	})
	close(lost)
	if batches == 0 {
		t.Fatalf("the stale rebuild ended before its first batch: %v", err)
	}
	if domain.ErrorCode(err) != "rebuild_lost" || batches != 1 {
		t.Errorf("the rebuild that lost its hold: %v after %d batches, want rebuild_lost after the first", err, batches)
	}
	if err := <-taken; err != nil {
		t.Fatalf("the rebuild taking over: %v", err)
	}
	boardLiveRebuiltOnce(t, o, 8)
}

// A rebuild that runs long (its clock here a minute on at each look) renews its hold at its
// batches, the deletions' too, and goes on with the new one.
func TestBoardRebuildRenewsItsHold(t *testing.T) {
	o, _, people := boardLiveOrg(t, "rebuildlong")
	for _, s := range people {
		boardLiveOutcome(o, s)
	}
	start := o.a.clock.Now()
	clock := &boardSteppingClock{now: start, step: time.Minute}
	// once the deletions are done (the outcomes are counted next), the hold has been renewed:
	// its lease ends later than the first one's, a look and 5 minutes after the start
	// the rebuild takes over a hold left by three rebuilds that failed in a row, and one more:
	// the renewed hold keeps that count of four
	ctx, k, rdb := context.Background(), o.a.store.Keys(), o.a.store.Client()
	if err := rdb.HSet(ctx, k.OrgSettings(o.slug), "rb", "0/left/3").Err(); err != nil {
		t.Fatal(err)
	}
	renewed := &redistest.AfterCmd{Name: "hgetall", Key: k.OutcomeCounts(o.slug), Do: func() {
		mark, err := rdb.HGet(ctx, k.OrgSettings(o.slug), "rb").Result()
		end, _, _ := strings.Cut(mark, "/")
		if n, _ := strconv.ParseInt(end, 10, 64); err != nil || n <= start.Add(6*time.Minute).Unix() || !strings.HasSuffix(mark, "/4") {
			t.Errorf("the hold after the deletions %q (%v), want one renewed, of four failures", mark, err)
		}
	}}
	rebuilder := boardRebuilder(t, o, clock)
	rebuilder.Client().AddHook(renewed)
	if err := rebuilder.RebuildBoards(ctx, o.slug, nil); err != nil {
		t.Fatal(err)
	}
	if !renewed.Fired() {
		t.Fatal("the rebuild never counted the outcomes")
	}
	boardLiveRebuiltOnce(t, o, 4)
}

// boardSteppingClock moves on by step at each look.
type boardSteppingClock struct {
	mu    sync.Mutex
	now   time.Time
	step  time.Duration
	looks int
}

func (c *boardSteppingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.looks++
	c.now = c.now.Add(c.step)
	return c.now
}

// A person erased while a rebuild runs is not brought back onto the boards or the dashboard
// logs: neither one whose outcome the scan read before the erasure and added after, nor one
// whose outcome, recorded while the rebuild held the boards, was pending when they were erased.
func TestBoardRebuildLeavesAPersonErasedMeanwhileOff(t *testing.T) {
	erase := func(o *boardOrg, s *Session) {
		o.a.call("DELETE", "/v1/admin/users/"+s.User.Id, o.admin.AccessToken, nil).expect(204)
	}
	check := func(t *testing.T, o *boardOrg, gone *Session) {
		t.Helper()
		for key, content := range o.a.boardSnapshot(boardRebuilt(o.a.store.Keys(), o.slug)...) {
			if strings.Contains(content, gone.User.Id) {
				t.Errorf("the erased person is back on %s: %s", key, content)
			}
		}
		boardLiveRebuiltOnce(t, o, 3)
	}
	t.Run("read by the scan", func(t *testing.T) {
		o, _, people := boardLiveOrg(t, "rebuilderase")
		for _, s := range people {
			boardLiveOutcome(o, s)
		}
		lou := people[3]
		erased := &redistest.AfterCmd{Name: "hmget", Key: o.a.store.Keys().Assignments(o.slug, lou.User.Id), Do: func() { erase(o, lou) }}
		o.a.store.Client().AddHook(erased)
		if err := o.a.store.RebuildBoards(context.Background(), o.slug, nil); err != nil {
			t.Fatal(err)
		}
		if !erased.Fired() {
			t.Fatal("the rebuild never read her outcome")
		}
		check(t, o, lou)
	})
	t.Run("pending", func(t *testing.T) {
		o, _, people := boardLiveOrg(t, "rebuilderasepending")
		for _, s := range people[:3] {
			boardLiveOutcome(o, s)
		}
		lou, batches := people[3], 0
		if err := o.a.store.RebuildBoards(context.Background(), o.slug, func(int64, int64) {
			if batches++; batches == 1 {
				boardLiveOutcome(o, lou)
				pending, err := o.a.store.Client().SIsMember(context.Background(), o.a.store.Keys().RebuildPending(o.slug), loopDay(0)+"|"+lou.User.Id).Result()
				if err != nil || !pending {
					t.Errorf("her outcome is not pending (%v)", err)
				}
				erase(o, lou)
			}
		}); err != nil {
			t.Fatal(err)
		}
		check(t, o, lou)
	})
}

// boardRebuilder is a store of its own on o's Redis, with the clock clock: a rebuild run from
// another process.
func boardRebuilder(t *testing.T, o *boardOrg, clock domain.Clock) *store.Store {
	t.Helper()
	r := redistest.Shared(t)
	st, err := store.Connect(store.Options{URL: r.URL(), ClusterAddrs: r.ClusterAddrs(), KeyPrefix: o.a.prefix}, clock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// boardLiveOrg is an org with a team of four members who each have today's assignment, made at
// 09:00 Amsterdam; it answers the team's id.
func boardLiveOrg(t *testing.T, slug string) (*boardOrg, string, []*Session) {
	o := boardNewOrgAt(t, slug, boardAmsterdam(t, loopDay(0), "09:00:00"))
	red := o.boardTeam("Red")
	var people []*Session
	for _, name := range []string{"Eva Jansen", "Sam de Vries", "Ida Smit", "Lou Bakker"} {
		s := o.member(name, "employee", red.Id)
		o.a.loopToday(s)
		people = append(people, s)
	}
	return o, red.Id, people
}

// boardLiveOutcome records s's outcome of today, done, a minute after the last.
func boardLiveOutcome(o *boardOrg, s *Session) {
	o.a.clock.Advance(time.Minute)
	o.a.loopRefresh(s)
	o.a.loopOutcome(s, o.a.loopToday(s).Id, map[string]any{"result": "done"})
}

// boardLiveRebuiltOnce checks that no outcome is left pending and that the org's boards and
// dashboards are what a rebuild of its stored outcomes makes, with n done outcomes of today and
// yesterday in the team's dashboard logs and each of its members who recorded one on its
// all-time board.
func boardLiveRebuiltOnce(t *testing.T, o *boardOrg, n int) {
	t.Helper()
	ctx := context.Background()
	k, rdb := o.a.store.Keys(), o.a.store.Client()
	if got, err := rdb.Exists(ctx, k.RebuildPending(o.slug)).Result(); err != nil || got != 0 {
		t.Errorf("outcomes left pending: %d (%v)", got, err)
	}
	patterns := boardRebuilt(k, o.slug)
	live := o.a.boardSnapshot(patterns...)
	if err := o.a.store.RebuildBoards(ctx, o.slug, nil); err != nil {
		t.Fatal(err)
	}
	boardSnapshotsAlike(t, "as left", live, "rebuilt", o.a.boardSnapshot(patterns...))
	entries, members := 0, map[string]bool{}
	for _, key := range o.a.boardScan(k.DashboardDay(o.slug, "*", "*")) {
		list, err := rdb.LRange(ctx, key, 0, -1).Result()
		if err != nil {
			t.Fatal(err)
		}
		entries += len(list)
	}
	for _, key := range o.a.boardScan(k.TeamBoard(o.slug, "*", "all")) {
		ids, err := rdb.ZRange(ctx, key, 0, -1).Result()
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			members[id] = true
		}
	}
	if entries != n {
		t.Errorf("%d entries in the dashboard logs, want %d", entries, n)
	}
	if want := min(n, 4); len(members) != want {
		t.Errorf("%d members on the all-time board, want %d", len(members), want)
	}
}
