package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/configs"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/store"
	"github.com/microact/microact/store/redistest"
)

func TestMain(m *testing.M) { redistest.Main(m) }

// operator runs the command line as an operator would: against the test binary's Redis (a
// server, or a cluster in the cluster pass) under a key prefix of its own, in dev mode, from a
// fresh working directory.
type operator struct {
	t   *testing.T
	env map[string]string
}

func newOperator(t *testing.T) *operator {
	t.Chdir(t.TempDir()) // dev mode may write .data/ under the working directory
	env := redistest.Shared(t).Env()
	env["MICROACT_KEY_PREFIX"] = redistest.Prefix(t)
	env["MICROACT_ENV"] = "dev"
	return &operator{t: t, env: env}
}

// run runs the command and returns its output and error.
func (o *operator) run(args ...string) (stdout, stderr string, err error) {
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, func(k string) string { return o.env[k] }, &out, &errOut)
	return out.String(), errOut.String(), err
}

// store opens the store the commands write to.
func (o *operator) store() *store.Store {
	o.t.Helper()
	cfg, err := configs.Load(func(k string) string { return o.env[k] })
	if err != nil {
		o.t.Fatal(err)
	}
	st, err := openStore(cfg, domain.SystemClock{})
	if err != nil {
		o.t.Fatal(err)
	}
	o.t.Cleanup(func() { st.Close() })
	return st
}

// exitCode is the status main would exit with for err.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

type created struct {
	Org   string `json:"org"`
	Admin struct {
		ID             string `json:"id"`
		EnrollmentCode string `json:"enrollment_code"`
	} `json:"admin"`
}

var createArgs = []string{"org", "create", "--slug", "acme", "--name", "Acme Retail", "--timezone", "Europe/Amsterdam",
	"--admin-name", "Anna Admin", "--admin-email", "Anna@Acme.Example"}

