package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// RebuildBoards rebuilds every leaderboard and dashboard log of an org from its stored
// outcomes: the old ones are deleted, then each outcome is added again with the points it was
// given, to the team it was recorded in (its record's tm), in the org periods its occurred_at
// falls in. Outcomes
// past the org's retention are gone, so what they added to all-time boards is gone too.
// progress is called with the number of outcomes replayed so far.
func (s *Store) RebuildBoards(ctx context.Context, org string, progress func(done, total int64)) error {
	o, err := s.Org(ctx, org)
	if err != nil {
		return err
	}
	return s.rebuildBoards(ctx, org, o, progress)
}

// rebuildBoards is RebuildBoards of an org read as o, of any layout (a migration step).
//
// Outcomes go on being recorded while it runs. It holds the boards first (takeBoards): an
// outcome recorded from then on leaves its points on boards and its dashboard entry to the
// rebuild and names itself in the org's rebuildPending instead. The scan replays what it finds
// stored, and takes each outcome it replays from rebuildPending in the same step; then the
// rebuild replays what rebuildPending still names (the outcomes recorded behind the scan, then
// those recorded meanwhile) and lets go of the boards in the step that finds it empty. So every
// outcome is added once, whenever it was recorded. Each of its writes checks that it still holds
// the boards: one that lost them to another rebuild (see rebuildLease) writes nothing more.
func (s *Store) rebuildBoards(ctx context.Context, org string, o domain.Org, progress func(done, total int64)) error {
	held, err := s.rdb.HGet(ctx, s.keys.orgSettings(org), fieldRebuild).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return translate("rebuild", err)
	}
	return s.rebuildOver(ctx, org, o, held, progress)
}

// rebuildOver is rebuildBoards while the org's boards are held with the mark held (none: "").
func (s *Store) rebuildOver(ctx context.Context, org string, o domain.Org, held string, progress func(done, total int64)) error {
	hold, err := s.takeBoards(ctx, org, held)
	if err != nil {
		return err
	}
	if err := s.rebuildHeld(ctx, org, o, &hold, progress); err != nil {
		// The boards are incomplete: it keeps them held, outcomes recorded meanwhile pending,
		// and ends its lease at once, for the next rebuild to take them over now (the workers':
		// ResumeRebuild). Should this fail too (a Redis out of reach), the next rebuild takes
		// them over once the lease has run out. Stopped by its caller (ctx ended), it hands
		// the boards over rather than failing.
		_ = s.endLease(context.WithoutCancel(ctx), hold, ctx.Err() != nil)
		return err
	}
	return nil
}

// resumeWait is how long after a hold's lease ended the workers wait before they take it over
// (ResumeRebuild), failures being how many rebuilds in a row failed or were killed: at once
// after one, then a minute, doubling with every further one up to an hour, so that a rebuild
// that cannot succeed (its data, or a steady stream of kudos) does not delete and rebuild the
// boards every minute.
func resumeWait(failures int) time.Duration {
	if failures <= 1 {
		return 0
	}
	return min(time.Minute<<min(failures-2, 6), time.Hour)
}

// ResumeRebuild rebuilds org's boards if a rebuild left them held: one that failed, and one
// whose process was killed once its lease has run out, each after resumeWait. Until then
// outcomes leave the boards to a rebuild (see rebuildBoards), so the workers call this for
// every org (a read of one field when nothing is held). An org of another layout is left to
// `microact migrate`. It answers whether it rebuilt them; another rebuild taking them over
// first is not an error.
func (s *Store) ResumeRebuild(ctx context.Context, org string) (bool, error) {
	read, err := s.rdb.HGet(ctx, s.keys.orgSettings(org), fieldRebuild).Result()
	if errors.Is(err, redis.Nil) {
		return false, nil
	} else if err != nil {
		return false, translate("rebuild", err)
	}
	mark := parseMark(read)
	if s.clock.Now().Before(time.Unix(mark.end, 0).Add(resumeWait(mark.failures + 1))) {
		return false, nil
	}
	if layout, err := s.OrgLayout(ctx, org); err != nil || layout != LayoutVersion {
		return false, err
	}
	o, err := s.Org(ctx, org)
	if err != nil {
		return false, err
	}
	// only the hold as checked: one taken over meanwhile has a wait of its own
	if err := s.rebuildOver(ctx, org, o, read, nil); errors.Is(err, errRebuildRunning) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	return true, nil
}

