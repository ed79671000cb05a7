package handlers

import (
	"testing"
	"time"
)

// The user's local day: time zones, DST switches, travelling and the offline grace day.

func TestLoopLocalDayFollowsTheUsersOwnTimeZone(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("days")
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 3)
	kiri := o.member("Kiri Ngata", "employee", "")
	lou := o.member("Lou Baker", "employee", "")
	eva := o.member("Eva Jansen", "employee", "")
	a.loopSetTimezone(kiri, "Pacific/Auckland")
	a.loopSetTimezone(lou, "America/Los_Angeles")

	t.Run("at one instant Auckland, Amsterdam and Los Angeles have their own dates", func(t *testing.T) {
		// 12:00 UTC: 01:00 on the 24th in Auckland (NZDT), 13:00 on the 23rd in Amsterdam,
		// 04:00 on the 23rd in Los Angeles.
		o.at(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC), kiri, lou, eva)
		for _, c := range []struct {
			who  *Session
			want string
		}{{kiri, "2026-11-24"}, {eva, "2026-11-23"}, {lou, "2026-11-23"}} {
			as := a.loopToday(c.who)
			if loopDate(as) != c.want || as.Id[:8] != c.want[:4]+c.want[5:7]+c.want[8:] {
				t.Errorf("%s: assignment %s for %s, want %s", c.who.User.Name, as.Id, loopDate(as), c.want)
			}
		}
	})

	t.Run("a new day begins at local midnight, not a second earlier", func(t *testing.T) {
		for _, c := range []struct {
			who      *Session
			tz       string
			day, end string
		}{
			{lou, "America/Los_Angeles", "2026-11-23", "2026-11-24"}, // 08:00 UTC
			{kiri, "Pacific/Auckland", "2026-11-24", "2026-11-25"},   // 11:00 UTC
		} {
			midnight := loopLocal(t, c.end, "00:00:00", c.tz)
			o.at(midnight.Add(-time.Second), c.who)
			if got := loopDate(a.loopToday(c.who)); got != c.day {
				t.Errorf("%s one second before midnight: %s, want %s", c.tz, got, c.day)
			}
			a.clock.Set(midnight)
			if got := loopDate(a.loopToday(c.who)); got != c.end {
				t.Errorf("%s at midnight: %s, want %s", c.tz, got, c.end)
			}
		}
	})
}

func TestLoopDSTSwitchDaysInAmsterdam(t *testing.T) {
	a := newAPI(t)
	for _, c := range []struct {
		name, slug string
		day        string
		// startUTC is local midnight of day, in UTC.
		startUTC time.Time
	}{
		{"spring forward (23-hour day)", "spring", "2026-03-29", time.Date(2026, 3, 28, 23, 0, 0, 0, time.UTC)},
		{"fall back (25-hour day)", "fall", "2026-10-25", time.Date(2026, 10, 24, 22, 0, 0, 0, time.UTC)},
	} {
		t.Run(c.name, func(t *testing.T) {
			prev := loopShift(c.day, -1)
			a.clock.Set(loopAmsterdam(t, prev, "12:00:00"))
			o := a.loopNewOrg(c.slug)
			v := o.value("Attentive")
			o.gestures(v.Id, "Greet", 3)
			eva := o.member("Eva Jansen", "employee", "")
			sam := o.member("Sam de Vries", "employee", "")

			o.at(loopAmsterdam(t, prev, "23:30:00"), eva, sam)
			before := a.loopToday(eva)
			if loopDate(before) != prev {
				t.Fatalf("23:30 the evening before: %s, want %s", loopDate(before), prev)
			}

			o.at(loopAmsterdam(t, c.day, "00:30:00"), eva, sam)
			early := a.loopToday(eva)
			if loopDate(early) != c.day {
				t.Fatalf("00:30 on the switch day: %s, want %s", loopDate(early), c.day)
			}

			o.at(loopAmsterdam(t, c.day, "23:30:00"), eva, sam)
			late := a.loopToday(eva)
			if late.Id != early.Id {
				t.Fatalf("23:30 on the switch day gives %s (%s), want the 00:30 assignment %s", late.Id, loopDate(late), early.Id)
			}
			// Sam's first read of the day is late in the evening; it still belongs to the day.
			samDay := a.loopToday(sam)
			if got := loopDate(samDay); got != c.day {
				t.Fatalf("Sam at 23:30 on the switch day: %s, want %s", got, c.day)
			}

			// The day starts at local midnight, whatever the UTC offset: occurred_at at that
			// instant is fine, a second before it belongs to the day before.
			a.loopRecord(sam, samDay.Id, map[string]any{"result": "done", "occurred_at": c.startUTC.Add(-time.Second)}).
				wantProblem(422, "invalid")
			r := a.loopOutcome(eva, late.Id, map[string]any{"result": "done", "occurred_at": c.startUTC})
			if !r.Assignment.Outcome.OccurredAt.Equal(c.startUTC) {
				t.Errorf("occurred_at stored as %s, want %s", r.Assignment.Outcome.OccurredAt, c.startUTC)
			}

			o.at(loopAmsterdam(t, loopShift(c.day, 1), "00:00:00"), eva)
			if got := loopDate(a.loopToday(eva)); got != loopShift(c.day, 1) {
				t.Fatalf("midnight after the switch day: %s, want the next day", got)
			}
		})
	}
}

