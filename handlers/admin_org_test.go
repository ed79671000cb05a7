package handlers

import (
	"reflect"
	"slices"
	"testing"
)

// Org settings (contract §8) and the user's own profile (PATCH /v1/me).

func TestOrgSettings(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")

	t.Run("a new org has the contract's defaults", func(t *testing.T) {
		a := a.in(t)
		var org OrgSettings
		a.call("GET", "/v1/admin/org", admin.AccessToken, nil).expect(200).decode(&org)
		want := OrgSettings{
			Id: "acme", Name: "Org acme", Timezone: "Europe/Amsterdam", WeekStartsOn: 1, DefaultReminderTime: "08:30",
			SwapsPerDay: 2, BarrierCategories: []string{"time", "tools", "rules", "stock", "other"},
			Points: PointsSettings{Done: 10, Story: 5, Blocked: 2, Kudos: 1}, RetentionDays: 400, CreatedAt: testNow,
			DefaultLocale: "en", DefaultWorkdays: []int{1, 2, 3, 4, 5}, Locales: []Locale{"en", "nl", "de", "fr"},
		}
		if !reflect.DeepEqual(org, want) {
			t.Fatalf("got %+v\nwant %+v", org, want)
		}
	})

	t.Run("a PATCH of every field round-trips through GET", func(t *testing.T) {
		a := a.in(t)
		var patched, got OrgSettings
		a.call("PATCH", "/v1/admin/org", admin.AccessToken, map[string]any{
			"name": "Acme Retail", "timezone": "Europe/Lisbon", "week_starts_on": 7, "default_reminder_time": "09:15",
			"swaps_per_day": 0, "barrier_categories": []string{"time", "staff_shortage"},
			"points": map[string]any{"done": 20, "story": 8, "blocked": 0, "kudos": 100}, "retention_days": 3650,
			"default_locale": "nl", "default_workdays": []int{2, 3, 4, 5, 6}, "locales": []string{"nl", "en"},
			"story_retention_days": 365, "barrier_retention_days": 90,
		}).expect(200).decode(&patched)
		admin = a.renewed(admin) // a new org time zone renews everyone's tokens
		a.call("GET", "/v1/admin/org", admin.AccessToken, nil).expect(200).decode(&got)
		want := OrgSettings{
			Id: "acme", Name: "Acme Retail", Timezone: "Europe/Lisbon", WeekStartsOn: 7, DefaultReminderTime: "09:15",
			SwapsPerDay: 0, BarrierCategories: []string{"time", "staff_shortage"},
			Points: PointsSettings{Done: 20, Story: 8, Blocked: 0, Kudos: 100}, RetentionDays: 3650, CreatedAt: testNow,
			DefaultLocale: "nl", DefaultWorkdays: []int{2, 3, 4, 5, 6}, Locales: []Locale{"nl", "en"},
			StoryRetentionDays: days(365), BarrierRetentionDays: days(90),
		}
		if !reflect.DeepEqual(patched, want) || !reflect.DeepEqual(got, want) {
			t.Fatalf("patched %+v\nread    %+v\nwant    %+v", patched, got, want)
		}
	})

	t.Run("a partial PATCH keeps the fields it does not name, inside points too", func(t *testing.T) {
		a := a.in(t)
		var before, after OrgSettings
		a.call("GET", "/v1/admin/org", admin.AccessToken, nil).expect(200).decode(&before)
		a.call("PATCH", "/v1/admin/org", admin.AccessToken, map[string]any{"points": map[string]any{"story": 9}}).expect(200).decode(&after)
		want := before
		want.Points.Story = 9
		if !reflect.DeepEqual(after, want) {
			t.Fatalf("got %+v\nwant %+v", after, want)
		}
		a.call("PATCH", "/v1/admin/org", admin.AccessToken, map[string]any{}).expect(200).decode(&after)
		if !reflect.DeepEqual(after, want) {
			t.Fatalf("an empty PATCH changed %+v", after)
		}
	})

	t.Run("the org's time zone is the default of its users", func(t *testing.T) {
		a := a.in(t)
		eva := a.member(admin, "Eva Jansen", "employee", "")
		a.call("PATCH", "/v1/admin/org", admin.AccessToken, map[string]any{"timezone": "America/Curacao"}).expect(200)
		admin, eva = a.renewed(admin), a.renewed(eva)
		var me Me
		a.call("GET", "/v1/me", eva.AccessToken, nil).expect(200).decode(&me)
		if me.Timezone != "America/Curacao" {
			t.Fatalf("me.timezone %q", me.Timezone)
		}
	})
}

