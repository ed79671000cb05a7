package store

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/microact/microact/domain"
)

var (
	errValueNotFound     = domain.NotFound("value")
	errGestureNotFound   = domain.NotFound("gesture")
	errChallengeNotFound = domain.NotFound("challenge")
	errNoSuchValue       = domain.InvalidField("value_id", "no value with this id")
)

// catalogEdit is what a change does to the org's gestures or challenges: the one it stores, or
// the id of the one it deletes.
type catalogEdit struct {
	gesture                    *domain.Gesture
	challenge                  *domain.Challenge
	dropGesture, dropChallenge string
}

// catalogRebuilt makes w, a change to gestures or challenges, also write the compact catalogues
// the loop picks from (catalogRows), in the same step (see catalogChanged too): no change is
// ever stored without them. They are made from every gesture and challenge as read, with edit
// made, and written while the org's catalogue stamp is as read: a change made meanwhile to
// any of them fails w with errStateMoved, and the caller makes its change again.
func (s *Store) catalogRebuilt(ctx context.Context, w *write, org string, edit catalogEdit) error {
	pipe := s.rdb.Pipeline()
	// the stamp before what it stands for: a change landing between the two reads moves it
	cv := pipe.HGet(ctx, s.keys.orgSettings(org), fieldCatalogStamp)
	gIDs, cIDs := pipe.ZRange(ctx, s.keys.gestures(org), 0, -1), pipe.ZRange(ctx, s.keys.challenges(org), 0, -1)
	if err := execReads(ctx, pipe); err != nil {
		return translate("read catalog", err)
	}
	ks := mapKeys(gIDs.Val(), func(id string) string { return s.keys.gesture(org, id) })
	ks = append(ks, mapKeys(cIDs.Val(), func(id string) string { return s.keys.challenge(org, id) })...)
	rows, err := readObjects(ctx, s.rdb, ks)
	if err != nil {
		return err
	}
	gs, _, err := decodeRows[domain.Gesture](rows[:len(gIDs.Val())])
	if err != nil {
		return err
	}
	cs, _, err := decodeRows[domain.Challenge](rows[len(gIDs.Val()):])
	if err != nil {
		return err
	}
	gs = edited(gs, edit.gesture, edit.dropGesture, func(g domain.Gesture) string { return g.ID })
	cs = edited(cs, edit.challenge, edit.dropChallenge, func(c domain.Challenge) string { return c.ID })
	gestures, challenges := catalogRows(domain.CatalogOf(gs, cs))
	s.catalogChanged(w.fieldIs(s.keys.orgSettings(org), fieldCatalogStamp, cv.Val(), errStateMoved), org).
		setKeep(s.keys.catalog(org), gestures).setKeep(s.keys.challengeCatalog(org), challenges)
	return nil
}

// mapKeys is the key of each id.
func mapKeys(ids []string, key func(string) string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = key(id)
	}
	return out
}

// edited is objs, in the order of their ids (as their index keeps them), with put stored (nil:
// none) and the one whose id is drop ("": none) left out.
func edited[T any](objs []T, put *T, drop string, id func(T) string) []T {
	out := make([]T, 0, len(objs)+1)
	for _, o := range objs {
		if i := id(o); i != drop && (put == nil || i != id(*put)) {
			out = append(out, o)
		}
	}
	if put != nil {
		out = append(out, *put)
	}
	slices.SortFunc(out, func(a, b T) int { return strings.Compare(id(a), id(b)) })
	return out
}

