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

// A session family lives in its user's hash (see lua/lib_family.lua): a key of its own cost
// ~350 B per user. A family ends when it is not rotated for the refresh TTL, as the key's TTL
// did; families past it are dropped when the user enrolls again or the token comes back.
// A refresh token is a string key named by its hash in base64 (see shortHash).
var (
	enrollScript  = luaScript("lib_family", "session_enroll")
	refreshScript = luaScript("lib_family", "session_refresh")
	logoutScript  = luaScript("lib_family", "session_logout")
)

// enrollArgs is session_enroll.lua's argument.
type enrollArgs struct {
	Code   string `json:"code"` // the code's hash
	Now    int64  `json:"now"`  // Unix ms
	Family string `json:"family"`
	TTL    int64  `json:"ttl"`    // the refresh TTL, ms
	Device string `json:"device"` // device JSON, "" for none
	User   string `json:"user"`
	Token  string `json:"token"` // the new token's hash in base64
}

// refreshArgs is session_refresh.lua's argument.
type refreshArgs struct {
	User      string `json:"user"` // the user the presented token names
	Now       int64  `json:"now"`  // Unix ms
	TTL       int64  `json:"ttl"`  // the refresh TTL, ms
	Token     string `json:"token"`
	Presented string `json:"presented"`
	Kept      int64  `json:"kept"` // ms the revocation list is kept
}

// Enroll uses the code and starts a session.
func (s *Store) Enroll(ctx context.Context, org, userID, codeHash string, ns domain.NewSession) (domain.User, error) {
	device := ""
	if ns.Device != nil {
		device = marshal(ns.Device)
	}
	data, err := enrollScript.Run(ctx, s.rdb,
		[]string{s.keys.user(org, userID), s.keys.refresh(org, shortHash(ns.RefreshHash)), s.keys.teamSizes(org)},
		marshal(enrollArgs{Code: codeHash, Now: ns.Now.UnixMilli(), Family: ns.FamilyID, TTL: domain.RefreshTokenTTL.Milliseconds(),
			Device: device, User: userID, Token: shortHash(ns.RefreshHash)}),
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

// Refresh rotates a refresh token. The token names its user, whose hash the script is given:
// one read first, as refreshing is rare next to the calls it allows.
func (s *Store) Refresh(ctx context.Context, org, refreshHash string, ns domain.NewSession) (domain.User, string, error) {
	presented := s.keys.refresh(org, shortHash(refreshHash))
	user, err := s.tokenUser(ctx, presented)
	if err != nil || user == "" {
		return domain.User{}, "", err
	}
	res, err := refreshScript.Run(ctx, s.rdb,
		[]string{presented, s.keys.refresh(org, shortHash(ns.RefreshHash)), s.keys.revoked(org), s.keys.user(org, user)},
		marshal(refreshArgs{User: user, Now: ns.Now.UnixMilli(), TTL: domain.RefreshTokenTTL.Milliseconds(),
			Token: shortHash(ns.RefreshHash), Presented: shortHash(refreshHash), Kept: revocationsKept.Milliseconds()}),
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

// tokenUser answers the user a refresh token names; "" and errInvalidToken for an unknown one.
// A token's user never changes: the scripts check it again in their step.
func (s *Store) tokenUser(ctx context.Context, token string) (string, error) {
	v, err := s.rdb.Get(ctx, token).Result()
	if errors.Is(err, redis.Nil) {
		return "", errInvalidToken
	}
	if err != nil {
		return "", translate("read refresh token", err)
	}
	_, rest, _ := strings.Cut(v, "|")
	user, _, _ := strings.Cut(rest, "|")
	if !domain.ValidID(user) {
		return "", errInvalidToken
	}
	return user, nil
}

// Logout ends the session of a refresh token; an unknown token has none.
func (s *Store) Logout(ctx context.Context, org, refreshHash string, now time.Time) error {
	token := s.keys.refresh(org, shortHash(refreshHash))
	user, err := s.tokenUser(ctx, token)
	if errors.Is(err, errInvalidToken) {
		return nil
	}
	if err != nil {
		return err
	}
	return translate("logout", logoutScript.Run(ctx, s.rdb, []string{token, s.keys.revoked(org), s.keys.user(org, user)},
		user, now.UnixMilli(), revocationsKept.Milliseconds()).Err())
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
