package handlers

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/microact/microact/domain"
)

// Ids are parts of Redis key names, so every id a client sends is checked against the id
// grammar (domain.IDPattern) before a handler sees it, and every id that refers to an object
// must name one of the caller's org (the store checks it in the write). These tests read the
// routes from the document, so a new route or field is covered without being listed here.

// isIDName reports whether a parameter or property of this name holds an id.
func isIDName(name string) bool {
	return name == "id" || name == "up_to" || strings.HasSuffix(name, "_id") || strings.HasSuffix(name, "_ids")
}

// idPatternExceptions are the id-named properties that hold no id the server makes, and why.
var idPatternExceptions = map[string]string{
	"components/schemas/Badge/properties/id": "a badge's id is the name of a rule (first_done), listed in the description",
}

// clientNamePatterns are the grammars of ids that clients choose (a device's id), or that are
// slugs; every other id property must carry one of the server's.
var clientNamePatterns = map[string]bool{`^[A-Za-z0-9._:-]+$`: true, domain.SlugPattern: true}

// contractSchemas walks every schema of the document (components, parameters, bodies,
// responses, headers, and the schemas inside them), calling visit with where it was found.
func contractSchemas(doc *openapi3.T, visit func(where string, s *openapi3.Schema)) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(where string, ref *openapi3.SchemaRef)
	walk = func(where string, ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		visit(where, s)
		for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
			walk(where+"/properties/"+name, s.Properties[name])
		}
		walk(where+"/items", s.Items)
		if s.AdditionalProperties.Schema != nil {
			walk(where+"/additionalProperties", s.AdditionalProperties.Schema)
		}
		for i, list := range [][]*openapi3.SchemaRef{s.OneOf, s.AnyOf, s.AllOf} {
			for j, sub := range list {
				walk(fmt.Sprintf("%s/%s/%d", where, []string{"oneOf", "anyOf", "allOf"}[i], j), sub)
			}
		}
		walk(where+"/not", s.Not)
	}
	for _, name := range slices.Sorted(maps.Keys(doc.Components.Schemas)) {
		walk("components/schemas/"+name, doc.Components.Schemas[name])
	}
	for _, name := range slices.Sorted(maps.Keys(doc.Components.Parameters)) {
		walk("components/parameters/"+name+"/schema", doc.Components.Parameters[name].Value.Schema)
	}
	for _, name := range slices.Sorted(maps.Keys(doc.Components.Headers)) {
		walk("components/headers/"+name+"/schema", doc.Components.Headers[name].Value.Schema)
	}
	names, ops := contractOperations(doc)
	for _, name := range names {
		op := ops[name]
		for _, p := range op.Parameters {
			walk(name+" parameter "+p.Value.Name, p.Value.Schema)
		}
		if op.RequestBody != nil {
			for ct, mt := range op.RequestBody.Value.Content {
				walk(name+" body "+ct, mt.Schema)
			}
		}
		for status, res := range op.Responses.Map() {
			for ct, mt := range res.Value.Content {
				walk(name+" "+status+" "+ct, mt.Schema)
			}
			for h, hr := range res.Value.Headers {
				walk(name+" "+status+" header "+h, hr.Value.Schema)
			}
		}
	}
}

// operationParameters lists every parameter of every operation (its path item's and its own).
func operationParameters(doc *openapi3.T) map[string][]*openapi3.Parameter {
	out := map[string][]*openapi3.Parameter{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			for _, p := range append(slices.Clone(item.Parameters), op.Parameters...) {
				out[method+" "+path] = append(out[method+" "+path], p.Value)
			}
		}
	}
	return out
}

