package store

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/internal/copies"
	"github.com/redis/go-redis/v9"
)

// An outcome is decided here, in Go (domain.DecideOutcome), from the replica's copies of the
// user's and the org's state (outcomeStateCopy, see loopcopy.go) or, without them, from the
// state as read; and written by outcomeApplyScript only if that state is still current: the
// user's view stamp, which every write to the user or their assignments sets anew; the org's
// catalogue stamp (its catalogue and settings); and the user's stats stamp, which every write
// to their stats, badges or places on boards sets anew (an outcome, a kudos, a badge for a
// resolved barrier, a settled streak, a rebuild of the boards). When any moved, the state is
// read and the outcome decided again, a few times at most.

var outcomeApplyScript = redis.NewScript(luaLexIndex + luaSource("outcome_apply"))

// outcomeRounds bounds how often an outcome is decided again because the user's state moved
// under it (another request of theirs wrote in between).
const outcomeRounds = 4

// errStateMoved says the state an outcome was decided from changed before it was written.
var errStateMoved = errors.New("the user's state moved")

// stateMoved is errStateMoved with the state as the write found it (outcome_apply.lua,
// assignment_apply.lua), for the write to be decided again without reading it: read, the
// user's part (outcomeRead or assignmentRead); cv, the org's catalogue stamp.
type stateMoved[T any] struct {
	read T
	cv   string
}

func (m *stateMoved[T]) Error() string { return errStateMoved.Error() }
func (m *stateMoved[T]) Unwrap() error { return errStateMoved }

// movedAnswer reads a script's answer "moved" (res[0]) whose items are texts, lists of texts
// (an HMGET's: fields) and hashes as lists (field, value, …: hash).
type movedAnswer []any

func (m movedAnswer) list(i int) []any { l, _ := m[i].([]any); return l }

// textOf is a script's answered item as text ("" for none).
func textOf(v any) string { t, _ := v.(string); return t }

// head is what both loop writes' "moved" answers start with: the word, the user's items (an
// HMGET of n fields) and their assignments' fields (an HMGET of fields, as a map of those set);
// ok is false unless the answer has items items, and one value for each of those fields.
func (m movedAnswer) head(items, n int, fields []string) (user []any, records map[string]string, ok bool) {
	if len(m) != items || textOf(m[0]) != "moved" || len(m.list(1)) != n {
		return nil, nil, false
	}
	records, ok = m.fields(2, fields)
	return m.list(1), records, ok
}

// fields is item i, an HMGET of fields, as a map of those set; ok is false when it does not
// answer one value per field.
func (m movedAnswer) fields(i int, fields []string) (map[string]string, bool) {
	l := m.list(i)
	if len(l) != len(fields) {
		return nil, false
	}
	out := make(map[string]string, len(fields))
	for j, f := range fields {
		if v, ok := l[j].(string); ok {
			out[f] = v
		}
	}
	return out, true
}

func (m movedAnswer) hash(i int) map[string]string {
	l := m.list(i)
	out := make(map[string]string, len(l)/2)
	for j := 0; j+1 < len(l); j += 2 {
		out[textOf(l[j])] = textOf(l[j+1])
	}
	return out
}

// movedRead is the state outcome_apply.lua answered with "moved", the assignments' fields
// read those of fields: an error that is errStateMoved, a *stateMoved[outcomeRead] when the
// answer holds the state.
func movedRead(res movedAnswer, fields []string) error {
	user, records, ok := res.head(8, 3, fields)
	if !ok {
		return errStateMoved
	}
	m := &stateMoved[outcomeRead]{cv: textOf(res[7]), read: outcomeRead{
		user: textOf(user[0]), stamp: textOf(user[1]), statsStamp: textOf(user[2]),
		records: records, badges: res.hash(4), scores: map[string]boardScore{}, replay: textOf(res[6]),
	}}
	stats := res.hash(3)
	m.read.stats = make([]string, len(statsFields))
	for i, f := range statsFields {
		m.read.stats[i] = stats[f]
	}
	for board, score := range res.hash(5) {
		m.read.scores[board] = scoreText(score)
	}
	return m
}

// outcomeDays are the days around today whose records the streak may count: the settled
// streak reaches to today-2, the shown one to the newest assignment (after travelling west up
// to two days ahead), the lead's week is at most six days back.
const (
	outcomeDaysBack  = 9
	outcomeDaysAhead = 2
)

