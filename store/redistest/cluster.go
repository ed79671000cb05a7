package redistest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// clusterNodes is the size of every cluster started here: the smallest cluster
// redis-cli creates, and enough that an org's slot and a global key's slot
// usually live on different nodes.
const clusterNodes = 3

// clusterTimeout bounds creating a cluster: starting its nodes, redis-cli
// joining them, and every node agreeing that all slots are served.
const clusterTimeout = 30 * time.Second

// Cluster is a Redis Cluster of masters on loopback without replicas; each node
// is a Server with its own port, cluster bus port and data directory.
type Cluster struct {
	nodes []*Server
}

// StartCluster runs a private cluster for tb and kills its nodes when tb ends.
// The options apply to every node. A test may Kill and Restart a node (see
// MasterOf); it stays in the cluster, with its data, under the same address.
func StartCluster(tb testing.TB, opts ...Option) *Cluster {
	tb.Helper()
	c, err := startCluster(tb.TempDir(), opts...)
	if err != nil {
		tb.Fatal(err)
	}
	for _, n := range c.nodes {
		n.fail = func(format string, args ...any) { tb.Helper(); tb.Fatalf(format, args...) }
	}
	tb.Cleanup(c.kill)
	return c
}

// MasterOf is the node serving key's slot, as the first node that answers sees it.
func (c *Cluster) MasterOf(tb testing.TB, key string) *Server {
	tb.Helper()
	var shards []redis.ClusterShard
	var err error
	for _, n := range c.nodes {
		rdb := redis.NewClient(&redis.Options{Addr: n.Addr(), MaxRetries: -1})
		shards, err = rdb.ClusterShards(context.Background()).Result()
		_ = rdb.Close()
		if err == nil {
			break
		}
	}
	if err != nil {
		tb.Fatalf("redistest: CLUSTER SHARDS: %v", err)
	}
	slot := int64(Slot(key))
	for _, shard := range shards {
		if !slices.ContainsFunc(shard.Slots, func(r redis.SlotRange) bool { return r.Start <= slot && slot <= r.End }) {
			continue
		}
		for _, sn := range shard.Nodes {
			for _, n := range c.nodes {
				if sn.Role == "master" && int(sn.Port) == n.port {
					return n
				}
			}
		}
	}
	tb.Fatalf("redistest: no node serves slot %d of %q", slot, key)
	return nil
}

// WaitOK waits until every node reports cluster_state:ok, as after a node was
// restarted: a master that rejoins waits a moment before it serves again.
func (c *Cluster) WaitOK(tb testing.TB) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), clusterTimeout)
	defer cancel()
	for _, n := range c.nodes {
		if err := waitClusterOK(ctx, n.Addr()); err != nil {
			tb.Fatalf("redistest: cluster node %s not ok within %s: %v", n.Addr(), clusterTimeout, err)
		}
	}
}

// Addrs are the nodes' host:port addresses.
func (c *Cluster) Addrs() []string {
	addrs := make([]string, len(c.nodes))
	for i, n := range c.nodes {
		addrs[i] = n.Addr()
	}
	return addrs
}

// URL is empty: a cluster is reached through ClusterAddrs, not MICROACT_REDIS_URL.
func (c *Cluster) URL() string { return "" }

// ClusterAddrs are the seed nodes, in the form MICROACT_REDIS_CLUSTER_ADDRS takes.
func (c *Cluster) ClusterAddrs() []string { return c.Addrs() }

// Env points microact's configuration at the cluster.
func (c *Cluster) Env() map[string]string {
	return map[string]string{"MICROACT_REDIS_CLUSTER_ADDRS": strings.Join(c.Addrs(), ",")}
}

// Client returns a cluster client, closed when tb ends, that refuses cross-slot
// scripts and transactions before sending them (see SameSlotHook).
func (c *Cluster) Client(tb testing.TB) redis.UniversalClient {
	rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: c.Addrs()})
	rdb.AddHook(SameSlotHookFor(tb))
	tb.Cleanup(func() { _ = rdb.Close() })
	return rdb
}

func startCluster(dir string, opts ...Option) (*Cluster, error) {
	c := &Cluster{}
	for i := range clusterNodes {
		n, err := newClusterNode(filepath.Join(dir, "node"+strconv.Itoa(i)), opts...)
		if err != nil {
			c.kill()
			return nil, err
		}
		c.nodes = append(c.nodes, n)
	}
	if err := c.create(); err != nil {
		c.kill()
		return nil, err
	}
	return c, nil
}

// newClusterNode starts one cluster-enabled server. Its bus port is chosen
// explicitly: the default (port + 10000) overflows for most ephemeral ports.
func newClusterNode(dir string, opts ...Option) (*Server, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		bus, err := freePort()
		if err != nil {
			return nil, err
		}
		s, err := newServer(dir, append([]Option{ExtraArgs(
			"--cluster-enabled", "yes", "--cluster-port", strconv.Itoa(bus),
			"--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000",
		)}, opts...)...)
		// The bus port may be taken between choosing it and binding it too.
		if err == nil || attempt == 4 || !errors.Is(err, errAddrInUse) {
			return s, err
		}
	}
}

// create joins the nodes with redis-cli into one cluster and waits until every
// node reports cluster_state:ok, so the first test never meets CLUSTERDOWN.
func (c *Cluster) create() error {
	cli, err := exec.LookPath("redis-cli")
	if err != nil {
		return errors.New("redistest: redis-cli is not on PATH; it comes with redis-server " +
			"(`apt-get install -y redis-server`, or run `make test`)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), clusterTimeout)
	defer cancel()
	args := append([]string{"--cluster", "create"}, c.Addrs()...)
	args = append(args, "--cluster-replicas", "0", "--cluster-yes")
	if out, err := exec.CommandContext(ctx, cli, args...).CombinedOutput(); err != nil {
		return fmt.Errorf("redistest: redis-cli --cluster create: %w\n%s", err, out)
	}
	deadline, _ := ctx.Deadline()
	for _, n := range c.nodes {
		if err := waitClusterOK(ctx, n.Addr()); err != nil {
			return fmt.Errorf("redistest: cluster node %s not ready by %s: %w\n%s",
				n.Addr(), deadline.Format(time.TimeOnly), err, n.logTail())
		}
	}
	return nil
}

func waitClusterOK(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, PoolSize: 1})
	defer rdb.Close()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		info, err := rdb.ClusterInfo(ctx).Result()
		if err == nil && strings.Contains(info, "cluster_state:ok") {
			return nil
		}
		select {
		case <-ctx.Done():
			if err == nil {
				err = errors.New(strings.TrimSpace(strings.SplitN(info, "\n", 2)[0]))
			}
			return err
		case <-tick.C:
		}
	}
}

// kill ends every node; the data is throwaway.
func (c *Cluster) kill() {
	for _, n := range c.nodes {
		_ = n.kill()
	}
}
