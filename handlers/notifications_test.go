package handlers

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/push"
	"github.com/prometheus/client_golang/prometheus"
)

// Devices, the inbox and test notifications (contract §4 and §7). Helpers start with "push".

// pushToken is a registration token shaped like FCM's.
func pushToken(name string) string { return name + ":APA91bH" + strings.Repeat("x7Qz", 30) }

// pushDevices answers a user's devices as device id → token.
func (a *testAPI) pushDevices(s Session) map[string]string {
	a.t.Helper()
	ds, err := a.store.Devices(context.Background(), s.User.Org, s.User.Id)
	if err != nil {
		a.t.Fatal(err)
	}
	out := map[string]string{}
	for _, d := range ds {
		out[d.ID] = d.Token
	}
	return out
}

func (a *testAPI) pushPutDevice(s Session, deviceID, token, platform string) response {
	a.t.Helper()
	return a.call("PUT", "/v1/me/devices/"+deviceID, s.AccessToken, map[string]any{"token": token, "platform": platform})
}

// pushInbox reads one page of the caller's inbox.
func (a *testAPI) pushInbox(s Session, query string) NotificationList {
	a.t.Helper()
	var l NotificationList
	a.call("GET", "/v1/me/notifications"+query, s.AccessToken, nil).expect(200).decode(&l)
	return l
}

// pushNotify puts n notifications into the user's inbox, a second apart, oldest first, and
// answers their ids in that order.
func (a *testAPI) pushNotify(s Session, n int) []string {
	a.t.Helper()
	var ids []string
	for i := 0; i < n; i++ {
		a.clock.Advance(time.Second)
		id, err := a.store.Notify(context.Background(), s.User.Org, s.User.Id, domain.DraftOf(domain.KindTest, "microact://notifications"), a.clock.Now())
		if err != nil || id == "" {
			a.t.Fatalf("Notify = %q, %v", id, err)
		}
		ids = append(ids, id)
	}
	return ids
}

func TestDevices(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	eva := a.member(admin, "Eva Jansen", "employee", "")
	jan := a.member(admin, "Jan Bakker", "employee", "")

	t.Run("PUT registers a phone and answers 204", func(t *testing.T) {
		a := a.in(t)
		a.pushPutDevice(eva, "pixel-8", pushToken("eva-1"), "android").expect(204)
		if got := a.pushDevices(eva); got["pixel-8"] != pushToken("eva-1") || len(got) != 1 {
			t.Errorf("devices = %v", got)
		}
	})
	t.Run("PUT again replaces the phone's token", func(t *testing.T) {
		a := a.in(t)
		a.pushPutDevice(eva, "pixel-8", pushToken("eva-2"), "android").expect(204)
		if got := a.pushDevices(eva); got["pixel-8"] != pushToken("eva-2") || len(got) != 1 {
			t.Errorf("devices = %v", got)
		}
		// The old token is forgotten: FCM reporting it gone touches nothing.
		if err := a.store.RemoveToken(context.Background(), "acme", pushToken("eva-1")); err != nil {
			t.Fatal(err)
		}
		if got := a.pushDevices(eva); got["pixel-8"] != pushToken("eva-2") {
			t.Errorf("removing the replaced token removed the phone: %v", got)
		}
	})
	t.Run("a second phone keeps its own token", func(t *testing.T) {
		a := a.in(t)
		a.pushPutDevice(eva, "ipad", pushToken("eva-ipad"), "ios").expect(204)
		if got := a.pushDevices(eva); len(got) != 2 || got["ipad"] != pushToken("eva-ipad") {
			t.Errorf("devices = %v", got)
		}
	})
	t.Run("a token registered by another user leaves the first", func(t *testing.T) {
		a := a.in(t)
		a.pushPutDevice(jan, "shared-phone", pushToken("eva-ipad"), "ios").expect(204)
		if got := a.pushDevices(eva); len(got) != 1 || got["ipad"] != "" {
			t.Errorf("Eva's devices = %v, want the iPad gone", got)
		}
		if got := a.pushDevices(jan); got["shared-phone"] != pushToken("eva-ipad") {
			t.Errorf("Jan's devices = %v", got)
		}
	})
	t.Run("a token moved to another device of the same user leaves the first device", func(t *testing.T) {
		a := a.in(t)
		a.pushPutDevice(eva, "pixel-8-reinstalled", pushToken("eva-2"), "android").expect(204)
		if got := a.pushDevices(eva); len(got) != 1 || got["pixel-8-reinstalled"] != pushToken("eva-2") {
			t.Errorf("devices = %v", got)
		}
	})
	t.Run("DELETE of another user's device id touches only the caller's devices", func(t *testing.T) {
		a := a.in(t)
		a.call("DELETE", "/v1/me/devices/pixel-8-reinstalled", jan.AccessToken, nil).expect(204)
		if got := a.pushDevices(eva); len(got) != 1 {
			t.Errorf("Eva's devices = %v", got)
		}
	})
	t.Run("DELETE removes the phone and answers 204, also when it is gone already", func(t *testing.T) {
		a := a.in(t)
		a.call("DELETE", "/v1/me/devices/pixel-8-reinstalled", eva.AccessToken, nil).expect(204)
		if got := a.pushDevices(eva); len(got) != 0 {
			t.Errorf("devices = %v", got)
		}
		a.call("DELETE", "/v1/me/devices/pixel-8-reinstalled", eva.AccessToken, nil).expect(204)
		// The token is free again: another user may register it.
		a.pushPutDevice(jan, "tablet", pushToken("eva-2"), "android").expect(204)
	})
	t.Run("without a token it is 401", func(t *testing.T) {
		a := a.in(t)
		a.call("PUT", "/v1/me/devices/x", "", map[string]any{"token": pushToken("x"), "platform": "ios"}).expect(401)
	})
}

