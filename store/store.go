// Package store keeps microact's data in Redis. It is the only package that imports go-redis.
package store

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/internal/copies"
	"github.com/redis/go-redis/v9"
)

// Options say how to reach Redis.
type Options struct {
	URL          string   // redis:// or rediss:// for a standalone server
	ClusterAddrs []string // when set, Redis Cluster is used and URL is ignored
	KeyPrefix    string
}

// Store implements the domain's store interfaces on Redis.
type Store struct {
	rdb    redis.UniversalClient
	keys   keys
	clock  domain.Clock
	groups sync.Map // orgs whose outbox consumer group exists

	// What the daily and feed scripts' answers decode to (see decodeCache).
	gestures   *decodeCache[domain.Gesture]
	values     *decodeCache[domain.Value]
	challenges *decodeCache[domain.Challenge]
	users      *decodeCache[domain.User]
	teams      *decodeCache[domain.Team]
	stories    *decodeCache[domain.Story]

	catalogs *catalogCopies // the feed's copies of orgs' gestures and values (see catalogCopy)
	feeds    *copies.Cache[feedPage]
	loops    *copies.Cache[loopCopy] // users' states a first read or swap decides from (see loopCopy)
	loopOrgs *copies.Cache[loopOrg]
	// users' stats and badges an outcome decides from (see statsCopy)
	statsCopies *copies.Cache[statsCopy]
}

// Connect builds a client for opts. It does not dial: Redis may come up later, and every call
// answers domain's Unavailable until it does.
func Connect(opts Options, clock domain.Clock) (*Store, error) {
	var rdb redis.UniversalClient
	if len(opts.ClusterAddrs) > 0 {
		rdb = redis.NewClusterClient(&redis.ClusterOptions{
			Addrs:       opts.ClusterAddrs,
			DialTimeout: time.Second, ReadTimeout: time.Second, WriteTimeout: time.Second, PoolSize: 64,
			MaxRetries: -1, // see below
		})
	} else {
		o, err := redis.ParseURL(opts.URL)
		if err != nil {
			return nil, fmt.Errorf("redis url: %w", err)
		}
		if o.TLSConfig != nil && o.TLSConfig.MinVersion == 0 {
			o.TLSConfig.MinVersion = tls.VersionTLS12
		}
		// Short timeouts: a Redis outage should answer 503 quickly, not hang. No retries: a
		// command whose answer was lost may well have run, and the scripts are not all
		// idempotent on their own (a swap, a notification); the API answers 503 and the app
		// retries with its Idempotency-Key, which is.
		o.DialTimeout, o.ReadTimeout, o.WriteTimeout, o.MaxRetries = time.Second, time.Second, time.Second, -1
		// Push workers deliver dozens of notifications at once, each a few Redis calls.
		o.PoolSize = max(o.PoolSize, 64)
		rdb = redis.NewClient(o)
	}
	return New(rdb, opts.KeyPrefix, clock), nil
}

// New wraps an existing client; tests use it with their own redis-server.
func New(rdb redis.UniversalClient, prefix string, clock domain.Clock) *Store {
	return &Store{
		rdb: rdb, keys: keys{prefix: prefix}, clock: clock,
		gestures: newDecodeCache[domain.Gesture](4096), values: newDecodeCache[domain.Value](1024),
		challenges: newDecodeCache[domain.Challenge](1024), users: newDecodeCache[domain.User](20_000),
		teams: newDecodeCache[domain.Team](4096), stories: newParseCache(20_000, decodeStoryCard),
		catalogs: newCatalogCopies(), feeds: copies.New[feedPage](feedPages),
		loops: copies.New[loopCopy](loopCopiesKept), loopOrgs: copies.New[loopOrg](loopOrgCopiesKept),
		statsCopies: copies.New[statsCopy](loopCopiesKept),
	}
}

// Client returns the underlying client for the packages wired to it (metrics, rate limiting).
func (s *Store) Client() redis.UniversalClient { return s.rdb }

// Close closes the connections.
func (s *Store) Close() error { return s.rdb.Close() }

// Ping checks that Redis answers.
func (s *Store) Ping(ctx context.Context) error {
	return translate("ping", s.rdb.Ping(ctx).Err())
}

