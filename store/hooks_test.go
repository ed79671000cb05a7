package store

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/redis/go-redis/v9"
)

// Hooks on a test store's client that make another client's change land at a chosen moment
// (and redistest.AfterCmd).

// splitPipeline runs do between the first n commands of the first pipeline that reads index with
// ZRANGE and the rest: another client's command landing in the middle of a pipeline.
type splitPipeline struct {
	index string
	n     int
	do    func()
	fired atomic.Bool
}

func (h *splitPipeline) DialHook(next redis.DialHook) redis.DialHook          { return next }
func (h *splitPipeline) ProcessHook(next redis.ProcessHook) redis.ProcessHook { return next }
func (h *splitPipeline) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if len(cmds) > h.n && slices.ContainsFunc(cmds, func(c redis.Cmder) bool {
			a := c.Args()
			return strings.EqualFold(c.Name(), "zrange") && len(a) > 1 && a[1] == h.index
		}) && h.fired.CompareAndSwap(false, true) {
			if err := next(ctx, cmds[:h.n]); err != nil {
				return err
			}
			h.do()
			return next(ctx, cmds[h.n:])
		}
		return next(ctx, cmds)
	}
}

// everyGet stores another consumer's lease each time the lease is read, up to max times: a
// lease that keeps moving under a worker that may take it.
type everyGet struct {
	key string
	n   atomic.Int32
	max int32
	set func(v string)
}

func (h *everyGet) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h *everyGet) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}
func (h *everyGet) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		if a := cmd.Args(); len(a) > 1 && strings.EqualFold(cmd.Name(), "get") && a[1] == h.key {
			if i := h.n.Add(1); i <= h.max {
				h.set("A|" + strconv.Itoa(int(i))) // run out long ago
			}
		}
		return err
	}
}
