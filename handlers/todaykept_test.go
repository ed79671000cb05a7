package handlers

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"testing"
)

// A swap or an outcome of today's assignment leaves the caller's answer of GET /v1/me/today on
// the replica that wrote it (keepToday): the read after it there is one round trip, the view's
// stamps, and answers exactly what a replica that never saw the write reads whole.
func TestWriteKeepsTodaysAnswer(t *testing.T) {
	a := newAPI(t)
	counter := &loopRoundTrips{}
	a.store.Client().AddHook(counter)
	o := a.loopNewOrg("keeptoday")
	v := o.value("Attentive")
	greet := o.gestures(v.Id, "Greet", 3)
	// every gesture is in this week's challenge: the answers carry a challenge too
	o.challenge("Greeting week", loopDay(0), loopDay(6), []string{greet[0].Id, greet[1].Id, greet[2].Id})
	red := a.team(o.admin, "Red")
	a.loopDoToday(o.member("Walter Warm", "employee", red.Id), "done") // scripts loaded, org read
	other := a.replica()

	// each change answers the assignment as its answer holds it
	outcome := func(body map[string]any) func(*Session, Assignment) []byte {
		return func(s *Session, as Assignment) []byte {
			var answer struct {
				Assignment json.RawMessage `json:"assignment"`
			}
			a.loopRecord(s, as.Id, body).expect(201).decode(&answer)
			return answer.Assignment
		}
	}
	swap := func(s *Session, as Assignment) []byte {
		return bytes.TrimSpace(a.call("POST", "/v1/me/assignments/"+as.Id+"/swap", s.AccessToken, nil).expect(200).Body)
	}
	for i, c := range []struct {
		name   string
		change func(*Session, Assignment) []byte
	}{
		{"a swap", swap},
		{"a done gesture with its story shared", outcome(map[string]any{"result": "done", "reaction": "positive", "story": "She smiled.", "share": true})},
		{"a done gesture with its story kept", outcome(map[string]any{"result": "done", "story": "He laughed."})},
		{"a blocked gesture with a barrier", outcome(map[string]any{"result": "blocked", "barrier": map[string]any{"category": "time", "text": "Too busy at the till."}})},
		{"a skipped gesture", outcome(map[string]any{"result": "skipped"})},
		{"a swap, then an outcome", func(s *Session, as Assignment) []byte {
			swap(s, as)
			return outcome(map[string]any{"result": "done", "reaction": "neutral"})(s, as)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := o.member("Eva Jansen "+strconv.Itoa(i), "employee", red.Id)
			answered := c.change(s, a.loopToday(s))
			var kept response
			trips := counter.during(func() { kept = a.call("GET", "/v1/me/today", s.AccessToken, nil).expect(200) })
			if len(trips) != 1 || !slices.Equal(trips[0], []string{"HGET", "HGET"}) {
				t.Fatalf("round trips %v, want one pipeline of the two stamps' HGETs", trips)
			}
			read := other.call("GET", "/v1/me/today", s.AccessToken, nil).expect(200)
			if !bytes.Equal(kept.Body, read.Body) {
				t.Fatalf("the kept answer\n%s\nis not the one read whole\n%s", kept.Body, read.Body)
			}
			if !bytes.Equal(answered, read.Body) {
				t.Fatalf("the write answered the assignment\n%s\nnot the one read whole\n%s", answered, read.Body)
			}
			var as Assignment
			kept.decode(&as)
			if as.Challenge == nil {
				t.Fatalf("the answer %s has no challenge: the case is not covered", kept.Body)
			}
		})
	}

	t.Run("a write on another replica is read whole: the stamps, the state, the challenge with the story's text", func(t *testing.T) {
		s := o.member("Ines Visser", "employee", red.Id)
		as := a.loopToday(s)
		other.loopOutcome(s, as.Id, map[string]any{"result": "done", "story": "He came back.", "share": true})
		var got Assignment
		trips := counter.during(func() { got = a.loopToday(s) })
		want := [][]string{{"HGET", "HGET"}, {"MULTI", "HMGET", "HMGET", "HGET", "EXEC"}, {"HMGET", "HMGET"}}
		if !slices.EqualFunc(trips, want, slices.Equal) {
			t.Fatalf("round trips %v, want %v", trips, want)
		}
		if got.Outcome == nil || got.Outcome.Result != "done" || got.Outcome.Story == nil || *got.Outcome.Story != "He came back." || got.Challenge == nil {
			t.Fatalf("today after an outcome elsewhere: %+v, want it done with its story and challenge", got)
		}
	})
}
