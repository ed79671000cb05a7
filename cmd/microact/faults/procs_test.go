package faults

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/microact/microact/handlers"
	"github.com/microact/microact/store/redistest"
)

// TestMain runs the tests and then removes the microact binary they built, if any.
func TestMain(m *testing.M) {
	code := m.Run()
	if binary.dir != "" {
		_ = os.RemoveAll(binary.dir)
	}
	os.Exit(code)
}

// binary is the microact command, built once per test binary by the first test that needs it.
var binary struct {
	once      sync.Once
	dir, path string
	err       error
}

// microact builds the real binary with `go build` and returns its path. It is built without
// -race even when the tests run with it: the servers start and answer five times faster, and
// their code paths under outage run in-process under -race in the handlers tests already.
func microact(t *testing.T) string {
	t.Helper()
	binary.once.Do(func() {
		if binary.dir, binary.err = os.MkdirTemp("", "microact-faults-"); binary.err != nil {
			return
		}
		binary.path = filepath.Join(binary.dir, "microact")
		began := time.Now()
		// go test puts its own GOROOT/bin first on PATH, so this is the toolchain testing us.
		out, err := exec.Command("go", "build", "-o", binary.path, "github.com/microact/microact/cmd/microact").CombinedOutput()
		t.Logf("go build: %s", time.Since(began).Round(time.Millisecond))
		if err != nil {
			binary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binary.err != nil {
		t.Fatal(binary.err)
	}
	return binary.path
}

// startTimeout bounds how long a microact process may take to answer after it starts.
const startTimeout = 20 * time.Second

// deployment is what the microact processes of one test share: a Redis, a signing key (so a
// token one replica issued is good on another) and the rest of their environment.
type deployment struct {
	t   *testing.T
	bin string
	env map[string]string
}

func newDeployment(t *testing.T, redisURL string, extra map[string]string) *deployment {
	t.Helper()
	pem, err := handlers.GenerateKeyPEM()
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "jwt.pem")
	if err := os.WriteFile(keyFile, pem, 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"MICROACT_REDIS_URL":    redisURL,
		"MICROACT_JWT_KEY_FILE": keyFile,
		"MICROACT_ENV":          "prod",
	}
	maps.Copy(env, extra)
	return &deployment{t: t, bin: microact(t), env: env}
}

// environ is the child's environment: this process's without any MICROACT_* setting of the
// developer's, plus the deployment's and overrides.
func (d *deployment) environ(overrides map[string]string) []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "MICROACT_") {
			out = append(out, kv)
		}
	}
	all := maps.Clone(d.env)
	maps.Copy(all, overrides)
	for _, k := range slices.Sorted(maps.Keys(all)) {
		out = append(out, k+"="+all[k])
	}
	return out
}