func TestUpdateMe(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	eva := a.member(admin, "Eva Jansen", "employee", "")

	t.Run("a PATCH of every field round-trips through GET", func(t *testing.T) {
		a := a.in(t)
		var patched, got Me
		a.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{
			"name": "Eva J.", "timezone": "Europe/London", "locale": "nl",
			"preferences": map[string]any{
				"reminder_time": "07:45", "quiet_hours": map[string]any{"start": "22:00", "end": "06:30"},
				"workdays": []int{6, 1, 3}, "show_on_leaderboards": false, "paused_until": "2026-12-31",
			},
		}).expect(200).decode(&patched)
		eva = a.renewed(eva) // a new time zone renews the user's tokens
		a.call("GET", "/v1/me", eva.AccessToken, nil).expect(200).decode(&got)
		for _, m := range []Me{patched, got} {
			p := m.Preferences
			if m.Name != "Eva J." || m.Timezone != "Europe/London" || m.Locale != "nl" || p.ReminderTime != "07:45" ||
				p.QuietHours.Start != "22:00" || p.QuietHours.End != "06:30" || !slices.Equal(p.Workdays, []int{1, 3, 6}) ||
				p.ShowOnLeaderboards || p.PausedUntil == nil || p.PausedUntil.String() != "2026-12-31" {
				t.Fatalf("got %+v", m)
			}
		}
		if !reflect.DeepEqual(patched, got) {
			t.Fatalf("PATCH answered %+v, GET %+v", patched, got)
		}
	})

	t.Run("paused_until null ends a pause and an absent one keeps it", func(t *testing.T) {
		a := a.in(t)
		var me Me
		a.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"preferences": map[string]any{"paused_until": "2026-12-24"}}).expect(200).decode(&me)
		a.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"preferences": map[string]any{"reminder_time": "08:00"}}).expect(200).decode(&me)
		if me.Preferences.PausedUntil == nil {
			t.Fatal("an absent paused_until ended the pause")
		}
		a.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{"preferences": map[string]any{"paused_until": nil}}).expect(200).decode(&me)
		if me.Preferences.PausedUntil != nil {
			t.Fatalf("paused until %v after null", me.Preferences.PausedUntil)
		}
	})

	t.Run("a user cannot change their role, team or email through /v1/me", func(t *testing.T) {
		a := a.in(t)
		for _, field := range []string{"role", "team_id", "email", "active"} {
			p := a.call("PATCH", "/v1/me", eva.AccessToken, map[string]any{field: "admin"}).wantProblem(400, "unknown_field")
			if !p.names(field) {
				t.Fatalf("errors name %v, want %s", p.fieldNames(), field)
			}
		}
	})
}

// GET /v1/me works the user's day out in the zone their token carries; a token issued before
// the zone changed (its void not yet seen by this replica) is answered in the zone as it is now,
// as the renewed token is.
func TestMeAnswersTheZoneAsItIsNow(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	team := a.team(admin, "Red")
	eva := a.member(admin, "Eva Jansen", "employee", team.Id)
	ctx := t.Context()
	before, err := a.store.User(ctx, "acme", eva.User.Id)
	if err != nil {
		t.Fatal(err)
	}
	after := before
	after.Timezone = "Pacific/Kiritimati"
	if err := a.store.UpdateUser(ctx, before, after); err != nil { // behind the API's back: no void
		t.Fatal(err)
	}
	var stale, renewed Me
	a.call("GET", "/v1/me", eva.AccessToken, nil).expect(200).decode(&stale)
	a.call("GET", "/v1/me", a.renewed(eva).AccessToken, nil).expect(200).decode(&renewed)
	if stale.Timezone != "Pacific/Kiritimati" || stale.Team == nil || stale.Team.Name != "Red" {
		t.Fatalf("with the old token: %+v (team %+v), want Pacific/Kiritimati, Red", stale, stale.Team)
	}
	if !reflect.DeepEqual(stale, renewed) {
		t.Fatalf("with the old token %+v, with a renewed one %+v", stale, renewed)
	}
}
