// Package faults holds the fault tests of microact: real `microact serve` processes on real
// redis-server processes, killed with SIGKILL under load, and replicas sharing one Redis. It
// has no code of its own; run it with `go test -race ./cmd/microact/faults/`.
package faults