// translate turns a go-redis error into a domain error at this package's boundary: a missing
// key is the caller's business (it passes notFound), a server that cannot serve (connection
// refused, timeout, LOADING, CLUSTERDOWN, READONLY…) is Unavailable, anything else a bug.
func translate(op string, err error) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	if errors.Is(err, context.Canceled) {
		return domain.Unavailable(fmt.Errorf("%s: %w", op, err))
	}
	var rerr redis.Error
	if errors.As(err, &rerr) {
		msg := rerr.Error()
		for _, p := range []string{"LOADING", "CLUSTERDOWN", "MASTERDOWN", "READONLY", "TRYAGAIN", "BUSY", "MOVED", "ASK", "NOREPLICAS", "MISCONF"} {
			if strings.HasPrefix(msg, p) {
				return domain.Unavailable(fmt.Errorf("%s: %w", op, err))
			}
		}
		return domain.Internal(op, err)
	}
	// Network errors, pool timeouts, a closed client: Redis cannot be reached.
	return domain.Unavailable(fmt.Errorf("%s: %w", op, err))
}

// UsedMemory is the memory Redis has allocated (INFO memory's used_memory), summed over the
// primaries of a Cluster. The load harness reports bytes per user and per outcome with it.
func (s *Store) UsedMemory(ctx context.Context) (int64, error) {
	var n int64
	err := s.sumInfo(ctx, "memory", func(fields map[string]string) error {
		v, ok := fields["used_memory"]
		if !ok {
			return errors.New("INFO memory has no used_memory")
		}
		m, err := strconv.ParseInt(v, 10, 64)
		n += m
		return err
	})
	return n, err
}

// RedisCPU is the CPU time Redis' main thread has used (INFO cpu's used_cpu_user_main_thread
// and used_cpu_sys_main_thread, or the process's figures on a Redis without them), summed over
// the primaries of a Cluster. The load harness divides its growth by the requests of a phase:
// the Redis cost of a request, which a busy machine's scheduling does not inflate the way it
// does latencies.
func (s *Store) RedisCPU(ctx context.Context) (time.Duration, error) {
	var total float64
	err := s.sumInfo(ctx, "cpu", func(fields map[string]string) error {
		user, sys := "used_cpu_user_main_thread", "used_cpu_sys_main_thread"
		if _, ok := fields[user]; !ok {
			user, sys = "used_cpu_user", "used_cpu_sys"
		}
		for _, name := range []string{user, sys} {
			f, err := strconv.ParseFloat(fields[name], 64)
			if err != nil {
				return fmt.Errorf("INFO cpu %s: %w", name, err)
			}
			total += f
		}
		return nil
	})
	return time.Duration(total * float64(time.Second)), err
}

// sumInfo reads an INFO section of Redis, or of each primary of a Cluster in turn, as fields.
func (s *Store) sumInfo(ctx context.Context, section string, add func(fields map[string]string) error) error {
	var mu sync.Mutex
	return s.eachPrimary(ctx, func(ctx context.Context, c *redis.Client) error {
		fields, err := info(ctx, c, section)
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		return add(fields)
	})
}

// info reads an INFO section of one server as fields.
func info(ctx context.Context, c *redis.Client, section string) (map[string]string, error) {
	text, err := c.Info(ctx, section).Result()
	if err != nil {
		return nil, err
	}
	fields := map[string]string{}
	for _, line := range strings.Split(text, "\r\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			fields[k] = v
		}
	}
	return fields, nil
}

// eachPrimary calls f with the Redis server, or with each primary of a Cluster (concurrently).
func (s *Store) eachPrimary(ctx context.Context, f func(ctx context.Context, c *redis.Client) error) error {
	switch c := s.rdb.(type) {
	case *redis.Client:
		return f(ctx, c)
	case *redis.ClusterClient:
		return c.ForEachMaster(ctx, f)
	}
	return fmt.Errorf("unsupported client %T", s.rdb)
}

// RedisForks is how many times Redis has forked since it started (INFO stats' total_forks: an
// AOF rewrite or an RDB save each fork), summed over the primaries of a Cluster. The load
// harness marks the phases during which it grew: after a fork every page of Redis' memory is
// copy-on-write, and the first write to each costs a page fault (a new field in ~10,000 hashes
// cost 14 µs per HSET right after a fork, 4–5 µs without one, on this project's VM).
func (s *Store) RedisForks(ctx context.Context) (int64, error) {
	var total int64
	err := s.sumInfo(ctx, "stats", func(fields map[string]string) error {
		n, err := strconv.ParseInt(fields["total_forks"], 10, 64)
		if err != nil {
			return fmt.Errorf("INFO stats total_forks: %w", err)
		}
		total += n
		return nil
	})
	return total, err
}
