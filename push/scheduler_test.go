package push_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/push"
)

// pushGestureTitles are the titles of the one gesture pushCatalog creates.
var pushGestureTitles = map[string]string{"en": "Greet by name", "nl": "Groet bij naam"}

// pushCatalog gives the org one value and one gesture (with a Dutch translation), so every
// user has an assignment every day.
func (o *pushOrg) pushCatalog() {
	o.t.Helper()
	now := o.clock.Now()
	v := domain.Value{ID: domain.NewID(now), Org: o.org.ID, Active: true, CreatedAt: now}
	name, desc := "Warmth", "Customers feel welcome."
	if err := v.Apply(domain.ValueInput{Name: &name, Description: &desc}); err != nil {
		o.t.Fatal(err)
	}
	if _, err := o.st.SaveValue(o.ctx, v); err != nil {
		o.t.Fatal(err)
	}
	g := domain.Gesture{ID: domain.NewID(now), Org: o.org.ID, Points: 10, Active: true, Source: domain.SourceAdmin, CreatedAt: now}
	title, howTo := pushGestureTitles["en"], "Use the name on the loyalty card."
	tr := map[string]domain.Text{"nl": {Title: pushGestureTitles["nl"], HowTo: "Gebruik de naam op de klantenkaart."}}
	if err := g.Apply(domain.GestureInput{Title: &title, HowTo: &howTo, ValueID: &v.ID, Translations: &tr}); err != nil {
		o.t.Fatal(err)
	}
	if _, err := o.st.SaveGesture(o.ctx, g); err != nil {
		o.t.Fatal(err)
	}
}

func (o *pushOrg) pushScheduler() *push.Scheduler {
	return &push.Scheduler{Store: o.st, Clock: o.clock, Log: o.log, Metrics: o.metrics}
}

// pushRemindAt moves the clock to at and runs one pass of s; it answers how many reminders
// were handled (sent or not).
func (o *pushOrg) pushRemindAt(s *push.Scheduler, at time.Time) int {
	o.t.Helper()
	o.clock.Set(at)
	n, err := s.RunOnce(o.ctx, o.org.ID)
	if err != nil {
		o.t.Fatalf("scheduler at %s: %v", at, err)
	}
	return n
}

// pushOfKind lists u's notifications of one kind, newest first.
func (o *pushOrg) pushOfKind(u domain.User, kind string) []domain.Notification {
	o.t.Helper()
	var out []domain.Notification
	for _, n := range o.pushInbox(u) {
		if n.Kind == kind {
			out = append(out, n)
		}
	}
	return out
}

// pushRecord records an outcome for u's current local day at the clock's time, as the API does.
func (o *pushOrg) pushRecord(u domain.User, result string) {
	o.t.Helper()
	now := o.clock.Now()
	loc, err := domain.LoadTimezone("timezone", u.EffectiveTimezone(o.org))
	if err != nil {
		o.t.Fatal(err)
	}
	orgLoc, today := o.org.Location(), domain.LocalDay(now, loc)
	if _, err := o.st.Today(o.ctx, o.org.ID, u.ID, today, now); err != nil {
		o.t.Fatal(err)
	}
	orgToday := domain.LocalDay(now, orgLoc)
	dc := domain.DayContext{
		Now: now, Today: today, Location: loc, OrgLoc: orgLoc, WeekStart: o.org.WeekStartsOn,
		Week: domain.WeekOf(orgToday, o.org.WeekStartsOn, orgLoc), Month: domain.MonthOf(orgToday, orgLoc),
	}
	_, err = o.st.RecordOutcome(o.ctx, domain.OutcomeRequest{
		Org: o.org.ID, UserID: u.ID, Day: today, Context: dc,
		Input:        domain.OutcomeInput{Result: result, OccurredAt: now},
		OccurredWeek: dc.Week, OccurredMonth: dc.Month, WeekDays: domain.WeekDays(today, o.org.WeekStartsOn),
		StoryID: domain.NewID(now), BarrierID: domain.NewID(now),
	})
	if err != nil {
		o.t.Fatalf("record %s on %s: %v", result, today, err)
	}
}

// pushMove changes u's time zone and reschedules their reminders, as PATCH /v1/me does.
func (o *pushOrg) pushMove(u domain.User, tz string) domain.User {
	o.t.Helper()
	return o.pushPatch(u, domain.MePatch{Timezone: &tz})
}

