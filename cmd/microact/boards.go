package main

import (
	"context"
	"log/slog"
	"time"
)

// resumeEvery is how often the workers look for org boards that a rebuild which failed or was
// killed left held.
const resumeEvery = time.Minute

// runResumeRebuilds rebuilds, every minute until stop is closed or ctx ends, the boards of every
// org that a rebuild left held (store.ResumeRebuild): until then, that org's outcomes stay off
// its boards. A rebuild still under way when stop is closed is cut short, which ends its lease
// and hands the boards over: another replica's workers, or the next start, take it over after
// the wait of the failures before it, if any (see store.ResumeRebuild). Any number of replicas
// may run this: one rebuild per org holds the boards, the others leave them to it.
func runResumeRebuilds(ctx context.Context, stop <-chan struct{}, orgs func(context.Context) ([]string, error), resume func(context.Context, string) (bool, error), log *slog.Logger) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-stop:
			cancel()
		case <-ctx.Done():
		}
	}()
	every(ctx, stop, resumeEvery, func(ctx context.Context) { resumeRebuilds(ctx, orgs, resume, log) })
}

// resumeRebuilds is one pass of runResumeRebuilds.
func resumeRebuilds(ctx context.Context, orgs func(context.Context) ([]string, error), resume func(context.Context, string) (bool, error), log *slog.Logger) {
	ids, err := orgs(ctx)
	if err != nil {
		log.Warn("boards: listing orgs", "err", err)
		return
	}
	for _, id := range ids {
		if ctx.Err() != nil {
			return
		}
		rebuilt, err := resume(ctx, id)
		switch {
		case err != nil && ctx.Err() != nil:
			log.Info("boards: a rebuild of boards another rebuild left held was cut short by the stop; it ended its lease, for the next to take over", "org", id)
		case err != nil:
			log.Warn("boards: the rebuild of boards another rebuild left held failed; it is tried again after a wait that doubles with each failure", "org", id, "err", err)
		case rebuilt:
			log.Info("boards: rebuilt the boards another rebuild left held", "org", id)
		}
	}
}
