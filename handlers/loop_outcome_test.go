package handlers

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Outcomes: points, stats, badges, idempotency, concurrency and validation.

// loopOutcomeOrg is an org with one value and three gestures, created at testNow.
func loopOutcomeOrg(a *testAPI, slug string) *loopOrg {
	a.clock.Set(testNow)
	o := a.loopNewOrg(slug)
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 3)
	return o
}

// TestLoopOutcomePoints is the route's part: what each result earns is domain.TestOutcomePoints';
// here an outcome's points, story and barrier reach its answer, GET /v1/me and today.
func TestLoopOutcomePoints(t *testing.T) {
	o := loopOutcomeOrg(newAPI(t), "points")
	a := o.a
	cases := []struct {
		name        string
		body        map[string]any
		points      int
		story, barr bool
	}{
		{"done with a shared story", map[string]any{"result": "done", "reaction": "delighted", "story": "She smiled.", "share": true}, 15, true, false},
		{"blocked", map[string]any{"result": "blocked", "barrier": map[string]any{"category": "stock", "text": "No umbrellas left."}}, 2, false, true},
		{"skipped", map[string]any{"result": "skipped"}, 0, false, false},
	}
	for i, c := range cases {
		t.Run(fmt.Sprintf("%s earns %d", c.name, c.points), func(t *testing.T) {
			s := o.member("User "+string(rune('A'+i)), "employee", "")
			as := a.loopToday(s)
			r := a.loopOutcome(s, as.Id, c.body)
			if r.PointsAwarded != c.points || r.Assignment.Outcome.Points != c.points {
				t.Errorf("points %d (outcome %d), want %d", r.PointsAwarded, r.Assignment.Outcome.Points, c.points)
			}
			if (r.StoryId != nil) != c.story || r.Assignment.Outcome.Shared != c.story {
				t.Errorf("story_id %v, shared %v, want a story: %v", r.StoryId, r.Assignment.Outcome.Shared, c.story)
			}
			if (r.BarrierId != nil) != c.barr || (r.Assignment.Outcome.Barrier != nil) != c.barr {
				t.Errorf("barrier_id %v, barrier %+v, want a barrier: %v", r.BarrierId, r.Assignment.Outcome.Barrier, c.barr)
			}
			if string(r.Assignment.Status) != c.body["result"] || r.Assignment.Outcome.Result != Result(c.body["result"].(string)) {
				t.Errorf("status %s, result %s", r.Assignment.Status, r.Assignment.Outcome.Result)
			}
			done := 0
			if c.body["result"] == "done" {
				done = 1
			}
			want := Stats{Points: PointsTally{Week: c.points, Month: c.points, Total: c.points}, DoneTotal: done,
				Streak: Streak{Current: done, Best: done}}
			if r.Stats != want {
				t.Errorf("stats in the answer %+v, want %+v", r.Stats, want)
			}
			if me := a.loopMe(s); me.Stats != want {
				t.Errorf("stats in GET /v1/me %+v, want %+v", me.Stats, want)
			}
			if today := a.loopToday(s); today.Outcome == nil || today.Outcome.Points != c.points {
				t.Errorf("today after the outcome: %+v", today.Outcome)
			}
		})
	}

	t.Run("the org's point settings apply at once", func(t *testing.T) {
		o.patchOrg(map[string]any{"points": map[string]any{"story": 7, "blocked": 3}})
		s := o.member("Lotte Meijer", "employee", "")
		r := a.loopOutcome(s, a.loopToday(s).Id, map[string]any{"result": "done", "story": "A regular came back.", "share": true})
		if r.PointsAwarded != 17 {
			t.Errorf("done with a shared story at story 7: %d, want 17", r.PointsAwarded)
		}
		s = o.member("Mark Mulder", "employee", "")
		r = a.loopOutcome(s, a.loopToday(s).Id, map[string]any{"result": "blocked", "barrier": map[string]any{"category": "time", "text": "Queue."}})
		if r.PointsAwarded != 3 {
			t.Errorf("blocked at blocked 3: %d, want 3", r.PointsAwarded)
		}
	})

	t.Run("a gesture's own points count for done", func(t *testing.T) {
		b := loopOutcomeOrg(a, "ownpoints")
		teamX := b.a.team(b.admin, "Bakery")
		v := b.value("Generous")
		b.gesture(v.Id, "Offer a taste", map[string]any{"points": 25, "roles": []string{"lead"}, "team_ids": []string{teamX.Id}})
		lead := b.member("Lea Lead", "lead", teamX.Id)
		seen := false
		for day := range 4 {
			b.at(loopAmsterdam(t, loopDay(day), "09:00:00"), lead)
			as := b.a.loopToday(lead)
			if as.Gesture.Title != "Offer a taste" {
				continue
			}
			seen = true
			if as.Gesture.Points != 25 {
				t.Fatalf("gesture points shown %d", as.Gesture.Points)
			}
			if r := b.a.loopOutcome(lead, as.Id, map[string]any{"result": "done"}); r.PointsAwarded != 25 {
				t.Fatalf("done a 25-point gesture: %d", r.PointsAwarded)
			}
		}
		if !seen {
			t.Fatal("the lead was never given the 25-point gesture in 4 days")
		}
	})
}