func TestEveryIDInTheDocumentHasAPattern(t *testing.T) {
	doc := loadContract(t)

	t.Run("every id parameter in a path or query has the id grammar as its pattern", func(t *testing.T) {
		checked := 0
		for op, params := range operationParameters(doc) {
			for _, p := range params {
				if p.In == openapi3.ParameterInHeader || !isIDName(p.Name) {
					continue
				}
				checked++
				pattern := ""
				if p.Schema != nil && p.Schema.Value != nil {
					pattern = p.Schema.Value.Pattern
				}
				switch {
				case p.Name == "device_id" && clientNamePatterns[pattern]:
				case p.Name == "assignment_id" && pattern == domain.AssignmentIDPattern:
				case pattern != domain.IDPattern:
					t.Errorf("%s: parameter %s (in %s) has pattern %q, want domain.IDPattern", op, p.Name, p.In, pattern)
				}
			}
		}
		if checked < 30 {
			t.Fatalf("only %d id parameters found", checked)
		}
	})

	t.Run("every id property, and every item of an id list, has a pattern", func(t *testing.T) {
		checked := 0
		contractSchemas(doc, func(where string, s *openapi3.Schema) {
			for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
				if !isIDName(name) {
					continue
				}
				path := where + "/properties/" + name
				if _, ok := idPatternExceptions[path]; ok {
					continue
				}
				prop := s.Properties[name].Value
				if strings.HasSuffix(name, "_ids") {
					if prop.Items == nil || prop.Items.Value == nil {
						t.Errorf("%s: a list of ids without items", path)
						continue
					}
					prop = prop.Items.Value
				}
				checked++
				switch p := prop.Pattern; {
				case p == domain.IDPattern || p == domain.AssignmentIDPattern || clientNamePatterns[p]:
				case p == "":
					t.Errorf("%s: an id without a pattern", path)
				default:
					t.Errorf("%s: pattern %q is none of the id grammars", path, p)
				}
			}
		})
		if checked < 50 {
			t.Fatalf("only %d id properties found", checked)
		}
	})

	t.Run("the document's grammar is the domain's", func(t *testing.T) {
		for _, id := range []string{domain.NewID(testNow), domain.SeqID(1), domain.SeqID(40000)} {
			if !domain.ValidID(id) {
				t.Fatalf("the server makes %q, which the grammar refuses", id)
			}
		}
	})
}

func TestEveryPatternSaysInWordsWhatItWants(t *testing.T) {
	doc := loadContract(t)
	patterns := 0
	contractSchemas(doc, func(where string, s *openapi3.Schema) {
		if s.Pattern == "" {
			return
		}
		patterns++
		msg, _ := s.Extensions["x-pattern-message"].(string)
		switch {
		case msg == "":
			t.Errorf("%s: pattern %q has no x-pattern-message", where, s.Pattern)
		case strings.Contains(msg, s.Pattern) || strings.ContainsAny(msg, "^$[]\\"):
			t.Errorf("%s: x-pattern-message %q reads like a regular expression", where, msg)
		}
	})
	if patterns < 10 {
		t.Fatalf("only %d patterns found", patterns)
	}
}

// wantNoRegexp fails if a problem's messages show a regular expression or the validator's own words.
func wantNoRegexp(t *testing.T, p Problem) {
	t.Helper()
	for _, e := range p.Errors {
		for _, raw := range []string{"regular expression", "^", "[0-9", "doesn't match", "is unsupported", "value is not one of", "property \""} {
			if strings.Contains(e.Message, raw) {
				t.Errorf("field %s: message %q is not plain English", e.Field, e.Message)
			}
		}
	}
}

