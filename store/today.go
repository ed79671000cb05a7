package store

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/internal/copies"
	"github.com/redis/go-redis/v9"
)

// The first read of a day and a swap are decided here, in Go (domain.NewAssignment and
// domain.Swap), from the state readLoop reads (plain reads in one MULTI/EXEC), and written by
// assignment_apply.lua only if that state is still current; else it answers the state as it
// found it (movedLoop), from which the server decides again, a few times at most.

var assignmentApplyScript = luaScript("assignment_apply")

// loopRead is what readLoop reads.
type loopRead struct {
	Days     []string // the days whose records are answered with the state
	ViewFrom string   // answer the newest assignment when it is of this day or later ("" never)
	Active   bool     // an inactive user is not found
	Idem     bool     // answer the Idempotency-Key's record
}

// assignmentWrite is assignment_apply.lua's argument, a MessagePack map (scriptArg; its header
// names each field).
type assignmentWrite struct {
	StampRead   string   `json:"stamp_read"`         // the user's view stamp as read
	CatalogRead string   `json:"catalog_read"`       // the org's catalogue stamp as read
	Idem        string   `json:"idem,omitempty"`     // what the Idempotency-Key keeps ("" without one)
	IdemTTL     int      `json:"idem_ttl,omitempty"` // its time to live, seconds (with Idem)
	Day         string   `json:"day"`
	Record      string   `json:"record"`                // packed (see recordFormat)
	Latest      bool     `json:"latest,omitempty"`      // the day is the user's newest
	Settled     string   `json:"settled,omitempty"`     // the stats' settled day when they have none ("" to leave it)
	StatsStamp  string   `json:"stats_stamp,omitempty"` // the new stats stamp when Settled is set
	User        string   `json:"user"`                  // the user's id (their place on the challenge's board is read)
	Stamp       string   `json:"stamp"`                 // a new view stamp
	Used        []string `json:"used"`                  // what the record refers to (see keys.used)
	Fields      string   `json:"fields"`                // loopFields, joined by ",": what the state moved answers
	// the keys of the objects answered ("" none)
	Gesture   string `json:"gesture,omitempty"`
	Value     string `json:"value,omitempty"`
	Challenge string `json:"challenge,omitempty"`
}

// arg is the script's one argument.
func (w assignmentWrite) arg() string {
	if w.Idem != "" {
		w.IdemTTL = loopIdempotencyTTL
	}
	return scriptArg(w)
}

// loopAnswer is what readLoop answers.
type loopAnswer struct {
	kind                              string // "view" or "state"
	user, stamp, catalogStamp, latest string
	team                              string
	record                            string // with "view": the newest day's record
	idem                              string // with "state": the Idempotency-Key's record
	days                              map[string]string
	loop                              loopOrg // the org's state at catalogStamp
}

// readLoop reads, in one round trip, what a first read of the day, a swap or its alternatives
// are decided from: the user, their newest day, team and the records of r.Days, the
// Idempotency-Key's record, and the org's settings, catalogues, active values and teams'
// channels unless the replica's copy of them is current (then a second round trip only when the
// catalogue stamp says it is not). When r.ViewFrom is set and the newest assignment is of that
// day or later, the answer is that assignment to show instead ("view"; one more read when that
// day is after r.Days).
//
// Plain reads in one MULTI/EXEC: as atomic as the script that read the same was (the record,
// its stamps and the Idempotency-Key's record as one write left them, on a Cluster too, where
// a pipeline's redirected commands are sent again after the others), without the script's cost
// to Redis (BENCHMARKS.md).
func (s *Store) readLoop(ctx context.Context, org, userID string, r loopRead, idemKey string) (loopAnswer, error) {
	kept, orgKept := s.loopOrgs.Get(org)
	fields := loopFields(r)
	pipe := s.rdb.TxPipeline()
	user := pipe.HMGet(ctx, s.keys.user(org, userID), dataField, fieldViewStamp)
	recs := pipe.HMGet(ctx, s.keys.assignments(org, userID), fields...)
	var idem *redis.StringCmd
	if r.Idem {
		idem = pipe.Get(ctx, s.loopIdempotencyKey(org, userID, idemKey))
	}
	or := s.queueLoopOrg(ctx, pipe, org, orgKept)
	if err := execReads(ctx, pipe); err != nil {
		return loopAnswer{}, translate("read loop", err)
	}
	u := user.Val()
	read := assignmentRead{records: make(map[string]string, len(fields))}
	read.user, _ = u[0].(string)
	read.stamp, _ = u[1].(string)
	for i, v := range recs.Val() {
		if str, ok := v.(string); ok {
			read.records[fields[i]] = str
		}
	}
	if idem != nil {
		read.idem = idem.Val()
	}
	return s.loopAnswerOf(ctx, org, userID, r, read, kept, orgKept, or)
}