// pushPatch changes u as PATCH /v1/me does, and reschedules their reminders.
func (o *pushOrg) pushPatch(u domain.User, patch domain.MePatch) domain.User {
	o.t.Helper()
	before, err := o.st.User(o.ctx, o.org.ID, u.ID)
	if err != nil {
		o.t.Fatal(err)
	}
	after := before
	if err := after.ApplyMe(patch); err != nil {
		o.t.Fatal(err)
	}
	if err := o.st.UpdateUser(o.ctx, before, after); err != nil {
		o.t.Fatal(err)
	}
	after.Rev = before.Rev + 1
	if err := o.st.ScheduleUser(o.ctx, o.org, u.ID, o.clock.Now()); err != nil {
		o.t.Fatal(err)
	}
	return after
}

// pushExpectReminder checks that u gets a reminder of kind at exactly at: none a minute
// before, one (more) at it.
func (o *pushOrg) pushExpectReminder(t *testing.T, s *push.Scheduler, u domain.User, kind string, at time.Time) {
	t.Helper()
	before := len(o.pushOfKind(u, kind))
	o.pushRemindAt(s, at.Add(-time.Minute))
	if n := len(o.pushOfKind(u, kind)); n != before {
		t.Errorf("%s already sent at %s, a minute early", kind, at.Add(-time.Minute).Format(time.RFC3339))
	}
	o.pushRemindAt(s, at)
	if n := len(o.pushOfKind(u, kind)); n != before+1 {
		t.Errorf("%s at %s: %d sent, want 1", kind, at.Format(time.RFC3339), n-before)
	}
}

// changedWhileSent is the store, with a change made to the user while the scheduler sends them a
// reminder: after it read them, before it sets their next reminder.
type changedWhileSent struct {
	push.SchedulerStore
	change func()
	once   sync.Once
}

func (c *changedWhileSent) Notify(ctx context.Context, org, userID string, d domain.Draft, now time.Time) (string, error) {
	id, err := c.SchedulerStore.Notify(ctx, org, userID, d, now)
	c.once.Do(c.change)
	return id, err
}

// A user who changes their reminder time while a reminder is sent to them keeps the new time:
// the scheduler sets the next reminder from the user as stored, not as it read them to send.
func TestSchedulerKeepsAChangeMadeWhileSending(t *testing.T) {
	f := pushStart(t)
	o := f.pushOrg(t, pushAmsterdam(t, "2026-11-23", 6, 0)) // a Monday
	o.pushCatalog()
	u := o.pushUser("Ana", func(u *domain.User) { u.Preferences.ReminderTime = "07:45" })
	nine := "09:00"
	s := o.pushScheduler()
	s.Store = &changedWhileSent{SchedulerStore: o.st, change: func() {
		o.pushPatch(u, domain.MePatch{Preferences: domain.PreferencesPatch{ReminderTime: &nine}})
	}}
	o.pushExpectReminder(t, s, u, domain.KindDailyGesture, pushAmsterdam(t, "2026-11-23", 7, 45))
	tomorrow := "2026-11-24"
	before := len(o.pushOfKind(u, domain.KindDailyGesture))
	o.pushRemindAt(s, pushAmsterdam(t, tomorrow, 7, 45))
	if n := len(o.pushOfKind(u, domain.KindDailyGesture)); n != before {
		t.Errorf("%d reminders at the old time 07:45, want none", n-before)
	}
	o.pushExpectReminder(t, s, u, domain.KindDailyGesture, pushAmsterdam(t, tomorrow, 9, 0))
}

