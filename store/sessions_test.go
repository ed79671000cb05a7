package store

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

func TestSessionFamilies(t *testing.T) {
	ctx := context.Background()
	type session struct{ org, user, family, hash string }
	enroll := func(t *testing.T, s *testStore, org domain.Org, u domain.User, code string) session {
		t.Helper()
		if code == "" {
			var enrollment domain.Enrollment
			code, enrollment = s.enrollment()
			if err := s.SetEnrollment(ctx, org.ID, u.ID, enrollment); err != nil {
				t.Fatal(err)
			}
		}
		se := session{org: org.ID, user: u.ID, family: domain.NewID(s.clock.Now()), hash: domain.HashSecret(domain.NewRefreshToken(org.ID))}
		device := &domain.Device{ID: "pixel", Platform: "android"}
		got, err := s.Enroll(ctx, org.ID, u.ID, domain.HashSecret(code), domain.NewSession{FamilyID: se.family, RefreshHash: se.hash, Device: device, Now: s.clock.Now()})
		if err != nil || got.ID != u.ID || got.Org != org.ID || !got.Enrolled {
			t.Fatalf("enroll: %+v, %v", got, err)
		}
		return se
	}
	// refresh rotates se's token; it answers the new session and the error code ("" for none).
	refresh := func(s *testStore, se session) (session, string) {
		next := se
		next.hash = domain.HashSecret(domain.NewRefreshToken(se.org))
		u, family, err := s.Refresh(ctx, se.org, se.hash, domain.NewSession{RefreshHash: next.hash, Now: s.clock.Now()})
		if err == nil && (family != se.family || u.ID != se.user || u.Org != se.org) {
			return next, "family " + family + " of " + u.Org + "/" + u.ID
		}
		return next, domain.ErrorCode(err)
	}
	familyField := func(s *testStore, se session) string {
		return s.rdb.HGet(ctx, s.keys.user(se.org, se.user), "fam:"+se.family).Val()
	}

	t.Run("a family lives in the user hash, rotates, and ends when a used token comes back", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		u, code := s.user(org, "Eva", "eva@acme.example", "employee", "")
		first := enroll(t, s, org, u, code)
		if f := familyField(s, first); !strings.HasPrefix(f, shortHash(first.hash)+"|") || !strings.HasSuffix(f, `|{"id":"pixel","platform":"android"}`) {
			t.Errorf("family field = %q", f)
		}
		token := func(se session) string { return s.rdb.Get(ctx, s.keys.refresh(se.org, shortHash(se.hash))).Val() }
		if got := token(first); got != first.family+"|"+u.ID {
			t.Errorf("token = %q", got)
		}
		second, errc := refresh(s, first)
		if errc != "" {
			t.Fatalf("refresh: %s", errc)
		}
		if got, want := token(first), first.family+"|"+u.ID+"|"+strconv.FormatInt(s.clock.Now().UnixMilli(), 10); got != want {
			t.Errorf("the rotated token = %q, want %q", got, want)
		}
		if ttl := s.rdb.PTTL(ctx, s.keys.refresh(first.org, shortHash(first.hash))).Val(); ttl <= 0 {
			t.Errorf("the rotated token lost its TTL: %v", ttl)
		}
		if _, errc := refresh(s, first); errc != "refresh_reused" {
			t.Errorf("the used token again: %q, want refresh_reused", errc)
		}
		if _, errc := refresh(s, second); errc != "invalid_token" {
			t.Errorf("the newest token after the reuse: %q, want invalid_token", errc)
		}
		if f := familyField(s, first); f != "" {
			t.Errorf("the family is still stored: %q", f)
		}
	})

	t.Run("a family not rotated for the refresh TTL ends, and is dropped at the next enrollment", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		u, code := s.user(org, "Eva", "eva@acme.example", "employee", "")
		first := enroll(t, s, org, u, code)
		s.clock.Set(s.clock.Now().Add(domain.RefreshTokenTTL - time.Minute))
		second, errc := refresh(s, first) // rotating moves the end forward
		if errc != "" {
			t.Fatalf("refresh just before the end: %s", errc)
		}
		s.clock.Set(s.clock.Now().Add(domain.RefreshTokenTTL - time.Minute))
		if familyField(s, second) == "" {
			t.Fatal("the family is gone before its end")
		}
		s.clock.Set(s.clock.Now().Add(2 * time.Minute))
		other := enroll(t, s, org, u, "")
		if f := familyField(s, first); f != "" {
			t.Errorf("the ended family is still stored after another enrollment: %q", f)
		}
		if familyField(s, other) == "" {
			t.Error("the new family is missing")
		}
		if _, errc := refresh(s, second); errc != "invalid_token" {
			t.Errorf("the ended family's token: %q, want invalid_token", errc)
		}
	})

	t.Run("logging out ends the family", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		u, code := s.user(org, "Eva", "eva@acme.example", "employee", "")
		se := enroll(t, s, org, u, code)
		if err := s.Logout(ctx, org.ID, se.hash, s.clock.Now()); err != nil {
			t.Fatal(err)
		}
		if f := familyField(s, se); f != "" {
			t.Errorf("the family is still stored: %q", f)
		}
	})

	t.Run("deactivating the user ends their families", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		u, code := s.user(org, "Eva", "eva@acme.example", "employee", "")
		sessions := []session{enroll(t, s, org, u, code), enroll(t, s, org, u, "")}
		stored, _ := s.User(ctx, org.ID, u.ID)
		off := stored
		if err := off.Apply(domain.UserPatch{Active: new(bool)}, s.clock.Now()); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateUser(ctx, stored, off); err != nil {
			t.Fatal(err)
		}
		for _, se := range sessions {
			if _, errc := refresh(s, se); errc != "invalid_token" {
				t.Errorf("refresh after deactivation: %q", errc)
			}
		}
	})
}
