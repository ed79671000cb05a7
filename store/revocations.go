package store

import (
	"context"
	"strconv"
	"time"

	"github.com/microact/microact/domain"
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

// OrgState reads an org's settings and its revocations after since, in one round trip: what
// every replica caches per org to check tokens and work out users' days. An org whose data is
// of another layout than LayoutVersion is unavailable until it is migrated.
func (s *Store) OrgState(ctx context.Context, org string, since time.Time) (domain.Org, map[string]time.Time, error) {
	pipe := s.rdb.Pipeline()
	settings := pipe.HMGet(ctx, s.keys.orgSettings(org), dataField, fieldLayout)
	revoked := pipe.ZRangeByScoreWithScores(ctx, s.keys.revoked(org), &redis.ZRangeBy{
		Min: strconv.FormatInt(since.UnixMilli(), 10), Max: "+inf",
	})
	if err := execReads(ctx, pipe); err != nil {
		return domain.Org{}, nil, translate("org state", err)
	}
	data, ok := settings.Val()[0].(string)
	if !ok {
		return domain.Org{}, nil, errOrgNotFound
	}
	if err := checkLayout(org, settings.Val()[1]); err != nil {
		return domain.Org{}, nil, err
	}
	var o domain.Org
	if err := (objectRow{key: s.keys.orgSettings(org), data: data}).decode(&o); err != nil {
		return o, nil, err
	}
	out := make(map[string]time.Time, len(revoked.Val()))
	for _, z := range revoked.Val() {
		out[z.Member.(string)] = time.UnixMilli(int64(z.Score)).UTC()
	}
	return o, out, nil
}

// RevokeAll voids every access token of the org issued before at (its time zone or week changed:
// tokens and cached days must be renewed).
func (s *Store) RevokeAll(ctx context.Context, org string, at time.Time) error {
	w := newWrite()
	s.revokeTokens(w, org, domain.AllUsers, at)
	return w.run(ctx, s, "revoke all")
}

// RevokeUser voids the user's access tokens issued before at (their time zone changed).
func (s *Store) RevokeUser(ctx context.Context, org, userID string, at time.Time) error {
	w := newWrite()
	s.revokeTokens(w, org, userID, at)
	return w.run(ctx, s, "revoke user")
}
