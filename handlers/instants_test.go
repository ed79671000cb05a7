package handlers

import (
	"bufio"
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
)

// wholeSecondUTC is the one way an instant leaves the API (contract §2): RFC 3339 in UTC,
// whole seconds.
var wholeSecondUTC = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

// Every instant in every answer has one precision, whatever the clock read when it was made
// and whatever the org's time zone: the clock here reads a fraction of a second, and board
// periods start at local midnight in Amsterdam.
func TestInstantsAreWholeSecondsUTC(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	o := instantsCast(a)

	found := 0
	check := func(what string, body []byte) {
		t.Helper()
		sc := bufio.NewScanner(bytes.NewReader(body))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() { // a JSON document, or JSON lines
			var v any
			if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
				continue // the CSV export, checked below
			}
			walkStrings(v, "", func(path, s string) {
				if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
					return
				}
				found++
				if !wholeSecondUTC.MatchString(s) {
					t.Errorf("%s: %s is %q, not whole seconds in UTC", what, path, s)
				}
			})
		}
	}
	for what, body := range o.snapshot(a) {
		check(what, []byte(body))
	}
	var created UserCreated
	res := a.call("POST", "/v1/admin/users", o.admin.AccessToken, map[string]any{"name": "Nora", "email": "nora@instants.example", "role": "employee"}).expect(201)
	check("POST /v1/admin/users", res.Body)
	res.decode(&created)
	check("POST enrollment-code", a.call("POST", "/v1/admin/users/"+created.User.Id+"/enrollment-code", o.admin.AccessToken, nil).expect(200).Body)
	check("POST /v1/barriers", a.call("POST", "/v1/barriers", o.employee.AccessToken, map[string]any{"category": "time", "text": "Queue."}).expect(201).Body)
	check("GET /v1/leaderboards/teams?period=week", a.call("GET", "/v1/leaderboards/teams?period=week", o.employee.AccessToken, nil).expect(200).Body)
	if found < 40 {
		t.Fatalf("only %d instants found in the answers", found)
	}

	t.Run("the CSV export writes them the same way", func(t *testing.T) {
		a := a.in(t)
		rows := loopCSV(t, a.call("GET", "/v1/admin/export/outcomes?from=2026-11-01&to=2026-11-30", o.admin.AccessToken, nil).expect(200))
		if len(rows) < 2 {
			t.Fatalf("rows %q", rows)
		}
		for _, row := range rows[1:] {
			for _, cell := range row[13:] { // occurred_at, recorded_at
				if !wholeSecondUTC.MatchString(cell) {
					t.Errorf("CSV instant %q", cell)
				}
			}
		}
	})
}

// instantsCast is junkCast's org of one of everything, all of it made while the clock reads a
// fraction of a second, but the org itself: tokens of the org's first second would be void when
// another test has moved the process' id clock (domain.NewID) ahead.
func instantsCast(a *testAPI) *junkOrg {
	a.t.Helper()
	o := a.loopNewOrg("instants")
	a.clock.Set(testNow.Add(1123456789 * time.Nanosecond))
	a.loopRefresh(&o.admin)
	v := o.value("Attentive")
	g := o.gesture(v.Id, "Greet every customer")
	team := a.team(o.admin, "Store")
	lead := o.member("Lena Lead", "lead", team.Id)
	emp := o.member("Eva Employee", "employee", team.Id)
	a.call("PATCH", "/v1/admin/teams/"+team.Id, o.admin.AccessToken, map[string]any{"lead_ids": []string{lead.User.Id}}).expect(200)
	ch := o.challenge("Winter", "2026-11-23", "2026-12-31", []string{g.Id})
	var assignments []string
	for _, s := range []*Session{&o.admin, lead, emp} {
		assignments = append(assignments, a.loopToday(s).Id)
	}
	res := a.loopOutcome(emp, assignments[2], map[string]any{"result": "done", "story": "She smiled.", "share": true})
	var b Barrier
	a.call("POST", "/v1/barriers", emp.AccessToken, map[string]any{"category": "time", "text": "No time today."}).expect(201).decode(&b)
	a.call("PATCH", "/v1/barriers/"+b.Id, o.admin.AccessToken, map[string]any{"status": "acknowledged"}).expect(200)
	var sg Suggestion
	a.call("POST", "/v1/suggestions", emp.AccessToken, map[string]any{"title": "Hold the door", "how_to": "Hold it.", "value_id": v.Id}).expect(201).decode(&sg)
	a.call("POST", "/v1/admin/users/"+emp.User.Id+"/test-notification", o.admin.AccessToken, nil).expect(202)
	return &junkOrg{
		slug: "instants", admin: &o.admin, lead: lead, employee: emp,
		ids: map[string][]string{
			"team_id": {team.Id}, "user_id": {o.admin.User.Id, lead.User.Id, emp.User.Id},
			"value_id": {v.Id}, "gesture_id": {g.Id}, "challenge_id": {ch.Id}, "story_id": {*res.StoryId},
			"barrier_id": {b.Id}, "suggestion_id": {sg.Id}, "assignment_id": assignments,
		},
	}
}

// walkStrings calls f with every string of a decoded JSON value and where it is.
func walkStrings(v any, path string, f func(path, s string)) {
	switch v := v.(type) {
	case string:
		f(path, v)
	case []any:
		for _, e := range v {
			walkStrings(e, path+"[]", f)
		}
	case map[string]any:
		for k, e := range v {
			walkStrings(e, strings.TrimPrefix(path+"."+k, "."), f)
		}
	}
}
