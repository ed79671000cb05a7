package store

import (
	"testing"
	"time"
)

// Badges keep their time as Unix seconds now, and as RFC 3339 from earlier versions.
func TestBadgeTimeReadsBothForms(t *testing.T) {
	want := time.Date(2026, 11, 4, 11, 0, 0, 0, time.UTC)
	for _, at := range []string{"1793790000", "2026-11-04T11:00:00Z", "2026-11-04T12:00:00+01:00"} {
		if got := badgeTime(at); !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("badgeTime(%q) = %v, want %v", at, got, want)
		}
	}
	if got := badgeTime("junk"); !got.IsZero() {
		t.Errorf("badgeTime(junk) = %v, want the zero time", got)
	}
}
