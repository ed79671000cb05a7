package store

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"testing"

	"github.com/microact/microact/domain"
)

func TestLayoutVersion(t *testing.T) {
	ctx := context.Background()
	// setLayout stores an org's layout version as an older (or newer) build would have; "" none.
	setLayout := func(t *testing.T, s *testStore, org, v string) {
		t.Helper()
		k := s.keys.orgSettings(org)
		var err error
		if v == "" {
			err = s.rdb.HDel(ctx, k, fieldLayout).Err()
		} else {
			err = s.rdb.HSet(ctx, k, fieldLayout, v).Err()
		}
		if err != nil {
			t.Fatal(err)
		}
	}

	t.Run("every migration step has a place: the current version is one more than the steps", func(t *testing.T) {
		if LayoutVersion != len(migrations)+1 {
			t.Errorf("LayoutVersion %d with %d migration steps", LayoutVersion, len(migrations))
		}
	})

	t.Run("a new org records the current layout, and is not outdated", func(t *testing.T) {
		s := newTestStore(t)
		o, _ := s.org("acme")
		if v, err := s.OrgLayout(ctx, o.ID); err != nil || v != LayoutVersion {
			t.Errorf("layout %d, %v; want %d", v, err, LayoutVersion)
		}
		if out, err := s.OutdatedOrgs(ctx); err != nil || len(out) != 0 {
			t.Errorf("outdated %v, %v", out, err)
		}
	})

	t.Run("an org of another layout, or of none, is unavailable to requests and listed as outdated", func(t *testing.T) {
		s := newTestStore(t)
		for _, slug := range []string{"acme", "globex", "initech"} {
			s.org(slug)
		}
		setLayout(t, s, "globex", "")
		setLayout(t, s, "initech", strconv.Itoa(LayoutVersion+1))
		for _, slug := range []string{"globex", "initech"} {
			if _, _, err := s.OrgState(ctx, slug, testNow); domain.ErrorKind(err) != domain.KindUnavailable || domain.ErrorCode(err) != "unavailable" {
				t.Errorf("OrgState(%s) = %v, want unavailable", slug, err)
			}
			if _, err := s.Org(ctx, slug); domain.ErrorKind(err) != domain.KindUnavailable {
				t.Errorf("Org(%s) = %v, want unavailable", slug, err)
			}
		}
		if _, _, err := s.OrgState(ctx, "acme", testNow); err != nil {
			t.Errorf("the current org: %v", err)
		}
		out, err := s.OutdatedOrgs(ctx)
		want := []OrgAtLayout{{Org: "globex", Layout: 0}, {Org: "initech", Layout: LayoutVersion + 1}}
		if err != nil || !slices.Equal(out, want) {
			t.Errorf("outdated %v, %v; want %v", out, err, want)
		}
	})

	t.Run("migrate leaves a current org as it is, and is idempotent", func(t *testing.T) {
		s := newTestStore(t)
		s.org("acme")
		for range 2 {
			m, err := s.Migrate(ctx, "acme", MigrateOptions{})
			if err != nil || m.From != LayoutVersion || m.To != LayoutVersion || len(m.Steps) != 0 {
				t.Errorf("migrate %+v, %v", m, err)
			}
		}
	})

	t.Run("migrate refuses an org without a version unless told which it has, and one newer than it knows", func(t *testing.T) {
		s := newTestStore(t)
		s.org("acme")
		s.org("globex")
		setLayout(t, s, "acme", "")
		setLayout(t, s, "globex", strconv.Itoa(LayoutVersion+1))
		if _, err := s.Migrate(ctx, "acme", MigrateOptions{}); !errors.Is(err, ErrNoLayout) {
			t.Errorf("no version: %v", err)
		}
		if _, err := s.Migrate(ctx, "globex", MigrateOptions{Assume: 1}); !errors.Is(err, ErrNewerLayout) {
			t.Errorf("newer: %v", err)
		}
		if v, _ := s.OrgLayout(ctx, "globex"); v != LayoutVersion+1 {
			t.Errorf("the newer org's version was changed to %d", v)
		}
		if m, err := s.Migrate(ctx, "acme", MigrateOptions{Assume: LayoutVersion, DryRun: true}); err != nil || !m.Assumed {
			t.Errorf("dry run with an assumed version: %+v, %v", m, err)
		}
		if v, _ := s.OrgLayout(ctx, "acme"); v != 0 {
			t.Errorf("a dry run recorded version %d", v)
		}
		if m, err := s.Migrate(ctx, "acme", MigrateOptions{Assume: LayoutVersion}); err != nil || !m.Assumed || m.To != LayoutVersion {
			t.Errorf("with an assumed version: %+v, %v", m, err)
		}
		if _, _, err := s.OrgState(ctx, "acme", testNow); err != nil {
			t.Errorf("the org after migrating: %v", err)
		}
		if _, err := s.Migrate(ctx, "nowhere", MigrateOptions{}); domain.ErrorKind(err) != domain.KindNotFound {
			t.Errorf("an unknown org: %v", err)
		}
	})

	t.Run("steps run in order from the org's version, each recorded, and a failed one is run again next time", func(t *testing.T) {
		s := newTestStore(t)
		s.org("acme")
		setLayout(t, s, "acme", "1")
		var ran []string
		fail := true
		steps := []migration{
			{"one to two", func(context.Context, *Store, string) error { ran = append(ran, "1→2"); return nil }},
			{"two to three", func(context.Context, *Store, string) error {
				ran = append(ran, "2→3")
				if fail {
					return errors.New("cut short")
				}
				return nil
			}},
		}
		if m, err := s.migrate(ctx, "acme", MigrateOptions{DryRun: true}, steps); err != nil || !slices.Equal(m.Steps, []string{"one to two", "two to three"}) || len(ran) != 0 {
			t.Fatalf("dry run %+v, %v, ran %v", m, err, ran)
		}
		if _, err := s.migrate(ctx, "acme", MigrateOptions{}, steps); err == nil {
			t.Fatal("a failed step was not reported")
		}
		if v, _ := s.OrgLayout(ctx, "acme"); v != 2 {
			t.Errorf("after the failed second step the org is at %d, want 2", v)
		}
		fail = false
		m, err := s.migrate(ctx, "acme", MigrateOptions{}, steps)
		if err != nil || m.From != 2 || m.To != 3 || !slices.Equal(ran, []string{"1→2", "2→3", "2→3"}) {
			t.Errorf("second run %+v, %v, ran %v", m, err, ran)
		}
		if v, _ := s.OrgLayout(ctx, "acme"); v != 3 {
			t.Errorf("the org is at %d, want 3", v)
		}
	})
}
