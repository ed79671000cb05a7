package handlers

import (
	"fmt"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

// newKeys is a fresh signing key of a test's own.
func newKeys(tb testing.TB) *Keys {
	tb.Helper()
	pem, err := GenerateKeyPEM()
	if err != nil {
		tb.Fatal(err)
	}
	keys, err := ParseKeys(pem)
	if err != nil {
		tb.Fatal(err)
	}
	return keys
}

func newTestTokens(t *testing.T) (*Tokens, *domain.FixedClock) {
	clock := domain.NewFixedClock(time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC))
	return NewTokens(newKeys(t), clock), clock
}

func issueFor(t *testing.T, tokens *Tokens, id string) string {
	t.Helper()
	tok, err := tokens.Issue(domain.User{ID: id, Org: "acme", Role: domain.RoleEmployee}, "Europe/Amsterdam", "fam1")
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestVerifiedTokensAreRemembered(t *testing.T) {
	t.Run("a remembered token is refused once it expires", func(t *testing.T) {
		tokens, clock := newTestTokens(t)
		tok := issueFor(t, tokens, "u1")
		for range 2 { // checked, then remembered
			if p, _, err := tokens.Verify(tok); err != nil || p.UserID != "u1" || p.Org != "acme" {
				t.Fatalf("want u1 of acme, got %+v, %v", p, err)
			}
		}
		clock.Advance(domain.AccessTokenTTL + leeway + time.Second)
		if _, _, err := tokens.Verify(tok); domain.ErrorCode(err) != "token_expired" {
			t.Fatalf("want token_expired, got %v", err)
		}
	})
	t.Run("a changed copy of a remembered token is checked, and refused", func(t *testing.T) {
		tokens, _ := newTestTokens(t)
		tok := issueFor(t, tokens, "u1")
		if _, _, err := tokens.Verify(tok); err != nil {
			t.Fatal(err)
		}
		flipped := []byte(tok)
		flipped[len(flipped)-3] ^= 1 // a different signature
		if _, _, err := tokens.Verify(string(flipped)); domain.ErrorCode(err) != "unauthorized" {
			t.Fatalf("want unauthorized, got %v", err)
		}
	})
	t.Run("a token issued in the future is never remembered as good", func(t *testing.T) {
		tokens, clock := newTestTokens(t)
		clock.Advance(time.Hour)
		tok := issueFor(t, tokens, "u1")
		clock.Advance(-time.Hour)
		for range 2 {
			if _, _, err := tokens.Verify(tok); err == nil {
				t.Fatal("a token issued an hour from now was accepted")
			}
		}
	})
	t.Run("the memory is bounded, and expired tokens are dropped first", func(t *testing.T) {
		tokens, clock := newTestTokens(t)
		tokens.verifiedCap = 10
		for i := range 8 {
			if _, _, err := tokens.Verify(issueFor(t, tokens, fmt.Sprintf("old%d", i))); err != nil {
				t.Fatal(err)
			}
		}
		clock.Advance(domain.AccessTokenTTL + leeway + time.Second)
		var fresh []string
		for i := range 25 {
			tok := issueFor(t, tokens, fmt.Sprintf("new%d", i))
			fresh = append(fresh, tok)
			if _, _, err := tokens.Verify(tok); err != nil {
				t.Fatal(err)
			}
			if n := len(tokens.verified); n > tokens.verifiedCap {
				t.Fatalf("%d tokens remembered, cap %d", n, tokens.verifiedCap)
			}
		}
		for _, tok := range fresh { // forgotten ones are simply checked again
			if p, _, err := tokens.Verify(tok); err != nil || p.UserID == "" {
				t.Fatalf("want a caller, got %+v, %v", p, err)
			}
		}
	})
}
