package domain

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

var testNow = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

func ptr[T any](v T) *T { return &v }

func newTestOrg(t *testing.T) Org {
	t.Helper()
	o, err := NewOrg("acme", "Acme Retail", "Europe/Amsterdam", testNow)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestNewOrg(t *testing.T) {
	t.Run("a new org has the contract's defaults", func(t *testing.T) {
		o := newTestOrg(t)
		want := Org{
			ID: "acme", Name: "Acme Retail", Timezone: "Europe/Amsterdam", WeekStartsOn: 1,
			DefaultReminderTime: "08:30", SwapsPerDay: 2,
			BarrierCategories: []string{"time", "tools", "rules", "stock", "other"},
			Points:            Points{Done: 10, Story: 5, Blocked: 2, Kudos: 1}, RetentionDays: 400, CreatedAt: testNow,
			DefaultLocale: "en", DefaultWorkdays: []int{1, 2, 3, 4, 5},
		}
		if !reflect.DeepEqual(o, want) {
			t.Fatalf("got %+v\nwant %+v", o, want)
		}
	})
	for _, tc := range []struct{ name, slug, orgName, tz, field string }{
		{"a bad slug is refused", "Acme!", "Acme", "Europe/Amsterdam", "slug"},
		{"an empty name is refused", "acme", " ", "Europe/Amsterdam", "name"},
		{"an unknown time zone is refused", "acme", "Acme", "Europe/Atlantis", "timezone"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewOrg(tc.slug, tc.orgName, tc.tz, testNow)
			if !slices.Contains(fieldsOf(err), tc.field) {
				t.Fatalf("want an error on %s, got %v", tc.field, err)
			}
		})
	}
}

