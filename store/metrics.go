package store

import (
	"context"
	"errors"
	"net"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"
)

// InstrumentErrors counts failed Redis commands on reg as microact_redis_errors_total.
// A missing key (redis.Nil) is an answer, not an error, and is not counted.
func (s *Store) InstrumentErrors(reg prometheus.Registerer) {
	errs := prometheus.NewCounter(prometheus.CounterOpts{
		Name: "microact_redis_errors_total",
		Help: "Redis commands and pipelines that failed (connection errors, timeouts, error replies).",
	})
	reg.MustRegister(errs)
	s.rdb.AddHook(errorHook{errs})
}

type errorHook struct{ errs prometheus.Counter }

func (h errorHook) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := next(ctx, network, addr)
		if err != nil {
			h.errs.Inc()
		}
		return conn, err
	}
}

func (h errorHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		if err != nil && !errors.Is(err, redis.Nil) {
			h.errs.Inc()
		}
		return err
	}
}

func (h errorHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		if err != nil && !errors.Is(err, redis.Nil) {
			h.errs.Inc()
		}
		return err
	}
}
