package handlers

import (
	"context"
	"strings"
	"testing"
	"time"
)

// Stories are stored compactly (store's decodeStory), whatever their text holds.
func TestStoriesAreStoredCompactly(t *testing.T) {
	o := socialNewOrg(t, "story-forms")
	ida := o.socialMember("Ida Vos", "employee", "") // in no team
	text := `Left | right, "quoted" and | again.`
	pipes := o.socialShare(o.eva, text, map[string]any{"reaction": "positive"})
	alone := o.socialShare(ida, "No team yet.")
	ctx := context.Background()
	rdb := o.a.store.Client()
	keyOf := func(id string) string {
		keys := o.a.boardScan(o.a.store.Keys().Story(o.slug, id))
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

	t.Run("compact stories take kudos and a spotlight", func(t *testing.T) {
		o.a.call("PUT", "/v1/stories/"+alone+"/kudos", ida.AccessToken, nil).wantProblem(403, "own_story")
		o.a.call("PUT", "/v1/stories/"+alone+"/kudos", o.olaf.AccessToken, nil).expect(204)
		o.a.call("POST", "/v1/stories/"+alone+"/spotlight", o.lena.AccessToken, nil).wantProblem(403, "forbidden")
		o.a.call("POST", "/v1/stories/"+alone+"/spotlight", o.admin.AccessToken, nil).expect(204)
		if st, _ := o.a.socialFind(o.olaf, "org", alone); st.Kudos != 1 || !st.KudoedByMe || !st.Spotlight {
			t.Errorf("after kudos and a spotlight: %+v", st)
		}
	})
}

// Barriers reported with a blocked gesture are stored compactly since 2026-12-02 (store's
// decodeBarrier), as open barriers; every change stores the barrier's JSON object again.
func TestBarriersStoredInEitherForm(t *testing.T) {
	o := socialNewOrg(t, "barrier-forms")
	ctx := context.Background()
	rdb := o.a.store.Client()
	text := "Queue | till, all afternoon."
	as := o.a.loopToday(o.eva)
	r := o.a.loopOutcome(o.eva, as.Id, map[string]any{"result": "blocked", "barrier": map[string]any{"category": "time", "text": text}})
	if r.BarrierId == nil {
		t.Fatalf("the blocked outcome made no barrier: %+v", r)
	}
	id, reported := *r.BarrierId, o.a.clock.Now()
	keys := o.a.boardScan(o.a.store.Keys().Barrier(o.slug, id))
	if len(keys) != 1 {
		t.Fatalf("the key of barrier %s: found %q", id, keys)
	}
	stored := func() string {
		data, err := rdb.HGet(ctx, keys[0], "data").Result()
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	read := func() Barrier { // as the lead lists it, and as the reporter does
		var found Barrier
		for _, listed := range o.socialBarriers(o.lena) {
			if listed.Id == id {
				found = listed
			}
		}
		if found.Id == "" {
			t.Fatal("the lead does not see the barrier")
		}
		for _, listed := range o.socialBarriers(o.eva) {
			if listed.Id == id && mustJSON(listed) != mustJSON(found) {
				t.Errorf("Eva sees %s, her lead %s", mustJSON(listed), mustJSON(found))
			}
		}
		return found
	}
	rebuilt := func() int {
		if err := o.a.store.RebuildBoards(ctx, o.slug, nil); err != nil {
			t.Fatal(err)
		}
		return o.socialOpenBarriers(o.lena, o.red)
	}

	t.Run("a reported barrier is stored compactly and reads back whole", func(t *testing.T) {
		if data := stored(); strings.HasPrefix(data, "{") {
			t.Errorf("stored as %q", data)
		}
		b := read()
		if b.Text != text || b.Category != "time" || b.Status != "open" || b.Note != "" || b.Reporter.Id != o.eva.User.Id ||
			b.Team == nil || b.Team.Id != o.red.Id || !b.CreatedAt.Equal(reported) || !b.UpdatedAt.Equal(reported) {
			t.Errorf("read as %+v", b)
		}
		day := o.a.loopToday(o.eva)
		if day.Outcome == nil || day.Outcome.Barrier == nil || day.Outcome.Barrier.Text != text {
			t.Errorf("Eva's day shows %+v", day.Outcome)
		}
		if hist := loopHistory(t, o.a, o.eva); len(hist) == 0 || hist[0].Outcome.Barrier == nil || hist[0].Outcome.Barrier.Text != text {
			t.Errorf("Eva's history shows %+v", hist)
		}
		if n := o.socialOpenBarriers(o.lena, o.red); n != 1 {
			t.Errorf("%d open barriers on the dashboard", n)
		}
		if n := rebuilt(); n != 1 {
			t.Errorf("%d open barriers after a rebuild", n)
		}
	})

	t.Run("a change stores the JSON object, and resolving it closes it for rebuilds too", func(t *testing.T) {
		o.a.clock.Advance(time.Minute)
		var b Barrier
		o.a.socialMove(o.lena, id, "acknowledged", "On it.").expect(200).decode(&b)
		if data := stored(); !strings.HasPrefix(data, "{") {
			t.Errorf("stored as %q after the change", data)
		}
		if got := read(); got.Status != "acknowledged" || got.Note != "On it." || got.Text != text || !got.CreatedAt.Equal(reported) ||
			!got.UpdatedAt.Equal(o.a.clock.Now()) {
			t.Errorf("after the change: %+v", got)
		}
		if day := o.a.loopToday(o.eva); day.Outcome.Barrier == nil || day.Outcome.Barrier.Text != text {
			t.Errorf("Eva's day shows %+v", day.Outcome)
		}
		o.a.socialMove(o.lena, id, "resolved", "").expect(200)
		if n := o.socialOpenBarriers(o.lena, o.red); n != 0 {
			t.Errorf("%d open barriers after resolving", n)
		}
		if n := rebuilt(); n != 0 {
			t.Errorf("%d open barriers after a rebuild", n)
		}
	})

	t.Run("a compact barrier resolved straight from open leaves the open barriers", func(t *testing.T) {
		o.socialAdvance(day)
		as := o.a.loopToday(o.eva)
		r := o.a.loopOutcome(o.eva, as.Id, map[string]any{"result": "blocked", "barrier": map[string]any{"category": "stock", "text": "No bags."}})
		if n := o.socialOpenBarriers(o.lena, o.red); n != 1 {
			t.Errorf("%d open barriers", n)
		}
		o.a.socialMove(o.lena, *r.BarrierId, "resolved", "Bags came.").expect(200)
		if n := o.socialOpenBarriers(o.lena, o.red); n != 0 {
			t.Errorf("%d open barriers after resolving", n)
		}
	})
}
