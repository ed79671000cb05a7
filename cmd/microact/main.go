// Command microact is the microact backend: the HTTP API, its background workers and the
// operator commands. All wiring happens here.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // time zones work even on a machine without tzdata

	"github.com/microact/microact/configs"
	"github.com/microact/microact/store"
)

// exitUsage and exitExists are the exit statuses scripts can rely on.
const (
	exitUsage  = 2
	exitExists = 3
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "microact:", err)
		var ee exitError
		if errors.As(err, &ee) {
			os.Exit(ee.code)
		}
		os.Exit(1)
	}
}

// exitError carries a specific exit status.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }
func (e exitError) Unwrap() error { return e.err }

const usage = `usage: microact <command> [flags]

commands:
  serve                 the HTTP API and the background workers
  org create            create an org and its first admin (--pack loads a content pack)
  org load-pack         add a content pack's new values and gestures to an org
  user code             issue a new enrollment code for a user (operator recovery)
  demo                  create or refresh the org "demo" with weeks of history; prints enrollment codes
  export                outcomes of a range of days as CSV or JSON lines, to stdout
  leaderboards rebuild  rebuild an org's leaderboards and dashboards from its stored outcomes

Run "microact <command> -h" for a command's flags. Configuration comes from MICROACT_* variables.`

// run is main without the process: arguments, environment and output are passed in.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return exitError{exitUsage, errors.New("no command")}
	}
	cfg, err := configs.Load(getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	store.LogTo(log)
	switch cmd := args[0]; {
	case cmd == "serve":
		return serve(ctx, cfg, log, args[1:])
	case cmd == "org" && len(args) > 1 && args[1] == "create":
		return orgCreate(ctx, cfg, args[2:], stdout)
	case cmd == "org" && len(args) > 1 && args[1] == "load-pack":
		return orgLoadPack(ctx, cfg, args[2:], stdout)
	case cmd == "user" && len(args) > 1 && args[1] == "code":
		return userCode(ctx, cfg, args[2:], stdout)
	case cmd == "demo":
		return demo(ctx, cfg, args[1:], stdout)
	case cmd == "leaderboards" && len(args) > 1 && args[1] == "rebuild":
		return leaderboardsRebuild(ctx, cfg, args[2:], stdout, stderr)
	case cmd == "export":
		return export(ctx, cfg, args[1:], stdout, stderr)
	case cmd == "-h" || cmd == "--help" || cmd == "help":
		fmt.Fprintln(stdout, usage)
		return nil
	default:
		fmt.Fprintln(stderr, usage)
		return exitError{exitUsage, fmt.Errorf("unknown command %q", cmd)}
	}
}

func newLogger(cfg configs.Config, w io.Writer) *slog.Logger {
	if cfg.Dev() {
		return slog.New(slog.NewTextHandler(w, nil))
	}
	return slog.New(slog.NewJSONHandler(w, nil))
}

// newFlags makes a flag set that reports errors instead of exiting.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	return fs
}

// parseFlags parses and turns a usage error into exit status 2.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitError{0, err}
		}
		return exitError{exitUsage, err}
	}
	if fs.NArg() > 0 {
		return exitError{exitUsage, fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}
