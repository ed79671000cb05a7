package redistest

import "syscall"

// dieWithParent makes the kernel kill a child when the test binary dies
// without running its cleanups, so no stray servers outlive a test run. The
// signal follows the OS thread that started the child: see StartTied.
func dieWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