func TestInbox(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	eva := a.member(admin, "Eva Jansen", "employee", "")
	jan := a.member(admin, "Jan Bakker", "employee", "")
	ids := a.pushNotify(eva, 25) // oldest first
	newest := slices.Clone(ids)  // newest first, as listed
	slices.Reverse(newest)

	t.Run("an empty inbox is an empty list", func(t *testing.T) {
		a := a.in(t)
		l := a.pushInbox(jan, "")
		if len(l.Items) != 0 || l.Unread != 0 || l.NextCursor != nil {
			t.Errorf("inbox = %+v", l)
		}
	})
	t.Run("it lists newest first, 20 a page by default, with the unread count", func(t *testing.T) {
		a := a.in(t)
		l := a.pushInbox(eva, "")
		if len(l.Items) != 20 || l.Unread != 25 || l.NextCursor == nil {
			t.Fatalf("first page: %d items, unread %d, cursor %v", len(l.Items), l.Unread, l.NextCursor)
		}
		for i, n := range l.Items {
			if n.Id != newest[i] || n.Read {
				t.Fatalf("item %d = %s (read %v), want %s unread", i, n.Id, n.Read, newest[i])
			}
		}
		n := l.Items[0]
		if n.Kind != "test" || n.Title != "Test notification" || n.Body == "" ||
			n.Data["kind"] != "test" || n.Data["id"] != n.Id || n.Data["link"] != "microact://notifications" || n.CreatedAt.IsZero() {
			t.Errorf("notification = %+v", n)
		}
	})
	t.Run("the cursor walks every page once", func(t *testing.T) {
		a := a.in(t)
		if got := a.listAll("/v1/me/notifications", eva.AccessToken, 7); !slices.Equal(got, newest) {
			t.Errorf("pages of 7 list %v, want %v", got, newest)
		}
		l := a.pushInbox(eva, "?limit=5&cursor="+url.QueryEscape(*a.pushInbox(eva, "?limit=20").NextCursor))
		if len(l.Items) != 5 || l.Items[0].Id != newest[20] || l.NextCursor != nil {
			t.Errorf("last page = %+v", l)
		}
	})
	t.Run("read marks everything up to the id read", func(t *testing.T) {
		a := a.in(t)
		a.call("POST", "/v1/me/notifications/read", eva.AccessToken, map[string]any{"up_to": ids[14]}).expect(204)
		l := a.pushInbox(eva, "?limit=100")
		if l.Unread != 10 {
			t.Errorf("unread = %d, want 10", l.Unread)
		}
		for _, n := range l.Items {
			if want := n.Id <= ids[14]; n.Read != want {
				t.Errorf("%s read = %v, want %v", n.Id, n.Read, want)
			}
		}
	})
	t.Run("the read marker never moves back", func(t *testing.T) {
		a := a.in(t)
		a.call("POST", "/v1/me/notifications/read", eva.AccessToken, map[string]any{"up_to": ids[3]}).expect(204)
		if l := a.pushInbox(eva, ""); l.Unread != 10 {
			t.Errorf("unread = %d after marking an older one, want still 10", l.Unread)
		}
	})
	t.Run("a newer notification is unread", func(t *testing.T) {
		a := a.in(t)
		a.call("POST", "/v1/me/notifications/read", eva.AccessToken, map[string]any{"up_to": newest[0]}).expect(204)
		a.pushNotify(eva, 1)
		if l := a.pushInbox(eva, ""); l.Unread != 1 || l.Items[0].Read {
			t.Errorf("unread = %d, newest read %v; want 1 and false", l.Unread, l.Items[0].Read)
		}
	})
	t.Run("a read marker past every notification does not hide the ones to come", func(t *testing.T) {
		a := a.in(t)
		a.call("POST", "/v1/me/notifications/read", jan.AccessToken, map[string]any{"up_to": strings.Repeat("Z", 26)})
		a.pushNotify(jan, 1)
		if l := a.pushInbox(jan, ""); l.Unread != 1 {
			t.Errorf("unread = %d, want 1", l.Unread)
		}
	})
	t.Run("notifications made in the same millisecond list newest first", func(t *testing.T) {
		a := a.in(t)
		pia := a.member(admin, "Pia Smit", "employee", "")
		for i := 0; i < 10; i++ {
			d := domain.DraftOf(domain.KindTest, "microact://notifications")
			d.Data = map[string]string{"n": strconv.Itoa(i)}
			if _, err := a.store.Notify(context.Background(), "acme", pia.User.Id, d, a.clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
		var order []string
		for _, n := range a.pushInbox(pia, "").Items {
			order = append(order, n.Data["n"])
		}
		if strings.Join(order, "") != "9876543210" {
			t.Errorf("listed in the order %v, want the newest first", order)
		}
	})
	t.Run("another user's inbox is their own", func(t *testing.T) {
		a := a.in(t)
		for _, n := range a.pushInbox(jan, "?limit=100").Items {
			if slices.Contains(ids, n.Id) {
				t.Errorf("Jan sees Eva's notification %s", n.Id)
			}
		}
	})
}

func TestTestNotification(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	eva := a.member(admin, "Eva Jansen", "employee", "")
	other := a.org("other")
	path := "/v1/admin/users/" + eva.User.Id + "/test-notification"

	t.Run("an admin sends one: 202 with its id, in the user's inbox in their locale", func(t *testing.T) {
		a := a.in(t)
		a.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"locale": "nl"}).expect(200)
		var ref NotificationRef
		a.call("POST", path, admin.AccessToken, nil).expect(202).decode(&ref)
		l := a.pushInbox(eva, "")
		if len(l.Items) != 1 || l.Items[0].Id != ref.Id || l.Items[0].Kind != "test" || l.Items[0].Title != "Testmelding" {
			t.Errorf("answer %+v, inbox %+v", ref, l.Items)
		}
	})
	t.Run("an employee is refused with 403", func(t *testing.T) {
		a := a.in(t)
		a.call("POST", path, eva.AccessToken, nil).wantProblem(403, "forbidden")
	})
	t.Run("an admin of another org gets 404", func(t *testing.T) {
		a := a.in(t)
		a.call("POST", path, other.AccessToken, nil).wantProblem(404, "not_found")
	})
	t.Run("an unknown user is 404", func(t *testing.T) {
		a := a.in(t)
		a.call("POST", "/v1/admin/users/"+domain.NewID(a.clock.Now())+"/test-notification", admin.AccessToken, nil).wantProblem(404, "not_found")
	})
	t.Run("a deactivated user is 409", func(t *testing.T) {
		a := a.in(t)
		a.patchUser(admin, eva.User.Id, map[string]any{"active": false}).expect(200)
		a.call("POST", path, admin.AccessToken, nil).wantProblem(409, "user_inactive")
	})
}

