package redistest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

// someCluster is the shared cluster in the cluster pass and a private one in the
// standalone pass, so the cluster machinery is tested in both.
func someCluster(t *testing.T) *Cluster {
	t.Helper()
	if ClusterMode(t) {
		return Shared(t).(*Cluster)
	}
	return StartCluster(t)
}

func TestCluster(t *testing.T) {
	ctx := context.Background()
	c := someCluster(t)
	rdb := Bare(t, c)
	prefix := Prefix(t)

	t.Run("has three masters that serve every slot", func(t *testing.T) {
		for _, addr := range c.Addrs() {
			node := redis.NewClient(&redis.Options{Addr: addr})
			info, err := node.ClusterInfo(ctx).Result()
			_ = node.Close()
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"cluster_state:ok", "cluster_slots_assigned:16384", "cluster_size:3", "cluster_known_nodes:3"} {
				if !slices.Contains(strings.Fields(info), want) {
					t.Errorf("node %s: no %q in\n%s", addr, want, info)
				}
			}
		}
	})

	t.Run("spreads keys of different hash tags over every node", func(t *testing.T) {
		for i := range 60 {
			if err := rdb.Set(ctx, fmt.Sprintf("%s:{org%d}:x", prefix, i), i, 0).Err(); err != nil {
				t.Fatal(err)
			}
		}
		for _, addr := range c.Addrs() {
			node := redis.NewClient(&redis.Options{Addr: addr})
			keys, err := node.Keys(ctx, prefix+":*").Result()
			_ = node.Close()
			if err != nil {
				t.Fatal(err)
			}
			if len(keys) == 0 {
				t.Errorf("node %s holds none of 60 keys with different tags", addr)
			}
		}
	})

	t.Run("refuses a command whose keys are in different slots", func(t *testing.T) {
		err := rdb.MSet(ctx, prefix+":{a}:x", 1, prefix+":{b}:y", 2).Err()
		if err == nil || !strings.HasPrefix(err.Error(), "CROSSSLOT") {
			t.Fatalf("MSET across slots: %v, want CROSSSLOT", err)
		}
	})

	t.Run("refuses a script that reaches past its declared slot", func(t *testing.T) {
		// What SameSlotHook cannot see: a key the script builds itself.
		err := rdb.Eval(ctx, "return redis.call('GET', ARGV[1])",
			[]string{prefix + ":{a}:x"}, prefix+":{b}:y").Err()
		if err == nil || errors.Is(err, redis.Nil) {
			t.Fatalf("script reaching another slot: %v, want an error", err)
		}
	})

	t.Run("names the node that serves a key's slot", func(t *testing.T) {
		for _, org := range []string{"acme", "globex", "initech"} {
			key := prefix + ":{" + org + "}:x"
			if err := rdb.Set(ctx, key, org, 0).Err(); err != nil {
				t.Fatal(err)
			}
			// A plain client on the named node reads the key itself; any other node answers MOVED.
			node := redis.NewClient(&redis.Options{Addr: c.MasterOf(t, key).Addr()})
			got, err := node.Get(ctx, key).Result()
			_ = node.Close()
			if err != nil || got != org {
				t.Errorf("GET %s on the node named for it: %q, %v", key, got, err)
			}
		}
	})

	t.Run("computes slots as the cluster does", func(t *testing.T) {
		for _, key := range []string{"", "foo", "somekey", "{foo}bar", "mx:{acme}:user:01J", "mx:enroll:ab12",
			"{}foo", "foo{}{bar}", "foo{{bar}}zap", "foo{bar}{zap}", "{", "}{x}", "é€"} {
			want, err := rdb.ClusterKeySlot(ctx, key).Result()
			if err != nil {
				t.Fatal(err)
			}
			if got := Slot(key); got != int(want) {
				t.Errorf("Slot(%q) = %d, CLUSTER KEYSLOT says %d", key, got, want)
			}
		}
	})
}

func TestSameSlotHook(t *testing.T) {
	ctx := context.Background()
	r := Shared(t)
	prefix := Prefix(t)
	var reports []string
	rdb := Bare(t, r)
	rdb.AddHook(SameSlotHook(func(what string) { reports = append(reports, what) }))
	script := redis.NewScript("redis.call('SET', KEYS[1], 1) redis.call('SET', KEYS[2], 2) return 0")
	acme, globex, global := prefix+":{acme}:a", prefix+":{globex}:b", prefix+":enroll:c"

	t.Run("lets a script whose keys share a hash tag run", func(t *testing.T) {
		reports = nil
		if err := script.Run(ctx, rdb, []string{acme, prefix + ":{acme}:b"}).Err(); err != nil {
			t.Fatal(err)
		}
		if len(reports) > 0 {
			t.Fatalf("reported %v", reports)
		}
	})

	for _, keys := range [][]string{{acme, globex}, {acme, global}} {
		t.Run(fmt.Sprintf("refuses and reports a script with keys %s and %s", keys[0], keys[1]), func(t *testing.T) {
			reports = nil
			err := script.Run(ctx, rdb, keys).Err()
			if !errors.Is(err, ErrCrossSlot) {
				t.Fatalf("got %v, want ErrCrossSlot", err)
			}
			if len(reports) != 1 || !strings.Contains(reports[0], keys[1]) {
				t.Fatalf("reports %v, want one naming %s", reports, keys[1])
			}
			if n, _ := rdb.Exists(ctx, keys[0]+"x").Result(); n != 0 {
				t.Fatal("the refused script ran")
			}
		})
	}

	t.Run("refuses a script inside a pipeline", func(t *testing.T) {
		reports = nil
		pipe := rdb.Pipeline()
		script.Eval(ctx, pipe, []string{acme, globex})
		if _, err := pipe.Exec(ctx); !errors.Is(err, ErrCrossSlot) {
			t.Fatalf("got %v, want ErrCrossSlot", err)
		}
		if len(reports) != 1 {
			t.Fatalf("reports %v", reports)
		}
	})

	t.Run("refuses a transaction across slots and runs none of it", func(t *testing.T) {
		reports = nil
		key := prefix + ":{acme}:tx"
		_, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, key, 1, 0)
			p.Set(ctx, globex+"tx", 1, 0)
			return nil
		})
		if !errors.Is(err, ErrCrossSlot) || len(reports) != 1 {
			t.Fatalf("got %v and reports %v, want ErrCrossSlot, reported once", err, reports)
		}
		if n, _ := rdb.Exists(ctx, key).Result(); n != 0 {
			t.Fatal("part of the refused transaction ran")
		}
	})

	t.Run("lets a transaction in one slot and a plain pipeline across slots run", func(t *testing.T) {
		reports = nil
		if _, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, acme, 1, 0)
			p.HSet(ctx, prefix+":{acme}:h", "f", 1)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			p.Get(ctx, acme)
			p.Get(ctx, globex)
			return nil
		}); err != nil && !errors.Is(err, redis.Nil) {
			t.Fatal(err)
		}
		if len(reports) > 0 {
			t.Fatalf("reported %v", reports)
		}
	})
}
