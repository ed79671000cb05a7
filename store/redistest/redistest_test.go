package redistest

import (
	"context"
	"os"
	"testing"

	"github.com/redis/go-redis/v9"
)

func TestMain(m *testing.M) { Main(m) }

func TestServer(t *testing.T) {
	ctx := context.Background()

	t.Run("data written with appendfsync always survives kill and restart", func(t *testing.T) {
		srv := Start(t, AppendFsyncAlways())
		rdb := srv.Client(t)
		if err := rdb.Set(ctx, "greeting", "hallo", 0).Err(); err != nil {
			t.Fatal(err)
		}
		srv.Kill()
		srv.Restart()
		got, err := rdb.Get(ctx, "greeting").Result()
		if err != nil || got != "hallo" {
			t.Fatalf("after kill and restart: got %q, %v; want %q", got, err, "hallo")
		}
	})

	t.Run("data written with the default fsync survives stop and restart", func(t *testing.T) {
		srv := Start(t)
		rdb := srv.Client(t)
		if err := rdb.Set(ctx, "greeting", "hallo", 0).Err(); err != nil {
			t.Fatal(err)
		}
		srv.Stop()
		srv.Restart()
		got, err := rdb.Get(ctx, "greeting").Result()
		if err != nil || got != "hallo" {
			t.Fatalf("after stop and restart: got %q, %v; want %q", got, err, "hallo")
		}
	})

	t.Run("a killed server no longer answers PING", func(t *testing.T) {
		srv := Start(t)
		// No retries: the default client would keep redialling for a while.
		rdb := redis.NewClient(&redis.Options{Addr: srv.Addr(), MaxRetries: -1, DialerRetries: 1})
		t.Cleanup(func() { _ = rdb.Close() })
		if err := rdb.Ping(ctx).Err(); err != nil {
			t.Fatalf("before kill: %v", err)
		}
		srv.Kill()
		if err := rdb.Ping(ctx).Err(); err == nil {
			t.Fatal("PING answered after kill")
		}
	})

	t.Run("servers never use the default Redis port", func(t *testing.T) {
		if srv := Start(t); srv.Addr() == "127.0.0.1:6379" {
			t.Fatal("started on 6379, where a developer's own Redis lives")
		}
	})
}

func TestShared(t *testing.T) {
	t.Run("returns the same running Redis every time", func(t *testing.T) {
		first, second := Shared(t), Shared(t)
		if first != second {
			t.Fatalf("got two: %v and %v", first.Env(), second.Env())
		}
		if err := first.Client(t).Ping(context.Background()).Err(); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("is a cluster exactly when MICROACT_TEST_REDIS=cluster", func(t *testing.T) {
		r := Shared(t)
		_, isCluster := r.(*Cluster)
		if isCluster != ClusterMode(t) {
			t.Fatalf("%s=%q but Shared is %T", ModeVariable, os.Getenv(ModeVariable), r)
		}
		env := r.Env()
		if isCluster && (env["MICROACT_REDIS_CLUSTER_ADDRS"] == "" || r.URL() != "") {
			t.Fatalf("a cluster's configuration is its seed nodes only, got %v and URL %q", env, r.URL())
		}
		if !isCluster && (env["MICROACT_REDIS_URL"] != r.URL() || r.ClusterAddrs() != nil) {
			t.Fatalf("a server's configuration is its URL only, got %v", env)
		}
	})

	t.Run("gives every test its own key prefix", func(t *testing.T) {
		seen := map[string]bool{}
		for range 1000 {
			p := Prefix(t)
			if seen[p] {
				t.Fatalf("prefix %q issued twice", p)
			}
			seen[p] = true
		}
	})
}