func TestOrgApply(t *testing.T) {
	t.Run("a valid patch changes only the fields it names", func(t *testing.T) {
		o := newTestOrg(t)
		err := o.Apply(OrgPatch{
			Name: ptr("  Acme Stores "), Timezone: ptr("Europe/Lisbon"), WeekStartsOn: ptr(7),
			DefaultReminderTime: ptr("09:15"), SwapsPerDay: ptr(0), BarrierCategories: ptr([]string{"time", "staff_shortage"}),
			Points: PointsPatch{Story: ptr(8), Kudos: ptr(100)}, RetentionDays: ptr(30),
		})
		if err != nil {
			t.Fatal(err)
		}
		want := newTestOrg(t)
		want.Name, want.Timezone, want.WeekStartsOn, want.DefaultReminderTime = "Acme Stores", "Europe/Lisbon", 7, "09:15"
		want.SwapsPerDay, want.BarrierCategories, want.RetentionDays = 0, []string{"time", "staff_shortage"}, 30
		want.Points = Points{Done: 10, Story: 8, Blocked: 2, Kudos: 100}
		if !reflect.DeepEqual(o, want) {
			t.Fatalf("got %+v\nwant %+v", o, want)
		}
	})

	t.Run("sets the defaults of new users, the workdays sorted", func(t *testing.T) {
		o := newTestOrg(t)
		if err := o.Apply(OrgPatch{DefaultLocale: ptr("nl"), DefaultWorkdays: ptr([]int{6, 1, 2, 3, 4, 5})}); err != nil {
			t.Fatal(err)
		}
		if o.DefaultLocale != "nl" || !slices.Equal(o.DefaultWorkdays, []int{1, 2, 3, 4, 5, 6}) {
			t.Fatalf("defaults %q %v", o.DefaultLocale, o.DefaultWorkdays)
		}
	})

	t.Run("an org stored before the defaults existed gives new users en and Monday to Friday", func(t *testing.T) {
		o := newTestOrg(t)
		o.DefaultLocale, o.DefaultWorkdays = "", nil
		if o.NewUserLocale() != "en" || !slices.Equal(o.NewUserWorkdays(), []int{1, 2, 3, 4, 5}) {
			t.Fatalf("defaults %q %v", o.NewUserLocale(), o.NewUserWorkdays())
		}
	})

	t.Run("an empty patch changes nothing", func(t *testing.T) {
		o := newTestOrg(t)
		if err := o.Apply(OrgPatch{}); err != nil || !reflect.DeepEqual(o, newTestOrg(t)) {
			t.Fatalf("got %+v, %v", o, err)
		}
	})

	t.Run("the stored categories do not alias the patch's slice", func(t *testing.T) {
		o := newTestOrg(t)
		cats := []string{"time"}
		if err := o.Apply(OrgPatch{BarrierCategories: &cats}); err != nil {
			t.Fatal(err)
		}
		cats[0] = "changed"
		if o.BarrierCategories[0] != "time" {
			t.Fatal("changing the patch changed the org")
		}
	})

	for _, tc := range []struct {
		name   string
		patch  OrgPatch
		fields []string
	}{
		{"an empty name", OrgPatch{Name: ptr("")}, []string{"name"}},
		{"a name of 101 characters", OrgPatch{Name: ptr(longText(101))}, []string{"name"}},
		{"an unknown time zone", OrgPatch{Timezone: ptr("Mars/Olympus")}, []string{"timezone"}},
		{"week_starts_on 0", OrgPatch{WeekStartsOn: ptr(0)}, []string{"week_starts_on"}},
		{"week_starts_on 8", OrgPatch{WeekStartsOn: ptr(8)}, []string{"week_starts_on"}},
		{"a reminder time of 24:00", OrgPatch{DefaultReminderTime: ptr("24:00")}, []string{"default_reminder_time"}},
		{"swaps_per_day -1", OrgPatch{SwapsPerDay: ptr(-1)}, []string{"swaps_per_day"}},
		{"swaps_per_day 11", OrgPatch{SwapsPerDay: ptr(11)}, []string{"swaps_per_day"}},
		{"no barrier categories", OrgPatch{BarrierCategories: ptr([]string{})}, []string{"barrier_categories"}},
		{"21 barrier categories", OrgPatch{BarrierCategories: ptr(manyCategories(21))}, []string{"barrier_categories"}},
		{"a repeated barrier category", OrgPatch{BarrierCategories: ptr([]string{"time", "time"})}, []string{"barrier_categories"}},
		{"a barrier category with capitals", OrgPatch{BarrierCategories: ptr([]string{"Time"})}, []string{"barrier_categories"}},
		{"negative points for done", OrgPatch{Points: PointsPatch{Done: ptr(-1)}}, []string{"points.done"}},
		{"1001 points for a story", OrgPatch{Points: PointsPatch{Story: ptr(1001)}}, []string{"points.story"}},
		{"101 points per kudos", OrgPatch{Points: PointsPatch{Kudos: ptr(101)}}, []string{"points.kudos"}},
		{"retention of 29 days", OrgPatch{RetentionDays: ptr(29)}, []string{"retention_days"}},
		{"retention of 3651 days", OrgPatch{RetentionDays: ptr(3651)}, []string{"retention_days"}},
		{"an unknown default locale", OrgPatch{DefaultLocale: ptr("es")}, []string{"default_locale"}},
		{"no default workdays", OrgPatch{DefaultWorkdays: ptr([]int{})}, []string{"default_workdays"}},
		{"a repeated default workday", OrgPatch{DefaultWorkdays: ptr([]int{1, 2, 2})}, []string{"default_workdays"}},
		{"default workday 0", OrgPatch{DefaultWorkdays: ptr([]int{0, 1})}, []string{"default_workdays"}},
		{"default workday 8", OrgPatch{DefaultWorkdays: ptr([]int{7, 8})}, []string{"default_workdays"}},
		{"several bad fields at once", OrgPatch{Name: ptr(""), WeekStartsOn: ptr(9), Points: PointsPatch{Blocked: ptr(-5)}},
			[]string{"name", "week_starts_on", "points.blocked"}},
		{"a bad field beside good ones", OrgPatch{Name: ptr("New name"), SwapsPerDay: ptr(3), RetentionDays: ptr(1)}, []string{"retention_days"}},
	} {
		t.Run("refuses "+tc.name+" and leaves the org unchanged", func(t *testing.T) {
			o := newTestOrg(t)
			err := o.Apply(tc.patch)
			if ErrorKind(err) != KindInvalid || ErrorCode(err) != "invalid" {
				t.Fatalf("want invalid, got %v", err)
			}
			if got := fieldsOf(err); !slices.Equal(got, tc.fields) {
				t.Fatalf("error names %v, want %v", got, tc.fields)
			}
			if !reflect.DeepEqual(o, newTestOrg(t)) {
				t.Fatalf("the org changed: %+v", o)
			}
		})
	}
}

func longText(n int) string {
	b := make([]rune, n)
	for i := range b {
		b[i] = 'x'
	}
	return string(b)
}

func manyCategories(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "c" + string(rune('a'+i))
	}
	return out
}