// loopFields are the fields of the user's assignments readLoop reads: the newest day, the team
// the records refer to and the records of r.Days.
func loopFields(r loopRead) []string { return append([]string{"latest", recordTeamField}, r.Days...) }

// assignmentRead is a user's part of what a first read or a swap is decided from, as readLoop
// read it or as the write that found it moved answered it (movedLoop).
type assignmentRead struct {
	user, stamp string            // the user's JSON and view stamp
	records     map[string]string // day ("latest", "tm") → as stored
	idem        string            // the Idempotency-Key's record ("" none)
}

// loopAnswerOf is readLoop's answer from the user's part as read and the org's as loopOrgOf
// answers it from or.
func (s *Store) loopAnswerOf(ctx context.Context, org, userID string, r loopRead, read assignmentRead, kept copies.Copy[loopOrg], orgKept bool, or orgRead) (loopAnswer, error) {
	a := loopAnswer{user: read.user, stamp: read.stamp, idem: read.idem}
	if a.user == "" {
		return a, loopErrors["not_found"]
	}
	if r.Active {
		v, err := s.viewedUser(org, a.user)
		if err != nil {
			return a, err
		}
		if !v.Active {
			return a, loopErrors["not_found"]
		}
	}
	a.latest, a.team = read.records["latest"], read.records[recordTeamField]
	a.days = make(map[string]string, len(r.Days))
	for _, d := range r.Days {
		if v, ok := read.records[d]; ok {
			a.days[d] = v
		}
	}
	var err error
	if a.loop, a.catalogStamp, err = s.loopOrgOf(ctx, org, kept, orgKept, or); err != nil {
		return a, err
	}
	if r.ViewFrom != "" && a.latest >= r.ViewFrom {
		a.kind = "view"
		var ok bool
		if a.record, ok = read.records[a.latest]; !ok {
			if a.record, err = s.rdb.HGet(ctx, s.keys.assignments(org, userID), a.latest).Result(); err != nil && !errors.Is(err, redis.Nil) {
				return a, translate("read loop", err)
			}
		}
		return a, nil
	}
	a.kind = "state"
	s.keepLoopState(org, userID, a, r.Days)
	return a, nil
}

// movedLoop is what assignment_apply.lua answered with "moved", the assignments' fields read
// those of fields: an error that is errStateMoved, a *stateMoved[assignmentRead] when the
// answer holds the state.
func movedLoop(res movedAnswer, fields []string) error {
	user, records, ok := res.head(5, 2, fields)
	if !ok {
		return errStateMoved
	}
	return &stateMoved[assignmentRead]{cv: textOf(res[4]), read: assignmentRead{
		user: textOf(user[0]), stamp: textOf(user[1]), records: records, idem: textOf(res[3]),
	}}
}