func TestLoopTravelEast(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("east")
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 3)
	eva := o.member("Eva Jansen", "employee", "")

	// Monday 20:00 in Amsterdam: Monday's gesture.
	o.at(loopAmsterdam(t, loopMonday, "20:00:00"), eva)
	monday := a.loopToday(eva)
	if loopDate(monday) != loopMonday {
		t.Fatalf("Amsterdam Monday evening: %s", loopDate(monday))
	}

	// She lands in Tokyo, where it is already Tuesday 04:00: Tuesday begins early for her.
	a.loopSetTimezone(eva, "Asia/Tokyo")
	tuesday := a.loopToday(eva)
	if loopDate(tuesday) != loopDay(1) || tuesday.Id == monday.Id {
		t.Fatalf("Tokyo Tuesday 04:00: %s %s, want a new assignment for %s", tuesday.Id, loopDate(tuesday), loopDay(1))
	}
	if again := a.loopToday(eva); again.Id != tuesday.Id || again.Gesture.Id != tuesday.Gesture.Id {
		t.Fatalf("reading Tuesday again gave %+v, want %+v", again, tuesday)
	}

	// Monday's is now yesterday, so it still takes an outcome; both count once.
	a.loopOutcome(eva, monday.Id, map[string]any{"result": "done"})
	r := a.loopOutcome(eva, tuesday.Id, map[string]any{"result": "done"})
	if r.Stats.Points.Total != 20 || r.Stats.DoneTotal != 2 {
		t.Errorf("after two days done: %+v, want 20 points and 2 done", r.Stats)
	}

	// Later that Tuesday in Tokyo: still the one Tuesday assignment.
	o.at(loopLocal(t, loopDay(1), "23:00:00", "Asia/Tokyo"), eva)
	if got := a.loopToday(eva); got.Id != tuesday.Id {
		t.Fatalf("Tokyo Tuesday 23:00 gave %s, want %s", got.Id, tuesday.Id)
	}
	loopWantHistoryDays(t, a, eva, loopDay(1), loopMonday)
}

