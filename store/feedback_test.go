package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

func TestFeedbackLinks(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("acme")
	team := s.team(org, "Store 1")

	first, err := s.FeedbackLink(ctx, "acme", team.ID)
	if err != nil || first == "" {
		t.Fatalf("first link %q, %v", first, err)
	}
	t.Run("a team's link stays the same until it is rotated", func(t *testing.T) {
		again, err := s.FeedbackLink(ctx, "acme", team.ID)
		if err != nil || again != first {
			t.Fatalf("second read %q, %v; first %q", again, err, first)
		}
		gotOrg, gotTeam, err := s.FeedbackTeam(ctx, first)
		if err != nil || gotOrg != "acme" || gotTeam != team.ID {
			t.Fatalf("token names %q %q, %v", gotOrg, gotTeam, err)
		}
	})
	t.Run("rotating makes the old token stop working at once", func(t *testing.T) {
		next := domain.NewFeedbackToken("acme")
		if err := s.SetFeedbackLink(ctx, "acme", team.ID, next); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.FeedbackTeam(ctx, first); domain.ErrorKind(err) != domain.KindNotFound {
			t.Fatalf("old token: %v", err)
		}
		err := s.RecordFeedback(ctx, first, domain.FeedbackAnswer{ID: "a1", Team: team.ID, Score: 9, Day: "2026-12-05", At: testNow}, "10.0.0.1", domain.DefaultFeedbackLimits)
		if domain.ErrorKind(err) != domain.KindNotFound {
			t.Fatalf("answer on old token: %v", err)
		}
		if got, _ := s.FeedbackLink(ctx, "acme", team.ID); got != next {
			t.Fatalf("link %q, want %q", got, next)
		}
	})
	t.Run("a revoked link answers no token and is not made again on a read", func(t *testing.T) {
		cur, _ := s.FeedbackLink(ctx, "acme", team.ID)
		if err := s.SetFeedbackLink(ctx, "acme", team.ID, ""); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.FeedbackTeam(ctx, cur); domain.ErrorKind(err) != domain.KindNotFound {
			t.Fatalf("revoked token: %v", err)
		}
		if got, err := s.FeedbackLink(ctx, "acme", team.ID); err != nil || got != "" {
			t.Fatalf("after revoking %q, %v", got, err)
		}
	})
	t.Run("a team that does not exist has no link", func(t *testing.T) {
		if _, err := s.FeedbackLink(ctx, "acme", "01NOSUCHTEAM0000000000000"); domain.ErrorKind(err) != domain.KindNotFound {
			t.Fatalf("%v", err)
		}
	})
	t.Run("a malformed token names no team", func(t *testing.T) {
		for _, tok := range []string{"", "acme", "acme.x", "../../etc"} {
			if _, _, err := s.FeedbackTeam(ctx, tok); domain.ErrorKind(err) != domain.KindNotFound {
				t.Fatalf("%q: %v", tok, err)
			}
		}
	})
}

