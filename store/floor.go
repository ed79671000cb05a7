package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"
)

// Floor is the floor of a write for the load harness: a script, given as source, that does what
// recording an outcome cannot do without and holds no rule (../shared/bench/essential-outcome.lua).
// Its Redis CPU per call is what `make bench` divides each hot path's by. Its keys all carry the
// hash tag floorTag, none an org's, so Clear removes them without touching any data.
type Floor struct {
	s      *Store
	script *redis.Script
}

// Floor prepares the floor script src.
func (s *Store) Floor(src string) *Floor { return &Floor{s: s, script: redis.NewScript(src)} }

// Call records one essential outcome: the user's record of day, their stats, the boards of
// their team and the dashboards, as the script's six arguments say.
func (f *Floor) Call(ctx context.Context, user, team, day string, points int, story string) error {
	err := f.script.Run(ctx, f.s.rdb, []string{f.s.keys.floorUser(user)}, user, team, day, points, story).Err()
	if err == redis.Nil {
		err = nil
	}
	return translate("floor", err)
}

// Clear deletes every key the floor script wrote, so its writes weigh on none of the harness's
// memory figures.
func (f *Floor) Clear(ctx context.Context) error {
	return translate("clear floor", f.s.eachPrimary(ctx, func(ctx context.Context, c *redis.Client) error {
		iter := c.Scan(ctx, 0, f.s.keys.floorPattern(), 1000).Iterator()
		var batch []string
		for iter.Next(ctx) {
			if batch = append(batch, iter.Val()); len(batch) == 1000 {
				if err := c.Unlink(ctx, batch...).Err(); err != nil {
					return err
				}
				batch = batch[:0]
			}
		}
		if len(batch) > 0 {
			if err := c.Unlink(ctx, batch...).Err(); err != nil {
				return err
			}
		}
		return iter.Err()
	}))
}

// CommandTime is what Redis has spent on one command so far (`INFO commandstats`): its calls and
// microseconds. A script's own figure includes the commands it called, which are also counted
// under their names.
type CommandTime struct {
	Calls int64
	Usec  int64
}

// CommandTimes reads `INFO commandstats` (summed over a Cluster's primaries), by command name.
func (s *Store) CommandTimes(ctx context.Context) (map[string]CommandTime, error) {
	out := map[string]CommandTime{}
	err := s.sumInfo(ctx, "commandstats", func(fields map[string]string) error {
		for k, v := range fields {
			name, ok := strings.CutPrefix(k, "cmdstat_")
			if !ok {
				continue
			}
			t := out[name]
			for _, kv := range strings.Split(v, ",") {
				f, n, _ := strings.Cut(kv, "=")
				x, _ := strconv.ParseInt(n, 10, 64)
				switch f {
				case "calls":
					t.Calls += x
				case "usec":
					t.Usec += x
				}
			}
			out[name] = t
		}
		return nil
	})
	return out, translate("commandstats", err)
}