// rebuildHeld is rebuildBoards once it holds the boards.
func (s *Store) rebuildHeld(ctx context.Context, org string, o domain.Org, hold *boardsHold, progress func(done, total int64)) error {
	renew := func() (err error) {
		*hold, err = s.renewHold(ctx, *hold)
		return err
	}
	if err := s.deleteBoards(ctx, org, hold, renew); err != nil {
		return err
	}
	for _, pattern := range []string{s.keys.dashboardsPattern(org), s.keys.openBarriers(org, "*")} {
		if err := translate("rebuild", s.eachMatching(ctx, pattern, 500, func(_ redis.Cmdable, keys []string) error {
			return s.deleteHeld(ctx, hold, keys, renew)
		})); err != nil {
			return err
		}
	}
	// Without their stamps no replica keeps the old boards; the replay stamps them anew.
	if err := s.deleteHeld(ctx, hold, []string{s.keys.boardStamps(org)}, renew); err != nil {
		return err
	}
	total, err := s.CountOutcomes(ctx, org, "", "")
	if err != nil {
		return err
	}
	now := s.clock.Now()
	var done int64
	// replay adds the outcomes members names and takes them from rebuildPending: those it added
	// or, with all, every one (a pending outcome whose record is gone, its person erased, too)
	replay := func(members []string, all bool) error {
		if err := renew(); err != nil {
			return err
		}
		n, err := s.replayOutcomes(ctx, org, o, *hold, members, all, now)
		if err != nil {
			return err
		}
		done += n
		if progress != nil {
			progress(done, total)
		}
		return nil
	}
	if err := s.eachOutcomes(ctx, org, "", "", func(members []string) error { return replay(members, false) }); err != nil {
		return err
	}
	// The outcomes recorded behind the scan, then those recorded meanwhile, until none is left
	// to let go with.
	for round := 0; ; round++ {
		pending, err := s.releaseBoards(ctx, org, *hold)
		if err != nil || len(pending) == 0 {
			return err
		}
		if round == socialRounds {
			return errRebuildBusy
		}
		for batch := range slices.Chunk(pending, exportBatch) {
			if err := replay(batch, true); err != nil {
				return err
			}
		}
	}
}

// boardsHold is a rebuild's hold of its org's boards: the org's settings, and the mark the
// rebuild set in their field fieldRebuild (holdMark). A rebuild's every write checks that the
// field holds the mark.
type boardsHold struct {
	Settings string `json:"settings"`
	Mark     string `json:"mark"`
}

// holdMark is what a hold's mark says: the end of its lease (Unix seconds; when it failed, for a
// rebuild that failed), a random stamp, so that no two holds share a mark, and how many
// rebuilds in a row failed or were killed before it took the boards over (see resumeWait).
// Written "end/stamp/failures".
type holdMark struct {
	end      int64
	stamp    string
	failures int
}

func (m holdMark) String() string {
	return strconv.FormatInt(m.end, 10) + "/" + m.stamp + "/" + strconv.Itoa(m.failures)
}

// parseMark reads a mark written by holdMark.String (the zero holdMark: none).
func parseMark(mark string) holdMark {
	end, rest, _ := strings.Cut(mark, "/")
	stamp, failures, _ := strings.Cut(rest, "/")
	m := holdMark{stamp: stamp}
	m.end, _ = strconv.ParseInt(end, 10, 64)
	m.failures, _ = strconv.Atoi(failures)
	return m
}

// rebuildLease is how long a rebuild's hold lasts without a sign of life: another rebuild takes
// over a hold whose lease ran out. A rebuild renews it at its first batch after half the lease
// has passed: it loses its hold only when one of its batches takes more than half the lease.
// An outcome does not look at the lease: while a hold is in place, stale or not, it leaves the
// boards to the rebuild that will let go of it, so a rebuild that failed or was killed keeps new
// outcomes off the boards until the org's boards are rebuilt again: the workers do that
// (ResumeRebuild).
const rebuildLease = 5 * time.Minute