func TestFeedbackFloodIsCountedOnlyWithinTheLimits(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("acme")
	team := s.team(org, "Store 1")
	token, err := s.FeedbackLink(ctx, "acme", team.ID)
	if err != nil {
		t.Fatal(err)
	}
	limits := domain.FeedbackLimits{PerAddress: 5, AddressWindow: time.Hour, PerLinkDay: 20}
	answer := func(i int, address string) error {
		return s.RecordFeedback(ctx, token, domain.FeedbackAnswer{
			ID: fmt.Sprintf("a%03d", i), Team: team.ID, Score: 10, Comment: "great", Day: "2026-12-05", At: testNow,
		}, address, limits)
	}
	total := func() int {
		c, err := s.FeedbackCounts(ctx, "acme", team.ID)
		if err != nil {
			t.Fatal(err)
		}
		return c["2026-12-05"][10]
	}

	t.Run("a flood from one address counts its limit and is told to wait", func(t *testing.T) {
		limited := 0
		for i := range 100 {
			err := answer(i, "203.0.113.7")
			if domain.ErrorKind(err) == domain.KindRateLimited {
				limited++
				var de *domain.Error
				if !errors.As(err, &de) || de.RetryAfter <= 0 || de.RetryAfter > time.Hour {
					t.Fatalf("retry after %+v", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
		}
		if got := total(); got != 5 || limited != 95 {
			t.Fatalf("counted %d, refused %d; want 5 and 95", got, limited)
		}
	})
	t.Run("a flood from many addresses counts up to the link's daily limit", func(t *testing.T) {
		for i := range 200 {
			err := answer(100+i, fmt.Sprintf("198.51.%d.%d", i/250, i%250))
			if err != nil && domain.ErrorKind(err) != domain.KindRateLimited {
				t.Fatal(err)
			}
		}
		if got := total(); got != 20 {
			t.Fatalf("counted %d, want the link's 20", got)
		}
		org, err := s.FeedbackCounts(ctx, "acme", "")
		if err != nil || org["2026-12-05"][10] != 20 {
			t.Fatalf("org counts %v, %v", org, err)
		}
	})
	t.Run("comments are kept newest first with score and time only", func(t *testing.T) {
		cs, err := s.FeedbackComments(ctx, "acme", team.ID, 3)
		if err != nil || len(cs) != 3 {
			t.Fatalf("%v, %v", cs, err)
		}
		if cs[0].ID <= cs[1].ID || cs[0].Score != 10 || cs[0].Comment != "great" || !cs[0].At.Equal(testNow) || cs[0].Team != team.ID {
			t.Fatalf("%+v", cs)
		}
	})
	t.Run("nothing about the address is kept readable", func(t *testing.T) {
		for _, k := range s.keysUnder(s.prefix + "*") {
			if strings.Contains(k, "203.0.113.7") {
				t.Fatalf("key %q names the address", k)
			}
		}
	})
}

// Answers racing on one link are decided from the counters as read and counted only while they
// are still as read, so no race counts past a limit, and none under the limits is lost.
func TestFeedbackAnswersAtOnce(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("acme")
	const day = "2026-12-05"
	limits := domain.FeedbackLimits{PerAddress: 5, AddressWindow: time.Hour, PerLinkDay: 20}
	link := func(name string) (string, string) {
		team := s.team(org, name)
		token, err := s.FeedbackLink(ctx, "acme", team.ID)
		if err != nil {
			t.Fatal(err)
		}
		return token, team.ID
	}
	answer := func(token, team string, i int, address string) error {
		return s.RecordFeedback(ctx, token, domain.FeedbackAnswer{
			ID: fmt.Sprintf("a%03d", i), Team: team, Score: 7, Comment: "quick", Day: day, At: testNow,
		}, address, limits)
	}
	// atOnce sends n answers at the same moment, from address(i), and answers how many were
	// counted; every other must be told to wait.
	atOnce := func(t *testing.T, token, team string, n int, address func(i int) string, maxWait time.Duration) int {
		t.Helper()
		var wg sync.WaitGroup
		errs := make(chan error, n)
		start := make(chan struct{})
		for i := range n {
			wg.Go(func() {
				<-start
				errs <- answer(token, team, 1000+i, address(i))
			})
		}
		close(start)
		wg.Wait()
		close(errs)
		ok := 0
		for err := range errs {
			if err == nil {
				ok++
				continue
			}
			var de *domain.Error
			if !errors.As(err, &de) || de.Kind != domain.KindRateLimited || de.RetryAfter <= 0 || de.RetryAfter > maxWait {
				t.Fatalf("want counted or told to wait up to %v, got %#v", maxWait, err)
			}
		}
		return ok
	}
	counts := func(team string) int {
		c, err := s.FeedbackCounts(ctx, "acme", team)
		if err != nil {
			t.Fatal(err)
		}
		return c[day][7]
	}

	t.Run("many answers at a link's last one of the day count exactly one", func(t *testing.T) {
		token, team := link("Store 1")
		for i := range limits.PerLinkDay - 1 {
			if err := answer(token, team, i, fmt.Sprintf("198.51.100.%d", i)); err != nil {
				t.Fatal(err)
			}
		}
		got := atOnce(t, token, team, 48, func(i int) string { return fmt.Sprintf("203.0.113.%d", i) }, domain.FeedbackLinkDayKept)
		if got != 1 || counts(team) != limits.PerLinkDay {
			t.Fatalf("%d counted at once, %d in all; want 1 and %d", got, counts(team), limits.PerLinkDay)
		}
		if cs, _ := s.FeedbackComments(ctx, "acme", team, 100); len(cs) != limits.PerLinkDay {
			t.Fatalf("%d comments kept, want %d", len(cs), limits.PerLinkDay)
		}
		if ttl := s.rdb.TTL(ctx, s.keys.feedbackLinkDay("acme", team, day)).Val(); ttl <= domain.FeedbackLinkDayKept-time.Minute || ttl > domain.FeedbackLinkDayKept {
			t.Fatalf("the day's counter lives %v more, want its life from the first answer", ttl)
		}
	})
	t.Run("many answers from one address at once count its limit", func(t *testing.T) {
		token, team := link("Store 2")
		got := atOnce(t, token, team, 24, func(int) string { return "192.0.2.1" }, limits.AddressWindow)
		if got != limits.PerAddress || counts(team) != limits.PerAddress {
			t.Fatalf("%d counted at once, %d in all; want %d", got, counts(team), limits.PerAddress)
		}
	})
	t.Run("many answers at once under the limits are all counted", func(t *testing.T) {
		token, team := link("Store 3")
		got := atOnce(t, token, team, limits.PerLinkDay, func(i int) string { return fmt.Sprintf("192.0.2.%d", 100+i) }, 0)
		if got != limits.PerLinkDay || counts(team) != limits.PerLinkDay {
			t.Fatalf("%d counted at once, %d in all; want %d", got, counts(team), limits.PerLinkDay)
		}
	})
}
