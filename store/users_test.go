package store

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store/redistest"
)

func TestConcurrentUpdates(t *testing.T) {
	ctx := context.Background()

	t.Run("of one user from the same read: exactly one wins, the rest get concurrent_update", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		utrecht, zeist := s.team(org, "Utrecht"), s.team(org, "Zeist")
		before, _ := s.user(org, "Eva", "eva@acme.example", "employee", utrecht.ID)

		const writers = 16
		errs := make([]error, writers)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				after := before
				after.Name = fmt.Sprintf("Writer %d", i)
				if i%2 == 0 {
					after.TeamID = zeist.ID
				}
				<-start
				errs[i] = s.UpdateUser(ctx, before, after)
			}()
		}
		close(start)
		wg.Wait()

		winner := -1
		for i, err := range errs {
			switch {
			case err == nil && winner >= 0:
				t.Fatalf("writers %d and %d both won", winner, i)
			case err == nil:
				winner = i
			case domain.ErrorCode(err) != "concurrent_update":
				t.Fatalf("writer %d: want concurrent_update, got %v", i, err)
			}
		}
		if winner < 0 {
			t.Fatal("nobody won")
		}
		stored, err := s.User(ctx, org.ID, before.ID)
		if err != nil || stored.Name != fmt.Sprintf("Writer %d", winner) || stored.Rev != 2 {
			t.Fatalf("stored %+v, %v; winner %d", stored, err, winner)
		}
		// The team indexes follow the winner only.
		wantTeam, otherTeam := utrecht.ID, zeist.ID
		if winner%2 == 0 {
			wantTeam, otherTeam = zeist.ID, utrecht.ID
		}
		if stored.TeamID != wantTeam {
			t.Fatalf("team %q, want %q", stored.TeamID, wantTeam)
		}
		if s.rdb.ZCard(ctx, s.keys.teamMembers(org.ID, wantTeam)).Val() != 1 || s.rdb.ZCard(ctx, s.keys.teamMembers(org.ID, otherTeam)).Val() != 0 {
			t.Fatal("team membership does not match the stored user")
		}
	})

	t.Run("a write based on an old read is refused after another write", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		before, _ := s.user(org, "Eva", "eva@acme.example", "employee", "")
		first := before
		first.Name = "First"
		if err := s.UpdateUser(ctx, before, first); err != nil {
			t.Fatal(err)
		}
		second := before
		second.Name = "Second"
		if err := s.UpdateUser(ctx, before, second); domain.ErrorCode(err) != "concurrent_update" {
			t.Fatalf("want concurrent_update, got %v", err)
		}
		if stored, _ := s.User(ctx, org.ID, before.ID); stored.Name != "First" {
			t.Fatalf("stored name %q", stored.Name)
		}
	})

	t.Run("two admins demoting each other at once leave one admin", func(t *testing.T) {
		s := newTestStore(t)
		org, first := s.org("acme")
		second, _ := s.user(org, "Second", "second@acme.example", "admin", "")
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, u := range []domain.User{first, second} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				after := u
				after.Role = domain.RoleEmployee
				errs[i] = s.UpdateUser(ctx, u, after)
			}()
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("want exactly one demotion, got %v and %v", errs[0], errs[1])
		}
		for _, err := range errs {
			if err != nil && domain.ErrorCode(err) != "last_admin" {
				t.Fatalf("want last_admin, got %v", err)
			}
		}
		if n := s.rdb.SCard(ctx, s.keys.admins(org.ID)).Val(); n != 1 {
			t.Fatalf("%d admins left", n)
		}
	})

	t.Run("an admin demoted between another's read of the admins and their write leaves that one the last", func(t *testing.T) {
		s := newTestStore(t)
		org, first := s.org("acme")
		second, _ := s.user(org, "Second", "second@acme.example", "admin", "")
		hook := &redistest.AfterCmd{Name: "smembers", Key: s.keys.admins(org.ID), Do: func() {
			after := second
			after.Role = domain.RoleEmployee
			if err := s.UpdateUser(ctx, second, after); err != nil {
				t.Error(err)
			}
		}}
		s.rdb.AddHook(hook)
		after := first
		after.Active = false
		if err := s.UpdateUser(ctx, first, after); domain.ErrorCode(err) != "last_admin" {
			t.Fatalf("want last_admin, got %v", err)
		}
		if admins := s.rdb.SMembers(ctx, s.keys.admins(org.ID)).Val(); len(admins) != 1 || admins[0] != first.ID {
			t.Fatalf("admins %v, want the first alone", admins)
		}
	})
}

