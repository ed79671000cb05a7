package handlers

import (
	"context"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// The hot path makes one Redis round trip: POST …/outcome runs one script; GET /v1/me/today runs
// one on the day's first read and, on a repeat read, reads only the view's stamp (todayCache) —
// plus the script when the stamp changed. A go-redis hook on the API's own client counts what is
// sent.

// hookLog keeps what a go-redis test hook saw while during runs (and nothing at other times).
type hookLog[T any] struct {
	mu   sync.Mutex
	on   bool
	seen []T
}

func (l *hookLog[T]) add(v T) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.on {
		l.seen = append(l.seen, v)
	}
}

// during runs f and answers what the hook saw meanwhile.
func (l *hookLog[T]) during(f func()) []T {
	l.mu.Lock()
	l.on, l.seen = true, nil
	l.mu.Unlock()
	f()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.on = false
	return l.seen
}

// loopRoundTrips counts the round trips a go-redis client makes: each command sent alone is
// one, each pipeline (or transaction) is one, whatever it holds; during answers the command
// names of each.
type loopRoundTrips struct{ hookLog[[]string] }

func (h *loopRoundTrips) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) { return next(ctx, network, addr) }
}

func (h *loopRoundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.record([]redis.Cmder{cmd})
		return next(ctx, cmd)
	}
}

func (h *loopRoundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.record(cmds)
		return next(ctx, cmds)
	}
}

func (h *loopRoundTrips) record(cmds []redis.Cmder) {
	names := make([]string, len(cmds))
	for i, c := range cmds {
		names[i] = strings.ToUpper(c.Name())
	}
	h.add(names)
}

