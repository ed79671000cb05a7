// Package redistest runs real redis-server processes for tests.
//
// Tests that touch Redis run against the real thing, never an emulation, and
// never against the developer's own Redis on port 6379: every server started
// here listens on a free loopback port and keeps its data in its own directory.
//
// Start gives a test a private server it may kill and restart. Shared gives a
// whole test binary one Redis; tests on it keep apart by building their keys
// under Prefix(t). A package that uses Shared must call Main from TestMain:
//
//	func TestMain(m *testing.M) { redistest.Main(m) }
//
// With MICROACT_TEST_REDIS=cluster, Shared is a 3-node Redis Cluster instead of
// one server, so the same tests prove that every script and transaction keeps
// to one slot. Start stays a standalone server in that mode: its tests kill and
// restart one process, which a cluster has no single equivalent of.
package redistest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// readyTimeout bounds how long a start or restart may take before the test fails.
const readyTimeout = 10 * time.Second

// Option changes how a server started by Start is configured.
type Option func(*config)

type config struct {
	fsync string
	extra []string
}

// AppendFsyncAlways makes Redis fsync the AOF on every write, so a Kill loses
// nothing; the default (everysec) may lose the last second, as in production.
func AppendFsyncAlways() Option { return func(c *config) { c.fsync = "always" } }

// ExtraArgs appends redis-server command-line arguments, e.g. "--maxmemory", "10mb".
func ExtraArgs(args ...string) Option {
	return func(c *config) { c.extra = append(c.extra, args...) }
}

// Server is one redis-server process on a fixed port and data directory, which
// survive Kill, Stop and Restart so that the AOF is replayed on restart.
type Server struct {
	bin  string
	port int
	dir  string
	args []string
	fail func(format string, args ...any) // tb.Fatalf for Start; panic for Shared

	mu      sync.Mutex
	proc    *exec.Cmd
	done    <-chan struct{} // closed once proc has exited
	logFrom int64           // size of redis.log when proc started: its own lines follow
}

// Start runs a private redis-server for tb and kills it when tb ends.
func Start(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s, err := newServer(tb.TempDir(), opts...)
	if err != nil {
		tb.Fatal(err)
	}
	s.fail = func(format string, args ...any) { tb.Helper(); tb.Fatalf(format, args...) }
	tb.Cleanup(func() {
		if tb.Failed() { // what the server said, and whether it was still running
			state := "running"
			if proc, _ := s.running(); proc == nil && s.proc != nil {
				state = s.proc.ProcessState.String()
			}
			tb.Logf("redis-server on port %d (%s), log (tail):\n%s", s.port, state, s.logTail())
		}
		_ = s.kill()
	})
	return s
}

// Addr is the server's host:port.
func (s *Server) Addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)) }

// URL is the server's address in the form MICROACT_REDIS_URL takes.
func (s *Server) URL() string { return "redis://" + s.Addr() + "/0" }

// ClusterAddrs is nil: a standalone server is reached through URL.
func (s *Server) ClusterAddrs() []string { return nil }

// Env points microact's configuration at the server.
func (s *Server) Env() map[string]string { return map[string]string{"MICROACT_REDIS_URL": s.URL()} }

// Client returns a go-redis client for the server, closed when tb ends, that
// refuses cross-slot scripts and transactions as a cluster would (see
// SameSlotHook). It reconnects by itself after Kill and Restart.
func (s *Server) Client(tb testing.TB) redis.UniversalClient {
	c := redis.NewClient(&redis.Options{Addr: s.Addr()})
	c.AddHook(SameSlotHookFor(tb))
	tb.Cleanup(func() { _ = c.Close() })
	return c
}

// Kill ends the server with SIGKILL, as a crash or power loss would, and waits
// until the process is gone. Writes not yet fsynced to the AOF are lost.
func (s *Server) Kill() {
	if err := s.kill(); err != nil {
		s.fail("redistest: kill: %v", err)
	}
}

// Stop shuts the server down gracefully (SHUTDOWN), which flushes the AOF.
func (s *Server) Stop() {
	if err := s.stop(); err != nil {
		s.fail("redistest: stop: %v", err)
	}
}

// Restart starts the server again on the same port and data directory and
// waits until it answers; a server still running is stopped first.
func (s *Server) Restart() {
	if err := s.stop(); err != nil {
		s.fail("redistest: restart: %v", err)
		return
	}
	if err := s.launch(true); err != nil {
		s.fail("redistest: restart: %v", err)
	}
}

func newServer(dir string, opts ...Option) (*Server, error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, errors.New("redistest: redis-server is not on PATH; install it with " +
			"`apt-get install -y redis-server` or run `make test`, which installs it")
	}
	cfg := config{fsync: "everysec"}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{bin: bin, dir: dir}
	s.args = append([]string{
		"--bind", "127.0.0.1", "--dir", dir,
		"--appendonly", "yes", "--appendfsync", cfg.fsync, "--save", "",
		"--daemonize", "no", "--logfile", filepath.Join(dir, "redis.log"),
	}, cfg.extra...)

	// Between choosing a free port and redis-server binding it another process
	// may take it; a new port then fixes what waiting would not.
	for attempt := 0; ; attempt++ {
		if s.port, err = freePort(); err != nil {
			return nil, err
		}
		err = s.launch(false)
		if err == nil || attempt == 4 || !errors.Is(err, errAddrInUse) {
			return s, err
		}
	}
}

