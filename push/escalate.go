package push

import (
	"context"
	"log/slog"
	"time"

	"github.com/microact/microact/domain"
)

// EscalatorStore is what the escalator needs of the store.
type EscalatorStore interface {
	Org(ctx context.Context, id string) (domain.Org, error)
	Teams(ctx context.Context, org string, page domain.Page) ([]domain.Team, string, error)
	UnresolvedBarriers(ctx context.Context, org string, teamIDs []string) ([]domain.Barrier, error)
	EscalateBarrier(ctx context.Context, org string, b domain.Barrier, n domain.Notice) (bool, error)
}

// EscalateEvery is how often the escalator looks at the org's unresolved barriers: a deadline
// counted in workdays is met to the minute.
const EscalateEvery = time.Minute

// Escalator sends a barrier nobody acknowledged within domain.EscalationWorkdays workdays of the
// org's calendar (its time zone and default workdays) to the org's admins. Every replica may run
// it: the store escalates a barrier only while it is open and not escalated, in the same step as
// the notifications, so each barrier escalates exactly once however many replicas look.
type Escalator struct {
	Store EscalatorStore
	Clock domain.Clock
	Log   *slog.Logger
}

// RunOnce escalates the org's barriers that are due now and answers how many it escalated.
func (e *Escalator) RunOnce(ctx context.Context, orgID string) (int, error) {
	now := e.Clock.Now()
	org, err := e.Store.Org(ctx, orgID)
	if err != nil {
		return 0, err
	}
	names := map[string]string{}
	var teamIDs []string
	for page := (domain.Page{Limit: 100}); ; {
		teams, next, err := e.Store.Teams(ctx, orgID, page)
		if err != nil {
			return 0, err
		}
		for _, t := range teams {
			teamIDs, names[t.ID] = append(teamIDs, t.ID), t.Name
		}
		if next == "" {
			break
		}
		page.Cursor = next
	}
	barriers, err := e.Store.UnresolvedBarriers(ctx, orgID, teamIDs)
	if err != nil {
		return 0, err
	}
	loc, workdays, n := org.Location(), org.NewUserWorkdays(), 0
	for _, b := range barriers {
		if !domain.EscalationDue(b, now, loc, workdays) {
			continue
		}
		draft := domain.BarrierEscalatedDraft(b.ID, names[b.TeamID])
		done, err := e.Store.EscalateBarrier(ctx, orgID, b, domain.Notice{Draft: draft, Now: now})
		if err != nil {
			return n, err
		}
		if done {
			n++
		}
	}
	return n, nil
}

// Run escalates every org's due barriers every EscalateEvery until stop is closed or ctx ends.
func (e *Escalator) Run(ctx context.Context, stop <-chan struct{}, orgs func(context.Context) ([]string, error)) {
	for ctx.Err() == nil && !closed(stop) {
		ids, err := orgs(ctx)
		if err != nil {
			e.Log.Warn("escalator: listing orgs", "err", err)
		}
		for _, org := range ids {
			if closed(stop) {
				break
			}
			if n, err := e.RunOnce(ctx, org); err != nil && ctx.Err() == nil {
				e.Log.Warn("escalator", "org", org, "err", err)
			} else if n > 0 {
				e.Log.Info("escalator: barriers sent to the admins", "org", org, "barriers", n)
			}
		}
		rest(ctx, stop, EscalateEvery)
	}
}
