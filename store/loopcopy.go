package store

import (
	"maps"
	"slices"
	"strings"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/internal/copies"
)

// A first read of the day and a swap are decided from the user's state (their user, newest day,
// team and recent records) and the org's (its settings and catalogue). A replica keeps what it
// last read or wrote of both (a profile's read of the user reads their state too, see runStats):
// the user's with their view stamp (fieldViewStamp), the org's
// with its catalogue stamp (fieldCatalogStamp; the org's settings set it anew too). The decision
// made from the copies is written by assignment_apply only while both stamps are still Redis'
// (the stamp checked inside the write, see package copies): the common case is one round trip,
// and a copy out of date costs a second one (the state read again), never a wrong write.
//
// Measured with `make bench` (BENCHMARKS.md): a swap went from two scripts to one, and the
// first read of a user whose profile the replica answered from a read and a script to one script.

// loopCopiesKept bounds the users whose state a replica keeps (a few KB each).
const (
	loopCopiesKept    = 20_000
	loopOrgCopiesKept = 1000
)

// loopCopy is a user's state as a first read or swap decides with it.
type loopCopy struct {
	user, latest, team string
	// days holds the user's records of every day from from to to (none for a day without one);
	// it answers only while latest is not after to, when no record after to exists. (A profile's
	// read also holds the two days after to, which nothing asks of the copy.)
	from, to string
	days     map[string]string
}

// loopOrg is an org's state as the loop decides with it.
type loopOrg struct {
	org     domain.Org
	catalog domain.Catalog
	active  []string // the org's active values
	// channels: the channel of each team that has one
	channels map[string]domain.Channel
	// rebuilding: a rebuild holds the org's boards (fieldRebuild)
	rebuilding bool
}

func loopCopyKey(org, userID string) string { return org + "\x00" + userID + "\x00" }

// covers says whether the copy holds the records of days (ascending).
func (c loopCopy) covers(days []string) bool {
	return len(days) > 0 && days[0] >= c.from && c.latest <= c.to
}

// keepLoopState keeps the user's state a's read answered for the days read.
func (s *Store) keepLoopState(org, userID string, a loopAnswer, days []string) {
	// a user without a stamp yet is kept with "": the write compares it with the absent one
	if a.kind != "state" || len(days) == 0 {
		return
	}
	s.loops.Put(loopCopyKey(org, userID), copies.Copy[loopCopy]{Stamp: a.stamp, Value: loopCopy{
		user: a.user, latest: a.latest, team: a.team, from: days[0], to: days[len(days)-1], days: a.days,
	}})
}

// loopStateCopy answers the state of a read of r from the replica's copies; ok is false when
// they do not hold it or the read may answer a view to show. The Idempotency-Key's record is
// not in it: the write looks for one itself.
func (s *Store) loopStateCopy(org, userID string, r loopRead) (loopAnswer, loopOrg, bool) {
	cp, ok := s.loops.Get(loopCopyKey(org, userID))
	if !ok || !cp.Value.covers(r.Days) || (r.ViewFrom != "" && cp.Value.latest >= r.ViewFrom) {
		return loopAnswer{}, loopOrg{}, false
	}
	lo, ok := s.loopOrgs.Get(org)
	if !ok {
		return loopAnswer{}, loopOrg{}, false
	}
	c := cp.Value
	return loopAnswer{kind: "state", user: c.user, stamp: cp.Stamp, catalogStamp: lo.Stamp, latest: c.latest, team: c.team,
		days: c.days}, lo.Value, true
}

