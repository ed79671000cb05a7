package handlers

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/store/redistest"
	"github.com/redis/go-redis/v9"
)

// Helpers of the leaderboard and dashboard tests (board_*_test.go). Every name starts with
// "board" so they cannot clash with helpers other test files add.

// boardOrg is an org whose catalogue holds one gesture of 10 points, so every assignment is
// that gesture and every done is worth 10 points (without a story or challenge).
type boardOrg struct {
	*loopOrg
	value    Value
	greeting Gesture
}

// boardNewOrg starts an API and creates an org (Europe/Amsterdam, weeks from Monday) at the
// API's clock, which the caller may set first through boardNewOrgAt.
func boardNewOrg(t *testing.T, slug string) *boardOrg {
	t.Helper()
	return boardOrgOn(newAPI(t), slug)
}

// boardNewOrgAt is boardNewOrg with the clock set to at before anything is created.
func boardNewOrgAt(t *testing.T, slug string, at time.Time) *boardOrg {
	t.Helper()
	a := newAPI(t)
	a.clock.Set(at)
	return boardOrgOn(a, slug)
}

func boardOrgOn(a *testAPI, slug string) *boardOrg {
	a.t.Helper()
	o := a.loopNewOrg(slug)
	v := o.value("Attentive")
	return &boardOrg{loopOrg: o, value: v, greeting: o.gesture(v.Id, "Greet every customer")}
}

// boardTeam creates a team, led by leads.
func (o *boardOrg) boardTeam(name string, leads ...string) Team {
	o.t.Helper()
	return o.a.team(o.admin, name, leads...)
}

// boardLeadTeam makes leads the leads of team.
func (o *boardOrg) boardLeadTeam(team Team, leads ...string) {
	o.t.Helper()
	o.a.call("PATCH", "/v1/admin/teams/"+team.Id, o.admin.AccessToken, map[string]any{"lead_ids": leads}).expect(200)
}

// boardPatchUser changes a user as admin.
func (o *boardOrg) boardPatchUser(s *Session, body map[string]any) {
	o.t.Helper()
	o.a.call("PATCH", "/v1/admin/users/"+s.User.Id, o.admin.AccessToken, body).expect(200)
}

// boardRecordAt moves the clock to at, renews the session and records result for today's
// assignment ("done", "skipped" or "blocked"; extra fields are merged into the body).
func (o *boardOrg) boardRecordAt(at time.Time, s *Session, result string, extra ...map[string]any) OutcomeResult {
	o.t.Helper()
	o.at(at, s)
	as := o.a.loopToday(s)
	body := map[string]any{"result": result}
	if result == "blocked" {
		body["barrier"] = map[string]any{"category": "time", "text": "Too busy at the till."}
	}
	return o.a.loopOutcome(s, as.Id, loopMerge(body, extra...))
}

// boardDoneAt records a done at instant at.
func (o *boardOrg) boardDoneAt(at time.Time, s *Session) OutcomeResult {
	o.t.Helper()
	return o.boardRecordAt(at, s, "done")
}

// boardGet reads a user leaderboard and returns it with its body.
func (a *testAPI) boardGet(token, path string) (Leaderboard, string) {
	a.t.Helper()
	var lb Leaderboard
	r := a.call("GET", path, token, nil).expect(200)
	r.decode(&lb)
	return lb, string(r.Body)
}

// boardTeams reads the board of teams.
func (a *testAPI) boardTeams(token, query string) TeamsLeaderboard {
	a.t.Helper()
	var lb TeamsLeaderboard
	a.call("GET", "/v1/leaderboards/teams"+query, token, nil).expect(200).decode(&lb)
	return lb
}

// boardRows renders entries as "rank name points" ("-" for a hidden user, "*" after the
// caller's own entry), so whole boards compare in one line.
func boardRows(lb Leaderboard) []string {
	rows := make([]string, len(lb.Entries))
	for i, e := range lb.Entries {
		name := "-"
		if e.User.Name != nil {
			name = *e.User.Name
		}
		rows[i] = fmt.Sprintf("%d %s %d", e.Rank, name, e.Points)
		if e.IsMe {
			rows[i] += "*"
		}
	}
	return rows
}

// boardTeamRows renders a board of teams as "rank name points members score".
func boardTeamRows(lb TeamsLeaderboard) []string {
	rows := make([]string, len(lb.Entries))
	for i, e := range lb.Entries {
		rows[i] = boardTeamRow(e)
	}
	return rows
}

