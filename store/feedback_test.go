package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
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
