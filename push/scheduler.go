package push

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/microact/microact/domain"
)

// SchedulerStore is what the scheduler needs of the store.
type SchedulerStore interface {
	Org(ctx context.Context, id string) (domain.Org, error)
	User(ctx context.Context, org, id string) (domain.User, error)
	ClaimDue(ctx context.Context, org string, now time.Time, lease time.Duration, n int) ([]domain.Due, error)
	ScheduleUser(ctx context.Context, org domain.Org, userID string, now time.Time, kinds ...string) error
	Notify(ctx context.Context, org, userID string, d domain.Draft, now time.Time) (string, error)
	Today(ctx context.Context, org, userID, day string, now time.Time) (domain.AssignmentView, error)
	Stats(ctx context.Context, org, userID string, dc domain.DayContext) (domain.Stats, error)
}

// staleReminder is how late a reminder may still go out (after an outage, say); an older one
// is skipped and the next one scheduled.
const staleReminder = time.Hour

// claimBatch is how many schedule entries (users) one pass claims; each may hold several due
// reminders.
const claimBatch = 500

// parallelReminders is how many reminders one scheduler prepares at once.
const parallelReminders = 16

// reminderLease is how long a claimed reminder is reserved for the replica that claimed it; if
// it crashes, another replica sends the reminder after the lease (the "once" guard stops a
// second copy when the first got through).
const reminderLease = 2 * time.Minute

// Scheduler sends the reminders that are due. Every user has one entry in the org's schedule
// (a sorted set by the earliest due time; the store keeps each kind's time); any number of
// replicas poll it, each claiming atomically.
type Scheduler struct {
	Store   SchedulerStore
	Clock   domain.Clock
	Log     *slog.Logger
	Metrics *Metrics
}

// RunOnce handles the reminders of one org that are due now; it answers how many.
func (s *Scheduler) RunOnce(ctx context.Context, org string) (int, error) {
	now := s.Clock.Now()
	due, err := s.Store.ClaimDue(ctx, org, now, reminderLease, claimBatch)
	if err != nil || len(due) == 0 {
		return 0, err
	}
	o, err := s.Store.Org(ctx, org)
	if err != nil {
		return 0, err
	}
	var wg sync.WaitGroup
	slots := make(chan struct{}, parallelReminders)
	for _, d := range due {
		kind, userID, _ := strings.Cut(d.Member, "|")
		slots <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-slots; wg.Done() }()
			if err := s.remind(ctx, o, kind, userID, d.At, now); err != nil {
				s.Log.Warn("reminder", "org", org, "kind", kind, "user", userID, "err", err)
			}
		}()
	}
	wg.Wait()
	return len(due), nil
}

func (s *Scheduler) remind(ctx context.Context, org domain.Org, kind, userID string, dueAt, now time.Time) error {
	u, err := s.Store.User(ctx, org.ID, userID)
	if domain.ErrorKind(err) == domain.KindNotFound {
		return s.Store.ScheduleUser(ctx, org, userID, now, kind)
	}
	if err != nil {
		return err
	}
	sent := false
	if now.Sub(dueAt) < staleReminder { // one missed during an outage is not sent as today's
		if sent, err = s.send(ctx, org, u, kind, now); err != nil {
			return err // the lease runs out and the reminder is tried again
		}
	}
	s.Metrics.reminders.WithLabelValues(kind, strconv.FormatBool(sent)).Inc()
	// The next one is decided from the user as stored then: one who changed their reminder
	// time while this was sent keeps it.
	return s.Store.ScheduleUser(ctx, org, userID, now, kind)
}

// send sends one reminder if it still applies: not while paused, not once today is recorded,
// a streak rescue only for a streak of three or more.
func (s *Scheduler) send(ctx context.Context, org domain.Org, u domain.User, kind string, now time.Time) (bool, error) {
	if !u.Active {
		return false, nil
	}
	loc, err := domain.LoadTimezone("timezone", u.EffectiveTimezone(org))
	if err != nil {
		return false, nil
	}
	today := domain.LocalDay(now, loc)
	if u.PausedOn(today) {
		return false, nil
	}
	var draft domain.Draft
	switch kind {
	case domain.KindDailyGesture:
		view, err := s.Store.Today(ctx, org.ID, u.ID, today, now)
		if domain.ErrorCode(err) == "no_gestures" {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if view.Assignment.Outcome != nil {
			return false, nil
		}
		draft = domain.DraftOf(kind, "microact://today")
		for locale, t := range draft.Texts {
			title, _ := view.Gesture.Localized(locale)
			draft.Texts[locale] = [2]string{t[0], strings.Replace(domain.PushTexts[kind][locale][1], "%s", title, 1)}
		}
	case domain.KindStreakRescue, domain.KindWeeklyRecap:
		orgToday := domain.LocalDay(now, org.Location())
		stats, err := s.Store.Stats(ctx, org.ID, u.ID, domain.DayContext{
			Now: now, Today: today, Location: loc, OrgLoc: org.Location(), WeekStart: org.WeekStartsOn,
			Week: domain.WeekOf(orgToday, org.WeekStartsOn, org.Location()), Month: domain.MonthOf(orgToday, org.Location()),
		})
		if err != nil {
			return false, err
		}
		if kind == domain.KindWeeklyRecap {
			draft = domain.DraftOf(kind, "microact://leaderboards", stats.PointsTotal, stats.StreakCurrent)
			break
		}
		view, err := s.Store.Today(ctx, org.ID, u.ID, today, now)
		if err != nil && domain.ErrorCode(err) != "no_gestures" {
			return false, err
		}
		if stats.StreakCurrent < 3 || err != nil || view.Assignment.Outcome != nil {
			return false, nil
		}
		draft = domain.DraftOf(kind, "microact://today", stats.StreakCurrent)
	default:
		return false, nil
	}
	draft.Once = kind + ":" + u.ID + ":" + today
	id, err := s.Store.Notify(ctx, org.ID, u.ID, draft, now)
	return id != "", err
}

// Run polls every org's schedule until stop is closed or ctx ends, and returns once the pass
// under way is finished. orgs is asked on every pass.
func (s *Scheduler) Run(ctx context.Context, stop <-chan struct{}, orgs func(context.Context) ([]string, error), poll time.Duration) {
	for ctx.Err() == nil && !closed(stop) {
		ids, err := orgs(ctx)
		if err != nil {
			s.Log.Warn("scheduler: listing orgs", "err", err)
		}
		busy := false
		for _, org := range ids {
			if closed(stop) {
				break
			}
			n, err := s.RunOnce(ctx, org)
			if err != nil && ctx.Err() == nil {
				s.Log.Warn("scheduler", "org", org, "err", err)
			}
			busy = busy || n >= claimBatch // more may be due already
		}
		if !busy {
			rest(ctx, stop, poll)
		}
	}
}
