package handlers

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store/redistest"
)

// Secrets at rest: Redis (and so its append-only file and its backups) holds enrollment codes
// and refresh tokens only as hashes, including inside the answers kept for Idempotency-Key
// replays, which carry new enrollment codes.

func TestRedisHoldsNoSecretReadably(t *testing.T) {
	t.Parallel()
	rds := redistest.Start(t) // a server of its own: every key in it is this test's
	a := newAPI(t, withRedis(rds))
	admin := a.org("acme")
	team := a.team(admin, "Store Utrecht")

	var secrets []string
	var created UserCreated
	a.call("POST", "/v1/admin/users", admin.AccessToken, map[string]any{"name": "Eva Jansen", "email": "eva@acme.example", "role": "employee"},
		"Idempotency-Key", "create-eva").expect(201).decode(&created)
	secrets = append(secrets, created.EnrollmentCode)
	var again EnrollmentCode
	a.call("POST", "/v1/admin/users/"+created.User.Id+"/enrollment-code", admin.AccessToken, nil, "Idempotency-Key", "eva-new-phone").expect(200).decode(&again)
	secrets = append(secrets, again.EnrollmentCode)
	var imported ImportResult
	a.call("POST", "/v1/admin/users/import", admin.AccessToken, "name,email,role,team\nTom Bakker,tom@acme.example,employee,"+team.Name+"\n",
		"Content-Type", "text/csv", "Idempotency-Key", "import-1").expect(200).decode(&imported)
	for _, c := range imported.Created {
		secrets = append(secrets, *c.EnrollmentCode)
	}
	eva := a.enroll(again.EnrollmentCode)
	next := a.renewed(eva)
	secrets = append(secrets, admin.RefreshToken, eva.RefreshToken, next.RefreshToken)

	t.Run("no value in Redis, nor anything base64 inside one, holds a code or a refresh token", func(t *testing.T) {
		values := redisValues(t, rds)
		if len(values) < 20 {
			t.Fatalf("only %d values read from Redis", len(values))
		}
		for _, v := range values {
			for _, text := range append([]string{v}, base64Inside(v)...) {
				for _, s := range secrets {
					norm, _ := domain.NormalizeEnrollmentCode(s)
					if strings.Contains(text, s) || (norm != "" && strings.Contains(text, norm)) {
						t.Errorf("Redis holds %q readably: %.200s", s, text)
					}
				}
			}
		}
	})

	t.Run("the sealed answers still replay, with the same code", func(t *testing.T) {
		a := a.in(t)
		var replay UserCreated
		a.call("POST", "/v1/admin/users", admin.AccessToken, map[string]any{"name": "Eva Jansen", "email": "eva@acme.example", "role": "employee"},
			"Idempotency-Key", "create-eva").expect(201).decode(&replay)
		if replay.EnrollmentCode != created.EnrollmentCode || replay.User.Id != created.User.Id {
			t.Fatalf("replay %+v, first %+v", replay, created)
		}
	})
}

// redisValues reads every value of every key: strings, and the fields, members and entries of
// hashes, lists, sets, sorted sets and streams.
func redisValues(t *testing.T, rds *redistest.Server) []string {
	t.Helper()
	ctx, c := context.Background(), rds.Client(t)
	keys, err := c.Keys(ctx, "*").Result()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, k := range keys {
		out = append(out, k)
		typ, err := c.Type(ctx, k).Result()
		if err != nil {
			t.Fatal(err)
		}
		switch typ {
		case "string":
			out = append(out, c.Get(ctx, k).Val())
		case "hash":
			for f, v := range c.HGetAll(ctx, k).Val() {
				out = append(out, f, v)
			}
		case "list":
			out = append(out, c.LRange(ctx, k, 0, -1).Val()...)
		case "set":
			out = append(out, c.SMembers(ctx, k).Val()...)
		case "zset":
			out = append(out, c.ZRange(ctx, k, 0, -1).Val()...)
		case "stream":
			for _, m := range c.XRange(ctx, k, "-", "+").Val() {
				out = append(out, mustJSON(m.Values))
			}
		default:
			t.Fatalf("key %s of type %s is not read", k, typ)
		}
	}
	return out
}

// base64Inside decodes the base64 strings of a JSON value (how encoding/json stores []byte).
func base64Inside(v string) []string {
	var doc any
	if json.Unmarshal([]byte(v), &doc) != nil {
		return nil
	}
	var out []string
	var walk func(any)
	walk = func(x any) {
		switch x := x.(type) {
		case string:
			if b, err := base64.StdEncoding.DecodeString(x); err == nil {
				out = append(out, string(b))
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(doc)
	return out
}
