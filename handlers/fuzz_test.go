package handlers

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/golang-jwt/jwt/v5"
	"github.com/microact/microact/domain"
)

// Fuzz targets for what the API decodes before a handler acts: cursors, CSV imports, JSON
// bodies and query strings against the document, Idempotency-Keys and access tokens. They need
// no Redis; the junk test (junk_test.go) sends junk through the whole stack.

// wantClientError fails unless err is a domain error a client caused: 400 or 422 with one of
// the codes the document lists for them, never an internal error.
func wantClientError(t *testing.T, err error) *domain.Error {
	t.Helper()
	de := domain.AsError(err)
	switch {
	case de.Kind == domain.KindMalformed && (de.Code == "malformed" || de.Code == "unknown_field"):
	case de.Kind == domain.KindInvalid && de.Code == "invalid":
	default:
		t.Fatalf("want a 400 or 422 problem, got %#v", de)
	}
	if de.Message == "" {
		t.Fatalf("the problem says nothing: %#v", de)
	}
	return de
}

func FuzzCursor(f *testing.F) {
	f.Add("")
	f.Add(*nextCursor(domain.NewID(time.Now())))
	f.Add(*nextCursor("2026-11-23"))
	f.Add("!!!")
	f.Add("AB")
	f.Add("AC")
	f.Add("QUJD")
	f.Add("QUJD=")
	f.Add("QUJD\n")
	f.Add(strings.Repeat("A", 86))
	f.Add(strings.Repeat("A", 88))
	f.Add("_-_-")
	f.Add("+/+/")
	f.Add("\x00\xff")
	f.Fuzz(func(t *testing.T, cursor string) {
		cursorRoundTrip(t, cursor)
		page, err := pageOf(nil, &cursor)
		if page.Limit != 20 {
			t.Fatalf("the default page size is %d", page.Limit)
		}
		if err != nil {
			if de := wantClientError(t, err); de.Kind != domain.KindMalformed || len(de.Fields) != 1 || de.Fields[0].Field != "cursor" {
				t.Fatalf("a refused cursor %q: %#v", cursor, de)
			}
			return
		}
		if cursor == "" {
			if page.Cursor != "" {
				t.Fatalf("no cursor read as %q", page.Cursor)
			}
			return
		}
		if page.Cursor == "" || len(page.Cursor) > 64 {
			t.Fatalf("cursor %q read as %q", cursor, page.Cursor)
		}
		// Only cursors the server gives out are accepted, so every accepted cursor is exactly
		// the one the server would give out for the same position.
		if back := nextCursor(page.Cursor); back == nil || *back != cursor {
			t.Fatalf("cursor %q reads as %q, which the server writes as %v", cursor, page.Cursor, back)
		}
	})
}

// cursorRoundTrip checks that the cursor the server writes for a store's next-page marker
// reads back as that marker.
func cursorRoundTrip(t *testing.T, last string) {
	t.Helper()
	next := nextCursor(last)
	if last == "" {
		if next != nil {
			t.Fatalf("the last page has the cursor %q", *next)
		}
		return
	}
	if len(last) > 64 {
		return // store markers are ids and days, far shorter; pageOf refuses these
	}
	if len(*next) > 200 {
		t.Fatalf("the cursor of %q is %d characters, more than ?cursor= allows", last, len(*next))
	}
	if page, err := pageOf(nil, next); err != nil || page.Cursor != last {
		t.Fatalf("the cursor of %q reads back as %q, %v", last, page.Cursor, err)
	}
}

// importLines reads a whole import as the handler does, failing on what no input may cause.
func importLines(t *testing.T, body []byte) ([]importRow, error) {
	t.Helper()
	rows, err := newImportReader(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	var out []importRow
	for {
		row, err := rows.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			t.Fatalf("reading an in-memory body failed: %v", err)
		}
		// Every read moves on: there cannot be more rows than lines.
		if len(out) > bytes.Count(body, []byte("\n"))+bytes.Count(body, []byte("\r"))+1 {
			t.Fatalf("%d rows from %d bytes: the reader does not move on", len(out), len(body))
		}
		out = append(out, row)
	}
}