// keepWritten keeps, in place of the copy a was read or taken from, the state after
// assignment_apply or outcome_apply wrote record for day with the new view stamp: the next
// request of the user on this replica decides from it. A copy kept meanwhile from another read
// is left alone unless it is the one a came from.
func (s *Store) keepWritten(org, userID string, stampRead, day, record, stamp, team string, latest bool) {
	key := loopCopyKey(org, userID)
	cp, ok := s.loops.Get(key)
	if !ok || cp.Stamp != stampRead || day < cp.Value.from {
		return
	}
	c := cp.Value
	c.to = max(c.to, day)
	// Only the days a read can still ask for are kept (loopDays of c.to on): a replica that
	// serves a user for months keeps a few weeks of their records, not every day since.
	c.from = max(c.from, domain.AddDays(c.to, -loopDaysBack))
	days := make(map[string]string, len(c.days)+1)
	for d, rec := range c.days {
		if d >= c.from {
			days[d] = rec
		}
	}
	if day >= c.from {
		days[day] = record
	}
	c.days = days
	if latest {
		c.latest = max(c.latest, day)
	}
	if team != "" {
		c.team = team
	}
	s.loops.Put(key, copies.Copy[loopCopy]{Stamp: stamp, Value: c})
}

// statsCopy is a user's stats and badges as their last stats read or outcome on this replica
// left them, kept at the stats stamp (fieldStatsStamp) they were read or written with.
type statsCopy struct {
	read       []string // statsFields' values, "" for none
	held       []string // the badges held
	valuesDone []string // the values done towards all_values
	// the user's scores on boards as their last stats read here read them (their team's boards
	// of the period), their first read of a challenge's gesture read it, or their last outcome
	// here left them (the boards it changed), each at the copy's stamp: every change of a
	// user's place sets their stats stamp anew (fieldStatsStamp), so the outcome's check of the
	// stamp covers them, and a board not held is read
	scores map[string]boardScore
}

// keepStats keeps the stats read (statsFields' values), the badges hash's fields and values and
// the user's scores on boards as read (nil: none read) at the stats stamp; readAt is the stats
// stamp they were read at (stamp, or the one a settled streak replaced).
func (s *Store) keepStats(org, userID, stamp, readAt string, read []string, badges []any, scores map[string]boardScore) {
	key := loopCopyKey(org, userID)
	if was, ok := s.statsCopies.Get(key); ok && was.Stamp == readAt && len(was.Value.scores) > 0 {
		// the scores the copy held (on a challenge's board, say) stay known while the stats
		// stamp is the one they were kept at: no place of the user's changed since
		merged := maps.Clone(was.Value.scores)
		maps.Copy(merged, scores)
		scores = merged
	}
	c := statsCopy{read: read, scores: scores}
	for i := 0; i+1 < len(badges); i += 2 {
		f, _ := badges[i].(string)
		if v, ok := strings.CutPrefix(f, doneValueMark); ok {
			c.valuesDone = append(c.valuesDone, v)
		} else {
			c.held = append(c.held, f)
		}
	}
	s.statsCopies.Put(key, copies.Copy[statsCopy]{Stamp: stamp, Value: c})
}

// keepScore adds the user's score on board, read when their stats stamp was at, to their stats
// copy while it is at that stamp, for their next outcome.
func (s *Store) keepScore(org, userID, board string, score boardScore, at string) {
	key := loopCopyKey(org, userID)
	cp, ok := s.statsCopies.Get(key)
	if !ok || cp.Stamp != at {
		return
	}
	c := cp.Value
	c.scores = maps.Clone(c.scores)
	if c.scores == nil {
		c.scores = map[string]boardScore{}
	}
	c.scores[board] = score
	s.statsCopies.Put(key, copies.Copy[statsCopy]{Stamp: cp.Stamp, Value: c})
}