func TestLoopTravelWest(t *testing.T) {
	a := newAPI(t)
	// Start on Sunday: a time-zone change voids older tokens, so the clock only moves forward.
	a.clock.Set(time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC))
	o := a.loopNewOrg("west")
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 3)
	kenji := o.member("Kenji Sato", "employee", "")
	a.loopSetTimezone(kenji, "Asia/Tokyo")

	// Monday and Tuesday in Tokyo, both done.
	o.at(loopLocal(t, loopMonday, "10:00:00", "Asia/Tokyo"), kenji)
	a.loopDoToday(kenji, "done")
	o.at(loopLocal(t, loopDay(1), "10:00:00", "Asia/Tokyo"), kenji) // Tuesday 01:00 UTC
	tuesday, r := a.loopDoToday(kenji, "done")
	if r.Stats.Points.Total != 20 {
		t.Fatalf("after Monday and Tuesday: %d points, want 20", r.Stats.Points.Total)
	}

	// He flies to New York, where it is still Monday evening.
	o.at(time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC), kenji)
	a.loopSetTimezone(kenji, "America/New_York")

	t.Run("the earlier local day returns the latest assignment", func(t *testing.T) {
		got := a.loopToday(kenji)
		if got.Id != tuesday.Id || got.Status != "done" {
			t.Fatalf("New York Monday evening gave %s (%s, %s), want Tuesday's %s", got.Id, loopDate(got), got.Status, tuesday.Id)
		}
	})

	t.Run("no extra points can be earned for the repeated day", func(t *testing.T) {
		for _, id := range []string{tuesday.Id, "20261123-" + kenji.User.Id} {
			a.loopRecord(kenji, id, map[string]any{"result": "done"}).wantProblem(409, "already_recorded")
		}
		a.call("POST", "/v1/me/assignments/"+tuesday.Id+"/swap", kenji.AccessToken, nil).wantProblem(409, "already_recorded")
		me := a.loopMe(kenji)
		if me.Stats.Points.Total != 20 || me.Stats.DoneTotal != 2 {
			t.Fatalf("stats after the flight: %+v, want 20 points and 2 done", me.Stats)
		}
		if me.Stats.Streak.Current != 2 {
			t.Errorf("streak right after the flight: %d, want 2", me.Stats.Streak.Current)
		}
	})

	t.Run("his Tuesday in New York is the same assignment, Wednesday a new one", func(t *testing.T) {
		o.at(loopLocal(t, loopDay(1), "09:00:00", "America/New_York"), kenji)
		if got := a.loopToday(kenji); got.Id != tuesday.Id {
			t.Fatalf("New York Tuesday gave %s, want %s", got.Id, tuesday.Id)
		}
		o.at(loopLocal(t, loopDay(2), "09:00:00", "America/New_York"), kenji)
		if got := a.loopToday(kenji); loopDate(got) != loopDay(2) {
			t.Fatalf("New York Wednesday gave %s", loopDate(got))
		}
		loopWantHistoryDays(t, a, kenji, loopDay(2), loopDay(1), loopMonday)
		if me := a.loopMe(kenji); me.Stats.Streak.Current != 2 {
			t.Errorf("streak after the flight: %d, want 2 (nothing lost)", me.Stats.Streak.Current)
		}
	})

	t.Run("an open latest assignment can be recorded after flying west", func(t *testing.T) {
		// Saori gets Friday's gesture in Tokyo, then flies to New York, where it is Thursday.
		saori := o.member("Saori Ito", "employee", "")
		a.loopSetTimezone(saori, "Asia/Tokyo")
		o.at(loopLocal(t, loopDay(4), "08:00:00", "Asia/Tokyo"), saori) // Thursday 23:00 UTC
		fri := a.loopToday(saori)
		o.at(loopLocal(t, loopDay(3), "20:00:00", "America/New_York"), saori) // Friday 01:00 UTC
		a.loopSetTimezone(saori, "America/New_York")
		if got := a.loopToday(saori); got.Id != fri.Id {
			t.Fatalf("New York Thursday gave %s, want Friday's %s", got.Id, fri.Id)
		}
		r := a.loopOutcome(saori, fri.Id, map[string]any{"result": "done"})
		if r.PointsAwarded != 10 {
			t.Errorf("points %d, want 10", r.PointsAwarded)
		}
	})

	t.Run("an open latest assignment after flying west accepts occurred_at now", func(t *testing.T) {
		// The app stamps occurred_at itself (it may be offline). Wednesday has not begun in New
		// York yet, so "before the start of the assignment's local day" rejects the present.
		mika := o.member("Mika Mori", "employee", "")
		a.loopSetTimezone(mika, "Asia/Tokyo")
		o.at(loopLocal(t, loopDay(5), "08:00:00", "Asia/Tokyo"), mika) // Friday 23:00 UTC
		sat := a.loopToday(mika)
		o.at(loopLocal(t, loopDay(4), "20:00:00", "America/New_York"), mika) // Saturday 01:00 UTC
		a.loopSetTimezone(mika, "America/New_York")
		res := a.loopRecord(mika, sat.Id, map[string]any{"result": "done", "occurred_at": a.clock.Now()})
		res.expect(201)
	})
}