// movedLoopAnswer is readLoop's answer from the state a write answered (moved; nil: none),
// with the replica's copy of the org's state when it is of the catalogue stamp answered (read
// again when not), or else as readLoop reads it.
func (s *Store) movedLoopAnswer(ctx context.Context, org, userID string, r loopRead, idemKey string, moved *stateMoved[assignmentRead]) (loopAnswer, error) {
	kept, orgKept := s.loopOrgs.Get(org)
	if moved == nil || !orgKept {
		return s.readLoop(ctx, org, userID, r, idemKey)
	}
	read := moved.read
	if !r.Idem {
		read.idem = ""
	}
	return s.loopAnswerOf(ctx, org, userID, r, read, kept, true, orgRead{cv: redis.NewStringResult(moved.cv, nil)})
}

// orgRead is the org's state as a MULTI/EXEC reads it, with its catalogue stamp.
type orgRead struct {
	cv, org, catalog, challenges *redis.StringCmd
	rebuild                      *redis.StringCmd
	active                       *redis.StringSliceCmd
	channels                     *redis.MapStringStringCmd
}

func (s *Store) queueOrgRead(ctx context.Context, pipe redis.Pipeliner, org string) orgRead {
	return orgRead{
		cv:         pipe.HGet(ctx, s.keys.orgSettings(org), fieldCatalogStamp),
		org:        pipe.HGet(ctx, s.keys.orgSettings(org), dataField),
		rebuild:    pipe.HGet(ctx, s.keys.orgSettings(org), fieldRebuild),
		catalog:    pipe.Get(ctx, s.keys.catalog(org)),
		challenges: pipe.Get(ctx, s.keys.challengeCatalog(org)),
		active:     pipe.SMembers(ctx, s.keys.activeValues(org)),
		channels:   pipe.HGetAll(ctx, s.keys.teamChannels(org)),
	}
}

// queueLoopOrg queues the reads of the org's state: its catalogue stamp alone when the replica
// keeps a copy (kept, orgKept: s.loopOrgs), else all of it.
func (s *Store) queueLoopOrg(ctx context.Context, pipe redis.Pipeliner, org string, orgKept bool) orgRead {
	if orgKept {
		return orgRead{cv: pipe.HGet(ctx, s.keys.orgSettings(org), fieldCatalogStamp)}
	}
	return s.queueOrgRead(ctx, pipe, org)
}

// loopOrgOf answers the org's state and the catalogue stamp it is of, from what queueLoopOrg
// read: the replica's copy when it is of the stamp read, else as read (read again when only the
// stamp was), which the replica then keeps. An org's catalogue is decoded once per stamp on a
// replica, not by every request that decides with it.
func (s *Store) loopOrgOf(ctx context.Context, org string, kept copies.Copy[loopOrg], orgKept bool, or orgRead) (loopOrg, string, error) {
	if orgKept && or.cv.Val() == kept.Stamp {
		return kept.Value, kept.Stamp, nil
	}
	if orgKept { // the org's state changed since the replica kept it
		pipe := s.rdb.TxPipeline()
		or = s.queueOrgRead(ctx, pipe, org)
		if err := execReads(ctx, pipe); err != nil {
			return loopOrg{}, "", translate("read org", err)
		}
	}
	lo, err := or.decode()
	if err != nil {
		return lo, "", err
	}
	s.loopOrgs.Put(org, copies.Copy[loopOrg]{Stamp: or.cv.Val(), Value: lo})
	return lo, or.cv.Val(), nil
}

// decode decodes the org's state as read.
func (or orgRead) decode() (loopOrg, error) {
	var lo loopOrg
	if err := json.Unmarshal([]byte(or.org.Val()), &lo.org); err != nil {
		return lo, domain.Internal("decode org", err)
	}
	lo.active = or.active.Val()
	lo.rebuilding = or.rebuild.Val() != ""
	if chs := or.channels.Val(); len(chs) > 0 {
		lo.channels = make(map[string]domain.Channel, len(chs))
		for team, ch := range chs {
			lo.channels[team] = domain.Channel(ch)
		}
	}
	list := func(c *redis.StringCmd) string {
		if v := c.Val(); v != "" {
			return v
		}
		return "[]"
	}
	var err error
	lo.catalog, err = catalogOf(list(or.catalog), list(or.challenges))
	return lo, err
}

