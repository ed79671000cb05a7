package redistest

import "syscall"

// dieWithParent makes the kernel kill redis-server when the test binary dies
// without running its cleanups (a -timeout panic, a crash, ^C), so no stray
// servers outlive a test run. (Strictly the signal follows the OS thread that
// started the child; the Go runtime keeps its threads, so that is the process.)
func dieWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
