package store

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/internal/copies"
	"github.com/redis/go-redis/v9"
)

// valueWithGestures saves the value Attentive and a gesture of it for each title in org.
func (s *testStore) valueWithGestures(t *testing.T, org domain.Org, titles ...string) (domain.Value, []domain.Gesture) {
	t.Helper()
	ctx := context.Background()
	v, err := s.SaveValue(ctx, domain.Value{ID: domain.NewID(testNow), Org: org.ID, Name: "Attentive", Active: true, CreatedAt: testNow})
	if err != nil {
		t.Fatal(err)
	}
	gs := make([]domain.Gesture, len(titles))
	for i, title := range titles {
		if gs[i], err = s.SaveGesture(ctx, domain.Gesture{ID: domain.NewID(testNow), Org: org.ID, Title: title, ValueID: v.ID, Points: 10,
			Active: true, Roles: []domain.Role{}, TeamIDs: []string{}, CreatedAt: testNow}); err != nil {
			t.Fatal(err)
		}
	}
	return v, gs
}

// greetGesture saves the value Attentive and its gesture Greet in org.
func (s *testStore) greetGesture(t *testing.T, org domain.Org) (domain.Value, domain.Gesture) {
	t.Helper()
	v, gs := s.valueWithGestures(t, org, "Greet")
	return v, gs[0]
}

// A replica's feed refers to its copy of the org's gestures and values while the org's catalog
// stamp is the copy's, and reads them again once anything in the catalogue changed.
func TestFeedUsesTheCatalogCopyOnlyWhileCurrent(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("catcopy")
	team := s.team(org, "Store Utrecht")
	eva, _ := s.user(org, "Eva", "eva@catcopy.example", "employee", team.ID)
	v, g := s.greetGesture(t, org)
	for i := range 3 {
		id := domain.NewID(testNow.Add(time.Duration(i) * time.Second))
		st := domain.Story{ID: id, AuthorID: eva.ID, TeamID: team.ID, GestureID: g.ID, ValueID: v.ID, Text: "story", Day: "2026-11-23", CreatedAt: testNow}
		data := encodeStory(st)
		if err := s.rdb.HSet(ctx, s.keys.story(org.ID, id), "data", data, "kudos", 0).Err(); err != nil {
			t.Fatal(err)
		}
		if err := s.rdb.ZAdd(ctx, s.keys.teamStories(org.ID, team.ID), redis.Z{Member: id}).Err(); err != nil {
			t.Fatal(err)
		}
	}
	cards := func(t *testing.T, want string) {
		t.Helper()
		fp, err := s.Feed(ctx, org.ID, team.ID, eva.ID, domain.Page{Limit: 10})
		views := fp.Views
		if err != nil || len(views) != 3 {
			t.Fatalf("Feed = %d views, %v; want 3", len(views), err)
		}
		for _, v := range views {
			if v.Gesture.Title != want || v.Value.Name != "Attentive" {
				t.Errorf("card shows %q of %q, want %q of Attentive", v.Gesture.Title, v.Value.Name, want)
			}
		}
	}
	// sent tells whether the feed script, given the stamp Feed gives it (its copy's, unless the
	// catalogue was too large to keep), sends the objects.
	sent := func(t *testing.T) bool {
		t.Helper()
		kept := ""
		if cp, ok := s.catalogs.get(org.ID); ok && !cp.Value.large {
			kept = cp.Stamp
		}
		raw := s.feedPage(org.ID, team.ID, eva.ID, kept)
		return !slices.ContainsFunc(raw, func(r string) bool { return strings.HasPrefix(r, "=gesture:") })
	}

	t.Run("the first page is read with the objects, and leaves a copy", func(t *testing.T) {
		if !sent(t) {
			t.Fatal("the objects were not sent though the replica had no copy")
		}
		cards(t, "Greet")
		if cp, _ := s.catalogs.get(org.ID); cp.Value.objects["gesture:"+g.ID] == "" || cp.Value.objects["value:"+v.ID] == "" {
			t.Fatalf("copy %+v, want the org's gesture and value", cp)
		}
	})

	t.Run("later pages refer to the copy", func(t *testing.T) {
		if sent(t) {
			t.Error("the objects were sent again though the copy is current")
		}
		cards(t, "Greet")
	})

	t.Run("a changed gesture shows on the next page, which renews the copy", func(t *testing.T) {
		g.Title = "Greet every customer"
		if _, err := s.SaveGesture(ctx, g); err != nil {
			t.Fatal(err)
		}
		if !sent(t) {
			t.Fatal("the objects were not sent after the gesture changed")
		}
		cards(t, "Greet every customer")
		if sent(t) {
			t.Error("the copy was not renewed after the change")
		}
		cards(t, "Greet every customer")
	})

	t.Run("a catalogue larger than a copy may hold is sent with every page", func(t *testing.T) {
		s.catalogs = newCatalogCopies() // a replica started anew, with no copies
		s.catalogs.max = 1              // the org has a gesture and a value
		s.feeds = copies.New[feedPage](feedPages)
		cards(t, "Greet every customer")
		if cp, ok := s.catalogs.get(org.ID); !ok || !cp.Value.large || cp.Value.objects != nil {
			t.Fatalf("copy %+v, want only the mark that the catalogue is too large", cp)
		}
		if !sent(t) {
			t.Error("the objects were not sent though the replica keeps no copy")
		}
		cards(t, "Greet every customer")
	})
}

// A day's first read whose gesture the replica's catalogue copy could not give (there was none,
// or it was of an older catalogue) reads the catalogue into the copy after its write, so that the
// org's next first reads take the gesture and value from it; a current copy is not read again.
func TestFirstReadRenewsAnOldCatalogCopy(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("catfirst")
	team := s.team(org, "Store Utrecht")
	v, g := s.greetGesture(t, org)
	stamp := func(t *testing.T) string {
		t.Helper()
		cv, err := s.rdb.HGet(ctx, s.keys.orgSettings(org.ID), fieldCatalogStamp).Result()
		if err != nil {
			t.Fatal(err)
		}
		return cv
	}
	first := func(t *testing.T, name string) {
		t.Helper()
		u, _ := s.user(org, name, strings.ToLower(name)+"@catfirst.example", "employee", team.ID)
		if _, err := s.Today(ctx, org.ID, u.ID, "2026-11-23", testNow); err != nil {
			t.Fatal(err)
		}
	}
	current := func(t *testing.T, title string) {
		t.Helper()
		cp, ok := s.catalogs.get(org.ID)
		if !ok || cp.Stamp != stamp(t) || !strings.Contains(cp.Value.objects["gesture:"+g.ID], title) || cp.Value.objects["value:"+v.ID] == "" {
			t.Fatalf("copy %+v (kept %v), want the catalogue at stamp %s with %q", cp, ok, stamp(t), title)
		}
	}
	if _, ok := s.catalogs.get(org.ID); ok {
		t.Fatal("a copy before any read")
	}
	first(t, "Eva")
	current(t, "Greet")
	g.Title = "Greet every customer"
	if _, err := s.SaveGesture(ctx, g); err != nil {
		t.Fatal(err)
	}
	first(t, "Ines")
	current(t, "Greet every customer")
}
