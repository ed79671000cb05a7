package store

import (
	"context"
	"slices"
	"testing"

	"github.com/microact/microact/domain"
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
		if s.exists(s.keys.devices(org.ID, u.ID)) {
			t.Error("a devices key was made")
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

	t.Run("devices stored in the old layout (a devices hash per user) still read, move and drop", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		eva, _ := s.user(org, "Eva", "eva@acme.example", "employee", "")
		jan, _ := s.user(org, "Jan", "jan@acme.example", "employee", "")
		old := s.keys.devices(org.ID, eva.ID)
		s.rdb.HSet(ctx, old, "pixel", marshal(device("pixel", "tok-pixel")), "ipad", marshal(device("ipad", "tok-ipad")), "old", marshal(device("old", "tok-old")))
		s.rdb.HSet(ctx, s.keys.tokens(org.ID), "tok-pixel", eva.ID+"|pixel", "tok-ipad", eva.ID+"|ipad", "tok-old", eva.ID+"|old")

		if got := tokensOf(t, s, org.ID, eva.ID); !slices.Equal(got, []string{"ipad=tok-ipad", "old=tok-old", "pixel=tok-pixel"}) {
			t.Fatalf("old devices read as %v", got)
		}
		// Registering the pixel again moves it into the user hash, with its new token only.
		if err := s.PutDevice(ctx, org.ID, eva.ID, device("pixel", "tok-pixel-2")); err != nil {
			t.Fatal(err)
		}
		// Jan takes over the iPad's token; FCM drops the old phone's.
		if err := s.PutDevice(ctx, org.ID, jan.ID, device("tablet", "tok-ipad")); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveToken(ctx, org.ID, "tok-old"); err != nil {
			t.Fatal(err)
		}
		if got := tokensOf(t, s, org.ID, eva.ID); !slices.Equal(got, []string{"pixel=tok-pixel-2"}) {
			t.Errorf("Eva's devices = %v", got)
		}
		if got := tokensOf(t, s, org.ID, jan.ID); !slices.Equal(got, []string{"tablet=tok-ipad"}) {
			t.Errorf("Jan's devices = %v", got)
		}
		if s.exists(old) {
			t.Errorf("the old devices hash is left with %v", s.rdb.HGetAll(ctx, old).Val())
		}
		index := s.rdb.HGetAll(ctx, s.keys.tokens(org.ID)).Val()
		if len(index) != 2 || index["tok-pixel-2"] != eva.ID || index["tok-ipad"] != jan.ID {
			t.Errorf("token index = %v", index)
		}
		if err := s.DeleteDevice(ctx, org.ID, eva.ID, "pixel"); err != nil {
			t.Fatal(err)
		}
		if got := tokensOf(t, s, org.ID, eva.ID); len(got) != 0 {
			t.Errorf("Eva's devices after deleting the pixel = %v", got)
		}
	})
}