// Used reports which of ids (gesture ids, or "c:"+challenge id) assignments refer to.
func (s *Store) Used(ctx context.Context, org string, ids ...string) (map[string]bool, error) {
	hits, err := s.rdb.SMIsMember(ctx, s.keys.used(org), toAny(ids)...).Result()
	if err != nil {
		return nil, translate("used", err)
	}
	out := make(map[string]bool, len(ids))
	for i, id := range ids {
		out[id] = hits[i]
	}
	return out, nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// catalogChanged adds to w the new catalog stamp of an org whose gestures, values or challenges
// w changes, so no replica keeps a today view showing the old ones (see fieldCatalogStamp).
func (s *Store) catalogChanged(w *write, org string) *write {
	k := s.keys.orgSettings(org)
	return w.present(k, errOrgNotFound).hset(k, fieldCatalogStamp, newStamp())
}

// catalogID gives a catalogue object (a value, gesture, challenge or team) whose *id is empty
// its id: the next of one counter for every org, in the short form of domain.SeqID. Unique
// across orgs, so an id of one org is never also an id of another (nor of an org made again).
// The counter is a key of its own, outside every org's slot: it is counted before the write
// that stores the object, and a write that fails only leaves a number unused.
func (s *Store) catalogID(ctx context.Context, id *string) error {
	if *id != "" {
		return nil
	}
	n, err := s.rdb.Incr(ctx, s.keys.seq()).Uint64()
	if err != nil {
		return translate("new catalogue id", err)
	}
	*id = domain.SeqID(n)
	return nil
}

// NewCatalogID answers a new catalogue id (see catalogID), for a caller that needs it before
// the object is stored.
func (s *Store) NewCatalogID(ctx context.Context) (string, error) {
	var id string
	err := s.catalogID(ctx, &id)
	return id, err
}

// noSuch is the error of a list field naming an id that is no object of the org: the id is
// named only when it is one (a client's junk is not echoed).
func noSuch(field, what, id string) error {
	if !domain.ValidID(id) {
		return domain.InvalidField(field, domain.IDMessage)
	}
	return domain.InvalidField(field, "no "+what+" with id "+id)
}

// --- values

// SaveValue creates v (Rev 0; with a new id when it has none) or replaces it if nobody changed
// it since it was read.
func (s *Store) SaveValue(ctx context.Context, v domain.Value) (domain.Value, error) {
	if err := s.catalogID(ctx, &v.ID); err != nil {
		return v, err
	}
	k := s.keys.value(v.Org, v.ID)
	w := newWrite()
	if v.Rev == 0 {
		w.present(s.keys.orgSettings(v.Org), errOrgNotFound).absent(k, domain.Conflict("conflict", "A value with this id exists already.")).
			zadd(s.keys.values(v.Org), 0, v.ID)
		if v.PackKey != "" {
			w.free(s.keys.packKeys(v.Org), "v:"+v.PackKey, v.ID, domain.Conflict("conflict", "The pack's value exists already.")).
				hset(s.keys.packKeys(v.Org), "v:"+v.PackKey, v.ID)
		}
	} else {
		w.rev(k, v.Rev, errConcurrent)
	}
	v.Rev++
	if v.Active {
		w.sadd(s.keys.activeValues(v.Org), v.ID)
	} else {
		w.srem(s.keys.activeValues(v.Org), v.ID)
	}
	return v, s.catalogChanged(w, v.Org).hset(k, dataField, marshal(v)).run(ctx, s, "save value")
}

// Value reads one value.
func (s *Store) Value(ctx context.Context, org, id string) (domain.Value, error) {
	var v domain.Value
	_, err := readOne(ctx, s.rdb, s.keys.value(org, id), &v, errValueNotFound)
	return v, err
}

// Values lists values in creation order.
func (s *Store) Values(ctx context.Context, org string, page domain.Page) ([]domain.Value, string, error) {
	return listObjects[domain.Value](ctx, s, s.keys.values(org), func(id string) string { return s.keys.value(org, id) }, page)
}

// DeleteValue removes a value no gesture refers to.
func (s *Store) DeleteValue(ctx context.Context, v domain.Value) error {
	k := s.keys.value(v.Org, v.ID)
	w := newWrite().rev(k, v.Rev, errConcurrent).del(k).zrem(s.keys.values(v.Org), v.ID).srem(s.keys.activeValues(v.Org), v.ID)
	if v.PackKey != "" {
		w.hdel(s.keys.packKeys(v.Org), "v:"+v.PackKey)
	}
	return s.catalogChanged(w, v.Org).run(ctx, s, "delete value")
}

// --- gestures

// SaveGesture creates g (Rev 0; with a new id when it has none) or replaces it, refreshing the
// catalogue in the same step.
func (s *Store) SaveGesture(ctx context.Context, g domain.Gesture) (domain.Gesture, error) {
	if err := s.catalogID(ctx, &g.ID); err != nil {
		return g, err
	}
	made := g
	err := s.catalogRetried(ctx, "save gesture", func(w *write) error {
		made = g
		return s.gestureWrite(ctx, w, &made)
	})
	if err != nil {
		return g, err
	}
	return made, nil
}

// catalogRounds bounds how often a change to gestures or challenges is made again because
// another change to the catalogue came between its read and its write.
const catalogRounds = 8

// gestureWrite adds storing *g (see SaveGesture) to w, giving g its new id and rev.
func (s *Store) gestureWrite(ctx context.Context, w *write, g *domain.Gesture) error {
	if err := s.catalogID(ctx, &g.ID); err != nil {
		return err
	}
	k := s.keys.gesture(g.Org, g.ID)
	w.refers(s.keys.values(g.Org), g.ValueID, errNoSuchValue)
	for _, t := range g.TeamIDs {
		w.refers(s.keys.teams(g.Org), t, noSuch("team_ids", "team", t))
	}
	if g.Rev == 0 {
		w.absent(k, domain.Conflict("conflict", "A gesture with this id exists already.")).zadd(s.keys.gestures(g.Org), 0, g.ID)
		if g.PackKey != "" {
			w.free(s.keys.packKeys(g.Org), "g:"+g.PackKey, g.ID, domain.Conflict("conflict", "The pack's gesture exists already.")).
				hset(s.keys.packKeys(g.Org), "g:"+g.PackKey, g.ID)
		}
	} else {
		w.rev(k, g.Rev, errConcurrent)
	}
	g.Rev++
	w.hset(k, dataField, marshal(*g))
	return s.catalogRebuilt(ctx, w, g.Org, catalogEdit{gesture: g})
}

// Gesture reads one gesture.
func (s *Store) Gesture(ctx context.Context, org, id string) (domain.Gesture, error) {
	var g domain.Gesture
	_, err := readOne(ctx, s.rdb, s.keys.gesture(org, id), &g, errGestureNotFound)
	return g, err
}

// AllGestures reads every gesture of the org (the catalogue is small: hundreds at most).
func (s *Store) AllGestures(ctx context.Context, org string) ([]domain.Gesture, error) {
	ids, err := s.rdb.ZRange(ctx, s.keys.gestures(org), 0, -1).Result()
	if err != nil {
		return nil, translate("gestures", err)
	}
	gs, _, err := readAll[domain.Gesture](ctx, s.rdb, mapKeys(ids, func(id string) string { return s.keys.gesture(org, id) }))
	return gs, err
}

// DeleteGesture removes a gesture no history refers to.
func (s *Store) DeleteGesture(ctx context.Context, g domain.Gesture) error {
	k := s.keys.gesture(g.Org, g.ID)
	return s.catalogRetried(ctx, "delete gesture", func(w *write) error {
		w.rev(k, g.Rev, errConcurrent).del(k).zrem(s.keys.gestures(g.Org), g.ID)
		if g.PackKey != "" {
			w.hdel(s.keys.packKeys(g.Org), "g:"+g.PackKey)
		}
		return s.catalogRebuilt(ctx, w, g.Org, catalogEdit{dropGesture: g.ID})
	})
}

// catalogRetried runs the write change makes, made again while the catalogue moved between its
// read and its write (see catalogRebuilt).
func (s *Store) catalogRetried(ctx context.Context, op string, change func(*write) error) error {
	for range catalogRounds {
		w := newWrite()
		if err := change(w); err != nil {
			return err
		}
		if err := w.run(ctx, s, op); !errors.Is(err, errStateMoved) {
			return err
		}
	}
	return domain.Internal(op, errStateMoved)
}

// --- challenges

// SaveChallenge creates c (Rev 0; with a new id when it has none) or replaces it, and writes
// the catalogue in the same step.
func (s *Store) SaveChallenge(ctx context.Context, c domain.Challenge) (domain.Challenge, error) {
	if err := s.catalogID(ctx, &c.ID); err != nil {
		return c, err
	}
	k := s.keys.challenge(c.Org, c.ID)
	made := c
	err := s.catalogRetried(ctx, "save challenge", func(w *write) error {
		for _, t := range c.TeamIDs {
			w.refers(s.keys.teams(c.Org), t, noSuch("team_ids", "team", t))
		}
		for _, g := range c.GestureIDs {
			w.refers(s.keys.gestures(c.Org), g, noSuch("gesture_ids", "gesture", g))
		}
		if c.Rev == 0 {
			w.present(s.keys.orgSettings(c.Org), errOrgNotFound).
				absent(k, domain.Conflict("conflict", "A challenge with this id exists already.")).zadd(s.keys.challenges(c.Org), 0, c.ID)
		} else {
			w.rev(k, c.Rev, errConcurrent)
		}
		made = c
		made.Rev++
		w.hset(k, dataField, marshal(made))
		return s.catalogRebuilt(ctx, w, c.Org, catalogEdit{challenge: &made})
	})
	if err != nil {
		return c, err
	}
	return made, nil
}

// Challenge reads one challenge.
func (s *Store) Challenge(ctx context.Context, org, id string) (domain.Challenge, error) {
	var c domain.Challenge
	_, err := readOne(ctx, s.rdb, s.keys.challenge(org, id), &c, errChallengeNotFound)
	return c, err
}

// Challenges lists challenges in creation order.
func (s *Store) Challenges(ctx context.Context, org string, page domain.Page) ([]domain.Challenge, string, error) {
	return listObjects[domain.Challenge](ctx, s, s.keys.challenges(org), func(id string) string { return s.keys.challenge(org, id) }, page)
}

// DeleteChallenge removes a challenge no assignment refers to.
func (s *Store) DeleteChallenge(ctx context.Context, c domain.Challenge) error {
	k := s.keys.challenge(c.Org, c.ID)
	return s.catalogRetried(ctx, "delete challenge", func(w *write) error {
		w.rev(k, c.Rev, errConcurrent).del(k).zrem(s.keys.challenges(c.Org), c.ID)
		return s.catalogRebuilt(ctx, w, c.Org, catalogEdit{dropChallenge: c.ID})
	})
}

// listObjects reads one page of objects from an index.
func listObjects[T any](ctx context.Context, s *Store, index string, key func(string) string, page domain.Page) ([]T, string, error) {
	ids, next, err := pageIDs(ctx, s.rdb, index, page)
	if err != nil {
		return nil, "", err
	}
	ks := make([]string, len(ids))
	for i, id := range ids {
		ks[i] = key(id)
	}
	items, _, err := readAll[T](ctx, s.rdb, ks)
	return items, next, err
}

// catalogCache reads gestures, values and challenges once each while rendering many assignments.
type catalogCache struct {
	s          *Store
	org        string
	gestures   map[string]domain.Gesture
	values     map[string]domain.Value
	challenges map[string]*domain.Challenge
}

func (c *catalogCache) view(ctx context.Context, rec dayRecord, u domain.User) (domain.AssignmentView, error) {
	if c.gestures == nil {
		c.gestures, c.values, c.challenges = map[string]domain.Gesture{}, map[string]domain.Value{}, map[string]*domain.Challenge{}
	}
	v := domain.AssignmentView{Assignment: rec.assignment(u.ID), User: u}
	g, ok := c.gestures[rec.Gesture]
	if !ok {
		var err error
		g, err = c.s.Gesture(ctx, c.org, rec.Gesture)
		if err != nil && domain.ErrorKind(err) != domain.KindNotFound {
			return v, err
		}
		c.gestures[rec.Gesture] = g
	}
	v.Gesture = g
	val, ok := c.values[g.ValueID]
	if !ok && g.ValueID != "" {
		var err error
		val, err = c.s.Value(ctx, c.org, g.ValueID)
		if err != nil && domain.ErrorKind(err) != domain.KindNotFound {
			return v, err
		}
		c.values[g.ValueID] = val
	}
	v.Value = val
	if rec.Challenge != "" {
		ch, ok := c.challenges[rec.Challenge]
		if !ok {
			got, err := c.s.Challenge(ctx, c.org, rec.Challenge)
			switch {
			case err == nil:
				ch = &got
			case domain.ErrorKind(err) != domain.KindNotFound:
				return v, err
			}
			c.challenges[rec.Challenge] = ch
		}
		v.Challenge = ch
	}
	return v, nil
}

// PackIDs maps the content-pack keys already loaded into org ("v:<key>", "g:<key>") to ids.
func (s *Store) PackIDs(ctx context.Context, org string) (map[string]string, error) {
	m, err := s.rdb.HGetAll(ctx, s.keys.packKeys(org)).Result()
	return m, translate("pack ids", err)
}
