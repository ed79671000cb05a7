package store

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/microact/microact/domain"
)

func TestKeysOfAnOrgShareItsHashTag(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, admin := s.org("acme")
	team := s.team(org, "Store Utrecht")
	eva, code := s.user(org, "Eva", "eva@acme.example", "employee", team.ID)
	s.user(org, "Tom", "tom@acme.example", "lead", "")

	// A session: enroll, then rotate once, so current and used tokens exist (the family is in the user hash).
	hash := domain.HashSecret(code)
	refresh := domain.NewRefreshToken(org.ID)
	if _, err := s.Enroll(ctx, org.ID, eva.ID, hash, domain.NewSession{FamilyID: domain.NewID(s.clock.Now()), RefreshHash: domain.HashSecret(refresh), Now: s.clock.Now()}); err != nil {
		t.Fatal(err)
	}
	_, oldHash, _ := domain.ParseRefreshToken(refresh)
	if _, _, err := s.Refresh(ctx, org.ID, oldHash, domain.NewSession{RefreshHash: domain.HashSecret(domain.NewRefreshToken(org.ID)), Now: s.clock.Now()}); err != nil {
		t.Fatal(err)
	}
	// A revocation and an idempotent answer.
	eva.Rev, eva.Enrolled = 1, true
	deactivated := eva
	if err := deactivated.Apply(domain.UserPatch{Active: new(bool)}, s.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateUser(ctx, eva, deactivated); err != nil {
		t.Fatal(err)
	}
	if _, err := s.BeginIdempotent(ctx, &domain.IdempotentRequest{Org: org.ID, UserID: admin.ID, Key: "key-1", Fingerprint: "fp"}); err != nil {
		t.Fatal(err)
	}
	// Another org, whose keys must carry its own tag.
	other, _ := s.org("globex")
	s.team(other, "Head office")

	// Keys outside any org's slot, on purpose: the global code index, the operators' org list
	// and the counter of catalogue ids.
	global := func(k string) bool {
		return strings.HasPrefix(k, s.keys.enrollment("")) || k == s.keys.orgs() || k == s.keys.seq()
	}
	keys := s.keysUnder(s.prefix + ":*")
	if len(keys) < 15 {
		t.Fatalf("only %d keys found: %v", len(keys), keys)
	}
	counts := map[string]int{}
	for _, k := range keys {
		switch {
		case global(k):
		case strings.HasPrefix(k, s.keys.org(org.ID)):
			counts["acme"]++
		case strings.HasPrefix(k, s.keys.org(other.ID)):
			counts["globex"]++
		default:
			t.Errorf("key %q carries no org hash tag", k)
		}
		if strings.Count(k, "{") > 1 {
			t.Errorf("key %q has more than one brace: the first {…} decides its slot", k)
		}
	}
	for _, want := range []string{s.keys.orgSettings(org.ID), s.keys.users(org.ID), s.keys.emails(org.ID),
		s.keys.admins(org.ID), s.keys.teams(org.ID), s.keys.teamNames(org.ID), s.keys.revoked(org.ID),
		s.keys.user(org.ID, eva.ID), s.keys.team(org.ID, team.ID), s.keys.teamMembers(org.ID, team.ID)} {
		if !s.exists(want) {
			t.Errorf("expected key %q is missing", want)
		}
	}
	for _, want := range []string{s.keys.refresh(org.ID, "*"), s.keys.idempotency(org.ID, admin.ID, "*")} {
		if len(s.keysUnder(want)) == 0 {
			t.Errorf("no key %s under the org's tag", want)
		}
	}
	if counts["acme"] == 0 || counts["globex"] == 0 {
		t.Fatalf("keys per org: %v", counts)
	}
}

var keyofScript = testLuaScript("test_keyof", "lib_keys")

// A key a script fills in from a pattern (keyof) is the key keys.go builds for the same ids.
func TestKeyPatternsFillToTheirKeys(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	for _, c := range []struct {
		name    string
		pattern string
		ids     []string
		want    string
	}{
		{"user", s.keys.user("acme", keyHole), []string{"u1"}, s.keys.user("acme", "u1")},
		{"lex index chunk", lexChunk(keyHole, keyHole), []string{s.keys.stories("acme"), "01JD3Q8Z5T7M2N4P6R8S0V2X4Z"},
			lexChunk(s.keys.stories("acme"), "01JD3Q8Z5T7M2N4P6R8S0V2X4Z")},
		{"lex index directory", lexChunks(keyHole), []string{s.keys.stories("acme")}, lexChunks(s.keys.stories("acme"))},
	} {
		ids, _ := json.Marshal(c.ids)
		got, err := keyofScript.Run(ctx, s.rdb, []string{s.keys.org("acme")}, marshal(keyPattern(c.pattern)), string(ids)).Text()
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s: keyof filled %q, keys.go builds %q", c.name, got, c.want)
		}
	}
}

// keyIDs reads back the ids of the keys an erasure or retention finds by SCAN, and no key
// beside them.
func TestKeyIDsReadTheirPatternOnly(t *testing.T) {
	k := keys{prefix: "mx"}
	kudos := keyPattern(k.storyKudos("acme", keyHole))
	board := keyPattern(k.teamBoard("acme", keyHole, keyHole))
	story := keyPattern(k.story("acme", keyHole))
	for _, c := range []struct {
		p    []string
		key  string
		want []string
	}{
		{kudos, k.storyKudos("acme", "s1"), []string{"s1"}},
		{kudos, k.storyKudosAt("acme", "s1"), nil},
		{kudos, k.story("acme", "s1"), nil},
		{kudos, k.storyKudos("globex", "s1"), nil},
		{kudos, k.storyKudos("acme", "s1:x"), nil},
		{story, k.story("acme", "s1"), []string{"s1"}},
		{story, k.storyKudos("acme", "s1"), nil},
		{story, k.story("acme", ""), nil},
		{board, k.teamBoard("acme", "t1", "w2026-12-07"), []string{"t1", "w2026-12-07"}},
		{board, k.teamsBoard("acme", "all"), nil},
		{board, k.challengeBoard("acme", "c1"), nil},
		{board, k.teamBoard("acme", "t1", ""), nil},
		{keyPattern(k.dashboardDay("acme", keyHole, keyHole)), k.layout1Dashboard("acme", "t1", "w2026-12-07"), nil},
		{keyPattern(k.dashboardDay("acme", keyHole, keyHole)), k.dashboardDay("acme", "t1", "2026-12-07"), []string{"t1", "2026-12-07"}},
	} {
		got, ok := keyIDs(c.p, c.key)
		if ok != (c.want != nil) || strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("keyIDs(%q, %q) = %q, %v; want %q", c.p, c.key, got, ok, c.want)
		}
	}
}
