package handlers

import (
	"slices"
	"testing"
)

// Streaks: consecutive workdays with a done gesture, lived day by day on the injected clock.
// Day 0 is Monday 23 November 2026; every plan starts on a Monday. The rules themselves (freezes,
// resets, blocked days, chosen workdays) are domain table cases (domain/streak_test.go); these
// journeys check that each route settles and shows them.

// play lives a plan day by day from day offset start, at 09:00 in Amsterdam: 'd' done,
// 's' skipped, 'b' blocked, 'o' opened but nothing recorded, '-' not opened. It returns the
// answer of each recorded outcome (nil for the other days).
func (o *loopOrg) play(s *Session, start int, plan string) []*OutcomeResult {
	o.t.Helper()
	out := make([]*OutcomeResult, len(plan))
	results := map[byte]string{'d': "done", 's': "skipped", 'b': "blocked"}
	for i := range len(plan) {
		o.at(loopAmsterdam(o.t, loopDay(start+i), "09:00:00"), s)
		switch c := plan[i]; c {
		case '-':
		case 'o':
			o.a.loopToday(s)
		default:
			_, out[i] = o.a.loopDoToday(s, results[c])
		}
	}
	return out
}

// streakOn reads the user's streak at 09:00 on day offset day.
func (o *loopOrg) streakOn(s *Session, day int) Streak {
	o.t.Helper()
	o.at(loopAmsterdam(o.t, loopDay(day), "09:00:00"), s)
	return o.a.loopMe(s).Stats.Streak
}

func TestLoopStreaks(t *testing.T) {
	a := newAPI(t) // one API (building one is slow under -race), an org per group
	t.Run("a streak counts workdays only", func(t *testing.T) { loopStreakCountsWorkdaysOnly(t, a) })
	t.Run("an outcome recorded late counts", func(t *testing.T) { loopStreakLateOutcomes(t, a) })
	t.Run("paused days are neutral", func(t *testing.T) { loopStreakNeutralDays(t, a) })
	t.Run("streak badges", func(t *testing.T) { loopStreakBadges(t, a) })
}

func loopWantStreak(t *testing.T, when string, got Streak, current, best, freezes int) {
	t.Helper()
	if got.Current != current || got.Best != best || got.Freezes != freezes {
		t.Errorf("%s: streak %+v, want current %d, best %d, freezes %d", when, got, current, best, freezes)
	}
}

// loopStreakOrg is an org with one value and three gestures, created at testNow.
func loopStreakOrg(a *testAPI, slug string) *loopOrg {
	a.clock.Set(testNow)
	o := a.loopNewOrg(slug)
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 3)
	return o
}

func loopStreakCountsWorkdaysOnly(t *testing.T, a *testAPI) {
	o := loopStreakOrg(a, "workdays")

	t.Run("a weekend does not break it", func(t *testing.T) {
		eva := o.member("Eva Jansen", "employee", "")
		o.play(eva, 0, "ddddd--ddd")
		loopWantStreak(t, "Wednesday of week 2", o.streakOn(eva, 9), 8, 8, 1)
		// Saturday: Thursday's miss is final and spends the freeze; Friday's may still come.
		loopWantStreak(t, "Saturday of week 2", o.streakOn(eva, 12), 8, 8, 0)
	})

	t.Run("a done on a weekend day neither extends it nor counts as a workday", func(t *testing.T) {
		o.at(testNow)
		sam := o.member("Sam de Vries", "employee", "")
		r := o.play(sam, 0, "ddddddd")
		if st := r[6].Stats; st.Streak.Current != 5 || st.DoneTotal != 7 || st.Points.Total != 70 {
			t.Errorf("after a week done every day: %+v, want streak 5, 7 done, 70 points", st)
		}
	})
}

func loopStreakLateOutcomes(t *testing.T, a *testAPI) {
	o := loopStreakOrg(a, "late")

	t.Run("yesterday recorded late still counts", func(t *testing.T) {
		ida := o.member("Ida Smit", "employee", "")
		o.play(ida, 0, "ddo")
		// Wednesday's outcome arrives on Thursday evening.
		o.at(loopAmsterdam(t, loopDay(3), "21:00:00"), ida)
		hist := loopHistory(t, o.a, ida)
		r := o.a.loopOutcome(ida, hist[0].Id, map[string]any{"result": "done", "occurred_at": loopAmsterdam(t, loopDay(2), "17:00:00")})
		loopWantStreak(t, "Thursday evening, Wednesday done late, Thursday open", r.Stats.Streak, 3, 3, 0)
		o.play(ida, 4, "d")
		loopWantStreak(t, "Friday", o.a.loopMe(ida).Stats.Streak, 4, 4, 0)
	})
}