func TestSchedulerDailyGesture(t *testing.T) {
	f := pushStart(t)

	t.Run("it comes at the user's reminder time on their workdays only", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, "2026-11-22", 12, 0)) // a Sunday
		o.pushCatalog()
		u := o.pushUser("Ana", func(u *domain.User) {
			u.Preferences.ReminderTime = "07:45"
			u.Preferences.Workdays = []int{1, 3, 5}
		})
		s := o.pushScheduler()
		for i := 1; i <= 8; i++ { // Monday 23 to Monday 30
			day := domain.AddDays("2026-11-22", i)
			before := len(o.pushOfKind(u, domain.KindDailyGesture))
			o.pushRemindAt(s, pushAmsterdam(t, day, 7, 44))
			early := len(o.pushOfKind(u, domain.KindDailyGesture)) - before
			o.pushRemindAt(s, pushAmsterdam(t, day, 7, 45))
			sent := len(o.pushOfKind(u, domain.KindDailyGesture)) - before - early
			want := 0
			if wd := domain.ISOWeekday(day); wd == 1 || wd == 3 || wd == 5 {
				want = 1
			}
			if early != 0 || sent != want {
				t.Errorf("%s (weekday %d): %d sent at 07:44 and %d at 07:45, want 0 and %d", day, domain.ISOWeekday(day), early, sent, want)
			}
		}
	})

	t.Run("it names today's gesture in the user's locale and reaches the phone", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, "2026-11-22", 12, 0))
		o.pushCatalog()
		u := o.pushUser("Anke", func(u *domain.User) { u.Locale = "nl" })
		o.pushDevice(u, "phone")
		o.pushRemindAt(o.pushScheduler(), pushAmsterdam(t, pushMonday, 8, 30))
		reminders := o.pushOfKind(u, domain.KindDailyGesture)
		if len(reminders) != 1 {
			t.Fatalf("%d reminders, want 1", len(reminders))
		}
		o.pushRun(o.pushWorker("w1"))
		d := f.pushDeliveries(reminders[0].ID)
		if len(d) != 1 {
			t.Fatalf("%d pushes of the reminder, want 1", len(d))
		}
		texts := domain.PushTexts[domain.KindDailyGesture]["nl"]
		wantBody := fmt.Sprintf(texts[1], pushGestureTitles["nl"])
		if n := d[0].Notification; n.Title != texts[0] || n.Body != wantBody {
			t.Errorf("push = %q / %q, want %q / %q", n.Title, n.Body, texts[0], wantBody)
		}
		if d[0].Data["kind"] != domain.KindDailyGesture || d[0].Data["link"] != "microact://today" {
			t.Errorf("data = %v", d[0].Data)
		}
	})

	t.Run("it is not sent while the user is paused", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, "2026-11-22", 12, 0))
		o.pushCatalog()
		u := o.pushUser("Ana", func(u *domain.User) {
			u.Preferences.PausedFrom, u.Preferences.PausedUntil = "2026-11-23", "2026-11-25" // Monday to Wednesday
		})
		s := o.pushScheduler()
		for _, day := range []string{"2026-11-23", "2026-11-24", "2026-11-25"} {
			o.pushRemindAt(s, pushAmsterdam(t, day, 8, 30))
		}
		if n := len(o.pushOfKind(u, domain.KindDailyGesture)); n != 0 {
			t.Errorf("%d reminders during the pause, want 0", n)
		}
		o.pushRemindAt(s, pushAmsterdam(t, "2026-11-26", 8, 30))
		if n := len(o.pushOfKind(u, domain.KindDailyGesture)); n != 1 {
			t.Errorf("%d reminders the day after the pause, want 1", n)
		}
	})

	t.Run("it is not sent once today's outcome is recorded", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, "2026-11-22", 12, 0))
		o.pushCatalog()
		u := o.pushUser("Ana", nil)
		s := o.pushScheduler()
		o.clock.Set(pushAmsterdam(t, pushMonday, 7, 0))
		o.pushRecord(u, domain.ResultDone)
		o.pushRemindAt(s, pushAmsterdam(t, pushMonday, 8, 30))
		if n := len(o.pushOfKind(u, domain.KindDailyGesture)); n != 0 {
			t.Errorf("a reminder after the day was recorded")
		}
		o.pushRemindAt(s, pushAmsterdam(t, "2026-11-24", 8, 30))
		if n := len(o.pushOfKind(u, domain.KindDailyGesture)); n != 1 {
			t.Errorf("%d reminders the next day, want 1", n)
		}
	})
}

