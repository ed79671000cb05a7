package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/microact/microact/configs"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/push"
	"github.com/microact/microact/store"
	"github.com/prometheus/client_golang/prometheus"
)

// pollEvery is how often idle workers look at the outbox and the reminder schedule.
const pollEvery = 500 * time.Millisecond

// startWorkers runs the background workers until ctx ends: push delivery, the reminder
// scheduler and retention. Every replica may run them; they coordinate through Redis.
func startWorkers(ctx context.Context, cfg configs.Config, st *store.Store, clock domain.Clock, log *slog.Logger, reg prometheus.Registerer) error {
	sender, err := newSender(ctx, cfg, log)
	if err != nil {
		return err
	}
	host, _ := os.Hostname()
	metrics := push.NewMetrics(reg)
	worker := &push.Worker{Store: st, Sender: sender, Clock: clock, Log: log, Metrics: metrics,
		Consumer: fmt.Sprintf("%s-%d-%s", host, os.Getpid(), domain.NewID(clock.Now()))}
	scheduler := &push.Scheduler{Store: st, Clock: clock, Log: log, Metrics: metrics}
	go worker.Run(ctx, cachedOrgs(st, clock), pollEvery)
	go scheduler.Run(ctx, cachedOrgs(st, clock), pollEvery)
	go runRetention(ctx, st, clock, log)
	log.Info("workers started: push delivery, reminder scheduler, retention")
	return nil
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

// cachedOrgs lists the orgs, re-reading the list at most every 30 s. Each worker gets its own.
func cachedOrgs(st *store.Store, clock domain.Clock) func(context.Context) ([]string, error) {
	var ids []string
	var read time.Time
	return func(ctx context.Context) ([]string, error) {
		if ids != nil && clock.Now().Sub(read) < 30*time.Second {
			return ids, nil
		}
		fresh, err := st.Orgs(ctx)
		if err != nil {
			return ids, err
		}
		ids, read = fresh, clock.Now()
		return ids, nil
	}
}
