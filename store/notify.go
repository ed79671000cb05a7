package store

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
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

// errSentBefore says a notification that happens once for its key happened already.
var errSentBefore = errors.New("sent before")

// Notify puts a notification into the user's inbox and the outbox, addressed to them as read
// (domain.Draft.Address) while they are as read; "" when they get none (no such user, not
// active, or a notification once for its key that happened already).
func (s *Store) Notify(ctx context.Context, org, userID string, d domain.Draft, now time.Time) (string, error) {
	for range socialRounds {
		pipe := s.rdb.Pipeline()
		read := queueRecipient(ctx, pipe, s.keys.user(org, userID))
		if err := execReads(ctx, pipe); err != nil {
			return "", translate("notify", err)
		}
		r, err := recipientOf(userID, read)
		if err != nil {
			return "", err
		}
		id, w := domain.NewID(now), newWrite()
		if d.Once != "" {
			once := s.keys.once(org, d.Once)
			w.absent(once, errSentBefore).setex(once, id, onceKept)
		}
		if !s.tell(w, org, r, id, d, now) {
			return "", nil
		}
		switch err := w.run(ctx, s, "notify"); {
		case err == nil:
			return id, nil
		case errors.Is(err, errSentBefore):
			return "", nil
		case !errors.Is(err, errStateMoved):
			return "", err
		}
	}
	return "", domain.Internal("notify", errStateMoved)
}

// recipient is a user as read to address a notification to, with their stored data ("" when
// there is no such user): what the notification was addressed from (their locale, whether
// they are active), checked by the write. Not their view stamp, which their every swap and
// outcome sets anew: a busy colleague's notification is not decided again for that.
type recipient struct {
	domain.Recipient
	data string
	team string // the user's team ("" for none)
}

// queueRecipient queues the read of a recipient's user data.
func queueRecipient(ctx context.Context, pipe redis.Pipeliner, user string) *redis.StringCmd {
	return pipe.HGet(ctx, user, dataField)
}

// recipientOf is the recipient id a queued read answered (not active when there is no such user).
func recipientOf(id string, read *redis.StringCmd) (recipient, error) {
	return recipientFrom(id, read.Val())
}

// recipientFrom is the recipient id whose stored data is data ("" none).
func recipientFrom(id, data string) (recipient, error) {
	r := recipient{Recipient: domain.Recipient{ID: id}, data: data}
	if data == "" {
		return r, nil
	}
	var u struct {
		Locale string `json:"locale"`
		Active bool   `json:"active"`
		TeamID string `json:"team_id"`
	}
	if err := json.Unmarshal([]byte(data), &u); err != nil {
		return r, domain.Internal("decode user "+id, err)
	}
	r.Locale, r.Active, r.team = u.Locale, u.Active, u.TeamID
	return r, nil
}