func TestSchedulerStreakRescue(t *testing.T) {
	f := pushStart(t)
	o := f.pushOrg(t, pushAmsterdam(t, "2026-11-22", 12, 0))
	o.pushCatalog()
	three := o.pushUser("Three Days", nil)    // done Monday to Wednesday, Thursday open
	two := o.pushUser("Two Days", nil)        // done Tuesday and Wednesday
	four := o.pushUser("Done Thursday", nil)  // done Monday to Thursday
	skipped := o.pushUser("Skipped Wed", nil) // done Monday and Tuesday, skipped Wednesday
	s := o.pushScheduler()
	done := map[string][]domain.User{
		"2026-11-23": {three, four, skipped},
		"2026-11-24": {three, two, four, skipped},
		"2026-11-25": {three, two, four},
		"2026-11-26": {four},
	}
	for _, day := range []string{"2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"} {
		o.clock.Set(pushAmsterdam(t, day, 12, 0))
		for _, u := range done[day] {
			o.pushRecord(u, domain.ResultDone)
		}
		if day == "2026-11-25" {
			o.pushRecord(skipped, domain.ResultSkipped)
		}
		o.pushRemindAt(s, pushAmsterdam(t, day, 17, 59))
		for _, u := range []domain.User{three, two, four, skipped} {
			if n := len(o.pushOfKind(u, domain.KindStreakRescue)); n != 0 {
				t.Fatalf("%s got a streak rescue by %s 17:59", u.Name, day)
			}
		}
		o.pushRemindAt(s, pushAmsterdam(t, day, 18, 0))
	}

	t.Run("a streak of three with today open gets one at 18:00", func(t *testing.T) {
		got := o.pushOfKind(three, domain.KindStreakRescue)
		want := fmt.Sprintf(domain.PushTexts[domain.KindStreakRescue]["en"][1], 3)
		if len(got) != 1 || got[0].Body != want || !got[0].CreatedAt.Equal(pushAmsterdam(t, "2026-11-26", 18, 0)) {
			t.Errorf("streak rescues = %+v, want one on Thursday 18:00 saying %q", got, want)
		}
	})
	t.Run("a shorter streak gets none", func(t *testing.T) {
		for _, u := range []domain.User{two, skipped} {
			if n := len(o.pushOfKind(u, domain.KindStreakRescue)); n != 0 {
				t.Errorf("%s got %d", u.Name, n)
			}
		}
	})
	t.Run("a recorded day gets none", func(t *testing.T) {
		if n := len(o.pushOfKind(four, domain.KindStreakRescue)); n != 0 {
			t.Errorf("%s got %d on days already done", four.Name, n)
		}
	})
}

func TestSchedulerWeeklyRecap(t *testing.T) {
	f := pushStart(t)
	o := f.pushOrg(t, pushAmsterdam(t, "2026-11-22", 12, 0))
	o.pushCatalog()
	u := o.pushUser("Ana", func(u *domain.User) { u.Preferences.Workdays = []int{2, 3, 4} })
	s := o.pushScheduler()
	for _, day := range []string{"2026-11-23", "2026-11-24", "2026-11-25", "2026-11-30", "2026-12-01"} {
		o.pushRemindAt(s, pushAmsterdam(t, day, 8, 30))
	}
	var days []string
	for _, n := range o.pushOfKind(u, domain.KindWeeklyRecap) {
		days = append(days, domain.LocalDay(n.CreatedAt, o.org.Location()))
	}
	if fmt.Sprint(days) != "[2026-12-01 2026-11-24]" {
		t.Errorf("weekly recaps on %v, want the Tuesdays (the user's first workday of the week)", days)
	}
}

