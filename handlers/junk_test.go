package handlers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/golang-jwt/jwt/v5"
)

// Junk to every route (contract §2): thousands of random requests to every path and method of
// openapi.yaml — random bytes, malformed, deep, huge and mistyped JSON, wrong content types,
// junk path ids, query parameters and headers — as admins, leads, employees and strangers. No
// answer may be a 5xx, every error is a problem document, and nothing junk may change data.
//
// Two orgs take part. "wild" sends anything, so some of its requests legitimately succeed and
// change its own data. "acme" only sends requests that must fail (junk bodies, other orgs' ids
// on writes), and its data is read before and after and must be unchanged — as must be every
// acme object that wild's requests name.
//
// MICROACT_JUNK_SEED replays a run (the seed is logged): every request is made from the seed and
// its number alone. MICROACT_JUNK_REQUESTS sets how many are sent (default 3000), and
// MICROACT_JUNK_WORKERS how many at a time (default 4; 1 replays wild's changes in order too).

// junkRoute is one operation of the document.
type junkRoute struct {
	method, path string
	params       []*openapi3.Parameter
	body         *openapi3.Schema // the JSON body's schema; nil for none
	csv          bool             // a text/csv body
	public       bool             // no access token needed
}

// junkRoutes reads every operation from the document, in a stable order.
func junkRoutes(t *testing.T) []junkRoute {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(openAPIDocument)
	if err != nil {
		t.Fatal(err)
	}
	var routes []junkRoute
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			r := junkRoute{method: method, path: path, public: op.Security != nil && len(*op.Security) == 0}
			for _, p := range append(slices.Clone(item.Parameters), op.Parameters...) {
				r.params = append(r.params, p.Value)
			}
			if op.RequestBody != nil {
				content := op.RequestBody.Value.Content
				if mt := content.Get("application/json"); mt != nil {
					r.body = mt.Schema.Value
				}
				r.csv = content.Get("text/csv") != nil
			}
			routes = append(routes, r)
		}
	}
	sort.Slice(routes, func(i, j int) bool {
		return routes[i].path+" "+routes[i].method < routes[j].path+" "+routes[j].method
	})
	if len(routes) < 60 {
		t.Fatalf("only %d operations read from the document", len(routes))
	}
	return routes
}

// junkOrg is an org with one of everything, and the ids of it by path parameter.
type junkOrg struct {
	slug                  string
	admin, lead, employee *Session
	ids                   map[string][]string // path parameter name → ids of this org
	refreshToken          string              // the employee's
}

func junkCast(a *testAPI, slug string) *junkOrg {
	a.t.Helper()
	o := a.loopNewOrg(slug)
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
	var sg Suggestion
	a.call("POST", "/v1/suggestions", emp.AccessToken, map[string]any{"title": "Hold the door", "how_to": "Hold it.", "value_id": v.Id}).expect(201).decode(&sg)
	a.call("PUT", "/v1/me/devices/pixel-"+slug, emp.AccessToken, map[string]any{"token": "fcm-" + slug, "platform": "android"}).expect(204)
	a.call("POST", "/v1/admin/users/"+emp.User.Id+"/test-notification", o.admin.AccessToken, nil).expect(202)
	var display DisplayCreated
	a.call("POST", "/v1/displays", o.admin.AccessToken, map[string]any{"team_id": team.Id}).expect(201).decode(&display)

	return &junkOrg{
		slug: slug, admin: &o.admin, lead: lead, employee: emp, refreshToken: emp.RefreshToken,
		ids: map[string][]string{
			"team_id":       {team.Id},
			"user_id":       {o.admin.User.Id, lead.User.Id, emp.User.Id},
			"value_id":      {v.Id},
			"gesture_id":    {g.Id},
			"challenge_id":  {ch.Id},
			"story_id":      {*res.StoryId},
			"barrier_id":    {b.Id},
			"suggestion_id": {sg.Id},
			"assignment_id": assignments,
			"device_id":     {"pixel-" + slug},
			"display_id":    {display.Id},
		},
	}
}