// statsFields are the user's stats hash's fields, in the order they are read.
var statsFields = []string{"cur", "best", "fr", "run", "fin", "tot", "dt", "wk", "wp", "mk", "mp"}

// loopState is what a user's outcome is decided from, as read.
type loopState struct {
	domain.OutcomeState
	user      string // the user's JSON
	stamp     string // the user's view stamp ("" none)
	teamField string // the team the records refer to ("" none)
	record    dayRecord
	replay    string // the answer kept under the Idempotency-Key ("" none)
	// the user's stats stamp as read ("" none): their stats and badges are as they were then
	statsStamp string
	// statsRead are statsFields' values as read ("" none): the outcome writes those it changes
	statsRead []string
	// the org's catalogue stamp as read: its catalogue and settings (points, barrier
	// categories, active values) are as they were then
	catalogStamp string
	// the user's scores on boards as last known (a copy's, at its stats stamp), by board
	scores map[string]boardScore
	// rebuilding: a rebuild held the org's boards as of the catalogue stamp (fieldRebuild)
	rebuilding bool
}

// RecordOutcome records an outcome and all that follows from it, all or nothing.
func (s *Store) RecordOutcome(ctx context.Context, r domain.OutcomeRequest) (domain.OutcomeResult, error) {
	var moved *stateMoved[outcomeRead] // the state as the last write found it, when it answered it
	for round := range outcomeRounds {
		st, cached := loopState{}, false
		if round == 0 && !r.ReplayOnly {
			st, cached = s.outcomeStateCopy(r)
		}
		if cached {
			res, err := s.applyOutcome(ctx, r, st)
			switch domain.ErrorKind(err) {
			case domain.KindUnavailable, domain.KindInternal:
				if !errors.Is(err, errStateMoved) {
					return res, err // the write may have run: answered as it was, not tried again
				}
				errors.As(err, &moved)
			default:
				if err == nil {
					return res, nil
				}
			}
			continue // moved, or refused: decided again from the state as the write answered it or as read
		}
		st, err := s.movedLoopState(ctx, r, moved)
		if err != nil {
			return domain.OutcomeResult{}, err
		}
		if st.replay != "" {
			return s.replayOutcome(ctx, r, st)
		}
		if r.ReplayOnly {
			return domain.OutcomeResult{}, loopErrors["too_late"]
		}
		res, err := s.applyOutcome(ctx, r, st)
		if !errors.Is(err, errStateMoved) {
			return res, err
		}
		moved = nil
		errors.As(err, &moved)
	}
	return domain.OutcomeResult{}, domain.Internal("record outcome", errStateMoved)
}

// movedLoopState is the state an outcome is decided from: as the write that found it moved
// answered it (moved; nil: none), with the replica's copy of the org's state when it is of the
// catalogue stamp answered (read again when not), or else as read (readLoopState).
func (s *Store) movedLoopState(ctx context.Context, r domain.OutcomeRequest, moved *stateMoved[outcomeRead]) (loopState, error) {
	if moved == nil {
		return s.readLoopState(ctx, r)
	}
	kept, orgKept := s.loopOrgs.Get(r.Org)
	if !orgKept {
		return s.readLoopState(ctx, r)
	}
	return s.loopStateOf(ctx, r, moved.read, kept, true, orgRead{cv: redis.NewStringResult(moved.cv, nil)})
}

