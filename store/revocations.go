package store

import (
	"context"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// The revocation list names, per org, the users whose access tokens issued before a moment are no
// longer accepted (deactivation, role change). Entries older than an access token's lifetime
// go with the whole list an hour after its last change. Replicas read the whole short
// list of an org at once and cache it, so checking a token costs no Redis call per request.

// revocationsKept is how long the list is kept after its last entry: longer than an access
// token lives, so every token an entry could reject has expired by then.
const revocationsKept = time.Hour

// revokeTokens adds to w the entry that voids userID's access tokens issued before at.
func (s *Store) revokeTokens(w *write, org, userID string, at time.Time) {
	k := s.keys.revoked(org)
	w.zadd(k, float64(at.UnixMilli()), userID).pexpire(k, revocationsKept)
}

// RevokedSince returns the users of org with revocations after since, and when.
func (s *Store) RevokedSince(ctx context.Context, org string, since time.Time) (map[string]time.Time, error) {
	zs, err := s.rdb.ZRangeByScoreWithScores(ctx, s.keys.revoked(org), &redis.ZRangeBy{
		Min: strconv.FormatInt(since.UnixMilli(), 10), Max: "+inf",
	}).Result()
	if err != nil {
		return nil, translate("read revocations", err)
	}
	out := make(map[string]time.Time, len(zs))
	for _, z := range zs {
		out[z.Member.(string)] = time.UnixMilli(int64(z.Score)).UTC()
	}
	return out, nil
}