func TestOrgCreate(t *testing.T) {
	o := newOperator(t)
	ctx := context.Background()

	var first created
	t.Run("prints the org and its first admin's enrollment code as JSON", func(t *testing.T) {
		stdout, _, err := o.run(createArgs...)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(stdout), &first); err != nil {
			t.Fatalf("output %q is not JSON: %v", stdout, err)
		}
		if first.Org != "acme" || first.Admin.ID == "" || first.Admin.EnrollmentCode == "" {
			t.Fatalf("output %q", stdout)
		}
	})

	t.Run("stores the org, and the code belongs to an active admin with the given details", func(t *testing.T) {
		st := o.store()
		org, err := st.Org(ctx, "acme")
		if err != nil || org.Name != "Acme Retail" || org.Timezone != "Europe/Amsterdam" {
			t.Fatalf("org %+v, %v", org, err)
		}
		admin, err := st.UserByEmail(ctx, "acme", "anna@acme.example")
		if err != nil || admin.ID != first.Admin.ID || admin.Role != domain.RoleAdmin || !admin.Active || admin.Name != "Anna Admin" {
			t.Fatalf("admin %+v, %v", admin, err)
		}
		norm, ok := domain.NormalizeEnrollmentCode(first.Admin.EnrollmentCode)
		if !ok {
			t.Fatalf("%q is not a code", first.Admin.EnrollmentCode)
		}
		if orgID, userID, err := st.LookupEnrollment(ctx, domain.HashSecret(norm)); err != nil || orgID != "acme" || userID != admin.ID {
			t.Fatalf("the code leads to %s/%s, %v", orgID, userID, err)
		}
		// the admin was stored with their reminders: their daily gesture is due within a week
		due, err := st.ClaimDue(ctx, "acme", time.Now().AddDate(0, 0, 8), time.Minute, 10)
		if err != nil || !slices.ContainsFunc(due, func(d domain.Due) bool { return d.Member == domain.KindDailyGesture+"|"+admin.ID }) {
			t.Fatalf("due %+v, %v; want the admin's daily gesture", due, err)
		}
	})

	t.Run("an org made with a pack speaks the pack's locales", func(t *testing.T) {
		args := append(slicesReplace(slicesReplace(createArgs, "acme", "talen"), "Anna@Acme.Example", "anna@talen.example"), "--pack", "starter")
		if _, _, err := o.run(args...); err != nil {
			t.Fatal(err)
		}
		org, err := o.store().Org(ctx, "talen")
		if err != nil || !slices.Equal(org.Locales, []string{"en", "nl", "de", "fr"}) {
			t.Fatalf("locales %v, %v", org.Locales, err)
		}
		g, err := o.store().AllGestures(ctx, "talen")
		if err != nil || len(g) == 0 || g[0].Translations["de"].Title == "" || g[0].Translations["fr"].HowTo == "" {
			t.Fatalf("gestures %+v, %v; want German and French texts", g, err)
		}
	})

	t.Run("a second create of the same slug exits with status 3 and changes nothing", func(t *testing.T) {
		args := slicesReplace(createArgs, "Anna Admin", "Other Admin", "Anna@Acme.Example", "other@acme.example")
		stdout, _, err := o.run(args...)
		if exitCode(err) != 3 {
			t.Fatalf("exit %d (%v), want 3", exitCode(err), err)
		}
		if stdout != "" {
			t.Fatalf("printed %q", stdout)
		}
		if _, err := o.store().UserByEmail(ctx, "acme", "other@acme.example"); domain.ErrorCode(err) != "not_found" {
			t.Fatalf("the second admin was stored: %v", err)
		}
	})

	t.Run("user code prints a new code that replaces the old one", func(t *testing.T) {
		stdout, _, err := o.run("user", "code", "--org", "acme", "--email", "ANNA@acme.example")
		if err != nil {
			t.Fatal(err)
		}
		var out struct {
			UserID         string `json:"user_id"`
			EnrollmentCode string `json:"enrollment_code"`
			ExpiresAt      string `json:"expires_at"`
		}
		if err := json.Unmarshal([]byte(stdout), &out); err != nil {
			t.Fatalf("output %q is not JSON: %v", stdout, err)
		}
		if out.UserID != first.Admin.ID || out.EnrollmentCode == "" || out.EnrollmentCode == first.Admin.EnrollmentCode || out.ExpiresAt == "" {
			t.Fatalf("output %q", stdout)
		}
		st := o.store()
		enroll := func(code string) error {
			norm, _ := domain.NormalizeEnrollmentCode(code)
			orgID, userID, err := st.LookupEnrollment(ctx, domain.HashSecret(norm))
			if err != nil {
				return err
			}
			_, err = st.Enroll(ctx, orgID, userID, domain.HashSecret(norm), domain.NewSession{
				FamilyID: domain.NewID(domain.SystemClock{}.Now()), RefreshHash: domain.HashSecret(domain.NewRefreshToken(orgID)), Now: domain.SystemClock{}.Now(),
			})
			return err
		}
		if err := enroll(first.Admin.EnrollmentCode); domain.ErrorCode(err) != "invalid_code" {
			t.Fatalf("the old code: %v, want invalid_code", err)
		}
		if err := enroll(out.EnrollmentCode); err != nil {
			t.Fatalf("the new code: %v", err)
		}
	})

	for _, tc := range []struct {
		name string
		args []string
		exit int
	}{
		{"user code for an unknown email fails", []string{"user", "code", "--org", "acme", "--email", "nobody@acme.example"}, 1},
		{"user code for an unknown org fails", []string{"user", "code", "--org", "nope", "--email", "anna@acme.example"}, 1},
		{"user code without --email is a usage error", []string{"user", "code", "--org", "acme"}, 2},
		{"org create without --admin-email is a usage error", slicesWithout(createArgs, "--admin-email", "Anna@Acme.Example"), 2},
		{"org create with an unknown flag is a usage error", append(slicesReplace(createArgs, "acme", "beta"), "--colour", "red"), 2},
		{"org create with a pack is refused for now", append(slicesReplace(createArgs, "acme", "beta"), "--pack", "configs/packs/starter.yaml"), 2},
		{"org create with a bad slug fails", slicesReplace(createArgs, "acme", "Not A Slug"), 1},
		{"org create with an unknown time zone fails", slicesReplace(slicesReplace(createArgs, "acme", "gamma"), "Europe/Amsterdam", "Europe/Atlantis"), 1},
		{"org create with an extra argument is a usage error", append(slicesReplace(createArgs, "acme", "delta"), "extra"), 2},
	} {
		t.Run(tc.name+" (exit "+strconv.Itoa(tc.exit)+")", func(t *testing.T) {
			stdout, _, err := o.run(tc.args...)
			if exitCode(err) != tc.exit {
				t.Fatalf("exit %d (%v), want %d", exitCode(err), err, tc.exit)
			}
			if stdout != "" {
				t.Fatalf("printed %q", stdout)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Fatalf("the error is not one line: %q", err)
			}
		})
	}
}

