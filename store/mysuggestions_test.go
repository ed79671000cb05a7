package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

// Each author's suggestions have an index of their own, so an employee's list reads theirs only.
func TestSuggestionsOfOneAuthor(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, _ := s.org("mysugg")
	eva, _ := s.user(org, "Eva", "eva@mysugg.example", "employee", "")
	ben, _ := s.user(org, "Ben", "ben@mysugg.example", "employee", "")
	v, err := s.SaveValue(ctx, domain.Value{Org: org.ID, Name: "Attentive", Active: true, CreatedAt: testNow})
	if err != nil {
		t.Fatal(err)
	}
	var evas, all []string
	for i, author := range []domain.User{eva, ben, eva} {
		at := testNow.Add(time.Duration(i) * time.Second)
		sg := domain.Suggestion{ID: domain.NewID(at), Org: org.ID, AuthorID: author.ID, Title: "Idea", HowTo: "Do it.",
			ValueID: v.ID, Status: domain.SuggestionPending, CreatedAt: at}
		if err := s.CreateSuggestion(ctx, sg); err != nil {
			t.Fatal(err)
		}
		all = append([]string{sg.ID}, all...)
		if author.ID == eva.ID {
			evas = append([]string{sg.ID}, evas...)
		}
	}
	ids := func(author string) []string {
		items, next, err := s.Suggestions(ctx, org.ID, author, domain.Page{Limit: 10})
		if err != nil || next != "" {
			t.Fatalf("Suggestions(%q): next %q, %v", author, next, err)
		}
		out := []string{}
		for _, sg := range items {
			out = append(out, sg.ID)
		}
		return out
	}
	if got := ids(eva.ID); !slices.Equal(got, evas) {
		t.Errorf("Eva's: %q, want %q", got, evas)
	}
	if got := ids(""); !slices.Equal(got, all) {
		t.Errorf("the org's: %q, want %q", got, all)
	}
}
