package handlers

import (
	"context"
	"strings"
	"testing"
)

// A shared story's text is stored once, by the story; the assignment record leaves it out.
// Every answer that shows the assignment still carries it.
func TestLoopASharedStorysTextIsStoredOnce(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("storyonce")
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 3)
	eva := o.member("Eva Jansen", "employee", "")
	sam := o.member("Sam de Vries", "employee", "")
	shared := `Walked her | to the "shelf"; she smiled.`
	private := `Kept to myself | and the "till".`

	evaAs := a.loopToday(eva)
	r := a.loopOutcome(eva, evaAs.Id, map[string]any{"result": "done", "story": shared, "share": true})
	samAs := a.loopToday(sam)
	a.loopOutcome(sam, samAs.Id, map[string]any{"result": "done", "story": private})

	stored := func(s *Session, day string) string {
		t.Helper()
		keys := a.boardScan("*:{storyonce}:asg:" + s.User.Id)
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
	} {
		t.Run(c.name+" has the story", func(t *testing.T) {
			if c.sent == nil || *c.sent != c.text {
				t.Errorf("story %v, want %q", c.sent, c.text)
			}
		})
	}
}