func FuzzImportCSV(f *testing.F) {
	for _, seed := range []string{
		"name,email,role,team\nAnn Smit,ann@acme.example,employee,Store Utrecht\n",
		"\ufeffName, Email ,ROLE,team\r\nAnn,ann@acme.example, Lead ,\r\n",
		"name,email,role,team\n\"Lot, van Dam\",lot@acme.example,employee,\"Store \"\"U\"\"\"\n",
		"name,email,role,team\nFay,fay@acme.example,employee\nGus,gus@acme.example,employee,,extra\n",
		"name,email,role,team\nbad \"quote,x,y,z\nAnn,ann@acme.example,employee,\n",
		"name,email,role,team\n\"unterminated,x,y,z\n",
		"name,email,role\n", "", "\n\n", "name;email;role;team\n", "name,email,role,team",
		"name,email,role,team\n\n\nAnn,a@b.c,employee,\n",
		"name,email,role,team\n\"multi\nline\",a@b.c,employee,\nBen,b@b.c,lead,\n",
		"\xef\xbb\xbf\"name\",email,role,team\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		rows, err := importLines(t, body)
		if err != nil {
			de := wantClientError(t, err)
			if de.Kind != domain.KindMalformed || len(de.Fields) != 1 || de.Fields[0].Field != "line 1" {
				t.Fatalf("a refused import: %#v", de)
			}
			return
		}
		last := 1 // the header
		for _, row := range rows {
			// Lines are reported in order after the header, so an admin can find each one.
			if row.Line <= last {
				t.Fatalf("line %d reported after line %d: %+v", row.Line, last, rows)
			}
			last = row.Line
			if row.Problem != "" {
				if row.Name != "" || row.Email != "" || row.Role != "" || row.Team != "" {
					t.Fatalf("a refused line still carries fields: %+v", row)
				}
				continue
			}
			if row.Role != strings.ToLower(strings.TrimSpace(row.Role)) || row.Team != strings.TrimSpace(row.Team) {
				t.Fatalf("role and team are not normalized: %+v", row)
			}
		}
	})
}

func FuzzImportCSVRoundTrip(f *testing.F) {
	f.Add("Ann Smit", "ann@acme.example", "employee", "Store Utrecht")
	f.Add("Lot, van Dam", "lot@acme.example", " LEAD ", `Store "U"`)
	f.Add("multi\nline", "", "", "")
	f.Add(" leading", "trailing ", "\tadmin", "\ufeff")
	f.Add(`"`, "#", ",", "\r")
	f.Add("0", "0", "0", "0000000\r\n0")
	f.Add("", "", "", "")
	f.Add("\u0085", "\r\r\n", "\n", " \t")
	f.Fuzz(func(t *testing.T, name, email, role, team string) {
		// What a spreadsheet writes for four cells is read back as those cells: the lines an
		// admin exports from a spreadsheet import as they look there.
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		_ = w.Write(importHeader)
		_ = w.Write([]string{name, email, role, team})
		w.Flush()
		rows, err := importLines(t, b.Bytes())
		if err != nil {
			t.Fatalf("the header written by encoding/csv is refused: %v", err)
		}
		// encoding/csv reads a line break written as \r\n inside a cell as \n; nothing else of
		// a cell changes, but the role and team are trimmed.
		cell := func(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }
		want := importRow{Line: 2, Name: cell(name), Email: cell(email), Role: strings.ToLower(strings.TrimSpace(cell(role))),
			Team: strings.TrimSpace(cell(team))}
		if len(rows) != 1 || !reflect.DeepEqual(rows[0], want) {
			t.Fatalf("wrote %q, read %+v", []string{name, email, role, team}, rows)
		}
	})
}

