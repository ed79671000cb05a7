package redistest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"
)

// ModeVariable selects what Shared starts: unset or "standalone" for one
// redis-server, "cluster" for a Redis Cluster of three masters.
const ModeVariable = "MICROACT_TEST_REDIS"

// Redis is what tests connect to: a standalone Server or a Cluster.
type Redis interface {
	// Client returns a client, closed when the test ends, that refuses
	// cross-slot scripts and transactions (SameSlotHook).
	Client(tb testing.TB) redis.UniversalClient
	// URL is the MICROACT_REDIS_URL of a standalone server, "" for a cluster.
	URL() string
	// ClusterAddrs are the MICROACT_REDIS_CLUSTER_ADDRS of a cluster, nil for a server.
	ClusterAddrs() []string
	// Env holds the variables that point microact's configuration at it.
	Env() map[string]string
}

var (
	_ Redis = (*Server)(nil)
	_ Redis = (*Cluster)(nil)
)

var (
	mainCalled atomic.Bool

	sharedOnce sync.Once
	sharedDir  string
	shared     Redis
	sharedStop func()
	sharedErr  error

	issuedPrefixes sync.Map
)

// ClusterMode reports whether MICROACT_TEST_REDIS asks for a cluster. Any
// value but the two known ones fails the test rather than quietly running
// the standalone pass twice.
func ClusterMode(tb testing.TB) bool {
	tb.Helper()
	switch v := os.Getenv(ModeVariable); v {
	case "", "standalone":
		return false
	case "cluster":
		return true
	default:
		tb.Fatalf("redistest: %s=%q; want standalone or cluster", ModeVariable, v)
		return false
	}
}

// Main runs the package's tests and then removes what Shared started.
// Call it from TestMain in every package that uses Shared:
//
//	func TestMain(m *testing.M) { redistest.Main(m) }
func Main(m *testing.M) {
	mainCalled.Store(true)
	code := m.Run()
	if sharedStop != nil {
		// Its data is throwaway, so killing is enough and quicker than SHUTDOWN.
		sharedStop()
		_ = os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

// Shared returns the one Redis of this test binary, starting it on first use:
// a server, or a cluster when MICROACT_TEST_REDIS=cluster. Tests sharing it
// must keep their keys under Prefix(tb) and must not stop it; use Start for a
// server a test may kill.
func Shared(tb testing.TB) Redis {
	tb.Helper()
	if !mainCalled.Load() {
		tb.Fatal("redistest: Shared needs TestMain to call redistest.Main(m), " +
			"which removes the server when the tests end")
	}
	cluster := ClusterMode(tb)
	sharedOnce.Do(func() {
		// Not tb.TempDir: the servers outlive the test that happens to start them.
		dir, err := os.MkdirTemp("", "redistest-")
		if err != nil {
			sharedErr = err
			return
		}
		sharedDir = dir
		if cluster {
			c, err := startCluster(dir)
			if err != nil {
				sharedErr = err
				return
			}
			for _, n := range c.nodes {
				n.fail = func(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }
			}
			shared, sharedStop = c, c.kill
			return
		}
		s, err := newServer(dir)
		if err != nil {
			sharedErr = err
			return
		}
		s.fail = func(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }
		shared, sharedStop = s, func() { _ = s.kill() }
	})
	if sharedErr != nil {
		_ = os.RemoveAll(sharedDir)
		tb.Fatal(sharedErr)
	}
	return shared
}

// Prefix returns a key prefix no other test in this binary gets, such as
// "t3fa9c2d1", so that tests on one server never see each other's keys.
func Prefix(tb testing.TB) string {
	tb.Helper()
	for {
		b := make([]byte, 4)
		_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
		p := "t" + hex.EncodeToString(b)
		// Short prefixes keep keys readable; remembering them makes short safe.
		if _, taken := issuedPrefixes.LoadOrStore(p, true); !taken {
			return p
		}
	}
}

// Keys lists the keys matching a SCAN pattern: on every master of a cluster,
// where SCAN sees only the node it is sent to, or on the one server.
func Keys(ctx context.Context, rdb redis.UniversalClient, pattern string) ([]string, error) {
	var mu sync.Mutex
	var keys []string
	scan := func(ctx context.Context, node redis.Cmdable) error {
		iter := node.Scan(ctx, 0, pattern, 1000).Iterator()
		for iter.Next(ctx) {
			mu.Lock()
			keys = append(keys, iter.Val())
			mu.Unlock()
		}
		return iter.Err()
	}
	if cc, ok := rdb.(*redis.ClusterClient); ok {
		err := cc.ForEachMaster(ctx, func(ctx context.Context, node *redis.Client) error { return scan(ctx, node) })
		return keys, err
	}
	return keys, scan(ctx, rdb)
}

// Bare returns a client without SameSlotHook, closed when tb ends, to see what
// Redis itself answers (or to install a hook of the test's own).
func Bare(tb testing.TB, r Redis) redis.UniversalClient {
	tb.Helper()
	var c redis.UniversalClient
	switch r := r.(type) {
	case *Cluster:
		c = redis.NewClusterClient(&redis.ClusterOptions{Addrs: r.Addrs()})
	case *Server:
		c = redis.NewClient(&redis.Options{Addr: r.Addr()})
	default:
		tb.Fatalf("redistest: Bare of a %T", r)
	}
	tb.Cleanup(func() { _ = c.Close() })
	return c
}