func TestNotificationsBadInput(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	eva := a.member(admin, "Eva Jansen", "employee", "")
	device := "/v1/me/devices/pixel-8"
	valid := map[string]any{"token": pushToken("eva"), "platform": "android"}
	with := func(k string, v any) map[string]any {
		b := map[string]any{"token": valid["token"], "platform": valid["platform"]}
		b[k] = v
		return b
	}
	for _, tc := range []struct {
		name, method, path string
		body               any
		status             int
		code, field        string
	}{
		{"a device with an unknown field", "PUT", device, with("name", "Pixel"), 400, "unknown_field", "name"},
		{"a device with a platform that is not android or ios", "PUT", device, with("platform", "windows"), 422, "invalid", "platform"},
		{"a device with a token over 4096 characters", "PUT", device, with("token", strings.Repeat("t", 4097)), 422, "invalid", "token"},
		{"a device with an empty token", "PUT", device, with("token", ""), 422, "invalid", "token"},
		{"a device without a platform", "PUT", device, map[string]any{"token": pushToken("eva")}, 422, "invalid", "platform"},
		{"a device id that is too long", "PUT", "/v1/me/devices/" + strings.Repeat("d", 129), valid, 422, "invalid", ""},
		{"a body that is not JSON", "PUT", device, `{"token": `, 400, "malformed", ""},
		{"a read marker with an unknown field", "POST", "/v1/me/notifications/read", map[string]any{"up_to": "X", "all": true}, 400, "unknown_field", "all"},
		{"a read marker without up_to", "POST", "/v1/me/notifications/read", map[string]any{}, 422, "invalid", "up_to"},
		{"an inbox page over 100", "GET", "/v1/me/notifications?limit=101", nil, 422, "invalid", "limit"},
		{"an inbox cursor it never gave out", "GET", "/v1/me/notifications?cursor=!!!", nil, 400, "malformed", "cursor"},
	} {
		t.Run(tc.name+" is refused", func(t *testing.T) {
			a := a.in(t)
			p := a.call(tc.method, tc.path, eva.AccessToken, tc.body).wantProblem(tc.status, tc.code)
			if tc.field != "" && !p.names(tc.field) {
				t.Errorf("errors name %v, want %q", p.fieldNames(), tc.field)
			}
		})
	}
	t.Run("and none of them registered a device", func(t *testing.T) {
		a := a.in(t)
		if got := a.pushDevices(eva); len(got) != 0 {
			t.Errorf("devices = %v", got)
		}
	})
	t.Run("a token of exactly 4096 characters is accepted", func(t *testing.T) {
		a := a.in(t)
		a.call("PUT", device, eva.AccessToken, with("token", strings.Repeat("t", 4096))).expect(204)
	})
}

