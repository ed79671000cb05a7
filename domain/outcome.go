package domain

import (
	"slices"
	"strings"
	"time"
)

// maxFutureSkew is how far in the future occurred_at may lie (phones' clocks drift).
const maxFutureSkew = 5 * time.Minute

// OutcomeFields is an outcome as the app sends it.
type OutcomeFields struct {
	Result          string
	Reaction        string
	Story           string
	Share           bool
	HasBarrier      bool
	BarrierCategory string
	BarrierText     string
	OccurredAt      *time.Time
	QuoteID         string // a customer comment the shared story quotes ("" for none)
}

// earliestZone is where a calendar day begins first (UTC+14).
var earliestZone = time.FixedZone("UTC+14", 14*3600)

// dayBegan is when day began for the user: in their zone, or — when it has not begun there yet
// because they moved west since it was given — where it began first.
func dayBegan(day string, now time.Time, loc *time.Location) time.Time {
	if start := StartOfDay(day, loc); !start.After(now) {
		return start
	}
	return StartOfDay(day, earliestZone)
}

// ValidateOutcome checks an outcome for the assignment of day at now (today is the user's local
// day in loc). Days older than yesterday are too late; an outcome cannot have happened before its
// day began nor more than five minutes from now.
func ValidateOutcome(f OutcomeFields, day, today string, now time.Time, loc *time.Location) (OutcomeInput, error) {
	if day < AddDays(today, -1) {
		return OutcomeInput{}, Invalid("too_late", "An outcome can be recorded until the end of the day after the assignment's day.")
	}
	in := OutcomeInput{Result: f.Result, Share: f.Share, OccurredAt: now}
	var fields []FieldError
	collect := collector(&fields)
	switch f.Result {
	case ResultDone, ResultSkipped, ResultBlocked:
	default:
		collect(InvalidField("result", "must be one of done, skipped, blocked"))
	}
	if f.Reaction != "" {
		if f.Result != ResultDone {
			collect(InvalidField("reaction", "only a done gesture has a customer reaction"))
		} else if !slices.Contains(Reactions, f.Reaction) {
			collect(InvalidField("reaction", "must be one of delighted, positive, neutral, negative"))
		}
		in.Reaction = f.Reaction
	}
	if strings.TrimSpace(f.Story) != "" {
		if f.Result != ResultDone {
			collect(InvalidField("story", "only a done gesture has a story"))
		}
		s, err := CleanText("story", f.Story, 1000)
		collect(err)
		in.Story = s
	}
	if f.Share && in.Story == "" {
		in.Share = false // nothing to share
	}
	collect(checkQuoteID(f, f.Result == ResultDone && in.Share))
	switch {
	case f.Result == ResultBlocked && !f.HasBarrier:
		collect(InvalidField("barrier", "say what stopped you: a barrier is required with blocked"))
	case f.Result != ResultBlocked && f.HasBarrier:
		collect(InvalidField("barrier", "only a blocked gesture has a barrier"))
	case f.HasBarrier:
		text, err := CleanText("barrier.text", f.BarrierText, 1000)
		collect(err)
		cat, err := CleanText("barrier.category", f.BarrierCategory, 40)
		collect(err)
		in.BarrierCategory, in.BarrierText = cat, text
	}
	if f.OccurredAt != nil {
		at := f.OccurredAt.UTC()
		switch {
		case at.After(now.Add(maxFutureSkew)):
			collect(InvalidField("occurred_at", "must not be more than 5 minutes in the future"))
		case at.Before(dayBegan(day, now, loc)):
			collect(InvalidField("occurred_at", "must not be before the assignment's day"))
		}
		in.OccurredAt = at
	}
	if len(fields) > 0 {
		return OutcomeInput{}, Invalid("invalid", "The outcome is not valid.", fields...)
	}
	return in, nil
}

// WeekDays lists the days of the org week that contains day.
func WeekDays(day string, weekStartsOn int) []string {
	first := WeekOf(day, weekStartsOn, time.UTC).FirstDay
	days := make([]string, 7)
	for i := range days {
		days[i] = AddDays(first, i)
	}
	return days
}
