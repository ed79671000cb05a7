package domain

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

func newTestUser(t *testing.T) User {
	t.Helper()
	u, err := NewUser(newTestOrg(t), UserInput{Name: "Eva Jansen", Email: "Eva@Acme.Example", Role: "employee", TeamID: "T1"}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	u.ID = "U1" // NewUser draws a random id; fix it so users compare
	return u
}

func TestNewUser(t *testing.T) {
	t.Run("a new user is active, normalised and has default preferences", func(t *testing.T) {
		u := newTestUser(t)
		want := User{ID: "U1", Org: "acme", Name: "Eva Jansen", Email: "eva@acme.example", Role: RoleEmployee, TeamID: "T1",
			Active: true, Locale: "en", Preferences: DefaultPreferences(), CreatedAt: testNow}
		if !reflect.DeepEqual(u, want) {
			t.Fatalf("got %+v\nwant %+v", u, want)
		}
	})
	t.Run("a new user starts with the org's default locale and workdays", func(t *testing.T) {
		o := newTestOrg(t)
		if err := o.Apply(OrgPatch{DefaultLocale: ptr("nl"), DefaultWorkdays: ptr([]int{2, 3, 4, 5, 6})}); err != nil {
			t.Fatal(err)
		}
		u, err := NewUser(o, UserInput{Name: "Eva", Email: "eva@acme.example", Role: "employee"}, testNow)
		if err != nil {
			t.Fatal(err)
		}
		if u.Locale != "nl" || !slices.Equal(u.Preferences.Workdays, []int{2, 3, 4, 5, 6}) {
			t.Fatalf("locale %q, workdays %v", u.Locale, u.Preferences.Workdays)
		}
		u.Preferences.Workdays[0] = 7
		if o.DefaultWorkdays[0] != 2 {
			t.Fatal("the user's workdays alias the org's")
		}
	})
	t.Run("every bad field is named at once", func(t *testing.T) {
		_, err := NewUser(newTestOrg(t), UserInput{Name: "", Email: "nope", Role: "boss"}, testNow)
		if got := fieldsOf(err); !slices.Equal(got, []string{"name", "email", "role"}) {
			t.Fatalf("error names %v", got)
		}
	})
}

func TestUserApplyMe(t *testing.T) {
	t.Run("a valid patch changes only the fields it names", func(t *testing.T) {
		u := newTestUser(t)
		err := u.ApplyMe(MePatch{
			Name: ptr(" Eva J. "), Timezone: ptr("Europe/Lisbon"), Locale: ptr("nl"),
			Preferences: PreferencesPatch{
				ReminderTime: ptr("07:45"), QuietHours: &QuietHours{Start: "22:00", End: "06:00"},
				Workdays: ptr([]int{6, 1, 3}), ShowOnLeaderboards: ptr(false), PausedUntil: ptr("2026-12-31"),
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		want := newTestUser(t)
		want.Name, want.Timezone, want.Locale = "Eva J.", "Europe/Lisbon", "nl"
		want.Preferences = Preferences{ReminderTime: "07:45", QuietHours: QuietHours{Start: "22:00", End: "06:00"},
			Workdays: []int{1, 3, 6}, ShowOnLeaderboards: false, PausedUntil: "2026-12-31"}
		if !reflect.DeepEqual(u, want) {
			t.Fatalf("got %+v\nwant %+v", u, want)
		}
	})

	t.Run("clearing the pause ends it", func(t *testing.T) {
		u := newTestUser(t)
		u.Preferences.PausedUntil = "2026-12-31"
		if err := u.ApplyMe(MePatch{Preferences: PreferencesPatch{ClearPausedUntil: true}}); err != nil || u.Preferences.PausedUntil != "" {
			t.Fatalf("paused until %q, %v", u.Preferences.PausedUntil, err)
		}
	})

	t.Run("no workdays at all is allowed", func(t *testing.T) {
		u := newTestUser(t)
		if err := u.ApplyMe(MePatch{Preferences: PreferencesPatch{Workdays: ptr([]int{})}}); err != nil || len(u.Preferences.Workdays) != 0 {
			t.Fatalf("workdays %v, %v", u.Preferences.Workdays, err)
		}
	})

	for _, tc := range []struct {
		name   string
		patch  MePatch
		fields []string
	}{
		{"an empty name", MePatch{Name: ptr("  ")}, []string{"name"}},
		{"a name of 101 characters", MePatch{Name: ptr(longText(101))}, []string{"name"}},
		{"an unknown time zone", MePatch{Timezone: ptr("Europe/Atlantis")}, []string{"timezone"}},
		{"an unknown locale", MePatch{Locale: ptr("es")}, []string{"locale"}},
		{"a reminder at 7:45", MePatch{Preferences: PreferencesPatch{ReminderTime: ptr("7:45")}}, []string{"preferences.reminder_time"}},
		{"quiet hours ending at 25:00", MePatch{Preferences: PreferencesPatch{QuietHours: &QuietHours{Start: "22:00", End: "25:00"}}}, []string{"preferences.quiet_hours.end"}},
		{"weekday 0", MePatch{Preferences: PreferencesPatch{Workdays: ptr([]int{0, 1})}}, []string{"preferences.workdays"}},
		{"weekday 8", MePatch{Preferences: PreferencesPatch{Workdays: ptr([]int{8})}}, []string{"preferences.workdays"}},
		{"a repeated weekday", MePatch{Preferences: PreferencesPatch{Workdays: ptr([]int{2, 2})}}, []string{"preferences.workdays"}},
		{"a pause until a day that does not exist", MePatch{Preferences: PreferencesPatch{PausedUntil: ptr("2026-02-30")}}, []string{"preferences.paused_until"}},
		{"several bad fields at once", MePatch{Name: ptr(""), Locale: ptr("es"), Preferences: PreferencesPatch{ReminderTime: ptr("x")}},
			[]string{"name", "locale", "preferences.reminder_time"}},
		{"a bad field beside good ones", MePatch{Name: ptr("Eva"), Preferences: PreferencesPatch{Workdays: ptr([]int{9, 1}), ShowOnLeaderboards: ptr(false)}},
			[]string{"preferences.workdays"}},
	} {
		t.Run("refuses "+tc.name+" and leaves the user unchanged", func(t *testing.T) {
			u := newTestUser(t)
			err := u.ApplyMe(tc.patch)
			if ErrorKind(err) != KindInvalid {
				t.Fatalf("want invalid, got %v", err)
			}
			if got := fieldsOf(err); !slices.Equal(got, tc.fields) {
				t.Fatalf("error names %v, want %v", got, tc.fields)
			}
			if !reflect.DeepEqual(u, newTestUser(t)) {
				t.Fatalf("the user changed: %+v", u)
			}
		})
	}

	t.Run("a valid patch does not change the workdays of the value it was applied to", func(t *testing.T) {
		before := newTestUser(t)
		after := before
		if err := after.ApplyMe(MePatch{Preferences: PreferencesPatch{Workdays: ptr([]int{7, 6})}}); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(before.Preferences.Workdays, []int{1, 2, 3, 4, 5}) {
			t.Fatalf("the copy's workdays changed to %v", before.Preferences.Workdays)
		}
	})
}

func TestUserApply(t *testing.T) {
	later := testNow.Add(time.Hour)

	t.Run("a valid patch changes only the fields it names", func(t *testing.T) {
		u := newTestUser(t)
		if err := u.Apply(UserPatch{Name: ptr("Eva de Vries"), Email: ptr(" EVA@acme.example "), Role: ptr("lead"), TeamID: ptr("T2")}, later); err != nil {
			t.Fatal(err)
		}
		want := newTestUser(t)
		want.Name, want.Email, want.Role, want.TeamID = "Eva de Vries", "eva@acme.example", RoleLead, "T2"
		if !reflect.DeepEqual(u, want) {
			t.Fatalf("got %+v\nwant %+v", u, want)
		}
	})

	t.Run("an admin sets the locale, time zone and workdays, sorted", func(t *testing.T) {
		u := newTestUser(t)
		if err := u.Apply(UserPatch{Locale: ptr("nl"), Timezone: ptr("Europe/London"), Workdays: &[]int{6, 2, 3}}, later); err != nil {
			t.Fatal(err)
		}
		if u.Locale != "nl" || u.Timezone != "Europe/London" || !slices.Equal(u.Preferences.Workdays, []int{2, 3, 6}) {
			t.Fatalf("locale %q, zone %q, workdays %v", u.Locale, u.Timezone, u.Preferences.Workdays)
		}
	})

	t.Run("clearing the team removes it", func(t *testing.T) {
		u := newTestUser(t)
		if err := u.Apply(UserPatch{ClearTeam: true}, later); err != nil || u.TeamID != "" {
			t.Fatalf("team %q, %v", u.TeamID, err)
		}
	})

	t.Run("deactivation ends the sessions issued before it", func(t *testing.T) {
		u := newTestUser(t)
		if err := u.Apply(UserPatch{Active: ptr(false)}, later); err != nil {
			t.Fatal(err)
		}
		if u.Active || !u.SessionsValidAfter.Equal(later) {
			t.Fatalf("active %v, sessions valid after %s", u.Active, u.SessionsValidAfter)
		}
	})

	t.Run("reactivation keeps the moment sessions ended", func(t *testing.T) {
		u := newTestUser(t)
		if err := u.Apply(UserPatch{Active: ptr(false)}, later); err != nil {
			t.Fatal(err)
		}
		if err := u.Apply(UserPatch{Active: ptr(true)}, later.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if !u.Active || !u.SessionsValidAfter.Equal(later) {
			t.Fatalf("active %v, sessions valid after %s", u.Active, u.SessionsValidAfter)
		}
	})

	t.Run("a change that keeps the user active does not end sessions", func(t *testing.T) {
		u := newTestUser(t)
		if err := u.Apply(UserPatch{Active: ptr(true), Role: ptr("admin")}, later); err != nil || !u.SessionsValidAfter.IsZero() {
			t.Fatalf("sessions valid after %s, %v", u.SessionsValidAfter, err)
		}
	})

	for _, tc := range []struct {
		name   string
		patch  UserPatch
		fields []string
	}{
		{"an empty name", UserPatch{Name: ptr("")}, []string{"name"}},
		{"a name with a control character", UserPatch{Name: ptr("Eva\x07")}, []string{"name"}},
		{"an address without a domain", UserPatch{Email: ptr("eva@")}, []string{"email"}},
		{"an unknown role", UserPatch{Role: ptr("owner")}, []string{"role"}},
		{"a role in capitals", UserPatch{Role: ptr("Admin")}, []string{"role"}},
		{"a bad field beside a deactivation", UserPatch{Role: ptr("boss"), Active: ptr(false)}, []string{"role"}},
		{"several bad fields at once", UserPatch{Name: ptr(""), Email: ptr("x"), Role: ptr("")}, []string{"name", "email", "role"}},
		{"an unknown locale", UserPatch{Locale: ptr("es")}, []string{"locale"}},
		{"an unknown time zone", UserPatch{Timezone: ptr("Europe/Atlantis")}, []string{"timezone"}},
		{"a repeated workday", UserPatch{Workdays: &[]int{1, 1, 2}}, []string{"workdays"}},
		{"a workday past Sunday", UserPatch{Workdays: &[]int{1, 8}}, []string{"workdays"}},
		{"workday 0", UserPatch{Workdays: &[]int{0, 1}}, []string{"workdays"}},
	} {
		t.Run("refuses "+tc.name+" and leaves the user unchanged", func(t *testing.T) {
			u := newTestUser(t)
			err := u.Apply(tc.patch, later)
			if ErrorKind(err) != KindInvalid {
				t.Fatalf("want invalid, got %v", err)
			}
			if got := fieldsOf(err); !slices.Equal(got, tc.fields) {
				t.Fatalf("error names %v, want %v", got, tc.fields)
			}
			if !reflect.DeepEqual(u, newTestUser(t)) {
				t.Fatalf("the user changed: %+v", u)
			}
		})
	}
}

func TestPlanningAPause(t *testing.T) {
	const today = "2026-12-05"
	type pause struct{ from, until string }
	for _, tc := range []struct {
		name        string
		stored      pause
		from, until *string
		want        pause
		badField    string
	}{
		{"a pause until a later day starts today", pause{}, nil, ptr("2026-12-10"), pause{today, "2026-12-10"}, ""},
		{"a planned leave starts and ends in the future", pause{}, ptr("2026-12-21"), ptr("2027-01-03"), pause{"2026-12-21", "2027-01-03"}, ""},
		{"a one-day leave next week", pause{}, ptr("2026-12-08"), ptr("2026-12-08"), pause{"2026-12-08", "2026-12-08"}, ""},
		{"an ongoing pause keeps its start when it is made longer", pause{"2026-12-01", "2026-12-06"}, nil, ptr("2026-12-20"), pause{"2026-12-01", "2026-12-20"}, ""},
		{"an ongoing pause's start sent back unchanged is accepted", pause{"2026-12-01", "2026-12-06"}, ptr("2026-12-01"), ptr("2026-12-09"), pause{"2026-12-01", "2026-12-09"}, ""},
		{"a planned pause keeps its start when only its end moves", pause{"2026-12-21", "2027-01-03"}, nil, ptr("2027-01-05"), pause{"2026-12-21", "2027-01-05"}, ""},
		{"a planned pause can be moved with its start alone", pause{"2026-12-21", "2027-01-03"}, ptr("2026-12-28"), nil, pause{"2026-12-28", "2027-01-03"}, ""},
		{"a pause that is over is replaced by a new one starting today", pause{"2026-11-01", "2026-11-10"}, nil, ptr("2026-12-07"), pause{today, "2026-12-07"}, ""},
		{"a start in the past is refused", pause{}, ptr("2026-12-04"), ptr("2026-12-10"), pause{}, "preferences.paused_from"},
		{"moving an ongoing pause's start into the past is refused", pause{"2026-12-01", "2026-12-06"}, ptr("2026-11-30"), nil, pause{"2026-12-01", "2026-12-06"}, "preferences.paused_from"},
		{"an end in the past is refused", pause{}, nil, ptr("2026-12-04"), pause{}, "preferences.paused_until"},
		{"an end before the start is refused", pause{}, ptr("2026-12-10"), ptr("2026-12-09"), pause{}, "preferences.paused_until"},
		{"a start without an end is refused", pause{}, ptr("2026-12-10"), nil, pause{}, "preferences.paused_until"},
		{"a start that does not exist is refused", pause{}, ptr("2026-02-30"), ptr("2027-01-01"), pause{}, "preferences.paused_from"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := newTestUser(t)
			u.Preferences.PausedFrom, u.Preferences.PausedUntil = tc.stored.from, tc.stored.until
			err := u.ApplyMe(MePatch{Today: today, Preferences: PreferencesPatch{PausedFrom: tc.from, PausedUntil: tc.until}})
			if tc.badField != "" {
				if got := fieldsOf(err); !slices.Equal(got, []string{tc.badField}) {
					t.Fatalf("error %v names %v, want %s", err, got, tc.badField)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if got := (pause{u.Preferences.PausedFrom, u.Preferences.PausedUntil}); got != tc.want {
				t.Errorf("pause %+v, want %+v", got, tc.want)
			}
		})
	}

	t.Run("a user on a planned leave is paused on its days only", func(t *testing.T) {
		u := newTestUser(t)
		u.Preferences.PausedFrom, u.Preferences.PausedUntil = "2026-12-21", "2027-01-03"
		for day, want := range map[string]bool{"2026-12-20": false, "2026-12-21": true, "2027-01-03": true, "2027-01-04": false} {
			if u.PausedOn(day) != want {
				t.Errorf("PausedOn(%s) = %v, want %v", day, !want, want)
			}
		}
	})
}
