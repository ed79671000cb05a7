package store

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

const (
	inboxCap    = 100            // notifications kept per user
	onceKept    = 72 * time.Hour // how long a "once" key guards against a repeat
	outboxGroup = "push"         // the consumer group of the push workers
)

// notifyScript puts a notification into a user's inbox and the push outbox in one step.
//
// KEYS[1] the user, KEYS[2] their inbox, KEYS[3] the org's outbox, KEYS[4] the "once" guard.
// ARGV[1] notification id, ARGV[2] kind, ARGV[3] texts JSON {locale: [title, body]}, ARGV[4] data
// JSON, ARGV[5] created_at, ARGV[6] collapse key, ARGV[7] "1" to use the once guard, ARGV[8]
// inbox cap, ARGV[9] the guard's lifetime (s). Returns the id, or "" (no such user, or once).
var notifyScript = newLoopScript(notifyLua + `
return notify(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9])
`)

// notifyLua is the Lua notify function, shared with scripts whose events notify someone (kudos,
// spotlight, barrier updates, suggestion reviews), so the notification is part of the event.
const notifyLua = `
local function notify(ukey, inbox, outbox, oncekey, id, kind, texts, data, created, collapse, once, cap, oncettl)
  if once == '1' and not redis.call('SET', oncekey, id, 'NX', 'EX', oncettl) then return '' end
  local udata = redis.call('HGET', ukey, 'data')
  if not udata then return '' end
  local u = cjson.decode(udata)
  if not u.active then return '' end
  local tx = cjson.decode(texts)
  local t = tx[u.locale] or tx['en']
  local n = cjson.encode({id = id, kind = kind, title = t[1], body = t[2], data = cjson.decode(data), created_at = created})
  redis.call('LPUSH', inbox, n)
  redis.call('LTRIM', inbox, 0, tonumber(cap) - 1)
  redis.call('XADD', outbox, 'MAXLEN', '~', 1000000, '*', 'u', u.id, 'n', n, 'c', collapse, 'a', '0')
  return id
end
`

// Notify puts a notification into the inbox and the outbox.
func (s *Store) Notify(ctx context.Context, org, userID string, d domain.Draft, now time.Time) (string, error) {
	id := domain.NewID(now)
	data := map[string]string{}
	for k, v := range d.Data {
		data[k] = v
	}
	data["kind"], data["id"], data["link"] = d.Kind, id, d.Link
	once, onceKey := "0", s.keys.once(org, "none")
	if d.Once != "" {
		once, onceKey = "1", s.keys.once(org, d.Once)
	}
	texts := map[string][]string{}
	for locale, t := range d.Texts {
		texts[locale] = []string{t[0], t[1]}
	}
	res, err := notifyScript.Run(ctx, s.rdb,
		[]string{s.keys.user(org, userID), s.keys.inbox(org, userID), s.keys.outbox(org), onceKey},
		id, d.Kind, marshal(texts), marshal(data), now.UTC().Format(time.RFC3339), d.Collapse, once, inboxCap, int(onceKept.Seconds()),
	).Text()
	if err != nil {
		return "", translate("notify", err)
	}
	return res, nil
}

// Inbox lists a user's notifications, newest first; the cursor is the last id shown.
func (s *Store) Inbox(ctx context.Context, org, userID string, page domain.Page) ([]domain.Notification, int, string, error) {
	pipe := s.rdb.Pipeline()
	list := pipe.LRange(ctx, s.keys.inbox(org, userID), 0, inboxCap-1)
	read := pipe.Get(ctx, s.keys.inboxRead(org, userID))
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return nil, 0, "", translate("inbox", err)
	}
	readUpTo := read.Val()
	items := make([]domain.Notification, 0, len(list.Val()))
	unread := 0
	for _, raw := range list.Val() {
		var n domain.Notification
		if err := json.Unmarshal([]byte(raw), &n); err != nil {
			return nil, 0, "", domain.Internal("decode notification", err)
		}
		n.Read = n.ID <= readUpTo
		if !n.Read {
			unread++
		}
		items = append(items, n)
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].ID > items[j].ID })
	start := 0
	if page.Cursor != "" {
		start = sort.Search(len(items), func(i int) bool { return items[i].ID < page.Cursor })
	}
	end, next := min(start+page.Limit, len(items)), ""
	if end < len(items) {
		next = items[end-1].ID
	}
	return items[start:end], unread, next, nil
}