func TestValidationMessagesSpeakToPeople(t *testing.T) {
	a := newAPI(t)
	admin := a.org("acme")
	team := a.team(admin, "Store")
	for _, c := range []struct {
		name, method, path string
		body               any
		field, message     string
	}{
		{"a clock time says what it looks like", "PATCH", "/v1/me", map[string]any{"preferences": map[string]any{"reminder_time": "8:30"}},
			"preferences.reminder_time", "must be a time of day such as 08:30"},
		{"an id says what it looks like", "PATCH", "/v1/admin/teams/" + team.Id, map[string]any{"lead_ids": []string{"B1Q:members"}},
			"lead_ids.0", domain.IDMessage},
		{"an id in the query says what it looks like", "GET", "/v1/barriers?team_id=B1Q%3Amembers", nil,
			"team_id", domain.IDMessage},
		{"a barrier category says what it looks like", "POST", "/v1/barriers", map[string]any{"category": "Tools!", "text": "x"},
			"category", "must be 1 to 40 lowercase letters, digits or underscores, such as time"},
		{"a number over its maximum names the maximum", "PATCH", "/v1/admin/org", map[string]any{"week_starts_on": 9},
			"week_starts_on", "must be at most 7"},
		{"a value outside its enum lists the allowed ones", "GET", "/v1/leaderboards/teams?period=year", nil,
			"period", "must be one of week, month, all"},
		{"a day says what it looks like", "GET", "/v1/admin/export/outcomes?from=2026-13-01&to=2026-11-30", nil,
			"from", "must be a day such as 2026-11-23"},
		{"a list with a repeat says so", "PATCH", "/v1/admin/teams/" + team.Id, map[string]any{"lead_ids": []string{admin.User.Id, admin.User.Id}},
			"lead_ids", "must not list anything twice"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := a.call(c.method, c.path, admin.AccessToken, c.body).wantProblem(422, "invalid")
			wantNoRegexp(t, p)
			for _, e := range p.Errors {
				if e.Field == c.field && e.Message == c.message {
					return
				}
			}
			t.Fatalf("want %s: %q among %+v", c.field, c.message, p.Errors)
		})
	}
}

// The probe of issue 20: a team id with a key's suffix was stored and locked the user out.
func TestAnIDWithAKeySuffixIsRefusedAndLocksNobodyOut(t *testing.T) {
	a := newAPI(t)
	admin := a.org("acme")
	other := a.org("other")
	team := a.team(admin, "Store")
	elsewhere := a.team(other, "Elsewhere")
	eva := a.member(admin, "Eva Employee", "employee", team.Id)
	before := a.counts(admin)

	for _, c := range []struct{ name, teamID, message string }{
		{"the probe's key suffix", team.Id + ":members", domain.IDMessage},
		{"a hash tag", "{acme}", domain.IDMessage},
		{"a team of another org", elsewhere.Id, "no team with this id"},
		{"an id no team has", "C9ZZ", "no team with this id"},
	} {
		t.Run(c.name+" as team_id is 422 naming team_id, and nothing changes", func(t *testing.T) {
			p := a.patchUser(admin, eva.User.Id, map[string]any{"team_id": c.teamID}).wantProblem(422, "invalid")
			if !p.names("team_id") || p.Errors[0].Message != c.message {
				t.Fatalf("want team_id: %q, got %+v", c.message, p.Errors)
			}
			wantNoRegexp(t, p)
			a.call("GET", "/v1/admin/users", admin.AccessToken, nil).expect(200)
			var u User
			a.call("GET", "/v1/admin/users/"+eva.User.Id, admin.AccessToken, nil).expect(200).decode(&u)
			if u.Team == nil || u.Team.Id != team.Id {
				t.Fatalf("the user's team is now %+v", u.Team)
			}
			var next Session
			a.refresh(eva.RefreshToken).expect(200).decode(&next)
			eva.RefreshToken = next.RefreshToken
			a.call("GET", "/v1/me", next.AccessToken, nil).expect(200)

			a.call("POST", "/v1/admin/users", admin.AccessToken, map[string]any{"name": "Noor", "email": "noor@acme.example", "role": "employee", "team_id": c.teamID}).
				wantProblem(422, "invalid")
			if got := a.counts(admin); got != before {
				t.Fatalf("counts %+v, want %+v", got, before)
			}
		})
	}

	t.Run("gestures and challenges naming no team of the org are refused", func(t *testing.T) {
		var v Value
		a.call("POST", "/v1/admin/values", admin.AccessToken, map[string]any{"name": "Warm"}).expect(201).decode(&v)
		var g Gesture
		a.call("POST", "/v1/admin/gestures", admin.AccessToken, map[string]any{"title": "Greet", "how_to": "Say hi.", "value_id": v.Id}).expect(201).decode(&g)
		for _, id := range []string{team.Id + ":members", elsewhere.Id, "C9ZZ"} {
			p := a.call("POST", "/v1/admin/gestures", admin.AccessToken, map[string]any{"title": "Wave", "how_to": "Wave.", "value_id": v.Id, "team_ids": []string{team.Id, id}}).
				wantProblem(422, "invalid")
			if !slices.ContainsFunc(p.Errors, func(e ProblemFieldError) bool { return strings.HasPrefix(e.Field, "team_ids") }) {
				t.Fatalf("%s: %+v", id, p.Errors)
			}
			p = a.call("POST", "/v1/admin/challenges", admin.AccessToken, map[string]any{"name": "Winter", "starts_on": "2026-12-01", "ends_on": "2026-12-31",
				"gesture_ids": []string{g.Id}, "team_ids": []string{id}}).wantProblem(422, "invalid")
			if !slices.ContainsFunc(p.Errors, func(e ProblemFieldError) bool { return strings.HasPrefix(e.Field, "team_ids") }) {
				t.Fatalf("%s: %+v", id, p.Errors)
			}
		}
		if ids := a.listAll("/v1/admin/gestures", admin.AccessToken, 100); len(ids) != 1 {
			t.Fatalf("gestures %v", ids)
		}
		if ids := a.listAll("/v1/admin/challenges", admin.AccessToken, 100); len(ids) != 0 {
			t.Fatalf("challenges %v", ids)
		}
	})
}

