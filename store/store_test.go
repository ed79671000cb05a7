package store

import (
	"context"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store/redistest"
	"github.com/redis/go-redis/v9"
)

func TestMain(m *testing.M) { redistest.Main(m) }

var testNow = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

// testStore is a Store on the shared Redis (a server, or a cluster in the cluster pass) under a prefix of its own, with the raw
// client beside it for looking at what was stored.
type testStore struct {
	*Store
	t      *testing.T
	rdb    redis.UniversalClient
	prefix string
	clock  *domain.FixedClock
}

func newTestStore(t *testing.T) *testStore {
	t.Helper()
	srv := redistest.Shared(t)
	rdb := srv.Client(t)
	prefix := redistest.Prefix(t)
	clock := domain.NewFixedClock(testNow)
	return &testStore{Store: New(rdb, prefix, clock), t: t, rdb: rdb, prefix: prefix, clock: clock}
}

// enrollment is a fresh code and what the store keeps of it.
func (s *testStore) enrollment() (string, domain.Enrollment) {
	code := domain.NewEnrollmentCode()
	norm, _ := domain.NormalizeEnrollmentCode(code)
	return norm, domain.Enrollment{CodeHash: domain.HashSecret(norm), ExpiresAt: s.clock.Now().Add(domain.EnrollmentCodeTTL)}
}

// org stores an org with its first admin.
func (s *testStore) org(slug string) (domain.Org, domain.User) {
	s.t.Helper()
	now := s.clock.Now()
	o, err := domain.NewOrg(slug, "Org "+slug, "Europe/Amsterdam", now)
	if err != nil {
		s.t.Fatal(err)
	}
	admin, err := domain.NewUser(o, domain.UserInput{Name: "Admin", Email: "admin@" + slug + ".example", Role: "admin"}, now)
	if err != nil {
		s.t.Fatal(err)
	}
	_, code := s.enrollment()
	if err := s.CreateOrg(context.Background(), o, admin, code, nil); err != nil {
		s.t.Fatal(err)
	}
	admin.Rev = 1
	return o, admin
}

// team stores a team.
func (s *testStore) team(org domain.Org, name string) domain.Team {
	s.t.Helper()
	tm, err := s.CreateTeam(context.Background(), domain.Team{Org: org.ID, Name: name, LeadIDs: []string{}, CreatedAt: s.clock.Now()})
	if err != nil {
		s.t.Fatal(err)
	}
	return tm
}

// newUser builds (but does not store) a user of org.
func (s *testStore) newUser(org domain.Org, name, email, role, teamID string) domain.User {
	s.t.Helper()
	u, err := domain.NewUser(org, domain.UserInput{Name: name, Email: email, Role: role, TeamID: teamID}, s.clock.Now())
	if err != nil {
		s.t.Fatal(err)
	}
	return u
}

// user stores a user and returns it with its normalised enrollment code.
func (s *testStore) user(org domain.Org, name, email, role, teamID string) (domain.User, string) {
	s.t.Helper()
	u := s.newUser(org, name, email, role, teamID)
	code, enrollment := s.enrollment()
	if err := s.CreateUser(context.Background(), u, enrollment, nil); err != nil {
		s.t.Fatal(err)
	}
	u.Rev = 1
	return u, code
}

// exists reports whether a key exists.
func (s *testStore) exists(key string) bool {
	s.t.Helper()
	n, err := s.rdb.Exists(context.Background(), key).Result()
	if err != nil {
		s.t.Fatal(err)
	}
	return n == 1
}

// keysUnder lists every key that starts with pattern (a SCAN MATCH pattern).
func (s *testStore) keysUnder(pattern string) []string {
	s.t.Helper()
	keys, err := redistest.Keys(context.Background(), s.rdb, pattern)
	if err != nil {
		s.t.Fatal(err)
	}
	return keys
}