// markReadScript moves a user's read marker forward (never back), and never past the newest
// notification there is, which would hide the ones still to come.
//
// KEYS[1] the marker, KEYS[2] the inbox. ARGV[1] the id read up to.
var markReadScript = redis.NewScript(`
local upto = ARGV[1]
local newest = redis.call('LINDEX', KEYS[2], 0)
if not newest then return 0 end
local id = cjson.decode(newest).id
if upto > id then upto = id end
local cur = redis.call('GET', KEYS[1])
if not cur or cur < upto then redis.call('SET', KEYS[1], upto) end
return 0
`)

// MarkRead marks every notification up to id read.
func (s *Store) MarkRead(ctx context.Context, org, userID, upTo string) error {
	return translate("mark read", markReadScript.Run(ctx, s.rdb, []string{s.keys.inboxRead(org, userID), s.keys.inbox(org, userID)}, upTo).Err())
}

// A user's devices live in their user hash, one field "dev:<device id>" each holding the
// device's JSON, which saves a key per user.
//
// The org's token index maps each push token to the user whose device holds it (the device is
// found among theirs when the token moves or FCM drops it). Leaving the device id out saves
// 16–48 B per token.
const devicePrefix = "dev:"

// deviceRecord is how a device's JSON is stored in the user hash: without its id, which the
// field's name holds.
type deviceRecord struct {
	domain.PushDevice
	ID string `json:"id,omitempty"`
}

// forgetDeviceLua removes a device, and finds the device a token index entry stands for; keys
// are built from base.
const forgetDeviceLua = `
local function forgetdevice(base, user, device)
  redis.call('HDEL', base .. 'user:' .. user, 'dev:' .. device)
end
local function ownerof(base, user, token)
  local kv = redis.call('HGETALL', base .. 'user:' .. user)
  for i = 1, #kv, 2 do
    if string.sub(kv[i], 1, 4) == 'dev:' and cjson.decode(kv[i+1]).token == token then
      return user, string.sub(kv[i], 5)
    end
  end
  return user, nil
end
`

// putDeviceScript registers a device's token for a user. A token belongs to one device of one
// user: registering it again elsewhere removes it from where it was.
//
// KEYS[1] the user hash, KEYS[2] the org's token index.
// ARGV[1] the org's key base, ARGV[2] user id, ARGV[3] device id, ARGV[4] device JSON,
// ARGV[5] token. Returns 0, or 1 when the user does not exist.
var putDeviceScript = redis.NewScript(forgetDeviceLua + `
if redis.call('EXISTS', KEYS[1]) == 0 then return 1 end
local owner = redis.call('HGET', KEYS[2], ARGV[5])
if owner then
  local ou, od = ownerof(ARGV[1], owner, ARGV[5])
  if od and (ou ~= ARGV[2] or od ~= ARGV[3]) then forgetdevice(ARGV[1], ou, od) end
end
local prev = redis.call('HGET', KEYS[1], 'dev:' .. ARGV[3])
if prev then redis.call('HDEL', KEYS[2], cjson.decode(prev).token) end
redis.call('HSET', KEYS[1], 'dev:' .. ARGV[3], ARGV[4])
redis.call('HSET', KEYS[2], ARGV[5], ARGV[2])
return 0
`)

// PutDevice registers or replaces a device of a user.
func (s *Store) PutDevice(ctx context.Context, org, userID string, d domain.PushDevice) error {
	n, err := putDeviceScript.Run(ctx, s.rdb,
		[]string{s.keys.user(org, userID), s.keys.tokens(org)},
		s.keys.org(org), userID, d.ID, marshal(deviceRecord{PushDevice: d}), d.Token).Int()
	if err != nil {
		return translate("put device", err)
	}
	if n == 1 {
		return errUserNotFound
	}
	return nil
}