// junkIDs are ids that must never reach a key name: each has a character Redis keys, globs or
// hash tags give meaning to, or is far too long.
var junkIDs = []string{"B1Q:members", "{acme}", "{acme", "acme}", "B1*", "B1?", "B1 C", " ", strings.Repeat("A", 300)}

// idTarget is one place of one operation that takes an id.
type idTarget struct {
	route junkRoute
	in    string // path, query or body
	name  string
	list  bool // a body list of ids
	param *openapi3.Parameter
}

// idTargets lists every place the document takes an id (by its name, not by its pattern, so an
// id that lacks its pattern is sent junk too).
func idTargets(t *testing.T) []idTarget {
	var out []idTarget
	for _, r := range junkRoutes(t) {
		for _, p := range r.params {
			if p.Schema == nil || p.Schema.Value == nil || (p.In != openapi3.ParameterInPath && p.In != openapi3.ParameterInQuery) {
				continue
			}
			if isIDName(p.Name) {
				out = append(out, idTarget{route: r, in: p.In, name: p.Name, param: p})
			}
		}
		if r.body == nil {
			continue
		}
		for _, name := range slices.Sorted(maps.Keys(r.body.Properties)) {
			switch s := r.body.Properties[name].Value; {
			case !isIDName(name):
			case s.Items != nil:
				out = append(out, idTarget{route: r, in: "body", name: name, list: true})
			default:
				out = append(out, idTarget{route: r, in: "body", name: name})
			}
		}
	}
	return out
}

