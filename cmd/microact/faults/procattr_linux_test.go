package faults

import "syscall"

// dieWithParent makes the kernel kill a microact process when the test binary dies without
// running its cleanups (a -timeout panic, ^C), so no server outlives the tests.
func dieWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
