package store

import (
	"context"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

func TestQuoteForm(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 23, 14, 3, 0, 0, time.UTC)
	t.Run("a quote reads back as written, a '|' in the comment included", func(t *testing.T) {
		q := domain.CustomerQuote{AnswerID: "01JEQ4ZK6W2M3N4P5Q6R7S8T9V", Score: 9, Comment: "Fast | friendly", At: at}
		got, err := decodeQuote(encodeQuote(q))
		if err != nil || got == nil || *got != q {
			t.Fatalf("got %+v, %v; want %+v", got, err, q)
		}
	})
	t.Run("no field is no quote", func(t *testing.T) {
		if got, err := decodeQuote(""); got != nil || err != nil {
			t.Fatalf("got %+v, %v", got, err)
		}
	})
	for _, raw := range []string{"10|x|A1|c", "11|1|A1|c", "-1|1|A1|c", "10|1|A1", "ten|1|A1|c"} {
		t.Run("a damaged field is an error: "+raw, func(t *testing.T) {
			if _, err := decodeQuote(raw); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

// The outcome writes the quote as one more field of the story's hash, and only with one.
func TestWriteStoryWritesTheQuoteField(t *testing.T) {
	t.Parallel()
	s := &Store{keys: keys{prefix: "mx"}}
	q := &domain.CustomerQuote{AnswerID: "A1", Score: 10, Comment: "Thanks", At: time.Unix(1764000000, 0)}
	r := domain.OutcomeRequest{Org: "acme", UserID: "U1", Day: "2026-11-23", StoryID: "S1",
		Input:   domain.OutcomeInput{Result: domain.ResultDone, Story: "Held the door", Share: true, Quote: q},
		Context: domain.DayContext{Now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}}
	quotes := func(w outcomeWrite) []string {
		var out []string
		for i := 0; i+3 < len(w.writes); i++ {
			if w.writes[i] == "hset" && w.writes[i+1] == s.keys.story("acme", "S1") && w.writes[i+2] == quoteField {
				out = append(out, w.writes[i+3].(string))
			}
		}
		return out
	}
	var w outcomeWrite
	s.writeStory(&w, r, dayRecord{Gesture: "G1"}, "T1", "V1")
	if got := quotes(w); len(got) != 1 || got[0] != "10|1764000000|A1|Thanks" {
		t.Fatalf("quote fields %q", got)
	}
	r.Input.Quote = nil
	w = outcomeWrite{}
	s.writeStory(&w, r, dayRecord{Gesture: "G1"}, "T1", "V1")
	if got := quotes(w); len(got) != 0 {
		t.Fatalf("a story without a quote wrote %q", got)
	}
}

// A story's quote is read with it: in its view and in the feeds' cards.
func TestStoryQuoteIsRead(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("storyquote")
	team := s.team(org, "Store Utrecht")
	eva, _ := s.user(org, "Eva", "eva@storyquote.example", "employee", team.ID)
	at := time.Date(2026, 11, 23, 10, 5, 0, 0, time.UTC)
	quoted, plain := domain.NewID(s.clock.Now()), domain.NewID(s.clock.Now().Add(time.Second))
	for _, id := range []string{quoted, plain} {
		fields := []any{"data", "2026-11-23|34200|" + eva.ID + "|" + team.ID + "|G1|V1|1|A story"}
		if id == quoted {
			fields = append(fields, quoteField, encodeQuote(domain.CustomerQuote{AnswerID: "A1", Score: 10, Comment: "Walked | me out", At: at}))
		}
		if err := s.rdb.HSet(ctx, s.keys.story(org.ID, id), fields...).Err(); err != nil {
			t.Fatal(err)
		}
		if err := s.rdb.ZAdd(ctx, s.keys.teamStories(org.ID, team.ID), redis.Z{Member: id}).Err(); err != nil {
			t.Fatal(err)
		}
	}
	want := domain.CustomerQuote{AnswerID: "A1", Score: 10, Comment: "Walked | me out", At: at}
	t.Run("in the story's view", func(t *testing.T) {
		v, err := s.StoryView(ctx, org.ID, quoted, eva.ID)
		if err != nil || v.Quote == nil || *v.Quote != want {
			t.Fatalf("quote %+v, %v", v.Quote, err)
		}
		if v, err := s.StoryView(ctx, org.ID, plain, eva.ID); err != nil || v.Quote != nil {
			t.Fatalf("a story without a quote: %+v, %v", v.Quote, err)
		}
	})
	t.Run("in the feed, read whole and from the replica's copy", func(t *testing.T) {
		for range 2 {
			fp, err := s.Feed(ctx, org.ID, team.ID, eva.ID, domain.Page{Limit: 10})
			if err != nil || len(fp.Views) != 2 {
				t.Fatalf("%d views, %v", len(fp.Views), err)
			}
			if fp.Views[0].Story.ID != plain || fp.Views[0].Quote != nil || fp.Views[1].Quote == nil || *fp.Views[1].Quote != want {
				t.Fatalf("views %+v / %+v", fp.Views[0], fp.Views[1])
			}
		}
	})
}
