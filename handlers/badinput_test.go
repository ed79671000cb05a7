package handlers

import (
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/microact/microact/domain"
)

// Bad input (contract §2): every JSON-body route refuses unreadable, unknown, mistyped and
// invalid input with a problem document, and stores nothing.

// jsonRoute is a route with a JSON body, and what its schema limits.
type jsonRoute struct {
	name, method, path, token string
	valid                     map[string]any // a body the route accepts
	text                      string         // a string field with a maximum length
	maxLen                    int
	enum                      []string // a path to a field with an enum, nil if none
	object                    string   // a field holding an object of its own
}

// with returns a copy of the valid body with the field at path set to v.
func (r jsonRoute) with(path []string, v any) map[string]any {
	body := deepCopy(r.valid)
	m := body
	for _, k := range path[:len(path)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	m[path[len(path)-1]] = v
	return body
}

func deepCopy(m map[string]any) map[string]any {
	b, _ := json.Marshal(m)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return out
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	team := a.team(admin, "Store Utrecht")
	eva := a.member(admin, "Eva Jansen", "employee", team.Id)
	pending := a.user(admin, "Pending Piet", "employee", "")

	routes := []jsonRoute{
		{name: "enroll", method: "POST", path: "/v1/auth/enroll",
			valid: map[string]any{"code": pending.EnrollmentCode, "device": map[string]any{"id": "d1", "name": "Pixel 8", "platform": "android"}},
			text:  "code", maxLen: 32, enum: []string{"device", "platform"}, object: "device"},
		{name: "refresh", method: "POST", path: "/v1/auth/refresh",
			valid: map[string]any{"refresh_token": eva.RefreshToken}, text: "refresh_token", maxLen: 512},
		{name: "logout", method: "POST", path: "/v1/auth/logout",
			valid: map[string]any{"refresh_token": eva.RefreshToken}, text: "refresh_token", maxLen: 512},
		{name: "PATCH me", method: "PATCH", path: "/v1/me", token: eva.AccessToken,
			valid: map[string]any{"name": "Eva J.", "preferences": map[string]any{"show_on_leaderboards": false}},
			text:  "name", maxLen: 100, enum: []string{"locale"}, object: "preferences"},
		{name: "PATCH org", method: "PATCH", path: "/v1/admin/org", token: admin.AccessToken,
			valid: map[string]any{"name": "Acme Stores", "points": map[string]any{"done": 12}},
			text:  "name", maxLen: 100, object: "points"},
		{name: "POST team", method: "POST", path: "/v1/admin/teams", token: admin.AccessToken,
			valid: map[string]any{"name": "Store Zeist"}, text: "name", maxLen: 100},
		{name: "PATCH team", method: "PATCH", path: "/v1/admin/teams/" + team.Id, token: admin.AccessToken,
			valid: map[string]any{"name": "Store Utrecht Centrum"}, text: "name", maxLen: 100},
		{name: "POST user", method: "POST", path: "/v1/admin/users", token: admin.AccessToken,
			valid: map[string]any{"name": "New Nick", "email": "nick@acme.example", "role": "employee"},
			text:  "name", maxLen: 100, enum: []string{"role"}},
		{name: "PATCH user", method: "PATCH", path: "/v1/admin/users/" + eva.User.Id, token: admin.AccessToken,
			valid: map[string]any{"name": "Eva de Vries"}, text: "name", maxLen: 100, enum: []string{"role"}},
	}

	// What must not change, read before and compared after.
	var meBefore Me
	a.call("GET", "/v1/me", eva.AccessToken, nil).expect(200).decode(&meBefore)
	orgBefore := a.call("GET", "/v1/admin/org", admin.AccessToken, nil).expect(200).Body
	teamBefore := a.call("GET", "/v1/admin/teams/"+team.Id, admin.AccessToken, nil).expect(200).Body
	userBefore := a.call("GET", "/v1/admin/users/"+eva.User.Id, admin.AccessToken, nil).expect(200).Body
	countsBefore := a.counts(admin)

	huge := strings.Repeat("x", 65<<10)
	for _, r := range routes {
		type badCase struct {
			name   string
			body   any // a map is sent as JSON, a string as is
			status int
			code   string
			field  string // a field errors[] must name; "" for none
		}
		cases := []badCase{
			{"an unknown field", r.with([]string{"nickname"}, "Evi"), 400, "unknown_field", "nickname"},
			{"a wrong type", r.with([]string{r.text}, 12345), 400, "malformed", ""},
			{"a string too long", r.with([]string{r.text}, strings.Repeat("é", r.maxLen+1)), 422, "invalid", r.text},
			{"invalid JSON", `{"` + r.text + `": `, 400, "malformed", ""},
			{"a JSON array", `[]`, 400, "malformed", ""},
			{"a JSON string", `"hello"`, 400, "malformed", ""},
			{"two JSON values", mustJSON(r.valid) + ` {}`, 400, "malformed", ""},
			{"an empty body", "", 400, "malformed", ""},
			{"a body over 64 KiB", r.with([]string{r.text}, huge), 413, "body_too_large", ""},
		}
		if r.enum != nil {
			cases = append(cases, badCase{"a value outside the enum", r.with(r.enum, "not-in-the-enum"), 422, "invalid", strings.Join(r.enum, ".")})
		}
		if r.object != "" {
			cases = append(cases,
				badCase{"an unknown field inside " + r.object, r.with([]string{r.object, "bogus"}, 1), 400, "unknown_field", r.object + ".bogus"},
				badCase{r.object + " of the wrong type", r.with([]string{r.object}, "text"), 400, "malformed", ""},
			)
		}
		for _, tc := range cases {
			t.Run(r.name+" with "+tc.name+" is "+strconv.Itoa(tc.status)+" "+tc.code, func(t *testing.T) {
				a := a.in(t)
				p := a.call(r.method, r.path, r.token, tc.body).wantProblem(tc.status, tc.code)
				if tc.field != "" && !p.names(tc.field) {
					t.Fatalf("errors name %v, want %q", p.fieldNames(), tc.field)
				}
			})
		}
		t.Run(r.name+" with a body that is not JSON is 400 malformed", func(t *testing.T) {
			a := a.in(t)
			a.call(r.method, r.path, r.token, mustJSON(r.valid), "Content-Type", "text/plain").wantProblem(400, "malformed")
		})
	}

	t.Run("and none of those requests stored anything", func(t *testing.T) {
		a := a.in(t)
		var meAfter Me
		a.call("GET", "/v1/me", eva.AccessToken, nil).expect(200).decode(&meAfter)
		if !reflect.DeepEqual(meBefore, meAfter) {
			t.Errorf("me changed: %+v", meAfter)
		}
		for what, before := range map[string][]byte{
			"/v1/admin/org": orgBefore, "/v1/admin/teams/" + team.Id: teamBefore, "/v1/admin/users/" + eva.User.Id: userBefore,
		} {
			if after := a.call("GET", what, admin.AccessToken, nil).expect(200).Body; string(after) != string(before) {
				t.Errorf("%s changed:\n%s\n%s", what, before, after)
			}
		}
		if after := a.counts(admin); after != countsBefore {
			t.Errorf("counts %+v, before %+v", after, countsBefore)
		}
		// The code was not used up, the refresh token neither rotated nor logged out.
		a.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": eva.RefreshToken}).expect(200)
		a.enroll(pending.EnrollmentCode)
	})
}

func TestBadQueries(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")

	for _, list := range []string{"/v1/admin/users", "/v1/admin/teams"} {
		for _, tc := range []struct {
			query  string
			status int
			code   string
			field  string
		}{
			{"limit=0", 422, "invalid", "limit"},
			{"limit=101", 422, "invalid", "limit"},
			{"limit=-1", 422, "invalid", "limit"},
			{"limit=abc", 400, "malformed", "limit"},
			{"limit=1.5", 400, "malformed", "limit"},
			{"cursor=!!!", 400, "malformed", "cursor"},
			{"cursor=" + strings.Repeat("A", 201), 422, "invalid", "cursor"},
		} {
			t.Run(list+"?"+tc.query[:min(len(tc.query), 20)]+" is "+strconv.Itoa(tc.status)+" "+tc.code, func(t *testing.T) {
				a := a.in(t)
				p := a.call("GET", list+"?"+tc.query, admin.AccessToken, nil).wantProblem(tc.status, tc.code)
				if !p.names(tc.field) {
					t.Fatalf("errors name %v, want %q", p.fieldNames(), tc.field)
				}
			})
		}
		t.Run(list+" accepts limits 1 and 100", func(t *testing.T) {
			a := a.in(t)
			a.call("GET", list+"?limit=1", admin.AccessToken, nil).expect(200)
			a.call("GET", list+"?limit=100", admin.AccessToken, nil).expect(200)
		})
	}

	t.Run("a team_id longer than an id can be is 422", func(t *testing.T) {
		a := a.in(t)
		a.call("GET", "/v1/admin/users?team_id="+strings.Repeat("x", 65), admin.AccessToken, nil).wantProblem(422, "invalid")
	})

	t.Run("an unknown team_id is 404", func(t *testing.T) {
		a := a.in(t)
		a.call("GET", "/v1/admin/users?team_id=C9ZZ", admin.AccessToken, nil).wantProblem(404, "not_found")
	})

	t.Run("a team_id that cannot be an id is 422 naming it", func(t *testing.T) {
		a := a.in(t)
		p := a.call("GET", "/v1/admin/users?team_id=nosuchteam", admin.AccessToken, nil).wantProblem(422, "invalid")
		if !p.names("team_id") {
			t.Fatalf("errors name %v", p.fieldNames())
		}
	})

	t.Run("a path id longer than an id can be is 404: no object has it", func(t *testing.T) {
		a := a.in(t)
		a.call("GET", "/v1/admin/users/"+strings.Repeat("x", 65), admin.AccessToken, nil).wantProblem(404, "not_found")
	})

	for _, tc := range []struct{ name, method, path, token string }{
		{"an unknown /v1 route", "GET", "/v1/nope", admin.AccessToken},
		{"an unknown /v1 route without a token", "GET", "/v1/nope", ""},
		{"an unknown route outside /v1", "GET", "/nope", ""},
		{"an unknown admin route", "GET", "/v1/admin/nope", admin.AccessToken},
	} {
		t.Run(tc.name+" is 404 not_found as problem+json", func(t *testing.T) {
			a := a.in(t)
			a.call(tc.method, tc.path, tc.token, nil).wantProblem(404, "not_found")
		})
	}
}

func TestSettingsValidation(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	orgBefore := a.call("GET", "/v1/admin/org", admin.AccessToken, nil).expect(200).Body

	for _, tc := range []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"week_starts_on 8", map[string]any{"week_starts_on": 8}, "week_starts_on"},
		{"week_starts_on 0", map[string]any{"week_starts_on": 0}, "week_starts_on"},
		{"an unknown time zone", map[string]any{"timezone": "Mars/Olympus_Mons"}, "timezone"},
		{"the time zone Local", map[string]any{"timezone": "Local"}, "timezone"},
		{"swaps_per_day 11", map[string]any{"swaps_per_day": 11}, "swaps_per_day"},
		{"swaps_per_day -1", map[string]any{"swaps_per_day": -1}, "swaps_per_day"},
		{"duplicate barrier categories", map[string]any{"barrier_categories": []string{"time", "tools", "time"}}, "barrier_categories"},
		{"no barrier categories", map[string]any{"barrier_categories": []string{}}, "barrier_categories"},
		{"a barrier category with a space", map[string]any{"barrier_categories": []string{"no time"}}, "barrier_categories"},
		{"a reminder time of 8:30", map[string]any{"default_reminder_time": "8:30"}, "default_reminder_time"},
		{"a reminder time of 24:00", map[string]any{"default_reminder_time": "24:00"}, "default_reminder_time"},
		{"1001 points for done", map[string]any{"points": map[string]any{"done": 1001}}, "points.done"},
		{"101 points per kudos", map[string]any{"points": map[string]any{"kudos": 101}}, "points.kudos"},
		{"retention of 29 days", map[string]any{"retention_days": 29}, "retention_days"},
		{"an empty name", map[string]any{"name": ""}, "name"},
		{"a name of spaces only", map[string]any{"name": "   "}, "name"},
		{"a bad field beside a good one", map[string]any{"name": "Fine", "week_starts_on": 9}, "week_starts_on"},
	} {
		t.Run("PATCH org with "+tc.name+" is 422 naming "+tc.field, func(t *testing.T) {
			a := a.in(t)
			p := a.call("PATCH", "/v1/admin/org", admin.AccessToken, tc.body).wantProblem(422, "invalid")
			if !namesPrefix(p, tc.field) {
				t.Fatalf("errors name %v, want %q", p.fieldNames(), tc.field)
			}
		})
	}
	t.Run("and the org is unchanged", func(t *testing.T) {
		a := a.in(t)
		if after := a.call("GET", "/v1/admin/org", admin.AccessToken, nil).expect(200).Body; string(after) != string(orgBefore) {
			t.Fatalf("org changed:\n%s\n%s", orgBefore, after)
		}
	})

	eva := a.member(admin, "Eva Jansen", "employee", "")
	var meBefore Me
	a.call("GET", "/v1/me", eva.AccessToken, nil).expect(200).decode(&meBefore)
	for _, tc := range []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"an unknown time zone", map[string]any{"timezone": "Europe/Atlantis"}, "timezone"},
		{"an unknown locale", map[string]any{"locale": "es"}, "locale"},
		{"an empty name", map[string]any{"name": ""}, "name"},
		{"a name with a control character", map[string]any{"name": "Eva\u0007"}, "name"},
		{"a reminder at 25:00", map[string]any{"preferences": map[string]any{"reminder_time": "25:00"}}, "preferences.reminder_time"},
		{"quiet hours starting at 7:00", map[string]any{"preferences": map[string]any{"quiet_hours": map[string]any{"start": "7:00", "end": "08:00"}}}, "preferences.quiet_hours.start"},
		{"quiet hours without an end", map[string]any{"preferences": map[string]any{"quiet_hours": map[string]any{"start": "22:00"}}}, "preferences.quiet_hours"},
		{"workday 0", map[string]any{"preferences": map[string]any{"workdays": []int{0, 1}}}, "preferences.workdays"},
		{"workday 8", map[string]any{"preferences": map[string]any{"workdays": []int{8}}}, "preferences.workdays"},
		{"a repeated workday", map[string]any{"preferences": map[string]any{"workdays": []int{1, 1}}}, "preferences.workdays"},
	} {
		t.Run("PATCH me with "+tc.name+" is 422 naming "+tc.field, func(t *testing.T) {
			a := a.in(t)
			p := a.call("PATCH", "/v1/me", eva.AccessToken, tc.body).wantProblem(422, "invalid")
			if !namesPrefix(p, tc.field) {
				t.Fatalf("errors name %v, want %q", p.fieldNames(), tc.field)
			}
		})
	}
	t.Run("PATCH me with a pause until a day that does not exist is refused", func(t *testing.T) {
		a := a.in(t)
		res := a.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"preferences": map[string]any{"paused_until": "2026-02-30"}})
		if res.Status != 400 && res.Status != 422 {
			t.Fatalf("status %d: %s", res.Status, res.Body)
		}
		res.problem()
	})
	t.Run("and the profile is unchanged", func(t *testing.T) {
		a := a.in(t)
		var meAfter Me
		a.call("GET", "/v1/me", eva.AccessToken, nil).expect(200).decode(&meAfter)
		if !reflect.DeepEqual(meBefore, meAfter) {
			t.Fatalf("me changed: %+v", meAfter)
		}
	})
}

