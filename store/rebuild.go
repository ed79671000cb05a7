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
// Outcomes go on being recorded while it runs. It holds the boards first (holdBoards): an
// outcome recorded from then on leaves its points on boards and its dashboard entry to the
// rebuild and names itself in the org's rebuildPending instead. The scan replays what it finds
// stored, and takes each outcome it replays from rebuildPending in the same step; at its end the
// rebuild lets go of the boards and replays what rebuildPending still names, the outcomes
// recorded behind the scan. So every outcome is added once, whenever it was recorded.
func (s *Store) rebuildBoards(ctx context.Context, org string, o domain.Org, progress func(done, total int64)) error {
	held, err := s.holdBoards(ctx, org, "")
	if err != nil {
		return err
	}
	if err := s.rebuildHeld(ctx, org, o, &held, progress); err != nil {
		// The boards are left incomplete: it lets go of them at once, for a rebuild to be run
		// again. Should this fail too (a Redis out of reach), they are held until the lease ends.
		_ = s.letGoBoards(context.WithoutCancel(ctx), org, held)
		return err
	}
	return nil
}

// rebuildHeld is rebuildBoards once it holds the boards by the mark held.
func (s *Store) rebuildHeld(ctx context.Context, org string, o domain.Org, held *string, progress func(done, total int64)) error {
	if err := s.deleteBoards(ctx, org); err != nil {
		return err
	}
	for _, pattern := range []string{s.keys.dashboardsPattern(org), s.keys.openBarriers(org, "*")} {
		if err := s.deletePattern(ctx, pattern); err != nil {
			return err
		}
	}
	// Without their stamps no replica keeps the old boards; the replay stamps them anew.
	if err := s.rdb.Del(ctx, s.keys.boardStamps(org)).Err(); err != nil {
		return translate("rebuild", err)
	}
	total, err := s.CountOutcomes(ctx, org, "", "")
	if err != nil {
		return err
	}
	now := s.clock.Now()
	var done int64
	replay := func(members []string) error {
		n, err := s.replayOutcomes(ctx, org, o, members, now)
		if err != nil {
			return err
		}
		done += n
		if progress != nil {
			progress(done, total)
		}
		return nil
	}
	if err := s.eachOutcomes(ctx, org, "", "", func(members []string) (err error) {
		if *held, err = s.holdBoards(ctx, org, *held); err != nil {
			return err
		}
		return replay(members)
	}); err != nil {
		return err
	}
	pending, err := s.releaseBoards(ctx, org)
	if err != nil {
		return err
	}
	for batch := range slices.Chunk(pending, exportBatch) {
		if err := replay(batch); err != nil {
			return err
		}
	}
	return nil
}

// rebuildLease is how long a rebuild holds its org's boards (fieldRebuild) before it holds them
// anew: one that stopped midway holds them no longer. Outcomes recorded while it held them are
// then on no board until the org's boards are rebuilt again.
const rebuildLease = 10 * time.Minute

var (
	errRebuildRunning = domain.Conflict("rebuild_running", "A rebuild of this org's boards is running, or stopped less than 10 minutes ago without letting go of them; run it again once that one has finished.")
	errRebuildLost    = domain.Conflict("rebuild_running", "This rebuild held the org's boards too long and another rebuild took them over; that one finishes the boards.")
)

// holdBoards marks the org's boards as being rebuilt for rebuildLease from now (fieldRebuild),
// and answers the mark. held is the mark this rebuild set before, renewed when half its lease
// has passed, or "" when it starts: then another rebuild may not hold them, and rebuildPending
// starts empty. The mark is part of the org's state under its catalogue stamp, which it sets
// anew: an outcome decided before is decided again.
func (s *Store) holdBoards(ctx context.Context, org, held string) (string, error) {
	now := s.clock.Now()
	k := s.keys.orgSettings(org)
	w := newWrite()
	if held == "" {
		read, err := s.rdb.HGet(ctx, k, fieldRebuild).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return "", translate("rebuild", err)
		}
		if until, _ := strconv.ParseInt(read, 10, 64); now.Unix() < until {
			return "", errRebuildRunning
		}
		w.fieldIs(k, fieldRebuild, read, errRebuildRunning).del(s.keys.rebuildPending(org))
	} else {
		until, _ := strconv.ParseInt(held, 10, 64)
		if now.Add(rebuildLease/2).Unix() < until {
			return held, nil
		}
		w.fieldIs(k, fieldRebuild, held, errRebuildLost)
	}
	mark := strconv.FormatInt(now.Add(rebuildLease).Unix(), 10)
	return mark, s.catalogChanged(w.hset(k, fieldRebuild, mark), org).run(ctx, s, "rebuild")
}