// readLoopState reads, in one round trip, the user, their assignment of the request's day and
// the days around it, their stats and badges, their places on the boards of their team as the
// caller knows it (r.Context.Team) in the periods the outcome occurred in, the org's state (its
// catalogue stamp alone when the replica keeps a copy: loopOrgOf), and the answer kept under
// the Idempotency-Key.
func (s *Store) readLoopState(ctx context.Context, r domain.OutcomeRequest) (loopState, error) {
	fields := outcomeFields(r)

	kept, orgKept := s.loopOrgs.Get(r.Org)
	pipe := s.rdb.TxPipeline() // as atomic as readLoop's: the org's state read is kept (loopOrgOf)
	user := pipe.HMGet(ctx, s.keys.user(r.Org, r.UserID), dataField, fieldViewStamp, fieldStatsStamp)
	recs := pipe.HMGet(ctx, s.keys.assignments(r.Org, r.UserID), fields...)
	stats := pipe.HMGet(ctx, s.keys.stats(r.Org, r.UserID), statsFields...)
	badges := pipe.HGetAll(ctx, s.keys.badges(r.Org, r.UserID))
	or := s.queueLoopOrg(ctx, pipe, r.Org, orgKept)
	var idem *redis.StringCmd
	if r.IdempotencyKey != "" {
		idem = pipe.Get(ctx, s.loopIdempotencyKey(r.Org, r.UserID, r.IdempotencyKey))
	}
	var boards []string
	if team := r.Context.Team; team != "" {
		boards = s.teamBoards(r.Org, team, r.OccurredWeek.Key, r.OccurredMonth.Key, "all")
	}
	scores := queueScores(ctx, pipe, r.UserID, boards)
	if err := execReads(ctx, pipe); err != nil {
		return loopState{}, translate("read loop state", err)
	}
	read := outcomeRead{records: map[string]string{}, stats: statsText(stats.Val()), badges: badges.Val(), scores: scoresOf(scores)}
	if idem != nil && idem.Err() == nil {
		read.replay = idem.Val()
	}
	u := user.Val()
	read.user, _ = u[0].(string)
	read.stamp, _ = u[1].(string)
	read.statsStamp, _ = u[2].(string)
	for i, v := range recs.Val() {
		if str, ok := v.(string); ok {
			read.records[fields[i]] = str
		}
	}
	return s.loopStateOf(ctx, r, read, kept, orgKept, or)
}

// outcomeFields are the fields of the user's assignments an outcome is decided from: the team
// the records refer to, the newest day, and the records of the outcome's day, of the days
// around today (outcomeDaysBack, outcomeDaysAhead) and of the week's days.
func outcomeFields(r domain.OutcomeRequest) []string {
	fields := []string{recordTeamField, "latest", r.Day}
	for i := -outcomeDaysBack; i <= outcomeDaysAhead; i++ {
		fields = append(fields, domain.AddDays(r.Context.Today, i))
	}
	return append(fields, r.WeekDays...)
}

// outcomeRead is a user's part of what an outcome is decided from, as read by readLoopState or
// answered by the outcome's write that found it moved (movedRead).
type outcomeRead struct {
	user, stamp, statsStamp string            // the user's JSON, view stamp and stats stamp
	records                 map[string]string // day ("tm", "latest") → as stored
	stats                   []string          // statsFields' values ("" none)
	badges                  map[string]string // as stored
	scores                  map[string]boardScore
	replay                  string // the answer kept under the Idempotency-Key ("" none)
}

// loopStateOf is the state an outcome is decided from: the user's part as read, and the org's
// as loopOrgOf answers it from or (queueLoopOrg's reads, or the catalogue stamp alone).
func (s *Store) loopStateOf(ctx context.Context, r domain.OutcomeRequest, read outcomeRead, kept copies.Copy[loopOrg], orgKept bool, or orgRead) (loopState, error) {
	st := loopState{scores: read.scores, replay: read.replay, user: read.user, stamp: read.stamp, statsStamp: read.statsStamp}
	if st.user == "" {
		return st, loopErrors["not_found"]
	}
	var err error
	if st.User, err = s.viewedUser(r.Org, st.user); err != nil {
		return st, err
	}
	raw := read.records
	st.teamField, st.Latest = raw[recordTeamField], raw["latest"]
	rec, ok := raw[r.Day]
	if !ok {
		return st, loopErrors["not_found"]
	}
	if st.record, err = decodeRecord(r.Day, r.UserID, rec, st.teamField); err != nil {
		return st, domain.Internal("decode assignment", err)
	}
	if st.replay != "" {
		return st, nil
	}
	st.Record = st.record.decided()
	st.statsRead = read.stats
	st.Stats = loopStatsOf(st.statsRead)
	first := domain.AddDays(r.Context.Today, -outcomeDaysBack)
	if fin := st.Stats.Streak.Settled; fin != "" && domain.AddDays(fin, 1) < first {
		if err := s.readOlderResults(ctx, r, fin, first, raw); err != nil {
			return st, err
		}
	}
	st.Results = func(day string) string { return recordResult(raw[day]) }
	for f := range read.badges {
		if v, ok := strings.CutPrefix(f, doneValueMark); ok {
			st.ValuesDone = append(st.ValuesDone, v)
		} else {
			st.Held = append(st.Held, f)
		}
	}
	lo, stamp, err := s.loopOrgOf(ctx, r.Org, kept, orgKept, or)
	if err != nil {
		return st, err
	}
	st.catalogStamp, st.ActiveValues = stamp, lo.active
	st.Points, st.Barriers, st.rebuilding = lo.org.Points, lo.org.BarrierCategories, lo.rebuilding
	g, ok := lo.gesture(st.record.Gesture)
	if !ok { // deleted since it was given: read by itself
		read, err := s.Gesture(ctx, r.Org, st.record.Gesture)
		if err != nil {
			return st, err
		}
		g = domain.CatalogGesture{ID: read.ID, ValueID: read.ValueID, Points: read.Points}
	}
	st.Gesture = g
	return st, nil
}

