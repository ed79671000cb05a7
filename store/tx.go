package store

import (
	"context"
	"strconv"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// writeScript applies a list of checks and then a list of writes, atomically: if any check
// fails nothing is written. It is the one script behind every multi-key admin write, so each
// aggregate states its invariants as checks instead of writing its own script.
//
// KEYS: every key the operations touch (all in one org's slot).
// ARGV: a flat list of operations, each an op name, a 1-based KEYS index and the op's arguments:
//
//	checks — return the 1-based number of the failed check, nothing written:
//	  absent  k          key must not exist
//	  present k          key must exist
//	  rev     k n        the object hash k must hold JSON "data" with "rev" n (optimistic concurrency)
//	  free    k f v      HGET k f must be nil or v (a unique index entry, free or already ours)
//	  empty   k          ZCARD k must be 0
//	  notlast k m        unless m is the only member of set k
//	  held k v           GET k must be v or nil (an Idempotency-Key still reserved by this request)
//	  indexed k m        m must be a member of the sorted set k (an org's index of teams, users…):
//	                     an id a write refers to names an object of this org, not just some key
//	writes:
//	  del k | hset k f v | hdel k f | hincrby k f n | zadd k score m | zrem k m | sadd k m | srem k m |
//	  pexpire k ms | lexadd k m | lexrem k m (a lex index: see luaLexIndex) | setex k v seconds |
//	  hsetmark k f v i f2 v2: hset k f v and, if the field held anything but v, hset KEYS[i] f2 v2
//	  (mark the change, e.g. with a new stamp) |
//	  notify k i1 i2 i3 id kind texts data created collapse once cap oncettl: notify the user k
//	  (see notifyLua; KEYS[i1] their inbox, KEYS[i2] the outbox, KEYS[i3] the once guard) |
//	  catalog k i1 i2 i3 base: rebuild the catalogues (see catalogLua; k the gestures,
//	  KEYS[i1] the gesture catalogue, KEYS[i2] the challenges, KEYS[i3] the challenge catalogue)
//
// Returns 0 when everything was written.
var writeScript = redis.NewScript(luaLexIndex + notifyLua + catalogLua + `
local arity = {absent=1, present=1, rev=2, free=3, empty=1, notlast=2, held=2, indexed=2,
  del=1, hset=3, hdel=2, hincrby=3, zadd=3, zrem=2, sadd=2, srem=2, pexpire=2, hsetmark=6, lexadd=2, lexrem=2, setex=3,
  notify=13, catalog=5}
local ops = {}
local i = 1
while i <= #ARGV do
  local name = ARGV[i]
  local n = arity[name]
  if not n then return redis.error_reply('unknown op ' .. name) end
  local op = {name = name, key = KEYS[tonumber(ARGV[i+1])]}
  for j = 2, n do op[j] = ARGV[i+j] end
  ops[#ops+1] = op
  i = i + n + 1
end
local check = 0
for _, op in ipairs(ops) do
  local ok = true
  if op.name == 'absent' then ok = redis.call('EXISTS', op.key) == 0
  elseif op.name == 'present' then ok = redis.call('EXISTS', op.key) == 1
  elseif op.name == 'rev' then
    local cur = redis.call('HGET', op.key, 'data')
    ok = cur and cjson.decode(cur).rev == tonumber(op[2]) or false
  elseif op.name == 'free' then
    local cur = redis.call('HGET', op.key, op[2])
    ok = (not cur) or cur == op[3]
  elseif op.name == 'empty' then ok = redis.call('ZCARD', op.key) == 0
  elseif op.name == 'notlast' then
    ok = redis.call('SISMEMBER', op.key, op[2]) == 0 or redis.call('SCARD', op.key) > 1
  elseif op.name == 'indexed' then ok = redis.call('ZSCORE', op.key, op[2]) ~= false
  elseif op.name == 'held' then
    local cur = redis.call('GET', op.key)
    ok = (not cur) or cur == op[2]
  else
    ok = nil
  end
  if ok ~= nil then
    check = check + 1
    if not ok then return check end
  end
end
for _, op in ipairs(ops) do
  local k = op.key
  if op.name == 'del' then redis.call('DEL', k)
  elseif op.name == 'hset' then redis.call('HSET', k, op[2], op[3])
  elseif op.name == 'hdel' then redis.call('HDEL', k, op[2])
  elseif op.name == 'hincrby' then redis.call('HINCRBY', k, op[2], op[3])
  elseif op.name == 'zadd' then redis.call('ZADD', k, op[2], op[3])
  elseif op.name == 'zrem' then redis.call('ZREM', k, op[2])
  elseif op.name == 'sadd' then redis.call('SADD', k, op[2])
  elseif op.name == 'srem' then redis.call('SREM', k, op[2])
  elseif op.name == 'pexpire' then redis.call('PEXPIRE', k, op[2])
  elseif op.name == 'lexadd' then lexadd(k, op[2])
  elseif op.name == 'lexrem' then lexrem(k, op[2])
  elseif op.name == 'setex' then redis.call('SET', k, op[2], 'EX', op[3])
  elseif op.name == 'hsetmark' then
    if redis.call('HGET', k, op[2]) ~= op[3] then
      redis.call('HSET', k, op[2], op[3])
      redis.call('HSET', KEYS[tonumber(op[4])], op[5], op[6])
    end
  elseif op.name == 'notify' then
    notify(k, KEYS[tonumber(op[2])], KEYS[tonumber(op[3])], KEYS[tonumber(op[4])], op[5], op[6], op[7], op[8], op[9], op[10], op[11], op[12], op[13])
  elseif op.name == 'catalog' then
    rebuild_catalog(op[5], k, KEYS[tonumber(op[2])], KEYS[tonumber(op[3])], KEYS[tonumber(op[4])])
  end
end
return 0
`)

// write collects the checks and writes of one atomic change.
type write struct {
	keys     []string
	index    map[string]int
	args     []any
	failures []error // the error of each check, in order
	last     []any   // writes made after all others (see catalog)
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
	w.args = append(w.args, name, w.key(k))
	w.args = append(w.args, args...)
	return w
}

func (w *write) check(fail error, name, k string, args ...any) *write {
	w.failures = append(w.failures, fail)
	return w.op(name, k, args...)
}

func (w *write) absent(k string, fail error) *write     { return w.check(fail, "absent", k) }
func (w *write) present(k string, fail error) *write    { return w.check(fail, "present", k) }
func (w *write) rev(k string, n int, fail error) *write { return w.check(fail, "rev", k, n) }
func (w *write) free(k, f, v string, fail error) *write { return w.check(fail, "free", k, f, v) }
func (w *write) empty(k string, fail error) *write      { return w.check(fail, "empty", k) }
func (w *write) notLast(k, m string, fail error) *write { return w.check(fail, "notlast", k, m) }
func (w *write) indexed(k, m string, fail error) *write { return w.check(fail, "indexed", k, m) }
func (w *write) del(k string) *write                    { return w.op("del", k) }
func (w *write) hset(k, f, v string) *write             { return w.op("hset", k, f, v) }
func (w *write) hdel(k, f string) *write                { return w.op("hdel", k, f) }
func (w *write) hincrby(k, f string, n int) *write      { return w.op("hincrby", k, f, n) }
func (w *write) zadd(k string, score float64, m string) *write {
	return w.op("zadd", k, score, m)
}
func (w *write) zrem(k, m string) *write { return w.op("zrem", k, m) }
func (w *write) sadd(k, m string) *write { return w.op("sadd", k, m) }
func (w *write) srem(k, m string) *write { return w.op("srem", k, m) }

// lexAdd adds id to the lex index k, lexRem removes it (see luaLexIndex).
func (w *write) lexAdd(k, id string) *write { return w.op("lexadd", k, id) }
func (w *write) lexRem(k, id string) *write { return w.op("lexrem", k, id) }

// hsetMark sets field f of hash k to v and, when it held anything else, field mf of hash mk to mv.
func (w *write) hsetMark(k, f, v, mk, mf, mv string) *write {
	return w.op("hsetmark", k, f, v, w.key(mk), mf, mv)
}
func (w *write) pexpire(k string, ttl time.Duration) *write {
	return w.op("pexpire", k, ttl.Milliseconds())
}

// catalog rebuilds the catalogues of gestures and challenges (catalogLua) after every other
// write of the change, whatever the order the ops were added in.
func (w *write) catalog(gestures, catalog, challenges, challengeCatalog, base string) *write {
	w.last = append(w.last, "catalog", w.key(gestures), w.key(catalog), w.key(challenges), w.key(challengeCatalog), base)
	return w
}

// notify puts a notification into a user's inbox and the outbox (notifyLua) with the change.
func (w *write) notify(user, inbox, outbox, once string, args ...any) *write {
	return w.op("notify", user, append([]any{w.key(inbox), w.key(outbox), w.key(once)}, args...)...)
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
	keep := false
	if req != nil && req.Reservation != "" {
		k := s.idempotencyKey(req)
		w.held(k, req.Reservation, errKeyInFlight)
		var answer domain.StoredResponse
		if answer, keep = req.TakeAnswer(); keep {
			w.setex(k, s.sealAnswer(req, answer), idempotencyTTL)
		} else {
			w.setex(k, req.Reservation, pendingTTL)
		}
		if name, record, ok := req.TakePart(); ok {
			pk := s.idempotencyPartsKey(req)
			w.hset(pk, name, string(answerKey(req.Org, req.UserID, req.Key).Seal(nil, nil, record, nil))).pexpire(pk, idempotencyTTL)
		}
	}
	n, err := writeScript.Run(ctx, s.rdb, w.keys, append(w.args, w.last...)...).Int()
	if err != nil {
		return translate(op, err)
	}
	if n > 0 {
		return w.failures[n-1]
	}
	if keep {
		req.AnswerStored()
	}
	return nil
}
