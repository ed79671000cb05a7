package redistest

import (
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"testing"
)

// A goroutine that ends locked to its thread ends the thread, and the kernel then kills every
// child started from that thread with a parent-death signal; a child StartTied started lives on.
func TestStartTiedOutlivesTheThreadOfItsCaller(t *testing.T) {
	var plain, tied *exec.Cmd
	var plainDone, tiedDone <-chan struct{}
	started := make(chan error, 1)
	var spawn func()
	spawn = func() {
		runtime.LockOSThread() // never unlocked: the thread ends with this goroutine
		if syscall.Gettid() == os.Getpid() {
			// the process's main thread, which the runtime keeps whatever: try another
			runtime.UnlockOSThread()
			go spawn()
			return
		}
		plain = exec.Command("sleep", "60")
		plain.SysProcAttr = dieWithParent()
		if err := plain.Start(); err != nil {
			started <- err
			return
		}
		ch := make(chan struct{})
		go func() { _ = plain.Wait(); close(ch) }()
		plainDone = ch
		tied = exec.Command("sleep", "60")
		var err error
		tiedDone, err = StartTied(tied)
		started <- err
	}
	go spawn()
	if err := <-started; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = tied.Process.Kill()
		<-tiedDone
	})
	<-plainDone // killed when its thread ended: the hazard is real here
	if ws, ok := plain.ProcessState.Sys().(syscall.WaitStatus); !ok || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the plain child ended with %v, want SIGKILL", plain.ProcessState)
	}
	select {
	case <-tiedDone:
		t.Fatalf("the child StartTied started died with its caller's thread: %v", tied.ProcessState)
	default:
	}
	if err := tied.Process.Signal(syscall.Signal(0)); err != nil {
		t.Fatalf("the child StartTied started is gone: %v", err)
	}
}

// A server's port is one no socket gets from the kernel's ephemeral range while the server is
// down between a kill and its restart.
func TestFreePortIsBelowTheEphemeralRange(t *testing.T) {
	low := ephemeralLow()
	if low <= firstPort+100 {
		t.Skipf("the ephemeral range starts at %d", low)
	}
	for range 20 {
		port, err := FreePort()
		if err != nil {
			t.Fatal(err)
		}
		if port < firstPort || port >= low {
			t.Fatalf("port %d, want one in [%d, %d)", port, firstPort, low)
		}
	}
}