func TestSchedulerAcrossDST(t *testing.T) {
	f := pushStart(t)
	for _, tc := range []struct {
		name  string
		start string
		want  []time.Time // 08:30 local on three days around the switch
	}{
		{"clocks going back on 2026-10-25", "2026-10-23", []time.Time{
			time.Date(2026, 10, 24, 6, 30, 0, 0, time.UTC), // CEST
			time.Date(2026, 10, 25, 7, 30, 0, 0, time.UTC), // CET
			time.Date(2026, 10, 26, 7, 30, 0, 0, time.UTC),
		}},
		{"clocks going forward on 2026-03-29", "2026-03-27", []time.Time{
			time.Date(2026, 3, 28, 7, 30, 0, 0, time.UTC), // CET
			time.Date(2026, 3, 29, 6, 30, 0, 0, time.UTC), // CEST
			time.Date(2026, 3, 30, 6, 30, 0, 0, time.UTC),
		}},
	} {
		t.Run("the reminder stays at 08:30 local with "+tc.name, func(t *testing.T) {
			o := f.pushOrg(t, pushAmsterdam(t, tc.start, 12, 0))
			o.pushCatalog()
			u := o.pushUser("Ana", func(u *domain.User) { u.Preferences.Workdays = []int{1, 2, 3, 4, 5, 6, 7} })
			s := o.pushScheduler()
			for _, at := range tc.want {
				o.pushExpectReminder(t, s, u, domain.KindDailyGesture, at)
			}
		})
	}

	t.Run("a reminder time that happens twice when the clocks go back comes once", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, "2026-10-24", 12, 0))
		o.pushCatalog()
		u := o.pushUser("Ana", func(u *domain.User) {
			u.Preferences.Workdays = []int{1, 2, 3, 4, 5, 6, 7}
			u.Preferences.ReminderTime = "02:30"
		})
		s := o.pushScheduler()
		first, second := time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC) // 02:30 CEST, 02:30 CET
		for _, at := range []time.Time{first.Add(-time.Minute), first, second, pushAmsterdam(t, "2026-10-25", 23, 0)} {
			o.pushRemindAt(s, at)
		}
		got := o.pushOfKind(u, domain.KindDailyGesture)
		if len(got) != 1 || !(got[0].CreatedAt.Equal(first) || got[0].CreatedAt.Equal(second)) {
			t.Errorf("reminders on 2026-10-25: %+v, want one at either 02:30", got)
		}
	})

	t.Run("a reminder time the clocks skip comes right after the switch", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, "2026-03-28", 12, 0))
		o.pushCatalog()
		u := o.pushUser("Ana", func(u *domain.User) {
			u.Preferences.Workdays = []int{1, 2, 3, 4, 5, 6, 7}
			u.Preferences.ReminderTime = "02:30"
		})
		s := o.pushScheduler()
		// 02:30 does not exist on 2026-03-29: 01:59 CET is followed by 03:00 CEST (01:00Z).
		o.pushExpectReminder(t, s, u, domain.KindDailyGesture, time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)) // 03:30 CEST
		o.pushRemindAt(s, pushAmsterdam(t, "2026-03-29", 23, 0))
		if n := len(o.pushOfKind(u, domain.KindDailyGesture)); n != 1 {
			t.Errorf("%d reminders on 2026-03-29, want 1", n)
		}
	})
}

func TestSchedulerTimeZoneChange(t *testing.T) {
	f := pushStart(t)

	t.Run("moving west before the reminder moves it to 08:30 in the new zone", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, "2026-11-22", 12, 0))
		o.pushCatalog()
		u := o.pushUser("Ana", nil)
		s := o.pushScheduler()
		o.clock.Set(pushAmsterdam(t, pushMonday, 7, 0))
		u = o.pushMove(u, "America/New_York")
		o.pushRemindAt(s, pushAmsterdam(t, pushMonday, 8, 30))
		if n := len(o.pushOfKind(u, domain.KindDailyGesture)); n != 0 {
			t.Fatalf("a reminder at 08:30 in Amsterdam after moving to New York")
		}
		o.pushExpectReminder(t, s, u, domain.KindDailyGesture, pushLocal(t, pushMonday, 8, 30, "America/New_York"))
		o.pushExpectReminder(t, s, u, domain.KindDailyGesture, pushLocal(t, "2026-11-24", 8, 30, "America/New_York"))
	})

	t.Run("moving west after the reminder does not bring a second one for the same local day", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, "2026-11-22", 12, 0))
		o.pushCatalog()
		u := o.pushUser("Ana", nil)
		s := o.pushScheduler()
		o.pushRemindAt(s, pushAmsterdam(t, pushMonday, 8, 30))
		o.clock.Set(pushAmsterdam(t, pushMonday, 9, 0)) // 03:00 on Monday in New York
		u = o.pushMove(u, "America/New_York")
		o.pushRemindAt(s, pushLocal(t, pushMonday, 8, 30, "America/New_York"))
		if n := len(o.pushOfKind(u, domain.KindDailyGesture)); n != 1 {
			t.Errorf("%d reminders for Monday, want 1", n)
		}
		o.pushExpectReminder(t, s, u, domain.KindDailyGesture, pushLocal(t, "2026-11-24", 8, 30, "America/New_York"))
	})

	t.Run("moving east into the next local day brings that day's reminder", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, "2026-11-22", 12, 0))
		o.pushCatalog()
		u := o.pushUser("Ana", func(u *domain.User) { u.Timezone = "America/New_York" })
		s := o.pushScheduler()
		o.pushRemindAt(s, pushLocal(t, pushMonday, 8, 30, "America/New_York"))
		o.clock.Set(pushLocal(t, pushMonday, 9, 0, "America/New_York")) // 23:00 on Monday in Tokyo
		u = o.pushMove(u, "Asia/Tokyo")
		o.pushExpectReminder(t, s, u, domain.KindDailyGesture, pushLocal(t, "2026-11-24", 8, 30, "Asia/Tokyo"))
	})
}

