package redistest

import (
	"os/exec"
	"runtime"
)

// StartTied starts cmd so that the kernel kills it (SIGKILL) should the test binary die without
// running its cleanups (a -timeout panic, a crash, ^C; Linux only, elsewhere the cleanups alone
// stop it), and answers a channel closed once it has exited.
//
// The kernel sends that signal when the OS thread that started the child ends, not the process
// (golang/go#27505), and the Go runtime ends a thread that a goroutine leaves locked, so a
// child started from any goroutine could be killed at random under load. It is therefore
// started, and waited for, on a goroutine locked to its thread for the child's whole life.
func StartTied(cmd *exec.Cmd) (<-chan struct{}, error) {
	cmd.SysProcAttr = dieWithParent()
	started := make(chan error, 1)
	done := make(chan struct{})
	go func() {
		// Never unlocked: the thread may end with this goroutine, once the child is gone.
		runtime.LockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		_ = cmd.Wait()
		close(done)
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return done, nil
}
