package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"
)

func TestResumeRebuildsPass(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	orgs := func(context.Context) ([]string, error) { return []string{"acme", "globex", "initech"}, nil }
	var asked []string
	resume := func(_ context.Context, org string) (bool, error) {
		asked = append(asked, org)
		switch org {
		case "globex":
			return true, nil
		case "initech":
			return true, errors.New("redis: connection refused")
		}
		return false, nil
	}
	resumeRebuilds(context.Background(), orgs, resume, log)
	if strings.Join(asked, ",") != "acme,globex,initech" {
		t.Errorf("asked %v, want every org", asked)
	}
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "level=INFO") || !strings.Contains(lines[0], "org=globex") ||
		!strings.Contains(lines[1], "level=WARN") || !strings.Contains(lines[1], "org=initech") || !strings.Contains(lines[1], "connection refused") {
		t.Errorf("logs:\n%s", logs.String())
	}

	logs.Reset()
	resumeRebuilds(context.Background(), func(context.Context) ([]string, error) { return nil, errors.New("redis: i/o timeout") }, resume, log)
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "i/o timeout") {
		t.Errorf("a failed org list is not logged:\n%s", logs.String())
	}
}

// A rebuild the workers run is cut short when they are asked to stop (it ends its lease, for
// another replica to take over), and the loop returns.
func TestResumeRebuildsStopCutsTheRebuildShort(t *testing.T) {
	stop, started, returned := make(chan struct{}), make(chan struct{}), make(chan struct{})
	orgs := func(context.Context) ([]string, error) { return []string{"acme"}, nil }
	resume := func(ctx context.Context, _ string) (bool, error) {
		close(started)
		<-ctx.Done()
		return true, ctx.Err()
	}
	go func() {
		runResumeRebuilds(context.Background(), stop, orgs, resume, slog.New(slog.DiscardHandler))
		close(returned)
	}()
	<-started
	close(stop)
	select {
	case <-returned:
	case <-time.After(10 * time.Second):
		t.Fatal("the workers' rebuild was not cut short by the stop")
	}
}

// microact serve's workers rebuild the boards of an org that a failed rebuild left held (its
// mark's lease ended), as soon as they start: the boards are let go of.
func TestServeResumesARebuildLeftHeld(t *testing.T) {
	o := newOperator(t)
	if _, stderr, err := o.run(createArgs...); err != nil {
		t.Fatalf("org create: %v, %s", err, stderr)
	}
	st := o.store()
	settings := st.Keys().OrgSettings("acme")
	// the mark a rebuild that failed leaves: its lease ended, no failure before it
	if err := st.Client().HSet(context.Background(), settings, "rb", "0/left/0").Err(); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	o.env["MICROACT_HTTP_ADDR"] = l.Addr().String()
	l.Close()

	var logs lockedBuffer
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		served <- run(ctx, []string{"serve"}, func(k string) string { return o.env[k] }, io.Discard, &logs)
	}()
	waitFor(t, "the workers to rebuild the boards left held", func() bool {
		held, err := st.Client().HExists(context.Background(), settings, "rb").Result()
		return err == nil && !held
	})
	stop()
	if err := <-served; err != nil {
		t.Errorf("serve: %v", err)
	}
	if !strings.Contains(logs.String(), "rebuilt the boards another rebuild left held") {
		t.Errorf("the rebuild is not logged:\n%s", logs.String())
	}
}