// readRecipients reads the recipients ids in one round trip.
func (s *Store) readRecipients(ctx context.Context, org string, ids []string) ([]recipient, error) {
	pipe := s.rdb.Pipeline()
	reads := make([]*redis.StringCmd, len(ids))
	for i, id := range ids {
		reads[i] = queueRecipient(ctx, pipe, s.keys.user(org, id))
	}
	if len(ids) > 0 {
		if err := execReads(ctx, pipe); err != nil {
			return nil, translate("read recipients", err)
		}
	}
	out := make([]recipient, len(ids))
	for i, id := range ids {
		var err error
		if out[i], err = recipientOf(id, reads[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// tell adds to w the notification d becomes for r (domain.Draft.Address), with the check that r
// is still as read; false when r gets none.
func (s *Store) tell(w *write, org string, r recipient, id string, d domain.Draft, now time.Time) bool {
	n, ok := d.Address(id, r.Recipient, now)
	w.fieldIs(s.keys.user(org, r.ID), dataField, r.data, errStateMoved)
	if ok && d.By != "" {
		s.actedBy(w, org, d.By)
	}
	if ok {
		w.notify(s.keys.inbox(org, r.ID), s.keys.outbox(org), r.ID, n, d.Collapse)
	}
	return ok
}

// Inbox lists a user's notifications, newest first; the cursor is the last id shown.
func (s *Store) Inbox(ctx context.Context, org, userID string, page domain.Page) ([]domain.Notification, int, string, error) {
	pipe := s.rdb.Pipeline()
	list := pipe.LRange(ctx, s.keys.inbox(org, userID), 0, inboxCap-1)
	read := pipe.Get(ctx, s.keys.inboxRead(org, userID))
	if err := execReads(ctx, pipe); err != nil {
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

// MarkRead marks every notification up to id read (domain.MarkReadUpTo), written while the
// marker is as read.
func (s *Store) MarkRead(ctx context.Context, org, userID, upTo string) error {
	marker, inbox := s.keys.inboxRead(org, userID), s.keys.inbox(org, userID)
	for range socialRounds {
		pipe := s.rdb.Pipeline()
		cur, head := pipe.Get(ctx, marker), pipe.LIndex(ctx, inbox, 0)
		if err := execReads(ctx, pipe); err != nil {
			return translate("mark read", err)
		}
		var newest domain.Notification
		if raw := head.Val(); raw != "" {
			if err := json.Unmarshal([]byte(raw), &newest); err != nil {
				return domain.Internal("decode notification", err)
			}
		}
		next, ok := domain.MarkReadUpTo(cur.Val(), newest.ID, upTo)
		if !ok {
			return nil
		}
		// the newest as read is still the newest: an inbox erased meanwhile gets no marker
		err := newWrite().valueIs(marker, cur.Val(), errStateMoved).at(inbox, 0, head.Val(), errStateMoved).
			setKeep(marker, next).run(ctx, s, "mark read")
		if !errors.Is(err, errStateMoved) {
			return err
		}
	}
	return domain.Internal("mark read", errStateMoved)
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

// PutDevice registers or replaces a device of a user (domain.MoveToken), written while the
// token's index entry, the device and the device that held the token are as read. Every device
// write keeps the index and the devices in step in one step (the index names a token's user
// while, and only while, one of their devices holds it), so the entry as read says whose devices
// to look through.
func (s *Store) PutDevice(ctx context.Context, org, userID string, d domain.PushDevice) error {
	uk, index, field := s.keys.user(org, userID), s.keys.tokens(org), devicePrefix+d.ID
	for range tokenAttempts {
		// the token's entry and the user's hash; the hash of another user the entry names after
		pipe := s.rdb.Pipeline()
		entry, own := pipe.HGet(ctx, index, d.Token), pipe.HGetAll(ctx, uk)
		if err := execReads(ctx, pipe); err != nil {
			return translate("put device", err)
		}
		if len(own.Val()) == 0 {
			return errUserNotFound
		}
		owner, held := entry.Val(), own.Val()
		if !domain.ValidID(owner) {
			owner = ""
		}
		ownerKey := s.keys.user(org, owner)
		var holder storedDevice // no entry: nobody's device holds it
		if owner != "" {
			var err error
			if owner != userID {
				if held, err = s.rdb.HGetAll(ctx, ownerKey).Result(); err != nil {
					return translate("put device", err)
				}
			}
			if holder, err = deviceHolding(held, d.Token); err != nil {
				return err
			}
		}
		prev := own.Val()[field]
		var before deviceRecord
		if prev != "" {
			if err := json.Unmarshal([]byte(prev), &before); err != nil {
				return domain.Internal("decode device", err)
			}
		}
		m := domain.MoveToken(owner, holder.ID, userID, d.ID, before.Token, d.Token)
		w := s.actedBy(newWrite(), org, userID).fieldIs(index, d.Token, entry.Val(), errStateMoved).fieldIs(uk, field, prev, errStateMoved)
		if m.ForgetOwnerDevice {
			w.fieldIs(ownerKey, devicePrefix+holder.ID, holder.raw, errStateMoved).hdel(ownerKey, devicePrefix+holder.ID)
		}
		if m.DropToken != "" {
			w.hdel(index, m.DropToken)
		}
		err := w.hset(uk, field, marshal(deviceRecord{PushDevice: d})).hset(index, d.Token, userID).run(ctx, s, "put device")
		if !errors.Is(err, errStateMoved) {
			return err
		}
	}
	return errConcurrent
}

// storedDevice is a device as its user hash holds it: decoded, with its id, and its JSON.
type storedDevice struct {
	domain.PushDevice
	raw string
}

// storedDevices decodes the devices among a user hash's fields, in id order.
func storedDevices(fields map[string]string) ([]storedDevice, error) {
	var out []storedDevice
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
		out = append(out, storedDevice{PushDevice: d, raw: raw})
	}
	slices.SortFunc(out, func(a, b storedDevice) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// deviceHolding is the device among a user hash's fields that holds token (zero for none).
func deviceHolding(fields map[string]string, token string) (storedDevice, error) {
	devices, err := storedDevices(fields)
	for _, d := range devices {
		if d.Token == token {
			return d, err
		}
	}
	return storedDevice{}, err
}

// tokenAttempts bounds how often a device write, or a delivery lease, reads what it decided from
// again after it changed under it (another device took the token, another worker the lease).
const tokenAttempts = 5

// tokenOwner reads which user the token index names for token, and their hash ("" for none).
func (s *Store) tokenOwner(ctx context.Context, org, token string) (string, string, error) {
	owner, err := s.rdb.HGet(ctx, s.keys.tokens(org), token).Result()
	if errors.Is(err, redis.Nil) || (err == nil && !domain.ValidID(owner)) {
		return "", "", nil
	}
	if err != nil {
		return "", "", translate("read token index", err)
	}
	return owner, s.keys.user(org, owner), nil
}

// DeleteDevice removes a device of a user, and its token from the index, while the device is
// as read.
func (s *Store) DeleteDevice(ctx context.Context, org, userID, deviceID string) error {
	uk, field := s.keys.user(org, userID), devicePrefix+deviceID
	for range tokenAttempts {
		raw, err := s.rdb.HGet(ctx, uk, field).Result()
		if errors.Is(err, redis.Nil) {
			return nil
		}
		if err != nil {
			return translate("delete device", err)
		}
		var d deviceRecord
		if err := json.Unmarshal([]byte(raw), &d); err != nil {
			return domain.Internal("decode device", err)
		}
		err = newWrite().fieldIs(uk, field, raw, errStateMoved).hdel(uk, field).hdel(s.keys.tokens(org), d.Token).run(ctx, s, "delete device")
		if !errors.Is(err, errStateMoved) {
			return err
		}
	}
	return errConcurrent
}

// RemoveToken forgets a token FCM reports as unregistered or invalid: its index entry and the
// device that holds it, while both are as read.
func (s *Store) RemoveToken(ctx context.Context, org, token string) error {
	index := s.keys.tokens(org)
	for range tokenAttempts {
		owner, ownerKey, err := s.tokenOwner(ctx, org, token)
		if err != nil || owner == "" {
			return err
		}
		fields, err := s.rdb.HGetAll(ctx, ownerKey).Result()
		if err != nil {
			return translate("remove token", err)
		}
		holder, err := deviceHolding(fields, token)
		if err != nil {
			return err
		}
		w := newWrite().fieldIs(index, token, owner, errStateMoved).hdel(index, token)
		if holder.ID != "" {
			w.fieldIs(ownerKey, devicePrefix+holder.ID, holder.raw, errStateMoved).hdel(ownerKey, devicePrefix+holder.ID)
		}
		if err := w.run(ctx, s, "remove token"); !errors.Is(err, errStateMoved) {
			return err
		}
	}
	return errConcurrent
}

// Devices lists a user's devices.
func (s *Store) Devices(ctx context.Context, org, userID string) ([]domain.PushDevice, error) {
	fields, err := s.rdb.HGetAll(ctx, s.keys.user(org, userID)).Result()
	if err != nil {
		return nil, translate("devices", err)
	}
	stored, err := storedDevices(fields)
	out := make([]domain.PushDevice, len(stored))
	for i, d := range stored {
		out[i] = d.PushDevice
	}
	return out, err
}

// --- the outbox

// noGroup says whether err is Redis' answer for a stream without the consumer group asked for
// (the outbox deleted, or never made, since the group was).
func noGroup(err error) bool { return err != nil && strings.HasPrefix(err.Error(), "NOGROUP") }

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
	if noGroup(err) {
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

// The outbox scripts: one takes an entry off it onto the retry schedule or the dead letters,
// one moves due retries back onto it.
var (
	moveScript    = luaScript("outbox_move")
	promoteScript = luaScript("outbox_promote")
)

// retryEntry is a notification waiting on the retry schedule (a member of keys.outboxRetry): the
// fields of its outbox entry.
type retryEntry struct {
	User     string `json:"u"`
	N        string `json:"n"` // the notification JSON
	Collapse string `json:"c"`
	Attempts string `json:"a"`
}

// outboxNotification is the notification JSON of an outbox entry.
func outboxNotification(item domain.OutboxItem) string {
	return marshal(domain.Notification{ID: item.ID, Kind: item.Kind, Title: item.Title, Body: item.Body, Data: item.Data, CreatedAt: item.Enqueued})
}

// outboxMove is outbox_move.lua's argument: a retry (Due, Member) or a dead letter (Fields).
type outboxMove struct {
	Group  string   `json:"group"`
	ID     string   `json:"id"`
	Due    int64    `json:"due,omitempty"`
	Member string   `json:"member,omitempty"`
	Fields []string `json:"fields,omitempty"`
}

// promoted is one retry of outbox_promote.lua's argument: its member of the retry set and its
// entry's fields.
type promoted struct {
	Member string `json:"member"`
	retryEntry
}

// RetryOutbox puts a notification back for a later try at due, counting attempts. An entry no
// longer pending (another worker moved or finished it) is left alone.
func (s *Store) RetryOutbox(ctx context.Context, org string, item domain.OutboxItem, due time.Time, attempts int) error {
	e := retryEntry{User: item.UserID, N: outboxNotification(item), Collapse: item.Collapse, Attempts: strconv.Itoa(attempts)}
	arg := outboxMove{Group: outboxGroup, ID: item.EntryID, Due: due.UnixMilli(), Member: marshal(e)}
	return translate("outbox retry", moveScript.Run(ctx, s.rdb, []string{s.keys.outbox(org), s.keys.outboxRetry(org)}, scriptArg(arg)).Err())
}

// DeadLetter gives up on a notification (it stays in the inbox). An entry no longer pending is
// left alone.
func (s *Store) DeadLetter(ctx context.Context, org string, item domain.OutboxItem, reason string) error {
	arg := outboxMove{Group: outboxGroup, ID: item.EntryID, Fields: []string{"u", item.UserID, "n", outboxNotification(item),
		"c", item.Collapse, "a", strconv.Itoa(item.Attempts), "reason", reason}}
	return translate("dead letter", moveScript.Run(ctx, s.rdb, []string{s.keys.outbox(org), s.keys.outboxDead(org)}, scriptArg(arg)).Err())
}

// promoteBatch is how many due retries one pass moves back onto the outbox.
const promoteBatch = 1000

// PromoteRetries moves due retries back onto the outbox; it answers how many.
func (s *Store) PromoteRetries(ctx context.Context, org string, now time.Time) (int, error) {
	retry := s.keys.outboxRetry(org)
	due, err := s.rdb.ZRangeByScore(ctx, retry, &redis.ZRangeBy{
		Min: "-inf", Max: strconv.FormatInt(now.UnixMilli(), 10), Count: promoteBatch,
	}).Result()
	if err != nil || len(due) == 0 {
		return 0, translate("promote retries", err)
	}
	retries := make([]promoted, len(due))
	for i, m := range due {
		retries[i].Member = m
		if err := json.Unmarshal([]byte(m), &retries[i].retryEntry); err != nil {
			return 0, domain.Internal("decode retry", err)
		}
	}
	n, err := promoteScript.Run(ctx, s.rdb, []string{s.keys.outbox(org), retry}, scriptArg(retries)).Int()
	return n, translate("promote retries", err)
}

// OutboxStats answers the outbox's length, pending deliveries, retries waiting and dead letters.
func (s *Store) OutboxStats(ctx context.Context, org string) (queued, retrying, dead int64, err error) {
	pipe := s.rdb.Pipeline()
	q := pipe.XLen(ctx, s.keys.outbox(org))
	r := pipe.ZCard(ctx, s.keys.outboxRetry(org))
	d := pipe.XLen(ctx, s.keys.outboxDead(org))
	if err := execReads(ctx, pipe); err != nil {
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

// A delivery lease (keys.delivering) holds "<consumer>|<until, Unix ms>". Redis keeps the key
// twice the hold, only to clean up: the time that counts is until, by the injected clock.
func formatLease(l domain.DeliveryLease) string {
	return leasedBy(l.Holder) + strconv.FormatInt(l.Until.UnixMilli(), 10)
}

// leasedBy is how a lease held by consumer starts.
func leasedBy(consumer string) string { return consumer + "|" }

// parseLease reads a stored lease; one that cannot be read is held by nobody.
func parseLease(raw string) domain.DeliveryLease {
	holder, until, ok := strings.Cut(raw, "|")
	ms, err := strconv.ParseInt(until, 10, 64)
	if !ok || err != nil {
		return domain.DeliveryLease{}
	}
	return domain.DeliveryLease{Holder: holder, Until: time.UnixMilli(ms)}
}

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

// lease takes the lease (domain.DeliveryLease.MayTake). The common case, a notification nobody
// holds, is one write that finds no lease; otherwise the lease is read, decided on, and written
// while it is as read.
func (s *Store) lease(ctx context.Context, org, notificationID, consumer, from string, now time.Time, hold time.Duration) (bool, string, error) {
	k := s.keys.delivering(org, notificationID)
	mine := formatLease(domain.DeliveryLease{Holder: consumer, Until: now.Add(hold)})
	w := newWrite().absent(k, errStateMoved)
	for range tokenAttempts {
		err := w.setKeep(k, mine).pexpire(k, 2*hold).apply(ctx, s, "lease delivery")
		if !errors.Is(err, errStateMoved) {
			return err == nil, "", err
		}
		raw, err := s.rdb.Get(ctx, k).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return false, "", translate("lease delivery", err)
		}
		if l := parseLease(raw); !l.MayTake(consumer, from, now) {
			return false, l.Holder, nil
		}
		w = newWrite().valueIs(k, raw, errStateMoved)
	}
	return false, "", domain.Internal("lease delivery", errStateMoved)
}

// ReleaseDelivery gives up consumer's lease on pushing a notification, if it still holds it.
func (s *Store) ReleaseDelivery(ctx context.Context, org, notificationID, consumer string) error {
	k := s.keys.delivering(org, notificationID)
	err := newWrite().starts(k, leasedBy(consumer), errStateMoved).del(k).apply(ctx, s, "release delivery")
	if errors.Is(err, errStateMoved) { // another holds it, or nobody
		return nil
	}
	return err
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

// A push is decided in Go (domain.DecidePush) from the user's pushes of the day and the holder
// of its collapse window as read, and counted by the write script only while both are still as
// read; otherwise it is read and decided again.

// pushRounds bounds how often a push is decided again because another was counted for the same
// user between the read and the write. Each refused round means one more push counted (or a
// window that ran out), and a day counts at most its cap of them.
const pushRounds = 16

// pushesTTL is how long a day's pushes are kept: past the end of the day in any time zone.
const pushesTTL = 48 * time.Hour

// pushState is what a push is decided from, and the collapse guard as stored (the write checks
// that it is unchanged).
type pushState struct {
	domain.PushState
	guard string // "<notification id>|<window end, Unix ms>", "" for none
}

// AllowPush decides whether a notification is pushed to a user on their local day (see
// domain.DecidePush) and, when it is a new push, counts it on the day and holds its collapse
// window.
func (s *Store) AllowPush(ctx context.Context, org, userID, day, notificationID string, cap int, collapse string, window time.Duration, now time.Time) (bool, error) {
	r := domain.PushRequest{ID: notificationID, Collapse: collapse, Now: now}
	limits := domain.PushLimits{DailyCap: cap, Window: window}
	pushes, guard := s.keys.pushes(org, userID, day), ""
	if collapse != "" {
		guard = s.keys.collapse(org, userID+":"+collapse)
	}
	for range pushRounds {
		st, err := s.readPush(ctx, pushes, guard, notificationID)
		if err != nil {
			return false, err
		}
		d := domain.DecidePush(st.PushState, r, limits)
		if !d.Count {
			return d.Allow, nil
		}
		err = pushWrite(s.keys.user(org, userID), pushes, guard, st, r, d).run(ctx, s, "allow push")
		if errors.Is(err, errUserNotFound) { // erased while the push was on its way: not pushed
			return false, nil
		}
		if !errors.Is(err, errStateMoved) {
			return err == nil, err
		}
	}
	return false, domain.Internal("allow push", errStateMoved)
}

// pushWrite counts a push on the day's pushes and holds its collapse window, while neither has
// moved since st was read: the notification is still not counted, the day still counts as many,
// and the guard still holds what it held. The window's end is kept with its holder, as the clock
// says; Redis expiring the guard only cleans up. The user (their hash, user) must still be
// stored: their day's pushes are not written again after an erasure.
func pushWrite(user, pushes, guard string, st pushState, r domain.PushRequest, d domain.PushDecision) *write {
	w := newWrite().present(user, errUserNotFound).member(pushes, r.ID, false, errStateMoved).cardIs(pushes, st.Today, errStateMoved)
	if guard != "" {
		w.valueIs(guard, st.guard, errStateMoved)
	}
	if d.Hold > 0 {
		w.setex(guard, r.ID+"|"+strconv.FormatInt(r.Now.Add(d.Hold).UnixMilli(), 10), d.Hold)
	}
	return w.sadd(pushes, r.ID).pexpire(pushes, pushesTTL)
}

// readPush reads, in one step, whether the day's pushes count the notification already, how many
// they are, and who holds the collapse guard (when the push collapses with something).
func (s *Store) readPush(ctx context.Context, pushes, guard, notificationID string) (pushState, error) {
	var st pushState
	pipe := s.rdb.TxPipeline()
	counted := pipe.SIsMember(ctx, pushes, notificationID)
	today := pipe.SCard(ctx, pushes)
	var holder *redis.StringCmd
	if guard != "" {
		holder = pipe.Get(ctx, guard)
	}
	if err := execReads(ctx, pipe); err != nil {
		return st, translate("read pushes", err)
	}
	st.Counted, st.Today = counted.Val(), int(today.Val())
	if holder == nil || holder.Val() == "" {
		return st, nil
	}
	st.guard = holder.Val()
	id, till, ok := strings.Cut(st.guard, "|")
	ms, err := strconv.ParseInt(till, 10, 64)
	if !ok || err != nil {
		return st, domain.Internal("decode collapse guard", errors.New("not <id>|<ms>: "+st.guard))
	}
	st.Holder, st.HeldTill = id, time.UnixMilli(ms)
	return st, nil
}