// readOlderResults reads the records of the days from the settled day to before (a user back
// after a while), as far back as settling looks.
func (s *Store) readOlderResults(ctx context.Context, r domain.OutcomeRequest, fin, before string, raw map[string]string) error {
	from := max(domain.AddDays(fin, 1), domain.AddDays(r.Context.Today, -2-400))
	var days []string
	for d := from; d < before; d = domain.AddDays(d, 1) {
		days = append(days, d)
	}
	vals, err := s.rdb.HMGet(ctx, s.keys.assignments(r.Org, r.UserID), days...).Result()
	if err != nil {
		return translate("read loop state", err)
	}
	for i, v := range vals {
		if str, ok := v.(string); ok {
			raw[days[i]] = str
		}
	}
	return nil
}

// recordResult is the result of a stored record's outcome ("" none), without decoding the rest.
func recordResult(raw string) string {
	f := strings.SplitN(raw, "|", 9)
	if len(f) < 9 {
		return ""
	}
	return resultNames[f[7]]
}

// statsText is statsFields' values as read by HMGET ("" for none).
func statsText(v []any) []string {
	out := make([]string, len(v))
	for i, x := range v {
		out[i], _ = x.(string)
	}
	return out
}

// loopStatsOf is the stats as statsFields' values (statsText).
func loopStatsOf(v []string) domain.LoopStats {
	num := func(i int) int { n, _ := strconv.Atoi(v[i]); return n }
	return domain.LoopStats{
		Streak: domain.Streak{Current: num(0), Best: num(1), Freezes: num(2), Run: num(3), Settled: v[4]},
		Total:  num(5), Done: num(6),
		Week: domain.PeriodPoints{Key: v[7], Points: num(8)}, Month: domain.PeriodPoints{Key: v[9], Points: num(10)},
	}
}

// decided is the record as the loop's rules see it.
func (rec dayRecord) decided() domain.DayRecord {
	d := domain.DayRecord{Day: rec.Day, GestureID: rec.Gesture, ChallengeID: rec.Challenge, SwapsLeft: rec.SwapsLeft}
	if rec.Bonus != nil {
		d.Bonus = *rec.Bonus
	}
	if rec.Swapped != "" {
		d.Swapped = strings.Split(rec.Swapped, ",")
	}
	if rec.Outcome != nil {
		d.Result = rec.Outcome.Result
	}
	return d
}

// outcomeWrite is the argument of outcomeApplyScript: what an outcome writes, decided, and the
// state it was decided from (the script's header names each field).
type outcomeWrite struct {
	StampRead   string `json:"stamp_read"`         // the user's view stamp as read
	CatalogRead string `json:"catalog_read"`       // the org's catalogue stamp as read
	StatsRead   string `json:"stats_read"`         // the user's stats stamp as read
	Idem        string `json:"idem,omitempty"`     // the answer kept under the Idempotency-Key ("" without one)
	IdemTTL     int    `json:"idem_ttl,omitempty"` // its time to live, seconds
	Day         string `json:"day"`
	Record      string `json:"record"`               // packed (see recordFormat)
	TeamField   string `json:"team_field,omitempty"` // the team records refer to, when it is set now
	Stamp       string `json:"stamp"`                // a new view and stats stamp
	EarnedAt    string `json:"earned_at,omitempty"`  // Unix seconds
	User        string `json:"user"`
	Fields      string `json:"fields"` // outcomeFields, joined by ",": what the state moved answers
	Ms          int64  `json:"-"`      // when recorded, Unix milliseconds: the reach time of the board places it changes

	// the keys of the objects answered ("" none)
	Gesture   string `json:"gesture,omitempty"`
	Value     string `json:"value,omitempty"`
	Challenge string `json:"challenge,omitempty"`

	// Places is the script's list of the user's places on boards as decided (place), 3 items
	// each: the board, the new score and the time to live to give it (the user's first place
	// on it)
	Places []string `json:"places"`
	// Writes is the script's list of writes, stats first (see its header): write's items as
	// text, from writes
	Writes []string `json:"writes"`

	// boards are the boards the outcome counts on (accountOutcome), moves the changes of the
	// user's places on them (none for no points)
	boards []string
	moves  []boardMove
	// writes are the writes as decided (replayWrites reads them too)
	writes []any
}