// assignmentState answers the state of r from the replica's copies when fromCopy and they hold it
// (cached), else as read.
func (s *Store) assignmentState(ctx context.Context, org, userID string, r loopRead, idemKey string, fromCopy bool, moved *stateMoved[assignmentRead]) (a loopAnswer, cached bool, err error) {
	if fromCopy {
		if a, lo, ok := s.loopStateCopy(org, userID, r); ok {
			a.loop = lo
			return a, true, nil
		}
	}
	a, err = s.movedLoopAnswer(ctx, org, userID, r, idemKey, moved)
	return a, false, err
}

// The compact catalogues the loop picks from (keys.catalog, keys.challengeCatalog): every gesture
// and every challenge of the org, in id order, with what the loop decides with, lists joined
// by ",". Every change to gestures or challenges writes them (catalogRebuilt). An inactive
// gesture is kept, marked: which may be given is the loop's to decide (domain.Candidates).
type catalogGestureRow struct {
	I string `json:"i"`           // id
	R string `json:"r"`           // roles
	T string `json:"t"`           // team ids
	V string `json:"v"`           // value id
	P int    `json:"p"`           // points
	C string `json:"c"`           // channels
	X bool   `json:"x,omitempty"` // inactive
}

type catalogChallengeRow struct {
	I string `json:"i"` // id
	S string `json:"s"` // starts on
	E string `json:"e"` // ends on
	T string `json:"t"` // team ids
	G string `json:"g"` // gesture ids
	B int    `json:"b"` // bonus points
}

// catalogRows encodes the compact catalogues (see catalogOf).
func catalogRows(c domain.Catalog) (gestures, challenges string) {
	grows := make([]catalogGestureRow, len(c.Gestures))
	for i, g := range c.Gestures {
		grows[i] = catalogGestureRow{I: g.ID, R: joined(g.Roles), T: joined(g.TeamIDs), V: g.ValueID, P: g.Points, C: joined(g.Channels), X: g.Inactive}
	}
	crows := make([]catalogChallengeRow, len(c.Challenges))
	for i, ch := range c.Challenges {
		crows[i] = catalogChallengeRow{I: ch.ID, S: ch.StartsOn, E: ch.EndsOn, T: joined(ch.TeamIDs), G: joined(ch.GestureIDs), B: ch.BonusPoints}
	}
	return marshal(grows), marshal(crows)
}

// joined is a list of a catalogue row: its items joined by ",".
func joined[T ~string](items []T) string {
	ss := make([]string, len(items))
	for i, s := range items {
		ss[i] = string(s)
	}
	return strings.Join(ss, ",")
}

// catalogOf decodes the compact catalogues the loop picks from (see catalogRows).
func catalogOf(gestures, challenges string) (domain.Catalog, error) {
	var gs []catalogGestureRow
	var cs []catalogChallengeRow
	if err := json.Unmarshal([]byte(gestures), &gs); err != nil {
		return domain.Catalog{}, domain.Internal("decode catalog", err)
	}
	if err := json.Unmarshal([]byte(challenges), &cs); err != nil {
		return domain.Catalog{}, domain.Internal("decode challenge catalog", err)
	}
	var c domain.Catalog
	for _, g := range gs {
		c.Gestures = append(c.Gestures, domain.CatalogGesture{ID: g.I, ValueID: g.V, Points: g.P, Roles: split[domain.Role](g.R),
			TeamIDs: split[string](g.T), Channels: split[domain.Channel](g.C), Inactive: g.X})
	}
	for _, ch := range cs {
		c.Challenges = append(c.Challenges, domain.CatalogChallenge{ID: ch.I, StartsOn: ch.S, EndsOn: ch.E,
			TeamIDs: split[string](ch.T), GestureIDs: split[string](ch.G), BonusPoints: ch.B})
	}
	return c, nil
}

