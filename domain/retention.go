package domain

import "time"

// The bounds of story_retention_days and barrier_retention_days: a week at least, so that a
// typo does not empty the feeds overnight, and ten years at most, as retention_days.
const (
	MinSocialRetentionDays = 7
	MaxSocialRetentionDays = 3650
)

// RetentionCutoff is the instant before which what is kept for days has expired at now; ok is
// false when days is nil (kept).
func RetentionCutoff(days *int, now time.Time) (cutoff time.Time, ok bool) {
	if days == nil {
		return time.Time{}, false
	}
	return now.Add(-time.Duration(*days) * 24 * time.Hour), true
}

// StoryExpired tells whether st, shared when it was created, is past cutoff (kudos and a
// spotlight do not keep it longer: the story is the author's, not theirs).
func StoryExpired(st Story, cutoff time.Time) bool {
	return !st.CreatedAt.IsZero() && st.CreatedAt.Before(cutoff)
}

// BarrierExpired tells whether b is past cutoff: nothing happened to it since (its last change,
// a report, an acknowledgement or a resolution, is older). A barrier someone still works on
// stays, however old its report.
func BarrierExpired(b Barrier, cutoff time.Time) bool {
	last := b.UpdatedAt
	if last.IsZero() {
		last = b.CreatedAt
	}
	return !last.IsZero() && last.Before(cutoff)
}
