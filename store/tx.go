package store

import (
	"context"
	"strconv"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// writeScript applies a list of checks and then a list of writes, atomically (see
// lua/write.lua for the operations).
var writeScript = redis.NewScript(luaLexIndex + luaSource("lib_notify", "write"))

// write collects the checks and writes of one atomic change.
type write struct {
	keys     []string
	index    map[string]int
	checks   []any   // the checks, each its name, how many arguments follow the key, the key and those
	writes   []any   // the writes, the same way
	failures []error // the error of each check, in order
	refused  error   // set when the change refers to an id that cannot be one (see refers)
}

func newWrite() *write { return &write{index: map[string]int{}} }

func (w *write) key(k string) string {
	i, ok := w.index[k]
	if !ok {
		w.keys = append(w.keys, k)
		i = len(w.keys)
		w.index[k] = i
	}
	return strconv.Itoa(i)
}

func (w *write) op(name, k string, args ...any) *write {
	w.writes = append(append(w.writes, name, len(args), w.key(k)), args...)
	return w
}

func (w *write) check(fail error, name, k string, args ...any) *write {
	w.failures = append(w.failures, fail)
	w.checks = append(append(w.checks, name, len(args), w.key(k)), args...)
	return w
}

func (w *write) absent(k string, fail error) *write     { return w.check(fail, "absent", k) }
func (w *write) present(k string, fail error) *write    { return w.check(fail, "present", k) }
func (w *write) rev(k string, n int, fail error) *write { return w.check(fail, "rev", k, n) }
func (w *write) free(k, f, v string, fail error) *write { return w.check(fail, "free", k, f, v) }
func (w *write) empty(k string, fail error) *write      { return w.check(fail, "empty", k) }
func (w *write) indexed(k, m string, fail error) *write { return w.check(fail, "indexed", k, m) }
func (w *write) del(k string) *write                    { return w.op("del", k) }

// valueIs checks that the string k holds v ("" for none): a token as read.
func (w *write) valueIs(k, v string, fail error) *write { return w.check(fail, "value", k, v) }

// fieldIs checks that field f of hash k holds v ("" for none), member that m is (in) or is not
// a member of set k: the state a decision was made from is still current.
func (w *write) fieldIs(k, f, v string, fail error) *write { return w.check(fail, "is", k, f, v) }
func (w *write) member(k, m string, in bool, fail error) *write {
	b := 0
	if in {
		b = 1
	}
	return w.check(fail, "member", k, m, b)
}

// below checks that the counter k (none is 0) is below n.
func (w *write) below(k string, n int, fail error) *write { return w.check(fail, "below", k, n) }

// scoreIs checks that m's score on the sorted set k is as read: have's, or none.
func (w *write) scoreIs(k, m string, have boardScore, fail error) *write {
	return w.check(fail, "score", k, m, have.arg())
}

// cardIs checks that the set k has n members.
func (w *write) cardIs(k string, n int, fail error) *write { return w.check(fail, "card", k, n) }

func (w *write) hset(k, f, v string) *write        { return w.op("hset", k, f, v) }
func (w *write) hdel(k, f string) *write           { return w.op("hdel", k, f) }
func (w *write) hincrby(k, f string, n int) *write { return w.op("hincrby", k, f, n) }
func (w *write) zadd(k string, score float64, m string) *write {
	return w.op("zadd", k, score, m)
}

// sameSet checks that the set k holds exactly members, as read.
func (w *write) sameSet(k string, members []string, fail error) *write {
	w.cardIs(k, len(members), fail)
	for _, m := range members {
		w.member(k, m, true, fail)
	}
	return w
}

func (w *write) hsetnx(k, f, v string) *write { return w.op("hsetnx", k, f, v) }

// place moves user m's place on a board by mv, decided from their score as read (have), while
// that score is as read (domain.MoveOnBoard); the board is given mv's time to live when it
// first holds m.
func (w *write) place(m string, mv boardMove, have boardScore, fail error) *write {
	w.scoreIs(mv.key, m, have, fail)
	now, changed := mv.moved(have)
	if !changed {
		return w
	}
	w.zadd(mv.key, now.score, m)
	if !have.on && mv.ttl > 0 {
		w.pexpire(mv.key, time.Duration(mv.ttl)*time.Second)
	}
	return w
}

// zincr adds n to m's score on the sorted set k, giving k its time to live ttl (seconds, 0
// none) on m's first count; zincrXX only while m is on k.
func (w *write) zincr(k, m string, n int, ttl int64) *write { return w.op("zincr", k, m, n, ttl) }
func (w *write) zincrXX(k, m string, n int) *write          { return w.op("zincrxx", k, m, n) }
func (w *write) zrem(k, m string) *write                    { return w.op("zrem", k, m) }
func (w *write) sadd(k, m string) *write                    { return w.op("sadd", k, m) }
func (w *write) srem(k, m string) *write                    { return w.op("srem", k, m) }

// incr counts one more on the string k, giving k its time to live ttl (whole seconds, none
// under a second) on its first count: a counter that lives from its first event.
func (w *write) incr(k string, ttl time.Duration) *write {
	return w.op("incr", k, int64(ttl/time.Second))
}

// lpush puts v at the head of the list k and keeps only its newest keep entries.
func (w *write) lpush(k, v string, keep int) *write { return w.op("lpush", k, v, keep) }

// lexAdd adds id to the lex index k, lexRem removes it (see luaLexIndex).
func (w *write) lexAdd(k, id string) *write { return w.op("lexadd", k, id) }
func (w *write) lexRem(k, id string) *write { return w.op("lexrem", k, id) }

func (w *write) pexpire(k string, ttl time.Duration) *write {
	return w.op("pexpire", k, ttl.Milliseconds())
}

// notify puts notification n into user's inbox and the outbox (lib_notify) with the change.
func (w *write) notify(inbox, outbox, user string, n domain.Notification, collapse string) *write {
	return w.op("notify", inbox, w.key(outbox), user, marshal(n), collapse, inboxCap)
}

// refers checks that id names a member of the org's index (of teams, users, values, gestures):
// a write that refers to another object stores nothing unless it exists in this org when the
// write is made. An id outside domain.IDPattern is refused before Redis is asked, as it could
// never name an object (and must never become part of a key name).
func (w *write) refers(index, id string, fail error) *write {
	if !domain.ValidID(id) {
		if w.refused == nil {
			w.refused = fail
		}
		return w
	}
	return w.indexed(index, id, fail)
}

func (w *write) held(k, v string, fail error) *write { return w.check(fail, "held", k, v) }
func (w *write) setex(k, v string, ttl time.Duration) *write {
	return w.op("setex", k, v, int64(ttl/time.Second))
}

// starts checks that the string k starts with p (a lease still its holder's).
func (w *write) starts(k, p string, fail error) *write { return w.check(fail, "starts", k, p) }

// at checks that item i of the list k is v, lset sets it to v: an item changed where it was read.
func (w *write) at(k string, i int, v string, fail error) *write { return w.check(fail, "at", k, i, v) }
func (w *write) lset(k string, i int, v string) *write           { return w.op("lset", k, i, v) }

// setKeep gives the string k a new value and keeps its time to live (a key that is not there
// gets none: check it with valueIs first).
func (w *write) setKeep(k, v string) *write { return w.op("setkeep", k, v) }

// run applies the change; it returns the error attached to the first failed check. When ctx
// carries a request sent with an Idempotency-Key (see domain.IdempotentRequest), the change is
// made only while the request still holds its key, and it also stores the request's answer
// when that is set (the work and its answer are written together or not at all), else renews
// the reservation (a request that is still writing is not taken for a dead one), and the
// record of the part of the work it does when one is set.
func (w *write) run(ctx context.Context, s *Store, op string) error {
	if w.refused != nil {
		return w.refused
	}
	req := domain.IdempotentRequestOf(ctx)
	keep, part := false, false
	if req != nil && req.Reservation != "" {
		k := s.idempotencyKey(req)
		// the caller must still be stored: an erasure of theirs done meanwhile keeps nothing of
		// this request, not its answer under a key with their id (as FinishIdempotent)
		w.present(s.keys.user(req.Org, req.UserID), errUserNotFound).held(k, req.Reservation, errKeyInFlight)
		var answer domain.StoredResponse
		if answer, keep = req.Answer(); keep {
			w.setex(k, s.sealAnswer(req, answer), idempotencyTTL)
		} else {
			w.setex(k, req.Reservation, pendingTTL)
		}
		var name string
		var record []byte
		if name, record, part = req.Part(); part {
			pk := s.idempotencyPartsKey(req)
			w.hset(pk, name, string(answerKey(req.Org, req.UserID, req.Key).Seal(nil, nil, record, nil))).pexpire(pk, idempotencyTTL)
		}
	}
	// a write that fails leaves the answer and the part for the write tried again after it
	if err := w.apply(ctx, s, op); err != nil {
		return err
	}
	if keep {
		req.AnswerStored()
	}
	if part {
		req.DropPart()
	}
	return nil
}

// apply applies the change by itself, not as part of a request's work ctx may carry: for a
// write that follows the request's own (a user's reminders set anew after their update). It
// returns the error attached to the first failed check.
func (w *write) apply(ctx context.Context, s *Store, op string) error {
	if w.refused != nil {
		return w.refused
	}
	args := make([]any, 0, 1+len(w.checks)+len(w.writes))
	args = append(append(append(args, len(w.failures)), w.checks...), w.writes...)
	n, err := writeScript.Run(ctx, s.rdb, w.keys, args...).Int()
	if err != nil {
		return translate(op, err)
	}
	if n > 0 {
		return w.failures[n-1]
	}
	return nil
}
