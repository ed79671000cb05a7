package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/microact/microact/cmd/internal/seed"
	"github.com/microact/microact/configs"
	"github.com/microact/microact/domain"
)

func orgCreate(ctx context.Context, cfg configs.Config, args []string, stdout io.Writer) error {
	fs := newFlags("org create", stdout)
	slug := fs.String("slug", "", "the org's id: 3-40 lowercase letters, digits and dashes (required)")
	name := fs.String("name", "", "the org's display name (required)")
	tz := fs.String("timezone", "Europe/Amsterdam", "the org's IANA time zone")
	adminName := fs.String("admin-name", "", "the first admin's name (required)")
	adminEmail := fs.String("admin-email", "", "the first admin's email (required)")
	packRef := fs.String("pack", "", `a content pack to load: a YAML file, or "starter" for the built-in one`)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *slug == "" || *name == "" || *adminName == "" || *adminEmail == "" {
		return exitError{exitUsage, errors.New("org create needs --slug, --name, --admin-name and --admin-email")}
	}
	var pack *configs.Pack
	if *packRef != "" {
		p, err := readPack(*packRef)
		if err != nil {
			return exitError{exitUsage, fmt.Errorf("--pack: %w", err)}
		}
		pack = &p
	}
	clock := domain.SystemClock{}
	now := clock.Now()
	org, err := domain.NewOrg(*slug, *name, *tz, now)
	if err != nil {
		return describe(err)
	}
	if pack != nil {
		org.Locales = pack.Locales // the org speaks what its content comes in
	}
	admin, err := domain.NewUser(org, domain.UserInput{Name: *adminName, Email: *adminEmail, Role: string(domain.RoleAdmin)}, now)
	if err != nil {
		return describe(err)
	}
	code, enrollment := domain.NewEnrollment(now)
	st, err := openStore(cfg, clock)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.CreateOrg(ctx, org, admin, enrollment, domain.Schedule(admin, org, now)); err != nil {
		if domain.ErrorCode(err) == "org_exists" {
			return exitError{exitExists, fmt.Errorf("org %q exists already", org.ID)}
		}
		return describe(err)
	}
	if pack != nil {
		if _, _, err := seed.Pack(ctx, st, org.ID, *pack, clock); err != nil {
			return fmt.Errorf("org %s was created, but loading the pack failed (finish with: microact org load-pack --org "+org.ID+" --pack ...): %w", org.ID, describe(err))
		}
	}
	return json.NewEncoder(stdout).Encode(map[string]any{
		"org":   org.ID,
		"admin": map[string]string{"id": admin.ID, "enrollment_code": code},
	})
}

func userCode(ctx context.Context, cfg configs.Config, args []string, stdout io.Writer) error {
	fs := newFlags("user code", stdout)
	orgID := fs.String("org", "", "the org's slug (required)")
	email := fs.String("email", "", "the user's email (required)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *orgID == "" || *email == "" {
		return exitError{exitUsage, errors.New("user code needs --org and --email")}
	}
	if err := checkOrgFlag(*orgID); err != nil {
		return err
	}
	addr, err := domain.NormalizeEmail("email", *email)
	if err != nil {
		return describe(err)
	}
	clock := domain.SystemClock{}
	st, err := openStore(cfg, clock)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.UserByEmail(ctx, *orgID, addr)
	if err != nil {
		return describe(err)
	}
	if !u.Active {
		return fmt.Errorf("user %s is deactivated", addr)
	}
	code, enrollment := domain.NewEnrollment(clock.Now())
	if err := st.SetEnrollment(ctx, *orgID, u.ID, enrollment); err != nil {
		return describe(err)
	}
	return json.NewEncoder(stdout).Encode(map[string]any{
		"user_id": u.ID, "enrollment_code": code, "expires_at": enrollment.ExpiresAt.Format(time.RFC3339),
	})
}

// checkOrgFlag refuses an --org that is no org's slug (domain.SlugPattern) before Redis is
// asked: the slug is part of every key name of the org.
func checkOrgFlag(slug string) error {
	if domain.ValidateSlug(slug) != nil {
		return exitError{exitUsage, fmt.Errorf("--org %q is not an org slug: 3 to 40 lowercase letters, digits or inner dashes, such as acme", slug)}
	}
	return nil
}

// describe turns a domain error into one readable line for an operator.
func describe(err error) error {
	de := domain.AsError(err)
	if de.Kind == domain.KindInternal || de.Kind == domain.KindUnavailable {
		return err
	}
	msg := de.Message
	for _, f := range de.Fields {
		msg += fmt.Sprintf(" %s: %s.", f.Field, f.Message)
	}
	return errors.New(msg)
}

func orgLoadPack(ctx context.Context, cfg configs.Config, args []string, stdout io.Writer) error {
	fs := newFlags("org load-pack", stdout)
	orgID := fs.String("org", "", "the org's slug (required)")
	packRef := fs.String("pack", "", `a content pack: a YAML file, or "starter" for the built-in one (required)`)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *orgID == "" || *packRef == "" {
		return exitError{exitUsage, errors.New("org load-pack needs --org and --pack")}
	}
	if err := checkOrgFlag(*orgID); err != nil {
		return err
	}
	pack, err := readPack(*packRef)
	if err != nil {
		return exitError{exitUsage, fmt.Errorf("--pack: %w", err)}
	}
	clock := domain.SystemClock{}
	st, err := openStore(cfg, clock)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Org(ctx, *orgID); err != nil {
		return describe(err)
	}
	values, gestures, err := seed.Pack(ctx, st, *orgID, pack, clock)
	if err != nil {
		return describe(err)
	}
	return json.NewEncoder(stdout).Encode(map[string]any{"org": *orgID, "pack": pack.Name, "values_added": values, "gestures_added": gestures})
}
