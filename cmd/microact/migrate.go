package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/microact/microact/configs"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/store"
)

// migrate moves orgs' stored data to the layout this build reads (store.LayoutVersion), by the
// store's migration steps. Every org is tried; it fails if any org could not be moved.
func migrate(ctx context.Context, cfg configs.Config, args []string, stdout io.Writer) error {
	fs := newFlags("migrate", stdout)
	orgID := fs.String("org", "", "migrate only this org (default: every org)")
	dryRun := fs.Bool("dry-run", false, "say what would be done, write nothing")
	assume := fs.Int("assume-version", 0, "take an org that records no layout version to be at this one (made before versions were kept)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *orgID != "" {
		if err := checkOrgFlag(*orgID); err != nil {
			return err
		}
	}
	if *assume < 0 || *assume > store.LayoutVersion {
		return exitError{exitUsage, fmt.Errorf("--assume-version must be between 1 and %d, the current layout", store.LayoutVersion)}
	}
	st, err := openStore(cfg, domain.SystemClock{})
	if err != nil {
		return err
	}
	defer st.Close()
	orgs := []string{*orgID}
	if *orgID == "" {
		if orgs, err = st.Orgs(ctx); err != nil {
			return err
		}
	}
	var failed []string
	slices.Sort(orgs)
	for _, org := range orgs {
		m, err := st.Migrate(ctx, org, store.MigrateOptions{DryRun: *dryRun, Assume: *assume})
		fmt.Fprintln(stdout, describeMigration(m, err, *dryRun))
		if err != nil {
			failed = append(failed, org)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d org(s) not migrated: %s", len(failed), strings.Join(failed, ", "))
	}
	return nil
}

// describeMigration is one line for an operator about one org.
func describeMigration(m store.Migration, err error, dry bool) string {
	switch {
	case errors.Is(err, store.ErrNoLayout):
		return fmt.Sprintf("%s: records no layout version (made before versions were kept); if you know its layout, run again with --assume-version", m.Org)
	case errors.Is(err, store.ErrNewerLayout):
		return fmt.Sprintf("%s: at layout %d, newer than this build's %d; run a newer microact", m.Org, m.From, m.To)
	case domain.ErrorKind(err) == domain.KindNotFound:
		return fmt.Sprintf("%s: no such org", m.Org)
	case err != nil:
		return fmt.Sprintf("%s: failed: %v", m.Org, err)
	}
	from := fmt.Sprintf("at layout %d", m.From)
	if m.Assumed {
		from = fmt.Sprintf("taken to be at layout %d", m.From)
	}
	switch {
	case len(m.Steps) == 0 && m.Assumed && !dry:
		return fmt.Sprintf("%s: %s, the current one; recorded", m.Org, from)
	case len(m.Steps) == 0:
		return fmt.Sprintf("%s: %s, the current one; nothing to do", m.Org, from)
	case dry:
		return fmt.Sprintf("%s: %s; would run %s, to layout %d", m.Org, from, strings.Join(m.Steps, ", then "), m.To)
	}
	return fmt.Sprintf("%s: %s; ran %s; now at layout %d", m.Org, from, strings.Join(m.Steps, ", then "), m.To)
}
