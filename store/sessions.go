package store

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

var (
	errInvalidCode   = domain.Unauthorized("invalid_code", "The enrollment code is unknown, used or expired.")
	errInvalidToken  = domain.Unauthorized("invalid_token", "The refresh token is unknown, expired or revoked.")
	errRefreshReused = domain.Unauthorized("refresh_reused", "The refresh token was used before; the session has been ended. Enroll again.")
)

// LookupEnrollment finds whose code a hash is. The lookup by hash is not a timing oracle: see
// domain.HashSecret.
func (s *Store) LookupEnrollment(ctx context.Context, codeHash string) (string, string, error) {
	v, err := s.rdb.Get(ctx, s.keys.enrollment(codeHash)).Result()
	if errors.Is(err, redis.Nil) {
		return "", "", errInvalidCode
	}
	if err != nil {
		return "", "", translate("lookup enrollment", err)
	}
	org, user, ok := strings.Cut(v, " ")
	if !ok {
		return "", "", errInvalidCode
	}
	return org, user, nil
}

// A session family lives in its user's hash, field "fam:<family id>", as
// "<current refresh-token hash>|<created, Unix ms>|<expires, Unix ms>|<device JSON>", the hash
// in base64 (see shortHash): a key of
// its own cost ~350 B per user. A family ends when it is not rotated for the refresh TTL, as the
// key's TTL did; families past it are dropped when the user enrolls again or the token comes
// back.
//
// A refresh token is a string key "refresh:<hash in base64>" holding "<family>|<user>", or
// "<family>|<user>|<used, Unix ms>" once rotated.
//
// familyLua reads, writes and ends families and tokens; keys are built from the org's base and
// share its slot.
const familyLua = `
local function readtoken(key)
  local v = redis.call('GET', key)
  if not v then return nil end
  local family, user, used = string.match(v, '^([^|]*)|([^|]*)|?(.*)$')
  if used == '' then used = nil end
  return family, user, used
end
local function familyfield(id) return 'fam:' .. id end
local function readfamily(base, user, id, now)
  local v = redis.call('HGET', base .. 'user:' .. user, familyfield(id))
  if not v then return nil end
  local current, created, expires, device = string.match(v, '^([^|]*)|(%d+)|(%d+)|(.*)$')
  if not current or tonumber(expires) < now then return nil end
  return {current = current, created = created, device = device}
end
local function writefamily(base, user, id, f, expires)
  redis.call('HSET', base .. 'user:' .. user, familyfield(id),
    f.current .. '|' .. f.created .. '|' .. string.format('%.0f', expires) .. '|' .. f.device)
end
local function endfamily(base, user, id)
  redis.call('HDEL', base .. 'user:' .. user, familyfield(id))
end
`

// enrollScript uses an enrollment code once and starts a session family.
//
// KEYS[1] the user hash, KEYS[2] the new refresh token.
// ARGV[1] code hash, ARGV[2] now (Unix ms), ARGV[3] family id, ARGV[4] refresh TTL (ms),
// ARGV[5] device JSON ("" for none), ARGV[6] user id, ARGV[7] the refresh token's hash in
// base64, ARGV[8] the org's key base.
// Returns the user's data JSON, or false when the code is not (or no longer) valid.
//
// The code hashes compared here are both SHA-256 of a code, and ARGV[1] was found in the index
// already: the comparison's timing gives nothing away (domain.HashSecret says why).
var enrollScript = redis.NewScript(familyLua + `
local data = redis.call('HGET', KEYS[1], 'data')
if not data or not cjson.decode(data).active then return false end
local code = redis.call('HMGET', KEYS[1], 'code', 'code_exp')
if code[1] ~= ARGV[1] or tonumber(code[2]) < tonumber(ARGV[2]) then return false end
redis.call('HDEL', KEYS[1], 'code', 'code_exp')
if redis.call('HEXISTS', KEYS[1], 'enrolled_ms') == 0 then
  redis.call('HSET', KEYS[1], 'enrolled_ms', ARGV[2])
end
local now = tonumber(ARGV[2])
local fields = redis.call('HKEYS', KEYS[1])
for _, field in ipairs(fields) do
  if string.sub(field, 1, 4) == 'fam:' then
    local id = string.sub(field, 5)
    if not readfamily(ARGV[8], ARGV[6], id, now) then endfamily(ARGV[8], ARGV[6], id) end
  end
end
writefamily(ARGV[8], ARGV[6], ARGV[3], {current = ARGV[7], created = ARGV[2], device = ARGV[5]}, now + tonumber(ARGV[4]))
redis.call('SET', KEYS[2], ARGV[3] .. '|' .. ARGV[6], 'PX', ARGV[4])
return data
`)

// Enroll uses the code and starts a session.
func (s *Store) Enroll(ctx context.Context, org, userID, codeHash string, ns domain.NewSession) (domain.User, error) {
	device := ""
	if ns.Device != nil {
		device = marshal(ns.Device)
	}
	data, err := enrollScript.Run(ctx, s.rdb,
		[]string{s.keys.user(org, userID), s.keys.refresh(org, shortHash(ns.RefreshHash))},
		codeHash, ns.Now.UnixMilli(), ns.FamilyID, domain.RefreshTokenTTL.Milliseconds(), device, userID, shortHash(ns.RefreshHash), s.keys.org(org),
	).Text()
	if errors.Is(err, redis.Nil) {
		return domain.User{}, errInvalidCode
	}
	if err != nil {
		return domain.User{}, translate("enroll", err)
	}
	// The index entry has done its work; it expires by itself if this fails.
	_ = s.rdb.Del(ctx, s.keys.enrollment(codeHash)).Err()
	return decodeUser(data, org, true)
}