func boardTeamRow(e TeamsLeaderboardEntry) string {
	return fmt.Sprintf("%d %s %d %d %.2f", e.Rank, e.Team.Name, e.Points, e.Members, e.Score)
}

// boardWantRows fails unless got equals want.
func boardWantRows(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got  %q\n want %q", what, got, want)
	}
}

// boardWantMe fails unless the caller's place is rank and points (rank 0: no place, me null).
func boardWantMe(t *testing.T, what string, lb Leaderboard, rank, points int) {
	t.Helper()
	switch {
	case rank == 0 && lb.Me != nil:
		t.Errorf("%s: me = %+v, want null", what, *lb.Me)
	case rank != 0 && lb.Me == nil:
		t.Errorf("%s: me = null, want rank %d with %d points", what, rank, points)
	case rank != 0 && (lb.Me.Rank != rank || lb.Me.Points != points):
		t.Errorf("%s: me = %+v, want rank %d with %d points", what, *lb.Me, rank, points)
	}
}

// boardAmsterdam is a local time of the org's zone, as an instant.
func boardAmsterdam(t *testing.T, day, clock string) time.Time {
	t.Helper()
	return loopAmsterdam(t, day, clock)
}

// boardScan lists the keys matching a SCAN pattern, on every node of a cluster.
func (a *testAPI) boardScan(pattern string) []string {
	a.t.Helper()
	out, err := redistest.Keys(context.Background(), a.store.Client(), pattern)
	if err != nil {
		a.t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// boardExpireAt is when a key expires (Unix seconds; -1 without expiry, -2 when it does not exist).
func (a *testAPI) boardExpireAt(key string) int64 {
	a.t.Helper()
	n, err := a.store.Client().Do(context.Background(), "EXPIRETIME", key).Int64()
	if err != nil {
		a.t.Fatal(err)
	}
	return n
}

// boardSnapshot reads every key matching one of patterns (built by a.store.Keys()) as text: its
// type, content in a fixed order, and expiry, so two states of Redis compare with ==.
func (a *testAPI) boardSnapshot(patterns ...string) map[string]string {
	a.t.Helper()
	ctx := context.Background()
	rdb := a.store.Client()
	out := map[string]string{}
	for _, p := range patterns {
		for _, key := range a.boardScan(p) {
			typ, err := rdb.Type(ctx, key).Result()
			if err != nil {
				a.t.Fatal(err)
			}
			var content string
			switch typ {
			case "zset":
				zs, err := rdb.ZRangeWithScores(ctx, key, 0, -1).Result()
				if err != nil {
					a.t.Fatal(err)
				}
				parts := make([]string, len(zs))
				for i, z := range zs {
					parts[i] = fmt.Sprintf("%v=%v", z.Member, z.Score)
				}
				content = strings.Join(parts, " ")
			case "hash":
				h, err := rdb.HGetAll(ctx, key).Result()
				if err != nil {
					a.t.Fatal(err)
				}
				parts := make([]string, 0, len(h))
				for k, v := range h {
					parts = append(parts, k+"="+v)
				}
				sort.Strings(parts)
				content = strings.Join(parts, " ")
			case "set":
				m, err := rdb.SMembers(ctx, key).Result()
				if err != nil {
					a.t.Fatal(err)
				}
				sort.Strings(m)
				content = strings.Join(m, " ")
			case "list": // a dashboard log: its entries, in any order (a rebuild replays by day and user)
				entries, err := rdb.LRange(ctx, key, 0, -1).Result()
				if err != nil {
					a.t.Fatal(err)
				}
				sort.Strings(entries)
				content = strings.Join(entries, " ")
			default:
				a.t.Fatalf("%s: unexpected type %s", key, typ)
			}
			// Expiry is relative to the injected clock when written (a rebuild later lives on from
			// then), so only whether a key expires is compared.
			out[key] = fmt.Sprintf("%s [%s] expires %v", typ, content, a.boardExpireAt(key) > 0)
		}
	}
	return out
}

// boardCounter is a go-redis hook counting what reaches Redis: each command and each
// pipeline (or transaction) is one round trip, which during answers.
type boardCounter struct{ hookLog[string] }

func (c *boardCounter) DialHook(next redis.DialHook) redis.DialHook { return next }

func (c *boardCounter) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		c.add(cmd.Name())
		return next(ctx, cmd)
	}
}

func (c *boardCounter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		names := make([]string, len(cmds))
		for i, cmd := range cmds {
			names[i] = cmd.Name()
		}
		c.add("pipeline(" + strings.Join(names, ",") + ")")
		return next(ctx, cmds)
	}
}