// split reads a list of a catalogue row (see joined); nil for none.
func split[T ~string](s string) []T {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	out := make([]T, len(parts))
	for i, p := range parts {
		out[i] = T(p)
	}
	return out
}

// pickRequest is the pick request of the user on day, from a loop state.
func pickRequest(a loopAnswer, u domain.User, day string) (domain.PickRequest, error) {
	cat, err := a.loop.catalog, error(nil)
	return domain.PickRequest{
		Catalog: cat, Role: u.Role, TeamID: u.TeamID, TeamChannel: a.loop.channels[u.TeamID], Day: day,
		Rest: domain.RestOf(u), Seed: domain.Seed(u.ID, day),
		Recent: func(d string) string {
			g, _, _ := strings.Cut(strings.TrimPrefix(a.days[d], recordFormat+"|"), "|")
			return g
		},
	}, err
}

// loopDaysBack is how many days before the day asked loopDays answers.
const loopDaysBack = max(outcomeDaysBack, domain.RepeatLookback)

// loopDays are the days a first read or a swap of day reads the records of: the days before
// it the pick looks at (domain.RepeatLookback) and, for an outcome decided from the replica's copy of them (see
// outcomeStateCopy), as far back as an outcome's streak looks.
func loopDays(day string) []string {
	days := make([]string, 0, loopDaysBack+1)
	for i := loopDaysBack; i >= 0; i-- {
		days = append(days, domain.AddDays(day, -i))
	}
	return days
}

// TodayStamped is Today, also answering the view stamps read with the view ("" when it must not
// be kept: the user has no stamp yet).
func (s *Store) TodayStamped(ctx context.Context, org, userID, day string, now time.Time) (domain.AssignmentView, string, error) {
	var moved *stateMoved[assignmentRead] // the state as the last write found it, when it answered it
	for round := range outcomeRounds {
		read := loopRead{Days: loopDays(day), ViewFrom: day, Active: true}
		a, cached, err := s.assignmentState(ctx, org, userID, read, "", round == 0, moved)
		moved = nil
		if err != nil {
			return domain.AssignmentView{}, "", err
		}
		if a.kind == "view" {
			v, err := s.newestView(ctx, org, userID, a)
			return v, viewStamp(a.stamp, a.catalogStamp), err
		}
		u, err := s.viewedUser(org, a.user)
		if err != nil {
			return domain.AssignmentView{}, "", err
		}
		if cached && !u.Active { // as readLoop answers: an inactive user is not found
			return domain.AssignmentView{}, "", loopErrors["not_found"]
		}
		req, err := pickRequest(a, u, day)
		if err != nil {
			return domain.AssignmentView{}, "", err
		}
		next, err := domain.NewAssignment(req, a.loop.org.SwapsPerDay)
		if err != nil && cached {
			continue // a refusal is answered as read, not from a copy
		} else if err != nil {
			return domain.AssignmentView{}, "", err
		}
		rec := dayRecord{Day: day, Created: now.UTC().Format(time.RFC3339)}
		rec.apply(next)
		w := assignmentWrite{
			StampRead: a.stamp, CatalogRead: a.catalogStamp, Day: day, Latest: true, Settled: domain.StreakStart(day), StatsStamp: newStamp(), Stamp: newStamp(),
			Fields: strings.Join(loopFields(read), ","),
		}
		v, packed, err := s.writeAssignment(ctx, org, userID, rec, w, a.user, "", valueOf(req.Catalog, rec.Gesture))
		if err == nil {
			s.keepWritten(org, userID, a.stamp, day, packed, w.Stamp, "", true)
		}
		if !errors.Is(err, errStateMoved) {
			return v, viewStamp(w.Stamp, a.catalogStamp), err
		}
		errors.As(err, &moved)
	}
	return domain.AssignmentView{}, "", domain.Internal("today", errStateMoved)
}