// dropDeviceScript removes a device (by id) or a token (wherever it is registered).
//
// KEYS[1] the org's token index. ARGV[1] the org's key base, ARGV[2] "device" or "token",
// ARGV[3] user id or token, ARGV[4] device id.
var dropDeviceScript = redis.NewScript(forgetDeviceLua + `
if ARGV[2] == 'device' then
  local prev = redis.call('HGET', ARGV[1] .. 'user:' .. ARGV[3], 'dev:' .. ARGV[4])
  if prev then
    redis.call('HDEL', KEYS[1], cjson.decode(prev).token)
    forgetdevice(ARGV[1], ARGV[3], ARGV[4])
  end
  return 0
end
local owner = redis.call('HGET', KEYS[1], ARGV[3])
if owner then
  local ou, od = ownerof(ARGV[1], owner, ARGV[3])
  if od then forgetdevice(ARGV[1], ou, od) end
  redis.call('HDEL', KEYS[1], ARGV[3])
end
return 0
`)

// DeleteDevice removes a device of a user.
func (s *Store) DeleteDevice(ctx context.Context, org, userID, deviceID string) error {
	return translate("delete device", dropDeviceScript.Run(ctx, s.rdb, []string{s.keys.tokens(org)}, s.keys.org(org), "device", userID, deviceID).Err())
}

// RemoveToken forgets a token FCM reports as unregistered or invalid.
func (s *Store) RemoveToken(ctx context.Context, org, token string) error {
	return translate("remove token", dropDeviceScript.Run(ctx, s.rdb, []string{s.keys.tokens(org)}, s.keys.org(org), "token", token, "").Err())
}

// Devices lists a user's devices.
func (s *Store) Devices(ctx context.Context, org, userID string) ([]domain.PushDevice, error) {
	fields, err := s.rdb.HGetAll(ctx, s.keys.user(org, userID)).Result()
	if err != nil {
		return nil, translate("devices", err)
	}
	out := []domain.PushDevice{}
	for field, raw := range fields {
		id, ok := strings.CutPrefix(field, devicePrefix)
		if !ok {
			continue
		}
		var d domain.PushDevice
		if err := json.Unmarshal([]byte(raw), &d); err != nil {
			return nil, domain.Internal("decode device", err)
		}
		d.ID = id
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// --- the outbox

// ensureGroup creates the outbox's consumer group (once per org and process).
func (s *Store) ensureGroup(ctx context.Context, org string) error {
	if _, ok := s.groups.Load(org); ok {
		return nil
	}
	err := s.rdb.XGroupCreateMkStream(ctx, s.keys.outbox(org), outboxGroup, "0").Err()
	if err != nil && !strings.HasPrefix(err.Error(), "BUSYGROUP") {
		return translate("outbox group", err)
	}
	s.groups.Store(org, true)
	return nil
}

// ClaimOutbox takes up to n notifications to push: first any another worker took but did not
// finish within stale (it crashed), then new ones.
func (s *Store) ClaimOutbox(ctx context.Context, org, consumer string, n int, stale time.Duration) ([]domain.OutboxItem, error) {
	if err := s.ensureGroup(ctx, org); err != nil {
		return nil, err
	}
	autoclaim := &redis.XAutoClaimArgs{
		Stream: s.keys.outbox(org), Group: outboxGroup, Consumer: consumer, MinIdle: stale, Start: "0-0", Count: int64(n),
	}
	claimed, _, err := s.rdb.XAutoClaim(ctx, autoclaim).Result()
	if err != nil && strings.HasPrefix(err.Error(), "NOGROUP") {
		// The outbox was deleted after this process made its group (the org's data was
		// refreshed, Redis lost its data): make the group again.
		s.groups.Delete(org)
		if err := s.ensureGroup(ctx, org); err != nil {
			return nil, err
		}
		claimed, _, err = s.rdb.XAutoClaim(ctx, autoclaim).Result()
	}
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, translate("outbox autoclaim", err)
	}
	msgs := claimed
	if len(msgs) < n {
		streams, err := s.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{
			Group: outboxGroup, Consumer: consumer, Streams: []string{s.keys.outbox(org), ">"}, Count: int64(n - len(msgs)), Block: -1,
		}).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return nil, translate("outbox read", err)
		}
		for _, st := range streams {
			msgs = append(msgs, st.Messages...)
		}
	}
	items := make([]domain.OutboxItem, 0, len(msgs))
	for _, m := range msgs {
		item, err := outboxItem(m)
		if err != nil {
			return nil, err
		}
		items = append(items, item)
	}
	return items, nil
}