// fuzzRoutes are the routes with a JSON body, each with the type its handler decodes it into.
var fuzzRoutes = []struct {
	method, path string
	into         func() any
}{
	{"POST", "/v1/auth/enroll", func() any { return new(EnrollRequest) }},
	{"POST", "/v1/auth/refresh", func() any { return new(RefreshRequest) }},
	{"PATCH", "/v1/me", func() any { return new(MePatch) }},
	{"POST", "/v1/me/assignments/20261123-01JD3QA1B2C3D4E5F6G7H8J9K0/outcome", func() any { return new(Outcome) }},
	{"PUT", "/v1/me/devices/pixel-8", func() any { return new(DeviceRegistration) }},
	{"POST", "/v1/me/notifications/read", func() any { return new(MarkRead) }},
	{"POST", "/v1/barriers", func() any { return new(BarrierReport) }},
	{"PATCH", "/v1/barriers/01JFZ9B2D4F6H8K0M2P4R6T8V0", func() any { return new(BarrierUpdate) }},
	{"POST", "/v1/suggestions", func() any { return new(SuggestionCreate) }},
	{"POST", "/v1/suggestions/01JG0C3E5G7J9K1N3Q5S7V9W1Y/approve", func() any { return new(SuggestionReview) }},
	{"PATCH", "/v1/admin/org", func() any { return new(OrgSettingsPatch) }},
	{"POST", "/v1/admin/teams", func() any { return new(TeamCreate) }},
	{"PATCH", "/v1/admin/teams/01JD3Q8Z5T7M2N4P6R8S0V2X4Z", func() any { return new(TeamPatch) }},
	{"POST", "/v1/admin/users", func() any { return new(UserCreate) }},
	{"PATCH", "/v1/admin/users/01JD3QA1B2C3D4E5F6G7H8J9K0", func() any { return new(UserPatch) }},
	{"POST", "/v1/admin/values", func() any { return new(ValueCreate) }},
	{"PATCH", "/v1/admin/values/01JD4F0A2C4E6G8J0K2M4P6R8T", func() any { return new(ValuePatch) }},
	{"POST", "/v1/admin/gestures", func() any { return new(GestureCreate) }},
	{"PATCH", "/v1/admin/gestures/01JD4F0A2C4E6G8J0K2M4P6R8T", func() any { return new(GesturePatch) }},
	{"POST", "/v1/admin/challenges", func() any { return new(ChallengeCreate) }},
	{"PATCH", "/v1/admin/challenges/01JD4F0A2C4E6G8J0K2M4P6R8T", func() any { return new(ChallengePatch) }},
}

func fuzzValidator(f *testing.F) *requestValidator {
	f.Helper()
	v, err := documentValidator()
	if err != nil {
		f.Fatal(err)
	}
	return v
}

