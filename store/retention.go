package store

import (
	"context"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// expireSocialScript removes the stories and barriers ExpireSocial found past retention.
var expireSocialScript = redis.NewScript(luaLexIndex + luaSource("expire_social"))

// expireBatch is how many stories or barriers one expire_social.lua run removes at most.
const expireBatch = 200

// expirePlan is expire_social.lua's argument (its header says what each field is).
type expirePlan struct {
	Stamp    string           `json:"stamp"`
	Stories  []eraseStory     `json:"stories"`
	Barriers []expiredBarrier `json:"barriers"`
}

type expiredBarrier struct {
	ID     string   `json:"id"`
	Key    string   `json:"key"`
	Data   string   `json:"data"`     // the barrier as read: it goes only while it is still so
	Lists  []string `json:"lists"`    // its reporter's, its "me too" people's and its team's barrier lists
	Open   []string `json:"open"`     // its team's open and escalated barriers (none without a team)
	MeToo  string   `json:"me_too"`   // who said "me too", deleted
	Joined int      `json:"me_too_n"` // how many they were as read: Lists names each one's list
}

// expiredBarrier is what removing barrier b (of org), read as raw, changes. Those who said "me
// too" are read after the barrier; the script removes it only while both are as read (a lead's
// change makes it no longer expired, a new "me too" a list this plan does not name).
func (s *Store) expiredBarrier(ctx context.Context, org string, b domain.Barrier, raw string) (expiredBarrier, error) {
	e := expiredBarrier{ID: b.ID, Key: s.keys.barrier(org, b.ID), Data: raw, Lists: []string{}, Open: []string{},
		MeToo: s.keys.barrierMeToo(org, b.ID)}
	if b.ReporterID != "" {
		e.Lists = append(e.Lists, s.keys.userBarriers(org, b.ReporterID))
	}
	joined, err := s.rdb.SMembers(ctx, e.MeToo).Result()
	if err != nil {
		return e, translate("read me too of barrier "+b.ID, err)
	}
	for _, u := range joined {
		e.Lists = append(e.Lists, s.keys.userBarriers(org, u))
	}
	e.Joined = len(joined)
	if b.TeamID != "" {
		e.Lists = append(e.Lists, s.keys.teamBarriers(org, b.TeamID))
		e.Open = append(e.Open, s.keys.openBarriers(org, b.TeamID), s.keys.escalatedBarriers(org, b.TeamID))
	}
	return e, nil
}

// ExpireSocial removes the org's shared stories and barriers past its story_retention_days and
// barrier_retention_days at now (see domain.StoryExpired, domain.BarrierExpired; a retention
// not set keeps them) and answers how many went. Every story and barrier is looked at, hidden
// stories too (found by SCAN within the org's slot: the feeds do not list those); the hourly
// retention worker runs it, and running it again removes nothing more.
func (s *Store) ExpireSocial(ctx context.Context, org domain.Org, now time.Time) (int, error) {
	storyCut, storiesExpire := domain.RetentionCutoff(org.StoryRetentionDays, now)
	barrierCut, barriersExpire := domain.RetentionCutoff(org.BarrierRetentionDays, now)
	var stories []eraseStory
	var barriers []expiredBarrier
	if storiesExpire {
		err := s.eachObject(ctx, org.ID, s.keys.story(org.ID, keyHole), func(id, raw string) error {
			st, err := decodeStory(id, raw)
			if err != nil {
				return domain.Internal("decode story "+id, err)
			}
			if domain.StoryExpired(st, storyCut) {
				stories = append(stories, s.erasedStory(org.ID, id, st.TeamID))
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	if barriersExpire {
		err := s.eachObject(ctx, org.ID, s.keys.barrier(org.ID, keyHole), func(id, raw string) error {
			b, err := decodeBarrier(id, raw)
			if err != nil {
				return domain.Internal("decode barrier "+id, err)
			}
			if domain.BarrierExpired(b, barrierCut) {
				e, err := s.expiredBarrier(ctx, org.ID, b, raw)
				if err != nil {
					return err
				}
				barriers = append(barriers, e)
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	total := 0
	for len(stories) > 0 || len(barriers) > 0 {
		ns, nb := min(len(stories), expireBatch), min(len(barriers), expireBatch)
		plan := expirePlan{
			Stamp: newStamp(), Stories: append([]eraseStory{}, stories[:ns]...), Barriers: append([]expiredBarrier{}, barriers[:nb]...),
		}
		n, err := expireSocialScript.Run(ctx, s.rdb, []string{s.keys.feedStamps(org.ID), s.keys.stories(org.ID), s.keys.barriers(org.ID)},
			scriptArg(plan)).Int()
		if err != nil {
			return total, translate("expire stories and barriers", err)
		}
		total += n
		stories, barriers = stories[ns:], barriers[nb:]
	}
	return total, nil
}

// eachObject calls f with the id and data of every object of the org whose key is object (its
// builder with keyHole for the id: keys.story(org, keyHole)), a batch of reads at a time; keys
// of the objects' companions ("story:<id>:kudos") are passed over.
func (s *Store) eachObject(ctx context.Context, org, object string, f func(id, raw string) error) error {
	p := keyPattern(object)
	found, err := s.scanOrg(ctx, org, p[0])
	if err != nil {
		return err
	}
	var ids, ks []string
	for _, k := range found {
		if id, ok := keyID(p, k); ok {
			ids, ks = append(ids, id), append(ks, k)
		}
	}
	for len(ks) > 0 {
		n := min(len(ks), exportBatch)
		rows, err := readObjects(ctx, s.rdb, ks[:n])
		if err != nil {
			return err
		}
		for i, r := range rows {
			if r.found {
				if err := f(ids[i], r.data); err != nil {
					return err
				}
			}
		}
		ids, ks = ids[n:], ks[n:]
	}
	return nil
}
