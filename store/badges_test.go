package store

import (
	"testing"
	"time"
)

// Badges keep the time they were earned as Unix seconds.
func TestBadgeTimeReadsUnixSeconds(t *testing.T) {
	want := time.Date(2026, 11, 4, 11, 0, 0, 0, time.UTC)
	for _, at := range []string{"1793790000"} {
		if got := badgeTime(at); !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("badgeTime(%q) = %v, want %v", at, got, want)
		}
	}
	for _, at := range []string{"junk", "2026-11-04T11:00:00Z"} {
		if got := badgeTime(at); !got.IsZero() {
			t.Errorf("badgeTime(%q) = %v, want the zero time", at, got)
		}
	}
}