func TestLoopPointsFollowTheOrgsPeriods(t *testing.T) {
	o := loopOutcomeOrg(newAPI(t), "periods")
	a := o.a
	eva := o.member("Eva Jansen", "employee", "")
	want := func(when string, got PointsTally, week, month, total int) {
		t.Helper()
		if got.Week != week || got.Month != month || got.Total != total {
			t.Errorf("%s: points %+v, want week %d, month %d, total %d", when, got, week, month, total)
		}
	}

	r := o.play(eva, 4, "d") // Friday 27 November
	want("Friday 27 November", r[0].Stats.Points, 10, 10, 10)
	r = o.play(eva, 7, "d") // Monday 30 November: a new week, the same month
	want("Monday 30 November", r[0].Stats.Points, 10, 20, 20)
	r = o.play(eva, 8, "d") // Tuesday 1 December: the same week, a new month
	want("Tuesday 1 December", r[0].Stats.Points, 20, 10, 30)
	o.at(loopAmsterdam(t, loopDay(14), "09:00:00"), eva) // Monday 7 December, nothing yet
	want("Monday 7 December in GET /v1/me", a.loopMe(eva).Stats.Points, 0, 10, 30)

	t.Run("week_starts_on moves the week at once", func(t *testing.T) {
		o.at(loopAmsterdam(t, loopDay(13), "09:00:00"), eva) // Sunday 6 December
		o.patchOrg(map[string]any{"week_starts_on": 7})
		a.loopRefresh(eva)
		r := o.play(eva, 13, "d")
		want("Sunday 6 December, weeks from Sunday", r[0].Stats.Points, 10, 20, 40)
		o.at(loopAmsterdam(t, loopDay(14), "09:00:00"), eva)
		want("Monday 7 December, the same Sunday week", a.loopMe(eva).Stats.Points, 10, 20, 40)
		o.patchOrg(map[string]any{"week_starts_on": 1})
	})

	t.Run("periods follow the org's time zone, not the user's", func(t *testing.T) {
		// Monday 07:00 in Tokyo is still Sunday 23:00 in Amsterdam: the org's week is the old one,
		// so the done counts for it and is gone from "week" once Monday starts in Amsterdam.
		kenji := o.member("Kenji Sato", "employee", "")
		a.loopSetTimezone(kenji, "Asia/Tokyo")
		o.at(loopLocal(t, loopDay(21), "07:00:00", "Asia/Tokyo"), kenji)
		r := a.loopOutcome(kenji, a.loopToday(kenji).Id, map[string]any{"result": "done"})
		want("Tokyo Monday 07:00", r.Stats.Points, 10, 10, 10)
		o.at(loopAmsterdam(t, loopDay(21), "09:00:00"), kenji)
		want("Amsterdam Monday 09:00", a.loopMe(kenji).Stats.Points, 0, 10, 10)
	})
}