func outboxItem(m redis.XMessage) (domain.OutboxItem, error) {
	str := func(k string) string { v, _ := m.Values[k].(string); return v }
	var n domain.Notification
	if err := json.Unmarshal([]byte(str("n")), &n); err != nil {
		return domain.OutboxItem{}, domain.Internal("decode outbox entry", err)
	}
	attempts, _ := strconv.Atoi(str("a"))
	ms, _ := strconv.ParseInt(strings.SplitN(m.ID, "-", 2)[0], 10, 64)
	return domain.OutboxItem{
		EntryID: m.ID, UserID: str("u"), ID: n.ID, Kind: n.Kind, Title: n.Title, Body: n.Body, Data: n.Data,
		Collapse: str("c"), Attempts: attempts, Enqueued: time.UnixMilli(ms).UTC(),
	}, nil
}

// AckOutbox finishes a notification.
func (s *Store) AckOutbox(ctx context.Context, org, entryID string) error {
	pipe := s.rdb.TxPipeline()
	pipe.XAck(ctx, s.keys.outbox(org), outboxGroup, entryID)
	pipe.XDel(ctx, s.keys.outbox(org), entryID)
	_, err := pipe.Exec(ctx)
	return translate("outbox ack", err)
}

// moveScript takes an entry off the outbox and puts it on the retry schedule or the dead
// letters, in one step.
//
// KEYS[1] the outbox, KEYS[2] the retry set or the dead-letter stream. ARGV[1] entry id,
// ARGV[2] "retry" or "dead", ARGV[3] due (Unix ms) or reason, ARGV[4] user, ARGV[5] the
// notification JSON, ARGV[6] collapse key, ARGV[7] attempts.
var moveScript = redis.NewScript(`
if ARGV[2] == 'retry' then
  redis.call('ZADD', KEYS[2], ARGV[3], cjson.encode({u = ARGV[4], n = ARGV[5], c = ARGV[6], a = ARGV[7]}))
else
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', 100000, '*', 'u', ARGV[4], 'n', ARGV[5], 'c', ARGV[6], 'a', ARGV[7], 'reason', ARGV[3])
end
redis.call('XACK', KEYS[1], 'push', ARGV[1])
redis.call('XDEL', KEYS[1], ARGV[1])
return 0
`)

func (s *Store) move(ctx context.Context, org string, item domain.OutboxItem, target, kind, arg string, attempts int) error {
	n := marshal(domain.Notification{ID: item.ID, Kind: item.Kind, Title: item.Title, Body: item.Body, Data: item.Data, CreatedAt: item.Enqueued})
	return translate("outbox move", moveScript.Run(ctx, s.rdb, []string{s.keys.outbox(org), target},
		item.EntryID, kind, arg, item.UserID, n, item.Collapse, attempts).Err())
}

// RetryOutbox puts a notification back for a later try at due, counting attempts.
func (s *Store) RetryOutbox(ctx context.Context, org string, item domain.OutboxItem, due time.Time, attempts int) error {
	return s.move(ctx, org, item, s.keys.outboxRetry(org), "retry", strconv.FormatInt(due.UnixMilli(), 10), attempts)
}

// DeadLetter gives up on a notification (it stays in the inbox).
func (s *Store) DeadLetter(ctx context.Context, org string, item domain.OutboxItem, reason string) error {
	return s.move(ctx, org, item, s.keys.outboxDead(org), "dead", reason, item.Attempts)
}

