package handlers

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store/redistest"
	"github.com/redis/go-redis/v9"
)

// placeOrg is an org of three gestures on an API whose round trips counter counts, with the
// scripts loaded (a first outcome recorded).
func placeOrg(t *testing.T, slug string) (*testAPI, *loopRoundTrips, *loopOrg, []string) {
	a := newAPI(t)
	counter := &loopRoundTrips{}
	a.store.Client().AddHook(counter)
	o := a.loopNewOrg(slug)
	v := o.value("Attentive")
	var ids []string
	for _, g := range o.gestures(v.Id, "Greet", 3) {
		ids = append(ids, g.Id)
	}
	a.loopDoToday(o.member("Walter Warm", "employee", ""), "done")
	return a, counter, o, ids
}

// An outcome decided from a replica's copies is written only while the user's stats stamp is
// as read, and every write of a user's places on boards sets it anew (fieldStatsStamp): a
// rebuild, which deletes every place and adds the stored outcomes' points again, makes an
// outcome decided from places read before it, or between two of its batches, read again, and
// its points add to the place as it is now.
func TestAnOutcomeAfterARebuildIsDecidedAgain(t *testing.T) {
	ctx := context.Background()
	// recorded checks that the outcome found its copy out of date (the script, which answers
	// the state, and the script again) and left kim's place on the all-time board at want points. The
	// rebuild set a new catalogue stamp as it let go of the boards, so first ann's outcome reads
	// the org's state anew, as the replica then keeps it: what stops kim's is her stats stamp.
	recorded := func(t *testing.T, a *testAPI, counter *loopRoundTrips, kim, ann *Session, org, team, assignment string, want func(awarded int) int) {
		t.Helper()
		a.loopDoToday(ann, "done")
		var r OutcomeResult
		trips := counter.during(func() { r = a.loopOutcome(kim, assignment, map[string]any{"result": "done"}) })
		if want := [][]string{{"EVALSHA"}, {"EVALSHA"}}; !slices.EqualFunc(trips, want, slices.Equal) {
			t.Errorf("round trips %v, want the script finding her stats stamp moved and answering it, and the script again", trips)
		}
		score, err := a.store.Client().ZScore(ctx, a.store.Keys().TeamBoard(org, team, "all"), kim.User.Id).Result()
		if err != nil {
			t.Fatal(err)
		}
		if got := domain.BoardPlaceOf(score).Points; r.PointsAwarded == 0 || got != want(r.PointsAwarded) {
			t.Errorf("her points %d, want %d", got, want(r.PointsAwarded))
		}
	}

	t.Run("the places deleted", func(t *testing.T) {
		a, counter, o, _ := placeOrg(t, "boardplace")
		team := a.team(o.admin, "Blue")
		kim := o.member("Kim Blauw", "employee", team.Id)
		ann := o.member("Ann Groen", "employee", team.Id)
		as := a.loopToday(kim)
		// a place her outcomes do not account for (written by hand), which the rebuild drops
		all := a.store.Keys().TeamBoard(o.slug, team.Id, "all")
		stray := domain.BoardPlace{Points: 3, Reached: a.clock.Now().Unix() - 3600}
		if err := a.store.Client().ZAdd(ctx, all, redis.Z{Member: kim.User.Id, Score: stray.Score()}).Err(); err != nil {
			t.Fatal(err)
		}
		a.loopMe(kim) // the replica's copy of her stats, and of her places on her team's boards
		if err := a.store.RebuildBoards(ctx, o.slug, nil); err != nil {
			t.Fatal(err)
		}
		recorded(t, a, counter, kim, ann, o.slug, team.Id, as.Id, func(awarded int) int { return awarded })
	})

	t.Run("a place added after the copy was taken", func(t *testing.T) {
		a, counter, o, _ := placeOrg(t, "boardbatch")
		team := a.team(o.admin, "Blue")
		kim := o.member("Kim Blauw", "employee", team.Id)
		ann := o.member("Ann Groen", "employee", team.Id)
		_, first := a.loopDoToday(kim, "done")
		o.at(a.clock.Now().Add(24*time.Hour), kim)
		_, second := a.loopDoToday(kim, "done")
		o.at(a.clock.Now().Add(24*time.Hour), kim, ann)
		as := a.loopToday(kim)
		batches := 0
		// the rebuild adds each day's outcomes in turn: the copy is taken after the first day's
		err := a.store.RebuildBoards(ctx, o.slug, func(done, total int64) {
			if batches++; batches == 1 {
				a.loopMe(kim)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		if batches < 2 {
			t.Fatalf("the rebuild ran %d batches, want one per day", batches)
		}
		recorded(t, a, counter, kim, ann, o.slug, team.Id, as.Id, func(awarded int) int {
			return first.PointsAwarded + second.PointsAwarded + awarded
		})
	})
}

// A replica keeps the places an outcome checks: a team member's outcome on a challenge's gesture
// after their first read is one script, as anyone's is, with their places on their team's
// boards (read with their stats) and on the challenge's (read with the first read) known.
func TestAChallengeOutcomeIsOneRoundTrip(t *testing.T) {
	a, counter, o, ids := placeOrg(t, "challengetrip")
	ctx := context.Background()
	team := a.team(o.admin, "Blue")
	ch := o.challenge("Greeting week", loopDay(0), loopDay(6), ids, map[string]any{"bonus_points": 5})
	kim := o.member("Kim Blauw", "employee", team.Id) // enrolling reads her stats
	as := a.loopToday(kim)
	if as.Challenge == nil || as.Challenge.Id != ch.Id {
		t.Fatalf("her assignment's challenge %+v, want %s", as.Challenge, ch.Id)
	}
	var r OutcomeResult
	trips := counter.during(func() { r = a.loopOutcome(kim, as.Id, map[string]any{"result": "done"}) })
	if len(trips) != 1 || !slices.Equal(trips[0], []string{"EVALSHA"}) {
		t.Fatalf("round trips %v, want one EVALSHA", trips)
	}
	for _, board := range []string{a.store.Keys().ChallengeBoard(o.slug, ch.Id), a.store.Keys().TeamBoard(o.slug, team.Id, "all")} {
		score, err := a.store.Client().ZScore(ctx, board, kim.User.Id).Result()
		if err != nil || domain.BoardPlaceOf(score).Points != r.PointsAwarded {
			t.Errorf("her place on %s: %.0f, %v; want %d points", board, score, err, r.PointsAwarded)
		}
	}
}

// A skipped outcome moves no place but leaves the replica's copy of the places it knew: an
// outcome right after it (yesterday's gesture skipped late, then today's done) is one script too.
func TestAnOutcomeAfterASkippedOneIsOneRoundTrip(t *testing.T) {
	a, counter, o, _ := placeOrg(t, "skiptrip")
	team := a.team(o.admin, "Blue")
	kim := o.member("Kim Blauw", "employee", team.Id)
	yesterday := a.loopToday(kim)
	o.at(a.clock.Now().Add(24*time.Hour), kim)
	today := a.loopToday(kim)
	a.loopOutcome(kim, yesterday.Id, map[string]any{"result": "skipped"})
	trips := counter.during(func() { a.loopOutcome(kim, today.Id, map[string]any{"result": "done"}) })
	if len(trips) != 1 || !slices.Equal(trips[0], []string{"EVALSHA"}) {
		t.Fatalf("round trips %v, want one EVALSHA", trips)
	}
}

// A rebuild decides each user's place from their place as it read it, and writes it while that
// place is as read: a point added meanwhile (a kudos given during the rebuild) is kept.
func TestBoardRebuildKeepsAPlaceChangedMeanwhile(t *testing.T) {
	a := newAPI(t)
	ctx := context.Background()
	o := a.loopNewOrg("rebuildplace")
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 3)
	team := a.team(o.admin, "Blue")
	kim := o.member("Kim Blauw", "employee", team.Id)
	_, r := a.loopDoToday(kim, "done")

	all := a.store.Keys().TeamBoard(o.slug, team.Id, "all")
	rdb := a.store.Client()
	hook := &redistest.AfterCmd{Name: "zscore", Key: all, Do: func() {
		if err := rdb.ZIncrBy(ctx, all, domain.BoardPlace{Points: 1}.Score()-domain.BoardPlace{}.Score(), kim.User.Id).Err(); err != nil {
			t.Error(err)
		}
	}}
	rdb.AddHook(hook)
	if err := a.store.RebuildBoards(ctx, o.slug, nil); err != nil {
		t.Fatal(err)
	}
	if !hook.Fired() {
		t.Fatal("the rebuild never read her place")
	}
	score, err := rdb.ZScore(ctx, all, kim.User.Id).Result()
	if err != nil {
		t.Fatal(err)
	}
	if got := domain.BoardPlaceOf(score).Points; r.PointsAwarded == 0 || got != r.PointsAwarded+1 {
		t.Fatalf("her points after the rebuild %d, want the outcome's %d and the point added meanwhile", got, r.PointsAwarded)
	}
}
