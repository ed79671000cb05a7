package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store"
)

// retentionEvery is how often outcome details past each org's retention_days are removed.
const retentionEvery = time.Hour

// runRetention removes, every hour until stop is closed or ctx ends, the outcome details, stories
// and barriers each org no longer keeps.
// Any number of replicas may run it: removing what is already gone does nothing.
func runRetention(ctx context.Context, stop <-chan struct{}, st *store.Store, clock domain.Clock, log *slog.Logger) {
	every(ctx, stop, retentionEvery, func(ctx context.Context) { expireAll(ctx, st, clock, log) })
}

func expireAll(ctx context.Context, st *store.Store, clock domain.Clock, log *slog.Logger) {
	orgs, err := st.Orgs(ctx)
	if err != nil {
		log.Warn("retention: listing orgs", "err", err)
		return
	}
	for _, id := range orgs {
		org, err := st.Org(ctx, id)
		if err != nil {
			continue
		}
		today := domain.LocalDay(clock.Now(), org.Location())
		cutoff := domain.AddDays(today, -org.RetentionDays)
		n, err := st.ExpireOutcomes(ctx, id, cutoff)
		if err != nil {
			log.Warn("retention", "org", id, "err", err)
			continue
		}
		if n > 0 {
			log.Info("retention: removed outcome details", "org", id, "before", cutoff, "records", n)
		}
		if n, err := st.ExpireSocial(ctx, org, clock.Now()); err != nil {
			log.Warn("retention: stories and barriers", "org", id, "err", err)
		} else if n > 0 {
			log.Info("retention: removed stories and barriers", "org", id, "objects", n)
		}
	}
}
