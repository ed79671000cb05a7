package domain

import (
	"testing"
	"time"
)

func TestDecidePush(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	limits := PushLimits{DailyCap: 4, Window: time.Hour}
	push := PushRequest{ID: "N2", Now: now}
	kudos := PushRequest{ID: "N2", Collapse: "kudos:S1", Now: now}
	cases := []struct {
		name string
		s    PushState
		r    PushRequest
		l    PushLimits
		want PushDecision
	}{
		{"the first push of the day is counted",
			PushState{}, push, limits, PushDecision{Allow: true, Count: true}},
		{"the fourth push of the day is counted",
			PushState{Today: 3}, push, limits, PushDecision{Allow: true, Count: true}},
		{"a fifth push of the day is not pushed",
			PushState{Today: 4}, push, limits, PushDecision{}},
		{"a day counted beyond the cap (the cap was lowered) pushes nothing more",
			PushState{Today: 7}, push, limits, PushDecision{}},
		{"a retry of a push already counted is pushed again and counts nothing, even at the cap",
			PushState{Counted: true, Today: 4}, push, limits, PushDecision{Allow: true}},
		{"a retry is pushed again even while another holds its window",
			PushState{Counted: true, Today: 2, Holder: "N1", HeldTill: now.Add(time.Minute)}, kudos, limits, PushDecision{Allow: true}},
		{"a push that collapses holds a free window for the window's length",
			PushState{Today: 1}, kudos, limits, PushDecision{Allow: true, Count: true, Hold: time.Hour}},
		{"another notification holding the window keeps the push off the phone",
			PushState{Today: 1, Holder: "N1", HeldTill: now.Add(time.Millisecond)}, kudos, limits, PushDecision{}},
		{"a window that ends now is free again",
			PushState{Today: 1, Holder: "N1", HeldTill: now}, kudos, limits, PushDecision{Allow: true, Count: true, Hold: time.Hour}},
		{"a window that ended is free again, however long the store kept it",
			PushState{Today: 1, Holder: "N1", HeldTill: now.Add(-time.Minute)}, kudos, limits, PushDecision{Allow: true, Count: true, Hold: time.Hour}},
		{"the window held by the push itself (counted on another day) is held anew",
			PushState{Holder: "N2", HeldTill: now.Add(30 * time.Minute)}, kudos, limits, PushDecision{Allow: true, Count: true, Hold: time.Hour}},
		{"a free window does not lift the cap",
			PushState{Today: 4}, kudos, limits, PushDecision{}},
		{"a push that collapses with nothing has no window, whoever held one",
			PushState{Today: 1, Holder: "N1", HeldTill: now.Add(time.Minute)}, push, limits, PushDecision{Allow: true, Count: true}},
		{"without a window a push that collapses is only capped",
			PushState{Today: 1, Holder: "N1", HeldTill: now.Add(time.Minute)}, kudos, PushLimits{DailyCap: 4},
			PushDecision{Allow: true, Count: true}},
		{"a window shorter than a second is none",
			PushState{Today: 1, Holder: "N1", HeldTill: now.Add(time.Minute)}, kudos, PushLimits{DailyCap: 4, Window: 999 * time.Millisecond},
			PushDecision{Allow: true, Count: true}},
		{"a window is held in whole seconds",
			PushState{}, kudos, PushLimits{DailyCap: 4, Window: 90*time.Second + 500*time.Millisecond},
			PushDecision{Allow: true, Count: true, Hold: 90 * time.Second}},
		{"a cap of zero pushes nothing",
			PushState{}, kudos, PushLimits{Window: time.Hour}, PushDecision{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := DecidePush(c.s, c.r, c.l); got != c.want {
				t.Errorf("DecidePush = %+v, want %+v", got, c.want)
			}
		})
	}
}

// pushDays is a user's pushes as the store keeps them: counted by the local day they fall on
// (LocalDay in the user's zone), and the collapse windows' holders.
type pushDays struct {
	loc     *time.Location
	limits  PushLimits
	counted map[string]map[string]bool // day → notification ids
	holder  map[string]string          // collapse → holder
	till    map[string]time.Time       // collapse → end of the holder's window
}