// newestView renders the view of the newest assignment a read answered: its gesture and value
// from the replica's catalogue copy when current (else read, and the copy renewed), its
// challenge and the texts it leaves to a shared story or reported barrier read in one round
// trip, none when there is nothing to read.
func (s *Store) newestView(ctx context.Context, org, userID string, a loopAnswer) (domain.AssignmentView, error) {
	rec, err := decodeRecord(a.latest, userID, a.record, a.team)
	if err != nil {
		return domain.AssignmentView{}, domain.Internal("decode assignment", err)
	}
	valueID := valueOf(a.loop.catalog, rec.Gesture)
	gesture, value, kept := s.catalogObjects(org, a.catalogStamp, rec.Gesture, valueID)
	var keys []string
	if !kept {
		keys = append(keys, s.keys.gesture(org, rec.Gesture))
		if valueID != "" {
			keys = append(keys, s.keys.value(org, valueID))
		}
	}
	if rec.Challenge != "" {
		keys = append(keys, s.keys.challenge(org, rec.Challenge))
	}
	// the texts it leaves to its story or barrier, read with the objects
	recs := []dayRecord{rec}
	held := s.heldTextsOf(org, recs)
	rows, err := readObjects(ctx, s.rdb, append(keys, held.keys...))
	if err != nil {
		return domain.AssignmentView{}, err
	}
	if err := held.put(rows[len(keys):]); err != nil {
		return domain.AssignmentView{}, err
	}
	rec, rows = recs[0], rows[:len(keys)]
	challenge := ""
	if rec.Challenge != "" {
		challenge, rows = rows[len(rows)-1].data, rows[:len(rows)-1]
	}
	if !kept {
		gesture = rows[0].data
		if valueID != "" {
			value = rows[1].data
		}
		// the org's next views take the gesture and value from the copy
		_ = s.refreshCatalog(ctx, org, a.catalogStamp)
	}
	return s.loopView(ctx, org, userID, rec, a.user, gesture, value, challenge)
}

// apply puts a decided record's choice into the stored one.
func (rec *dayRecord) apply(d domain.DayRecord) {
	rec.Gesture, rec.Challenge, rec.SwapsLeft, rec.Swapped, rec.Bonus = d.GestureID, d.ChallengeID, d.SwapsLeft, strings.Join(d.Swapped, ","), nil
	if d.ChallengeID != "" {
		b := d.Bonus
		rec.Bonus = &b
	}
}

// writeAssignment applies w with rec, answering the view of rec; errStateMoved when the state
// it was decided from moved.
func (s *Store) writeAssignment(ctx context.Context, org, userID string, rec dayRecord, w assignmentWrite, user, idemKey, valueID string) (domain.AssignmentView, string, error) {
	w.Record = rec.pack("", 0)
	w.Used = []string{rec.Gesture}
	gesture, value, kept := s.catalogObjects(org, w.CatalogRead, rec.Gesture, valueID)
	if !kept {
		w.Gesture = s.keys.gesture(org, rec.Gesture)
		if valueID != "" {
			w.Value = s.keys.value(org, valueID)
		}
	}
	keys := []string{
		s.keys.assignments(org, userID), s.keys.user(org, userID), s.keys.orgSettings(org), s.keys.stats(org, userID),
		s.keys.used(org), s.loopIdempotencyKey(org, userID, idemKey),
	}
	var board string
	if rec.Challenge != "" {
		w.Used, w.Challenge = append(w.Used, "c:"+rec.Challenge), s.keys.challenge(org, rec.Challenge)
		board = s.keys.challengeBoard(org, rec.Challenge)
		keys = append(keys, board)
	}
	w.User = userID
	res, err := assignmentApplyScript.Run(ctx, s.rdb, keys, w.arg()).Slice()
	if err != nil {
		return domain.AssignmentView{}, "", translate("write assignment", err)
	}
	if len(res) != 8 {
		s.loops.Drop(loopCopyKey(org, userID))
		return domain.AssignmentView{}, "", movedLoop(res, strings.Split(w.Fields, ","))
	}
	if textOf(res[4]) == "1" {
		s.keepSettled(org, userID, textOf(res[5]), w.StatsStamp, w.Settled)
	}
	if board != "" { // the outcome of a challenge's gesture moves the user's place on its board
		s.keepScore(org, userID, board, scoreText(textOf(res[6])), textOf(res[7]))
	}
	rec.fill(rec.Day, userID)
	if !kept {
		gesture, value = textOf(res[1]), textOf(res[2])
		// the next write of the org's users takes the gesture and value from the copy
		_ = s.refreshCatalog(ctx, org, w.CatalogRead)
	}
	v, err := s.loopView(ctx, org, userID, rec, user, gesture, value, textOf(res[3]))
	return v, w.Record, err
}

