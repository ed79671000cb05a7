package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store/redistest"
	"github.com/redis/go-redis/v9"
)

func TestReminderSchedule(t *testing.T) {
	ctx := context.Background()
	at := func(h, m int) time.Time { return time.Date(2026, 11, 23, h, m, 0, 0, time.UTC) }
	members := func(due []domain.Due) []string {
		out := []string{}
		for _, d := range due {
			out = append(out, d.Member+" "+d.At.Format("15:04"))
		}
		slices.Sort(out)
		return out
	}
	claim := func(t *testing.T, s *testStore, org string, now time.Time) []string {
		t.Helper()
		due, err := s.ClaimDue(ctx, org, now, 2*time.Minute, 10)
		if err != nil {
			t.Fatal(err)
		}
		return members(due)
	}

	t.Run("a user's three reminders take one schedule entry, scored by the earliest", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		u, _ := s.user(org, "Eva", "eva@acme.example", "employee", "")
		err := s.Reschedule(ctx, org.ID, u.ID, map[string]time.Time{
			domain.KindDailyGesture: at(8, 30), domain.KindStreakRescue: at(18, 0), domain.KindWeeklyRecap: at(8, 30),
		})
		if err != nil {
			t.Fatal(err)
		}
		entries := s.rdb.ZRangeWithScores(ctx, s.keys.schedule(org.ID), 0, -1).Val()
		if len(entries) != 1 || entries[0].Member != u.ID || int64(entries[0].Score) != at(8, 30).UnixMilli() {
			t.Fatalf("schedule = %v, want one entry for Eva at 08:30", entries)
		}
		if got := claim(t, s, org.ID, at(8, 29)); len(got) != 0 {
			t.Errorf("claimed %v before anything was due", got)
		}
		want := []string{"daily_gesture|" + u.ID + " 08:30", "weekly_recap|" + u.ID + " 08:30"}
		if got := claim(t, s, org.ID, at(8, 30)); !slices.Equal(got, want) {
			t.Errorf("claimed %v at 08:30, want %v", got, want)
		}
		if got := claim(t, s, org.ID, at(8, 31)); len(got) != 0 {
			t.Errorf("claimed %v again inside the lease", got)
		}
		// The scheduler reschedules one kind after sending it; the other's lease runs out.
		if err := s.Reschedule(ctx, org.ID, u.ID, map[string]time.Time{domain.KindDailyGesture: at(8, 30).AddDate(0, 0, 1)}); err != nil {
			t.Fatal(err)
		}
		want = []string{"weekly_recap|" + u.ID + " 08:32"}
		if got := claim(t, s, org.ID, at(8, 32)); !slices.Equal(got, want) {
			t.Errorf("claimed %v after the lease, want %v", got, want)
		}
		if err := s.Reschedule(ctx, org.ID, u.ID, map[string]time.Time{domain.KindWeeklyRecap: at(8, 30).AddDate(0, 0, 7)}); err != nil {
			t.Fatal(err)
		}
		if got := claim(t, s, org.ID, at(18, 0)); !slices.Equal(got, []string{"streak_rescue|" + u.ID + " 18:00"}) {
			t.Errorf("claimed %v at 18:00, want the streak rescue", got)
		}
	})

	t.Run("removing every reminder removes the entry; a user who does not exist gets none", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		u, _ := s.user(org, "Eva", "eva@acme.example", "employee", "")
		if err := s.Reschedule(ctx, org.ID, u.ID, map[string]time.Time{domain.KindDailyGesture: at(8, 30)}); err != nil {
			t.Fatal(err)
		}
		if err := s.Reschedule(ctx, org.ID, u.ID, map[string]time.Time{domain.KindDailyGesture: {}}); err != nil {
			t.Fatal(err)
		}
		if err := s.Reschedule(ctx, org.ID, "nobody", map[string]time.Time{domain.KindDailyGesture: at(8, 30)}); err != nil {
			t.Fatal(err)
		}
		if n := s.rdb.ZCard(ctx, s.keys.schedule(org.ID)).Val(); n != 0 {
			t.Errorf("%d schedule entries left", n)
		}
		if s.rdb.HExists(ctx, s.keys.user(org.ID, u.ID), fieldDue).Val() || s.exists(s.keys.user(org.ID, "nobody")) {
			t.Error("due times left behind, or a user hash made for nobody")
		}
	})

	t.Run("the entry of a user who no longer exists is dropped when claimed", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("acme")
		s.rdb.ZAdd(ctx, s.keys.schedule(org.ID), redis.Z{Score: float64(at(8, 0).UnixMilli()), Member: "gone"})
		if got := claim(t, s, org.ID, at(8, 30)); len(got) != 0 {
			t.Errorf("claimed %v", got)
		}
		if n := s.rdb.ZCard(ctx, s.keys.schedule(org.ID)).Val(); n != 0 {
			t.Errorf("%d schedule entries left", n)
		}
	})
}

