package store

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store/redistest"
)

func TestDevices(t *testing.T) {
	ctx := context.Background()
	device := func(id, token string) domain.PushDevice {
		return domain.PushDevice{ID: id, Token: token, Platform: "android", UpdatedAt: testNow}
	}
	tokensOf := func(t *testing.T, s *testStore, org, user string) []string {
		t.Helper()
		ds, err := s.Devices(ctx, org, user)
		if err != nil {
			t.Fatal(err)
		}
		out := []string{}
		for _, d := range ds {
			out = append(out, d.ID+"="+d.Token)
		}
		return out
	}

	t.Run("a device is kept in the user's hash, with no key of its own", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		u, _ := s.user(org, "Eva", "eva@acme.example", "employee", "")
		if err := s.PutDevice(ctx, org.ID, u.ID, device("pixel", "tok-1")); err != nil {
			t.Fatal(err)
		}
		if got := tokensOf(t, s, org.ID, u.ID); !slices.Equal(got, []string{"pixel=tok-1"}) {
			t.Errorf("devices = %v", got)
		}
		if !s.rdb.HExists(ctx, s.keys.user(org.ID, u.ID), devicePrefix+"pixel").Val() {
			t.Error("the device is not in the user hash")
		}
		if u2, err := s.User(ctx, org.ID, u.ID); err != nil || u2.Name != "Eva" {
			t.Errorf("the user reads back as %+v, %v", u2, err)
		}
	})

	t.Run("a token moves to the device that registers it last, and FCM's drop finds it there", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		eva, _ := s.user(org, "Eva", "eva@acme.example", "employee", "")
		jan, _ := s.user(org, "Jan", "jan@acme.example", "employee", "")
		for _, d := range []domain.PushDevice{device("pixel", "tok-1"), device("ipad", "tok-2")} {
			if err := s.PutDevice(ctx, org.ID, eva.ID, d); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.PutDevice(ctx, org.ID, jan.ID, device("tablet", "tok-2")); err != nil {
			t.Fatal(err)
		}
		if got := tokensOf(t, s, org.ID, eva.ID); !slices.Equal(got, []string{"pixel=tok-1"}) {
			t.Errorf("Eva's devices = %v", got)
		}
		if got := s.rdb.HGet(ctx, s.keys.tokens(org.ID), "tok-2").Val(); got != jan.ID {
			t.Errorf("tok-2 is indexed as %q, want Jan", got)
		}
		for _, tok := range []string{"tok-1", "tok-2"} {
			if err := s.RemoveToken(ctx, org.ID, tok); err != nil {
				t.Fatal(err)
			}
		}
		if got := append(tokensOf(t, s, org.ID, eva.ID), tokensOf(t, s, org.ID, jan.ID)...); len(got) != 0 {
			t.Errorf("devices left after FCM dropped their tokens: %v", got)
		}
		if n := s.rdb.HLen(ctx, s.keys.tokens(org.ID)).Val(); n != 0 {
			t.Errorf("%d tokens left in the index", n)
		}
	})

	t.Run("a device of a user who does not exist is refused", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		err := s.PutDevice(ctx, org.ID, "nobody", device("pixel", "tok-1"))
		if domain.ErrorKind(err) != domain.KindNotFound || s.exists(s.keys.user(org.ID, "nobody")) {
			t.Errorf("err = %v; user hash made: %v", err, s.exists(s.keys.user(org.ID, "nobody")))
		}
	})
}

// A token registered by someone else between a registration's read and its write ends up on one
// device: the registration that read the token's entry before it moved reads it again.
func TestDeviceTokenTakenMeanwhile(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, _ := s.org("meanwhile")
	eva, _ := s.user(org, "Eva", "eva@meanwhile.example", "employee", "")
	jan, _ := s.user(org, "Jan", "jan@meanwhile.example", "employee", "")
	device := func(id string) domain.PushDevice {
		return domain.PushDevice{ID: id, Token: "tok-1", Platform: "android", UpdatedAt: testNow}
	}
	s.rdb.AddHook(&redistest.AfterCmd{Name: "hget", Key: s.keys.tokens(org.ID), Do: func() {
		if err := s.PutDevice(ctx, org.ID, jan.ID, device("tablet")); err != nil {
			t.Error(err)
		}
	}})
	if err := s.PutDevice(ctx, org.ID, eva.ID, device("pixel")); err != nil {
		t.Fatal(err)
	}
	held := 0
	for _, u := range []domain.User{eva, jan} {
		ds, err := s.Devices(ctx, org.ID, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		held += len(ds)
	}
	if owner := s.rdb.HGet(ctx, s.keys.tokens(org.ID), "tok-1").Val(); held != 1 || owner != eva.ID {
		t.Errorf("%d devices hold the token, the index names %s; want Eva's pixel alone (registered last)", held, owner)
	}
}

// A delivery lease reads back as written; one that cannot be read is held by nobody.
func TestLeaseCodec(t *testing.T) {
	l := domain.DeliveryLease{Holder: "worker-1", Until: testNow.Add(90 * time.Second).Truncate(time.Millisecond)}
	if got := parseLease(formatLease(l)); got.Holder != l.Holder || !got.Until.Equal(l.Until) {
		t.Errorf("parseLease(formatLease(%+v)) = %+v", l, got)
	}
	for _, raw := range []string{"", "worker-1", "worker-1|soon"} {
		if got := parseLease(raw); got != (domain.DeliveryLease{}) {
			t.Errorf("parseLease(%q) = %+v, want nobody's", raw, got)
		}
	}
}

// A lease taken in the last round a worker may try is answered as taken: the lease moves under
// the worker after each of its reads but the last (a worker writes tokenAttempts times).
func TestLeaseTakenInTheLastRound(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, _ := s.org("leaselast")
	k := s.keys.delivering(org.ID, "n1")
	s.rdb.Set(ctx, k, "A|0", time.Minute)
	s.rdb.AddHook(&everyGet{key: k, max: int32(tokenAttempts - 2), set: func(v string) { s.rdb.Set(ctx, k, v, time.Minute) }})
	ok, _, err := s.LeaseDelivery(ctx, org.ID, "n1", "B", testNow, time.Minute)
	if stored := s.rdb.Get(ctx, k).Val(); err != nil || !ok || !strings.HasPrefix(stored, "B|") {
		t.Errorf("LeaseDelivery = %v, %v with %q stored; want taken", ok, err, stored)
	}
}