// promoteScript moves retries that are due back onto the outbox.
//
// KEYS[1] the outbox, KEYS[2] the retry set. ARGV[1] now (Unix ms), ARGV[2] at most this many.
var promoteScript = redis.NewScript(`
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, m in ipairs(due) do
  local e = cjson.decode(m)
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', 1000000, '*', 'u', e.u, 'n', e.n, 'c', e.c, 'a', e.a)
  redis.call('ZREM', KEYS[2], m)
end
return #due
`)

// PromoteRetries moves due retries back onto the outbox; it answers how many.
func (s *Store) PromoteRetries(ctx context.Context, org string, now time.Time) (int, error) {
	n, err := promoteScript.Run(ctx, s.rdb, []string{s.keys.outbox(org), s.keys.outboxRetry(org)}, now.UnixMilli(), 1000).Int()
	return n, translate("promote retries", err)
}

// OutboxStats answers the outbox's length, pending deliveries, retries waiting and dead letters.
func (s *Store) OutboxStats(ctx context.Context, org string) (queued, retrying, dead int64, err error) {
	pipe := s.rdb.Pipeline()
	q := pipe.XLen(ctx, s.keys.outbox(org))
	r := pipe.ZCard(ctx, s.keys.outboxRetry(org))
	d := pipe.XLen(ctx, s.keys.outboxDead(org))
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return 0, 0, 0, translate("outbox stats", err)
	}
	return q.Val(), r.Val(), d.Val(), nil
}

// Sent answers which devices already got a notification (a retry after a crash skips them).
func (s *Store) Sent(ctx context.Context, org, notificationID string) (map[string]bool, error) {
	ids, err := s.rdb.SMembers(ctx, s.keys.sent(org, notificationID)).Result()
	if err != nil {
		return nil, translate("sent", err)
	}
	out := map[string]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// leaseScript takes the lease on delivering a notification for a consumer: unless another
// consumer holds it until after now, or, with ARGV[5], when that consumer still holds it (it was
// found dead: the caller saw no heartbeat of it). KEYS[1] the lease. ARGV[1] the consumer,
// ARGV[2] now (Unix ms, the injected clock), ARGV[3] until when it is held (Unix ms), ARGV[4] how
// long Redis keeps the key (ms; only to clean up: the time that counts is ARGV[3]), ARGV[5] the
// holder to take it from, or "". Returns "" when taken, else the holder.
var leaseScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur then
  local sep = string.find(cur, '|', 1, true)
  if sep then
    local holder = string.sub(cur, 1, sep - 1)
    if holder ~= ARGV[1] and holder ~= ARGV[5] and tonumber(string.sub(cur, sep + 1)) > tonumber(ARGV[2]) then
      return holder
    end
  end
end
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[3], 'PX', ARGV[4])
return ''
`)

// releaseScript gives up a consumer's lease. KEYS[1] the lease, ARGV[1] the consumer.
var releaseScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur and string.sub(cur, 1, #ARGV[1] + 1) == ARGV[1] .. '|' then redis.call('DEL', KEYS[1]) end
return 0
`)

// LeaseDelivery takes the lease on pushing a notification for consumer until now+hold, unless
// another consumer holds it: one worker may still be sending an entry that another took over
// from it as stale, and the lease keeps the second from pushing it again meanwhile. When the
// lease is not taken it answers the consumer holding it.
func (s *Store) LeaseDelivery(ctx context.Context, org, notificationID, consumer string, now time.Time, hold time.Duration) (bool, string, error) {
	return s.lease(ctx, org, notificationID, consumer, "", now, hold)
}

// TakeOverDelivery takes the lease on pushing a notification from holder, a consumer found
// dead (no heartbeat), if holder still holds it; otherwise as LeaseDelivery.
func (s *Store) TakeOverDelivery(ctx context.Context, org, notificationID, consumer, holder string, now time.Time, hold time.Duration) (bool, string, error) {
	return s.lease(ctx, org, notificationID, consumer, holder, now, hold)
}