// refreshScript rotates a refresh token.
//
// KEYS[1] the presented token, KEYS[2] the new token, KEYS[3] the org's revocation list.
// ARGV[1] the org's key base ("mx:{acme}:"; the user key is built from it and shares its slot),
// ARGV[2] now (Unix ms), ARGV[3] refresh TTL (ms), ARGV[4] the new token's hash in base64,
// ARGV[5] the presented token's hash in base64, ARGV[6] how long the revocation list is kept (ms).
// Returns {"ok", user data JSON, family id}, {"invalid_token"} or {"refresh_reused"}.
//
// A rotated token is kept, marked used, until it would have expired: presenting it again means
// it was copied, so the whole family is ended and neither copy works any more — nor any access
// token of the family, the thief's included: the family goes into the revocation list in the
// same step, as a logout puts it there (see logoutScript). The token is
// found by its hash (KEYS[1]) before the family's current hash is compared with it, so the
// comparison's timing gives nothing away (domain.HashSecret says why).
var refreshScript = redis.NewScript(familyLua + `
local t = {readtoken(KEYS[1])}
if not t[1] then return {'invalid_token'} end
local now = tonumber(ARGV[2])
if t[3] then
  endfamily(ARGV[1], t[2], t[1])
  redis.call('ZADD', KEYS[3], ARGV[2], 'sid:' .. t[1])
  redis.call('PEXPIRE', KEYS[3], ARGV[6])
  return {'refresh_reused'}
end
local f = readfamily(ARGV[1], t[2], t[1], now)
if not f then
  endfamily(ARGV[1], t[2], t[1])
  return {'invalid_token'}
end
if f.current ~= ARGV[5] then return {'invalid_token'} end
local u = redis.call('HMGET', ARGV[1] .. 'user:' .. t[2], 'data', 'valid_after_ms')
if not u[1] or not cjson.decode(u[1]).active or tonumber(f.created) < tonumber(u[2] or '0') then
  endfamily(ARGV[1], t[2], t[1])
  return {'invalid_token'}
end
redis.call('SET', KEYS[1], t[1] .. '|' .. t[2] .. '|' .. ARGV[2], 'KEEPTTL')
redis.call('SET', KEYS[2], t[1] .. '|' .. t[2], 'PX', ARGV[3])
f.current = ARGV[4]
writefamily(ARGV[1], t[2], t[1], f, now + tonumber(ARGV[3]))
return {'ok', u[1], t[1]}
`)

// Refresh rotates a refresh token.
func (s *Store) Refresh(ctx context.Context, org, refreshHash string, ns domain.NewSession) (domain.User, string, error) {
	res, err := refreshScript.Run(ctx, s.rdb,
		[]string{s.keys.refresh(org, shortHash(refreshHash)), s.keys.refresh(org, shortHash(ns.RefreshHash)), s.keys.revoked(org)},
		s.keys.org(org), ns.Now.UnixMilli(), domain.RefreshTokenTTL.Milliseconds(), shortHash(ns.RefreshHash), shortHash(refreshHash),
		revocationsKept.Milliseconds(),
	).StringSlice()
	if err != nil {
		return domain.User{}, "", translate("refresh", err)
	}
	switch res[0] {
	case "ok":
		u, err := decodeUser(res[1], org, true)
		return u, res[2], err
	case "refresh_reused":
		return domain.User{}, "", errRefreshReused
	default:
		return domain.User{}, "", errInvalidToken
	}
}

// logoutScript ends the family of a refresh token and voids its access tokens (an entry
// "sid:<family>" in the org's revocation list, which replicas read every 30 s; an ended family
// issues no token any more, so the entry voids every token of it, whenever issued).
//
// KEYS[1] the token, KEYS[2] the revocation list.
// ARGV[1] the org's key base, ARGV[2] now (Unix ms), ARGV[3] how long the list is kept (ms).
var logoutScript = redis.NewScript(familyLua + `
local t = {readtoken(KEYS[1])}
if t[1] then
  endfamily(ARGV[1], t[2], t[1])
  redis.call('ZADD', KEYS[2], ARGV[2], 'sid:' .. t[1])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
redis.call('DEL', KEYS[1])
return 0
`)

// Logout ends the session of a refresh token.
func (s *Store) Logout(ctx context.Context, org, refreshHash string, now time.Time) error {
	return translate("logout", logoutScript.Run(ctx, s.rdb, []string{s.keys.refresh(org, shortHash(refreshHash)), s.keys.revoked(org)},
		s.keys.org(org), now.UnixMilli(), revocationsKept.Milliseconds()).Err())
}

// shortHash is a refresh token's hash (hex, as domain.HashSecret makes it) as its key and its
// family name it: in URL-safe base64, 21 B shorter. Anything that is not hex is kept as it is.
func shortHash(hexHash string) string {
	b, err := hex.DecodeString(hexHash)
	if err != nil {
		return hexHash
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeUser(data, org string, enrolled bool) (domain.User, error) {
	var u domain.User
	if err := json.Unmarshal([]byte(data), &u); err != nil {
		return u, domain.Internal("decode user", err)
	}
	u.Org, u.Enrolled = org, enrolled
	return u, nil
}
