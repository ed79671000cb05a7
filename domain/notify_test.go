package domain

import (
	"testing"
	"time"
)

func TestMarkReadUpTo(t *testing.T) {
	for _, c := range []struct {
		name                 string
		marker, newest, upTo string
		want                 string
		ok                   bool
	}{
		{"an empty inbox keeps the marker", "", "", "B", "", false},
		{"the first mark", "", "C", "B", "B", true},
		{"forward", "A", "C", "B", "B", true},
		{"never back", "B", "C", "A", "B", false},
		{"the same id again changes nothing", "B", "C", "B", "B", false},
		{"never past the newest there is", "A", "C", "Z", "C", true},
		{"at the newest already", "C", "C", "Z", "C", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := MarkReadUpTo(c.marker, c.newest, c.upTo)
			if got != c.want || ok != c.ok {
				t.Errorf("MarkReadUpTo(%q, %q, %q) = %q, %v; want %q, %v", c.marker, c.newest, c.upTo, got, ok, c.want, c.ok)
			}
		})
	}
}

func TestNotificationWithoutName(t *testing.T) {
	n := Notification{ID: "n1", Title: "Kudos from Eva Jansen", Body: "Eva Jansen liked your story. Eva Jansen!", Data: map[string]string{"who": "Eva Jansen"}}
	got, ok := n.WithoutName("Eva Jansen", "a former colleague")
	if !ok || got.Title != "Kudos from a former colleague" || got.Body != "a former colleague liked your story. a former colleague!" {
		t.Errorf("WithoutName = %+v, %v", got, ok)
	}
	if n.Title != "Kudos from Eva Jansen" {
		t.Error("WithoutName changed the notification it was given")
	}
	for _, name := range []string{"Eva Smit", ""} {
		if got, ok := n.WithoutName(name, "x"); ok || got.Title != n.Title || got.Body != n.Body {
			t.Errorf("WithoutName(%q) = %+v, %v; want n unchanged", name, got, ok)
		}
	}
}

func TestMoveToken(t *testing.T) {
	for _, c := range []struct {
		name                                          string
		owner, ownerDevice, user, device, before, tok string
		want                                          TokenMove
	}{
		{"a new token on a new device", "", "", "u1", "d1", "", "t1", TokenMove{}},
		{"the same token again on its device", "u1", "d1", "u1", "d1", "t1", "t1", TokenMove{}},
		{"a device's new token: the old one leaves the index", "", "", "u1", "d1", "t0", "t1", TokenMove{DropToken: "t0"}},
		{"a token from another device of the user", "u1", "d2", "u1", "d1", "", "t1", TokenMove{ForgetOwnerDevice: true}},
		{"a token from another user's device", "u2", "d1", "u1", "d1", "t0", "t1", TokenMove{ForgetOwnerDevice: true, DropToken: "t0"}},
		{"an index entry whose device is gone", "u2", "", "u1", "d1", "", "t1", TokenMove{}},
	} {
		if got := MoveToken(c.owner, c.ownerDevice, c.user, c.device, c.before, c.tok); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestDeliveryLeaseMayTake(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	held := DeliveryLease{Holder: "A", Until: now.Add(time.Second)}
	for _, c := range []struct {
		name           string
		l              DeliveryLease
		consumer, from string
		want           bool
	}{
		{"nobody holds it", DeliveryLease{}, "B", "", true},
		{"another holds it", held, "B", "", false},
		{"its holder takes it again", held, "A", "", true},
		{"taken over from its holder, found dead", held, "B", "A", true},
		{"not taken over from another than its holder", held, "B", "C", false},
		{"it runs out at until", DeliveryLease{Holder: "A", Until: now}, "B", "", true},
		{"it ran out", DeliveryLease{Holder: "A", Until: now.Add(-time.Minute)}, "B", "", true},
	} {
		if got := c.l.MayTake(c.consumer, c.from, now); got != c.want {
			t.Errorf("%s: MayTake = %v, want %v", c.name, got, c.want)
		}
	}
}