// snapshot reads everything of the org the API shows, as each of its members sees it.
func (o *junkOrg) snapshot(a *testAPI) map[string]string {
	a.t.Helper()
	out := map[string]string{}
	read := func(who *Session, path string) {
		out[string(who.User.Role)+" "+path] = string(a.call("GET", path, who.AccessToken, nil).expect(200).Body)
	}
	for _, p := range []string{"/v1/admin/org", "/v1/admin/teams?limit=100", "/v1/admin/users?limit=100", "/v1/admin/values?limit=100",
		"/v1/admin/gestures?limit=100", "/v1/admin/challenges?limit=100", "/v1/stories?scope=org&limit=100",
		"/v1/barriers?limit=100", "/v1/suggestions?limit=100", "/v1/leaderboards/teams?period=all", "/v1/displays",
		"/v1/admin/export/outcomes?from=2026-11-01&to=2026-11-30&format=jsonl"} {
		read(o.admin, p)
	}
	for _, id := range o.ids["team_id"] {
		read(o.admin, "/v1/admin/teams/"+id)
		read(o.admin, "/v1/teams/"+id+"/dashboard?period=month")
		read(o.admin, "/v1/leaderboards/teams/"+id+"?period=all")
	}
	for _, id := range o.ids["user_id"] {
		read(o.admin, "/v1/admin/users/"+id)
	}
	for _, kind := range []string{"value", "gesture", "challenge"} {
		for _, id := range o.ids[kind+"_id"] {
			read(o.admin, "/v1/admin/"+kind+"s/"+id)
		}
	}
	read(o.admin, "/v1/leaderboards/challenges/"+o.ids["challenge_id"][0])
	for _, s := range []*Session{o.admin, o.lead, o.employee} {
		for _, p := range []string{"/v1/me", "/v1/me/today", "/v1/me/history", "/v1/me/notifications"} {
			read(s, p)
		}
	}
	return out
}

// junkCaller is who sends a request.
type junkCaller struct {
	name  string
	org   *junkOrg // nil for strangers
	token string   // the Authorization header's value; "" for none
}

// junkRequest is one generated request and what its answer must be.
type junkRequest struct {
	method, url string
	header      http.Header
	body        []byte
	chunked     bool // sent without Content-Length

	wantStatus  int  // the exact status, when one is known
	mustFail    bool // any 4xx, never 2xx
	description string
}

// junkGen makes the requests of one run.
type junkGen struct {
	routes     []junkRoute
	acme, wild *junkOrg
	members    []junkCaller // the admin, lead and employee of either org
	strangers  []junkCaller // no token, or a bad one
}

// junkStrings are values that often break parsers: numbers that are not, days and times that
// do not exist, zones, escapes, control and bidi characters, ids and the words of the enums.
var junkStrings = []string{
	"", " ", "\t", "null", "true", "0", "-1", "1e309", "NaN", "Infinity", "0x10", "1.5", "00", "+1",
	"2026-11-23", "2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31", "2026-11-23T08:30:00Z", "2026-11-23T25:00:00Z",
	"08:30", "24:00", "8:30", "23:60", "Europe/Amsterdam", "Mars/Olympus_Mons", "Local", "UTC", "../../etc/passwd",
	"%00", "\x00", "\u2028", "\u202e", "é", "👍🏽", "ǅ", "\xff\xfe", "' OR 1=1 --", "<script>alert(1)</script>", "{}", "[]",
	"mx:{acme}:user", "*", "\\", "acme", "wild", "employee", "admin", "done", "blocked", "week", "me", "org", "team", "csv",
	"jsonl", "pending", "open", "resolved", "android", "ios", "nl", "en", "20261123-x", "ABCD-EFGH-JKMN",
	"01JD3QA1B2C3D4E5F6G7H8J9K0", "AQ", "AR", "QUJD", strings.Repeat("x", 65), strings.Repeat("é", 101), strings.Repeat("9", 400),
}