// TestJunkIDsToEveryRouteThatTakesOne sends every junk id to every place of every route that
// takes an id: a path answers 404 (no object has that id), a query or body 422 naming the
// field, never a 5xx, and nothing of the org changes.
func TestJunkIDsToEveryRouteThatTakesOne(t *testing.T) {
	a := newAPI(t)
	o := junkCast(a, "acme")
	before := o.snapshot(a)

	targets := idTargets(t)
	covered := map[string]bool{}
	for _, tg := range targets {
		covered[tg.route.method+" "+tg.route.path+" "+tg.in+" "+tg.name] = true
	}
	for _, want := range []string{
		"PATCH /v1/admin/users/{user_id} body team_id", "POST /v1/admin/users body team_id",
		"POST /v1/admin/gestures body team_ids", "POST /v1/admin/gestures body value_id",
		"PATCH /v1/admin/challenges/{challenge_id} body gesture_ids", "POST /v1/admin/teams body lead_ids",
		"POST /v1/suggestions body value_id", "POST /v1/me/notifications/read body up_to",
		"GET /v1/barriers query team_id", "GET /v1/admin/users query team_id",
		"GET /v1/teams/{team_id}/dashboard path team_id", "PUT /v1/stories/{story_id}/kudos path story_id",
		"POST /v1/me/assignments/{assignment_id}/outcome path assignment_id", "DELETE /v1/me/devices/{device_id} path device_id",
	} {
		if !covered[want] {
			t.Errorf("the document names no id at %s", want)
		}
	}

	sent := 0
	for _, tg := range targets {
		for _, junk := range junkIDs {
			if tg.name == "device_id" && junk == "B1Q:members" {
				continue // a device's id is the app's name for it; ':' is allowed and it is no key name
			}
			path, query, body := tg.route.path, url.Values{}, map[string]any{}
			for _, p := range tg.route.params {
				if p.In != openapi3.ParameterInPath {
					continue
				}
				v := o.ids[p.Name][0]
				if p.Name == tg.name && tg.in == "path" {
					v = junk
				}
				path = strings.ReplaceAll(path, "{"+p.Name+"}", url.PathEscape(v))
			}
			switch tg.in {
			case "query":
				query.Set(tg.name, junk)
			case "body":
				if tg.list {
					body[tg.name] = []string{o.ids["team_id"][0], junk}
				} else {
					body[tg.name] = junk
				}
			}
			if len(query) > 0 {
				path += "?" + query.Encode()
			}
			var sendBody any
			if tg.route.body != nil {
				sendBody = body
			}
			token := o.admin.AccessToken
			if tg.route.public {
				token = ""
			}
			res := a.call(tg.route.method, path, token, sendBody)
			sent++
			where := fmt.Sprintf("%s %s (%s %s = %q)", tg.route.method, path, tg.in, tg.name, junk)
			if res.Status >= 500 {
				t.Fatalf("%s: %d %s", where, res.Status, res.Body)
			}
			if res.Status < 400 {
				t.Fatalf("%s: %d, want it refused: %s", where, res.Status, res.Body)
			}
			p := res.problem()
			wantNoRegexp(t, p)
			switch {
			case tg.in == "path" && tg.name != "device_id":
				if res.Status != 404 || p.Code != "not_found" {
					t.Errorf("%s: %d %s, want 404 not_found", where, res.Status, p.Code)
				}
			case res.Status != 422 || p.Code != "invalid":
				t.Errorf("%s: %d %s, want 422 invalid", where, res.Status, p.Code)
			case !slices.ContainsFunc(p.Errors, func(e ProblemFieldError) bool {
				return e.Field == tg.name || strings.HasPrefix(e.Field, tg.name+".")
			}):
				t.Errorf("%s: the errors %+v do not name %s", where, p.Errors, tg.name)
			}
		}
	}
	if sent < 300 {
		t.Fatalf("only %d requests sent", sent)
	}
	after := o.snapshot(a)
	keys := slices.Sorted(maps.Keys(before))
	sort.Strings(keys)
	for _, k := range keys {
		if before[k] != after[k] {
			t.Errorf("%s changed:\nbefore %s\nafter  %s", k, before[k], after[k])
		}
	}
	if bad := a.boardScan(a.store.Keys().TeamMembers("acme", "*members")); len(bad) > 0 {
		t.Fatalf("keys made of junk ids: %v", bad)
	}
}
