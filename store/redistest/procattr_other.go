//go:build !linux

package redistest

import "syscall"

// dieWithParent has no portable equivalent outside Linux; Cleanup and Main
// still stop servers on a normal exit.
func dieWithParent() *syscall.SysProcAttr { return nil }