// outcomeStateCopy is what r is decided from, from the replica's copies of the user's state,
// stats and org; ok is false when they do not hold all of it. The write checks that none of it
// moved (outcome_apply), so a copy out of date costs a second round trip, never a wrong write.
func (s *Store) outcomeStateCopy(r domain.OutcomeRequest) (st loopState, ok bool) {
	key := loopCopyKey(r.Org, r.UserID)
	cp, ok1 := s.loops.Get(key)
	lo, ok2 := s.loopOrgs.Get(r.Org)
	sc, ok3 := s.statsCopies.Get(key)
	if !ok1 || !ok2 || !ok3 {
		return st, false
	}
	c := cp.Value
	from := domain.AddDays(r.Context.Today, -outcomeDaysBack)
	if from < c.from || r.Day < c.from || c.latest > c.to || slices.ContainsFunc(r.WeekDays, func(d string) bool { return d < c.from }) {
		return st, false
	}
	raw, ok := c.days[r.Day]
	if !ok {
		return st, false
	}
	var err error
	if st.User, err = s.viewedUser(r.Org, c.user); err != nil {
		return st, false
	}
	if st.record, err = decodeRecord(r.Day, r.UserID, raw, c.team); err != nil {
		return st, false
	}
	st.user, st.stamp, st.teamField, st.catalogStamp = c.user, cp.Stamp, c.team, lo.Stamp
	st.Latest, st.Record = c.latest, st.record.decided()
	st.statsStamp, st.Stats, st.statsRead = sc.Stamp, loopStatsOf(sc.Value.read), sc.Value.read
	if fin := st.Stats.Streak.Settled; fin != "" && domain.AddDays(fin, 1) < from {
		return st, false // settling looks further back than the copy holds
	}
	st.Results = func(day string) string { return recordResult(c.days[day]) }
	st.Held, st.ValuesDone, st.scores = sc.Value.held, sc.Value.valuesDone, sc.Value.scores
	st.ActiveValues = lo.Value.active
	st.Points, st.Barriers, st.rebuilding = lo.Value.org.Points, lo.Value.org.BarrierCategories, lo.Value.rebuilding
	if st.Gesture, ok = lo.Value.gesture(st.record.Gesture); !ok {
		return st, false // a gesture no longer in the catalogue is read by itself
	}
	return st, true
}

// gesture is catalogue gesture id as an outcome decides with it (its value and points); ok is
// false when the catalogue has none of that id (deleted since it was given).
func (lo loopOrg) gesture(id string) (domain.CatalogGesture, bool) {
	i := slices.IndexFunc(lo.catalog.Gestures, func(g domain.CatalogGesture) bool { return g.ID == id })
	if i < 0 {
		return domain.CatalogGesture{}, false
	}
	g := lo.catalog.Gestures[i]
	return domain.CatalogGesture{ID: g.ID, ValueID: g.ValueID, Points: g.Points}, true
}

// keepSettled mirrors in the user's stats copy assignment_apply's setting of their settled day
// when they had none (HSETNX), which replaced the stats stamp `was` with stamp. A copy at
// another stamp than `was` is out of date, and stays so.
func (s *Store) keepSettled(org, userID, was, stamp, settled string) {
	key := loopCopyKey(org, userID)
	cp, ok := s.statsCopies.Get(key)
	if !ok || cp.Stamp != was {
		return
	}
	c := cp.Value
	c.read = slices.Clone(c.read)
	c.read[4] = settled // statsFields[4] is "fin"
	s.statsCopies.Put(key, copies.Copy[statsCopy]{Stamp: stamp, Value: c})
}

// catalogObjects answers the JSON of a gesture and its value (valueID "" for none) from the
// feed's copy of the org's catalogue (see catalogCopy) when it is the one of catalogue stamp
// stamp: a write that checks that stamp need not send them. ok is false otherwise.
func (s *Store) catalogObjects(org, stamp, gestureID, valueID string) (gesture, value string, ok bool) {
	cp, found := s.catalogs.get(org)
	if !found || cp.Stamp != stamp || cp.Value.large {
		return "", "", false
	}
	if gesture = cp.Value.objects["gesture:"+gestureID]; gesture == "" {
		return "", "", false
	}
	if valueID != "" {
		if value = cp.Value.objects["value:"+valueID]; value == "" {
			return "", "", false
		}
	}
	return gesture, value, true
}