func (g *junkGen) junkString(r *rand.Rand) string {
	switch r.IntN(6) {
	case 0:
		b := make([]byte, r.IntN(24))
		for i := range b {
			b[i] = byte(0x20 + r.IntN(0x5f))
		}
		return string(b)
	case 1:
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		return string(b)
	case 2:
		return strings.Repeat(string(rune("aZ9é-_ \u0007"[r.IntN(9)])), 60+r.IntN(2000))
	case 3:
		return g.anyID(r)
	}
	return junkStrings[r.IntN(len(junkStrings))]
}

// anyID is a real id of either org, or a mangled one.
func (g *junkGen) anyID(r *rand.Rand) string {
	o := g.acme
	if r.IntN(2) == 0 {
		o = g.wild
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range o.ids {
			if !yield(k) {
				return
			}
		}
	})
	ids := o.ids[keys[r.IntN(len(keys))]]
	id := ids[r.IntN(len(ids))]
	switch r.IntN(4) {
	case 0:
		return strings.ToLower(id)
	case 1:
		return id + "x"
	}
	return id
}

var junkNumbers = []float64{0, -1, 1, 2, 7, 8, 10, 11, 29, 30, 100, 101, 1000, 1001, 5000, 1 << 31, 1 << 53, -(1 << 63), 1e308, 0.5, 1.0, math.Copysign(0, -1)}

// junkValue is any JSON value.
func (g *junkGen) junkValue(r *rand.Rand, depth int) any {
	n := 5
	if depth > 3 {
		n = 3 // no more nesting
	}
	switch r.IntN(n) {
	case 0:
		return junkNumbers[r.IntN(len(junkNumbers))]
	case 1:
		return r.IntN(2) == 0
	case 2:
		if r.IntN(4) == 0 {
			return nil
		}
		return g.junkString(r)
	case 3:
		arr := make([]any, r.IntN(4))
		for i := range arr {
			arr[i] = g.junkValue(r, depth+1)
		}
		return arr
	}
	m := map[string]any{}
	for range r.IntN(4) {
		m[g.junkString(r)] = g.junkValue(r, depth+1)
	}
	return m
}

// junkShape makes values that mostly follow a schema — the right types, enum values, dates,
// ids — with junk now and then (one value in odds), so that many get past the validator to the
// handler. ids, when set, is the org whose ids fill the fields named like ids.
type junkShape struct {
	g    *junkGen
	r    *rand.Rand
	odds int
	ids  *junkOrg
}

func (js junkShape) value(s *openapi3.Schema, depth int, name string) any {
	g, r := js.g, js.r
	if s == nil || depth > 6 || r.IntN(js.odds) == 0 {
		return g.junkValue(r, depth)
	}
	if len(s.OneOf) > 0 {
		return js.value(s.OneOf[r.IntN(len(s.OneOf))].Value, depth, name)
	}
	if len(s.Enum) > 0 && r.IntN(js.odds) > 0 {
		return s.Enum[r.IntN(len(s.Enum))]
	}
	types := s.Type.Slice()
	if len(types) == 0 {
		return g.junkValue(r, depth)
	}
	switch types[r.IntN(len(types))] {
	case "object":
		m := map[string]any{}
		names := slices.Sorted(func(yield func(string) bool) {
			for k := range s.Properties {
				if !yield(k) {
					return
				}
			}
		})
		for _, name := range names {
			if r.IntN(3) > 0 {
				m[name] = js.value(s.Properties[name].Value, depth+1, name)
			}
		}
		return m
	case "array":
		arr := make([]any, r.IntN(4))
		for i := range arr {
			var item *openapi3.Schema
			if s.Items != nil {
				item = s.Items.Value
			}
			arr[i] = js.value(item, depth+1, strings.TrimSuffix(name, "s"))
		}
		return arr
	case "integer", "number":
		var near []float64
		if s.Min != nil {
			near = append(near, *s.Min-1, *s.Min)
		}
		if s.Max != nil {
			near = append(near, *s.Max, *s.Max+1)
		}
		if len(near) > 0 && r.IntN(2) == 0 {
			return near[r.IntN(len(near))]
		}
		return float64(r.IntN(120) - 10)
	case "boolean":
		return r.IntN(2) == 0
	case "null":
		return nil
	}
	if name == "lead_id" {
		name = "user_id"
	}
	switch {
	case s.Format == "date":
		return []string{"2026-11-23", "2026-11-24", "2026-11-22", "2026-12-31", "2026-02-30", "0001-01-01", "9999-12-31", "2025-11-23"}[r.IntN(8)]
	case s.Format == "date-time":
		return []string{"2026-11-23T08:00:00Z", "2026-11-23T07:59:00+01:00", "2026-11-23T09:00:00Z", "2026-11-22T00:00:00Z", "1970-01-01T00:00:00Z", "2026-11-23T08:00:00.123456789-14:00"}[r.IntN(6)]
	case s.Format == "email":
		return fmt.Sprintf("%s%d@%s.example", []string{"eva", "Eva.J", "x", ""}[r.IntN(4)], r.IntN(1000), []string{"wild", "acme", "x"}[r.IntN(3)])
	case js.ids != nil && len(js.ids.ids[name]) > 0:
		ids := js.ids.ids[name]
		return ids[r.IntN(len(ids))]
	case s.MaxLength != nil && r.IntN(js.odds) == 0:
		return strings.Repeat("é", int(*s.MaxLength)+r.IntN(2))
	}
	switch r.IntN(5) {
	case 0, 1:
		return []string{"Store Utrecht", "Hold the door", "Smile.", "time", "tools", "A note", "  padded  ", "Eva"}[r.IntN(8)] + " " + strconv.Itoa(r.IntN(100))
	case 2:
		if js.odds < 20 {
			return g.anyID(r)
		}
	case 3:
		if js.odds < 20 {
			return g.junkString(r)
		}
	}
	return "Plain text " + strconv.Itoa(r.IntN(1000))
}

