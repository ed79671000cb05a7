package handlers

import "testing"

func TestLoopZZDebug(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("dbg")
	teamA := a.team(o.admin, "Store A")
	v := o.value("Attentive")
	gs := o.gestures(v.Id, "Greet", 3)
	c := o.challenge("Umbrella week", loopMonday, loopDay(4), []string{gs[1].Id}, map[string]any{"team_ids": []string{teamA.Id}, "bonus_points": 7})
	f := o.member("Fien", "employee", teamA.Id)
	as := a.loopToday(f)
	t.Logf("%+v", as.Challenge)
	var got Challenge
	a.call("PATCH", "/v1/admin/challenges/"+c.Id, o.admin.AccessToken, map[string]any{"bonus_points": 50}).expect(200).decode(&got)
	t.Logf("%+v", got)
	r := a.loopOutcome(f, as.Id, map[string]any{"result": "done"})
	t.Logf("%d", r.PointsAwarded)
}
