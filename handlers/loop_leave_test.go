package handlers

import "testing"

// Planned leave (issue 23): a pause set ahead of time, from a later day to a later day.
func TestAPlannedLeavePausesOnlyItsDays(t *testing.T) {
	o := loopStreakOrg(newAPI(t), "leave")
	eva := o.member("Eva Jansen", "employee", "")
	o.play(eva, 0, "d") // Monday done
	var me Me
	o.a.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"preferences": map[string]any{
		"paused_from": loopDay(2), "paused_until": loopDay(3),
	}}).expect(200).decode(&me)
	if f, u := me.Preferences.PausedFrom, me.Preferences.PausedUntil; f == nil || u == nil || f.Format("2006-01-02") != loopDay(2) || u.Format("2006-01-02") != loopDay(3) {
		t.Fatalf("pause from %v until %v, want Wednesday to Thursday", f, u)
	}
	if as := o.a.loopToday(eva); as.Status == "paused" {
		t.Errorf("Monday, before the leave: status paused")
	}
	r := o.play(eva, 1, "d") // Tuesday done: the leave has not begun
	loopWantStreak(t, "Tuesday", r[0].Stats.Streak, 2, 2, 0)
	o.at(loopAmsterdam(t, loopDay(2), "09:00:00"), eva)
	if as := o.a.loopToday(eva); as.Status != "paused" {
		t.Errorf("Wednesday, on leave: status %q, want paused", as.Status)
	}
	r = o.play(eva, 4, "d") // Friday, back
	loopWantStreak(t, "Friday after the leave", r[0].Stats.Streak, 3, 3, 0)

	t.Run("a leave cannot start in the past or end before it starts", func(t *testing.T) {
		for _, prefs := range []map[string]any{
			{"paused_from": loopDay(3), "paused_until": loopDay(9)},
			{"paused_from": loopDay(10), "paused_until": loopDay(9)},
			{"paused_from": loopDay(10)},
		} {
			o.a.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"preferences": prefs}).wantProblem(422, "invalid")
		}
	})
}
