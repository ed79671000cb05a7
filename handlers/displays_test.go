package handlers

import (
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/getkin/kin-openapi/openapi3"
)

// displayCreate makes a display link as s ({"team_id"} or {} for the org) and answers it.
func (o *socialOrg) displayCreate(s *Session, teamID string) DisplayCreated {
	o.t.Helper()
	body := map[string]any{}
	if teamID != "" {
		body["team_id"] = teamID
	}
	var d DisplayCreated
	o.a.call("POST", "/v1/displays", s.AccessToken, body).expect(201).decode(&d)
	return d
}

// displayToken is the display token in a link's fragment.
func displayToken(t *testing.T, d DisplayCreated) string {
	t.Helper()
	_, token, ok := strings.Cut(d.Url, "/tv/#")
	if !ok || !strings.HasPrefix(token, "mxd.") {
		t.Fatalf("url %q holds no display token", d.Url)
	}
	return token
}

// displayRead reads the screen with a display token.
func (o *socialOrg) displayRead(token string, headers ...string) (DisplayScreen, response) {
	o.t.Helper()
	r := o.a.call("GET", "/v1/display", token, nil, headers...)
	var sc DisplayScreen
	if r.Status == http.StatusOK {
		r.decode(&sc)
	}
	return sc, r
}

func displayIDs(l DisplayList) []string {
	ids := []string{}
	for _, d := range l.Items {
		ids = append(ids, d.Id)
	}
	return ids
}

func TestDisplayLinksBelongToLeadsAndAdmins(t *testing.T) {
	o := socialNewOrg(t, "screens")
	a := o.a
	red := o.displayCreate(o.lena, o.red.Id)
	whole := o.displayCreate(&o.admin, "")
	blue := o.displayCreate(&o.admin, o.blue.Id)

	t.Run("a new link names its team and creator and opens /tv/ with the token in its fragment", func(t *testing.T) {
		if red.Team == nil || red.Team.Id != o.red.Id || red.CreatedBy.Id != o.lena.User.Id || !strings.HasPrefix(red.Url, a.url+"/tv/#mxd.screens.") {
			t.Fatalf("link = %+v", red)
		}
		if whole.Team != nil {
			t.Fatalf("the org's link names team %+v", whole.Team)
		}
	})
	for _, tc := range []struct {
		name   string
		s      *Session
		body   map[string]any
		status int
	}{
		{"a lead may not make a link for a team they do not lead", o.max, map[string]any{"team_id": o.red.Id}, 403},
		{"a lead may not make the org's link", o.lena, map[string]any{}, 403},
		{"an employee may not make their team's link", o.eva, map[string]any{"team_id": o.red.Id}, 403},
		{"an employee may not make the org's link", o.eva, map[string]any{}, 403},
		{"another org's team is no team of the caller's org", &o.other.admin, map[string]any{"team_id": o.red.Id}, 422},
		{"a team id outside the id grammar is invalid", &o.admin, map[string]any{"team_id": "red:1"}, 422},
		{"an unknown field is refused", &o.admin, map[string]any{"token": "mine"}, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a.call("POST", "/v1/displays", tc.s.AccessToken, tc.body).expect(tc.status)
		})
	}
	t.Run("each sees the links they may manage", func(t *testing.T) {
		for _, tc := range []struct {
			who  string
			s    *Session
			want []string
		}{
			{"an admin, every link", &o.admin, []string{red.Id, whole.Id, blue.Id}},
			{"Red's lead, Red's", o.lena, []string{red.Id}},
			{"Blue's lead, Blue's", o.max, []string{blue.Id}},
			{"another org's admin, none", &o.other.admin, []string{}},
		} {
			var l DisplayList
			a.call("GET", "/v1/displays", tc.s.AccessToken, nil).expect(200).decode(&l)
			if got := displayIDs(l); strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("%s: got %v, want %v", tc.who, got, tc.want)
			}
		}
		a.call("GET", "/v1/displays", o.eva.AccessToken, nil).expect(403, "forbidden")
	})
	t.Run("a link can be revoked by who may manage it only", func(t *testing.T) {
		a.call("DELETE", "/v1/displays/"+red.Id, o.max.AccessToken, nil).expect(404, "not_found")
		a.call("DELETE", "/v1/displays/"+red.Id, o.other.admin.AccessToken, nil).expect(404, "not_found")
		a.call("DELETE", "/v1/displays/"+red.Id, o.eva.AccessToken, nil).expect(403, "forbidden")
		a.call("DELETE", "/v1/displays/"+whole.Id, o.lena.AccessToken, nil).expect(404, "not_found")
		if _, r := o.displayRead(displayToken(t, red)); r.Status != 200 {
			t.Fatalf("a refused revocation stopped the link: %d", r.Status)
		}
		a.call("DELETE", "/v1/displays/"+red.Id, o.lena.AccessToken, nil).expect(204)
		o.displayRead(displayToken(t, red))
		if _, r := o.displayRead(displayToken(t, red)); r.Status != 401 {
			t.Fatalf("a revoked link reads %d, want 401", r.Status)
		}
		a.call("DELETE", "/v1/displays/"+red.Id, o.lena.AccessToken, nil).expect(404, "not_found")
	})
}