func newPushDays(loc *time.Location, l PushLimits) *pushDays {
	return &pushDays{loc: loc, limits: l, counted: map[string]map[string]bool{}, holder: map[string]string{}, till: map[string]time.Time{}}
}

// push decides a push as the store does, and applies the decision.
func (p *pushDays) push(r PushRequest) PushDecision {
	day := LocalDay(r.Now, p.loc)
	s := PushState{Counted: p.counted[day][r.ID], Today: len(p.counted[day])}
	if r.Collapse != "" {
		s.Holder, s.HeldTill = p.holder[r.Collapse], p.till[r.Collapse]
	}
	d := DecidePush(s, r, p.limits)
	if d.Count {
		if p.counted[day] == nil {
			p.counted[day] = map[string]bool{}
		}
		p.counted[day][r.ID] = true
	}
	if d.Hold > 0 {
		p.holder[r.Collapse], p.till[r.Collapse] = r.ID, r.Now.Add(d.Hold)
	}
	return d
}

// The cap is a day of the user's own calendar, in their own time zone: it starts again at their
// midnight, however long daylight saving makes the day.
func TestDailyCapFollowsTheUsersLocalDay(t *testing.T) {
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	amsterdam, newYork, santiago := zone("Europe/Amsterdam"), zone("America/New_York"), zone("America/Santiago")
	at := func(loc *time.Location, day string, hh, mm int) time.Time {
		d, err := time.ParseInLocation(time.DateOnly, day, loc)
		if err != nil {
			t.Fatal(err)
		}
		return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, loc)
	}
	cases := []struct {
		name   string
		loc    *time.Location
		capped []time.Time // four pushes, then a fifth the same day
		next   time.Time   // the first instant that is pushed again
	}{
		{"at midnight in Amsterdam", amsterdam,
			[]time.Time{at(amsterdam, "2026-11-23", 0, 0), at(amsterdam, "2026-11-23", 9, 0), at(amsterdam, "2026-11-23", 12, 0),
				at(amsterdam, "2026-11-23", 18, 0), at(amsterdam, "2026-11-23", 23, 59)},
			at(amsterdam, "2026-11-24", 0, 0)},
		{"at the user's own midnight, not the org's or UTC's", newYork,
			[]time.Time{at(newYork, "2026-11-23", 8, 0), at(newYork, "2026-11-23", 12, 0), at(newYork, "2026-11-23", 18, 0),
				at(newYork, "2026-11-23", 19, 30), // 00:30 of the 24th in UTC and in Amsterdam
				at(newYork, "2026-11-23", 23, 59)},
			at(newYork, "2026-11-24", 0, 0)},
		{"on the 25-hour day daylight saving ends in Amsterdam", amsterdam,
			[]time.Time{at(amsterdam, "2026-10-25", 0, 30), time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), // 02:30 summer time
				time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), // 02:30 again, the hour repeated
				at(amsterdam, "2026-10-25", 12, 0), at(amsterdam, "2026-10-25", 23, 59)},
			at(amsterdam, "2026-10-26", 0, 0)},
		{"on the 23-hour day daylight saving starts in Amsterdam", amsterdam,
			[]time.Time{at(amsterdam, "2026-03-29", 0, 30), at(amsterdam, "2026-03-29", 3, 0), at(amsterdam, "2026-03-29", 9, 0),
				at(amsterdam, "2026-03-29", 12, 0), at(amsterdam, "2026-03-29", 23, 59)},
			at(amsterdam, "2026-03-30", 0, 0)},
		{"where daylight saving starts at midnight, so the day starts at 01:00", santiago,
			[]time.Time{at(santiago, "2026-09-05", 8, 0), at(santiago, "2026-09-05", 12, 0), at(santiago, "2026-09-05", 18, 0),
				at(santiago, "2026-09-05", 20, 0), at(santiago, "2026-09-05", 23, 59)},
			time.Date(2026, 9, 6, 4, 0, 0, 0, time.UTC)}, // 01:00 -03, the first instant of the 6th
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := newPushDays(c.loc, PushLimits{DailyCap: 4, Window: time.Hour})
			for i, now := range c.capped {
				want := i < 4
				if d := p.push(PushRequest{ID: "N" + string(rune('0'+i)), Now: now}); d.Allow != want {
					t.Fatalf("push %d at %s: allowed %v, want %v", i+1, now.In(c.loc).Format(time.DateTime), d.Allow, want)
				}
			}
			if d := p.push(PushRequest{ID: "N5", Now: c.next.Add(-time.Nanosecond)}); d.Allow {
				t.Errorf("pushed just before %s", c.next.In(c.loc).Format(time.DateTime))
			}
			if d := p.push(PushRequest{ID: "N6", Now: c.next}); !d.Allow {
				t.Errorf("not pushed at %s, the next local day", c.next.In(c.loc).Format(time.DateTime))
			}
			if d := p.push(PushRequest{ID: "N0", Now: c.next}); !d.Allow || !d.Count {
				t.Errorf("a retry of yesterday's push counts today: %+v", d)
			}
		})
	}
}

