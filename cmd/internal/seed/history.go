// Package seed fills an org with content packs and made-up past activity: `microact` loads
// packs and makes the demo with it, the load harness a Redis holding what a month of real
// use leaves behind.
package seed

import (
	"context"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store"
)

// Stories are the texts shared with a made-up outcome.
var Stories = []string{
	"She had been looking for ten minutes. Walking her to the shelf took thirty seconds and she thanked me twice.",
	"Used his name at the till. He stopped, smiled and told me about his daughter's birthday.",
	"Called back a customer about the delivery before she had to call us. She was surprised anyone remembered.",
	"Held the door and helped carry the bags to the car. Small thing, big smile.",
	"Asked how the new shoes worked out. They did, and she bought a second pair.",
}

// History records outcomes for the workdays (Monday to Friday) of the Days local days
// before now: each person has their own diligence, most days are done, some skipped, a
// few blocked by a barrier, a quarter of the done ones share a story. Users are worked on
// by Workers goroutines, each user's days in order (streaks depend on it); the same Seed
// and users give the same outcomes.
type History struct {
	Store   *store.Store
	Org     domain.Org
	Days    int
	Seed    uint64
	Workers int
}

// Run records the history of users and returns the number of outcomes recorded.
func (h History) Run(ctx context.Context, users []domain.User, now time.Time) (int, error) {
	var recorded atomic.Int64
	err := Parallel(ctx, max(h.Workers, 1), len(users), func(i int) error {
		n, err := h.user(ctx, i, users[i], now)
		recorded.Add(int64(n))
		return err
	})
	return int(recorded.Load()), err
}

func (h History) user(ctx context.Context, i int, u domain.User, now time.Time) (int, error) {
	org := h.Org
	loc := org.Location()
	rng := rand.New(rand.NewPCG(h.Seed, uint64(i)))
	diligence := 0.55 + 0.4*float64((i*37)%10)/10
	today := domain.LocalDay(now, loc)
	n := 0
	for d := -h.Days; d < 0; d++ {
		day := domain.AddDays(today, d)
		if domain.ISOWeekday(day) > 5 {
			continue
		}
		if rng.Float64() > diligence {
			continue
		}
		req, noon := h.Outcome(rng, u, day)
		err := retry(func() error {
			_, err := h.Store.Today(ctx, org.ID, u.ID, day, noon.Add(-3*time.Hour))
			return err
		})
		if err != nil {
			return n, err
		}
		tries := 0
		err = retry(func() error {
			_, err := h.Store.RecordOutcome(ctx, req)
			if tries++; tries > 1 && domain.ErrorCode(err) == "already_recorded" {
				return nil // the attempt whose answer was late did record it
			}
			return err
		})
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Outcome makes up what u did on day (a workday they showed up), recorded at noon: done
// with a reaction most days and sometimes a shared story, else skipped or blocked by a
// barrier. Noon is returned too: the assignment is read three hours before it.
func (h History) Outcome(rng *rand.Rand, u domain.User, day string) (domain.OutcomeRequest, time.Time) {
	org := h.Org
	loc := org.Location()
	noon := domain.StartOfDay(day, loc).Add(12 * time.Hour)
	in := domain.OutcomeInput{Result: domain.ResultDone, OccurredAt: noon}
	switch r := rng.Float64(); {
	case r < 0.08:
		in.Result, in.BarrierCategory, in.BarrierText = domain.ResultBlocked, "time", "Queue at the till all afternoon; no time to step away."
	case r < 0.2:
		in.Result = domain.ResultSkipped
	default:
		in.Reaction = domain.Reactions[rng.IntN(3)]
		if rng.Float64() < 0.25 {
			in.Story, in.Share = Stories[rng.IntN(len(Stories))], true
		}
	}
	week, month := domain.WeekOf(day, org.WeekStartsOn, loc), domain.MonthOf(day, loc)
	return domain.OutcomeRequest{
		Org: org.ID, UserID: u.ID, Day: day, Input: in,
		Context:      domain.DayContext{Now: noon, Today: day, Week: week, Month: month, Location: loc, OrgLoc: loc, WeekStart: org.WeekStartsOn},
		OccurredWeek: week, OccurredMonth: month, WeekDays: domain.WeekDays(day, org.WeekStartsOn),
		StoryID: domain.NewID(noon), BarrierID: domain.NewID(noon),
	}, noon
}

// retry calls f again while Redis is unavailable (on a busy machine an answer can be late),
// a few times; what it retries must be safe to repeat.
func retry(f func() error) error {
	var err error
	for range 5 {
		if err = f(); domain.ErrorKind(err) != domain.KindUnavailable {
			return err
		}
	}
	return err
}