// A display token reads the screen and nothing else: every other route of the document refuses it.
func TestDisplayTokenOpensNothingElse(t *testing.T) {
	o := socialNewOrg(t, "screenonly")
	token := displayToken(t, o.displayCreate(&o.admin, ""))
	if _, r := o.displayRead(token); r.Status != 200 {
		t.Fatalf("the token reads its screen with %d", r.Status)
	}
	doc, err := openapi3.NewLoader().LoadFromData(openAPIDocument)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{"{assignment_id}": "20261123-B1C", "{device_id}": "device-1"}
	routes := 0
	for path, item := range doc.Paths.Map() {
		if !strings.HasPrefix(path, "/v1/") && !strings.HasPrefix(path, "/console/auth/") || path == "/v1/display" {
			continue
		}
		for method := range item.Operations() {
			p := path
			for i := strings.Index(p, "{"); i >= 0; i = strings.Index(p, "{") {
				name := p[i : strings.Index(p, "}")+1]
				id, ok := ids[name]
				if !ok {
					id = "B1C"
				}
				p = strings.Replace(p, name, id, 1)
			}
			body := map[string]any{"refresh_token": token, "code": token}
			r := o.a.call(method, p, token, body, "X-Microact-Console", "1", "Cookie", "mx_console="+token)
			routes++
			if strings.HasSuffix(p, "/logout") && r.Status == 204 {
				continue // a logout ends whatever session it names, and a display token names none
			}
			if r.Status != 401 && r.Status != 400 && r.Status != 422 {
				t.Errorf("%s %s with a display token: %d %s", method, p, r.Status, r.Body)
			}
			if r.Status == 200 || r.Status == 201 || r.Status == 204 {
				t.Errorf("%s %s answered a display token", method, p)
			}
		}
	}
	if routes < 50 {
		t.Fatalf("only %d routes tried", routes)
	}
	t.Run("an access token does not read a screen", func(t *testing.T) {
		o.a.call("GET", "/v1/display", o.admin.AccessToken, nil).expect(401, "unauthorized")
		o.a.call("GET", "/v1/display", "", nil).expect(401)
		// The token is checked before the request is: a stranger learns nothing of its headers.
		o.a.call("GET", "/v1/display", "", nil, "If-None-Match", strings.Repeat("x", 300)).expect(401)
	})
}