func TestLoopBadges(t *testing.T) {
	a := newAPI(t)
	// which outcome earns which badge is domain.TestDecideOutcome's and TestOutcomePoints'
	t.Run("first_gesture is answered, shown in GET /v1/me and kept", func(t *testing.T) {
		o := loopOutcomeOrg(a, "first")
		eva := o.member("Eva Jansen", "employee", "")
		r := o.play(eva, 1, "d")
		if ids := loopBadgeIDs(r[0].BadgesEarned); !slices.Contains(ids, "first_gesture") {
			t.Fatalf("the first done earned %v", ids)
		}
		for _, b := range o.a.loopMe(eva).Badges {
			if b.Id == "first_gesture" && (b.Name != "First gesture" || !b.EarnedAt.Equal(loopAmsterdam(t, loopDay(1), "09:00:00"))) {
				t.Errorf("first_gesture in GET /v1/me: %+v", b)
			}
		}
		// kept as Unix seconds
		badges := a.boardScan(a.store.Keys().Badges(o.slug, eva.User.Id))[0]
		at := loopAmsterdam(t, loopDay(1), "09:00:00")
		if got := a.store.Client().HGet(context.Background(), badges, "first_gesture").Val(); got != strconv.FormatInt(at.Unix(), 10) {
			t.Errorf("first_gesture kept as %q, want %d", got, at.Unix())
		}
	})

	t.Run("all_values comes with a done gesture for every active value", func(t *testing.T) {
		a.clock.Set(testNow)
		o := a.loopNewOrg("values")
		v1, v2 := o.value("Attentive"), o.value("Generous")
		retired := o.value("Retired value")
		a.call("PATCH", "/v1/admin/values/"+retired.Id, o.admin.AccessToken, map[string]any{"active": false}).expect(200)
		g1 := o.gesture(v1.Id, "Greet")
		eva := o.member("Eva Jansen", "employee", "")
		_, r := a.loopDoToday(eva, "done")
		if slices.Contains(loopBadgeIDs(r.BadgesEarned), "all_values") {
			t.Fatal("all_values with one of two values done")
		}
		// The values done are kept in the badges hash, and are no badges.
		badgesKey := a.boardScan(a.store.Keys().Badges(o.slug, eva.User.Id))[0]
		valuesDone := func() []string {
			fields, err := a.store.Client().HKeys(context.Background(), badgesKey).Result()
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, f := range fields {
				if strings.HasPrefix(f, "v:") {
					out = append(out, f)
				}
			}
			return out
		}
		if got := valuesDone(); !slices.Equal(got, []string{"v:" + v1.Id}) {
			t.Fatalf("values done after the first done: %q", got)
		}
		if got := loopBadgeIDs(a.loopMe(eva).Badges); !slices.Equal(got, []string{"first_gesture"}) {
			t.Fatalf("badges in GET /v1/me with one value done: %v", got)
		}
		a.call("PATCH", "/v1/admin/gestures/"+g1.Id, o.admin.AccessToken, map[string]any{"active": false}).expect(200)
		o.gesture(v2.Id, "Offer a taste")
		o.at(loopAmsterdam(t, loopDay(1), "09:00:00"), eva)
		as, r := a.loopDoToday(eva, "done")
		if as.Gesture.Value.Id != v2.Id || !slices.Contains(loopBadgeIDs(r.BadgesEarned), "all_values") {
			t.Fatalf("done for the second value (%s) earned %v", as.Gesture.Value.Name, loopBadgeIDs(r.BadgesEarned))
		}
		// The values done count for nothing else: once the badge is earned they are not kept.
		if got := valuesDone(); len(got) != 0 {
			t.Errorf("the values done are still kept after all_values: %q", got)
		}
		o.at(loopAmsterdam(t, loopDay(2), "09:00:00"), eva)
		if _, r := a.loopDoToday(eva, "done"); len(r.BadgesEarned) != 0 {
			t.Errorf("the next done earned %v", loopBadgeIDs(r.BadgesEarned))
		}
		if got := valuesDone(); len(got) != 0 {
			t.Errorf("the next done kept the values done again: %q", got)
		}
		if me := a.loopMe(eva); !slices.Contains(loopBadgeIDs(me.Badges), "all_values") {
			t.Errorf("Eva's badges %v", loopBadgeIDs(me.Badges))
		}
	})

	t.Run("lead_by_example comes with a lead's last workday of the week done", func(t *testing.T) {
		// who earns it, and on which day, is domain.TestLeadByExample's
		a.clock.Set(testNow)
		o := a.loopNewOrg("example")
		v := o.value("Attentive")
		o.gestures(v.Id, "Greet", 5)
		team := a.team(o.admin, "Store")
		lead := o.member("Lea Lead", "lead", team.Id)
		var days []int
		for i, r := range o.play(lead, 0, "ddddd") {
			if slices.Contains(loopBadgeIDs(r.BadgesEarned), "lead_by_example") {
				days = append(days, i)
			}
		}
		if !slices.Equal(days, []int{4}) {
			t.Errorf("a lead done Monday to Friday earned it on days %v, want [4] (Friday)", days)
		}
		if badges := loopBadgeIDs(a.loopMe(lead).Badges); !slices.Contains(badges, "lead_by_example") {
			t.Errorf("the lead's badges %v", badges)
		}
	})

	t.Run("kudos_10 comes with the tenth kudos received", func(t *testing.T) {
		o := loopOutcomeOrg(a, "kudos")
		eva := o.member("Eva Jansen", "employee", "")
		r := a.loopOutcome(eva, a.loopToday(eva).Id, map[string]any{"result": "done", "story": "Walked her to the car.", "share": true})
		for i := range 10 {
			if i == 9 && slices.Contains(loopBadgeIDs(a.loopMe(eva).Badges), "kudos_10") {
				t.Fatal("kudos_10 after nine kudos")
			}
			fan := o.member("Fan "+string(rune('A'+i)), "employee", "")
			a.call("PUT", "/v1/stories/"+*r.StoryId+"/kudos", fan.AccessToken, nil).expect(204)
		}
		me := a.loopMe(eva)
		if !slices.Contains(loopBadgeIDs(me.Badges), "kudos_10") || me.Stats.Points.Total != 25 {
			t.Fatalf("after ten kudos: badges %v, %d points (want kudos_10 and 15 + 10)", loopBadgeIDs(me.Badges), me.Stats.Points.Total)
		}
	})

	t.Run("barrier_resolved comes when a barrier one reported is resolved", func(t *testing.T) {
		o := loopOutcomeOrg(a, "resolved")
		team := a.team(o.admin, "Store")
		lead := o.member("Lea Lead", "lead", team.Id)
		a.call("PATCH", "/v1/admin/teams/"+team.Id, o.admin.AccessToken, map[string]any{"lead_ids": []string{lead.User.Id}}).expect(200)
		sam := o.member("Sam de Vries", "employee", team.Id)
		_, r := a.loopDoToday(sam, "blocked")
		a.call("PATCH", "/v1/barriers/"+*r.BarrierId, lead.AccessToken, map[string]any{"status": "acknowledged"}).expect(200)
		if slices.Contains(loopBadgeIDs(a.loopMe(sam).Badges), "barrier_resolved") {
			t.Fatal("barrier_resolved for an acknowledged barrier")
		}
		a.call("PATCH", "/v1/barriers/"+*r.BarrierId, lead.AccessToken, map[string]any{"status": "resolved", "note": "More umbrellas."}).expect(200)
		if !slices.Contains(loopBadgeIDs(a.loopMe(sam).Badges), "barrier_resolved") {
			t.Fatalf("after the lead resolved it: badges %v", loopBadgeIDs(a.loopMe(sam).Badges))
		}
	})
}

