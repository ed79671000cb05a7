package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"testing"

	"github.com/microact/microact/store"
)

func TestMigrate(t *testing.T) {
	o := newOperator(t)
	if _, stderr, err := o.run(createArgs...); err != nil {
		t.Fatalf("org create: %v, %s", err, stderr)
	}
	if _, stderr, err := o.run(slicesReplace(createArgs, "acme", "globex", "Anna@Acme.Example", "anna@globex.example")...); err != nil {
		t.Fatalf("org create globex: %v, %s", err, stderr)
	}
	current := strconv.Itoa(store.LayoutVersion)

	for _, args := range [][]string{{"migrate"}, {"migrate"}, {"migrate", "--dry-run"}} {
		t.Run(strings.Join(args, " ")+" on orgs made by this build says each is current and succeeds", func(t *testing.T) {
			stdout, _, err := o.run(args...)
			want := "acme: at layout " + current + ", the current one; nothing to do\nglobex: at layout " + current + ", the current one; nothing to do\n"
			if err != nil || stdout != want {
				t.Errorf("stdout %q, %v; want %q", stdout, err, want)
			}
		})
	}

	t.Run("migrate --org takes that org only", func(t *testing.T) {
		stdout, _, err := o.run("migrate", "--org", "globex")
		if err != nil || strings.Contains(stdout, "acme") || !strings.Contains(stdout, "globex: at layout") {
			t.Errorf("stdout %q, %v", stdout, err)
		}
	})

	t.Run("migrate --org of an org that does not exist says so and fails", func(t *testing.T) {
		stdout, _, err := o.run("migrate", "--org", "nowhere")
		if exitCode(err) != 1 || !strings.Contains(stdout, "nowhere: no such org") || !strings.Contains(err.Error(), "nowhere") {
			t.Errorf("exit %d (%v), stdout %q", exitCode(err), err, stdout)
		}
	})

	t.Run("an --assume-version this build does not know is a usage error", func(t *testing.T) {
		if _, _, err := o.run("migrate", "--assume-version", strconv.Itoa(store.LayoutVersion+1)); exitCode(err) != 2 {
			t.Errorf("exit %d (%v)", exitCode(err), err)
		}
	})

	t.Run("migrate --help describes its flags", func(t *testing.T) {
		stdout, _, err := o.run("migrate", "--help")
		if exitCode(err) != 0 || !strings.Contains(stdout, "usage: microact migrate") || !strings.Contains(stdout, "-dry-run") || !strings.Contains(stdout, "-org") {
			t.Errorf("exit %d, stdout %q", exitCode(err), stdout)
		}
	})
}

func TestServeRefusesOutdatedOrgs(t *testing.T) {
	ctx := context.Background()
	t.Run("orgs of another layout stop serve, named with what to run", func(t *testing.T) {
		var logs bytes.Buffer
		outdated := func(context.Context) ([]store.OrgAtLayout, error) {
			return []store.OrgAtLayout{{Org: "acme", Layout: 0}, {Org: "globex", Layout: store.LayoutVersion + 1}}, nil
		}
		err := checkLayouts(ctx, outdated, slog.New(slog.NewTextHandler(&logs, nil)))
		if err == nil || !strings.Contains(err.Error(), "acme, globex") || !strings.Contains(err.Error(), "microact migrate") {
			t.Errorf("err = %v", err)
		}
		if !strings.Contains(logs.String(), "org=acme") || !strings.Contains(logs.String(), "org=globex") {
			t.Errorf("logs %s", logs.String())
		}
	})
	t.Run("no outdated org lets serve start", func(t *testing.T) {
		none := func(context.Context) ([]store.OrgAtLayout, error) { return nil, nil }
		if err := checkLayouts(ctx, none, slog.New(slog.DiscardHandler)); err != nil {
			t.Error(err)
		}
	})
	t.Run("a failure to list the orgs stops serve", func(t *testing.T) {
		down := func(context.Context) ([]store.OrgAtLayout, error) { return nil, errors.New("redis down") }
		if err := checkLayouts(ctx, down, slog.New(slog.DiscardHandler)); err == nil {
			t.Error("serve would start without knowing the orgs' layouts")
		}
	})
}
