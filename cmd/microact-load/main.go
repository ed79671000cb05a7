// Command microact-load measures a running `microact serve` under a morning rush.
//
// It seeds an org of many users in many teams straight into Redis (the same store the server
// uses), makes up a month of history with an injected clock, enrolls every user over HTTP so
// that each simulated phone has its own token, and then drives the API: closed-loop phases
// per endpoint (throughput, p50, p99, and the ratio to GET /readyz measured in the same run,
// the floor of one Redis round trip through the same stack), followed by an open-loop mix at a
// fixed rate whose latencies count from the moment each request was due, so a stalled server
// cannot hide its queue. It prints a Markdown report; `make bench` runs it against a private
// Redis and server.
//
// It deletes and recreates the org it is given (default "loadtest") and touches nothing else.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store"
)

type options struct {
	url, redisURL, prefix, org string
	floor                      string
	cluster                    []string
	users, teams, days         int
	workers                    int
	phase, mixed               time.Duration
	rate                       int
	seed                       uint64
	serverPID                  int
	commands                   bool
	cpuProfile                 string // file for the load generator's own CPU profile of the phases
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "microact-load:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("microact-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.url, "url", "http://127.0.0.1:8080", "base URL of the running microact serve (loopback only)")
	fs.StringVar(&o.redisURL, "redis", envOr("MICROACT_REDIS_URL", "redis://127.0.0.1:6379/0"), "Redis the server uses, for seeding and memory figures")
	cluster := fs.String("redis-cluster", os.Getenv("MICROACT_REDIS_CLUSTER_ADDRS"), "comma-separated Cluster nodes (instead of -redis)")
	fs.StringVar(&o.prefix, "prefix", envOr("MICROACT_KEY_PREFIX", "mx"), "key prefix the server uses")
	fs.StringVar(&o.org, "org", "loadtest", "org to (re)create; its data is deleted first")
	fs.IntVar(&o.users, "users", 10000, "users to seed")
	fs.IntVar(&o.teams, "teams", 200, "teams to spread them over (one lead each)")
	fs.IntVar(&o.days, "days", 30, "days of history to simulate before today")
	fs.IntVar(&o.workers, "workers", 32, "concurrent clients in the closed-loop phases")
	fs.DurationVar(&o.phase, "phase", 8*time.Second, "length of each closed-loop phase")
	fs.DurationVar(&o.mixed, "mixed", 20*time.Second, "length of the open-loop mixed phase")
	fs.IntVar(&o.rate, "rate", 1000, "requests per second in the mixed phase")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the simulated history and request choices")
	fs.StringVar(&o.floor, "floor", "", "Lua file to run as the floor of a write instead of the built-in essential-outcome.lua")
	fs.IntVar(&o.serverPID, "server-pid", 0, "process id of the microact serve under test, to report its CPU per request (0: not reported)")
	fs.BoolVar(&o.commands, "commands", false, "log where Redis' time went in each closed-loop phase (`INFO commandstats`, per request)")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write the load generator's own CPU profile, from the rush to the end of the mix, to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cluster != "" {
		o.cluster = strings.Split(*cluster, ",")
	}
	if !loopback(o.url) {
		return errors.New("-url must point at 127.0.0.1, ::1 or localhost: load is only ever sent to this machine")
	}
	if o.users < 2*o.teams || o.teams < 1 {
		return errors.New("-users must be at least twice -teams, and -teams at least 1")
	}
	st, err := store.Connect(store.Options{URL: o.redisURL, ClusterAddrs: o.cluster, KeyPrefix: o.prefix}, domain.SystemClock{})
	if err != nil {
		return err
	}
	defer st.Close()
	h := newHarness(o, st, stderr)
	rep, err := h.run(ctx)
	if err != nil {
		return err
	}
	return rep.write(stdout)
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func loopback(url string) bool {
	for _, p := range []string{"http://127.0.0.1:", "http://localhost:", "http://[::1]:"} {
		if strings.HasPrefix(url, p) {
			return true
		}
	}
	return false
}