// The collapse window is a stretch of real time: it does not grow or shrink when the clocks
// change inside it.
func TestCollapseWindowAcrossDST(t *testing.T) {
	amsterdam, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC) // the first 02:30 in Amsterdam; the clocks go back at 03:00
	p := newPushDays(amsterdam, PushLimits{DailyCap: 4, Window: time.Hour})
	if d := p.push(PushRequest{ID: "N1", Collapse: "kudos:S1", Now: start}); !d.Allow {
		t.Fatal("the first kudos was not pushed")
	}
	if d := p.push(PushRequest{ID: "N2", Collapse: "kudos:S1", Now: start.Add(time.Hour - time.Second)}); d.Allow {
		t.Error("pushed at the second 02:29:59, within the window")
	}
	if d := p.push(PushRequest{ID: "N3", Collapse: "kudos:S1", Now: start.Add(time.Hour)}); !d.Allow {
		t.Error("not pushed at the second 02:30, an hour later")
	}
}

// Whatever the order, ids and times of pushes: no local day counts more than the cap, a retry
// on the day it was counted is always pushed, and two notifications collapsing together are
// pushed at least a window apart.
func FuzzDecidePush(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7})
	f.Add([]byte{0x10, 0x11, 0x12, 0x90, 0x91, 0xff, 0x10, 0x13, 0x14})
	amsterdam, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		f.Fatal(err)
	}
	limits := PushLimits{DailyCap: 4, Window: time.Hour}
	// steps of time, some just short of the window
	advances := []time.Duration{0, time.Second, 10 * time.Minute, 30 * time.Minute, time.Hour - time.Second, time.Hour, 3 * time.Hour, 9 * time.Hour}
	f.Fuzz(func(t *testing.T, steps []byte) {
		p := newPushDays(amsterdam, limits)
		now := time.Date(2026, 10, 24, 20, 0, 0, 0, amsterdam) // the night daylight saving ends
		lastHold := map[string]PushRequest{}                   // collapse → the push that last held it
		for i, b := range steps {
			now = now.Add(advances[b>>5])
			r := PushRequest{ID: "N" + string(rune('a'+b&7)), Now: now}
			if b&0x18 != 0 {
				r.Collapse = "kudos:S" + string(rune('0'+b>>3&3))
			}
			day := LocalDay(now, amsterdam)
			retry := p.counted[day][r.ID]
			d := p.push(r)
			switch {
			case retry && d != PushDecision{Allow: true}:
				t.Fatalf("step %d: a retry on its day decided %+v", i, d)
			case !d.Allow && d != PushDecision{}:
				t.Fatalf("step %d: a push not allowed records %+v", i, d)
			case d.Allow && !retry && !d.Count:
				t.Fatalf("step %d: a new push allowed without counting", i)
			case d.Hold > 0 && r.Collapse == "":
				t.Fatalf("step %d: a push collapsing with nothing holds a window", i)
			}
			if n := len(p.counted[day]); n > limits.DailyCap {
				t.Fatalf("step %d: %s counts %d pushes", i, day, n)
			}
			if d.Hold > 0 {
				if last, ok := lastHold[r.Collapse]; ok && last.ID != r.ID && now.Sub(last.Now) < limits.Window {
					t.Fatalf("step %d: %s pushed %s after %s, within the window", i, r.ID, now.Sub(last.Now), last.ID)
				}
				lastHold[r.Collapse] = r
			}
		}
	})
}