func TestLoopIdempotentOutcome(t *testing.T) {
	o := loopOutcomeOrg(newAPI(t), "idem")
	a := o.a
	eva := o.member("Eva Jansen", "employee", "")
	sam := o.member("Sam de Vries", "employee", "")
	monday := a.loopToday(eva)
	body := map[string]any{"result": "done", "reaction": "positive", "story": "Held the door.", "share": true}
	key := []string{"Idempotency-Key", "3f1c9a6e-outcome"}

	first := a.loopRecord(eva, monday.Id, body, key...).expect(201)
	if first.Header.Get("Idempotent-Replayed") != "" {
		t.Fatal("the first answer says it is a replay")
	}

	t.Run("the same key and body replay the first answer", func(t *testing.T) {
		again := a.loopRecord(eva, monday.Id, body, key...).expect(201)
		if again.Header.Get("Idempotent-Replayed") != "true" || string(again.Body) != string(first.Body) {
			t.Fatalf("replay: %q\n%s\nwant\n%s", again.Header.Get("Idempotent-Replayed"), again.Body, first.Body)
		}
		// Still the next morning, within 24 hours.
		o.at(loopAmsterdam(t, loopDay(1), "07:00:00"), eva, sam)
		again = a.loopRecord(eva, monday.Id, body, key...).expect(201)
		if again.Header.Get("Idempotent-Replayed") != "true" || string(again.Body) != string(first.Body) {
			t.Fatalf("replay the next morning:\n%s\nwant\n%s", again.Body, first.Body)
		}
		if me := a.loopMe(eva); me.Stats.Points.Total != 15 || me.Stats.DoneTotal != 1 {
			t.Fatalf("after replays: %+v, want 15 points once", me.Stats)
		}
	})

	t.Run("the same key with another body is idempotency_key_reused", func(t *testing.T) {
		other := map[string]any{"result": "done", "reaction": "delighted", "story": "Held the door.", "share": true}
		a.loopRecord(eva, monday.Id, other, key...).wantProblem(422, "idempotency_key_reused")
		tuesday := a.loopToday(eva)
		a.loopRecord(eva, tuesday.Id, body, key...).wantProblem(422, "idempotency_key_reused")
		if today := a.loopToday(eva); today.Outcome != nil {
			t.Fatalf("a reused key recorded %+v", today.Outcome)
		}
	})

	t.Run("another key for a recorded assignment is already_recorded", func(t *testing.T) {
		a.loopRecord(eva, monday.Id, body, "Idempotency-Key", "another").wantProblem(409, "already_recorded")
		a.loopRecord(eva, monday.Id, body).wantProblem(409, "already_recorded")
	})

	t.Run("keys belong to one user", func(t *testing.T) {
		as := a.loopToday(sam)
		res := a.loopRecord(sam, as.Id, body, key...).expect(201)
		if res.Header.Get("Idempotent-Replayed") != "" {
			t.Fatal("Sam's first use of the key replayed Eva's answer")
		}
	})

	t.Run("a retry just after midnight still gets the first answer", func(t *testing.T) {
		// Yesterday's outcome is sent at 23:50 and its answer lost; the phone retries at 00:10.
		jan := o.member("Jan Visser", "employee", "")
		o.at(loopAmsterdam(t, loopDay(1), "09:00:00"), jan)
		tuesday := a.loopToday(jan)
		o.at(loopAmsterdam(t, loopDay(2), "23:50:00"), jan)
		k := []string{"Idempotency-Key", "late-evening"}
		body := map[string]any{"result": "done"}
		first := a.loopRecord(jan, tuesday.Id, body, k...).expect(201)
		o.at(loopAmsterdam(t, loopDay(3), "00:10:00"), jan)
		retry := a.loopRecord(jan, tuesday.Id, body, k...)
		retry.expect(201)
		if string(retry.Body) != string(first.Body) {
			t.Fatalf("retry:\n%s\nwant\n%s", retry.Body, first.Body)
		}
	})

	t.Run("a refused outcome does not use up its key", func(t *testing.T) {
		ida := o.member("Ida Smit", "employee", "")
		as := a.loopToday(ida)
		k := []string{"Idempotency-Key", "retry-me"}
		a.loopRecord(ida, as.Id, map[string]any{"result": "blocked"}, k...).wantProblem(422, "invalid")
		a.loopRecord(ida, as.Id, map[string]any{"result": "blocked", "barrier": map[string]any{"category": "nope", "text": "x"}}, k...).
			wantProblem(422, "invalid")
		res := a.loopRecord(ida, as.Id, map[string]any{"result": "skipped"}, k...).expect(201)
		if res.Header.Get("Idempotent-Replayed") != "" {
			t.Fatal("the first accepted outcome was a replay")
		}
	})
}

