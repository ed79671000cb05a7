package store

import (
	"context"
	"testing"

	"github.com/microact/microact/domain"
)

// StoryView reads one story (of either stored form) with its kudos, spotlight and the viewer's
// kudos; a deleted or unknown story is not found.
func TestStoryViewReadsOneStory(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("storyview")
	team := s.team(org, "Store Utrecht")
	eva, _ := s.user(org, "Eva", "eva@storyview.example", "employee", team.ID)
	sam, _ := s.user(org, "Sam", "sam@storyview.example", "employee", team.ID)
	compact := domain.NewID(s.clock.Now())
	// day | created | author | team | gesture | value | reaction | text (see decodeStory)
	if err := s.rdb.HSet(ctx, s.keys.story(org.ID, compact), "data", "2026-11-23|34200|"+eva.ID+"|"+team.ID+"|G1|V1|1|A story | with a bar",
		"kudos", 3, "spotlight", "1").Err(); err != nil {
		t.Fatal(err)
	}
	if err := s.rdb.SAdd(ctx, s.keys.storyKudos(org.ID, compact), sam.ID).Err(); err != nil {
		t.Fatal(err)
	}

	t.Run("a compact story with kudos and spotlight", func(t *testing.T) {
		v, err := s.StoryView(ctx, org.ID, compact, sam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Story.ID != compact || v.Story.AuthorID != eva.ID || v.Story.Text != "A story | with a bar" || v.Story.Reaction != "delighted" ||
			v.Kudos != 3 || !v.Spotlight || !v.KudoedByMe || v.Story.CreatedAt.Format("15:04") != "09:30" {
			t.Errorf("view %+v", v)
		}
	})
	t.Run("kudoed_by_me is the viewer's own", func(t *testing.T) {
		v, err := s.StoryView(ctx, org.ID, compact, eva.ID)
		if err != nil || v.KudoedByMe {
			t.Errorf("Eva's view: kudoed %v, %v", v.KudoedByMe, err)
		}
	})
	t.Run("a deleted story is not found", func(t *testing.T) {
		st, _, err := s.Story(ctx, org.ID, compact)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteStory(ctx, org.ID, st); err != nil {
			t.Fatal(err)
		}
		if _, err := s.StoryView(ctx, org.ID, compact, sam.ID); domain.ErrorKind(err) != domain.KindNotFound {
			t.Errorf("deleted story: %v, want not found", err)
		}
	})
	t.Run("an unknown story is not found", func(t *testing.T) {
		if _, err := s.StoryView(ctx, org.ID, "01JFZ8P4R6T8V0X2Z4B6D8F0H2", sam.ID); domain.ErrorKind(err) != domain.KindNotFound {
			t.Errorf("unknown story: %v, want not found", err)
		}
	})
}