func TestLoopHotPathIsOneRoundTrip(t *testing.T) {
	a := newAPI(t)
	counter := &loopRoundTrips{}
	a.store.Client().AddHook(counter)
	o := a.loopNewOrg("roundtrips")
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 5)
	warm := o.member("Walter Warm", "employee", "")
	// Enrolling is a read of the user's stats and loop state (as their profile is): Eva enrolls
	// on this replica, Uma on another one, so this one has never read Uma's state.
	eva := o.member("Eva Jansen", "employee", "")
	umaSession := a.replica().member(o.admin, "Uma Smit", "employee", "")
	uma := &umaSession

	// Warm up: load the scripts into Redis (a cold EVALSHA answers NOSCRIPT and go-redis sends
	// EVAL: two trips, once per script per Redis) and this replica's org cache (re-read every
	// 30 s: one extra trip per org and replica every 30 s, not per request).
	a.loopDoToday(warm, "done")

	oneEvalSha := func(t *testing.T, trips [][]string) {
		t.Helper()
		if len(trips) != 1 || len(trips[0]) != 1 || trips[0][0] != "EVALSHA" {
			t.Fatalf("round trips %v, want one EVALSHA", trips)
		}
	}
	stampOnly := func(t *testing.T, trips [][]string) {
		t.Helper()
		if len(trips) != 1 || !slices.Equal(trips[0], []string{"HGET", "HGET"}) {
			t.Fatalf("round trips %v, want one pipeline of the two stamps' HGETs", trips)
		}
	}
	// the user, their newest day, team and recent records, and the catalogue stamp (the org's
	// state is the replica's copy): plain reads in one MULTI/EXEC, no script
	stateRead := []string{"MULTI", "HMGET", "HMGET", "HGET", "EXEC"}
	var today Assignment
	t.Run("GET /v1/me/today, the first read of a user this replica has not read, reads the state and writes", func(t *testing.T) {
		trips := counter.during(func() { a.loopToday(uma) })
		if len(trips) != 2 || !slices.Equal(trips[0], stateRead) || !slices.Equal(trips[1], []string{"EVALSHA"}) {
			t.Fatalf("round trips %v, want the state's reads and the write script", trips)
		}
	})
	t.Run("GET /v1/me/today, the first read of a user this replica read, is one EVALSHA", func(t *testing.T) {
		// decided from the loop state enrolling (or the profile) read here; the write checks
		// its stamp
		oneEvalSha(t, counter.during(func() { today = a.loopToday(eva) }))
	})
	t.Run("GET /v1/me/today, a repeat read, is one round trip that reads the stamp", func(t *testing.T) {
		stampOnly(t, counter.during(func() { a.loopToday(eva) }))
	})
	// A replica keeps what the user's first read and stats read (enrolling is one) read, and
	// what it wrote (store/loopcopy.go): the outcome and the swap that follow on it are decided
	// from those copies and checked inside their one script.
	t.Run("POST outcome, with a shared story, after the first read is one EVALSHA", func(t *testing.T) {
		oneEvalSha(t, counter.during(func() {
			a.loopOutcome(eva, today.Id, map[string]any{"result": "done", "story": "Hi.", "share": true})
		}))
	})
	t.Run("POST outcome decided from a copy out of date is decided again from the state the script answers", func(t *testing.T) {
		ines := o.member("Ines Visser", "employee", "")
		as := a.loopToday(ines)
		// a change on another replica: a new view stamp this replica's copy does not know of
		a.replica().call("PATCH", "/v1/me", ines.AccessToken, map[string]any{"preferences": map[string]any{"reminder_time": "09:15"}}).expect(200)
		trips := counter.during(func() { a.loopOutcome(ines, as.Id, map[string]any{"result": "done"}) })
		// the org's state (settings, catalogue, values) is the replica's copy, at the catalogue
		// stamp the script answered: nothing is read between the two
		if want := [][]string{{"EVALSHA"}, {"EVALSHA"}}; !slices.EqualFunc(trips, want, slices.Equal) {
			t.Fatalf("round trips %v, want the script finding the state moved and answering it, and the script again", trips)
		}
	})

	t.Run("a keyed outcome retried here after another replica recorded it is answered from the key's record the script answers", func(t *testing.T) {
		kai := o.member("Kai Smit", "employee", "")
		as := a.loopToday(kai) // this replica's copy: the assignment without an outcome
		// a third replica with copies of her state, the org's and her stats taken before it too
		stale := a.replica()
		stale.loopToday(kai)
		stale.loopMe(kai)
		body := map[string]any{"result": "done", "reaction": "positive"}
		first := a.replica().loopRecord(kai, as.Id, body, "Idempotency-Key", "k-elsewhere").expect(201)
		var again response
		trips := counter.during(func() { again = a.loopRecord(kai, as.Id, body, "Idempotency-Key", "k-elsewhere").expect(201) })
		if again.Header.Get("Idempotent-Replayed") != "true" || string(again.Body) != string(first.Body) {
			t.Fatalf("retry: %q\n%s\nwant the first answer\n%s", again.Header.Get("Idempotent-Replayed"), again.Body, first.Body)
		}
		if len(trips) == 0 || !slices.Equal(trips[0], []string{"EVALSHA"}) ||
			slices.ContainsFunc(trips[1:], func(c []string) bool { return slices.Contains(c, "EVALSHA") || slices.Contains(c, "MULTI") }) {
			t.Fatalf("round trips %v, want the script finding the key's record and answering it, then the objects shown and no state read", trips)
		}
		// another body with the key, decided from the stale copy: the key's record the script
		// answers tells it is another request
		trips = counter.during(func() {
			stale.loopRecord(kai, as.Id, map[string]any{"result": "skipped"}, "Idempotency-Key", "k-elsewhere").wantProblem(422, "idempotency_key_reused")
		})
		if want := [][]string{{"EVALSHA"}}; !slices.EqualFunc(trips, want, slices.Equal) {
			t.Fatalf("round trips %v of the reused key, want the script answering the key's record", trips)
		}
	})

	t.Run("POST outcome after the org's settings changed elsewhere reads the org's state between", func(t *testing.T) {
		ivo := o.member("Ivo Smit", "employee", "")
		as := a.loopToday(ivo)
		// a new catalogue stamp this replica's copy of the org's state does not know of
		a.replica().call("PATCH", "/v1/admin/org", o.admin.AccessToken, map[string]any{"points": map[string]any{"blocked": 4}}).expect(200)
		var r OutcomeResult
		trips := counter.during(func() {
			r = a.loopOutcome(ivo, as.Id, map[string]any{"result": "blocked", "barrier": map[string]any{"category": "time", "text": "Queue."}})
		})
		if len(trips) != 3 || !slices.Equal(trips[0], []string{"EVALSHA"}) || !slices.Equal(trips[2], []string{"EVALSHA"}) ||
			slices.Contains(trips[1], "EVALSHA") || slices.Contains(trips[1], "HMGET") || !slices.Contains(trips[1], "SMEMBERS") {
			t.Fatalf("round trips %v, want the script finding the catalogue stamp moved, a read of the org's state (not the user's) and the script", trips)
		}
		if r.PointsAwarded != 4 {
			t.Errorf("blocked at blocked 4 set elsewhere: %d points", r.PointsAwarded)
		}
	})

	t.Run("POST swap after the first read is one EVALSHA", func(t *testing.T) {
		noor := o.member("Noor Bakker", "employee", "")
		as := a.loopToday(noor)
		oneEvalSha(t, counter.during(func() {
			a.call("POST", "/v1/me/assignments/"+as.Id+"/swap", noor.AccessToken, nil).expect(200)
		}))
	})
	t.Run("POST swap after a swap elsewhere is decided again from the state the script answers", func(t *testing.T) {
		jip := o.member("Jip Bakker", "employee", "")
		as := a.loopToday(jip)
		var there, here Assignment
		a.replica().call("POST", "/v1/me/assignments/"+as.Id+"/swap", jip.AccessToken, nil).expect(200).decode(&there)
		trips := counter.during(func() {
			a.call("POST", "/v1/me/assignments/"+as.Id+"/swap", jip.AccessToken, nil).expect(200).decode(&here)
		})
		if want := [][]string{{"EVALSHA"}, {"EVALSHA"}}; !slices.EqualFunc(trips, want, slices.Equal) {
			t.Fatalf("round trips %v, want the script finding the state moved and answering it, and the script again", trips)
		}
		// the second swap is decided from the first: one swap left fewer, another gesture
		if here.SwapsLeft != there.SwapsLeft-1 || here.Gesture.Id == there.Gesture.Id {
			t.Errorf("swapped here %+v after %+v there", here, there)
		}
	})
	t.Run("GET /v1/me is one round trip, with the team's name", func(t *testing.T) {
		red := a.team(o.admin, "Red")
		rik := o.member("Rik Rood", "employee", red.Id)
		a.loopMe(rik) // the first request with a fresh token also checks its session
		var me Me
		oneEvalSha(t, counter.during(func() { me = a.loopMe(rik) }))
		if me.Team == nil || me.Team.Name != "Red" || me.Name != "Rik Rood" {
			t.Fatalf("me = %+v, team %+v; want Rik Rood of Red", me, me.Team)
		}
	})
	t.Run("GET /v1/stories is one round trip, read whole or from the copy", func(t *testing.T) {
		// warm up: the feed script is loaded, and the replica reads the org's catalogue once
		a.socialFeed(eva, "?scope=org")
		ida := o.member("Ida de Wit", "employee", "")
		a.loopOutcome(ida, a.loopToday(ida).Id, map[string]any{"result": "done", "story": "Hello.", "share": true})
		answers := &feedAnswers{}
		a.store.Client().AddHook(answers)
		var l StoryList
		for _, want := range []string{"read", "copy"} { // the page changed: read whole; then the copy
			hows := answers.during(func() {
				oneEvalSha(t, counter.during(func() { l = a.socialFeed(eva, "?scope=org") }))
			})
			if !slices.Equal(hows, []string{want}) {
				t.Fatalf("the feed page was answered by %q, want %q", hows, want)
			}
		}
		if len(l.Items) != 2 || l.Items[0].Text != "Hello." {
			t.Fatalf("the feed shows %+v, want Ida's story first of two", l.Items)
		}
	})

	t.Run("the read after a change elsewhere is three: the stamp, the state, the story's text", func(t *testing.T) {
		// Eva's outcome above left her today's answer on this replica (loop_todaycopy_test.go); a
		// change on another replica gives her view a stamp this one does not know of
		a.replica().call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"preferences": map[string]any{"reminder_time": "09:15"}}).expect(200)
		// the gesture and value from the replica's catalogue copy (the feed above read it)
		trips := counter.during(func() { a.loopToday(eva) })
		want := [][]string{{"HGET", "HGET"}, stateRead, {"HMGET"}}
		if !slices.EqualFunc(trips, want, slices.Equal) {
			t.Fatalf("round trips %v, want %v", trips, want)
		}
		stampOnly(t, counter.during(func() { a.loopToday(eva) }))
	})

	t.Run("an Idempotency-Key replay reads the state and the objects, writing nothing", func(t *testing.T) {
		ida := o.member("Ida Smit", "employee", "")
		as := a.loopToday(ida)
		body := map[string]any{"result": "skipped"}
		a.loopRecord(ida, as.Id, body, "Idempotency-Key", "k1").expect(201)
		trips := counter.during(func() { a.loopRecord(ida, as.Id, body, "Idempotency-Key", "k1").expect(201) })
		if len(trips) == 0 || slices.ContainsFunc(trips, func(c []string) bool { return slices.Contains(c, "EVALSHA") }) {
			t.Fatalf("round trips %v, want reads only", trips)
		}
	})

	t.Run("every 30 s a replica re-reads its org: one extra trip then", func(t *testing.T) {
		a.clock.Advance(orgRefresh)
		trips := counter.during(func() { a.loopToday(eva) })
		if len(trips) != 2 || !slices.Equal(trips[1], []string{"HGET", "HGET"}) {
			t.Fatalf("round trips %v, want the org's state and the stamp", trips)
		}
		t.Logf("org refresh: %v", trips)
		stampOnly(t, counter.during(func() { a.loopToday(eva) }))
	})

	t.Run("a cold script costs one extra trip, once", func(t *testing.T) {
		// After SCRIPT FLUSH the first call finds no script (NOSCRIPT) and go-redis falls back to
		// EVAL, which loads it; the next call is one EVALSHA again.
		if err := a.store.Client().ScriptFlush(context.Background()).Err(); err != nil {
			t.Fatal(err)
		}
		defer a.loopDoToday(warm, "") // leave the scripts loaded for whoever runs next
		sam := o.member("Sam de Vries", "employee", "")
		// a first read runs one script, the write (decided from what enrolling read here): it is
		// loaded once
		want := [][]string{{"EVALSHA"}, {"EVAL"}}
		if trips := counter.during(func() { a.loopToday(sam) }); !slices.EqualFunc(trips, want, slices.Equal) {
			t.Fatalf("cold read: %v, want %v", trips, want)
		}
		stampOnly(t, counter.during(func() { a.loopToday(sam) }))
	})

	// A replica keeps the stats as an outcome left them, at the stats stamp the outcome set: the
	// next day's first read and outcome of someone it has seen are one script each, no read.
	t.Run("the next day, a first read and an outcome are one EVALSHA each", func(t *testing.T) {
		lea := o.member("Lea Mulder", "employee", "")
		a.loopOutcome(lea, a.loopToday(lea).Id, map[string]any{"result": "done"})
		o.at(a.clock.Now().Add(24*time.Hour), lea, eva)
		a.loopToday(eva) // the replica re-reads the org's state once after the clock's move
		var as Assignment
		oneEvalSha(t, counter.during(func() { as = a.loopToday(lea) }))
		oneEvalSha(t, counter.during(func() { a.loopOutcome(lea, as.Id, map[string]any{"result": "done"}) }))
	})

	// A badge earned for a resolved barrier sets a new stats stamp: an outcome decided from the
	// copy taken before it is decided again from the state the script answers.
	t.Run("a badge earned between the copy and the outcome makes the outcome decided again", func(t *testing.T) {
		team := a.team(o.admin, "Blue")
		lead := o.member("Bo Blauw", "lead", team.Id)
		a.call("PATCH", "/v1/admin/teams/"+team.Id, o.admin.AccessToken, map[string]any{"lead_ids": []string{lead.User.Id}}).expect(200)
		kim := o.member("Kim Blauw", "employee", team.Id)
		_, r := a.loopDoToday(kim, "blocked")
		o.at(a.clock.Now().Add(24*time.Hour), kim, lead)
		as := a.loopToday(kim)
		a.loopMe(kim) // the replica's copy of her stats and badges
		a.call("PATCH", "/v1/barriers/"+*r.BarrierId, lead.AccessToken, map[string]any{"status": "resolved", "note": "Bought some."}).expect(200)
		trips := counter.during(func() { a.loopOutcome(kim, as.Id, map[string]any{"result": "done"}) })
		if want := [][]string{{"EVALSHA"}, {"EVALSHA"}}; !slices.EqualFunc(trips, want, slices.Equal) {
			t.Fatalf("round trips %v, want the script finding the stats moved and answering them, and the script again", trips)
		}
		if !slices.Contains(loopBadgeIDs(a.loopMe(kim).Badges), "barrier_resolved") {
			t.Fatalf("badges after the outcome: %v, want barrier_resolved kept", loopBadgeIDs(a.loopMe(kim).Badges))
		}
	})
}