var (
	errRebuildRunning = domain.Conflict("rebuild_running", "A rebuild of this org's boards is running, or its process was killed less than 5 minutes ago; run this again once it has finished or the 5 minutes have passed (the workers of microact serve take a killed one over by themselves).")
	errRebuildLost    = domain.Conflict("rebuild_lost", "Another rebuild of this org's boards took them over from this one, which had not renewed its hold for 5 minutes: that one rebuilds them.")
	errRebuildBusy    = domain.Conflict("rebuild_busy", "Outcomes kept being recorded faster than the rebuild could add them. The boards stay held until a rebuild completes: run this again at a quieter time (the workers of microact serve try again by themselves).")
)

// takeBoards holds the org's boards for a rebuild, while they are held with the mark held (none:
// ""): it takes over only a hold whose lease ran out, counting the rebuild that left it among
// those that failed, and starts rebuildPending empty: the rebuild adds every stored outcome.
// The hold is part of the org's state under its catalogue stamp, which a new hold sets anew: an
// outcome decided before is decided again.
func (s *Store) takeBoards(ctx context.Context, org, held string) (boardsHold, error) {
	now := s.clock.Now()
	k := s.keys.orgSettings(org)
	mark := holdMark{end: now.Add(rebuildLease).Unix(), stamp: newStamp()}
	if held != "" {
		over := parseMark(held)
		if now.Unix() < over.end {
			return boardsHold{}, errRebuildRunning
		}
		mark.failures = over.failures + 1
	}
	next := boardsHold{Settings: k, Mark: mark.String()}
	w := newWrite().fieldIs(k, fieldRebuild, held, errRebuildRunning).del(s.keys.rebuildPending(org))
	if err := s.catalogChanged(w, org).present(k, errOrgNotFound).hset(k, fieldRebuild, next.Mark).run(ctx, s, "rebuild"); err != nil {
		return boardsHold{}, err
	}
	return next, nil
}

// renewHold renews a rebuild's hold h once half its lease has passed, keeping its count of
// failures. Written whatever becomes of ctx: a rebuild cut short meanwhile knows its mark, to
// end its lease.
func (s *Store) renewHold(ctx context.Context, h boardsHold) (boardsHold, error) {
	now := s.clock.Now()
	mark := parseMark(h.Mark)
	if now.Add(rebuildLease/2).Unix() < mark.end {
		return h, nil
	}
	mark.end, mark.stamp = now.Add(rebuildLease).Unix(), newStamp()
	next := boardsHold{Settings: h.Settings, Mark: mark.String()}
	w := newWrite().fieldIs(h.Settings, fieldRebuild, h.Mark, errRebuildLost).present(h.Settings, errOrgNotFound)
	if err := w.hset(h.Settings, fieldRebuild, next.Mark).run(context.WithoutCancel(ctx), s, "rebuild"); err != nil {
		return h, err
	}
	return next, nil
}

// deleteHeld deletes keys while the rebuild holds the boards (h), renewing its hold first.
func (s *Store) deleteHeld(ctx context.Context, h *boardsHold, keys []string, renew func() error) error {
	if err := renew(); err != nil {
		return err
	}
	w := newWrite().fieldIs(h.Settings, fieldRebuild, h.Mark, errRebuildLost)
	for _, k := range keys {
		w.del(k)
	}
	return w.run(ctx, s, "rebuild")
}

// endLease ends the lease of the hold h now, while it holds the boards, and keeps the hold:
// outcomes go on leaving the boards to a rebuild, and the next one may take them over at once.
// A handover (the rebuild was stopped, not failed) is not counted among the failures: the next
// rebuild's count is this one's.
func (s *Store) endLease(ctx context.Context, h boardsHold, handover bool) error {
	if h.Mark == "" {
		return nil
	}
	mark := parseMark(h.Mark)
	mark.end = s.clock.Now().Unix()
	if handover {
		mark.failures-- // takeBoards adds it back
	}
	return newWrite().fieldIs(h.Settings, fieldRebuild, h.Mark, errRebuildLost).hset(h.Settings, fieldRebuild, mark.String()).run(ctx, s, "rebuild")
}

// releaseScript lets go of a rebuild's hold once no outcome is pending (lua/rebuild_release.lua).
var releaseScript = luaScript("rebuild_release")

// rebuildRelease is rebuild_release.lua's argument.
type rebuildRelease struct {
	Mark  string `json:"mark"`
	Stamp string `json:"stamp"`
}

