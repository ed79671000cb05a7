package handlers

import (
	"testing"
	"time"

	"github.com/microact/microact/store/redistest"
)

// A Redis outage (contract §2 and §9): calls answer 503 unavailable with Retry-After, never 500;
// /readyz follows Redis, /healthz the process; the API recovers by itself once Redis is back.

func TestRedisOutage(t *testing.T) {
	t.Parallel()
	// A private server to kill. It stays standalone in the cluster pass: this test is about the
	// one process holding everything; TestRedisClusterNodeOutage kills one node of a cluster.
	rds := redistest.Start(t, redistest.AppendFsyncAlways())
	a := newAPI(t, withRedis(rds))
	admin := a.org("acme")
	team := a.team(admin, "Store Utrecht")
	eva := a.member(admin, "Eva Jansen", "employee", team.Id)
	pending := a.user(admin, "Pending Piet", "employee", "")

	calls := []struct {
		name, method, path, token string
		body                      any
		headers                   []string
		status                    int // when Redis is up
	}{
		{"reading me", "GET", "/v1/me", eva.AccessToken, nil, nil, 200},
		{"listing teams", "GET", "/v1/admin/teams", admin.AccessToken, nil, nil, 200},
		{"creating a team", "POST", "/v1/admin/teams", admin.AccessToken, map[string]any{"name": "Store Zeist"}, nil, 201},
		{"creating a user with an Idempotency-Key", "POST", "/v1/admin/users", admin.AccessToken,
			map[string]any{"name": "Idem Ida", "email": "ida@acme.example", "role": "employee"}, []string{"Idempotency-Key", "outage-1"}, 201},
		{"changing the org", "PATCH", "/v1/admin/org", admin.AccessToken, map[string]any{"swaps_per_day": 4}, nil, 200},
		{"importing users", "POST", "/v1/admin/users/import", admin.AccessToken,
			"name,email,role,team\nCsv Cas,cas@acme.example,employee,Store Utrecht\n", []string{"Content-Type", "text/csv"}, 200},
		{"enrolling", "POST", "/v1/auth/enroll", "", map[string]any{"code": pending.EnrollmentCode}, nil, 200},
		{"refreshing", "POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": eva.RefreshToken}, nil, 200},
	}

	rds.Kill()

	for _, c := range calls {
		t.Run(c.name+" while Redis is down is 503 unavailable with Retry-After", func(t *testing.T) {
			a := a.in(t)
			res := a.call(c.method, c.path, c.token, c.body, c.headers...)
			res.wantProblem(503, "unavailable")
			res.retryAfter()
		})
	}
	t.Run("/readyz is 503 and /healthz 200 while Redis is down", func(t *testing.T) {
		a := a.in(t)
		res := a.call("GET", "/readyz", "", nil)
		res.wantProblem(503, "unavailable")
		res.retryAfter()
		a.call("GET", "/healthz", "", nil).expect(200)
	})
	t.Run("a second round while Redis is still down is 503 too (no cached failure turns into a 500)", func(t *testing.T) {
		a := a.in(t)
		a.clock.Advance(31 * time.Second) // past the org cache, so the token check itself needs Redis
		a.call("GET", "/v1/me", eva.AccessToken, nil).wantProblem(503, "unavailable")
		a.call("GET", "/v1/admin/users", admin.AccessToken, nil).wantProblem(503, "unavailable")
	})

	rds.Restart()

	t.Run("after Redis is back the same calls succeed without restarting the API", func(t *testing.T) {
		a := a.in(t)
		a.waitReady(5 * time.Second)
		for _, c := range calls {
			if res := a.call(c.method, c.path, c.token, c.body, c.headers...); res.Status != c.status {
				t.Errorf("%s: status %d, want %d: %s", c.name, res.Status, c.status, res.Body)
			}
		}
	})
	t.Run("and the data written before the outage is still there", func(t *testing.T) {
		a := a.in(t)
		var got Team
		a.call("GET", "/v1/admin/teams/"+team.Id, admin.AccessToken, nil).expect(200).decode(&got)
		if got.Name != "Store Utrecht" || got.MemberCount != 2 { // Eva, and Cas from the import
			t.Fatalf("team %+v", got)
		}
		var me Me
		a.call("GET", "/v1/me", eva.AccessToken, nil).expect(200).decode(&me)
		if me.Team == nil || me.Team.Id != team.Id {
			t.Fatalf("me %+v", me)
		}
		names := map[string]bool{}
		var teams TeamList
		a.call("GET", "/v1/admin/teams", admin.AccessToken, nil).expect(200).decode(&teams)
		for _, tm := range teams.Items {
			names[tm.Name] = true
		}
		if len(teams.Items) != 2 || !names["Store Utrecht"] || !names["Store Zeist"] {
			t.Fatalf("teams %+v: the team refused during the outage must exist once, made after it", teams.Items)
		}
	})
}

// waitReady polls /readyz until it answers 200. go-redis redials a pool that failed to dial
// from a background loop about once a second, so an API may need a moment after Redis is back.
func (a *testAPI) waitReady(within time.Duration) {
	a.t.Helper()
	deadline := time.Now().Add(within)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		res := a.call("GET", "/readyz", "", nil)
		if res.Status == 200 {
			return
		}
		if time.Now().After(deadline) {
			a.t.Fatalf("/readyz still %d after %s: %s", res.Status, within, res.Body)
		}
		<-tick.C
	}
}

// A Redis Cluster node going down takes its slots, and so the orgs whose hash tag is in them,
// with it: their calls answer 503 unavailable, never 500, and succeed again once the node is
// back, without restarting the API. Runs in both passes, on a cluster of its own.
func TestRedisClusterNodeOutage(t *testing.T) {
	t.Parallel()
	// A node timeout longer than the test: the other nodes never mark the node failed, so it
	// serves again about 2 s after its restart rather than after the cluster's failure timeouts.
	cluster := redistest.StartCluster(t, redistest.AppendFsyncAlways(), redistest.ExtraArgs("--cluster-node-timeout", "60000"))
	a := newAPI(t, withRedis(cluster))
	admin := a.org("acme")
	team := a.team(admin, "Store Utrecht")
	eva := a.member(admin, "Eva Jansen", "employee", team.Id)
	node := cluster.MasterOf(t, "{acme}")

	node.Kill()

	t.Run("calls of an org whose node is down are 503 unavailable with Retry-After", func(t *testing.T) {
		a := a.in(t)
		res := a.call("GET", "/v1/me", eva.AccessToken, nil)
		res.wantProblem(503, "unavailable")
		res.retryAfter()
		a.call("POST", "/v1/admin/teams", admin.AccessToken, map[string]any{"name": "Store Zeist"}).wantProblem(503, "unavailable")
	})

	node.Restart()
	cluster.WaitOK(t)

	t.Run("once the node has rejoined the same calls succeed and the data is there", func(t *testing.T) {
		a := a.in(t)
		var me Me
		a.call("GET", "/v1/me", eva.AccessToken, nil).expect(200).decode(&me)
		if me.Team == nil || me.Team.Id != team.Id {
			t.Fatalf("me %+v", me)
		}
		a.call("POST", "/v1/admin/teams", admin.AccessToken, map[string]any{"name": "Store Zeist"}).expect(201)
		var teams TeamList
		a.call("GET", "/v1/admin/teams", admin.AccessToken, nil).expect(200).decode(&teams)
		if len(teams.Items) != 2 {
			t.Fatalf("teams %+v: want Store Utrecht and the Store Zeist refused during the outage, made after it", teams.Items)
		}
	})
}
