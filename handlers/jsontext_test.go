package handlers

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// A JSON body that is not UTF-8 text, or escapes half a surrogate pair, is refused with 400
// malformed on every JSON route; before, encoding/json read it with U+FFFD and stored that.
func TestBodiesMustBeUTF8(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("utf")
	eva := a.member(admin, "Eva Jansen", "employee", "")

	notText := map[string]string{
		"a byte that is not UTF-8":     "Eva \xff",
		"a cut-off UTF-8 sequence":     "Eva \xe2\x82",
		"an overlong encoding":         "Eva \xc0\xaf",
		"an encoded surrogate":         "Eva \xed\xa0\x80",
		"an escaped lone high half":    `Eva \ud800`,
		"an escaped lone low half":     `Eva \udc00`,
		"a high half before a letter":  `Eva \uD800\u0041`,
		"two high halves":              `Eva \ud83d\ud83d`,
		"a high half at the very end":  `\ud83d`,
		"a low half before a high one": `\ude00\ud83d`,
	}

	t.Run("PATCH /v1/me refuses each, and the name stays", func(t *testing.T) {
		a := a.in(t)
		for what, name := range notText {
			p := a.call("PATCH", "/v1/me", eva.AccessToken, `{"name":"`+name+`"}`).wantProblem(400, "malformed")
			if !strings.Contains(p.Detail, "UTF-8") {
				t.Errorf("%s: detail %q", what, p.Detail)
			}
		}
		if me := a.loopMe(&eva); me.Name != "Eva Jansen" {
			t.Fatalf("the name is now %q", me.Name)
		}
	})

	t.Run("text that only looks odd is kept as sent", func(t *testing.T) {
		a := a.in(t)
		for body, want := range map[string]string{
			`{"name":"Eva \ud83d\ude00"}`: "Eva \U0001F600", // a whole pair
			`{"name":"Eva \ufffd"}`:       "Eva \ufffd",     // the replacement character itself, sent
			"{\"name\":\"Eva \ufffd\"}":   "Eva \ufffd",
			`{"name":"Eva \\ud800"}`:      `Eva \ud800`, // a backslash, then text
			`{"name":"Eva \u00e9"}`:       "Eva é",
		} {
			var me Me
			a.call("PATCH", "/v1/me", eva.AccessToken, body).expect(200).decode(&me)
			if me.Name != want {
				t.Errorf("%s: name %q, want %q", body, me.Name, want)
			}
		}
	})

	t.Run("every JSON route of the document refuses them", func(t *testing.T) {
		a := a.in(t)
		n := 0
		for _, r := range junkRoutes(t) {
			if r.body == nil {
				continue
			}
			field := "name"
			if props := r.body.Properties; len(props) > 0 {
				names := slices.Sorted(func(yield func(string) bool) {
					for k := range props {
						if !yield(k) {
							return
						}
					}
				})
				field = names[0]
				for _, k := range names {
					if s := props[k].Value; s != nil && s.Type.Is("string") {
						field = k
						break
					}
				}
			}
			token := admin.AccessToken
			if r.public {
				token = ""
			}
			for _, bad := range []string{"x \xff", `x \ud800`} {
				n++
				var headers []string
				if strings.HasPrefix(r.path, "/console/") {
					headers = []string{"X-Microact-Console", "1"}
				}
				res := a.call(r.method, concretePath(r.path), token, `{"`+field+`":"`+bad+`"}`, headers...)
				if res.Status != 400 || res.problem().Code != "malformed" || !strings.Contains(res.problem().Detail, "UTF-8") {
					t.Errorf("%s %s with %q: %d %s", r.method, r.path, bad, res.Status, res.Body)
				}
			}
		}
		if n < 40 {
			t.Fatalf("only %d requests", n)
		}
	})
}

func TestCheckJSONText(t *testing.T) {
	for _, c := range []struct {
		body string
		ok   bool
	}{
		{`{}`, true},
		{`{"a":"\ud83d\ude00"}`, true},
		{`{"a":"\uD83D\uDE00"}`, true},
		{`{"a":"\\ud800"}`, true},
		{`{"a":"\\\ud800"}`, false},
		{`{"a":"\\\\ud800"}`, true},
		{`{"a":"\u12"}`, true}, // not an escape; the JSON decoder refuses it
		{`{"a":"\ud800\u12"}`, false},
		{`{"a":"\ud800\\udc00"}`, false},
		{`{"a":"\ud800"}`, false},
		{`{"a":"\udfff"}`, false},
		{`{"a":"\ud7ff\ue000"}`, true},
		{`\`, true},
		{`\u`, true},
		{`\ud800`, false},
		{"\"\xff\"", false},
		{"\"\ufffd\"", true},
	} {
		if err := checkJSONText([]byte(c.body)); (err == nil) != c.ok {
			t.Errorf("checkJSONText(%q) = %v, want ok %v", c.body, err, c.ok)
		}
	}
}

// FuzzJSONText: checkJSONText refuses exactly the JSON texts encoding/json would read with a
// U+FFFD that was not sent. A body it passes decodes without a U+FFFD unless one was sent
// (literally or as \ufffd); a valid JSON text it refuses decodes with one.
func FuzzJSONText(f *testing.F) {
	for _, seed := range []string{
		`{"name":"Eva"}`, "{\"name\":\"Eva \xff\"}", `{"name":"\ud800"}`, `{"name":"\udc00"}`,
		`{"name":"\ud83d\ude00"}`, `{"name":"\\ud800"}`, `{"name":"\ufffd"}`, "\"\ufffd\"",
		`{"a":["\ud800\u0041"]}`, `{"\ud800":1}`, `"\uD83D\uDE00"`, `"\ud800\\udc00"`, "\"\xed\xa0\x80\"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		err := checkJSONText(body)
		if err != nil && err != errNotUnicode {
			t.Fatalf("checkJSONText(%q) = %v", body, err)
		}
		var v any
		if json.Unmarshal(body, &v) != nil {
			return
		}
		replaced := jsonHasReplacement(v)
		sent := strings.Contains(string(body), "\ufffd") || strings.Contains(strings.ToLower(string(body)), "ufffd")
		switch {
		case err == nil && replaced && !sent:
			t.Fatalf("%q passes, but reads as %q", body, v)
		case err != nil && !replaced:
			t.Fatalf("%q is refused, but reads as %q without a replacement", body, v)
		}
	})
}

// jsonHasReplacement reports whether a decoded JSON value holds U+FFFD in a key or a string.
func jsonHasReplacement(v any) bool {
	switch v := v.(type) {
	case string:
		return strings.ContainsRune(v, '\ufffd')
	case []any:
		return slices.ContainsFunc(v, jsonHasReplacement)
	case map[string]any:
		for k, e := range v {
			if strings.ContainsRune(k, '\ufffd') || jsonHasReplacement(e) {
				return true
			}
		}
	}
	return false
}