// namesPrefix reports whether the problem names field or a part of it ("barrier_categories.2").
func namesPrefix(p Problem, field string) bool {
	return slices.ContainsFunc(p.fieldNames(), func(f string) bool { return f == field || strings.HasPrefix(f, field+".") })
}

// The validator remembers body-less requests that passed (by method, path and query) and checks
// everything else every time: a remembered pass never lets a different request through.
func TestValidatorRemembersOnlyWhatPassed(t *testing.T) {
	v, err := documentValidator()
	if err != nil {
		t.Fatal(err)
	}
	remembered := func(key string) bool {
		v.mu.RLock()
		defer v.mu.RUnlock()
		_, ok := v.passed[key]
		return ok
	}
	get := func(target string) error { return v.validate(httptest.NewRequest("GET", target, nil)) }

	ok := "/v1/leaderboards/teams/B1C?period=month&limit=7"
	for range 2 {
		if err := get(ok); err != nil {
			t.Fatalf("GET %s: %v", ok, err)
		}
	}
	if !remembered("GET " + ok) {
		t.Fatalf("GET %s passed but is not remembered", ok)
	}
	for _, bad := range []string{
		"/v1/leaderboards/teams/B1C?period=year&limit=7",
		"/v1/leaderboards/teams/B1C?period=month&limit=700",
	} {
		for range 2 {
			if err := get(bad); domain.ErrorKind(err) != domain.KindInvalid {
				t.Fatalf("GET %s: %v, want 422", bad, err)
			}
		}
		if remembered("GET " + bad) {
			t.Fatalf("GET %s failed but is remembered", bad)
		}
	}
	// A request with a body is checked every time (its body may differ).
	req := httptest.NewRequest("PATCH", "/v1/me", strings.NewReader(`{"name":"Eva"}`))
	req.Header.Set("Content-Type", "application/json")
	if err := v.validate(req); err != nil {
		t.Fatalf("PATCH /v1/me: %v", err)
	}
	if remembered("PATCH /v1/me?") {
		t.Fatal("a request with a body is remembered")
	}
}
