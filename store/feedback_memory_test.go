package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store/redistest"
	"github.com/redis/go-redis/v9"
)

// What an answer costs Redis' memory, on a private server so nothing else moves used_memory:
// while its address guard lives (an hour) and afterwards, when only the day's count and, for a
// comment, one of the team's latest 200 comments remain.
func TestFeedbackMemoryPerAnswer(t *testing.T) {
	srv := redistest.Start(t)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { _ = rdb.Close() })
	s := &testStore{Store: New(rdb, "mx", domain.NewFixedClock(testNow)), t: t, rdb: rdb, prefix: "mx", clock: domain.NewFixedClock(testNow)}
	ctx := context.Background()
	org, _ := s.org("acme")
	team := s.team(org, "Store 1")
	token, err := s.FeedbackLink(ctx, "acme", team.ID)
	if err != nil {
		t.Fatal(err)
	}
	limits := domain.FeedbackLimits{PerAddress: 10, AddressWindow: time.Hour, PerLinkDay: 1_000_000}
	const answers = 5000
	// round records answers (addresses from base on) and answers the memory used with the
	// address guards alive, and after they ran out.
	round := func(base int) (guarded, lasting int64, took time.Duration) {
		start := time.Now()
		for i := range answers {
			a := domain.FeedbackAnswer{ID: domain.NewID(testNow), Team: team.ID, Score: i % 11, At: testNow,
				Day: domain.AddDays("2026-10-01", i%56)}
			if i%5 == 0 {
				a.Comment = "Anna found the right size for my son in two minutes, thanks!"
			}
			n := base + i
			if err := s.RecordFeedback(ctx, token, a, fmt.Sprintf("10.%d.%d.%d", n>>16&255, n>>8&255, n&255), limits); err != nil {
				t.Fatal(err)
			}
		}
		took = time.Since(start)
		used := func() int64 {
			n, err := s.UsedMemory(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		guarded = used()
		for _, pattern := range []string{s.keys.feedbackAddress("acme", "*"), s.keys.feedbackLinkDay("acme", "*", "*")} { // what expires
			for _, k := range s.keysUnder(pattern) {
				rdb.Del(ctx, k)
			}
		}
		return guarded, used(), took
	}
	before, err := s.UsedMemory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	guarded, first, took := round(0)
	_, second, _ := round(answers)
	t.Logf("%d answers in %v (%v each, one round trip); Redis memory per answer: %.0f bytes while its address guard lives (an hour), %.1f bytes lasting over the first %d (counts, 200 comments) and %.1f over the next %d",
		answers, took.Round(time.Millisecond), (took / answers).Round(time.Microsecond), float64(guarded-before)/answers,
		float64(first-before)/answers, answers, float64(second-first)/answers, answers)
	// The counts are one hash field per day and score, the comments at most 200 per team: what
	// lasts does not grow with more answers on the same days (what still moves is the allocator
	// and the append-only file's buffers: about 15 bytes here).
	if per := float64(second-first) / answers; per > 30 {
		t.Fatalf("%.1f bytes per answer last", per)
	}
}