func FuzzRequestBody(f *testing.F) {
	v := fuzzValidator(f)
	for i, seed := range []string{
		`{"code":"ABCD-EFGH-JKMN","device":{"id":"d1","name":"Pixel 8","platform":"android"}}`,
		`{"refresh_token":"acme.AAAA"}`,
		`{"name":"Eva","preferences":{"reminder_time":"08:30","quiet_hours":{"start":"21:00","end":"07:30"},"workdays":[1,2],"paused_until":null}}`,
		`{"result":"done","reaction":"delighted","story":"She smiled.","share":true,"occurred_at":"2026-11-23T08:30:00Z"}`,
		`{"token":"fcm-token","platform":"ios"}`,
		`{"up_to":"01JFZ8P4R6T8V0X2Z4B6D8F0H2"}`,
		`{"category":"time","text":"No time."}`,
		`{"status":"resolved","note":"Fixed."}`,
		`{"title":"Smile","how_to":"Smile at them.","value_id":"01JD4F0A2C4E6G8J0K2M4P6R8T"}`,
		`{"note":"Nice."}`,
		`{"week_starts_on":1,"points":{"done":10},"barrier_categories":["time"],"timezone":"Europe/Amsterdam"}`,
		`{"name":"Store Utrecht","lead_ids":[]}`,
		`{"name":"Store Zeist","lead_ids":null}`,
		`{"name":"Eva","email":"eva@acme.example","role":"employee","team_id":null}`,
		`{"active":false,"team_id":null}`,
		`{"name":"Attentive","description":"We notice."}`,
		`{"description":""}`,
		`{"title":"Greet","how_to":"Say hi.","value_id":"A1","points":10,"roles":["lead"],"translations":{"nl":{"title":"Groet","how_to":"Zeg hoi."}}}`,
		`{"active":true,"points":1e2}`,
		`{"name":"Winter","starts_on":"2026-12-01","ends_on":"2026-12-31","gesture_ids":["B2F"],"bonus_points":5}`,
		`{"ends_on":"2026-02-30"}`,
	} {
		f.Add(uint8(i), []byte(seed))
	}
	f.Add(uint8(2), []byte(`{"name":1}`))
	f.Add(uint8(2), []byte(`{"name":"Eva","nickname":"E"}`))
	f.Add(uint8(2), []byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`))
	f.Add(uint8(2), []byte(`{"name":"\ud800"}`))
	f.Add(uint8(2), []byte("{\"name\":\"Eva \xff\"}"))
	f.Add(uint8(2), []byte(`{"name":"Eva \ud83d\ude00"}`))
	f.Add(uint8(3), []byte(`{"result":"done","occurred_at":"2026-11-23T08:30:00+14:00"}`))
	f.Add(uint8(10), []byte(`{"week_starts_on":1.0}`))
	f.Add(uint8(2), []byte(`{"name":1,"name":"Eva"}`))
	f.Add(uint8(2), []byte(`{"name":"Eva"} {}`))
	f.Add(uint8(2), []byte(`{"name":"Eva","Name":"Evi"}`))
	f.Add(uint8(2), []byte(`{"NAME":"Eva"}`))
	f.Add(uint8(3), []byte(`{"result":"done","occurred_at":"not a time"}`))
	f.Add(uint8(19), []byte(`{"starts_on":"2026-12-01","bonus_points":1e400}`))
	f.Add(uint8(2), []byte("\xef\xbb\xbf{}"))
	f.Fuzz(func(t *testing.T, route uint8, body []byte) {
		r := fuzzRoutes[int(route)%len(fuzzRoutes)]
		strictDecodeRoundTrip(t, body, r.into)
		req := httptest.NewRequest(r.method, r.path, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if err := v.validate(req); err != nil {
			wantClientError(t, err)
			return
		}
		// A body the document accepts is one the handler can read: the document and the
		// generated types agree, so a request never passes one only to fail the other. The
		// handler is stricter in four known ways: the validator reads only the first JSON value
		// of a body and only the last of a repeated key ({"name":1,"name":"Eva"}), it does not
		// check that a day of the right shape exists (2026-02-30: 422), and the handler reads an
		// integer written with an exponent only up to ±40 (1e2 is 100, 0e99 is refused).
		if len(body) == 0 && strings.HasSuffix(r.path, "/approve") {
			return // the review's body is optional; the handler reads none when there is none
		}
		err := decodeJSON(body, r.into())
		if err == nil {
			return
		}
		de := wantClientError(t, err)
		float, duplicate := jsonOddities(body)
		switch {
		case de.Kind == domain.KindMalformed && de.Message == "The body must hold one JSON value.":
		case de.Kind == domain.KindInvalid && strings.HasPrefix(de.Message, "The date or time "):
		case de.Kind == domain.KindMalformed && (float || duplicate):
		default:
			t.Fatalf("%s %s: the document accepts %q but the handler refuses it: %v", r.method, r.path, body, err)
		}
	})
}

// strictDecodeRoundTrip checks the handlers' strict decoder on its own: it refuses a body with
// a 400 (a date that is not one: 422) or reads a value that encodes and decodes to itself.
func strictDecodeRoundTrip(t *testing.T, body []byte, into func() any) {
	t.Helper()
	v := into()
	if err := decodeJSON(body, v); err != nil {
		wantClientError(t, err)
		return
	}
	again, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%T read from %q does not encode: %v", v, body, err)
	}
	w := into()
	if err := decodeJSON(again, w); err != nil || !reflect.DeepEqual(v, w) {
		t.Fatalf("%T read from %q encodes as %s, which reads as %+v, %v", v, body, again, w, err)
	}
}

// jsonOddities reports whether a JSON document holds a number written with an exponent beyond
// ±40 (1e41, 0e-99), and whether an object in it repeats a key.
func jsonOddities(body []byte) (float, duplicate bool) {
	type frame struct {
		object, wantKey bool
		keys            map[string]bool
	}
	var stack []*frame
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].object {
			stack[n-1].wantKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return float, duplicate
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				stack = append(stack, &frame{object: true, wantKey: true, keys: map[string]bool{}})
				continue
			case '[':
				stack = append(stack, &frame{})
				continue
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case string:
			if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].wantKey {
				duplicate = duplicate || stack[n-1].keys[v]
				stack[n-1].keys[v], stack[n-1].wantKey = true, false
				continue
			}
		case json.Number:
			if i := strings.IndexAny(string(v), "eE"); i >= 0 {
				exp, err := strconv.Atoi(strings.TrimPrefix(string(v)[i+1:], "+"))
				float = float || err != nil || exp > 40 || exp < -40
			}
		}
		valueDone()
	}
}

func FuzzRequestQuery(f *testing.F) {
	v := fuzzValidator(f)
	paths := []string{
		"/v1/admin/users", "/v1/admin/gestures", "/v1/stories", "/v1/barriers", "/v1/suggestions",
		"/v1/leaderboards/teams", "/v1/leaderboards/teams/01JD3Q8Z5T7M2N4P6R8S0V2X4Z", "/v1/teams/01JD3Q8Z5T7M2N4P6R8S0V2X4Z/dashboard",
		"/v1/admin/export/outcomes", "/v1/me/history", "/v1/me/notifications",
	}
	for i, seed := range []string{
		"limit=100&cursor=QUJD&team_id=t", "active=true&limit=1", "scope=team&limit=20", "status=open&team_id=x",
		"status=pending", "period=month&limit=10", "period=all&around=me", "period=week",
		"from=2026-11-01&to=2026-11-30&format=jsonl", "limit=0", "limit=abc&cursor=%ff",
	} {
		f.Add(uint8(i), seed)
	}
	f.Add(uint8(8), "from=2026-02-30&to=2026-13-01")
	f.Add(uint8(0), "limit=1&limit=2")
	f.Add(uint8(0), "limit=%00")
	f.Add(uint8(5), "period=WEEK&around=you")
	f.Fuzz(func(t *testing.T, path uint8, query string) {
		req := httptest.NewRequest("GET", "/", nil)
		req.URL.Path, req.URL.RawQuery = paths[int(path)%len(paths)], query
		if err := v.validate(req); err != nil {
			wantClientError(t, err)
		}
	})
}

func FuzzIdempotencyKey(f *testing.F) {
	doc, err := openapi3.NewLoader().LoadFromData(openAPIDocument)
	if err != nil {
		f.Fatal(err)
	}
	schema := doc.Components.Parameters["IdempotencyKey"].Value.Schema.Value
	for _, seed := range []string{
		"3f1c9a52-0d7e-4b8e-9b1a-6c2f0e4d8a17", "a", "a b", "tab\tkey", "ключ", "~!@#$%^&*()", "\x7f",
		strings.Repeat("k", 200), strings.Repeat("k", 201), "key\n", `"quoted"`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, key string) {
		if key == "" {
			return // an empty header is no key: the request is not idempotent
		}
		err := checkIdempotencyKey(key)
		// The middleware and the document say the same about every key.
		docErr := schema.VisitJSON(key)
		if (err == nil) != (docErr == nil) {
			t.Fatalf("Idempotency-Key %q: the middleware says %v, the document %v", key, err, docErr)
		}
		if err != nil {
			if de := wantClientError(t, err); len(de.Fields) != 1 || de.Fields[0].Field != "Idempotency-Key" {
				t.Fatalf("a refused key: %#v", de)
			}
		}
	})
}

// fuzzTokens are access tokens signed with a key of their own, at a fixed time.
func fuzzTokens(f *testing.F) *Tokens {
	f.Helper()
	return NewTokens(newKeys(f), domain.NewFixedClock(testNow))
}

func FuzzVerifyToken(f *testing.F) {
	tokens := fuzzTokens(f)
	valid, err := tokens.Issue(domain.User{ID: "u1", Org: "acme", Role: domain.RoleEmployee, TeamID: "t1"}, "Europe/Amsterdam", "s1")
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		valid, valid[:len(valid)-2], strings.Replace(valid, ".", "..", 1), "", "a.b.c", "eyJhbGciOiJub25lIn0.e30.",
		strings.SplitN(valid, ".", 2)[0] + ".e30." + strings.SplitN(valid, ".", 3)[2],
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, token string) {
		p, issued, err := tokens.Verify(token)
		if err != nil {
			if de := domain.AsError(err); de.Kind != domain.KindUnauthorized {
				t.Fatalf("a refused token is %#v, not 401", de)
			}
			if p != (domain.Principal{}) || !issued.IsZero() {
				t.Fatalf("a refused token still answered %+v, %s", p, issued)
			}
			return
		}
		// Only the token signed above verifies: a forged signature is what the fuzzer would
		// need, and Ed25519 does not give one.
		if token != valid {
			t.Fatalf("Verify accepted %q", token)
		}
	})
}

func FuzzTokenClaims(f *testing.F) {
	tokens := fuzzTokens(f)
	f.Add("u1", "acme", "employee", "Europe/Amsterdam", "t1", "s1")
	f.Add("", "acme", "lead", "UTC", "", "")
	f.Add("u1", "Acme", "admin", "Local", "t1", "s1")
	f.Add("u1", "acme", "superuser", "Mars/Olympus_Mons", "t1", "s1")
	f.Add("u1\x00", "a-c", "Admin", "", "\ufffd", "s1")
	f.Fuzz(func(t *testing.T, sub, org, role, tz, team, sid string) {
		// Claims signed with the server's own key, as a token of another version of microact
		// (or a bug) could carry: the caller comes out of them unchanged, or the token is void.
		c := claims{Org: org, Role: role, TZ: tz, Team: team, SID: sid, RegisteredClaims: jwt.RegisteredClaims{
			Subject: sub, IssuedAt: jwt.NewNumericDate(testNow), ExpiresAt: jwt.NewNumericDate(testNow.Add(time.Minute)),
			ID: domain.NewID(testNow),
		}}
		tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, c)
		tok.Header["kid"] = tokens.keys.signKID
		signed, err := tok.SignedString(tokens.keys.signer)
		if err != nil {
			t.Fatal(err)
		}
		p, _, err := tokens.Verify(signed)
		_, roleErr := domain.ParseRole("role", role)
		_, tzErr := domain.LoadTimezone("tz", tz)
		wantOK := roleErr == nil && tzErr == nil && sub != "" && domain.ValidateSlug(org) == nil
		if err != nil {
			if wantOK || domain.AsError(err).Kind != domain.KindUnauthorized {
				t.Fatalf("claims %+v: %v", c, err)
			}
			return
		}
		if !wantOK {
			t.Fatalf("claims %+v verified as %+v", c, p)
		}
		// JSON carries only valid UTF-8: each invalid byte in a claim arrives as U+FFFD.
		clean := func(s string) string {
			b, _ := json.Marshal(s)
			var out string
			_ = json.Unmarshal(b, &out)
			return out
		}
		want := domain.Principal{UserID: clean(sub), Org: org, Role: domain.Role(role), Timezone: tz, TeamID: clean(team), SessionID: clean(sid)}
		if p != want {
			t.Fatalf("claims %+v verified as %+v, want %+v", c, p, want)
		}
	})
}

func TestIntegralNumbers(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	for _, n := range []string{"1.0", "1e0", "10E-1"} {
		t.Run("week_starts_on written as "+n+" is the integer 1", func(t *testing.T) {
			a := a.in(t)
			var o OrgSettings
			a.call("PATCH", "/v1/admin/org", admin.AccessToken, `{"week_starts_on":`+n+`}`).expect(200).decode(&o)
			if o.WeekStartsOn != 1 {
				t.Fatalf("week_starts_on = %d", o.WeekStartsOn)
			}
		})
	}
}

func TestIntegralReadsExactIntegersOnly(t *testing.T) {
	for num, want := range map[string]string{
		"1.0": "1", "1e0": "1", "10E-1": "1", "1e2": "100", "-0.0": "0", "2.50e1": "25", "1E+3": "1000",
		"1.5": "", "1.0000000000000000001": "", "1e41": "", "1e-41": "", "0e99": "", "12": "", "1e999999999999": "",
	} {
		got, ok := integral(num)
		if ok != (want != "") || got != want {
			t.Errorf("integral(%s) = %q, %v; want %q", num, got, ok, want)
		}
	}
}
