package handlers

import (
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

// The org's current week and month are worked out once per local day and kept with the org's
// cached state; a new day, or a new state, works them out again.
func TestOrgPeriodsFollowTheDay(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC) // a Sunday
	org, err := domain.NewOrg("periods", "Periods", "Europe/Amsterdam", now)
	if err != nil {
		t.Fatal(err)
	}
	e := &orgEntry{org: org, loc: org.Location(), fetched: now}
	sunday := e.periodsOf("2026-11-29")
	if sunday.week.Key != "w2026-11-23" || sunday.month.Key != "m2026-11" {
		t.Errorf("Sunday 29 November: week %s, month %s; want w2026-11-23, m2026-11", sunday.week.Key, sunday.month.Key)
	}
	if again := e.periodsOf("2026-11-29"); again != sunday {
		t.Error("the same day was worked out again")
	}
	monday := e.periodsOf("2026-11-30")
	if monday.week.Key != "w2026-11-30" || monday.month.Key != "m2026-11" {
		t.Errorf("Monday 30 November: week %s, month %s; want w2026-11-30, m2026-11", monday.week.Key, monday.month.Key)
	}
	if dec := e.periodsOf("2026-12-01"); dec.month.Key != "m2026-12" || dec.week.Key != "w2026-11-30" {
		t.Errorf("1 December: week %s, month %s; want w2026-11-30, m2026-12", dec.week.Key, dec.month.Key)
	}

	org.WeekStartsOn = 7 // an org whose weeks start on Sunday: its next state has its own periods
	sundayStart := &orgEntry{org: org, loc: org.Location(), fetched: now}
	if p := sundayStart.periodsOf("2026-11-29"); p.week.Key != "w2026-11-29" {
		t.Errorf("weeks from Sunday: week %s, want w2026-11-29", p.week.Key)
	}
}
