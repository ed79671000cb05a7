package store

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"

	"github.com/microact/microact/domain"
)

// kudosFixture is a story of Eva's with colleagues to give it kudos.
type kudosFixture struct {
	s       *testStore
	org     domain.Org
	team    domain.Team
	eva     domain.User
	givers  []domain.User
	story   string
	context domain.KudosContext
}

func newKudosFixture(t *testing.T, slug string, givers int) *kudosFixture {
	s := newTestStore(t)
	org, _ := s.org(slug)
	team := s.team(org, "Store Utrecht")
	eva, _ := s.user(org, "Eva", "eva@"+slug+".example", "employee", team.ID)
	f := &kudosFixture{s: s, org: org, team: team, eva: eva, story: domain.NewID(s.clock.Now())}
	for i := range givers {
		u, _ := s.user(org, "Giver "+strconv.Itoa(i), "giver"+strconv.Itoa(i)+"@"+slug+".example", "employee", team.ID)
		f.givers = append(f.givers, u)
	}
	// day | created | author | team | gesture | value | reaction | text (see decodeStory)
	if err := s.rdb.HSet(context.Background(), s.keys.story(org.ID, f.story), dataField,
		"2026-11-23|34200|"+eva.ID+"|"+team.ID+"|G1|V1|1|A story").Err(); err != nil {
		t.Fatal(err)
	}
	loc, _ := domain.LoadTimezone("timezone", org.Timezone)
	now := s.clock.Now()
	day := domain.LocalDay(now, loc)
	draft := domain.DraftEach(domain.KindKudos, "microact://stories/"+f.story, func(string) []any { return []any{"a colleague"} })
	draft.Collapse = "kudos:" + f.story
	f.context = domain.KudosContext{Points: 2, Week: domain.WeekOf(day, org.WeekStartsOn, loc), Month: domain.MonthOf(day, loc),
		Notice: domain.Notice{Draft: draft, Now: now}}
	return f
}

func (f *kudosFixture) kudos(giver string, delta int) error {
	return f.s.Kudos(context.Background(), f.org.ID, f.story, giver, delta, f.context)
}

// state answers the story's kudos, Eva's total points, received kudos, points on her team's
// week board and notifications.
func (f *kudosFixture) state(t *testing.T) (count, total, received, board, inbox int) {
	t.Helper()
	ctx, s := context.Background(), f.s
	num := func(v string, err error) int {
		if err != nil && err.Error() != "redis: nil" {
			t.Fatal(err)
		}
		n, _ := strconv.Atoi(v)
		return n
	}
	count = num(s.rdb.HGet(ctx, s.keys.story(f.org.ID, f.story), "kudos").Result())
	total = num(s.rdb.HGet(ctx, s.keys.stats(f.org.ID, f.eva.ID), "tot").Result())
	received = num(s.rdb.HGet(ctx, s.keys.stats(f.org.ID, f.eva.ID), "kudos").Result())
	score, err := s.rdb.ZScore(ctx, s.keys.teamBoard(f.org.ID, f.team.ID, f.context.Week.Key), f.eva.ID).Result()
	if err != nil && err.Error() != "redis: nil" {
		t.Fatal(err)
	}
	board = domain.BoardPlaceOf(score).Points
	inbox = int(s.rdb.LLen(ctx, s.keys.inbox(f.org.ID, f.eva.ID)).Val())
	return
}

// write is the kudos write decided from st, with the author's places as read with it.
func (f *kudosFixture) write(st kudosState, d domain.KudosDecision, in domain.KudosInput) *write {
	f.s.t.Helper()
	moves := f.s.kudosMoves(f.org.ID, st, d, in, f.context)
	scores, err := f.s.readScores(context.Background(), st.Story.AuthorID, st.scores, moves)
	if err != nil {
		f.s.t.Fatal(err)
	}
	return f.s.kudosWrite(f.org.ID, st, d, in, f.context, moves, scores)
}