// loopView renders rec with its objects' JSON as read (value "" is read by its gesture's id).
func (s *Store) loopView(ctx context.Context, org, userID string, rec dayRecord, user, gesture, value, challenge string) (domain.AssignmentView, error) {
	if o := rec.Outcome; o != nil && (o.storyHeld || o.barrierHeld) {
		recs := []dayRecord{rec}
		if err := s.storyTexts(ctx, org, recs); err != nil {
			return domain.AssignmentView{}, err
		}
		rec = recs[0]
	}
	if value == "" && gesture != "" {
		g, err := s.gestures.decode(gesture)
		if err != nil {
			return domain.AssignmentView{}, domain.Internal("decode gesture", err)
		}
		if g.ValueID != "" {
			row, err := readObjects(ctx, s.rdb, []string{s.keys.value(org, g.ValueID)})
			if err != nil {
				return domain.AssignmentView{}, err
			}
			value = row[0].data
		}
	}
	return s.decodeView(org, userID, rec, gesture, value, challenge, user)
}

// Swap gives the assignment of day another gesture.
func (s *Store) Swap(ctx context.Context, r domain.SwapRequest) (domain.AssignmentView, string, bool, error) {
	var moved *stateMoved[assignmentRead] // the state as the last write found it, when it answered it
	for round := range outcomeRounds {
		// From a copy, the Idempotency-Key's record is not read: the write finds one kept (the state moved)
		read := loopRead{Days: loopDays(r.Day), Idem: r.IdempotencyKey != ""}
		a, cached, err := s.assignmentState(ctx, r.Org, r.UserID, read, r.IdempotencyKey, round == 0, moved)
		moved = nil
		if _, ok := a.days[r.Day]; err == nil && cached && !ok { // not found is answered as read
			a, err = s.readLoop(ctx, r.Org, r.UserID, read, r.IdempotencyKey)
		}
		if err != nil {
			return domain.AssignmentView{}, "", false, err
		}
		raw, ok := a.days[r.Day]
		if a.idem != "" {
			var kept idempotencyRecord
			if err := json.Unmarshal([]byte(a.idem), &kept); err != nil {
				return domain.AssignmentView{}, "", false, domain.Internal("decode idempotency record", err)
			}
			if kept.F != r.Fingerprint {
				return domain.AssignmentView{}, "", false, errKeyReused
			}
		}
		if !ok {
			return domain.AssignmentView{}, "", false, loopErrors["not_found"]
		}
		rec, err := decodeRecord(r.Day, r.UserID, raw, a.team)
		if err != nil {
			return domain.AssignmentView{}, "", false, domain.Internal("decode assignment", err)
		}
		u, err := s.viewedUser(r.Org, a.user)
		if err != nil {
			return domain.AssignmentView{}, "", false, err
		}
		if a.idem != "" { // swapped before: the assignment as it is
			cat := catalogCache{s: s, org: r.Org}
			v, err := cat.view(ctx, rec, u)
			return v, "", err == nil, err
		}
		req, err := pickRequest(a, u, r.Day)
		if err != nil {
			return domain.AssignmentView{}, "", false, err
		}
		next, err := domain.Swap(rec.decided(), a.latest, r.Today, req, r.GestureID)
		if err != nil && cached {
			continue // a refusal is answered as read (an Idempotency-Key may hold the answer), not from a copy
		} else if err != nil {
			return domain.AssignmentView{}, "", false, err
		}
		rec.apply(next)
		w := assignmentWrite{StampRead: a.stamp, CatalogRead: a.catalogStamp, Day: r.Day, Stamp: newStamp(), Fields: strings.Join(loopFields(read), ",")}
		if r.IdempotencyKey != "" {
			w.Idem = marshal(idempotencyRecord{F: r.Fingerprint})
		}
		v, packed, err := s.writeAssignment(ctx, r.Org, r.UserID, rec, w, a.user, r.IdempotencyKey, valueOf(req.Catalog, rec.Gesture))
		if err == nil {
			s.keepWritten(r.Org, r.UserID, a.stamp, r.Day, packed, w.Stamp, "", false)
		}
		if !errors.Is(err, errStateMoved) {
			stamp := ""
			if err == nil && r.Day == a.latest && u.Active { // the view a read of today answers (see newestView)
				stamp = viewStamp(w.Stamp, a.catalogStamp)
			}
			return v, stamp, false, err
		}
		errors.As(err, &moved)
	}
	return domain.AssignmentView{}, "", false, domain.Internal("swap", errStateMoved)
}

