package store

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/microact/microact/domain"
)

var jstrScript = testLuaScript("test_jstr", "lib_json")

func TestLuaJSONPeek(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	peek := func(text, key string) (string, bool) {
		t.Helper()
		res, err := jstrScript.Run(ctx, s.rdb, []string{s.prefix + "{peek}"}, text, key).StringSlice()
		if err != nil {
			t.Fatal(err)
		}
		if res[0] == "nil" {
			return "", false
		}
		return res[1], true
	}
	// Names as encoding/json writes them: whatever they hold, the peek reads what a decode reads.
	for _, name := range []string{
		"Eva Jansen", "", `Eva "the rock" Jansen`, `back\slash`, `ends in a backslash\`, `\\"`, `"`,
		"Zoë Ørsted 日本 🚀", "tab\tnew\nline", "<script>&amp;", `\u0041 literally`, `"name":"x"`,
	} {
		text, _ := json.Marshal(map[string]any{
			"id": "06H0K00JEGGX8HX6SKTK0FK5J8", "team_name": "not this one", "name": name,
			"preferences": map[string]any{"show_on_leaderboards": true},
		})
		got, ok := peek(string(text), "name")
		if !ok || got != name {
			t.Errorf("name %q in %s: peeked %q (found %v)", name, text, got, ok)
		}
	}
	for _, c := range []struct{ text, key, why string }{
		{`{"id":"x"}`, "name", "absent"},
		{`{"name":null}`, "name", "not a string"},
		{`{"name":42}`, "name", "not a string"},
		{`{"nickname":"Eva"}`, "name", "another key ending in it"},
		{`{"note":"say \"name\":\"Eva\""}`, "name", "only inside another string"},
		{`{"name":"unterminated`, "name", "cut short"},
	} {
		if got, ok := peek(c.text, c.key); ok {
			t.Errorf("%s (%s): peeked %q, want nothing (the caller decodes)", c.text, c.why, got)
		}
	}
}

// The day's assignment is read for an active user only: the script checks the stored flag
// without decoding the user.
func TestTodayOfADeactivatedUserIsNotFound(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("inactive")
	eva, _ := s.user(org, "Eva", "eva@inactive.example", "employee", "")
	v, err := s.SaveValue(ctx, domain.Value{ID: domain.NewID(testNow), Org: org.ID, Name: "Attentive", Active: true, CreatedAt: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveGesture(ctx, domain.Gesture{ID: domain.NewID(testNow), Org: org.ID, Title: "Greet", ValueID: v.ID, Points: 10,
		Active: true, Roles: []domain.Role{}, TeamIDs: []string{}, CreatedAt: testNow}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Today(ctx, org.ID, eva.ID, "2026-11-23", s.clock.Now()); err != nil {
		t.Fatalf("today of an active user: %v", err)
	}
	deactivated := eva
	if err := deactivated.Apply(domain.UserPatch{Active: new(bool)}, s.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateUser(ctx, eva, deactivated); err != nil {
		t.Fatal(err)
	}
	for _, day := range []string{"2026-11-23", "2026-11-24"} { // the day read before, then a new one
		if _, err := s.Today(ctx, org.ID, eva.ID, day, s.clock.Now()); domain.ErrorKind(err) != domain.KindNotFound {
			t.Errorf("today of a deactivated user on %s: %v, want not found", day, err)
		}
	}
}
