package redistest

import (
	"context"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/redis/go-redis/v9"
)

// AfterCmd is a go-redis hook that runs Do once, right after the first command Name (in any
// case) for Key has been answered, alone or in a pipeline: a change made by someone else between
// a read and the write decided from it. Do may send commands on the same client, that one too.
// With Err, that command answers Err instead: a failure at that point.
type AfterCmd struct {
	Name, Key string
	Do        func()
	Err       error
	fired     atomic.Bool
}

// Fired reports whether Do ran.
func (h *AfterCmd) Fired() bool { return h.fired.Load() }

func (h *AfterCmd) matches(c redis.Cmder) bool {
	a := c.Args()
	return strings.EqualFold(c.Name(), h.Name) && len(a) > 1 && a[1] == h.Key
}

// fire runs Do the first time, and answers what that command answers then (Err).
func (h *AfterCmd) fire(c redis.Cmder, err error) error {
	if !h.fired.CompareAndSwap(false, true) {
		return err
	}
	if h.Do != nil {
		h.Do()
	}
	if h.Err != nil {
		c.SetErr(h.Err)
		return h.Err
	}
	return err
}

func (h *AfterCmd) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h *AfterCmd) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		if h.matches(cmd) {
			err = h.fire(cmd, err)
		}
		return err
	}
}
func (h *AfterCmd) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		if i := slices.IndexFunc(cmds, h.matches); i >= 0 {
			err = h.fire(cmds[i], err)
		}
		return err
	}
}