func TestCommandLine(t *testing.T) {
	o := newOperator(t)

	t.Run("an unknown command exits with status 2 and shows the usage", func(t *testing.T) {
		_, stderr, err := o.run("frobnicate")
		if exitCode(err) != 2 {
			t.Fatalf("exit %d (%v), want 2", exitCode(err), err)
		}
		if !strings.Contains(stderr, "usage: microact") || !strings.Contains(err.Error(), "frobnicate") {
			t.Fatalf("stderr %q, err %v", stderr, err)
		}
	})

	t.Run("no command exits with status 2", func(t *testing.T) {
		if _, _, err := o.run(); exitCode(err) != 2 {
			t.Fatalf("exit %d (%v)", exitCode(err), err)
		}
	})

	t.Run("a bare org lists its subcommands and exits with status 2", func(t *testing.T) {
		_, stderr, err := o.run("org")
		if exitCode(err) != 2 || !strings.Contains(stderr, "usage: microact org <subcommand>") || !strings.Contains(stderr, "load-pack") {
			t.Fatalf("exit %d (%v), stderr %q", exitCode(err), err, stderr)
		}
	})

	t.Run("an unknown subcommand lists the subcommands and exits with status 2", func(t *testing.T) {
		_, stderr, err := o.run("leaderboards", "rebiuld")
		if exitCode(err) != 2 || !strings.Contains(stderr, "usage: microact leaderboards <subcommand>") || !strings.Contains(err.Error(), "rebiuld") {
			t.Fatalf("exit %d (%v), stderr %q", exitCode(err), err, stderr)
		}
	})

	// No Redis, no signing key, prod: help needs none of it.
	bare := &operator{t: t, env: map[string]string{"MICROACT_ENV": "prod"}}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"--help"}, []string{"usage: microact", "serve", "org create", "migrate"}},
		{[]string{"-h"}, []string{"usage: microact", "export"}},
		{[]string{"serve", "--help"}, []string{"usage: microact serve", "-workers", "-api", "MICROACT_"}},
		{[]string{"serve", "--workers=false", "-h"}, []string{"-workers"}},
		{[]string{"org", "--help"}, []string{"create", "load-pack"}},
		{[]string{"org", "create", "-h"}, []string{"-slug", "-admin-email"}},
		{[]string{"export", "--help"}, []string{"usage: microact export"}},
		{[]string{"leaderboards", "rebuild", "--help"}, []string{"usage: microact leaderboards rebuild"}},
		{[]string{"migrate", "--help"}, []string{"usage: microact migrate", "-dry-run"}},
	} {
		t.Run(strings.Join(tc.args, " ")+" prints help without any configuration and succeeds", func(t *testing.T) {
			stdout, stderr, err := bare.run(tc.args...)
			if exitCode(err) != 0 {
				t.Fatalf("exit %d (%v), stderr %q", exitCode(err), err, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
		})
	}

	t.Run("a flag that does not exist exits with status 2, naming it", func(t *testing.T) {
		_, _, err := o.run("org", "create", "--slg", "x")
		if exitCode(err) != 2 || !strings.Contains(err.Error(), "slg") {
			t.Fatalf("exit %d (%v)", exitCode(err), err)
		}
	})

	t.Run("help prints the usage and succeeds", func(t *testing.T) {
		stdout, _, err := o.run("help")
		if err != nil || !strings.Contains(stdout, "org create") {
			t.Fatalf("stdout %q, %v", stdout, err)
		}
	})

	for _, tc := range []struct{ variable, value string }{
		{"MICROACT_ENV", "staging"},
		{"MICROACT_REDIS_URL", "http://127.0.0.1:6379"},
		{"MICROACT_USER_RATE", "lots"},
		{"MICROACT_KEY_PREFIX", "a:b"},
	} {
		t.Run("an invalid "+tc.variable+" fails with an error naming it", func(t *testing.T) {
			env := maps.Clone(o.env)
			env[tc.variable] = tc.value
			_, _, err := (&operator{t: t, env: env}).run(createArgs...)
			if err == nil || !strings.Contains(err.Error(), tc.variable) || exitCode(err) != 1 {
				t.Fatalf("got %v, want an error naming %s", err, tc.variable)
			}
		})
	}

	for _, args := range [][]string{
		{"export", "--from", "2026-11-01", "--to", "2026-11-30", "--org"},
		{"leaderboards", "rebuild", "--org"},
		{"user", "code", "--email", "eva@acme.example", "--org"},
		{"org", "load-pack", "--pack", "starter", "--org"},
		{"migrate", "--org"},
	} {
		for _, slug := range []string{"acme}:x", "{acme}", "ac*", "ACME", "a", "acme ", strings.Repeat("a", 300)} {
			t.Run(strings.Join(args[:len(args)-1], " ")+" with --org "+slug[:min(len(slug), 12)]+" exits with status 2 naming the slug rule", func(t *testing.T) {
				_, _, err := o.run(append(slices.Clone(args), slug)...)
				if exitCode(err) != 2 || !strings.Contains(err.Error(), "--org") || !strings.Contains(err.Error(), "not an org slug") {
					t.Fatalf("exit %d: %v", exitCode(err), err)
				}
			})
		}
	}

	t.Run("prod without a key file fails naming MICROACT_JWT_KEY_FILE", func(t *testing.T) {
		env := maps.Clone(o.env)
		env["MICROACT_ENV"] = "prod"
		_, _, err := (&operator{t: t, env: env}).run(createArgs...)
		if err == nil || !strings.Contains(err.Error(), "MICROACT_JWT_KEY_FILE") {
			t.Fatalf("got %v", err)
		}
	})
}

// slicesReplace returns args with each old value replaced by the new one that follows it.
func slicesReplace(args []string, pairs ...string) []string {
	out := append([]string(nil), args...)
	for i := 0; i+1 < len(pairs); i += 2 {
		for j, a := range out {
			if a == pairs[i] {
				out[j] = pairs[i+1]
			}
		}
	}
	return out
}

// slicesWithout returns args without the given values.
func slicesWithout(args []string, drop ...string) []string {
	var out []string
	for _, a := range args {
		keep := true
		for _, d := range drop {
			keep = keep && a != d
		}
		if keep {
			out = append(out, a)
		}
	}
	return out
}