func TestLoopOfflineGraceDay(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("grace")
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 3)
	eva := o.member("Eva Jansen", "employee", "")
	sam := o.member("Sam de Vries", "employee", "")
	ida := o.member("Ida Smit", "employee", "")

	evaMonday := a.loopToday(eva)
	samMonday := a.loopToday(sam)
	idaMonday := a.loopToday(ida)

	t.Run("yesterday's assignment takes an outcome until the end of today", func(t *testing.T) {
		o.at(loopAmsterdam(t, loopDay(1), "23:59:59"), eva)
		occurred := loopAmsterdam(t, loopMonday, "17:30:00")
		r := a.loopOutcome(eva, evaMonday.Id, map[string]any{"result": "done", "occurred_at": occurred})
		if r.PointsAwarded != 10 || !r.Assignment.Outcome.OccurredAt.Equal(occurred) || loopDate(r.Assignment) != loopMonday {
			t.Fatalf("late outcome: %+v", r)
		}
	})

	t.Run("the day before yesterday is too late", func(t *testing.T) {
		o.at(loopAmsterdam(t, loopDay(2), "00:00:00"), sam)
		a.loopRecord(sam, samMonday.Id, map[string]any{"result": "done"}).wantProblem(422, "too_late")
		if hist := loopHistory(t, a, sam); hist[0].Outcome != nil {
			t.Fatalf("a refused outcome was stored: %+v", hist[0].Outcome)
		}
	})

	t.Run("occurred_at more than 5 minutes in the future is refused", func(t *testing.T) {
		o.at(loopAmsterdam(t, loopDay(1), "09:00:00"), ida)
		now := a.clock.Now()
		p := a.loopRecord(ida, idaMonday.Id, map[string]any{"result": "done", "occurred_at": now.Add(5*time.Minute + time.Second)}).
			wantProblem(422, "invalid")
		if !p.names("occurred_at") {
			t.Errorf("errors name %v, want occurred_at", p.fieldNames())
		}
		a.loopOutcome(ida, idaMonday.Id, map[string]any{"result": "done", "occurred_at": now.Add(5 * time.Minute)})
	})

	t.Run("occurred_at before the assignment's day is refused", func(t *testing.T) {
		tue := a.loopToday(ida)
		p := a.loopRecord(ida, tue.Id, map[string]any{"result": "done", "occurred_at": loopAmsterdam(t, loopMonday, "23:59:59")}).
			wantProblem(422, "invalid")
		if !p.names("occurred_at") {
			t.Errorf("errors name %v, want occurred_at", p.fieldNames())
		}
	})

	t.Run("occurred_at decides which org week the points count for", func(t *testing.T) {
		// Sunday's gesture, recorded on Monday morning: it counts for last week.
		sun := loopDay(6)
		noor := o.member("Noor Bakker", "employee", "")
		jan := o.member("Jan Visser", "employee", "")
		o.at(loopAmsterdam(t, sun, "12:00:00"), noor, jan)
		noorSun, janSun := a.loopToday(noor), a.loopToday(jan)
		o.at(loopAmsterdam(t, loopDay(7), "08:00:00"), noor, jan)
		a.loopOutcome(noor, noorSun.Id, map[string]any{"result": "done", "occurred_at": loopAmsterdam(t, sun, "17:00:00")})
		a.loopOutcome(jan, janSun.Id, map[string]any{"result": "done"}) // now: Monday
		if me := a.loopMe(noor); me.Stats.Points.Week != 0 || me.Stats.Points.Month != 10 || me.Stats.Points.Total != 10 {
			t.Errorf("Sunday's done counted as %+v, want week 0 (last week's), month 10, total 10", me.Stats.Points)
		}
		if me := a.loopMe(jan); me.Stats.Points.Week != 10 || me.Stats.Points.Total != 10 {
			t.Errorf("done without occurred_at counted as %+v, want this week's 10", me.Stats.Points)
		}
	})
}

// loopShift moves a YYYY-MM-DD day by n days.
func loopShift(day string, n int) string {
	d, _ := time.Parse(time.DateOnly, day)
	return d.AddDate(0, 0, n).Format(time.DateOnly)
}

// loopHistory reads every page of the user's history.
func loopHistory(t *testing.T, a *testAPI, s *Session) []Assignment {
	t.Helper()
	var all []Assignment
	cursor := ""
	for range 1000 {
		path := "/v1/me/history?limit=100"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		var page AssignmentList
		a.call("GET", path, s.AccessToken, nil).expect(200).decode(&page)
		all = append(all, page.Items...)
		if page.NextCursor == nil {
			return all
		}
		cursor = *page.NextCursor
	}
	t.Fatal("the history cursor never ends")
	return nil
}

// loopWantHistoryDays fails unless the user's history holds exactly these days, in this order.
func loopWantHistoryDays(t *testing.T, a *testAPI, s *Session, days ...string) {
	t.Helper()
	hist := loopHistory(t, a, s)
	got := make([]string, len(hist))
	for i, h := range hist {
		got[i] = loopDate(h)
	}
	if len(got) != len(days) {
		t.Fatalf("history days %v, want %v", got, days)
	}
	for i := range days {
		if got[i] != days[i] {
			t.Fatalf("history days %v, want %v", got, days)
		}
	}
}