func loopStreakNeutralDays(t *testing.T, a *testAPI) {
	o := loopStreakOrg(a, "neutral")

	t.Run("paused days neither break nor extend it", func(t *testing.T) {
		sam := o.member("Sam de Vries", "employee", "")
		o.play(sam, 0, "dd")
		// Tuesday: a pause until Thursday.
		var me Me
		o.a.call("PATCH", "/v1/me", sam.AccessToken, map[string]any{"preferences": map[string]any{"paused_until": loopDay(3)}}).
			expect(200).decode(&me)
		if me.Preferences.PausedUntil == nil || me.Preferences.PausedUntil.Format("2006-01-02") != loopDay(3) {
			t.Fatalf("paused_until %v", me.Preferences.PausedUntil)
		}
		o.at(loopAmsterdam(t, loopDay(2), "09:00:00"), sam)
		if as := o.a.loopToday(sam); as.Status != "paused" {
			t.Errorf("Wednesday while paused: status %q, want paused", as.Status)
		}
		r := o.play(sam, 4, "d")
		loopWantStreak(t, "Friday after the pause", r[0].Stats.Streak, 3, 3, 0)
		loopWantStreak(t, "Tuesday of week 2, the paused days final", o.streakOn(sam, 8), 3, 3, 0)
		o.play(sam, 8, "d")
		if as := o.a.loopToday(sam); as.Status != "done" {
			t.Errorf("after the pause: status %q", as.Status)
		}
	})

	t.Run("a pause cannot start in the past nor excuse a day already missed", func(t *testing.T) {
		o.at(testNow)
		ida := o.member("Ida Smit", "employee", "")
		o.play(ida, 0, "d")
		// Tuesday missed; on Wednesday she pauses until Friday.
		o.at(loopAmsterdam(t, loopDay(2), "09:00:00"), ida)
		p := o.a.call("PATCH", "/v1/me", ida.AccessToken, map[string]any{"preferences": map[string]any{"paused_until": loopDay(1)}}).
			wantProblem(422, "invalid")
		if !p.names("preferences.paused_until") {
			t.Errorf("errors name %v", p.fieldNames())
		}
		o.a.call("PATCH", "/v1/me", ida.AccessToken, map[string]any{"preferences": map[string]any{"paused_until": loopDay(4)}}).expect(200)
		loopWantStreak(t, "Thursday: Tuesday was missed before the pause", o.streakOn(ida, 3), 0, 1, 0)
		// Ending the pause early brings the days back.
		var me Me
		o.a.call("PATCH", "/v1/me", ida.AccessToken, map[string]any{"preferences": map[string]any{"paused_until": nil}}).expect(200).decode(&me)
		if me.Preferences.PausedUntil != nil {
			t.Errorf("paused_until after ending the pause: %v", me.Preferences.PausedUntil)
		}
		if as := o.a.loopToday(ida); as.Status != "open" {
			t.Errorf("Thursday after ending the pause: status %q, want open", as.Status)
		}
	})
}

func loopStreakBadges(t *testing.T, a *testAPI) {
	o := loopStreakOrg(a, "badges")
	eva := o.member("Eva Jansen", "employee", "")
	o.a.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"locale": "nl"}).expect(200)
	// Twenty workdays in a row: Monday 23 November to Friday 18 December.
	r := o.play(eva, 0, "ddddd--ddddd--ddddd--ddddd")
	earned := map[string]int{}
	for i, res := range r {
		if res == nil {
			continue
		}
		for _, b := range res.BadgesEarned {
			earned[b.Id]++
			if want := map[string]int{"first_gesture": 0, "all_values": 0, "streak_5": 4, "streak_20": 25}[b.Id]; want != i {
				t.Errorf("%s earned on day %d, want day %d", b.Id, i, want)
			}
		}
	}
	for _, id := range []string{"first_gesture", "all_values", "streak_5", "streak_20"} {
		if earned[id] != 1 {
			t.Errorf("%s earned %d times, want once", id, earned[id])
		}
	}
	me := o.a.loopMe(eva)
	if got := loopBadgeIDs(me.Badges); !slices.Equal(got, []string{"all_values", "first_gesture", "streak_20", "streak_5"}) {
		t.Fatalf("badges %v", got)
	}
	for _, b := range me.Badges {
		if b.Id == "streak_20" && (b.Name != "Twintig werkdagen op rij" || !b.EarnedAt.Equal(loopAmsterdam(t, loopDay(25), "09:00:00"))) {
			t.Errorf("streak_20 badge %+v: want its Dutch name and the moment of the 20th done", b)
		}
	}
	loopWantStreak(t, "after 20 workdays", me.Stats.Streak, 20, 20, 2)
}