func (w *outcomeWrite) write(op string, args ...any) {
	w.writes = append(append(w.writes, op), args...)
}

// move adds pts (none: nothing) to the user's place on board k, reached when the outcome was
// recorded; ttl is the board's time to live (seconds, 0 none) when it first holds the user.
func (w *outcomeWrite) move(k string, pts int, ttl int64) {
	w.boards = append(w.boards, k)
	if pts > 0 {
		w.moves = append(w.moves, boardMove{key: k, pts: pts, sec: w.Ms / 1000, ttl: ttl})
	}
}

// arg is the script's one argument: w as a MessagePack map (see scriptArg).
func (w *outcomeWrite) arg() string {
	if w.Idem != "" {
		w.IdemTTL = loopIdempotencyTTL
	}
	w.Writes = texts(w.writes)
	return scriptArg(w)
}

// place decides the user's new places on the boards of w's moves from their scores as read,
// and answers their scores on w's boards once written, as far as known: the next outcome's.
func (w *outcomeWrite) place(scores map[string]boardScore) map[string]boardScore {
	after := make(map[string]boardScore, len(w.boards))
	for _, k := range w.boards {
		if have, ok := scores[k]; ok {
			after[k] = have
		}
	}
	for _, m := range w.moves {
		have := scores[m.key]
		now, write := m.moved(have)
		if write {
			ttl := int64(0) // given when the board first holds the user
			if !have.on {
				ttl = m.ttl
			}
			w.Places = append(w.Places, m.key, now.arg(), strconv.FormatInt(ttl, 10))
			after[m.key] = now
		}
	}
	return after
}

// outcomeAnswer is what an outcome answers beside its view, kept under its Idempotency-Key.
type outcomeAnswer struct {
	Cur, Best, Fr, Tot, Dt, Wp, Mp int
	Pts                            int    `json:"pts"`
	Earned                         string `json:"earned"`
	Sid                            string `json:"sid"`
	Bid                            string `json:"bid"`
}

// idempotencyRecord is what an Idempotency-Key keeps: the request's fingerprint and answer.
type idempotencyRecord struct {
	F string `json:"f"`
	R string `json:"r"`
}

const loopIdempotencyTTL = 86400

