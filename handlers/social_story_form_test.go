package handlers

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// Stories are stored compactly since 2026-12-02 (store's decodeStory); those stored as JSON
// objects by earlier versions are read, take kudos and a spotlight, as before.
func TestStoriesStoredInEitherForm(t *testing.T) {
	o := socialNewOrg(t, "story-forms")
	ida := o.socialMember("Ida Vos", "employee", "") // in no team
	text := `Left | right, "quoted" and | again.`
	pipes := o.socialShare(o.eva, text, map[string]any{"reaction": "positive"})
	alone := o.socialShare(ida, "No team yet.")
	ctx := context.Background()
	rdb := o.a.store.Client()
	keyOf := func(id string) string {
		keys := o.a.boardScan("*:{" + o.slug + "}:story:" + id)
		if len(keys) != 1 {
			t.Fatalf("the key of story %s: found %q", id, keys)
		}
		return keys[0]
	}
	storyText := func(s *Session) string {
		as := o.a.loopToday(s)
		if as.Outcome == nil || as.Outcome.Story == nil {
			t.Fatalf("today's outcome shows no story: %+v", as.Outcome)
		}
		hist := loopHistory(t, o.a, s)
		if len(hist) == 0 || hist[0].Outcome == nil || hist[0].Outcome.Story == nil || *hist[0].Outcome.Story != *as.Outcome.Story {
			t.Fatalf("the history's first day does not show today's story: %+v", hist)
		}
		return *as.Outcome.Story
	}
	before, ok := o.a.socialFind(o.olaf, "org", pipes)
	if !ok {
		t.Fatal("Eva's story is not in the org feed")
	}

	t.Run("a new story is stored compactly and reads back whole", func(t *testing.T) {
		for _, id := range []string{pipes, alone} {
			if data, err := rdb.HGet(ctx, keyOf(id), "data").Result(); err != nil || strings.HasPrefix(data, "{") {
				t.Errorf("story %s is stored as %q, %v", id, data, err)
			}
		}
		if before.Text != text || before.Reaction == nil || *before.Reaction != ReactionPositive ||
			before.Author.Team == nil || before.Author.Team.Id != o.red.Id || before.Gesture.Id != o.gesture.Id || before.Value.Id != o.value.Id {
			t.Errorf("Eva's card: %+v", before)
		}
		if got := storyText(o.eva); got != text {
			t.Errorf("Eva's day shows the story %q", got)
		}
		st, ok := o.a.socialFind(o.olaf, "org", alone)
		if !ok || st.Author.Team != nil || st.Text != "No team yet." || st.Reaction != nil || st.Author.Name != "Ida Vos" {
			t.Errorf("Ida's card: listed %v, %+v", ok, st)
		}
	})

	t.Run("a story stored as a JSON object by an earlier version still reads and takes kudos and a spotlight", func(t *testing.T) {
		old, _, err := o.a.store.Story(ctx, o.slug, pipes)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := json.Marshal(old) // the JSON object earlier versions stored
		if err != nil {
			t.Fatal(err)
		}
		if err := rdb.HSet(ctx, keyOf(pipes), "data", string(raw)).Err(); err != nil {
			t.Fatal(err)
		}
		r := o.a.replica() // no copy of the feed yet
		got, ok := r.socialFind(o.olaf, "org", pipes)
		if a, b := mustJSON(got), mustJSON(before); !ok || a != b {
			t.Errorf("read from its JSON:\n%s\nwant\n%s", a, b)
		}
		if got := storyText(o.eva); got != text {
			t.Errorf("Eva's day shows the story %q", got)
		}
		o.a.call("PUT", "/v1/stories/"+pipes+"/kudos", o.eva.AccessToken, nil).wantProblem(403, "own_story")
		o.a.call("PUT", "/v1/stories/"+pipes+"/kudos", o.ben.AccessToken, nil).expect(204)
		o.a.call("POST", "/v1/stories/"+pipes+"/spotlight", o.max.AccessToken, nil).wantProblem(403, "forbidden")
		o.a.call("POST", "/v1/stories/"+pipes+"/spotlight", o.lena.AccessToken, nil).expect(204)
		if st, _ := r.socialFind(o.ben, "team", pipes); st.Kudos != 1 || !st.KudoedByMe || !st.Spotlight {
			t.Errorf("after kudos and a spotlight: %+v", st)
		}
	})

	t.Run("compact stories take kudos and a spotlight too", func(t *testing.T) {
		o.a.call("PUT", "/v1/stories/"+alone+"/kudos", ida.AccessToken, nil).wantProblem(403, "own_story")
		o.a.call("PUT", "/v1/stories/"+alone+"/kudos", o.olaf.AccessToken, nil).expect(204)
		o.a.call("POST", "/v1/stories/"+alone+"/spotlight", o.lena.AccessToken, nil).wantProblem(403, "forbidden")
		o.a.call("POST", "/v1/stories/"+alone+"/spotlight", o.admin.AccessToken, nil).expect(204)
		if st, _ := o.a.socialFind(o.olaf, "org", alone); st.Kudos != 1 || !st.KudoedByMe || !st.Spotlight {
			t.Errorf("after kudos and a spotlight: %+v", st)
		}
	})
}