// releaseBoards lets go of the org's boards while h holds them and no outcome recorded
// meanwhile is pending, and answers none; else it answers those pending, for the rebuild to add
// them first. An outcome recorded once it let go adds to the boards itself.
func (s *Store) releaseBoards(ctx context.Context, org string, h boardsHold) ([]string, error) {
	res, err := releaseScript.Run(ctx, s.rdb, []string{h.Settings, s.keys.rebuildPending(org)},
		scriptArg(rebuildRelease{Mark: h.Mark, Stamp: newStamp()})).StringSlice()
	switch {
	case errors.Is(err, redis.Nil):
		return nil, errRebuildLost
	case err != nil:
		return nil, translate("rebuild", err)
	}
	slices.Sort(res)
	return res, nil
}

// replayOutcomes adds the stored outcomes members names ("day|user") to the boards and
// dashboards again, and answers how many it added.
func (s *Store) replayOutcomes(ctx context.Context, org string, o domain.Org, h boardsHold, members []string, all bool, now time.Time) (int64, error) {
	pipe := s.rdb.Pipeline()
	recs := make([]*redis.SliceCmd, len(members))
	for i, m := range members {
		day, user, _ := strings.Cut(m, "|")
		recs[i] = pipe.HMGet(ctx, s.keys.assignments(org, user), day, recordTeamField)
	}
	if err := execReads(ctx, pipe); err != nil {
		return 0, translate("rebuild", err)
	}
	replay := outcomesReplay{Places: []placeWrite{}, Outcomes: []replayedOutcome{}, Pending: s.keys.rebuildPending(org), Members: []string{}, Hold: h}
	if all {
		replay.Members = members
	}
	stamp := newStamp()
	var blocked []int // the replayed outcomes with a barrier
	for i, m := range members {
		day, user, _ := strings.Cut(m, "|")
		if recs[i].Err() != nil || len(recs[i].Val()) != 2 {
			continue
		}
		raw, ok := recs[i].Val()[0].(string)
		if !ok {
			continue
		}
		held, _ := recs[i].Val()[1].(string)
		rec, err := decodeRecord(day, user, raw, held)
		if err != nil || rec.Outcome == nil {
			continue
		}
		out := s.replayed(org, o, user, rec, stamp, now)
		if out.Barrier != "" {
			blocked = append(blocked, len(replay.Outcomes))
		}
		replay.Outcomes = append(replay.Outcomes, out)
		if !all {
			replay.Members = append(replay.Members, m)
		}
	}
	return s.replay(ctx, org, replay, blocked)
}

// boardsDeleteScript deletes boards and stamps their users (lua/boards_delete.lua).
var boardsDeleteScript = luaScript("lib_keys", "boards_delete")

// boardsDelete is boardsDeleteScript's argument.
type boardsDelete struct {
	People []int      `json:"people"` // the positions (1-based) of the boards whose members are users
	User   []string   `json:"user"`   // a user's key pattern (keyPattern)
	Stamp  string     `json:"stamp"`
	Hold   boardsHold `json:"hold"`
}

// boardsDeleteBatch bounds the boards one boards_delete.lua call deletes: it stamps each of their
// members, a team's 50 or a challenge's whole org, in one step that holds Redis' thread.
const boardsDeleteBatch = 50

// deleteBoards deletes every board of org, a batch at a time while the rebuild holds the
// boards (h, renewed before each batch), and sets a new stats stamp on each user on a team's or
// challenge's board in the step that deletes it: an outcome decided from their place as read
// before is decided again (fieldStatsStamp).
func (s *Store) deleteBoards(ctx context.Context, org string, h *boardsHold, renew func() error) error {
	teamBoard, challengeBoard := keyPattern(s.keys.teamBoard(org, keyHole, keyHole)), keyPattern(s.keys.challengeBoard(org, keyHole))
	user := keyPattern(s.keys.user(org, keyHole))
	return translate("rebuild", s.eachMatching(ctx, s.keys.boardsPattern(org), boardsDeleteBatch, func(rdb redis.Cmdable, keys []string) error {
		if err := renew(); err != nil {
			return err
		}
		arg := boardsDelete{People: []int{}, User: user, Stamp: newStamp(), Hold: *h}
		for i, k := range keys {
			_, team := keyIDs(teamBoard, k)
			_, challenge := keyID(challengeBoard, k)
			if team || challenge {
				arg.People = append(arg.People, i+1)
			}
		}
		n, err := boardsDeleteScript.Run(ctx, rdb, keys, scriptArg(arg)).Int()
		if err == nil && n < 0 {
			return errRebuildLost
		}
		return err
	}))
}