func (s *Store) applyOutcome(ctx context.Context, r domain.OutcomeRequest, st loopState) (domain.OutcomeResult, error) {
	in, dc := r.Input, r.Context
	d, err := domain.DecideOutcome(st.OutcomeState, in, dc, r.WeekDays, r.OccurredWeek.Key, r.OccurredMonth.Key)
	if err != nil {
		return domain.OutcomeResult{}, err
	}
	team := st.User.TeamID
	rec := st.record
	rec.SwapsLeft = d.Record.SwapsLeft
	o := &outcomeJSON{
		Result: in.Result, Reaction: in.Reaction, Story: in.Story, Shared: d.Shared, BarrierCat: d.BarrierCategory,
		BarrierTxt: in.BarrierText, Occurred: rfc3339(in.OccurredAt.Unix()), Recorded: rfc3339(dc.Now.Unix()),
		Points: d.Points, Team: &team,
	}
	if d.Shared {
		o.StoryID = r.StoryID
	}
	if in.Result == domain.ResultBlocked {
		o.BarrierID = r.BarrierID
	}
	rec.Outcome = o
	fields := outcomeFields(r)
	w := outcomeWrite{
		StampRead: st.stamp, CatalogRead: st.catalogStamp, StatsRead: st.statsStamp, Day: r.Day, Stamp: newStamp(),
		User: r.UserID, Ms: dc.Now.UnixMilli(), Fields: strings.Join(fields, ","),
	}
	held := st.teamField
	if held == "" && team != "" {
		held, w.TeamField = team, team
	}
	w.Record = rec.pack(held, dc.Now.UnixMilli())
	ls := d.Stats
	stats := []string{
		strconv.Itoa(ls.Streak.Current), strconv.Itoa(ls.Streak.Best), strconv.Itoa(ls.Streak.Freezes), strconv.Itoa(ls.Streak.Run),
		ls.Streak.Settled, strconv.Itoa(ls.Total), strconv.Itoa(ls.Done), ls.Week.Key, strconv.Itoa(ls.Week.Points),
		ls.Month.Key, strconv.Itoa(ls.Month.Points),
	}
	// only the fields that changed: a done outcome changes 6 or 7 of the 11, and each field
	// written costs Redis a search of the stats hash (see BENCHMARKS.md)
	var changed []any
	for i, v := range stats {
		if i >= len(st.statsRead) || v != st.statsRead[i] {
			changed = append(changed, statsFields[i], v)
		}
	}
	if len(changed) > 0 {
		w.write("stats", len(changed)/2)
		w.writes = append(w.writes, changed...)
	}
	for _, id := range d.Earned {
		w.write("earn", id)
		w.EarnedAt = strconv.FormatInt(dc.Now.Unix(), 10)
	}
	if d.MarkValue != "" {
		w.write("mark", doneValueMark+d.MarkValue)
	}
	if d.ClearValues { // the marks as read: the stats stamp checks the badges are
		for _, v := range st.ValuesDone {
			w.write("unmark", doneValueMark+v)
		}
	}
	if st.rebuilding {
		// a rebuild holds the boards: it adds this outcome to them, whether its scan has passed
		// it or not (rebuildBoards)
		w.write("sadd", s.keys.rebuildPending(r.Org), r.Day+"|"+r.UserID)
	} else {
		s.accountOutcome(&w, r, rec, team, occurredDay(in.OccurredAt, dc.OrgLoc), d.Points)
	}
	if d.Shared {
		s.writeStory(&w, r, rec, team, st.Gesture.ValueID)
	}
	if o.BarrierID != "" {
		s.writeBarrier(&w, r, team, d.BarrierCategory)
	}
	scores, err := s.readScores(ctx, r.UserID, st.scores, w.moves)
	if err != nil {
		return domain.OutcomeResult{}, err
	}
	maps.Copy(scores, st.scores) // what is known of the boards it does not move
	placed := w.place(scores)
	answer := outcomeAnswer{
		Cur: d.Shown.StreakCurrent, Best: d.Shown.StreakBest, Fr: d.Shown.Freezes, Tot: d.Shown.PointsTotal, Dt: d.Shown.DoneTotal,
		Wp: d.Shown.PointsWeek, Mp: d.Shown.PointsMonth, Pts: d.Points, Earned: strings.Join(d.Earned, ","),
		Sid: o.StoryID, Bid: o.BarrierID,
	}
	if r.IdempotencyKey != "" {
		w.Idem = marshal(idempotencyRecord{F: r.Fingerprint, R: marshal(answer)})
	}
	gesture, value, kept := s.catalogObjects(r.Org, st.catalogStamp, rec.Gesture, st.Gesture.ValueID)
	if !kept {
		w.Gesture = s.keys.gesture(r.Org, rec.Gesture)
		if st.Gesture.ValueID != "" {
			w.Value = s.keys.value(r.Org, st.Gesture.ValueID)
		}
	}
	if rec.Challenge != "" {
		w.Challenge = s.keys.challenge(r.Org, rec.Challenge)
	}
	res, err := outcomeApplyScript.Run(ctx, s.rdb, []string{
		s.keys.assignments(r.Org, r.UserID), s.keys.user(r.Org, r.UserID), s.keys.stats(r.Org, r.UserID),
		s.keys.badges(r.Org, r.UserID), s.loopIdempotencyKey(r.Org, r.UserID, r.IdempotencyKey),
		s.keys.outcomeCounts(r.Org), s.keys.orgSettings(r.Org),
	}, w.arg()).Slice()
	if err != nil {
		return domain.OutcomeResult{}, translate("record outcome", err)
	}
	if len(res) != 4 {
		s.loops.Drop(loopCopyKey(r.Org, r.UserID))
		s.statsCopies.Drop(loopCopyKey(r.Org, r.UserID))
		return domain.OutcomeResult{}, movedRead(res, fields)
	}
	s.keepWritten(r.Org, r.UserID, st.stamp, r.Day, w.Record, w.Stamp, w.TeamField, false)
	// the stats and badges as this outcome left them, at the stats stamp it set
	badges, done := append(slices.Clone(st.Held), d.Earned...), slices.Clone(st.ValuesDone)
	if d.MarkValue != "" {
		done = append(done, d.MarkValue)
	}
	if d.ClearValues {
		done = nil
	}
	s.statsCopies.Put(loopCopyKey(r.Org, r.UserID), copies.Copy[statsCopy]{Stamp: w.Stamp, Value: statsCopy{read: stats, held: badges, valuesDone: done, scores: placed}})
	if !kept {
		gesture, value = textOf(res[1]), textOf(res[2])
	}
	view, err := s.decodeView(r.Org, r.UserID, rec, gesture, value, textOf(res[3]), st.user)
	if err != nil {
		return domain.OutcomeResult{}, err
	}
	out := outcomeResult(view, answer, false)
	if r.Day == st.Latest && st.User.Active { // the view a read of today answers (see newestView)
		out.ViewStamp = viewStamp(w.Stamp, st.catalogStamp)
	}
	return out, nil
}