// command runs a one-shot microact command (org create, user code…) and returns its stdout.
func (d *deployment) command(args ...string) string {
	d.t.Helper()
	cmd := exec.Command(d.bin, args...)
	cmd.Env = d.environ(nil)
	cmd.Dir = d.t.TempDir()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		d.t.Fatalf("microact %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// replica is one `microact serve` process on a fixed loopback port, which it keeps across
// kills and restarts.
type replica struct {
	t       *testing.T
	bin     string
	name    string
	args    []string
	env     []string
	addr    string
	logPath string
	dir     string // working directory

	mu   sync.Mutex
	cmd  *exec.Cmd
	done <-chan struct{}
}

// serve starts `microact serve args...` and waits until it is ready: until /readyz answers 200.
func (d *deployment) serve(name string, args ...string) *replica {
	d.t.Helper()
	port := freePort(d.t)
	r := &replica{
		t: d.t, bin: d.bin, name: name, args: append([]string{"serve"}, args...),
		addr:    net.JoinHostPort("127.0.0.1", strconv.Itoa(port)),
		logPath: filepath.Join(d.t.TempDir(), name+".log"),
		dir:     d.t.TempDir(),
	}
	r.env = d.environ(map[string]string{"MICROACT_HTTP_ADDR": r.addr})
	d.t.Cleanup(func() {
		r.kill()
		if d.t.Failed() {
			log, _ := os.ReadFile(r.logPath)
			d.t.Logf("%s log (tail):\n%s", r.name, tail(log, 3000))
		}
	})
	r.start()
	return r
}

// URL is the replica's base URL.
func (r *replica) URL() string { return "http://" + r.addr }

func (r *replica) start() {
	r.t.Helper()
	log, err := os.OpenFile(r.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		r.t.Fatal(err)
	}
	defer log.Close() // the child holds its own copy
	cmd := exec.Command(r.bin, r.args...)
	cmd.Env, cmd.Stdout, cmd.Stderr = r.env, log, log
	cmd.Dir = r.dir
	done, err := redistest.StartTied(cmd) // killed should the test binary die
	if err != nil {
		r.t.Fatal(err)
	}
	r.mu.Lock()
	r.cmd, r.done = cmd, done
	r.mu.Unlock()

	ready := func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, r.URL()+"/readyz", nil)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	}
	began := time.Now()
	defer func() { r.t.Logf("%s ready in %s", r.name, time.Since(began).Round(time.Millisecond)) }()
	deadline := time.Now().Add(startTimeout)
	for !ready() {
		select {
		case <-done:
			b, _ := os.ReadFile(r.logPath)
			r.t.Fatalf("%s exited while starting:\n%s", r.name, tail(b, 3000))
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(r.logPath)
			r.t.Fatalf("%s was not ready within %s:\n%s", r.name, startTimeout, tail(b, 3000))
		}
	}
}

// kill ends the process with SIGKILL, as a crash would, and waits until it is gone.
func (r *replica) kill() {
	r.mu.Lock()
	cmd, done := r.cmd, r.done
	r.mu.Unlock()
	if cmd == nil {
		return
	}
	if err := cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		r.t.Errorf("kill %s: %v", r.name, err)
	}
	<-done
}

// signal sends sig to the process (SIGTERM: a graceful stop).
func (r *replica) signal(sig os.Signal) {
	r.t.Helper()
	r.mu.Lock()
	cmd := r.cmd
	r.mu.Unlock()
	if err := cmd.Process.Signal(sig); err != nil {
		r.t.Fatalf("signal %s: %v", r.name, err)
	}
}

// exited waits up to within for the process to end and answers its exit status.
func (r *replica) exited(within time.Duration) int {
	r.t.Helper()
	r.mu.Lock()
	cmd, done := r.cmd, r.done
	r.mu.Unlock()
	select {
	case <-done:
		return cmd.ProcessState.ExitCode()
	case <-time.After(within):
		r.t.Fatalf("%s did not exit within %s", r.name, within)
		return -1
	}
}

// pid is the process id of the process's current run.
func (r *replica) pid() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.cmd.Process.Pid
}

// log is the process's log (all its runs).
func (r *replica) log() string {
	b, _ := os.ReadFile(r.logPath)
	return string(b)
}

// restart starts the killed process again with the same port, arguments and environment.
func (r *replica) restart() {
	r.t.Helper()
	r.kill()
	r.start()
}

// logged reports whether the process's log (all its runs) contains s.
func (r *replica) logged(s string) bool {
	b, _ := os.ReadFile(r.logPath)
	return bytes.Contains(b, []byte(s))
}

// freePort is a port for a microact replica, which the tests kill and start again on it: one
// outside the kernel's ephemeral range (see redistest.FreePort).
func freePort(t *testing.T) int {
	t.Helper()
	port, err := redistest.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	return port
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

// eventually polls cond until it holds or the deadline passes, then fails with what.
func eventually(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %s: %s", within, what)
		}
		time.Sleep(20 * time.Millisecond) // polling interval, not synchronisation
	}
}