func TestUserRecord(t *testing.T) {
	ctx := context.Background()

	t.Run("leaves out what the user hash says elsewhere or what is zero, and reads back the same", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		u, _ := s.user(org, "Eva", "eva@acme.example", "employee", "")
		raw := s.rdb.HGet(ctx, s.keys.user(org.ID, u.ID), dataField).Val()
		if strings.Contains(raw, `"org"`) || strings.Contains(raw, `"enrolled"`) || strings.Contains(raw, `"sessions_valid_after"`) {
			t.Errorf("stored %s", raw)
		}
		got, err := s.User(ctx, org.ID, u.ID)
		if err != nil || !reflect.DeepEqual(got, u) {
			t.Errorf("read %+v, %v; want %+v", got, err, u)
		}
		after := got
		after.SessionsValidAfter = testNow
		if err := s.UpdateUser(ctx, got, after); err != nil {
			t.Fatal(err)
		}
		if got, err := s.User(ctx, org.ID, u.ID); err != nil || !got.SessionsValidAfter.Equal(testNow) {
			t.Errorf("sessions valid after %v, %v", got.SessionsValidAfter, err)
		}
	})
}

func TestTeamSizesCountEnrolledActiveMembersOnly(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, _ := s.org("sizes")
	utrecht, zeist := s.team(org, "Utrecht"), s.team(org, "Zeist")
	sizes := func() string {
		t.Helper()
		m, err := s.rdb.HGetAll(ctx, s.keys.teamSizes(org.ID)).Result()
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("utrecht %s, zeist %s", m[utrecht.ID], m[zeist.ID])
	}
	want := func(step, w string) {
		t.Helper()
		if got := sizes(); got != w {
			t.Errorf("%s: sizes %q, want %q", step, got, w)
		}
	}
	eva, code := s.user(org, "Eva", "eva@sizes.example", "employee", utrecht.ID)
	want("invited, not enrolled", "utrecht , zeist ")
	invited := eva
	moved := invited
	moved.TeamID = zeist.ID
	if err := s.UpdateUser(ctx, invited, moved); err != nil {
		t.Fatal(err)
	}
	want("an invited person moves: nothing to count", "utrecht , zeist ")
	if _, err := s.Enroll(ctx, org.ID, eva.ID, domain.HashSecret(code), domain.NewSession{
		FamilyID: domain.NewID(s.clock.Now()), RefreshHash: domain.HashSecret(domain.NewRefreshToken(org.ID)), Now: s.clock.Now(),
	}); err != nil {
		t.Fatal(err)
	}
	want("enrolled in Zeist", "utrecht , zeist 1")

	stale := moved // read before she enrolled
	stale.Rev++
	back := stale
	back.TeamID = utrecht.ID
	if err := s.UpdateUser(ctx, stale, back); domain.ErrorKind(err) != domain.KindConflict {
		t.Fatalf("an update read before the enrollment: %v, want concurrent_update", err)
	}
	want("the stale update changed nothing", "utrecht , zeist 1")

	current, err := s.User(ctx, org.ID, eva.ID)
	if err != nil || !current.Enrolled {
		t.Fatalf("user %+v, %v", current, err)
	}
	back = current
	back.TeamID = utrecht.ID
	if err := s.UpdateUser(ctx, current, back); err != nil {
		t.Fatal(err)
	}
	want("an enrolled member moves", "utrecht 1, zeist 0")
	current, _ = s.User(ctx, org.ID, eva.ID)
	off := current
	off.Active = false
	if err := s.UpdateUser(ctx, current, off); err != nil {
		t.Fatal(err)
	}
	want("deactivated", "utrecht 0, zeist 0")
}