func TestSchedulersCompeting(t *testing.T) {
	f := pushStart(t)

	t.Run("two schedulers polling the same due reminders send each once", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, "2026-11-22", 12, 0))
		o.pushCatalog()
		var users []domain.User
		for i := 0; i < 40; i++ {
			users = append(users, o.pushUser(fmt.Sprintf("User %d", i), nil))
		}
		o.clock.Set(pushAmsterdam(t, pushMonday, 8, 30))
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := 0; i < 2; i++ {
			s := o.pushScheduler()
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for j := 0; j < 3; j++ {
					if _, err := s.RunOnce(o.ctx, o.org.ID); err != nil {
						t.Error(err)
					}
				}
			}()
		}
		close(start)
		wg.Wait()
		for _, u := range users {
			if n := len(o.pushOfKind(u, domain.KindDailyGesture)); n != 1 {
				t.Errorf("%s got %d reminders, want 1", u.Name, n)
			}
		}
	})

	t.Run("a reminder a crashed scheduler claimed is sent by another when the 2-minute lease ends", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, "2026-11-22", 12, 0))
		o.pushCatalog()
		u := o.pushUser("Ana", nil)
		due := pushAmsterdam(t, pushMonday, 8, 30)
		claimed, err := o.st.ClaimDue(o.ctx, o.org.ID, due, 2*time.Minute, 10)
		if err != nil || len(claimed) == 0 {
			t.Fatalf("ClaimDue = %v, %v", claimed, err)
		}
		s := o.pushScheduler()
		if n := o.pushRemindAt(s, due.Add(119*time.Second)); n != 0 {
			t.Errorf("%d reminders claimed again inside the lease", n)
		}
		o.pushRemindAt(s, due.Add(2*time.Minute))
		if n := len(o.pushOfKind(u, domain.KindDailyGesture)); n != 1 {
			t.Errorf("%d reminders after the lease, want 1", n)
		}
	})

	t.Run("a reminder sent by a scheduler that died before rescheduling is not sent again", func(t *testing.T) {
		o := f.pushOrg(t, pushAmsterdam(t, "2026-11-22", 12, 0))
		o.pushCatalog()
		u := o.pushUser("Ana", nil)
		due := pushAmsterdam(t, pushMonday, 8, 30)
		o.pushRemindAt(o.pushScheduler(), due)
		// As if the reschedule after the send had been lost: the entry is due again.
		if err := o.st.Reschedule(o.ctx, o.org.ID, u.ID, map[string]time.Time{domain.KindDailyGesture: due}); err != nil {
			t.Fatal(err)
		}
		s := o.pushScheduler()
		if n := o.pushRemindAt(s, due.Add(2*time.Minute)); n != 1 {
			t.Errorf("the second scheduler handled %d, want 1", n)
		}
		if n := len(o.pushOfKind(u, domain.KindDailyGesture)); n != 1 {
			t.Errorf("%d reminders, want 1 (the once guard)", n)
		}
		if n := o.pushRemindAt(s, due.Add(5*time.Minute)); n != 0 {
			t.Errorf("the reminder stayed due (%d handled); it should move to tomorrow", n)
		}
	})
}

func TestSchedulerAfterAnOutage(t *testing.T) {
	f := pushStart(t)
	o := f.pushOrg(t, pushAmsterdam(t, "2026-11-22", 12, 0))
	o.pushCatalog()
	u := o.pushUser("Ana", nil)
	s := o.pushScheduler()
	// No scheduler ran from Monday morning until 01:00 on Tuesday.
	o.pushRemindAt(s, pushAmsterdam(t, "2026-11-24", 1, 0))

	t.Run("a reminder missed on an earlier local day is not sent in the night as today's", func(t *testing.T) {
		if n := len(o.pushOfKind(u, domain.KindDailyGesture)); n != 0 {
			t.Errorf("%d reminders at 01:00, want 0", n)
		}
	})
	t.Run("today's reminder still comes at the reminder time", func(t *testing.T) {
		o.pushExpectReminder(t, s, u, domain.KindDailyGesture, pushAmsterdam(t, "2026-11-24", 8, 30))
	})
}