// letGoBoards lets go of the org's boards while they are held by the mark held, and forgets the
// outcomes recorded meanwhile: the boards are incomplete until the org's next rebuild, which
// adds every stored outcome.
func (s *Store) letGoBoards(ctx context.Context, org, held string) error {
	k := s.keys.orgSettings(org)
	w := newWrite().fieldIs(k, fieldRebuild, held, errRebuildLost).hdel(k, fieldRebuild).del(s.keys.rebuildPending(org))
	return s.catalogChanged(w, org).run(ctx, s, "rebuild")
}

// releaseBoards lets go of the org's boards and answers the outcomes rebuildPending names, in one
// step: an outcome recorded from then on adds to the boards itself.
func (s *Store) releaseBoards(ctx context.Context, org string) ([]string, error) {
	k, pending := s.keys.orgSettings(org), s.keys.rebuildPending(org)
	pipe := s.rdb.TxPipeline()
	members := pipe.SMembers(ctx, pending)
	pipe.Del(ctx, pending)
	pipe.HDel(ctx, k, fieldRebuild)
	pipe.HSet(ctx, k, fieldCatalogStamp, newStamp())
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, translate("rebuild", err)
	}
	out := members.Val()
	slices.Sort(out)
	return out, nil
}

// replayOutcomes adds the stored outcomes members names ("day|user") to the boards and
// dashboards again, and answers how many it added.
func (s *Store) replayOutcomes(ctx context.Context, org string, o domain.Org, members []string, now time.Time) (int64, error) {
	pipe := s.rdb.Pipeline()
	recs := make([]*redis.SliceCmd, len(members))
	for i, m := range members {
		day, user, _ := strings.Cut(m, "|")
		recs[i] = pipe.HMGet(ctx, s.keys.assignments(org, user), day, recordTeamField)
	}
	if err := execReads(ctx, pipe); err != nil {
		return 0, translate("rebuild", err)
	}
	replay := outcomesReplay{Places: []placeWrite{}, Outcomes: []replayedOutcome{}, Pending: s.keys.rebuildPending(org), Members: []string{}}
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
		replay.Members = append(replay.Members, m)
	}
	return s.replay(ctx, org, replay, blocked)
}

// boardsDeleteScript deletes boards and stamps their users (lua/boards_delete.lua).
var boardsDeleteScript = luaScript("lib_keys", "boards_delete")

// boardsDelete is boardsDeleteScript's argument.
type boardsDelete struct {
	People []int    `json:"people"` // the positions (1-based) of the boards whose members are users
	User   []string `json:"user"`   // a user's key pattern (keyPattern)
	Stamp  string   `json:"stamp"`
}

// boardsDeleteBatch bounds the boards one boards_delete.lua call deletes: it stamps each of their
// members, a team's 50 or a challenge's whole org, in one step that holds Redis' thread.
const boardsDeleteBatch = 50

// deleteBoards deletes every board of org, a batch at a time, and sets a new stats stamp on each
// user on a team's or challenge's board in the step that deletes it: an outcome decided from
// their place as read before is decided again (fieldStatsStamp).
func (s *Store) deleteBoards(ctx context.Context, org string) error {
	teamBoard, challengeBoard := keyPattern(s.keys.teamBoard(org, keyHole, keyHole)), keyPattern(s.keys.challengeBoard(org, keyHole))
	user := keyPattern(s.keys.user(org, keyHole))
	return translate("rebuild", s.eachMatching(ctx, s.keys.boardsPattern(org), boardsDeleteBatch, func(rdb redis.Cmdable, keys []string) error {
		arg := boardsDelete{People: []int{}, User: user, Stamp: newStamp()}
		for i, k := range keys {
			_, team := keyIDs(teamBoard, k)
			_, challenge := keyID(challengeBoard, k)
			if team || challenge {
				arg.People = append(arg.People, i+1)
			}
		}
		return boardsDeleteScript.Run(ctx, rdb, keys, scriptArg(arg)).Err()
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
				replay.Places = append(replay.Places, placeWrite{Board: p.board, User: p.user, Old: read[p].arg(), New: now[p].arg(), TTL: ttls[p]})
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
		if n >= 0 {
			return n, nil
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
}

// placeWrite is a user's new place on a board, while their score there is as read.
type placeWrite struct {
	Board string `json:"k"`
	User  string `json:"m"`
	Old   string `json:"old"` // the score as read, "" none
	New   string `json:"new"`
	TTL   int64  `json:"ttl"` // the board's time to live when it first holds the user (seconds, 0 none)
}

type replayedOutcome struct {
	User      string         `json:"-"`
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
	out := replayedOutcome{User: user, moves: w.moves}
	out.Counters, out.Sets, out.Logs = replayWrites(w.writes)
	if rec.Outcome.Result == domain.ResultBlocked && rec.Outcome.BarrierID != "" && team != "" {
		out.Barrier, out.Open, out.BarrierID = s.keys.barrier(org, rec.Outcome.BarrierID), s.keys.openBarriers(org, team), rec.Outcome.BarrierID
	}
	return out
}
