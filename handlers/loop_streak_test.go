package handlers

import (
	"slices"
	"testing"
)

// Streaks: consecutive workdays with a done gesture, lived day by day on the injected clock.
// Day 0 is Monday 23 November 2026; every plan starts on a Monday.

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
	t.Run("freezes are earned and spent", func(t *testing.T) { loopStreakFreezes(t, a) })
	t.Run("a streak resets", func(t *testing.T) { loopStreakResets(t, a) })
	t.Run("blocked and paused days are neutral", func(t *testing.T) { loopStreakNeutralDays(t, a) })
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

	t.Run("the user's own workdays decide", func(t *testing.T) {
		o.at(testNow)
		ida := o.member("Ida Smit", "employee", "")
		o.a.call("PATCH", "/v1/me", ida.AccessToken, map[string]any{"preferences": map[string]any{"workdays": []int{1, 3, 5}}}).expect(200)
		o.play(ida, 0, "d-d-d--d")
		loopWantStreak(t, "Monday of week 2 for a Monday-Wednesday-Friday worker", o.streakOn(ida, 8), 4, 4, 0)
	})
}

func loopStreakFreezes(t *testing.T, a *testAPI) {
	o := loopStreakOrg(a, "freezes")

	t.Run("five done workdays earn a freeze, spent on a missed workday", func(t *testing.T) {
		eva := o.member("Eva Jansen", "employee", "")
		r := o.play(eva, 0, "ddddd")
		loopWantStreak(t, "Friday", r[4].Stats.Streak, 5, 5, 1)
		// Monday of week 2 is missed, Tuesday done. On Tuesday Monday is still open (an outcome
		// may come until the end of Tuesday): not a miss yet.
		r = o.play(eva, 7, "-d")
		loopWantStreak(t, "Tuesday, Monday still open", r[1].Stats.Streak, 6, 6, 1)
		loopWantStreak(t, "Wednesday, Monday missed", o.streakOn(eva, 9), 6, 6, 0)
	})

	t.Run("a skipped workday spends a freeze at once", func(t *testing.T) {
		o.at(testNow)
		sam := o.member("Sam de Vries", "employee", "")
		r := o.play(sam, 0, "ddddd--s")
		loopWantStreak(t, "Monday skipped", r[7].Stats.Streak, 5, 5, 0)
		r = o.play(sam, 8, "d")
		loopWantStreak(t, "Tuesday done", r[0].Stats.Streak, 6, 6, 0)
	})

	t.Run("at most two freezes are held", func(t *testing.T) {
		o.at(testNow)
		ida := o.member("Ida Smit", "employee", "")
		r := o.play(ida, 0, "ddddd--ddddd--ddddd")
		loopWantStreak(t, "day 5", r[4].Stats.Streak, 5, 5, 1)
		loopWantStreak(t, "day 10", r[11].Stats.Streak, 10, 10, 2)
		loopWantStreak(t, "day 15", r[18].Stats.Streak, 15, 15, 2)
		// Two missed workdays cost both freezes, the third ends the streak.
		loopWantStreak(t, "after two missed days", o.streakOn(ida, 24), 15, 15, 0)
		loopWantStreak(t, "after three missed days", o.streakOn(ida, 25), 0, 15, 0)
	})
}

func loopStreakResets(t *testing.T, a *testAPI) {
	o := loopStreakOrg(a, "resets")

	t.Run("a missed workday without a freeze resets it once the day is over for good", func(t *testing.T) {
		eva := o.member("Eva Jansen", "employee", "")
		o.play(eva, 0, "dddd")
		// Friday is missed. On Saturday Friday may still be recorded; on Sunday it is final.
		loopWantStreak(t, "Saturday", o.streakOn(eva, 5), 4, 4, 0)
		loopWantStreak(t, "Sunday", o.streakOn(eva, 6), 0, 4, 0)
		r := o.play(eva, 7, "dd")
		loopWantStreak(t, "two days into a new streak", r[1].Stats.Streak, 2, 4, 0)
	})

	t.Run("a skipped workday without a freeze resets it at once, best is kept", func(t *testing.T) {
		o.at(testNow)
		sam := o.member("Sam de Vries", "employee", "")
		r := o.play(sam, 0, "ddds")
		loopWantStreak(t, "Thursday skipped", r[3].Stats.Streak, 0, 3, 0)
		r = o.play(sam, 4, "d")
		loopWantStreak(t, "Friday done", r[0].Stats.Streak, 1, 3, 0)
	})

	t.Run("yesterday recorded late still counts", func(t *testing.T) {
		o.at(testNow)
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

	t.Run("a blocked day neither breaks nor extends it", func(t *testing.T) {
		eva := o.member("Eva Jansen", "employee", "")
		r := o.play(eva, 0, "ddbdd")
		loopWantStreak(t, "Friday", r[4].Stats.Streak, 4, 4, 0)
		r = o.play(eva, 7, "d")
		loopWantStreak(t, "Monday: the fifth done workday earns a freeze", r[0].Stats.Streak, 5, 5, 1)
	})

	t.Run("paused days neither break nor extend it", func(t *testing.T) {
		o.at(testNow)
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
