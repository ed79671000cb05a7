package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
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
