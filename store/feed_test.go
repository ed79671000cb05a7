package store

import (
	"context"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// A feed page sends each author, team, gesture and value once, however many cards show it.
func TestFeedSendsSharedObjectsOnce(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("feedonce")
	team := s.team(org, "Store Utrecht")
	eva, _ := s.user(org, "Eva", "eva@feedonce.example", "employee", team.ID)
	sam, _ := s.user(org, "Sam", "sam@feedonce.example", "employee", team.ID)
	var ids []string
	for i, author := range []domain.User{eva, sam, eva} {
		id := domain.NewID(s.clock.Now().Add(time.Duration(i) * time.Second))
		st := domain.Story{ID: id, AuthorID: author.ID, TeamID: team.ID, Text: "story", Day: "2026-11-23", CreatedAt: s.clock.Now()}
		data := encodeStory(st)
		if err := s.rdb.HSet(ctx, s.keys.story(org.ID, id), "data", data, "kudos", i).Err(); err != nil {
			t.Fatal(err)
		}
		if err := s.rdb.ZAdd(ctx, s.keys.teamStories(org.ID, team.ID), redis.Z{Member: id}).Err(); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}

	raw := s.feedPage(org.ID, team.ID, sam.ID, "")
	if len(raw) != 5+3+3*9 || raw[1] != "3" {
		t.Fatalf("answer of %d texts with %s objects, want 3 objects (two authors, one team) and 3 cards", len(raw), raw[1])
	}

	fp, err := s.Feed(ctx, org.ID, team.ID, sam.ID, domain.Page{Limit: 10})
	views := fp.Views
	if err != nil || fp.Next != "" || len(views) != 3 {
		t.Fatalf("Feed = %d views, next %q, %v; want 3, no next page", len(views), fp.Next, err)
	}
	for i, want := range []struct {
		id, author string
		kudos      int
	}{{ids[2], "Eva", 2}, {ids[1], "Sam", 1}, {ids[0], "Eva", 0}} { // newest first
		v := views[i]
		if v.Story.ID != want.id || v.AuthorName != want.author || v.TeamName != "Store Utrecht" || v.Kudos != want.kudos {
			t.Errorf("card %d: story %s by %q of %q with %d kudos; want %s by %q of Store Utrecht with %d",
				i, v.Story.ID, v.AuthorName, v.TeamName, v.Kudos, want.id, want.author, want.kudos)
		}
		if v.Gesture.ID != "" || v.Value.ID != "" {
			t.Errorf("card %d: a gesture or value where the story names none: %+v %+v", i, v.Gesture, v.Value)
		}
	}

	// a story deleted by hand, its id left in the feed, is left out of the page
	s.rdb.Del(ctx, s.keys.story(org.ID, ids[1]))
	if raw := s.feedPage(org.ID, team.ID, sam.ID, ""); len(raw) != 5+2+2*9 || raw[1] != "2" {
		t.Errorf("answer of %d texts with %s objects after a story was deleted by hand, want Eva's 2 cards (Eva and the team)", len(raw), raw[1])
	}
}

// feedPage runs the feed script for the first page of a team's feed, without a copy of the page,
// with kept as the stamp of the replica's copy of the catalogue.
func (s *testStore) feedPage(org, team, viewer, kept string) []string {
	s.t.Helper()
	read := s.feedRead(org, team, viewer, 10)
	read.Catalog = kept
	raw, err := feedScript.Run(context.Background(), s.rdb, s.feedKeys(org, s.keys.teamStories(org, team), viewer), scriptArg(read)).StringSlice()
	if err != nil {
		s.t.Fatal(err)
	}
	return raw
}
