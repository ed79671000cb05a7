package store

import (
	"context"
	"strings"
	"testing"

	"github.com/microact/microact/domain"
)

// An approval stores the review, its gesture (in the catalogue the daily scripts pick from),
// the author's notice and the request's answer in one write; a review refused by its check
// stores none of them.
func TestAnApprovalIsOneWrite(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, admin := s.org("acme")
	eva, _ := s.user(org, "Eva", "eva@acme.example", "employee", "")
	v, err := s.SaveValue(ctx, domain.Value{Org: org.ID, Name: "Attentive", Active: true, CreatedAt: testNow})
	if err != nil {
		t.Fatal(err)
	}
	sg := domain.Suggestion{ID: domain.NewID(testNow), Org: org.ID, AuthorID: eva.ID, Title: "Offer a seat", HowTo: "Ask.",
		ValueID: v.ID, Status: domain.SuggestionPending, CreatedAt: testNow}
	if err := s.CreateSuggestion(ctx, sg); err != nil {
		t.Fatal(err)
	}
	before, err := s.Suggestion(ctx, org.ID, sg.ID)
	if err != nil {
		t.Fatal(err)
	}
	review := func(ctx context.Context, status string) (domain.Suggestion, *domain.Gesture, error) {
		after := before
		after.Status, after.ReviewerID = status, admin.ID
		var g *domain.Gesture
		if status == domain.SuggestionApproved {
			g = &domain.Gesture{Org: org.ID, Title: sg.Title, HowTo: sg.HowTo, ValueID: v.ID, Points: 10, Active: true,
				Source: domain.SourceSuggestion, Roles: []domain.Role{}, TeamIDs: []string{}, CreatedAt: testNow}
			id, err := s.NewCatalogID(ctx)
			if err != nil {
				t.Fatal(err)
			}
			g.ID, after.GestureID = id, id
		}
		draft := domain.Draft{Kind: domain.KindSuggestionReviewed, Texts: map[string][2]string{"en": {"Reviewed", status}}}
		return after, g, s.ReviewSuggestion(ctx, before, after, g, domain.Notice{Draft: draft, Now: testNow})
	}
	notices := func() int {
		_, n, _, err := s.Inbox(ctx, org.ID, eva.ID, domain.Page{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	r := &domain.IdempotentRequest{Org: org.ID, UserID: admin.ID, Key: "approve-1", Fingerprint: "fp"}
	if first, err := s.BeginIdempotent(ctx, r); err != nil || first != nil {
		t.Fatalf("begin: %+v, %v", first, err)
	}
	r.SetAnswer(domain.StoredResponse{Status: 200, ContentType: "application/json", Body: []byte(`{"status":"approved"}`)})
	after, g, err := review(domain.WithIdempotentRequest(ctx, r), domain.SuggestionApproved)
	if err != nil || !r.Stored() {
		t.Fatalf("approve: %v (answer stored %v)", err, r.Stored())
	}
	if stored, err := s.Suggestion(ctx, org.ID, sg.ID); err != nil || stored.Status != domain.SuggestionApproved || stored.GestureID != g.ID || stored.Rev != before.Rev+1 {
		t.Fatalf("the suggestion as stored: %+v, %v; want approved with gesture %s", stored, err, after.GestureID)
	}
	if stored, err := s.Gesture(ctx, org.ID, g.ID); err != nil || stored.Rev != 1 || stored.Source != domain.SourceSuggestion {
		t.Fatalf("the gesture as stored: %+v, %v", stored, err)
	}
	if catalog := s.rdb.Get(ctx, s.keys.catalog(org.ID)).Val(); !strings.Contains(catalog, `"i":"`+g.ID+`"`) {
		t.Fatalf("the catalogue %s lacks the new gesture %s", catalog, g.ID)
	}
	if n := notices(); n != 1 {
		t.Fatalf("eva has %d notices, want 1", n)
	}
	if got, err := s.BeginIdempotent(ctx, &domain.IdempotentRequest{Org: org.ID, UserID: admin.ID, Key: "approve-1", Fingerprint: "fp"}); err != nil ||
		got == nil || string(got.Body) != `{"status":"approved"}` {
		t.Fatalf("a retry got %+v, %v; want the answer stored with the approval", got, err)
	}

	// a second review (approval or rejection) of the same read fails its check: nothing more
	gestures := s.rdb.ZCard(ctx, s.keys.gestures(org.ID)).Val()
	for _, status := range []string{domain.SuggestionApproved, domain.SuggestionRejected} {
		if _, again, err := review(ctx, status); domain.ErrorCode(err) != "already_reviewed" {
			t.Fatalf("%s again: %v, want already_reviewed", status, err)
		} else if again != nil && s.exists(s.keys.gesture(org.ID, again.ID)) {
			t.Fatalf("the refused approval stored its gesture %s", again.ID)
		}
	}
	if n := s.rdb.ZCard(ctx, s.keys.gestures(org.ID)).Val(); n != gestures {
		t.Fatalf("%d gestures after the refused reviews, want %d", n, gestures)
	}
	if n := notices(); n != 1 {
		t.Fatalf("eva has %d notices after the refused reviews, want 1", n)
	}
}