// replay applies replay, whose outcomes at blocked report a barrier: each goes back among its
// team's open barriers if it is still open (domain.Barrier.Unresolved), decided on the
// barriers as read; and the outcomes' moves on boards, decided on the users' places as read.
// It is applied while those are as read.
func (s *Store) replay(ctx context.Context, org string, replay outcomesReplay, blocked []int) (int64, error) {
	type placed struct{ board, user string }
	for range socialRounds {
		pipe := s.rdb.Pipeline()
		reads := make([]*redis.StringCmd, len(blocked))
		for i, j := range blocked {
			reads[i] = pipe.HGet(ctx, replay.Outcomes[j].Barrier, dataField)
		}
		scores := map[placed]*redis.FloatCmd{}
		var order []placed
		for _, o := range replay.Outcomes {
			for _, m := range o.moves {
				if p := (placed{m.key, o.User}); scores[p] == nil {
					scores[p] = pipe.ZScore(ctx, m.key, o.User)
					order = append(order, p)
				}
			}
		}
		if len(blocked) > 0 || len(order) > 0 {
			if err := execReads(ctx, pipe); err != nil {
				return 0, translate("rebuild", err)
			}
		}
		// each user's place on each board, moved by their outcomes in turn
		read := make(map[placed]boardScore, len(order))
		now := make(map[placed]boardScore, len(order))
		ttls := map[placed]int64{}
		for _, p := range order {
			read[p] = scoreOf(scores[p])
			now[p] = read[p]
		}
		for _, o := range replay.Outcomes {
			for _, m := range o.moves {
				p := placed{m.key, o.User}
				if moved, write := m.moved(now[p]); write {
					if !now[p].on {
						ttls[p] = m.ttl
					}
					now[p] = moved
				}
			}
		}
		replay.Places = replay.Places[:0]
		var users []string
		moved := map[string]bool{}
		for _, p := range order {
			if now[p] != read[p] {
				replay.Places = append(replay.Places, placeWrite{Board: p.board, User: p.user, UserKey: s.keys.user(org, p.user), Old: read[p].arg(), New: now[p].arg(), TTL: ttls[p]})
				if !moved[p.user] {
					moved[p.user] = true
					users = append(users, p.user)
				}
			}
		}
		replay.Users, replay.Stamp = make([]string, len(users)), newStamp()
		for i, u := range users {
			replay.Users[i] = s.keys.user(org, u)
		}
		for i, j := range blocked {
			o := &replay.Outcomes[j]
			o.Data, o.Reopen = reads[i].Val(), false
			if o.Data != "" {
				b, err := decodeBarrier(o.BarrierID, o.Data)
				if err != nil {
					return 0, domain.Internal("decode barrier "+o.BarrierID, err)
				}
				o.Reopen = b.Unresolved()
			}
		}
		n, err := replayScript.Run(ctx, s.rdb, []string{s.keys.outcomeCounts(org)}, scriptArg(replay)).Int64()
		if err != nil {
			return 0, translate("rebuild", err)
		}
		switch {
		case n >= 0:
			return n, nil
		case n == -2:
			return 0, errRebuildLost
		}
	}
	return 0, domain.Internal("rebuild", errStateMoved)
}

// replayScript applies what stored outcomes add to boards and counters (lua/outcomes_replay.lua).
var replayScript = luaScript("outcomes_replay")

// outcomesReplay is replayScript's argument.
type outcomesReplay struct {
	Places   []placeWrite      `json:"places"`
	Outcomes []replayedOutcome `json:"outcomes"`
	// the keys of the users whose places it changes, and their new stats stamp (see
	// fieldStatsStamp)
	Users []string `json:"users"`
	Stamp string   `json:"stamp"`
	// Members names the outcomes ("day|user"), which it takes from Pending (the org's
	// rebuildPending)
	Members []string `json:"members"`
	Pending string   `json:"pending"`
	// Hold is the rebuild's hold of the boards
	Hold boardsHold `json:"hold"`
}

// placeWrite is a user's new place on a board, while their score there is as read.
type placeWrite struct {
	Board   string `json:"k"`
	User    string `json:"m"`
	UserKey string `json:"u"`   // the user's key: no place is written for a user erased meanwhile
	Old     string `json:"old"` // the score as read, "" none
	New     string `json:"new"`
	TTL     int64  `json:"ttl"` // the board's time to live when it first holds the user (seconds, 0 none)
}