// A kudos is written only while every value it was decided from is still as read: a story,
// giver or author that changed in between makes the write refuse, writing nothing, and Kudos
// decides again from the new state.
func TestKudosWriteChecksWhatItWasDecidedFrom(t *testing.T) {
	f := newKudosFixture(t, "kudosguard", 2)
	s, ctx, org := f.s, context.Background(), f.org.ID
	sam, ann := f.givers[0].ID, f.givers[1].ID
	changes := []struct {
		name   string
		change func() error
	}{
		{"another giver's kudos", func() error { return f.kudos(ann, 1) }},
		{"the giver's own kudos", func() error { return f.kudos(sam, 1) }},
		{"the author's stats", func() error { return s.rdb.HSet(ctx, s.keys.user(org, f.eva.ID), fieldStatsStamp, newStamp()).Err() }},
		{"the author (their data, which holds their team)", func() error {
			u, err := s.User(ctx, org, f.eva.ID)
			if err != nil {
				return err
			}
			after := u
			after.Name = "Eva Moved"
			return s.UpdateUser(ctx, u, after)
		}},
		{"the author's place on their team's board (a rebuild)", func() error {
			return s.rdb.ZIncrBy(ctx, s.keys.teamBoard(org, f.team.ID, "all"), 1, f.eva.ID).Err()
		}},
		{"the story, deleted", func() error { return s.rdb.HSet(ctx, s.keys.story(org, f.story), "deleted", "1").Err() }},
	}
	for _, c := range changes {
		t.Run(c.name, func(t *testing.T) {
			for _, g := range []string{sam, ann} {
				if err := f.kudos(g, -1); err != nil && domain.ErrorKind(err) != domain.KindNotFound {
					t.Fatal(err)
				}
			}
			s.rdb.HDel(ctx, s.keys.story(org, f.story), "deleted")
			in := domain.KudosInput{Giver: sam, Delta: 1, Points: f.context.Points, Now: domain.KudosPeriods{Week: f.context.Week.Key, Month: f.context.Month.Key}}
			st, err := s.readKudos(ctx, org, f.story, sam, in.Now)
			if err != nil {
				t.Fatal(err)
			}
			d, err := domain.DecideKudos(st.KudosState, in)
			if err != nil || !d.Changed {
				t.Fatalf("decided %+v, %v", d, err)
			}
			if err := c.change(); err != nil {
				t.Fatal(err)
			}
			count, total, received, board, inbox := f.state(t)
			if err := f.write(st, d, in).run(ctx, s.Store, "kudos"); !errors.Is(err, errStateMoved) {
				t.Fatalf("write after %s: %v, want the state moved", c.name, err)
			}
			c2, t2, r2, b2, i2 := f.state(t)
			if c2 != count || t2 != total || r2 != received || b2 != board || i2 != inbox {
				t.Errorf("the refused write wrote: (%d %d %d %d %d) → (%d %d %d %d %d)", count, total, received, board, inbox, c2, t2, r2, b2, i2)
			}
			if err := f.kudos(sam, 1); err != nil && domain.ErrorKind(err) != domain.KindNotFound {
				t.Fatalf("deciding again: %v", err)
			}
		})
	}
}

// A story that retention deleted whole, between a kudos' read and its write, is not brought back
// by the write: on a story no one gave kudos, every check of its fields would still pass.
func TestKudosDoNotBringBackAStoryGoneMeanwhile(t *testing.T) {
	f := newKudosFixture(t, "kudosgone", 1)
	s, ctx, org, sam := f.s, context.Background(), f.org.ID, f.givers[0].ID
	in := domain.KudosInput{Giver: sam, Delta: 1, Points: f.context.Points, Now: domain.KudosPeriods{Week: f.context.Week.Key, Month: f.context.Month.Key}}
	st, err := s.readKudos(ctx, org, f.story, sam, in.Now)
	if err != nil {
		t.Fatal(err)
	}
	d, err := domain.DecideKudos(st.KudosState, in)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.rdb.Del(ctx, s.keys.story(org, f.story)).Err(); err != nil {
		t.Fatal(err)
	}
	if err := f.write(st, d, in).run(ctx, s.Store, "kudos"); !errors.Is(err, errStateMoved) {
		t.Fatalf("write on a story gone: %v, want the state moved", err)
	}
	if s.exists(s.keys.story(org, f.story)) || s.exists(s.keys.storyKudos(org, f.story)) || s.exists(s.keys.stats(org, f.eva.ID)) {
		t.Error("the refused write wrote")
	}
	if err := f.kudos(sam, 1); domain.ErrorKind(err) != domain.KindNotFound {
		t.Errorf("deciding again: %v, want not found", err)
	}
	lena, _ := s.user(f.org, "Lena", "lena@kudosgone.example", "admin", f.team.ID)
	err = s.Spotlight(ctx, org, f.story, domain.Principal{Org: org, UserID: lena.ID, Role: domain.RoleAdmin}, f.context.Notice)
	if domain.ErrorKind(err) != domain.KindNotFound || s.exists(s.keys.story(org, f.story)) {
		t.Errorf("spotlight of a story gone: %v", err)
	}
}

