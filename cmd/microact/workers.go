package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/microact/microact/configs"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/push"
	"github.com/microact/microact/store"
	"github.com/prometheus/client_golang/prometheus"
)

// pollEvery is how often idle workers look at the outbox and the reminder schedule.
const pollEvery = 500 * time.Millisecond

// startWorkers runs the background workers: push delivery, the reminder scheduler, the
// escalation of barriers nobody acknowledged, retention, and the rebuild of boards a rebuild left
// held. Every replica may run them; they coordinate through Redis. They stop taking new
// work when stop is closed and finish what they are doing, cut short when ctx ends (a rebuild
// is cut short at stop: see runResumeRebuilds); the returned channel is closed once all of them
// have returned.
func startWorkers(ctx context.Context, stop <-chan struct{}, cfg configs.Config, st *store.Store, clock domain.Clock, log *slog.Logger, reg prometheus.Registerer) (<-chan struct{}, error) {
	sender, err := newSender(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	metrics := push.NewMetrics(reg)
	worker := &push.Worker{Store: st, Sender: sender, Clock: clock, Log: log, Metrics: metrics,
		Consumer: fmt.Sprintf("%s-%d-%s", host, os.Getpid(), domain.NewID(clock.Now()))}
	scheduler := &push.Scheduler{Store: st, Clock: clock, Log: log, Metrics: metrics}
	escalator := &push.Escalator{Store: st, Clock: clock, Log: log}
	// The org list is read on every pass (one SMEMBERS), so a new org's first kudos is pushed
	// within a poll, not when a cached list would have been read again.
	var wg sync.WaitGroup
	wg.Go(func() { worker.Run(ctx, stop, st.Orgs, pollEvery) })
	wg.Go(func() { scheduler.Run(ctx, stop, st.Orgs, pollEvery) })
	wg.Go(func() { escalator.Run(ctx, stop, st.Orgs) })
	wg.Go(func() { runRetention(ctx, stop, st, clock, log) })
	wg.Go(func() { runResumeRebuilds(ctx, stop, st.Orgs, st.ResumeRebuild, log) })
	log.Info("workers started: push delivery, reminder scheduler, barrier escalation, retention, rebuilds left held")
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	return done, nil
}

// every runs pass at once and then every period, until stop is closed or ctx ends; a pass under
// way then finishes (a worker whose passes must be cut at stop ends their ctx itself).
func every(ctx context.Context, stop <-chan struct{}, period time.Duration, pass func(context.Context)) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		pass(ctx)
		select {
		case <-ctx.Done():
			return
		case <-stop:
			return
		case <-t.C:
		}
	}
}

// newSender pushes through FCM when credentials are configured, and otherwise logs each
// notification instead (and says so).
func newSender(ctx context.Context, cfg configs.Config, log *slog.Logger) (push.Sender, error) {
	if cfg.FCMCredentialsFile == "" {
		log.Warn("MICROACT_FCM_CREDENTIALS_FILE is not set: notifications are logged, not pushed")
		return push.LogSender{Log: log}, nil
	}
	s, err := push.NewFCMSender(ctx, push.FCMConfig{
		CredentialsFile: cfg.FCMCredentialsFile, ProjectID: cfg.FCMProjectID, Endpoint: cfg.FCMEndpoint,
	})
	if err != nil {
		return nil, fmt.Errorf("MICROACT_FCM_CREDENTIALS_FILE: %w", err)
	}
	// The SDK retries 503s itself for up to ~7 s; the outbox retries with its own back-off, so
	// one send is not allowed to hold a delivery slot longer than this.
	s.ChunkTimeout = 10 * time.Second
	log.Info("pushing through Firebase Cloud Messaging")
	return s, nil
}
