package store

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/redis/go-redis/v9"
)

// LogTo sends go-redis's own messages (failed dials, pool trouble during an outage) to log as
// warnings. Left alone, go-redis writes them as plain lines straight to stderr, beside JSON logs
// and beyond the reach of anything that filters or checks microact's log lines. go-redis keeps
// one logger for the whole process, so the last call wins.
func LogTo(log *slog.Logger) { redis.SetLogger(redisLogger{log}) }

type redisLogger struct{ log *slog.Logger }

func (l redisLogger) Printf(ctx context.Context, format string, v ...any) {
	l.log.WarnContext(ctx, "redis client", "detail", fmt.Sprintf(format, v...))
}