var errAddrInUse = errors.New("address already in use")

// launch starts the process and waits until it answers PING. Right after a
// stop our own port can still be held (a closing listener, TIME_WAIT), so on
// a restart a process that exits complaining about the address is started
// again until the deadline.
func (s *Server) launch(restart bool) error {
	deadline := time.Now().Add(readyTimeout)
	for {
		done, err := s.spawn()
		if err != nil {
			return err
		}
		err = waitReady(s.Addr(), done, deadline)
		if err == nil {
			return nil
		}
		_ = s.kill()
		log := s.logTail()
		if strings.Contains(log, "already in use") {
			err = fmt.Errorf("port %d: %w", s.port, errAddrInUse)
			if restart && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond) // back off before the port is tried again
				continue
			}
		}
		return fmt.Errorf("redis-server on port %d did not become ready: %w\n%s", s.port, err, log)
	}
}

func (s *Server) spawn() (<-chan struct{}, error) {
	out, err := os.OpenFile(filepath.Join(s.dir, "redis.out"), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	defer out.Close() // the child holds its own copy
	var logFrom int64
	if fi, err := os.Stat(filepath.Join(s.dir, "redis.log")); err == nil {
		logFrom = fi.Size()
	}

	cmd := exec.Command(s.bin, append([]string{"--port", strconv.Itoa(s.port)}, s.args...)...)
	cmd.Stdout, cmd.Stderr = out, out // early errors (bad args) go here, not to the log file
	done, err := StartTied(cmd)
	if err != nil {
		return nil, err
	}

	s.mu.Lock()
	s.proc, s.done, s.logFrom = cmd, done, logFrom
	s.mu.Unlock()
	return done, nil
}

// waitReady polls until the server answers PING. It only asks go-redis once
// the port accepts connections, because go-redis logs every failed dial and a
// starting server would fill the test output with them.
func waitReady(addr string, exited <-chan struct{}, deadline time.Time) error {
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, PoolSize: 1})
	defer c.Close()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		err := pingIfListening(c, addr, deadline)
		if err == nil {
			return nil
		}
		select {
		case <-exited:
			return errors.New("process exited")
		case <-tick.C:
			if time.Now().After(deadline) {
				return fmt.Errorf("no PING answer within %s: %w", readyTimeout, err)
			}
		}
	}
}

func pingIfListening(c *redis.Client, addr string, deadline time.Time) error {
	conn, err := net.DialTimeout("tcp", addr, 250*time.Millisecond)
	if err != nil {
		return err
	}
	_ = conn.Close()
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	return c.Ping(ctx).Err() // fails with LOADING while the AOF is replayed
}

func (s *Server) running() (*exec.Cmd, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc == nil {
		return nil, nil
	}
	select {
	case <-s.done:
		return nil, nil
	default:
		return s.proc, s.done
	}
}

func (s *Server) kill() error {
	proc, done := s.running()
	if proc == nil {
		return nil
	}
	if err := proc.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	<-done
	return nil
}

func (s *Server) stop() error {
	proc, done := s.running()
	if proc == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), readyTimeout)
	defer cancel()
	c := redis.NewClient(&redis.Options{Addr: s.Addr(), MaxRetries: -1})
	defer c.Close()
	if err := c.Shutdown(ctx).Err(); err != nil {
		_ = s.kill()
		return fmt.Errorf("SHUTDOWN: %w", err)
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		_ = s.kill()
		return errors.New("redis-server did not exit after SHUTDOWN")
	}
}

// logTail returns what the last process wrote, to explain why it failed. The
// log file is appended to across restarts, so earlier runs' lines are skipped.
func (s *Server) logTail() string {
	s.mu.Lock()
	from := s.logFrom
	s.mu.Unlock()
	out, _ := os.ReadFile(filepath.Join(s.dir, "redis.out"))
	log, _ := os.ReadFile(filepath.Join(s.dir, "redis.log"))
	if int64(len(log)) >= from {
		log = log[from:]
	}
	text := string(out) + string(log)
	if len(text) > 4000 {
		text = text[len(text)-4000:]
	}
	return text
}

func freePort() (int, error) { return FreePort() }

// FreePort answers a loopback TCP port free now, below the kernel's ephemeral range where it
// can tell that range (Linux), else one the kernel picks. A server the tests kill and start
// again on its port leaves it free meanwhile: a port of the ephemeral range could then be given
// to any socket — the source of a connection, a test's listener on port 0, even a client
// connecting to that very port, which TCP lets connect to itself — and the server's restart
// would find it taken, or its clients talking to something else.
func FreePort() (int, error) {
	if low := ephemeralLow(); low > firstPort+100 {
		for range 100 {
			port := firstPort + rand.IntN(low-firstPort)
			if l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port))); err == nil {
				_ = l.Close()
				return port, nil
			}
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// firstPort is the lowest port FreePort picks: above the ports services here are known for.
const firstPort = 20000

// ephemeralLow is the first port of the kernel's ephemeral range, or 0 when unknown.
func ephemeralLow() int {
	b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) != 2 {
		return 0
	}
	n, _ := strconv.Atoi(f[0])
	return n
}