func TestDisplayScreenShowsTheTeamsWeek(t *testing.T) {
	o := socialNewOrg(t, "screenweek")
	a := o.a
	token := displayToken(t, o.displayCreate(o.lena, o.red.Id))
	orgToken := displayToken(t, o.displayCreate(&o.admin, ""))
	a.call("PATCH", "/v1/me", o.ben.AccessToken, map[string]any{"preferences": map[string]any{"show_on_leaderboards": false}}).expect(200)

	sc, r := o.displayRead(token)
	r.expect(200)
	etag := r.Header.Get("ETag")
	t.Run("an empty week shows the team, its period and nothing else", func(t *testing.T) {
		if sc.Team == nil || sc.Team.Name != "Red" || sc.BoardKind != "members" || sc.Period.Kind != "week" || len(sc.Stories) != 0 || sc.Spotlight != nil || sc.Challenge != nil || sc.OrgName != "Org screenweek" {
			t.Fatalf("screen = %+v", sc)
		}
		if etag == "" {
			t.Fatal("no ETag")
		}
	})
	t.Run("an unchanged screen is 304 to its ETag", func(t *testing.T) {
		_, r := o.displayRead(token, "If-None-Match", etag)
		r.expect(304)
		if len(r.Body) != 0 {
			t.Fatalf("304 with a body: %s", r.Body)
		}
	})

	evaStory := o.socialShare(o.eva, "Walked a customer to the right shelf.")
	o.socialShare(o.ben, "Carried a box to a car.")
	o.socialShare(o.olaf, "Blue's story.")
	sc, r = o.displayRead(token, "If-None-Match", etag)
	r.expect(200)
	t.Run("a new story changes the ETag and shows, newest first", func(t *testing.T) {
		if r.Header.Get("ETag") == etag {
			t.Fatal("the ETag did not change")
		}
		if len(sc.Stories) != 2 || sc.Stories[0].Text != "Carried a box to a car." || sc.Stories[1].Id != evaStory {
			t.Fatalf("stories = %+v", sc.Stories)
		}
		if sc.Stories[1].GestureTitle != "Greet every customer" || sc.Stories[1].ValueName != "Attentive" || *sc.Stories[1].TeamName != "Red" {
			t.Fatalf("story = %+v", sc.Stories[1])
		}
	})
	t.Run("only people who show on leaderboards are named, on the board and on stories", func(t *testing.T) {
		if n := sc.Stories[1].AuthorName; n == nil || *n != "Eva Jansen" {
			t.Fatalf("Eva's story names %v", n)
		}
		if n := sc.Stories[0].AuthorName; n != nil {
			t.Fatalf("Ben's story names %q", *n)
		}
		names := map[string]bool{}
		hidden := 0
		for _, e := range sc.Board {
			if e.Name == nil {
				hidden++
			} else {
				names[*e.Name] = true
			}
			if e.Score != nil {
				t.Fatalf("a person's entry with a score: %+v", e)
			}
		}
		if !names["Eva Jansen"] || hidden != 1 || len(sc.Board) != 2 {
			t.Fatalf("board = %+v", sc.Board)
		}
		if strings.Contains(string(r.Body), o.ben.User.Id) || strings.Contains(string(r.Body), o.eva.User.Id) {
			t.Fatalf("the screen shows user ids: %s", r.Body)
		}
	})
	t.Run("kudos and the spotlight show", func(t *testing.T) {
		a.call("PUT", "/v1/stories/"+evaStory+"/kudos", o.lena.AccessToken, nil).expect(204)
		a.call("POST", "/v1/stories/"+evaStory+"/spotlight", o.lena.AccessToken, nil).expect(204)
		sc, _ := o.displayRead(token)
		if sc.Spotlight == nil || sc.Spotlight.Id != evaStory || sc.Spotlight.Kudos != 1 || sc.Stories[1].Kudos != 1 {
			t.Fatalf("spotlight = %+v, stories = %+v", sc.Spotlight, sc.Stories)
		}
	})
	t.Run("a challenge running today for everyone shows", func(t *testing.T) {
		today := a.clock.Now().Format("2006-01-02")
		o.challenge("Winter warmth", today, "2026-12-31", []string{o.gesture.Id}, map[string]any{"bonus_points": 5})
		o.challenge("Blue only", today, "2026-12-31", []string{o.gesture.Id}, map[string]any{"team_ids": []string{o.blue.Id}})
		sc, _ := o.displayRead(token)
		if sc.Challenge == nil || sc.Challenge.Name != "Winter warmth" || sc.Challenge.BonusPoints != 5 {
			t.Fatalf("challenge = %+v", sc.Challenge)
		}
	})
	t.Run("the org's screen ranks teams and shows every team's stories", func(t *testing.T) {
		sc, _ := o.displayRead(orgToken)
		if sc.Team != nil || sc.BoardKind != "teams" || len(sc.Stories) != 3 {
			t.Fatalf("org screen = %+v", sc)
		}
		if len(sc.Board) != 2 || sc.Board[0].Score == nil || sc.Board[0].Name == nil {
			t.Fatalf("teams board = %+v", sc.Board)
		}
	})
	t.Run("a screen whose team is deleted stops working", func(t *testing.T) {
		lone := a.team(o.admin, "Lone")
		loneToken := displayToken(t, o.displayCreate(&o.admin, lone.Id))
		o.displayRead(loneToken)
		a.call("DELETE", "/v1/admin/teams/"+lone.Id, o.admin.AccessToken, nil).expect(204)
		_, r := o.displayRead(loneToken)
		r.expect(401, "unauthorized")
	})
}

// The break-room screen is served at /tv/ like the console: its built files, its page for every
// other path, and the console's strict policy (its own files only, no inline code).
func TestScreenIsServedWithAStrictPolicy(t *testing.T) {
	t.Parallel()
	page := "<!doctype html><title>screen</title>"
	a := newAPI(t).replica(func(s *Server) {
		s.Screen = fstest.MapFS{
			"index.html":          {Data: []byte(page)},
			"assets/index-cd2.js": {Data: []byte("console.log(2)")},
		}
	})
	for _, tc := range []struct {
		name, path string
		status     int
		body       string
	}{
		{"the screen's root is its page", "/tv/", 200, page},
		{"a hashed script is served", "/tv/assets/index-cd2.js", 200, "console.log(2)"},
		{"a missing asset is 404", "/tv/assets/gone.js", 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := a.in(t).call("GET", tc.path, "", nil)
			if res.Status != tc.status || (tc.body != "" && string(res.Body) != tc.body) {
				t.Fatalf("status %d body %.100q, want %d %.100q", res.Status, res.Body, tc.status, tc.body)
			}
			if csp := res.Header.Get("Content-Security-Policy"); tc.status == 200 && csp != consolePolicy {
				t.Errorf("Content-Security-Policy %q, want the console's", csp)
			}
		})
	}
}
