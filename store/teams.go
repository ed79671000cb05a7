package store

import (
	"context"
	"errors"
	"strings"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

var (
	errTeamNotFound  = domain.NotFound("team")
	errTeamNameTaken = domain.Conflict("team_name_taken", "Another team of this org has this name.")
	errTeamNotEmpty  = domain.Conflict("team_not_empty", "The team still has members; move them to another team first.")
)

// teamNameKey makes team names unique regardless of case.
func teamNameKey(name string) string { return strings.ToLower(name) }

// CreateTeam stores a new team (with a new id when it has none) and answers it as stored.
func (s *Store) CreateTeam(ctx context.Context, t domain.Team) (domain.Team, error) {
	if err := s.catalogID(ctx, &t.ID); err != nil {
		return t, err
	}
	t.Rev = 1
	k := s.keys.team(t.Org, t.ID)
	w := newWrite()
	if t.Channel != "" {
		// the org's state a pick is decided from holds the teams' channels: a new stamp, so that
		// the replicas' copies of it learn this one before anyone joins the team
		s.catalogChanged(w.hset(s.keys.teamChannels(t.Org), t.ID, string(t.Channel)), t.Org)
	}
	return t, s.leadsExist(w, t.Org, t.LeadIDs).
		present(s.keys.orgSettings(t.Org), errOrgNotFound).
		absent(k, domain.Conflict("conflict", "A team with this id exists already.")).
		free(s.keys.teamNames(t.Org), teamNameKey(t.Name), t.ID, errTeamNameTaken).
		hset(k, dataField, marshal(t)).
		hset(s.keys.teamNames(t.Org), teamNameKey(t.Name), t.ID).
		hset(s.keys.teamLabels(t.Org), t.ID, t.Name).
		zadd(s.keys.teams(t.Org), 0, t.ID).
		run(ctx, s, "create team")
}

// Team reads one team with its member count, in one round trip.
func (s *Store) Team(ctx context.Context, org, id string) (domain.Team, error) {
	teams, err := s.teamsByID(ctx, org, []string{id})
	if err != nil {
		return domain.Team{}, err
	}
	if len(teams) == 0 {
		return domain.Team{}, errTeamNotFound
	}
	return teams[0], nil
}

// TeamByName finds a team by its name, regardless of case.
func (s *Store) TeamByName(ctx context.Context, org, name string) (domain.Team, error) {
	id, err := s.rdb.HGet(ctx, s.keys.teamNames(org), teamNameKey(name)).Result()
	if err != nil {
		if errors.Is(err, redis.Nil) {
			return domain.Team{}, errTeamNotFound
		}
		return domain.Team{}, translate("team by name", err)
	}
	return s.Team(ctx, org, id)
}

// Teams lists an org's teams in creation order.
func (s *Store) Teams(ctx context.Context, org string, page domain.Page) ([]domain.Team, string, error) {
	ids, next, err := pageIDs(ctx, s.rdb, s.keys.teams(org), page)
	if err != nil {
		return nil, "", err
	}
	teams, err := s.teamsByID(ctx, org, ids)
	return teams, next, err
}

// teamsByID reads teams and their member counts in one pipeline.
func (s *Store) teamsByID(ctx context.Context, org string, ids []string) ([]domain.Team, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	pipe := s.rdb.Pipeline()
	data := make([]*redis.StringCmd, len(ids))
	counts := make([]*redis.IntCmd, len(ids))
	for i, id := range ids {
		data[i] = pipe.HGet(ctx, s.keys.team(org, id), dataField)
		counts[i] = pipe.ZCard(ctx, s.keys.teamMembers(org, id))
	}
	if err := execReads(ctx, pipe); err != nil {
		return nil, translate("read teams", err)
	}
	teams := make([]domain.Team, 0, len(ids))
	for i := range ids {
		if data[i].Err() != nil {
			continue // deleted meanwhile
		}
		var t domain.Team
		row := objectRow{key: s.keys.team(org, ids[i]), data: data[i].Val()}
		if err := row.decode(&t); err != nil {
			return nil, err
		}
		t.MemberCount = int(counts[i].Val())
		teams = append(teams, t)
	}
	return teams, nil
}

// leadsExist checks, in the write, that every lead is a user of the org (whether they may lead
// is the caller's check, made before).
func (s *Store) leadsExist(w *write, org string, leads []string) *write {
	for _, id := range leads {
		w.refers(s.keys.users(org), id, noSuch("lead_ids", "user", id))
	}
	return w
}

// UpdateTeam replaces before with after, keeping the name index in step.
func (s *Store) UpdateTeam(ctx context.Context, before, after domain.Team) error {
	k := s.keys.team(before.Org, before.ID)
	after.Rev = before.Rev + 1
	w := s.leadsExist(newWrite(), before.Org, after.LeadIDs).rev(k, before.Rev, errConcurrent)
	if teamNameKey(after.Name) != teamNameKey(before.Name) {
		names := s.keys.teamNames(before.Org)
		w.free(names, teamNameKey(after.Name), before.ID, errTeamNameTaken).
			hdel(names, teamNameKey(before.Name)).
			hset(names, teamNameKey(after.Name), before.ID)
	}
	// the channel narrows which gestures the team's people are given: a new catalogue stamp, so a
	// pick decided with the old one is decided again (the apply script checks the stamp read)
	if after.Channel != before.Channel {
		if after.Channel == "" {
			w.hdel(s.keys.teamChannels(before.Org), before.ID)
		} else {
			w.hset(s.keys.teamChannels(before.Org), before.ID, string(after.Channel))
		}
		s.catalogChanged(w, before.Org)
	}
	// feed cards show their team's name: the feeds' copies that may show it are answered no more
	w.hdel(s.keys.feedStamps(before.Org), before.ID).hdel(s.keys.feedStamps(before.Org), feedOrg)
	return w.hset(k, dataField, marshal(after)).hset(s.keys.teamLabels(before.Org), before.ID, after.Name).run(ctx, s, "update team")
}

// DeleteTeam removes an empty team.
func (s *Store) DeleteTeam(ctx context.Context, t domain.Team) error {
	k := s.keys.team(t.Org, t.ID)
	return newWrite().
		present(k, errTeamNotFound).
		empty(s.keys.teamMembers(t.Org, t.ID), errTeamNotEmpty).
		del(k).
		hdel(s.keys.teamNames(t.Org), teamNameKey(t.Name)).
		hdel(s.keys.teamSizes(t.Org), t.ID).
		hdel(s.keys.teamLabels(t.Org), t.ID).
		hdel(s.keys.teamChannels(t.Org), t.ID).
		// a replica's copies of its boards and of the feeds that show it are answered no more
		hdel(s.keys.boardStamps(t.Org), t.ID).
		hdel(s.keys.feedStamps(t.Org), t.ID).hdel(s.keys.feedStamps(t.Org), feedOrg).
		zrem(s.keys.teams(t.Org), t.ID).
		run(ctx, s, "delete team")
}