// TestRemindersFollowTheProfile checks that the API reschedules reminders when a user is
// created and changed, by running the push scheduler on the same store and clock.
func TestRemindersFollowTheProfile(t *testing.T) {
	t.Parallel()
	a := newAPI(t) // Monday 2026-11-23 09:00 in Amsterdam
	o := a.loopNewOrg("acme")
	o.gesture(o.value("Warmth").Id, "Greet by name")
	eva := o.member("Eva Jansen", "employee", "")
	sched := &push.Scheduler{Store: a.store, Clock: a.clock, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: push.NewMetrics(prometheus.NewRegistry())}
	reminders := func(t *testing.T, at time.Time) int {
		t.Helper()
		o.at(at, eva)
		if _, err := sched.RunOnce(context.Background(), "acme"); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, it := range a.pushInbox(*eva, "?limit=100").Items {
			if it.Kind == NotificationKind(domain.KindDailyGesture) {
				n++
			}
		}
		return n
	}
	amsterdam := func(day, clock string) time.Time { return loopAmsterdam(t, day, clock+":00") }

	t.Run("a new user is reminded at the org's default time from the next one on", func(t *testing.T) {
		if n := reminders(t, amsterdam("2026-11-24", "08:29")); n != 0 {
			t.Fatalf("%d reminders before 08:30", n)
		}
		if n := reminders(t, amsterdam("2026-11-24", "08:30")); n != 1 {
			t.Fatalf("%d reminders at 08:30, want 1", n)
		}
	})
	t.Run("PATCH /v1/me with a reminder time moves the reminder", func(t *testing.T) {
		a := a.in(t)
		o.at(amsterdam("2026-11-24", "12:00"), eva)
		a.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"preferences": map[string]any{"reminder_time": "07:15"}}).expect(200)
		if n := reminders(t, amsterdam("2026-11-25", "07:14")); n != 1 {
			t.Fatalf("%d reminders before 07:15, want still 1", n)
		}
		if n := reminders(t, amsterdam("2026-11-25", "07:15")); n != 2 {
			t.Fatalf("%d reminders at 07:15, want 2", n)
		}
	})
	t.Run("PATCH /v1/me with a time zone moves the reminder to that zone", func(t *testing.T) {
		o.at(amsterdam("2026-11-25", "12:00"), eva)
		a.in(t).loopSetTimezone(eva, "America/New_York")
		ny, _ := time.LoadLocation("America/New_York")
		if n := reminders(t, time.Date(2026, 11, 25, 7, 15, 0, 0, ny)); n != 2 {
			t.Fatalf("%d reminders at 07:15 in New York on a day reminded in Amsterdam, want still 2", n)
		}
		if n := reminders(t, amsterdam("2026-11-26", "07:15")); n != 2 {
			t.Fatalf("%d reminders at 07:15 in Amsterdam, want still 2", n)
		}
		if n := reminders(t, time.Date(2026, 11, 26, 7, 15, 0, 0, ny)); n != 3 {
			t.Fatalf("%d reminders at 07:15 in New York, want 3", n)
		}
	})
	t.Run("a deactivated user gets none, and is reminded again once reactivated", func(t *testing.T) {
		a := a.in(t)
		o.at(amsterdam("2026-11-26", "18:00"), eva)
		a.patchUser(o.admin, eva.User.Id, map[string]any{"active": false}).expect(200)
		o.at(amsterdam("2026-11-27", "18:00"))
		if _, err := sched.RunOnce(context.Background(), "acme"); err != nil {
			t.Fatal(err)
		}
		a.patchUser(o.admin, eva.User.Id, map[string]any{"active": true}).expect(200)
		a.clock.Set(amsterdam("2026-11-27", "18:01"))
		if _, err := sched.RunOnce(context.Background(), "acme"); err != nil {
			t.Fatal(err)
		}
		items, _, _, err := a.store.Inbox(context.Background(), "acme", eva.User.Id, domain.Page{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, it := range items {
			if it.Kind == domain.KindDailyGesture {
				n++
			}
		}
		if n != 3 {
			t.Errorf("%d reminders while deactivated, want none beyond the 3 before", n-3)
		}
		// Reactivated, the next reminder is Monday's (07:15 New York; Friday's has passed).
		ny, _ := time.LoadLocation("America/New_York")
		a.clock.Set(time.Date(2026, 11, 30, 7, 15, 0, 0, ny))
		if _, err := sched.RunOnce(context.Background(), "acme"); err != nil {
			t.Fatal(err)
		}
		items, _, _, _ = a.store.Inbox(context.Background(), "acme", eva.User.Id, domain.Page{Limit: 100})
		m := 0
		for _, it := range items {
			if it.Kind == domain.KindDailyGesture {
				m++
			}
		}
		if m != 4 {
			t.Errorf("%d reminders after reactivation, want 4", m)
		}
	})
}
