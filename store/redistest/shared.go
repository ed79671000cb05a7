package redistest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
)

var (
	mainCalled atomic.Bool

	sharedOnce   sync.Once
	sharedServer *Server
	sharedErr    error

	issuedPrefixes sync.Map
)

// Main runs the package's tests and then removes the server Shared started.
// Call it from TestMain in every package that uses Shared:
//
//	func TestMain(m *testing.M) { redistest.Main(m) }
func Main(m *testing.M) {
	mainCalled.Store(true)
	code := m.Run()
	if sharedServer != nil {
		// Its data is throwaway, so killing is enough and quicker than SHUTDOWN.
		_ = sharedServer.kill()
		_ = os.RemoveAll(sharedServer.dir)
	}
	os.Exit(code)
}

// Shared returns the one server of this test binary, starting it on first use.
// Tests sharing it must keep their keys under Prefix(tb) and must not Kill,
// Stop or Restart it; use Start for that.
func Shared(tb testing.TB) *Server {
	tb.Helper()
	if !mainCalled.Load() {
		tb.Fatal("redistest: Shared needs TestMain to call redistest.Main(m), " +
			"which removes the server when the tests end")
	}
	sharedOnce.Do(func() {
		// Not tb.TempDir: the server outlives the test that happens to start it.
		dir, err := os.MkdirTemp("", "redistest-")
		if err != nil {
			sharedErr = err
			return
		}
		s, err := newServer(dir)
		if err != nil {
			_ = os.RemoveAll(dir)
			sharedErr = err
			return
		}
		s.fail = func(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }
		sharedServer = s
	})
	if sharedErr != nil {
		tb.Fatal(sharedErr)
	}
	return sharedServer
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
