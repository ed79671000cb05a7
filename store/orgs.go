package store

import (
	"context"
	"strconv"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

var errOrgNotFound = domain.NotFound("org")

// CreateOrg stores a new org with its first admin and their reminders (see CreateUser), at the
// current layout (LayoutVersion).
func (s *Store) CreateOrg(ctx context.Context, org domain.Org, admin domain.User, code domain.Enrollment, due map[string]time.Time) error {
	if err := s.indexEnrollment(ctx, admin, code); err != nil {
		return err
	}
	org.Rev = 1
	w := newWrite().
		absent(s.keys.orgSettings(org.ID), domain.Conflict("org_exists", "An org with this slug exists already.")).
		hset(s.keys.orgSettings(org.ID), dataField, marshal(org)).
		hset(s.keys.orgSettings(org.ID), fieldLayout, strconv.Itoa(LayoutVersion))
	s.addUser(w, admin, code)
	s.scheduleNew(w, admin, due)
	// Tokens issued before the org was created are of an earlier org of this slug (deleted, as
	// `microact demo` deletes the demo org), whose users are gone: void them all.
	s.revokeTokens(w, org.ID, domain.AllUsers, org.CreatedAt)
	if err := w.run(ctx, s, "create org"); err != nil {
		return err
	}
	// The org list is global (outside the org's slot) and only for operators: best effort.
	return translate("index org", s.rdb.SAdd(ctx, s.keys.orgs(), org.ID).Err())
}

// Org reads an org; one whose data is of another layout than LayoutVersion is unavailable.
func (s *Store) Org(ctx context.Context, id string) (domain.Org, error) {
	var o domain.Org
	row, err := readOne(ctx, s.rdb, s.keys.orgSettings(id), &o, errOrgNotFound, fieldLayout)
	if err != nil {
		return o, err
	}
	return o, checkLayout(id, row.extra[0])
}

// UpdateOrg replaces the org's settings if nobody changed them since they were read.
func (s *Store) UpdateOrg(ctx context.Context, org domain.Org) error {
	k := s.keys.orgSettings(org.ID)
	prev := org.Rev
	org.Rev++
	// a new catalogue stamp: the daily loop decides with the org's settings (swaps, points,
	// barrier categories) as it does with its catalogue, from copies checked by this stamp
	w := s.catalogChanged(newWrite().rev(k, prev, errConcurrent), org.ID)
	return w.hset(k, dataField, marshal(org)).run(ctx, s, "update org")
}

// Orgs lists every org's slug.
func (s *Store) Orgs(ctx context.Context) ([]string, error) {
	ids, err := s.rdb.SMembers(ctx, s.keys.orgs()).Result()
	return ids, translate("list orgs", err)
}

var errConcurrent = domain.Conflict("concurrent_update", "The object was changed by someone else at the same time; try again.")

// DeleteOrgData removes every key of an org (used to refresh the demo org). Enrollment index
// entries outside the org's slot are left to expire; they point at users that no longer exist.
func (s *Store) DeleteOrgData(ctx context.Context, org string) error {
	if err := s.deletePattern(ctx, s.keys.orgPattern(org)); err != nil {
		return err
	}
	return translate("unlist org", s.rdb.SRem(ctx, s.keys.orgs(), org).Err())
}

// deletePattern deletes every key matching pattern, on every master of a cluster.
func (s *Store) deletePattern(ctx context.Context, pattern string) error {
	return translate("delete keys", s.eachMatching(ctx, pattern, 500, func(rdb redis.Cmdable, keys []string) error {
		return rdb.Del(ctx, keys...).Err()
	}))
}

// eachMatching calls f with the keys matching pattern, in batches of up to size, on every
// master of a cluster (f gets the client of the master holding them). All of an org's keys
// share a slot, so a batch is a valid multi-key command or script in a cluster too.
func (s *Store) eachMatching(ctx context.Context, pattern string, size int, f func(rdb redis.Cmdable, keys []string) error) error {
	if cc, ok := s.rdb.(*redis.ClusterClient); ok {
		return cc.ForEachMaster(ctx, func(ctx context.Context, node *redis.Client) error {
			return eachMatching(ctx, node, pattern, size, f)
		})
	}
	return eachMatching(ctx, s.rdb, pattern, size, f)
}

func eachMatching(ctx context.Context, rdb redis.Cmdable, pattern string, size int, f func(rdb redis.Cmdable, keys []string) error) error {
	iter := rdb.Scan(ctx, 0, pattern, int64(size)).Iterator()
	batch := make([]string, 0, size)
	for iter.Next(ctx) {
		batch = append(batch, iter.Val())
		if len(batch) == cap(batch) {
			if err := f(rdb, batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if err := iter.Err(); err != nil {
		return err
	}
	if len(batch) > 0 {
		return f(rdb, batch)
	}
	return nil
}
