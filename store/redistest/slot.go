package redistest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"
)

// Slot is the Redis Cluster hash slot of key: CRC16 (XMODEM) of the key, or of
// the text inside its first non-empty {hash tag}, modulo 16384.
func Slot(key string) int {
	if i := strings.IndexByte(key, '{'); i >= 0 {
		if j := strings.IndexByte(key[i+1:], '}'); j > 0 {
			key = key[i+1 : i+1+j]
		}
	}
	var crc uint16
	for k := 0; k < len(key); k++ {
		crc ^= uint16(key[k]) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return int(crc) % 16384
}

// ErrCrossSlot is what SameSlotHook answers, worded like Redis Cluster's own refusal.
var ErrCrossSlot = crossSlotError("CROSSSLOT Keys in request don't hash to the same slot")

type crossSlotError string

func (e crossSlotError) Error() string { return string(e) }

// RedisError marks it as a reply from Redis, as a cluster's CROSSSLOT is.
func (crossSlotError) RedisError() {}

// SameSlotHook refuses, before it is sent, a Lua script (EVAL, EVALSHA and their
// read-only forms, FCALL) whose KEYS do not all hash to one slot, and a MULTI
// transaction whose commands' keys (the first argument of each) do not. A
// Redis Cluster refuses both; with this hook a standalone server does too, so
// the standalone pass catches a cross-slot key as surely as the cluster pass.
// Each refusal is answered with ErrCrossSlot and described to report.
//
// Keys a script builds itself from an ARGV base are invisible here; a cluster
// checks those when the script touches them, which is why the suite also runs
// against one.
func SameSlotHook(report func(what string)) redis.Hook { return sameSlotHook{report} }

type sameSlotHook struct{ report func(string) }

func (sameSlotHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h sameSlotHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if err := h.check(cmd.Name(), scriptKeys(cmd.Args())); err != nil {
			cmd.SetErr(err)
			return err
		}
		return next(ctx, cmd)
	}
}

func (h sameSlotHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		// A transaction reaches hooks wrapped in MULTI … EXEC and must stay in
		// one slot as a whole; a plain pipeline may span slots (a cluster
		// client splits it by node), only each script in it may not.
		if n := len(cmds); n > 2 && cmds[0].Name() == "multi" && cmds[n-1].Name() == "exec" {
			var keys []string
			for _, cmd := range cmds[1 : n-1] {
				keys = append(keys, commandKeys(cmd.Args())...)
			}
			if err := h.check("MULTI", keys); err != nil {
				for _, cmd := range cmds {
					cmd.SetErr(err)
				}
				return err
			}
			return next(ctx, cmds)
		}
		for _, cmd := range cmds {
			if err := h.check(cmd.Name(), scriptKeys(cmd.Args())); err != nil {
				cmd.SetErr(err)
				return err
			}
		}
		return next(ctx, cmds)
	}
}

func (h sameSlotHook) check(what string, keys []string) error {
	if len(keys) < 2 {
		return nil
	}
	for _, k := range keys[1:] {
		if Slot(k) != Slot(keys[0]) {
			h.report(fmt.Sprintf("%s with keys in more than one slot: %q (slot %d) and %q (slot %d)",
				strings.ToUpper(what), keys[0], Slot(keys[0]), k, Slot(k)))
			return ErrCrossSlot
		}
	}
	return nil
}

// scriptKeys are the KEYS of an EVAL, EVALSHA, EVAL_RO, EVALSHA_RO or FCALL
// command: "evalsha", sha, numkeys, keys…, args….
func scriptKeys(args []any) []string {
	if len(args) < 3 {
		return nil
	}
	switch strings.ToLower(fmt.Sprint(args[0])) {
	case "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro":
	default:
		return nil
	}
	n, err := strconv.Atoi(fmt.Sprint(args[2]))
	if err != nil || n < 0 || 3+n > len(args) {
		return nil
	}
	keys := make([]string, n)
	for i, k := range args[3 : 3+n] {
		keys[i] = fmt.Sprint(k)
	}
	return keys
}

// commandKeys are a script's KEYS, or else the first argument, which is the key
// of every command microact queues in a transaction (HSET, ZADD, XACK, EXPIRE…).
func commandKeys(args []any) []string {
	if keys := scriptKeys(args); keys != nil {
		return keys
	}
	if len(args) < 2 {
		return nil
	}
	return []string{fmt.Sprint(args[1])}
}

// SameSlotHookFor is SameSlotHook reporting refusals as errors of tb. A client
// may outlive its test by a moment (a worker goroutine still finishing), and a
// test must not be told of errors once it has ended, so refusals are collected
// and reported by a cleanup, which runs while tb can still fail.
func SameSlotHookFor(tb testing.TB) redis.Hook {
	var mu sync.Mutex
	var seen []string
	tb.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, what := range seen {
			tb.Errorf("redistest: refused %s", what)
		}
	})
	return SameSlotHook(func(what string) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, what)
	})
}