// Many colleagues giving the same story kudos at once, then taking them back at once: every
// kudos counts once, the author's points follow the first ten exactly, and each giver's
// first kudos is one notification.
func TestKudosAtOnce(t *testing.T) {
	const n = 16
	f := newKudosFixture(t, "kudosrace", n)
	run := func(delta int) {
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for _, g := range f.givers {
			wg.Go(func() { errs <- f.kudos(g.ID, delta) })
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	run(1)
	if count, total, received, board, inbox := f.state(t); count != n || total != 20 || received != n || board != 20 || inbox != n {
		t.Errorf("after %d kudos at once: count %d, total %d, received %d, board %d, notifications %d; want %d, 20, %d, 20, %d",
			n, count, total, received, board, inbox, n, n, n)
	}
	run(-1)
	if count, total, received, board, inbox := f.state(t); count != 0 || total != 0 || received != 0 || board != 0 || inbox != n {
		t.Errorf("after taking them back: count %d, total %d, received %d, board %d, notifications %d; want 0, 0, 0, 0, %d",
			count, total, received, board, inbox, n)
	}
}

// Spotlighting a story at once from several requests marks it once and tells its author once.
func TestSpotlightAtOnce(t *testing.T) {
	f := newKudosFixture(t, "spotrace", 0)
	ctx, s := context.Background(), f.s
	lena, _ := s.user(f.org, "Lena", "lena@spotrace.example", "lead", f.team.ID)
	lead := f.team
	lead.LeadIDs = []string{lena.ID}
	if err := s.UpdateTeam(ctx, f.team, lead); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if err := s.Spotlight(ctx, f.org.ID, f.story, domain.Principal{Org: f.org.ID, UserID: lena.ID, Role: domain.RoleLead}, f.context.Notice); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if _, _, _, _, inbox := f.state(t); inbox != 1 {
		t.Errorf("%d notifications, want 1", inbox)
	}
	if v := s.rdb.HGet(ctx, s.keys.story(f.org.ID, f.story), "spotlight").Val(); v != "1" {
		t.Errorf("spotlight %q", v)
	}
}

// Colleagues saying "me too" while a lead resolves the barrier: each either joined before the
// resolution and is told of it, or is refused as too late; none joins unheard.
func TestBarrierResolvedWhileColleaguesJoin(t *testing.T) {
	const n = 8
	f := newKudosFixture(t, "barrierrace", n)
	ctx, s, org := context.Background(), f.s, f.org.ID
	now := s.clock.Now()
	b := domain.Barrier{ID: domain.NewID(now), ReporterID: f.eva.ID, TeamID: f.team.ID, Category: "tools", Text: "The till is slow",
		Status: domain.BarrierOpen, CreatedAt: now, UpdatedAt: now}
	if err := s.CreateBarrier(ctx, org, b); err != nil {
		t.Fatal(err)
	}
	resolved, err := domain.MoveBarrier(b, domain.BarrierResolved, now)
	if err != nil {
		t.Fatal(err)
	}
	draft := domain.BarrierUpdateDraft(b.ID, resolved.Status, b.Text, "")
	joined := make([]error, n)
	var wg sync.WaitGroup
	for i, g := range f.givers {
		wg.Go(func() { joined[i] = s.MeToo(ctx, org, b.ID, g.ID) })
	}
	wg.Go(func() {
		if err := s.UpdateBarrier(ctx, org, b, resolved, domain.Notice{Draft: draft, Now: now}); err != nil {
			t.Error(err)
		}
	})
	wg.Wait()
	for i, g := range f.givers {
		told := s.rdb.LLen(ctx, s.keys.inbox(org, g.ID)).Val()
		switch {
		case joined[i] == nil && told != 1:
			t.Errorf("%s joined and heard %d times of the resolution", g.Name, told)
		case joined[i] != nil && (domain.ErrorCode(joined[i]) != "barrier_resolved" || told != 0):
			t.Errorf("%s: %v, told %d times", g.Name, joined[i], told)
		}
	}
	if told := s.rdb.LLen(ctx, s.keys.inbox(org, f.eva.ID)).Val(); told != 1 {
		t.Errorf("the reporter heard %d times", told)
	}
	if !s.rdb.HExists(ctx, s.keys.badges(org, f.eva.ID), barrierBadge).Val() {
		t.Error("the reporter has no barrier_resolved badge")
	}
}