// junkBody is a body for route: anything, or (when it must fail) something no handler can
// accept. It says what it is.
func (g *junkGen) junkBody(r *rand.Rand, route junkRoute, mustFail bool, js junkShape) ([]byte, string, string) {
	ct := "application/json"
	if js.odds >= 20 && route.body != nil { // mild
		b, _ := json.Marshal(js.value(route.body, 0, ""))
		return b, ct, "JSON following the schema"
	}
	if route.csv && r.IntN(3) > 0 {
		ct = "text/csv"
		switch r.IntN(3) {
		case 0:
			return []byte(g.junkString(r)), ct, "junk text"
		case 1:
			if !mustFail {
				var b bytes.Buffer
				b.WriteString("name,email,role,team\n")
				for range r.IntN(5) {
					role := []string{"employee", "Lead", "admin", g.junkString(r)}[r.IntN(4)]
					fmt.Fprintf(&b, "%q,%s,%q,%q\n", js.value(nil, 0, ""), js.value(&openapi3.Schema{Type: &openapi3.Types{"string"}, Format: "email"}, 0, ""),
						role, []string{"", "Store", g.junkString(r)}[r.IntN(3)])
				}
				return b.Bytes(), ct, "a CSV import of junk lines"
			}
		}
		return []byte("name,email,role\nAnn,ann@x.example,employee\n"), ct, "a CSV with a wrong header"
	}
	if r.IntN(12) == 0 {
		ct = []string{"text/plain", "application/xml", "application/x-www-form-urlencoded", "", "application/json; charset=latin1",
			"APPLICATION/JSON", "multipart/form-data; boundary=x", "application/problem+json", "text/csv"}[r.IntN(9)]
	}
	// Weighted: the bodies over 64 KiB and the deepest ones are rarer, as they cost the most
	// (most under the race detector) and one kind of each tells what all do.
	switch k := r.IntN(40); {
	case k < 6:
		b := make([]byte, r.IntN(200))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		return b, ct, "random bytes"
	case k < 9:
		depth := 1 + r.IntN(300)
		if k == 6 {
			depth = 9990 + r.IntN(3000) // around encoding/json's limit of 10000
		}
		open, closing := "[", "]"
		if r.IntN(2) == 0 {
			open, closing = `{"a":`, "}"
		}
		return []byte(strings.Repeat(open, depth) + "1" + strings.Repeat(closing, depth*r.IntN(2))), ct, fmt.Sprintf("JSON nested %d deep", depth)
	case k < 11:
		return []byte(`{"name":"` + strings.Repeat("x", 64<<10) + `"}`), ct, "a body over 64 KiB"
	case k < 17:
		whole, _ := json.Marshal(js.value(route.body, 0, ""))
		return whole[:r.IntN(len(whole))], ct, "cut-off JSON"
	case k < 23:
		v, _ := json.Marshal(g.junkValue(r, 0))
		return v, ct, "a junk JSON value"
	}
	v := js.value(route.body, 0, "")
	if m, ok := v.(map[string]any); ok && (mustFail || r.IntN(6) == 0) {
		m["junk_"+strconv.Itoa(r.IntN(100))] = g.junkValue(r, 1) // an unknown field: 400 whatever else
	} else if mustFail {
		v = []any{v} // no body of the document is an array
	}
	b, _ := json.Marshal(v)
	return b, ct, "JSON shaped like the schema"
}

