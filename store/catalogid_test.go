package store

import (
	"context"
	"strings"
	"testing"

	"github.com/microact/microact/domain"
)

// Catalogue objects stored without an id get short ones, in creation order, unique across orgs.
func TestCatalogIDs(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, _ := s.org("acme")
	other, _ := s.org("beta")

	v, err := s.SaveValue(ctx, domain.Value{Org: org.ID, Name: "Attentive", Active: true, CreatedAt: testNow})
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.SaveGesture(ctx, domain.Gesture{Org: org.ID, Title: "Hold the door", HowTo: "…", ValueID: v.ID, Points: 10, Active: true, Roles: []domain.Role{}, TeamIDs: []string{}, CreatedAt: testNow})
	if err != nil {
		t.Fatal(err)
	}
	tm := s.team(org, "Store Utrecht")
	ch, err := s.SaveChallenge(ctx, domain.Challenge{Org: org.ID, Name: "Greet", StartsOn: "2026-12-01", EndsOn: "2026-12-31", GestureIDs: []string{g.ID}, TeamIDs: []string{}, CreatedAt: testNow})
	if err != nil {
		t.Fatal(err)
	}
	otherTeam := s.team(other, "Store Utrecht")
	if got := []string{v.ID, g.ID, tm.ID, ch.ID, otherTeam.ID}; strings.Join(got, " ") != "A1 A2 A3 A4 A5" {
		t.Fatalf("ids %v, want A1…A5", got)
	}
	if stored, err := s.Gesture(ctx, org.ID, g.ID); err != nil || stored.ValueID != "A1" || stored.Rev != 1 {
		t.Fatalf("gesture as stored: %+v, %v", stored, err)
	}
	// an update keeps the id and takes no number
	g.Title = "Hold the door open"
	if g, err = s.SaveGesture(ctx, g); err != nil || g.ID != "A2" {
		t.Fatalf("update: %+v, %v", g, err)
	}
	// an id given is kept (tests and older callers make their own)
	given := domain.NewID(testNow)
	if v2, err := s.SaveValue(ctx, domain.Value{ID: given, Org: org.ID, Name: "Kind", Active: true, CreatedAt: testNow}); err != nil || v2.ID != given {
		t.Fatalf("given id: %+v, %v", v2, err)
	}

	t.Run("an org made again never hands out an id twice", func(t *testing.T) {
		if err := s.DeleteOrgData(ctx, org.ID); err != nil {
			t.Fatal(err)
		}
		org, _ := s.org("acme")
		if tm := s.team(org, "Store Utrecht"); tm.ID != "A6" {
			t.Fatalf("first team of the org made again: %q, want A6", tm.ID)
		}
		if keys := s.keysUnder(s.keys.team("acme", "*")); len(keys) != 1 {
			t.Fatalf("old teams left: %v", keys)
		}
	})
}
