package handlers

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

// The daily loop's hot calls through the whole stack (HTTP, auth, validation, one Redis round
// trip), next to /readyz, the floor: one Redis PING through the same stack.
// Run with `make bench`; figures go to BENCHMARKS.md.

// benchT adapts a benchmark to the test harness, which takes a *testing.T: failures in setup
// end the benchmark with a message instead of silently.
func benchT(b *testing.B) *testing.T {
	t := &testing.T{}
	b.Cleanup(func() {
		if t.Failed() {
			b.Fatal("benchmark setup failed")
		}
	})
	return t
}

// benchOrg makes an org with the starter pack and n enrolled employees.
func benchOrg(_ *testing.B, a *testAPI, n int) []Session {
	admin := a.org("bench")
	value := map[string]any{"name": "Attentive"}
	var v Value
	a.call("POST", "/v1/admin/values", admin.AccessToken, value).expect(201).decode(&v)
	for i := 0; i < 20; i++ {
		a.call("POST", "/v1/admin/gestures", admin.AccessToken, map[string]any{
			"title": fmt.Sprintf("Gesture %d", i), "how_to": "Do it.", "value_id": v.Id,
		}).expect(201)
	}
	sessions := make([]Session, n)
	for i := range sessions {
		sessions[i] = a.member(admin, fmt.Sprintf("Bench User %d", i), "employee", "")
	}
	return sessions
}

// benchGet reads the paths in turn, with the tokens in turn (none: anonymous), each client on
// one kept connection.
func benchGet(b *testing.B, a *testAPI, paths []string, tokens []string) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			req, _ := http.NewRequest("GET", a.url+paths[i%len(paths)], nil)
			if len(tokens) > 0 {
				req.Header.Set("Authorization", "Bearer "+tokens[i%len(tokens)])
			}
			res, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			// Read to the end, or the client closes the connection and the next request pays a
			// new one, as the load harness's clients and apps do not.
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 200 {
				b.Fatalf("status %d", res.StatusCode)
			}
			i++
		}
	})
}

func BenchmarkReadyz(b *testing.B) {
	a := newAPI(benchT(b))
	benchGet(b, a, []string{"/readyz"}, nil)
}

func BenchmarkToday(b *testing.B) {
	a := newAPI(benchT(b))
	sessions := benchOrg(b, a, 50)
	tokens := make([]string, len(sessions))
	for i, s := range sessions {
		tokens[i] = s.AccessToken
		a.call("GET", "/v1/me/today", s.AccessToken, nil).expect(200) // made on first read
	}
	benchGet(b, a, []string{"/v1/me/today"}, tokens)
}

func BenchmarkOutcome(b *testing.B) {
	a := newAPI(benchT(b))
	s := benchOrg(b, a, 1)[0]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// A new day each time, so every outcome is a fresh one (the clock moves, nobody sleeps);
		// the day-old access token is renewed outside the timing.
		b.StopTimer()
		a.clock.Advance(24 * time.Hour)
		a.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": s.RefreshToken}).expect(200).decode(&s)
		var asg Assignment
		a.call("GET", "/v1/me/today", s.AccessToken, nil).expect(200).decode(&asg)
		b.StartTimer()
		a.call("POST", "/v1/me/assignments/"+asg.Id+"/outcome", s.AccessToken, map[string]any{"result": "done"}).expect(201)
	}
}

// benchTeam makes an org with one gesture and a team of 20 members who each recorded outcome
// for today's assignment, and answers the team's id and the members' tokens.
func benchTeam(a *testAPI, outcome map[string]any) (string, []string) {
	admin := a.org("bench")
	var v Value
	a.call("POST", "/v1/admin/values", admin.AccessToken, map[string]any{"name": "Attentive"}).expect(201).decode(&v)
	a.call("POST", "/v1/admin/gestures", admin.AccessToken, map[string]any{"title": "Greet", "how_to": "Do it.", "value_id": v.Id}).expect(201)
	team := a.team(admin, "Store Utrecht")
	var tokens []string
	for i := 0; i < 20; i++ {
		s := a.member(admin, fmt.Sprintf("Bench User %d", i), "employee", team.Id)
		var asg Assignment
		a.call("GET", "/v1/me/today", s.AccessToken, nil).expect(200).decode(&asg)
		a.call("POST", "/v1/me/assignments/"+asg.Id+"/outcome", s.AccessToken, outcome).expect(201)
		tokens = append(tokens, s.AccessToken)
	}
	return team.Id, tokens
}

// BenchmarkTeamBoard reads a week's board of a team of 20 who all have points, centred on the
// caller half of the time, as the load harness does.
func BenchmarkTeamBoard(b *testing.B) {
	a := newAPI(benchT(b))
	team, tokens := benchTeam(a, map[string]any{"result": "done"})
	benchGet(b, a, []string{"/v1/leaderboards/teams/" + team + "?period=week", "/v1/leaderboards/teams/" + team + "?period=week&around=me"}, tokens)
}

// BenchmarkFeed reads the first page of a team's feed of 20 shared stories, as its 20 members
// in turn, as the load harness does.
func BenchmarkFeed(b *testing.B) {
	a := newAPI(benchT(b))
	_, tokens := benchTeam(a, map[string]any{"result": "done", "story": "She smiled and came back the next day.", "share": true})
	benchGet(b, a, []string{"/v1/stories?scope=team"}, tokens)
}

// BenchmarkMe reads GET /v1/me as 50 members of a team in turn.
func BenchmarkMe(b *testing.B) {
	a := newAPI(benchT(b))
	admin := a.org("bench")
	team := a.team(admin, "Store Utrecht")
	var tokens []string
	for i := 0; i < 50; i++ {
		tokens = append(tokens, a.member(admin, fmt.Sprintf("Bench User %d", i), "employee", team.Id).AccessToken)
	}
	benchGet(b, a, []string{"/v1/me"}, tokens)
}

// BenchmarkFeedbackAnswer is a customer's answer on a team's page (POST /f/{token}), each from
// an address of its own (as the X-Forwarded-For of a trusted proxy), as make bench sends them.
func BenchmarkFeedbackAnswer(b *testing.B) {
	a := newAPI(benchT(b))
	_, loopback, _ := net.ParseCIDR("127.0.0.0/8")
	r := a.replica(func(s *Server) {
		s.TrustedProxies = append(s.TrustedProxies, loopback)
		s.FeedbackLimits = domain.FeedbackLimits{PerAddress: 10, AddressWindow: time.Hour, PerLinkDay: 1 << 30}
	})
	o := boardOrgOn(a, "fbbench")
	team := o.boardTeam("Store 1")
	var link FeedbackLink
	a.call("GET", "/v1/teams/"+team.Id+"/feedback-link", o.admin.AccessToken, nil).expect(200).decode(&link)
	page := r.url + feedbackPath(benchT(b), link)
	body := answerForm("9", "Friendly and quick")
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var n atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			req, _ := http.NewRequest("POST", page, strings.NewReader(body))
			req.Header.Set("Content-Type", formType)
			req.Header.Set("X-Forwarded-For", fmt.Sprintf("198.%d.%d.%d", 18+(i>>16)&1, (i>>8)&255, i&255))
			res, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 200 {
				b.Fatalf("status %d", res.StatusCode)
			}
		}
	})
}