// pathValue fills a path parameter: a real id of this kind from either org, an id of another
// kind, a near miss or junk. It reports whether the id is another org's object. Acme's writes
// must fail, so they never name an acme object (nor one that differs only in case).
func (g *junkGen) pathValue(r *rand.Rand, name string, caller junkCaller, write bool) (string, bool) {
	protect := caller.org == g.acme && write
	o := []*junkOrg{g.acme, g.wild}[r.IntN(2)]
	if protect {
		o = g.wild
	}
	var v string
	switch r.IntN(5) {
	case 0, 1:
		if ids := o.ids[name]; len(ids) > 0 {
			return ids[r.IntN(len(ids))], caller.org != nil && o != caller.org
		}
		v = g.junkString(r)
	case 2:
		v = g.anyID(r)
	case 3:
		if ids := g.acme.ids[name]; len(ids) > 0 {
			id := ids[r.IntN(len(ids))]
			v = []string{id + "x", id[:len(id)-1], " " + id, id + "\x00"}[r.IntN(4)]
			break
		}
		fallthrough
	default:
		v = g.junkString(r)
	}
	if protect && slices.ContainsFunc(flatIDs(g.acme), func(id string) bool { return strings.EqualFold(id, v) }) {
		v = "not-an-id"
	}
	if v == "" {
		v = "-"
	}
	return v, false
}

func flatIDs(o *junkOrg) []string {
	var all []string
	for _, ids := range o.ids {
		all = append(all, ids...)
	}
	return all
}

// cursor is a well-formed cursor of a position the server never gave out: an id of either org
// or a near miss, a day (history pages by day), a character that means something in a Redis
// range ("(", "[", "+", "-") or junk.
func (g *junkGen) cursor(r *rand.Rand) string {
	var last string
	switch r.IntN(4) {
	case 0:
		last = g.anyID(r)
	case 1:
		last = []string{"2026-11-23", "2026-11-24", "2026-02-30", "0001-01-01", "9999-12-31", "2026-11-23-x"}[r.IntN(6)]
	case 2:
		last = []string{"(", "[", "+", "-", "\xff", "\x00", "*", "0", "~"}[r.IntN(9)]
	default:
		last = g.junkString(r)
	}
	if len(last) > 64 {
		last = last[:64]
	}
	if last == "" {
		last = "-"
	}
	return *nextCursor(last)
}

