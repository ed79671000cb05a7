//go:build !linux

package faults

import "syscall"

// dieWithParent has no portable equivalent outside Linux; the tests' cleanups kill the servers.
func dieWithParent() *syscall.SysProcAttr { return nil }
