package store

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store/redistest"
)

// The compact catalogues read back as the catalogue they were written from.
func TestCatalogRowsReadBack(t *testing.T) {
	for _, c := range []domain.Catalog{
		{},
		{Gestures: []domain.CatalogGesture{
			{ID: "g1", ValueID: "v1", Points: 10},
			{ID: "g2", ValueID: "v1", Points: 15, Roles: []domain.Role{domain.RoleEmployee, domain.RoleLead}, TeamIDs: []string{"t1", "t2"},
				Channels: []domain.Channel{"store", "phone"}, Inactive: true},
		}, Challenges: []domain.CatalogChallenge{
			{ID: "c1", StartsOn: "2026-11-23", EndsOn: "2026-11-29", BonusPoints: 5},
			{ID: "c2", StartsOn: "2026-12-01", EndsOn: "2026-12-31", TeamIDs: []string{"t1"}, GestureIDs: []string{"g1", "g2"}},
		}},
	} {
		gestures, challenges := catalogRows(c)
		got, err := catalogOf(gestures, challenges)
		if err != nil || !reflect.DeepEqual(got, c) {
			t.Errorf("catalogOf(catalogRows(%+v)) = %+v, %v", c, got, err)
		}
	}
}

// newGesture is a new active gesture of v in org, worth 10 points.
func newGesture(org domain.Org, v domain.Value, title string) domain.Gesture {
	return domain.Gesture{ID: domain.NewID(testNow), Org: org.ID, Title: title, ValueID: v.ID, Points: 10, Active: true, CreatedAt: testNow}
}

// A change to the gestures made between another change's read of the catalogue and its write
// is in the catalogue after both: the later write is made again from what is stored then.
func TestCatalogKeepsAChangeMadeMeanwhile(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("catalogmeanwhile")
	v, gs := s.valueWithGestures(t, org, "Greet")
	gesture := func(title string) domain.Gesture { return newGesture(org, v, title) }
	meanwhile := gesture("Hold the door")
	s.rdb.AddHook(&redistest.AfterCmd{Name: "zrange", Key: s.keys.gestures(org.ID), Do: func() {
		if _, err := s.SaveGesture(ctx, meanwhile); err != nil {
			t.Error(err)
		}
	}})
	if _, err := s.SaveGesture(ctx, gesture("Carry the bags")); err != nil {
		t.Fatal(err)
	}
	c, err := catalogOf(s.rdb.Get(ctx, s.keys.catalog(org.ID)).Val(), "[]")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Gestures) != 3 || !slices.ContainsFunc(c.Gestures, func(g domain.CatalogGesture) bool { return g.ID == meanwhile.ID }) {
		t.Errorf("catalogue %+v, want Greet, Carry the bags and Hold the door (%s, saved meanwhile)", c.Gestures, meanwhile.ID)
	}
	if err := s.DeleteGesture(ctx, gs[0]); err != nil {
		t.Fatal(err)
	}
	if c, _ := catalogOf(s.rdb.Get(ctx, s.keys.catalog(org.ID)).Val(), "[]"); len(c.Gestures) != 2 {
		t.Errorf("catalogue after Greet was deleted: %+v, want the other two", c.Gestures)
	}
}

// A change landing between a catalogue read's commands is caught too: the stamp is read before
// the ids it stands for.
func TestCatalogStampReadBeforeTheIDs(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("catalogsplit")
	v, _ := s.valueWithGestures(t, org, "Greet")
	gesture := func(title string) domain.Gesture { return newGesture(org, v, title) }
	for n := 1; n <= 2; n++ { // after the stamp, after the gestures' ids
		meanwhile := gesture("Hold the door")
		s.rdb.AddHook(&splitPipeline{index: s.keys.gestures(org.ID), n: n, do: func() {
			if _, err := s.SaveGesture(ctx, meanwhile); err != nil {
				t.Error(err)
			}
		}})
		if _, err := s.SaveGesture(ctx, gesture("Carry the bags")); err != nil {
			t.Fatal(err)
		}
		c, _ := catalogOf(s.rdb.Get(ctx, s.keys.catalog(org.ID)).Val(), "[]")
		if !slices.ContainsFunc(c.Gestures, func(g domain.CatalogGesture) bool { return g.ID == meanwhile.ID }) {
			t.Errorf("split after %d: the catalogue lost %s: %+v", n, meanwhile.ID, c.Gestures)
		}
	}
}

// A create whose catalogue write is made again keeps its Idempotency-Key answer for the write
// that lands: the first, failed round does not use it up.
func TestCatalogRetryKeepsTheAnswer(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("catalogidem")
	v, _ := s.valueWithGestures(t, org, "Greet")
	admin, _ := s.user(org, "Ada", "ada@catalogidem.example", "admin", "")
	req := &domain.IdempotentRequest{Org: org.ID, UserID: admin.ID, Key: "k1", Fingerprint: "fp"}
	if first, err := s.BeginIdempotent(ctx, req); err != nil || first != nil {
		t.Fatal(first, err)
	}
	req.SetAnswer(domain.StoredResponse{Status: 201, ContentType: "application/json", Body: []byte(`{}`)})
	s.rdb.AddHook(&redistest.AfterCmd{Name: "zrange", Key: s.keys.gestures(org.ID), Do: func() {
		s.rdb.HSet(ctx, s.keys.orgSettings(org.ID), fieldCatalogStamp, "moved") // another admin's change
	}})
	g := newGesture(org, v, "Carry the bags")
	if _, err := s.SaveGesture(domain.WithIdempotentRequest(ctx, req), g); err != nil {
		t.Fatal(err)
	}
	if !req.Stored() {
		t.Error("the gesture was stored without its answer")
	}
}
