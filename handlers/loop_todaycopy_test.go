package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"
)

// A replica answers a repeat GET /v1/me/today from its own rendered copy once the today script
// says the copy is current (todayCache). These tests hold a copy on one replica, change what
// the view shows through another, and check the first replica never answers the old copy.

// todayAnswers tells from the round trips a read made how it was answered: "same" when it read
// only the stamp (one pipeline of HGETs), "view" when it ran the today script.
type todayAnswers struct {
	loopRoundTrips
}

// read reads today on a and answers it with how it was answered.
func (h *todayAnswers) read(a *testAPI, s *Session) (Assignment, string) {
	a.t.Helper()
	var as Assignment
	trips := h.during(func() { as = a.loopToday(s) })
	switch {
	case len(trips) == 1 && slices.Equal(trips[0], []string{"HGET", "HGET"}):
		return as, "same"
	case slices.ContainsFunc(trips, func(trip []string) bool {
		// the user's state read (readLoop's MULTI/EXEC starts with the user), or a new
		// assignment decided from the replica's copy of it and written
		return len(trip) > 1 && trip[0] == "MULTI" && trip[1] == "HMGET" || len(trip) > 0 && trip[0] == "EVALSHA"
	}):
		return as, "view"
	}
	a.t.Fatalf("round trips %v: neither the stamp alone nor the view", trips)
	return as, ""
}

func TestTodayCopyIsAnsweredOnlyWhileCurrent(t *testing.T) {
	a := newAPI(t)
	answers := &todayAnswers{}
	a.store.Client().AddHook(answers)
	b := a.replica() // the replica every change goes through
	o := a.loopNewOrg("todaycopy")
	v := o.value("Attentive")
	gs := o.gestures(v.Id, "Greet", 3)
	eva := o.member("Eva Jansen", "employee", "")

	first, how := answers.read(a, eva)
	if how != "view" {
		t.Fatalf("the first read was answered from a copy")
	}
	if again, how := answers.read(a, eva); how != "same" || !reflect.DeepEqual(again, first) {
		t.Fatalf("a repeat read: %+v (%s), want the copy of %+v", again, how, first)
	}

	// check reads today on replica a twice: the first read must show the change (want), the
	// second is answered from the new copy.
	check := func(t *testing.T, what string, want func(Assignment) bool) Assignment {
		t.Helper()
		as, how := answers.read(a, eva)
		if how != "view" || !want(as) {
			t.Fatalf("after %s: %+v (%s), want the changed view", what, as, how)
		}
		if again, how := answers.read(a, eva); how != "same" || !reflect.DeepEqual(again, as) {
			t.Fatalf("after %s, a repeat read: %+v (%s), want the copy of %+v", what, again, how, as)
		}
		return as
	}

	t.Run("a swap", func(t *testing.T) {
		var swapped Assignment
		b.call("POST", "/v1/me/assignments/"+first.Id+"/swap", eva.AccessToken, nil).expect(200).decode(&swapped)
		check(t, "a swap", func(as Assignment) bool {
			return as.Gesture.Id == swapped.Gesture.Id && as.Gesture.Id != first.Gesture.Id
		})
	})
	var now Assignment
	t.Run("an edit of the gesture", func(t *testing.T) {
		cur := a.loopToday(eva)
		b.call("PATCH", "/v1/admin/gestures/"+cur.Gesture.Id, o.admin.AccessToken, map[string]any{"title": "Greet warmly"}).expect(200)
		now = check(t, "a gesture edit", func(as Assignment) bool { return as.Gesture.Title == "Greet warmly" })
	})
	t.Run("an edit of the value", func(t *testing.T) {
		b.call("PATCH", "/v1/admin/values/"+v.Id, o.admin.AccessToken, map[string]any{"name": "Attentive first"}).expect(200)
		check(t, "a value edit", func(as Assignment) bool { return as.Gesture.Value.Name == "Attentive first" })
	})
	t.Run("an edit of another gesture", func(t *testing.T) {
		// nothing the view shows changed, but a catalog stamp covers every gesture: one full read
		var other string
		for _, g := range gs {
			if g.Id != now.Gesture.Id {
				other = g.Id
			}
		}
		b.call("PATCH", "/v1/admin/gestures/"+other, o.admin.AccessToken, map[string]any{"title": "Wave"}).expect(200)
		check(t, "another gesture's edit", func(as Assignment) bool { return as.Gesture.Id == now.Gesture.Id })
	})
	t.Run("a pause set by the user", func(t *testing.T) {
		day := loopDate(first)
		b.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"preferences": map[string]any{"paused_until": day}}).expect(200)
		check(t, "a pause", func(as Assignment) bool { return as.Status == "paused" })
		b.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"preferences": map[string]any{"paused_until": nil}}).expect(200)
		check(t, "the pause's end", func(as Assignment) bool { return as.Status == "open" })
	})
	t.Run("an outcome", func(t *testing.T) {
		cur := a.loopToday(eva)
		b.loopOutcome(eva, cur.Id, map[string]any{"result": "done", "story": "She smiled.", "share": true})
		check(t, "an outcome", func(as Assignment) bool {
			return as.Outcome != nil && as.Status == "done" && as.Outcome.Story != nil && *as.Outcome.Story == "She smiled."
		})
	})
	t.Run("a stamp Redis no longer has (a restore, a crash before the write was kept)", func(t *testing.T) {
		keys := a.boardScan(a.store.Keys().User(o.slug, eva.User.Id))
		if len(keys) != 1 {
			t.Fatalf("the user's key: found %q", keys)
		}
		if err := a.store.Client().HDel(context.Background(), keys[0], "tv").Err(); err != nil {
			t.Fatal(err)
		}
		if _, how := answers.read(a, eva); how != "view" {
			t.Fatalf("without a stamp the read was answered from a copy")
		}
	})
	t.Run("a deactivation", func(t *testing.T) {
		b.patchUser(o.admin, eva.User.Id, map[string]any{"active": false}).expect(200)
		a.call("GET", "/v1/me/today", eva.AccessToken, nil).expect(404)
	})
}

