package domain

import (
	"testing"
	"time"
)

func TestSocialRetention(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	days := 30
	cutoff, ok := RetentionCutoff(&days, now)
	if !ok || !cutoff.Equal(now.AddDate(0, 0, -30)) {
		t.Fatalf("cutoff %v %v", cutoff, ok)
	}
	if _, ok := RetentionCutoff(nil, now); ok {
		t.Error("no retention set should keep everything")
	}
	t.Run("stories expire by the time they were shared", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			st   Story
			want bool
		}{
			{"a story older than the cutoff", Story{CreatedAt: cutoff.Add(-time.Second)}, true},
			{"a story made at the cutoff", Story{CreatedAt: cutoff}, false},
			{"a story of today", Story{CreatedAt: now}, false},
			{"a story without a time", Story{}, false},
		} {
			if got := StoryExpired(tc.st, cutoff); got != tc.want {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			}
		}
	})
	t.Run("barriers expire by their last change", func(t *testing.T) {
		old, recent := cutoff.Add(-time.Hour), cutoff.Add(time.Hour)
		for _, tc := range []struct {
			name string
			b    Barrier
			want bool
		}{
			{"reported and left since long ago", Barrier{CreatedAt: old, UpdatedAt: old}, true},
			{"reported long ago, resolved recently", Barrier{CreatedAt: old, UpdatedAt: recent}, false},
			{"reported recently", Barrier{CreatedAt: recent, UpdatedAt: recent}, false},
			{"without an update time, by its report", Barrier{CreatedAt: old}, true},
		} {
			if got := BarrierExpired(tc.b, cutoff); got != tc.want {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			}
		}
	})
	t.Run("the org settings take a range or null", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			days *int
			ok   bool
		}{
			{"null keeps them", nil, true},
			{"a week", ptr(7), true},
			{"ten years", ptr(3650), true},
			{"six days", ptr(6), false},
			{"more than ten years", ptr(3651), false},
		} {
			o, _ := NewOrg("acme", "Acme", "Europe/Amsterdam", now)
			o.StoryRetentionDays = ptr(100)
			err := o.Apply(OrgPatch{StoryRetentionDays: RetentionPatch{Set: true, Days: tc.days}, BarrierRetentionDays: RetentionPatch{Set: true, Days: tc.days}})
			if (err == nil) != tc.ok {
				t.Errorf("%s: %v", tc.name, err)
				continue
			}
			if err != nil {
				if o.StoryRetentionDays == nil || *o.StoryRetentionDays != 100 {
					t.Errorf("%s: a refused patch changed the org", tc.name)
				}
				continue
			}
			if (tc.days == nil) != (o.StoryRetentionDays == nil) || (tc.days == nil) != (o.BarrierRetentionDays == nil) ||
				(tc.days != nil && (*o.StoryRetentionDays != *tc.days || *o.BarrierRetentionDays != *tc.days)) {
				t.Errorf("%s: story %v barrier %v", tc.name, o.StoryRetentionDays, o.BarrierRetentionDays)
			}
		}
	})
}