// Alternatives answers what a swap of the user's assignment of day offers to choose from on
// today, their local day: read with the state a swap is decided from, decided by
// domain.Alternatives, and the gestures, values and challenges read together.
func (s *Store) Alternatives(ctx context.Context, org, userID, day, today string) (domain.AlternativesView, error) {
	a, err := s.readLoop(ctx, org, userID, loopRead{Days: loopDays(day)}, "")
	if err != nil {
		return domain.AlternativesView{}, err
	}
	raw, ok := a.days[day]
	if !ok {
		return domain.AlternativesView{}, loopErrors["not_found"]
	}
	rec, err := decodeRecord(day, userID, raw, a.team)
	if err != nil {
		return domain.AlternativesView{}, domain.Internal("decode assignment", err)
	}
	u, err := s.viewedUser(org, a.user)
	if err != nil {
		return domain.AlternativesView{}, err
	}
	req, err := pickRequest(a, u, day)
	if err != nil {
		return domain.AlternativesView{}, err
	}
	cs, err := domain.Alternatives(rec.decided(), a.latest, today, req)
	if err != nil {
		return domain.AlternativesView{}, err
	}
	keys := make([]string, 0, 3*len(cs))
	for _, c := range cs {
		keys = append(keys, s.keys.gesture(org, c.Gesture.ID), s.keys.value(org, c.Gesture.ValueID), s.keys.challenge(org, c.ChallengeID))
	}
	rows, err := readObjects(ctx, s.rdb, keys)
	if err != nil {
		return domain.AlternativesView{}, err
	}
	out := make([]domain.Alternative, len(cs))
	for i, c := range cs {
		alt := domain.Alternative{Bonus: c.Bonus}
		if alt.Gesture, err = s.gestures.decode(rows[3*i].data); err != nil {
			return domain.AlternativesView{}, domain.Internal("decode gesture", err)
		}
		if alt.Value, err = s.values.decode(rows[3*i+1].data); err != nil {
			return domain.AlternativesView{}, domain.Internal("decode value", err)
		}
		if c.ChallengeID != "" && rows[3*i+2].found {
			ch, err := s.challenges.decode(rows[3*i+2].data)
			if err != nil {
				return domain.AlternativesView{}, domain.Internal("decode challenge", err)
			}
			alt.Challenge = &ch
		}
		out[i] = alt
	}
	return domain.AlternativesView{Items: out, SwapsLeft: rec.SwapsLeft, User: u}, nil
}

// valueOf is the value of a gesture of the catalogue ("" when not in it).
func valueOf(c domain.Catalog, gestureID string) string {
	for _, g := range c.Gestures {
		if g.ID == gestureID {
			return g.ValueID
		}
	}
	return ""
}
