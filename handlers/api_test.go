package handlers

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/internal/apitest"
	"github.com/microact/microact/store"
	"github.com/microact/microact/store/redistest"
	"github.com/prometheus/client_golang/prometheus"
)

func TestMain(m *testing.M) { redistest.Main(m) }

// testAPI is the whole API on a real Redis, reached through real HTTP requests.
type testAPI struct {
	t      *testing.T
	url    string
	store  *store.Store
	prefix string // the store's key prefix
	clock  *domain.FixedClock
	server *Server
}

type apiOption func(*apiConfig)

type apiConfig struct {
	redis    redistest.Redis
	userRate domain.Rate
	authRate domain.Rate
}

// withRedis runs the API on its own Redis (for fault tests) instead of the shared one.
func withRedis(r redistest.Redis) apiOption { return func(c *apiConfig) { c.redis = r } }

// withRates turns the rate limits on (they are off by default in tests).
func withRates(user, auth domain.Rate) apiOption {
	return func(c *apiConfig) { c.userRate, c.authRate = user, auth }
}

// testNow is a Monday morning in Amsterdam.
var testNow = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

func newAPI(t *testing.T, opts ...apiOption) *testAPI {
	t.Helper()
	var cfg apiConfig
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.redis == nil {
		cfg.redis = redistest.Shared(t)
	}
	clock := domain.NewFixedClock(testNow)
	// Connected as microact connects (a cluster client in the cluster pass), plus the check that
	// every script and transaction keeps to one slot.
	prefix := redistest.Prefix(t)
	st, err := store.Connect(store.Options{URL: cfg.redis.URL(), ClusterAddrs: cfg.redis.ClusterAddrs(), KeyPrefix: prefix}, clock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.Client().AddHook(redistest.SameSlotHookFor(t))
	keys := newKeys(t)
	s := &Server{
		Tokens: NewTokens(keys, clock), Clock: clock,
		Log:      slog.New(slog.NewTextHandler(io.Discard, nil)),
		UserRate: cfg.userRate, Metrics: NewMetrics(prometheus.NewRegistry()),
	}
	useStore(s, st)
	if !cfg.authRate.Off() {
		s.AuthLimiter = st.NewFailureLimiter(cfg.authRate.Events, cfg.authRate.Per)
	}
	e, err := s.Handler()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return &testAPI{t: t, url: srv.URL, store: st, prefix: prefix, clock: clock, server: s}
}

// useStore makes st every store s reads and writes.
func useStore(s *Server, st *store.Store) {
	s.Orgs, s.Users, s.Teams, s.Sessions, s.Idempotency, s.OrgState = st, st, st, st, st, st
	s.Catalog, s.Loop, s.Export, s.Boards, s.Notifications, s.Social, s.Privacy, s.Feedback, s.Displays = st, st, st, st, st, st, st, st, st
	s.Ping = st.Ping
}

// response is one HTTP answer.
type response struct {
	t      *testing.T
	Status int
	Header http.Header
	Body   []byte
}

// decode reads the body as JSON into v.
func (r response) decode(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		r.t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// problem reads the body as problem+json.
func (r response) problem() Problem {
	r.t.Helper()
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		r.t.Fatalf("want application/problem+json, got %q: %s", ct, r.Body)
	}
	var p Problem
	r.decode(&p)
	return p
}

// expect fails the test unless the status is want (and, for errors, the code is code).
func (r response) expect(want int, code ...string) response {
	r.t.Helper()
	if r.Status != want {
		r.t.Fatalf("want status %d, got %d: %s", want, r.Status, r.Body)
	}
	if len(code) > 0 {
		if p := r.problem(); p.Code != code[0] {
			r.t.Fatalf("want code %q, got %q: %s", code[0], p.Code, r.Body)
		}
	}
	return r
}

// call sends a request. body may be nil, a string (sent as is) or a value (sent as JSON);
// headers are pairs of name and value.
func (a *testAPI) call(method, path, token string, body any, headers ...string) response {
	a.t.Helper()
	res, err := apitest.Send(context.Background(), nil, method, a.url+path, token, body, headers...)
	if err != nil {
		a.t.Fatal(err)
	}
	return response{t: a.t, Status: res.Status, Header: res.Header, Body: res.Body}
}

// org creates an org with an enrolled admin and returns the admin's session.
func (a *testAPI) org(slug string) Session {
	a.t.Helper()
	now := a.clock.Now()
	o, err := domain.NewOrg(slug, "Org "+slug, "Europe/Amsterdam", now)
	if err != nil {
		a.t.Fatal(err)
	}
	admin, err := domain.NewUser(o, domain.UserInput{Name: "Admin " + slug, Email: "admin@" + slug + ".example", Role: "admin"}, now)
	if err != nil {
		a.t.Fatal(err)
	}
	code := domain.NewEnrollmentCode()
	norm, _ := domain.NormalizeEnrollmentCode(code)
	if err := a.store.CreateOrg(context.Background(), o, admin, domain.Enrollment{CodeHash: domain.HashSecret(norm), ExpiresAt: now.Add(domain.EnrollmentCodeTTL)}, nil); err != nil {
		a.t.Fatal(err)
	}
	return a.enroll(code)
}

// enroll exchanges a code for a session.
func (a *testAPI) enroll(code string) Session {
	a.t.Helper()
	var s Session
	a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": code}).expect(200).decode(&s)
	return s
}

// team creates a team as admin.
func (a *testAPI) team(admin Session, name string, leads ...string) Team {
	a.t.Helper()
	body := map[string]any{"name": name}
	if len(leads) > 0 {
		body["lead_ids"] = leads
	}
	var t Team
	a.call("POST", "/v1/admin/teams", admin.AccessToken, body).expect(201).decode(&t)
	return t
}

// user creates a user as admin and returns it with its enrollment code.
func (a *testAPI) user(admin Session, name, role, teamID string) UserCreated {
	a.t.Helper()
	body := map[string]any{"name": name, "email": strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@" + admin.User.Org + ".example", "role": role}
	if teamID != "" {
		body["team_id"] = teamID
	}
	var u UserCreated
	a.call("POST", "/v1/admin/users", admin.AccessToken, body).expect(201).decode(&u)
	return u
}

// member creates and enrolls a user, returning their session.
func (a *testAPI) member(admin Session, name, role, teamID string) Session {
	a.t.Helper()
	return a.enroll(a.user(admin, name, role, teamID).EnrollmentCode)
}

func TestAPISmoke(t *testing.T) {
	a := newAPI(t)
	admin := a.org("acme")
	team := a.team(admin, "Store Utrecht")
	eva := a.member(admin, "Eva Jansen", "employee", team.Id)
	var me Me
	a.call("GET", "/v1/me", eva.AccessToken, nil).expect(200).decode(&me)
	if me.Team == nil || me.Team.Name != "Store Utrecht" || me.Timezone != "Europe/Amsterdam" || me.Role != RoleEmployee {
		t.Fatalf("unexpected me: %+v", me)
	}
	a.call("GET", "/v1/admin/org", eva.AccessToken, nil).expect(403, "forbidden")
}
