package store

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
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
	t.Run("refreshes of one token at once rotate it once; the others find it reused and end the family", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		u, code := s.user(org, "Eva", "eva@acme.example", "employee", "")
		se := enroll(t, s, org, u, code)
		const racers = 16
		nexts, codes := make([]session, racers), make([]string, racers)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range racers {
			wg.Go(func() {
				<-start
				nexts[i], codes[i] = refresh(s, se)
			})
		}
		close(start)
		wg.Wait()
		rotated, reused := 0, 0
		var winner session
		for i, c := range codes {
			switch c {
			case "":
				rotated++
				winner = nexts[i]
			case "refresh_reused":
				reused++
			default:
				t.Errorf("refresh %d: %q, want success or refresh_reused", i, c)
			}
		}
		if rotated != 1 || reused != racers-1 {
			t.Fatalf("%d rotated, %d reused; want 1 and %d", rotated, reused, racers-1)
		}
		issued := 0
		for _, next := range nexts {
			if s.exists(s.keys.refresh(org.ID, shortHash(next.hash))) {
				issued++
			}
		}
		if issued != 1 {
			t.Errorf("%d new refresh tokens stored, want the winner's alone", issued)
		}
		if f := familyField(s, se); f != "" {
			t.Errorf("the family is still stored: %q", f)
		}
		if s.rdb.ZScore(ctx, s.keys.revoked(org.ID), "sid:"+se.family).Err() != nil {
			t.Error("the family's access tokens are not revoked")
		}
		if _, errc := refresh(s, winner); errc != "invalid_token" {
			t.Errorf("the winner's token after the reuse: %q, want invalid_token", errc)
		}
	})

	t.Run("enrollments with one code at once use it once and count the user once", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		team := s.team(org, "Store Utrecht")
		u, code := s.user(org, "Eva", "eva@acme.example", "employee", team.ID)
		const racers = 8
		errs := make([]error, racers)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range racers {
			wg.Go(func() {
				<-start
				ns := domain.NewSession{FamilyID: domain.NewID(s.clock.Now()), RefreshHash: domain.HashSecret(domain.NewRefreshToken(org.ID)), Now: s.clock.Now()}
				_, errs[i] = s.Enroll(ctx, org.ID, u.ID, domain.HashSecret(code), ns)
			})
		}
		close(start)
		wg.Wait()
		enrolled := 0
		for i, err := range errs {
			switch domain.ErrorCode(err) {
			case "":
				enrolled++
			case "invalid_code":
			default:
				t.Errorf("enrollment %d: %v", i, err)
			}
		}
		if enrolled != 1 {
			t.Fatalf("%d enrollments succeeded, want 1", enrolled)
		}
		if n := s.rdb.HGet(ctx, s.keys.teamSizes(org.ID), team.ID).Val(); n != "1" {
			t.Errorf("team size %q, want 1", n)
		}
		fams := 0
		for f := range s.rdb.HGetAll(ctx, s.keys.user(org.ID, u.ID)).Val() {
			if strings.HasPrefix(f, familyPrefix) {
				fams++
			}
		}
		if fams != 1 {
			t.Errorf("%d families stored, want 1", fams)
		}
	})

	t.Run("a refresh decided from a token that moved since writes nothing", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		u, code := s.user(org, "Eva", "eva@acme.example", "employee", "")
		se := enroll(t, s, org, u, code)
		presented := s.keys.refresh(org.ID, shortHash(se.hash))
		st, err := s.readRefresh(ctx, org.ID, presented)
		if err != nil {
			t.Fatal(err)
		}
		in := domain.RefreshInput{Presented: shortHash(se.hash), Next: shortHash(domain.HashSecret("next")), Now: s.clock.Now(), TTL: domain.RefreshTokenTTL}
		d := domain.DecideRefresh(st.RefreshState, in)
		if d.Refused != nil {
			t.Fatal(d.Refused)
		}
		if _, errc := refresh(s, se); errc != "" { // another replica rotates it first
			t.Fatal(errc)
		}
		family := familyField(s, se)
		if err := s.refreshWrite(org.ID, presented, st, d, in).run(ctx, s.Store, "refresh"); !errors.Is(err, errStateMoved) {
			t.Fatalf("want errStateMoved, got %v", err)
		}
		if familyField(s, se) != family || s.exists(s.keys.refresh(org.ID, in.Next)) {
			t.Error("the stale refresh wrote")
		}
	})

	t.Run("an enrollment decided from a user whose team moved since writes nothing", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		team, other := s.team(org, "Store Utrecht"), s.team(org, "Store Delft")
		u, code := s.user(org, "Eva", "eva@acme.example", "employee", team.ID)
		st, err := s.readEnroll(ctx, org.ID, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		in := domain.EnrollInput{Code: domain.HashSecret(code), Family: "F1", Token: "T1", Now: s.clock.Now(), TTL: domain.RefreshTokenTTL}
		d := domain.DecideEnroll(st.EnrollState, in)
		if d.Refused != nil || d.CountIn != team.ID {
			t.Fatalf("decided %+v", d)
		}
		moved := u
		moved.TeamID = other.ID
		if err := s.UpdateUser(ctx, u, moved); err != nil {
			t.Fatal(err)
		}
		if err := s.enrollWrite(org.ID, u.ID, st, d, in).run(ctx, s.Store, "enroll"); !errors.Is(err, errStateMoved) {
			t.Fatalf("want errStateMoved, got %v", err)
		}
		if n := s.rdb.HGet(ctx, s.keys.teamSizes(org.ID), team.ID).Val(); n != "" && n != "0" {
			t.Errorf("the old team counts %s", n)
		}
		if _, err := s.Enroll(ctx, org.ID, u.ID, domain.HashSecret(code), domain.NewSession{FamilyID: "F2", RefreshHash: domain.HashSecret("r"), Now: s.clock.Now()}); err != nil {
			t.Fatal(err)
		}
		if n := s.rdb.HGet(ctx, s.keys.teamSizes(org.ID), other.ID).Val(); n != "1" {
			t.Errorf("the new team counts %q, want 1", n)
		}
	})
}