// junkQuery is a query string that is no list of parameters, escaped just enough to be sent.
func junkQuery(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '#' {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// mustFailBody makes sure a JSON object body carries a field no operation knows (a 400 on
// every route); other bodies fail as they are: they are not JSON objects, or not JSON.
func mustFailBody(body []byte) []byte {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil || m == nil {
		return body
	}
	m["junk_field"] = true
	out, _ := json.Marshal(m)
	return out
}

// request makes request i of the run.
func (g *junkGen) request(seed uint64, i int) junkRequest {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	route := g.routes[r.IntN(len(g.routes))]
	caller := g.members[r.IntN(len(g.members))]
	if r.IntN(4) == 0 {
		caller = g.strangers[r.IntN(len(g.strangers))]
	}
	// A third of wild's requests are mild: its own ids and bodies that mostly follow the
	// schema, so that many reach the handlers' own checks and some succeed.
	mild := caller.org == g.wild && r.IntN(3) == 0
	js := junkShape{g: g, r: r, odds: 8}
	if mild {
		js.odds, js.ids = 60, g.wild
	}
	method := route.method
	if !mild && r.IntN(20) == 0 {
		// Another method on the same path: another operation of the document, or none.
		method = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}[r.IntN(6)]
		other := junkRoute{path: route.path, params: route.params}
		for _, rt := range g.routes {
			if rt.path == route.path && rt.method == method {
				other = rt
			}
		}
		route = other
	}
	write := method != "GET" && method != "OPTIONS"
	req := junkRequest{method: method, header: http.Header{}}
	fromAcme := caller.org == g.acme

	// The path, with every parameter filled in.
	path, foreign := route.path, false
	for _, p := range route.params {
		if p.In != "path" {
			continue
		}
		v, f := g.pathValue(r, p.Name, caller, write)
		if own := g.wild.ids[p.Name]; mild && len(own) > 0 {
			v, f = own[r.IntN(len(own))], false
		}
		foreign = foreign || (f && p.Name != "device_id")
		path = strings.ReplaceAll(path, "{"+p.Name+"}", url.PathEscape(v))
	}
	if !mild && r.IntN(40) == 0 {
		path = "/v1/nowhere/" + url.PathEscape(g.junkString(r)) // no route at all
		route = junkRoute{path: path}
	}

	// Query parameters: the operation's, with junk values, and some of no operation.
	q := url.Values{}
	for _, p := range route.params {
		if p.In == "query" && r.IntN(2) == 0 {
			var v any = g.junkString(r)
			if (mild || r.IntN(2) == 0) && p.Schema != nil {
				v = js.value(p.Schema.Value, 5, p.Name)
			}
			if p.Name == "cursor" && r.IntN(2) == 0 {
				v = g.cursor(r) // one the server could have written, so it reaches the store
			}
			q.Add(p.Name, fmt.Sprint(v))
		}
	}
	if !mild && r.IntN(5) == 0 {
		q.Add(g.junkString(r), g.junkString(r))
	}
	req.url = path
	if len(q) > 0 {
		req.url += "?" + q.Encode()
	}
	if !mild && r.IntN(30) == 0 {
		req.url += "?" + junkQuery(g.junkString(r)) // a query string that is not one
	}

	if caller.token != "" {
		req.header.Set("Authorization", caller.token)
	}
	// Header values are junk too, but ones an HTTP client can send: no control characters.
	sendable := func(s string) string {
		return strings.Map(func(c rune) rune {
			if c < ' ' && c != '\t' || c == 0x7f {
				return -1
			}
			return c
		}, s)
	}
	if r.IntN(4) == 0 {
		keys := []string{"key-" + strconv.Itoa(r.IntN(5)), g.junkString(r), strings.Repeat("k", 201), "a b", "ключ"}
		req.header.Set("Idempotency-Key", sendable(keys[r.IntN(len(keys))]))
	}
	if r.IntN(10) == 0 {
		req.header.Set([]string{"X-Forwarded-For", "Accept", "Accept-Encoding", "If-None-Match", "Origin", "Range"}[r.IntN(6)], sendable(g.junkString(r)))
	}

	// A body: for the operations that take one, and now and then for those that do not.
	failing := fromAcme && write
	if route.body != nil || route.csv || r.IntN(8) == 0 {
		body, ct, what := g.junkBody(r, route, failing, js)
		if failing {
			body = mustFailBody(body)
		}
		req.body = body
		if ct != "" {
			req.header.Set("Content-Type", ct)
		}
		req.chunked = r.IntN(4) == 0
		req.description = what
	}

	known := route.method != ""
	switch {
	case method == "OPTIONS":
		// Echo answers it for any route without running a handler.
	case known && strings.HasPrefix(route.path, "/v1/") && !route.public && caller.org == nil:
		req.wantStatus = http.StatusUnauthorized // before anything else is looked at
	case !known:
		req.mustFail = true
	case fromAcme && write && !(route.path == "/v1/me/devices/{device_id}" && method == "DELETE"):
		req.mustFail = true // the junk body or another org's id
	case foreign:
		req.mustFail = true // another org's object
	}
	if len(req.body) > 64<<10 && !req.chunked {
		req.wantStatus = http.StatusRequestEntityTooLarge // whatever else is wrong
	}
	req.description = fmt.Sprintf("request %d as %s: %s %s, %s (%d bytes%s) %q", i, caller.name, req.method, clip([]byte(req.url), 200),
		req.description, len(req.body), map[bool]string{true: ", chunked"}[req.chunked], clip(req.body, 120))
	return req
}

func clip(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}

// send sends a request and checks its answer; it returns the status.
func (a *testAPI) sendJunk(t *testing.T, req junkRequest, seed uint64) int {
	var body io.Reader
	if req.body != nil {
		body = bytes.NewReader(req.body)
		if req.chunked {
			body = io.MultiReader(body) // hides the length, so the client streams it
		}
	}
	hr, err := http.NewRequest(req.method, a.url+req.url, body)
	if err != nil {
		return 0 // not a request a client can send
	}
	hr.Header = req.header
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		t.Errorf("%s\nno answer: %v (replay with MICROACT_JUNK_SEED=%d)", req.description, err, seed)
		return 0
	}
	defer res.Body.Close()
	got, _ := io.ReadAll(res.Body)
	fail := func(format string, args ...any) {
		t.Errorf("%s\n%s\nanswer %d %s: %s\n(replay with MICROACT_JUNK_SEED=%d)", req.description, fmt.Sprintf(format, args...), res.StatusCode,
			res.Header.Get("Content-Type"), clip(got, 300), seed)
	}
	switch {
	case res.StatusCode >= 500:
		fail("a 5xx")
	case req.wantStatus != 0 && res.StatusCode != req.wantStatus:
		fail("want %d", req.wantStatus)
	case req.mustFail && res.StatusCode < 400:
		fail("this request must fail")
	}
	if res.StatusCode >= 400 && strings.HasPrefix(hr.URL.Path, "/f/") && res.StatusCode != http.StatusMethodNotAllowed {
		// the customer's feedback page answers its errors as pages, in the customer's language
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") || !bytes.Contains(got, []byte("<h1>")) {
			fail("a feedback page error that is not a page")
		}
	} else if res.StatusCode >= 400 {
		var p struct {
			Type, Title, Code, Detail *string
			Status                    *int
		}
		if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
			fail("an error that is not application/problem+json")
		} else if err := json.Unmarshal(got, &p); err != nil || p.Type == nil || *p.Type == "" || p.Title == nil || *p.Title == "" ||
			p.Code == nil || *p.Code == "" || p.Detail == nil || *p.Detail == "" || p.Status == nil || *p.Status != res.StatusCode {
			fail("a problem document without type, title, status, detail or code")
		}
	}
	return res.StatusCode
}