func (s *Store) lease(ctx context.Context, org, notificationID, consumer, from string, now time.Time, hold time.Duration) (bool, string, error) {
	until := now.Add(hold)
	holder, err := leaseScript.Run(ctx, s.rdb, []string{s.keys.delivering(org, notificationID)},
		consumer, now.UnixMilli(), until.UnixMilli(), (2 * hold).Milliseconds(), from).Text()
	if err != nil {
		return false, "", translate("lease delivery", err)
	}
	return holder == "", holder, nil
}

// ReleaseDelivery gives up consumer's lease on pushing a notification, if it still holds it.
func (s *Store) ReleaseDelivery(ctx context.Context, org, notificationID, consumer string) error {
	return translate("release delivery", releaseScript.Run(ctx, s.rdb, []string{s.keys.delivering(org, notificationID)}, consumer).Err())
}

// WorkerBeat says that consumer is alive for ttl more, by Redis' clock: a lease of a consumer
// without a heartbeat may be taken over at once (TakeOverDelivery). Redis times it, not the
// injected clock, so that replicas whose clocks disagree agree on who is alive.
func (s *Store) WorkerBeat(ctx context.Context, consumer string, ttl time.Duration) error {
	return translate("worker heartbeat", s.rdb.Set(ctx, s.keys.worker(consumer), "1", ttl).Err())
}

// WorkerAlive answers whether consumer's heartbeat is still there.
func (s *Store) WorkerAlive(ctx context.Context, consumer string) (bool, error) {
	n, err := s.rdb.Exists(ctx, s.keys.worker(consumer)).Result()
	return n == 1, translate("worker heartbeat", err)
}

// WorkerGone removes consumer's heartbeat (it stopped and holds no lease any more).
func (s *Store) WorkerGone(ctx context.Context, consumer string) error {
	return translate("worker heartbeat", s.rdb.Del(ctx, s.keys.worker(consumer)).Err())
}

// MarkSent records that devices got a notification.
func (s *Store) MarkSent(ctx context.Context, org, notificationID string, deviceIDs []string) error {
	if len(deviceIDs) == 0 {
		return nil
	}
	k := s.keys.sent(org, notificationID)
	pipe := s.rdb.TxPipeline()
	pipe.SAdd(ctx, k, toAny(deviceIDs)...)
	pipe.Expire(ctx, k, 48*time.Hour)
	_, err := pipe.Exec(ctx)
	return translate("mark sent", err)
}

// allowScript decides whether a notification may be pushed: at most cap pushes per user per
// local day (a retry of one already counted is allowed), and one push per collapse window.
//
// KEYS[1] the user's pushes of the day, KEYS[2] the collapse guard. ARGV[1] notification id,
// ARGV[2] cap, ARGV[3] collapse window (s, 0 for none), ARGV[4] now (Unix ms).
// The guard holds "<notification id>|<window end, Unix ms>": the window ends by the injected
// clock, not by when Redis expires the key (which only cleans up).
var allowScript = redis.NewScript(`
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
local window = tonumber(ARGV[3])
if window > 0 then
  local holder = redis.call('GET', KEYS[2])
  if holder then
    local sep = string.find(holder, '|', 1, true)
    local id, till = string.sub(holder, 1, sep - 1), tonumber(string.sub(holder, sep + 1))
    if id ~= ARGV[1] and till > tonumber(ARGV[4]) then return 0 end
  end
end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
if window > 0 then
  redis.call('SET', KEYS[2], ARGV[1] .. '|' .. string.format('%d', tonumber(ARGV[4]) + window * 1000), 'EX', window)
end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], 172800)
return 1
`)

// AllowPush applies the daily cap and the collapse window to a notification for a user's day.
func (s *Store) AllowPush(ctx context.Context, org, userID, day, notificationID string, cap int, collapse string, window time.Duration, now time.Time) (bool, error) {
	ck := s.keys.collapse(org, "none")
	if collapse != "" {
		ck = s.keys.collapse(org, userID+":"+collapse)
	} else {
		window = 0
	}
	n, err := allowScript.Run(ctx, s.rdb, []string{s.keys.pushes(org, userID, day), ck}, notificationID, cap, int(window.Seconds()), now.UnixMilli()).Int()
	return n == 1, translate("allow push", err)
}
