package store

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

var errDisplayNotFound = domain.NotFound("display")

// CreateDisplay stores a display: in the org's list and under its token's hash, in one step. A
// team display's team must be the org's when it is written.
func (s *Store) CreateDisplay(ctx context.Context, d domain.Display) error {
	w := newWrite().present(s.keys.orgSettings(d.Org), errOrgNotFound)
	if d.TeamID != "" {
		w.refers(s.keys.teams(d.Org), d.TeamID, domain.InvalidField("team_id", "must be a team of your org"))
	}
	data := marshal(d)
	return w.absent(s.keys.displayToken(d.Org, d.TokenHash), domain.Conflict("conflict", "A display with this token exists already.")).
		hset(s.keys.displays(d.Org), d.ID, data).
		hset(s.keys.displayToken(d.Org, d.TokenHash), dataField, data).
		run(ctx, s, "create display")
}

// Displays lists an org's displays, oldest first (ids sort in creation order).
func (s *Store) Displays(ctx context.Context, org string) ([]domain.Display, error) {
	all, err := s.rdb.HGetAll(ctx, s.keys.displays(org)).Result()
	if err != nil {
		return nil, translate("displays", err)
	}
	out := make([]domain.Display, 0, len(all))
	for _, raw := range all {
		var d domain.Display
		if err := json.Unmarshal([]byte(raw), &d); err != nil {
			return nil, domain.Internal("decode display", err)
		}
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b domain.Display) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// DisplayByToken finds a display by its token's hash: one GET, a screen asks every few seconds.
func (s *Store) DisplayByToken(ctx context.Context, org, hash string) (domain.Display, error) {
	raw, err := s.rdb.HGet(ctx, s.keys.displayToken(org, hash), dataField).Result()
	if errors.Is(err, redis.Nil) {
		return domain.Display{}, errDisplayNotFound
	}
	if err != nil {
		return domain.Display{}, translate("display by token", err)
	}
	var d domain.Display
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		return domain.Display{}, domain.Internal("decode display", err)
	}
	return d, nil
}

// DeleteDisplay revokes a display: its token's key and its entry go in one step.
func (s *Store) DeleteDisplay(ctx context.Context, org, id string) error {
	if !domain.ValidID(id) {
		return errDisplayNotFound
	}
	raw, err := s.rdb.HGet(ctx, s.keys.displays(org), id).Result()
	if errors.Is(err, redis.Nil) {
		return errDisplayNotFound
	}
	if err != nil {
		return translate("display", err)
	}
	var d domain.Display
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		return domain.Internal("decode display", err)
	}
	return newWrite().
		del(s.keys.displayToken(org, d.TokenHash)).
		hdel(s.keys.displays(org), id).
		run(ctx, s, "delete display")
}
