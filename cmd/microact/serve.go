package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"strings"
	"time"

	"github.com/microact/microact/configs"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/handlers"
	"github.com/microact/microact/store"
	"github.com/microact/microact/web"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// shutdownTimeout bounds how long in-flight requests and the workers' passes under way may take
// to finish after a signal; one deadline for both.
const shutdownTimeout = 15 * time.Second

func serve(ctx context.Context, cfg configs.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := newFlags("serve", stdout)
	api := fs.Bool("api", true, "serve the HTTP API (when false, only /healthz, /readyz and /metrics)")
	workers := fs.Bool("workers", true, "run the background workers (push delivery, reminder scheduler, barrier escalation, retention, rebuilds left held)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log.Info("starting microact", cfg.LogAttrs()...)

	clock := domain.SystemClock{}
	st, err := openStore(cfg, clock)
	if err != nil {
		return err
	}
	// Redis is closed last: after the HTTP server and the workers have stopped using it.
	defer func() {
		if err := st.Close(); err != nil {
			log.Warn("closing the Redis connection", "err", err)
		}
		log.Info("redis connection closed")
	}()
	if err := checkLayouts(ctx, st.OutdatedOrgs, log); err != nil {
		return err
	}
	keys, keyPath, err := loadKeys(cfg)
	if err != nil {
		return err
	}
	log.Info("access tokens signed with", "key_file", keyPath)

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	st.InstrumentErrors(reg)

	if cfg.DebugAddr != "" {
		go serveDebug(ctx, cfg.DebugAddr, log)
	}
	// The workers stop taking new work at the signal (stopping), and what they are doing is cut
	// short (work ends) only when the shutdown deadline passes; a rebuild of boards, which may
	// take minutes, is handed over at the signal (runResumeRebuilds).
	stopping := make(chan struct{})
	work, cutWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cutWork()
	workersDone := make(<-chan struct{})
	if *workers {
		if workersDone, err = startWorkers(work, stopping, cfg, st, clock, log, reg); err != nil {
			return err
		}
	}
	w := workerStop{stop: func() { close(stopping) }, done: workersDone, cut: cutWork, running: *workers}
	if !*api {
		// Worker-only: health probes and the push metrics still need an address.
		return listen(ctx, cfg, log, handlers.OpsHandler(st.Ping, handlers.NewMetrics(reg), log), w)
	}

	srv := &handlers.Server{
		Orgs: st, Users: st, Teams: st, Sessions: st, Idempotency: st, OrgState: st, Catalog: st, Loop: st, Export: st, Boards: st, Notifications: st, Social: st, Privacy: st, Feedback: st, Displays: st,
		Ping: st.Ping, Tokens: handlers.NewTokens(keys, clock), Clock: clock, Log: log,
		UserRate: cfg.UserRate, TrustedProxies: cfg.TrustedProxies, Metrics: handlers.NewMetrics(reg),
		Dev: cfg.Dev(), Console: web.Console(), Screen: web.Screen(), App: web.App(),
	}
	if !cfg.AuthRate.Off() {
		srv.AuthLimiter = st.NewFailureLimiter(cfg.AuthRate.Events, cfg.AuthRate.Per)
	}
	e, err := srv.Handler()
	if err != nil {
		return err
	}
	return listen(ctx, cfg, log, e, w)
}

// workerStop is how listen stops the background workers: stop asks them to finish, done is
// closed when they have, cut ends what they are still doing.
type workerStop struct {
	stop    func()
	done    <-chan struct{}
	cut     func()
	running bool
}

// listen serves handler on the configured address until ctx ends, then shuts down gracefully:
// the HTTP server drains its requests while the workers finish their passes, both within
// shutdownTimeout. It returns when both have stopped (the caller closes Redis then).
func listen(ctx context.Context, cfg configs.Config, log *slog.Logger, handler http.Handler, workers workerStop) error {
	httpSrv := &http.Server{
		Addr: cfg.HTTPAddr, Handler: handler,
		ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 15 * time.Second, WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() {
		log.Info("listening", "addr", cfg.HTTPAddr)
		errc <- httpSrv.ListenAndServe()
	}()
	var serveErr error
	select {
	case serveErr = <-errc:
	case <-ctx.Done():
		log.Info("shutting down", "deadline", shutdownTimeout)
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	workers.stop()
	drained := make(chan error, 1)
	go func() { drained <- httpSrv.Shutdown(sctx) }()
	if workers.running {
		select {
		case <-workers.done:
		case <-sctx.Done():
			log.Warn("the workers did not finish within the shutdown deadline: cutting them short")
			workers.cut()
			<-workers.done
		}
		log.Info("workers stopped")
	}
	if err := <-drained; err != nil && !errors.Is(err, http.ErrServerClosed) && serveErr == nil {
		serveErr = err
	}
	return serveErr
}

// serveDebug serves Go's profiler on addr until ctx ends; failing to listen is logged, not fatal.
func serveDebug(ctx context.Context, addr string, log *slog.Logger) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	log.Info("profiler listening", "addr", addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("profiler stopped", "err", err)
	}
}

// checkLayouts refuses to serve while an org's stored data is of another layout than this build
// reads (see store.LayoutVersion): `microact migrate` moves it first. An org that changes layout
// later (restored from a backup) answers 503 to its requests instead.
func checkLayouts(ctx context.Context, outdated func(context.Context) ([]store.OrgAtLayout, error), log *slog.Logger) error {
	orgs, err := outdated(ctx)
	if err != nil {
		return err
	}
	if len(orgs) == 0 {
		return nil
	}
	names := make([]string, len(orgs))
	for i, o := range orgs {
		names[i] = o.Org
		log.Error("an org's stored data is not of this build's layout", "org", o.Org, "layout", o.Layout, "want", store.LayoutVersion)
	}
	return fmt.Errorf("the stored data of %s is not at storage layout %d: run microact migrate", strings.Join(names, ", "), store.LayoutVersion)
}