func TestLoopConcurrentOutcomes(t *testing.T) {
	o := loopOutcomeOrg(newAPI(t), "race")
	a := o.a
	const n = 20

	post := func(s *Session, id string, headers ...string) []loopRaw {
		answers := make([]loopRaw, n)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range answers {
			wg.Go(func() {
				<-start
				answers[i] = a.loopPostRaw("/v1/me/assignments/"+id+"/outcome", s.AccessToken,
					map[string]any{"result": "done", "story": "Twenty taps.", "share": true}, headers...)
			})
		}
		close(start)
		wg.Wait()
		for _, r := range answers {
			if r.err != nil {
				t.Fatal(r.err)
			}
		}
		return answers
	}

	t.Run("the same outcome posted 20 times at once is recorded once", func(t *testing.T) {
		eva := o.member("Eva Jansen", "employee", "")
		as := a.loopToday(eva)
		created, conflicts := 0, 0
		for _, r := range post(eva, as.Id) {
			switch {
			case r.status == 201:
				created++
			case r.status == 409 && r.code == "already_recorded":
				conflicts++
			default:
				t.Errorf("unexpected answer %d %s", r.status, r.body)
			}
		}
		if created != 1 || conflicts != n-1 {
			t.Fatalf("%d created, %d already_recorded; want 1 and %d", created, conflicts, n-1)
		}
		if me := a.loopMe(eva); me.Stats.Points.Total != 15 || me.Stats.DoneTotal != 1 {
			t.Fatalf("stats %+v, want one award of 15 points", me.Stats)
		}
		if len(loopHistory(t, a, eva)) != 1 {
			t.Fatal("more than one assignment")
		}
	})

	t.Run("with one Idempotency-Key all 20 get the same answer, points once", func(t *testing.T) {
		sam := o.member("Sam de Vries", "employee", "")
		as := a.loopToday(sam)
		answers := post(sam, as.Id, "Idempotency-Key", "tap-tap-tap")
		fresh := 0
		for _, r := range answers {
			if r.status != 201 || string(r.body) != string(answers[0].body) {
				t.Fatalf("answer %d differs:\n%s\nwant\n%s", r.status, r.body, answers[0].body)
			}
			if !r.replayed {
				fresh++
			}
		}
		if fresh != 1 {
			t.Fatalf("%d answers were not replays, want 1", fresh)
		}
		if me := a.loopMe(sam); me.Stats.Points.Total != 15 || me.Stats.DoneTotal != 1 {
			t.Fatalf("stats %+v, want one award of 15 points", me.Stats)
		}
	})
}