// accountOutcome adds the outcome to the leaderboards domain.BoardsOf names, of the periods it
// occurred in, and to its team's dashboard log of the day it occurred (occurred, the org's
// local day; see dashEntry).
func (s *Store) accountOutcome(w *outcomeWrite, r domain.OutcomeRequest, rec dayRecord, team, occurred string, pts int) {
	o := rec.Outcome
	now := r.Context.Now
	on := domain.BoardsOf(o.Result, pts, team, rec.Challenge)
	if on.Team {
		if on.Teams {
			w.write("hset", s.keys.boardStamps(r.Org), team, w.Stamp)
		}
		week, month := boardTTL(r.OccurredWeek, now), boardTTL(r.OccurredMonth, now)
		periods := []struct {
			key string
			ttl int64
		}{{r.OccurredWeek.Key, week}, {r.OccurredMonth.Key, month}, {"all", 0}}
		for _, p := range periods {
			w.move(s.keys.teamBoard(r.Org, team, p.key), pts, p.ttl)
			if on.Teams {
				w.write("zincr", s.keys.teamsBoard(r.Org, p.key), team, pts, p.ttl)
			}
		}
		// the day's log is read by the dashboards of its week and its month: it lives as long
		// as the later of them
		w.write("log", s.keys.dashboardDay(r.Org, team, occurred), dashEntry(o, r.UserID, rec.Gesture, r.Day, occurred), max(week, month))
	}
	if on.Challenge {
		w.move(s.keys.challengeBoard(r.Org, rec.Challenge), pts, 0)
	}
}

// dashEntry is an outcome's entry in its team's dashboard log of a day, which a dashboard counts
// when it is read (parseDashEntries; TeamDashboard): the codes of its result and
// reaction ("0" none) and "1" when its story was shared, then for a done gesture the user's id,
// "|" and the gesture's id, and "|" and the assignment's day when it is not the log's (a gesture
// of late evening recorded as occurring after midnight). Ids never hold a '|'
// (domain.IDPattern). An outcome costs one RPUSH instead of a counter per figure and period;
// the team's done gestures per assignment day (TeamDoneDays) are read from the same entries. (A
// list, not a string appended to: a string grown by APPEND keeps up to as much again spare.)
func dashEntry(o *outcomeJSON, user, gesture, day, occurred string) string {
	reaction, shared := reactionCodes[o.Reaction], "0"
	if reaction == "" {
		reaction = "0"
	}
	if o.Shared {
		shared = "1"
	}
	e := resultCodes[o.Result] + reaction + shared
	if o.Result == domain.ResultDone {
		e += user + "|" + gesture
		if day != occurred {
			e += "|" + day
		}
	}
	return e
}

