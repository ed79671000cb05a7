package handlers

import (
	"context"
	"strings"
	"testing"
)

// A shared story's text is stored once, by the story, and a reported barrier's by the barrier;
// the assignment record leaves them out. Every answer that shows the assignment carries them.
func TestLoopSharedTextsAreStoredOnce(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("storyonce")
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 3)
	eva := o.member("Eva Jansen", "employee", "")
	sam := o.member("Sam de Vries", "employee", "")
	ida := o.member("Ida Smit", "employee", "")
	shared := `Walked her | to the "shelf"; she smiled.`
	private := `Kept to myself | and the "till".`
	barrier := `Queue | at the "till" all afternoon.`

	evaAs := a.loopToday(eva)
	r := a.loopOutcome(eva, evaAs.Id, map[string]any{"result": "done", "story": shared, "share": true})
	samAs := a.loopToday(sam)
	a.loopOutcome(sam, samAs.Id, map[string]any{"result": "done", "story": private})
	idaAs := a.loopToday(ida)
	blocked := a.loopOutcome(ida, idaAs.Id, map[string]any{"result": "blocked", "barrier": map[string]any{"category": "time", "text": barrier}})

	stored := func(s *Session, day string) string {
		t.Helper()
		keys := a.boardScan(a.store.Keys().Assignments("storyonce", s.User.Id))
		if len(keys) != 1 {
			t.Fatalf("assignment keys %q", keys)
		}
		raw, err := a.store.Client().HGet(context.Background(), keys[0], day).Result()
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	if raw := stored(eva, loopDate(evaAs)); strings.Contains(raw, "shelf") {
		t.Errorf("the record repeats the shared story: %s", raw)
	}
	if raw := stored(ida, loopDate(idaAs)); strings.Contains(raw, "afternoon") {
		t.Errorf("the record repeats the barrier's text: %s", raw)
	}
	if raw := stored(sam, loopDate(samAs)); !strings.Contains(raw, "till") {
		t.Errorf("the record lost the story nobody else keeps: %s", raw)
	}

	for _, c := range []struct {
		name string
		s    *Session
		sent *string
		text string
	}{
		{"the answer to the outcome", eva, r.Assignment.Outcome.Story, shared},
		{"today", eva, a.loopToday(eva).Outcome.Story, shared},
		{"history", eva, loopHistory(t, a, eva)[0].Outcome.Story, shared},
		{"an unshared story's history", sam, loopHistory(t, a, sam)[0].Outcome.Story, private},
		{"an unshared story's today", sam, a.loopToday(sam).Outcome.Story, private},
		{"the answer to the blocked outcome", ida, loopBarrierText(blocked.Assignment), barrier},
		{"the blocked day's today", ida, loopBarrierText(a.loopToday(ida)), barrier},
		{"the blocked day's history", ida, loopBarrierText(loopHistory(t, a, ida)[0]), barrier},
	} {
		t.Run(c.name+" has the text", func(t *testing.T) {
			if c.sent == nil || *c.sent != c.text {
				t.Errorf("text %v, want %q", c.sent, c.text)
			}
		})
	}
}

func loopBarrierText(as Assignment) *string {
	if as.Outcome == nil || as.Outcome.Barrier == nil {
		return nil
	}
	return &as.Outcome.Barrier.Text
}