func TestLoopOutcomeValidation(t *testing.T) {
	o := loopOutcomeOrg(newAPI(t), "validation")
	a := o.a
	eva := o.member("Eva Jansen", "employee", "")
	as := a.loopToday(eva)

	for _, c := range []struct {
		name   string
		body   map[string]any
		status int
		code   string
		field  string
	}{
		{"a reaction with skipped", map[string]any{"result": "skipped", "reaction": "positive"}, 422, "invalid", "reaction"},
		{"a story with blocked", map[string]any{"result": "blocked", "story": "x", "barrier": map[string]any{"category": "time", "text": "x"}}, 422, "invalid", "story"},
		{"blocked without a barrier", map[string]any{"result": "blocked"}, 422, "invalid", "barrier"},
		{"a barrier with done", map[string]any{"result": "done", "barrier": map[string]any{"category": "time", "text": "x"}}, 422, "invalid", "barrier"},
		{"an unknown barrier category", map[string]any{"result": "blocked", "barrier": map[string]any{"category": "weather", "text": "Rain."}}, 422, "invalid", "barrier.category"},
		{"a story over 1000 characters", map[string]any{"result": "done", "story": strings.Repeat("é", 1001)}, 422, "invalid", "story"},
		{"an unknown result", map[string]any{"result": "maybe"}, 422, "invalid", "result"},
		{"an unknown reaction", map[string]any{"result": "done", "reaction": "ecstatic"}, 422, "invalid", "reaction"},
		{"an unknown field", map[string]any{"result": "done", "mood": "happy"}, 400, "unknown_field", "mood"},
		{"no result", map[string]any{"reaction": "positive"}, 422, "invalid", "result"},
	} {
		t.Run(c.name+" is refused", func(t *testing.T) {
			p := a.loopRecord(eva, as.Id, c.body).wantProblem(c.status, c.code)
			if !p.names(c.field) {
				t.Errorf("errors name %v, want %s", p.fieldNames(), c.field)
			}
		})
	}
	if today := a.loopToday(eva); today.Outcome != nil || today.Status != "open" {
		t.Fatalf("refused outcomes stored %+v", today.Outcome)
	}

	t.Run("a story of exactly 1000 characters is fine", func(t *testing.T) {
		r := a.loopOutcome(eva, as.Id, map[string]any{"result": "done", "story": strings.Repeat("é", 1000), "share": true})
		if r.Assignment.Outcome.Story == nil || len([]rune(*r.Assignment.Outcome.Story)) != 1000 {
			t.Fatal("the story was not kept whole")
		}
	})

	t.Run("the org's own barrier categories apply at once", func(t *testing.T) {
		o.patchOrg(map[string]any{"barrier_categories": []string{"parking", "weather"}})
		sam := o.member("Sam de Vries", "employee", "")
		as := a.loopToday(sam)
		a.loopRecord(sam, as.Id, map[string]any{"result": "blocked", "barrier": map[string]any{"category": "time", "text": "x"}}).
			wantProblem(422, "invalid")
		r := a.loopOutcome(sam, as.Id, map[string]any{"result": "blocked", "barrier": map[string]any{"category": "weather", "text": "Storm."}})
		if b := r.Assignment.Outcome.Barrier; b == nil || b.Category != "weather" || b.Text != "Storm." || r.BarrierId == nil {
			t.Fatalf("barrier %+v, id %v", b, r.BarrierId)
		}
	})

	t.Run("recorded_at is the server's clock, occurred_at the app's", func(t *testing.T) {
		ida := o.member("Ida Smit", "employee", "")
		as := a.loopToday(ida)
		occurred := a.clock.Now().Add(-time.Hour).Truncate(time.Second)
		if occurred.Before(loopAmsterdam(t, loopMonday, "00:00:00")) {
			t.Fatal("test setup: occurred_at before the day")
		}
		r := a.loopOutcome(ida, as.Id, map[string]any{"result": "done", "occurred_at": occurred})
		if !r.Assignment.Outcome.OccurredAt.Equal(occurred) || !r.Assignment.Outcome.RecordedAt.Equal(a.clock.Now()) {
			t.Fatalf("occurred %s recorded %s", r.Assignment.Outcome.OccurredAt, r.Assignment.Outcome.RecordedAt)
		}
	})
}