// A user created with their reminders' times has them from the write that stores them, in the
// very form Reschedule writes, and they are claimed like any other.
func TestANewUserIsStoredWithTheirReminders(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, _ := s.org("acme")
	due := map[string]time.Time{
		domain.KindDailyGesture: time.Date(2026, 11, 24, 8, 30, 0, 0, time.UTC),
		domain.KindStreakRescue: time.Date(2026, 11, 23, 18, 0, 0, 0, time.UTC),
		domain.KindWeeklyRecap:  {}, // not due: left out
	}
	code := func() domain.Enrollment { _, e := s.enrollment(); return e }
	eva := s.newUser(org, "Eva", "eva@acme.example", "employee", "")
	if err := s.CreateUser(ctx, eva, code(), due); err != nil {
		t.Fatal(err)
	}
	ida := s.newUser(org, "Ida", "ida@acme.example", "employee", "")
	if err := s.CreateUser(ctx, ida, code(), nil); err != nil {
		t.Fatal(err)
	}
	if s.rdb.ZScore(ctx, s.keys.schedule(org.ID), ida.ID).Err() != redis.Nil {
		t.Fatal("a user created without reminders is in the schedule")
	}
	if err := s.Reschedule(ctx, org.ID, ida.ID, due); err != nil {
		t.Fatal(err)
	}
	got, want := s.rdb.HGet(ctx, s.keys.user(org.ID, eva.ID), fieldDue).Val(), s.rdb.HGet(ctx, s.keys.user(org.ID, ida.ID), fieldDue).Val()
	if got != want || got == "" {
		t.Fatalf("eva's reminders %q, want %q as Reschedule writes them", got, want)
	}
	scores := s.rdb.ZRangeWithScores(ctx, s.keys.schedule(org.ID), 0, -1).Val()
	if len(scores) != 2 || scores[0].Score != scores[1].Score || int64(scores[0].Score) != due[domain.KindStreakRescue].UnixMilli() {
		t.Fatalf("schedule %v, want both users at the streak rescue's time", scores)
	}
	claimed, err := s.ClaimDue(ctx, org.ID, due[domain.KindStreakRescue], time.Minute, 10)
	if err != nil || len(claimed) != 2 {
		t.Fatalf("claimed %v, %v; want both users' streak rescue", claimed, err)
	}
}