func junkSeed(t *testing.T) uint64 {
	if s := os.Getenv("MICROACT_JUNK_SEED"); s != "" {
		seed, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("MICROACT_JUNK_SEED=%q: %v", s, err)
		}
		return seed
	}
	return uint64(time.Now().UnixNano())
}

// junkEnv reads a positive number from the environment, or def.
func junkEnv(t *testing.T, name string, def int) int {
	if s := os.Getenv(name); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a positive number", name, s)
		}
		return n
	}
	return def
}

func TestJunkRequests(t *testing.T) {
	t.Parallel()
	seed, n, workers := junkSeed(t), junkEnv(t, "MICROACT_JUNK_REQUESTS", 3000), junkEnv(t, "MICROACT_JUNK_WORKERS", 4)
	t.Logf("seed %d, %d requests from %d workers (replay with MICROACT_JUNK_SEED=%d; MICROACT_JUNK_WORKERS=1 sends them in order)", seed, n, workers, seed)
	a := newAPI(t)
	acme, wild := junkCast(a, "acme"), junkCast(a, "wild")

	// Tokens no server issued, or that say something false: all are 401.
	expired := a.claimsOf(*acme.admin)
	expired.ExpiresAt = jwt.NewNumericDate(testNow.Add(-time.Hour))
	noOrg := a.claimsOf(*wild.admin)
	noOrg.Org = "nosuch"
	tampered := []byte(acme.admin.AccessToken)
	tampered[len(tampered)/2] ^= 1
	stranger := []string{"", "Bearer", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer " + a.serverSigned(expired),
		"Bearer " + a.serverSigned(noOrg), "Bearer " + string(tampered), "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
		"Bearer " + acme.refreshToken, "Token " + acme.admin.AccessToken, "Bearer  " + strings.Repeat("A", 4000)}

	g := &junkGen{routes: junkRoutes(t), acme: acme, wild: wild}
	for _, o := range []*junkOrg{acme, wild} {
		for _, s := range []*Session{o.admin, o.lead, o.employee} {
			g.members = append(g.members, junkCaller{name: o.slug + " " + string(s.User.Role), org: o, token: "Bearer " + s.AccessToken})
		}
	}
	for _, tok := range stranger {
		g.strangers = append(g.strangers, junkCaller{name: fmt.Sprintf("a stranger (Authorization %q)", clip([]byte(tok), 40)), token: tok})
	}

	before := acme.snapshot(a)

	var (
		next     atomic.Int64
		mu       sync.Mutex
		statuses = map[int]int{}
		wg       sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n || t.Failed() {
					return
				}
				status := a.sendJunk(t, g.request(seed, i), seed)
				mu.Lock()
				statuses[status]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	t.Logf("answers by status: %v", statuses)

	t.Run("and acme's data, which only failing requests touched, is unchanged", func(t *testing.T) {
		after := acme.snapshot(a.in(t))
		for _, k := range slices.Sorted(func(yield func(string) bool) {
			for k := range before {
				if !yield(k) {
					return
				}
			}
		}) {
			if before[k] != after[k] {
				t.Errorf("%s changed:\n%s\n%s", k, before[k], after[k])
			}
		}
	})
	t.Run("and no object of wild refers to an object of acme", func(t *testing.T) {
		a := a.in(t)
		acmeIDs := map[string]bool{}
		for _, id := range flatIDs(acme) {
			acmeIDs[id] = true
		}
		for _, p := range []string{"/v1/admin/teams", "/v1/admin/users", "/v1/admin/values", "/v1/admin/gestures",
			"/v1/admin/challenges", "/v1/stories?scope=org", "/v1/barriers", "/v1/suggestions"} {
			p += map[bool]string{true: "&", false: "?"}[strings.Contains(p, "?")] + "limit=100"
			res := a.call("GET", p, wild.admin.AccessToken, nil)
			if res.Status != 200 {
				t.Logf("%s answers %d to wild's admin (junk may have taken their role): not checked", p, res.Status)
				continue
			}
			var doc any
			res.decode(&doc)
			for _, id := range idsIn(doc, "") {
				if acmeIDs[id] {
					t.Errorf("%s refers to acme's %s: %s", p, id, clip(res.Body, 400))
				}
			}
		}
	})
	t.Run("and every org's sessions still work", func(t *testing.T) {
		a := a.in(t)
		a.call("GET", "/v1/me", acme.employee.AccessToken, nil).expect(200)
		a.refresh(acme.refreshToken).expect(200)
	})
}

// idsIn collects the strings a JSON document holds under keys that name ids ("id", "team_id",
// "lead_ids"); names and texts, where junk may hold anything, are left out.
func idsIn(v any, key string) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			out = append(out, idsIn(x, k)...)
		}
	case []any:
		for _, x := range v {
			out = append(out, idsIn(x, key)...)
		}
	case string:
		if key == "id" || strings.HasSuffix(key, "_id") || strings.HasSuffix(key, "_ids") {
			out = append(out, v)
		}
	}
	return out
}