type replayedOutcome struct {
	User      string         `json:"-"`
	UserKey   string         `json:"u"` // the user's key: nothing is replayed of a user erased meanwhile
	moves     []boardMove    // its points on boards, reached when it was recorded
	Counters  []counterWrite `json:"counters"`
	Sets      []fieldWrite   `json:"sets"`
	Logs      []logWrite     `json:"logs"`
	Barrier   string         `json:"barrier"` // the key of the barrier reported with it ("" none)
	Data      string         `json:"data"`    // its data as read
	Reopen    bool           `json:"reopen"`  // it goes back among the open barriers
	Open      string         `json:"open"`
	BarrierID string         `json:"bid"`
}

type counterWrite struct {
	Key   string `json:"k"`
	Field string `json:"f"`
	N     int64  `json:"n"`
	TTL   int64  `json:"ttl"`
	Z     bool   `json:"z"` // a sorted set's member, not a hash's field
}

type fieldWrite struct {
	Key   string `json:"k"`
	Field string `json:"f"`
	Value string `json:"v"`
}

type logWrite struct {
	Key   string `json:"k"`
	Entry string `json:"e"`
	TTL   int64  `json:"ttl"`
}

// replayWrites sorts the writes accountOutcome adds to an outcome's (see outcome_apply.lua)
// into the replay script's lists.
func replayWrites(ops []any) (counters []counterWrite, sets []fieldWrite, logs []logWrite) {
	counters, sets, logs = []counterWrite{}, []fieldWrite{}, []logWrite{}
	str := func(v any) string { s, _ := v.(string); return s }
	num := func(v any) int64 {
		switch n := v.(type) {
		case int:
			return int64(n)
		case int64:
			return n
		}
		return 0
	}
	for i := 0; i < len(ops); {
		switch ops[i] {
		case "hincr", "zincr":
			counters = append(counters, counterWrite{str(ops[i+1]), str(ops[i+2]), num(ops[i+3]), num(ops[i+4]), ops[i] == "zincr"})
			i += 5
		case "hset":
			sets = append(sets, fieldWrite{str(ops[i+1]), str(ops[i+2]), str(ops[i+3])})
			i += 4
		case "log":
			logs = append(logs, logWrite{str(ops[i+1]), str(ops[i+2]), num(ops[i+3])})
			i += 4
		default:
			panic(fmt.Sprintf("store: replay of write %v", ops[i])) // accountOutcome writes no other
		}
	}
	return counters, sets, logs
}

// replayed is what a stored outcome adds to the boards and counters, decided as the outcome
// decided it (accountOutcome): to the team it was recorded in, in the org periods its
// occurred_at falls in, with the board time to live it would be given now. stamp is the new
// board stamp of the teams it changes. A blocked gesture's barrier is named with its team's
// open barriers, for replay to decide whether it goes back among them.
func (s *Store) replayed(org string, o domain.Org, user string, rec dayRecord, stamp string, now time.Time) replayedOutcome {
	loc := o.Location()
	at, _ := time.Parse(time.RFC3339, rec.Outcome.Occurred)
	occurred := domain.LocalDay(at, loc)
	team := ""
	if rec.Outcome.Team != nil {
		team = *rec.Outcome.Team
	}
	w := outcomeWrite{Stamp: stamp, Ms: rec.Outcome.ms}
	r := domain.OutcomeRequest{
		Org: org, UserID: user, Day: rec.Day, Context: domain.DayContext{Now: now},
		OccurredWeek: domain.WeekOf(occurred, o.WeekStartsOn, loc), OccurredMonth: domain.MonthOf(occurred, loc),
	}
	s.accountOutcome(&w, r, rec, team, occurred, rec.Outcome.Points)
	out := replayedOutcome{User: user, UserKey: s.keys.user(org, user), moves: w.moves}
	out.Counters, out.Sets, out.Logs = replayWrites(w.writes)
	if rec.Outcome.Result == domain.ResultBlocked && rec.Outcome.BarrierID != "" && team != "" {
		out.Barrier, out.Open, out.BarrierID = s.keys.barrier(org, rec.Outcome.BarrierID), s.keys.openBarriers(org, team), rec.Outcome.BarrierID
	}
	return out
}
