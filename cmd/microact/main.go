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
	"slices"
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
	if errors.Is(err, errHelp) {
		return // the help was printed
	}
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
  migrate               move orgs' stored data to the storage layout of this build (serve needs it)

Run "microact <command> -h" for a command's flags. Configuration comes from MICROACT_* variables
(see README.md, "Configuration").`

// groups are the commands that take a subcommand, with their usage.
var groups = map[string]struct {
	subs  []string
	usage string
}{
	"org": {[]string{"create", "load-pack"}, `usage: microact org <subcommand> [flags]

subcommands:
  create     create an org and its first admin (--pack loads a content pack)
  load-pack  add a content pack's new values and gestures to an org

Run "microact org <subcommand> -h" for its flags.`},
	"user": {[]string{"code"}, `usage: microact user <subcommand> [flags]

subcommands:
  code  issue a new enrollment code for a user (operator recovery)

Run "microact user <subcommand> -h" for its flags.`},
	"leaderboards": {[]string{"rebuild"}, `usage: microact leaderboards <subcommand> [flags]

subcommands:
  rebuild  rebuild an org's leaderboards and dashboards from its stored outcomes

Run "microact leaderboards <subcommand> -h" for its flags.`},
}

// run is main without the process: arguments, environment and output are passed in.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return exitError{exitUsage, errors.New("no command")}
	}
	if g, ok := groups[args[0]]; ok && (len(args) == 1 || !slices.Contains(g.subs, args[1])) {
		if len(args) > 1 && isHelp(args[1]) {
			fmt.Fprintln(stdout, g.usage)
			return errHelp
		}
		fmt.Fprintln(stderr, g.usage)
		if len(args) == 1 {
			return exitError{exitUsage, fmt.Errorf("%s needs a subcommand", args[0])}
		}
		return exitError{exitUsage, fmt.Errorf("unknown command %q", args[0]+" "+args[1])}
	}
	// Help needs no configuration: the commands parse their flags before they use any, and
	// with the zero configuration (no Redis URL) one that did would fail before doing anything.
	var cfg configs.Config
	log := slog.New(slog.DiscardHandler)
	if !helpRequested(args) {
		var err error
		if cfg, err = configs.Load(getenv); err != nil {
			return err
		}
		log = newLogger(cfg, stderr)
		store.LogTo(log)
	}
	switch cmd := args[0]; {
	case cmd == "serve":
		return serve(ctx, cfg, log, args[1:], stdout)
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
	case cmd == "migrate":
		return migrate(ctx, cfg, args[1:], stdout)
	case isHelp(cmd) || cmd == "help":
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

// errHelp is what a command answers when it printed its help as asked: exit status 0.
var errHelp = exitError{0, flag.ErrHelp}

// isHelp answers whether arg asks for help.
func isHelp(arg string) bool {
	switch arg {
	case "-h", "-help", "--help", "--h":
		return true
	}
	return false
}

// helpRequested answers whether any flag among args (before a "--") asks for help.
func helpRequested(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if isHelp(a) {
			return true
		}
	}
	return false
}

// flagSet is a command's flags; its help goes to the command's standard output.
type flagSet struct {
	*flag.FlagSet
	name string
	help io.Writer
}

// newFlags makes a flag set that reports errors instead of exiting and prints its help to help.
func newFlags(name string, help io.Writer) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parseFlags says what went wrong, once
	return &flagSet{FlagSet: fs, name: name, help: help}
}

// parseFlags parses; asked for help, it prints the flags and answers errHelp, and it turns a
// usage error into exit status 2.
func parseFlags(fs *flagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(fs.help, "usage: microact %s [flags]\n\nflags:\n", fs.name)
			fs.SetOutput(fs.help)
			fs.PrintDefaults()
			fmt.Fprintln(fs.help, "\nConfiguration comes from MICROACT_* variables (see README.md, \"Configuration\").")
			return errHelp
		}
		return exitError{exitUsage, fmt.Errorf("%w (microact %s -h lists the flags)", err, fs.name)}
	}
	if fs.NArg() > 0 {
		return exitError{exitUsage, fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}