// Schedulers claiming at the same moment each take a due reminder at most once between them,
// and together all of them: a claim writes its leases only while every user's reminders are
// as it read them, and otherwise reads again.
func TestRemindersClaimedAtOnceAreTakenOnce(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, _ := s.org("rush")
	due := time.Date(2026, 11, 24, 7, 30, 0, 0, time.UTC)
	const users = 120
	for i := range users {
		u, _ := s.user(org, fmt.Sprintf("User %03d", i), fmt.Sprintf("u%03d@rush.example", i), "employee", "")
		if err := s.Reschedule(ctx, org.ID, u.ID, map[string]time.Time{domain.KindDailyGesture: due, domain.KindWeeklyRecap: due.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	var (
		mu    sync.Mutex
		taken = map[string]int{}
		wg    sync.WaitGroup
	)
	ids := s.rdb.ZRange(ctx, s.keys.schedule(org.ID), 0, -1).Val()
	// meanwhile users keep moving their weekly recap: a claim still leases everyone else's
	stop := make(chan struct{})
	var moving sync.WaitGroup
	for g := range 2 {
		moving.Add(1)
		go func() {
			defer moving.Done()
			for i := g; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				recap := due.Add(time.Hour + time.Duration(i)*time.Second)
				if err := s.Reschedule(ctx, org.ID, ids[i%len(ids)], map[string]time.Time{domain.KindWeeklyRecap: recap}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				got, err := s.ClaimDue(ctx, org.ID, due.Add(time.Second), 2*time.Minute, 25)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, d := range got {
					taken[d.Member]++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(stop)
	moving.Wait()
	// a user left behind moved each time this claim read them: the next poll takes them
	for {
		got, err := s.ClaimDue(ctx, org.ID, due.Add(time.Second), 2*time.Minute, 25)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			break
		}
		for _, d := range got {
			taken[d.Member]++
		}
	}
	if len(taken) != users {
		t.Errorf("%d reminders taken, want %d", len(taken), users)
	}
	for m, n := range taken {
		if n != 1 || !strings.HasPrefix(m, domain.KindDailyGesture+"|") {
			t.Errorf("%s taken %d times", m, n)
		}
	}
	// each leased reminder is due again at the lease's end, the recap when it was
	u := s.rdb.ZRangeWithScores(ctx, s.keys.schedule(org.ID), 0, 0).Val()
	if len(u) != 1 || int64(u[0].Score) != due.Add(time.Second+2*time.Minute).UnixMilli() {
		t.Errorf("first schedule entry %v, want the lease's end", u)
	}
}

func TestDueField(t *testing.T) {
	g, w := time.UnixMilli(1_795_000_000_000).UTC(), time.UnixMilli(1_795_500_000_000).UTC()
	raw, first := formatDue(map[string]time.Time{domain.KindWeeklyRecap: w, domain.KindDailyGesture: g, domain.KindStreakRescue: {}, "before_1970": time.UnixMilli(-5)})
	if want := "g=1795000000000,w=1795500000000"; raw != want || first != g.UnixMilli() {
		t.Errorf("formatDue = %q, %d; want %q, %d", raw, first, want, g.UnixMilli())
	}
	if raw, _ := formatDue(nil); raw != "" {
		t.Errorf("nothing due is written %q", raw)
	}
	got := parseDue(raw + ",s=oops,,x")
	if len(got) != 2 || !got[domain.KindDailyGesture].Equal(g) || !got[domain.KindWeeklyRecap].Equal(w) {
		t.Errorf("parseDue = %v", got)
	}
	if again, _ := formatDue(got); again != raw {
		t.Errorf("read and written again: %q, want %q", again, raw)
	}
}

// A user's reminders follow the user as stored last, even when someone changes the user between
// a reschedule's read and its write.
func TestRemindersFollowTheUserStoredLast(t *testing.T) {
	ctx := context.Background()
	dailyAt := func(t *testing.T, s *testStore, org domain.Org, id string) string {
		t.Helper()
		raw := s.rdb.HGet(ctx, s.keys.user(org.ID, id), fieldDue).Val()
		loc, _ := time.LoadLocation(org.Timezone)
		return parseDue(raw)[domain.KindDailyGesture].In(loc).Format("15:04")
	}
	change := func(t *testing.T, s *testStore, before domain.User, reminder string) domain.User {
		t.Helper()
		after := before
		after.Preferences.ReminderTime = reminder
		after.Rev++
		if err := s.UpdateUser(ctx, before, after); err != nil {
			t.Fatal(err)
		}
		return after
	}

	t.Run("a change between the read and the write is decided again", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("moved")
		u, _ := s.user(org, "Eva", "eva@moved.example", "employee", "")
		if err := s.ScheduleUser(ctx, org, u.ID, s.clock.Now()); err != nil {
			t.Fatal(err)
		}
		before := dailyAt(t, s, org, u.ID)
		s.rdb.AddHook(&redistest.AfterCmd{Name: "hmget", Key: s.keys.user(org.ID, u.ID), Do: func() { change(t, s, u, "06:45") }})
		if err := s.ScheduleUser(ctx, org, u.ID, s.clock.Now()); err != nil {
			t.Fatal(err)
		}
		if got := dailyAt(t, s, org, u.ID); got != "06:45" {
			t.Errorf("daily gesture due at %s, want 06:45 (was %s before the change)", got, before)
		}
	})

	t.Run("one kind is set without touching the others; a user without a record leaves the schedule", func(t *testing.T) {
		s := newTestStore(t)
		org, _ := s.org("kinds")
		u, _ := s.user(org, "Eva", "eva@kinds.example", "employee", "")
		far := s.clock.Now().AddDate(0, 1, 0)
		if err := s.Reschedule(ctx, org.ID, u.ID, map[string]time.Time{domain.KindDailyGesture: far, domain.KindWeeklyRecap: far}); err != nil {
			t.Fatal(err)
		}
		if err := s.ScheduleUser(ctx, org, u.ID, s.clock.Now(), domain.KindWeeklyRecap); err != nil {
			t.Fatal(err)
		}
		due := parseDue(s.rdb.HGet(ctx, s.keys.user(org.ID, u.ID), fieldDue).Val())
		if !due[domain.KindDailyGesture].Equal(far) || !due[domain.KindWeeklyRecap].Before(far) || len(due) != 2 {
			t.Errorf("due %v: want the daily gesture left at %v and the recap set anew", due, far)
		}
		// one whose hash is gone, and one whose hash has their reminders but no record
		gone, bare := domain.NewID(s.clock.Now()), domain.NewID(s.clock.Now())
		s.rdb.ZAdd(ctx, s.keys.schedule(org.ID), redis.Z{Score: 1, Member: gone}, redis.Z{Score: 1, Member: bare})
		s.rdb.HSet(ctx, s.keys.user(org.ID, bare), fieldDue, "g=1")
		for _, id := range []string{gone, bare} {
			if err := s.ScheduleUser(ctx, org, id, s.clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if got := s.rdb.ZRange(ctx, s.keys.schedule(org.ID), 0, -1).Val(); len(got) != 1 || got[0] != u.ID {
			t.Errorf("schedule %v, want Eva's entry alone", got)
		}
		if s.exists(s.keys.user(org.ID, bare)) {
			t.Error("the reminders of a user without a record are still kept")
		}
	})
}