// occurredDay is the org's local day of when an outcome occurred (UTC without the org's zone).
func occurredDay(at time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return domain.LocalDay(at, loc)
}

// writeStory stores the shared story (compact, see decodeStory) and adds it to the feeds.
func (s *Store) writeStory(w *outcomeWrite, r domain.OutcomeRequest, rec dayRecord, team, valueID string) {
	in := r.Input
	story := strings.Join([]string{r.Day, strconv.FormatInt(r.Context.Now.Unix()-dayStart(r.Day), 10), r.UserID, team, rec.Gesture,
		valueID, reactionCodes[in.Reaction], in.Story}, "|")
	w.write("hset", s.keys.story(r.Org, r.StoryID), dataField, story)
	w.write("hset", s.keys.feedStamps(r.Org), feedOrg, w.Stamp)
	if in.Quote != nil {
		w.write("hset", s.keys.story(r.Org, r.StoryID), quoteField, encodeQuote(*in.Quote))
	}
	w.write("lex", s.keys.stories(r.Org), r.StoryID)
	if team != "" {
		w.write("lex", s.keys.teamStories(r.Org, team), r.StoryID)
		w.write("hset", s.keys.feedStamps(r.Org), team, w.Stamp)
	}
}

// writeBarrier stores the reported barrier (compact, see decodeBarrier) and indexes it.
func (s *Store) writeBarrier(w *outcomeWrite, r domain.OutcomeRequest, team, category string) {
	barrier := strings.Join([]string{r.Day, strconv.FormatInt(r.Context.Now.Unix()-dayStart(r.Day), 10), r.UserID, team, category,
		r.Input.BarrierText}, "|")
	w.write("hset", s.keys.barrier(r.Org, r.BarrierID), dataField, barrier)
	w.write("lex", s.keys.barriers(r.Org), r.BarrierID)
	w.write("lex", s.keys.userBarriers(r.Org, r.UserID), r.BarrierID)
	if team != "" {
		w.write("lex", s.keys.teamBarriers(r.Org, team), r.BarrierID)
		w.write("sadd", s.keys.openBarriers(r.Org, team), r.BarrierID)
	}
}

// replayOutcome answers the answer kept under the request's Idempotency-Key, with the
// assignment as it is now.
func (s *Store) replayOutcome(ctx context.Context, r domain.OutcomeRequest, st loopState) (domain.OutcomeResult, error) {
	var kept idempotencyRecord
	if err := json.Unmarshal([]byte(st.replay), &kept); err != nil {
		return domain.OutcomeResult{}, domain.Internal("decode idempotency record", err)
	}
	if kept.F != r.Fingerprint {
		return domain.OutcomeResult{}, errKeyReused
	}
	var answer outcomeAnswer
	if err := json.Unmarshal([]byte(kept.R), &answer); err != nil {
		return domain.OutcomeResult{}, domain.Internal("decode outcome", err)
	}
	recs := []dayRecord{st.record}
	if err := s.storyTexts(ctx, r.Org, recs); err != nil {
		return domain.OutcomeResult{}, err
	}
	cat := catalogCache{s: s, org: r.Org}
	view, err := cat.view(ctx, recs[0], st.User)
	if err != nil {
		return domain.OutcomeResult{}, err
	}
	return outcomeResult(view, answer, true), nil
}

func outcomeResult(view domain.AssignmentView, a outcomeAnswer, replayed bool) domain.OutcomeResult {
	out := domain.OutcomeResult{
		View: view, PointsAwarded: a.Pts, StoryID: a.Sid, BarrierID: a.Bid, Replayed: replayed, BadgesEarned: []domain.Badge{},
		Stats: domain.Stats{
			PointsWeek: a.Wp, PointsMonth: a.Mp, PointsTotal: a.Tot,
			StreakCurrent: a.Cur, StreakBest: a.Best, Freezes: a.Fr, DoneTotal: a.Dt, Badges: []domain.Badge{},
		},
	}
	if a.Earned != "" {
		for _, id := range strings.Split(a.Earned, ",") {
			out.BadgesEarned = append(out.BadgesEarned, domain.Badge{ID: id, EarnedAt: view.Assignment.Outcome.RecordedAt})
		}
	}
	return out
}