func TestTodayCopyIsForItsDayOnly(t *testing.T) {
	a := newAPI(t)
	answers := &todayAnswers{}
	a.store.Client().AddHook(answers)
	o := a.loopNewOrg("todaycopyday")
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 3)
	eva := o.member("Eva Jansen", "employee", "")

	first := a.loopToday(eva)
	if _, how := answers.read(a, eva); how != "same" {
		t.Fatalf("a repeat read was not answered from the copy")
	}
	o.at(a.clock.Now().Add(24*time.Hour), eva)
	next, how := answers.read(a, eva)
	if how != "view" || loopDate(next) == loopDate(first) || next.Id == first.Id {
		t.Fatalf("the next day: %+v (%s), want a new assignment", next, how)
	}
}

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

	t.Run("nothing is kept for a user deactivated meanwhile: the read answers them not found", func(t *testing.T) {
		s := o.member("Lotte Vos", "employee", red.Id)
		as := a.loopToday(s)
		// deactivated through another replica: this one's copy of the org lets the token in a
		// while longer, and the write is taken
		other.call("PATCH", "/v1/admin/users/"+s.User.Id, o.admin.AccessToken, map[string]any{"active": false}).expect(200)
		a.loopOutcome(s, as.Id, map[string]any{"result": "done"})
		res := a.call("GET", "/v1/me/today", s.AccessToken, nil)
		if res.Status != 404 {
			t.Fatalf("today of a deactivated user: %d %s, want 404 as any replica answers", res.Status, res.Body)
		}
	})

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
	// last: the clock moves on
	t.Run("an outcome of today's assignment that is not the newest keeps nothing", func(t *testing.T) {
		// Zoe reads Thursday's gesture in New York, flies to Tokyo where it is Friday and reads
		// Friday's, and records Thursday's back in New York, where it is still Thursday: a read of
		// today answers the newest, Friday's
		zoe := o.member("Zoe Quinn", "employee", red.Id)
		o.at(loopLocal(t, loopDay(3), "19:00:00", "America/New_York"), zoe) // Friday 00:00 UTC
		a.loopSetTimezone(zoe, "America/New_York")
		thu := a.loopToday(zoe)
		o.at(loopLocal(t, loopDay(3), "19:01:00", "America/New_York"), zoe)
		a.loopSetTimezone(zoe, "Asia/Tokyo")
		fri := a.loopToday(zoe)
		o.at(loopLocal(t, loopDay(3), "19:02:00", "America/New_York"), zoe)
		a.loopSetTimezone(zoe, "America/New_York")
		if loopDate(thu) != loopDay(3) || loopDate(fri) != loopDay(4) {
			t.Fatalf("set-up: read %s and %s, want Thursday's and Friday's", loopDate(thu), loopDate(fri))
		}
		a.loopOutcome(zoe, thu.Id, map[string]any{"result": "done"})
		if got := a.loopToday(zoe); got.Id != fri.Id {
			t.Fatalf("today after recording Thursday's: %s (%s), want Friday's %s", got.Id, loopDate(got), fri.Id)
		}
	})
}
