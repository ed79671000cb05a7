package store

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// LookupEnrollment finds whose code a hash is. The lookup by hash is not a timing oracle: see
// domain.HashSecret.
func (s *Store) LookupEnrollment(ctx context.Context, codeHash string) (string, string, error) {
	v, err := s.rdb.Get(ctx, s.keys.enrollment(codeHash)).Result()
	if errors.Is(err, redis.Nil) {
		return "", "", domain.ErrInvalidCode
	}
	if err != nil {
		return "", "", translate("lookup enrollment", err)
	}
	org, user, ok := strings.Cut(v, " ")
	if !ok {
		return "", "", domain.ErrInvalidCode
	}
	return org, user, nil
}

// A session family lives in its user's hash (a field familyPrefix+<id>): a key of its own cost
// ~350 B per user. A family ends when it is not rotated for the refresh TTL, as the key's TTL
// did; families past it are dropped when the user enrolls again or the token comes back.
// A refresh token is a string key named by its hash in base64 (see shortHash).
//
// Enrolling and refreshing are decided in Go (domain.DecideEnroll, domain.DecideRefresh) from
// the state as read, and written by the write script (see write) only while every value they
// were decided from is still as read; otherwise the state is read and decided again.
var sessionReadScript = luaScript("lib_keys", "session_read")

// sessionRounds bounds how often an enrollment or a refresh is decided again because its state
// moved. Refreshes racing with one token settle in three rounds (one rotates it; the others
// find it used, and the first of them ends the family), so this leaves room for the user's
// data changing in between too.
const sessionRounds = 8

// familyPrefix starts a session family's field in its user's hash: "<current refresh-token
// hash>|<created, Unix ms>|<expires, Unix ms>|<device JSON>" (parseFamily, formatFamily).
const familyPrefix = "fam:"

// parseFamily reads a family field; one that cannot be read is the zero family, which has ended.
func parseFamily(raw string) domain.SessionFamily {
	parts := strings.SplitN(raw, "|", 4)
	if len(parts) != 4 {
		return domain.SessionFamily{}
	}
	created, err1 := strconv.ParseUint(parts[1], 10, 63)
	expires, err2 := strconv.ParseUint(parts[2], 10, 63)
	if err1 != nil || err2 != nil {
		return domain.SessionFamily{}
	}
	return domain.SessionFamily{Current: parts[0], Created: time.UnixMilli(int64(created)),
		Expires: time.UnixMilli(int64(expires)), Device: parts[3]}
}

func formatFamily(f domain.SessionFamily) string {
	return f.Current + "|" + strconv.FormatInt(f.Created.UnixMilli(), 10) + "|" + strconv.FormatInt(f.Expires.UnixMilli(), 10) + "|" + f.Device
}

// parseToken reads a refresh token's value: "<family>|<user>", "|<used, Unix ms>" added once
// it was rotated. One that cannot be read, or names no valid user id, is as unknown (nil).
func parseToken(raw string) *domain.SessionToken {
	family, rest, ok := strings.Cut(raw, "|")
	if !ok {
		return nil
	}
	user, used, _ := strings.Cut(rest, "|")
	if !domain.ValidID(user) {
		return nil
	}
	return &domain.SessionToken{Family: family, User: user, Used: used != ""}
}

// tokenValue is what a token of family holds for user: used is when it was rotated (0 not yet).
func tokenValue(family, user string, used int64) string {
	if used == 0 {
		return family + "|" + user
	}
	return family + "|" + user + "|" + strconv.FormatInt(used, 10)
}

// sessionUser is what of a user's data decides their sessions; data is their stored JSON, ""
// for none, and validAfter their valid_after_ms field as stored.
func sessionUser(data, validAfter, org string) (domain.SessionUser, domain.User, error) {
	if data == "" {
		return domain.SessionUser{}, domain.User{}, nil
	}
	u, err := decodeUser(data, org, true)
	if err != nil {
		return domain.SessionUser{}, u, err
	}
	su := domain.SessionUser{Found: true, Active: u.Active, Team: u.TeamID}
	if n, err := strconv.ParseInt(validAfter, 10, 64); err == nil && n > 0 {
		su.After = time.UnixMilli(n)
	}
	return su, u, nil
}

// enrollState is what an enrollment is decided from, and the stored values the write checks
// are still current.
type enrollState struct {
	domain.EnrollState
	user                      domain.User
	data, code, exp, enrolled string
	families                  map[string]string // family id → its field as stored
}

// Enroll uses the code and starts a session.
func (s *Store) Enroll(ctx context.Context, org, userID, codeHash string, ns domain.NewSession) (domain.User, error) {
	in := domain.EnrollInput{Code: codeHash, Family: ns.FamilyID, Token: shortHash(ns.RefreshHash), Now: ns.Now, TTL: domain.RefreshTokenTTL}
	if ns.Device != nil {
		in.Device = marshal(ns.Device)
	}
	for range sessionRounds {
		st, err := s.readEnroll(ctx, org, userID)
		if err != nil {
			return domain.User{}, err
		}
		d := domain.DecideEnroll(st.EnrollState, in)
		if d.Refused != nil {
			return domain.User{}, d.Refused
		}
		err = s.enrollWrite(org, userID, st, d, in).run(ctx, s, "enroll")
		if errors.Is(err, errStateMoved) {
			continue
		}
		if err != nil {
			return domain.User{}, err
		}
		// The index entry has done its work; it expires by itself if this fails.
		_ = s.rdb.Del(ctx, s.keys.enrollment(codeHash)).Err()
		return st.user, nil
	}
	return domain.User{}, domain.Internal("enroll", errStateMoved)
}

// readEnroll reads the user's hash: their data, code, first enrollment and families.
func (s *Store) readEnroll(ctx context.Context, org, userID string) (enrollState, error) {
	var st enrollState
	if !domain.ValidID(userID) {
		return st, nil
	}
	h, err := s.rdb.HGetAll(ctx, s.keys.user(org, userID)).Result()
	if err != nil {
		return st, translate("read enrollment", err)
	}
	st.data, st.code, st.exp, st.enrolled = h[dataField], h[fieldCode], h[fieldCodeExp], h[fieldEnrolled]
	if st.User, st.user, err = sessionUser(st.data, "", org); err != nil {
		return st, err
	}
	st.Code, st.Enrolled = st.code, st.enrolled != ""
	if n, err := strconv.ParseInt(st.exp, 10, 64); err == nil {
		st.CodeExpires = time.UnixMilli(n)
	}
	st.families, st.Families = map[string]string{}, map[string]domain.SessionFamily{}
	for f, v := range h {
		if id, ok := strings.CutPrefix(f, familyPrefix); ok {
			st.families[id], st.Families[id] = v, parseFamily(v)
		}
	}
	return st, nil
}

// enrollWrite is what an enrollment writes: the code used, the first enrollment counted, ended
// families dropped and the new family with its first token, while the user's data, code, first
// enrollment and the dropped families are as read.
func (s *Store) enrollWrite(org, userID string, st enrollState, d domain.EnrollDecision, in domain.EnrollInput) *write {
	k := s.keys.user(org, userID)
	w := newWrite().
		fieldIs(k, dataField, st.data, errStateMoved). // active, and the team counted in
		fieldIs(k, fieldCode, st.code, errStateMoved).
		fieldIs(k, fieldCodeExp, st.exp, errStateMoved).
		fieldIs(k, fieldEnrolled, st.enrolled, errStateMoved)
	for _, id := range d.Prune {
		w.fieldIs(k, familyPrefix+id, st.families[id], errStateMoved).hdel(k, familyPrefix+id)
	}
	w.hdel(k, fieldCode).hdel(k, fieldCodeExp)
	if d.First {
		w.hset(k, fieldEnrolled, strconv.FormatInt(in.Now.UnixMilli(), 10))
		if d.CountIn != "" {
			w.hincrby(s.keys.teamSizes(org), d.CountIn, 1)
		}
	}
	// the new refresh key names the user: an act of theirs (see actedBy; their data is checked)
	return w.hset(k, familyPrefix+in.Family, formatFamily(d.Family)).hset(k, fieldActStamp, newStamp()).
		setex(s.keys.refresh(org, in.Token), tokenValue(in.Family, userID, 0), in.TTL)
}

// refreshState is what a refresh is decided from, and the stored values the write checks are
// still current.
type refreshState struct {
	domain.RefreshState
	user                            domain.User
	token, data, validAfter, family string
}

// Refresh rotates a refresh token. The token names its user: the read script reads both in
// one step, as the key of the user's hash is known only from the token.
func (s *Store) Refresh(ctx context.Context, org, refreshHash string, ns domain.NewSession) (domain.User, string, error) {
	presented := s.keys.refresh(org, shortHash(refreshHash))
	in := domain.RefreshInput{Presented: shortHash(refreshHash), Next: shortHash(ns.RefreshHash), Now: ns.Now, TTL: domain.RefreshTokenTTL}
	for range sessionRounds {
		st, err := s.readRefresh(ctx, org, presented)
		if err != nil {
			return domain.User{}, "", err
		}
		d := domain.DecideRefresh(st.RefreshState, in)
		if d.Refused != nil && !d.EndFamily {
			return domain.User{}, "", d.Refused
		}
		err = s.refreshWrite(org, presented, st, d, in).run(ctx, s, "refresh")
		if errors.Is(err, errStateMoved) {
			continue
		}
		if err != nil {
			return domain.User{}, "", err
		}
		if d.Refused != nil {
			return domain.User{}, "", d.Refused
		}
		return st.user, st.Token.Family, nil
	}
	return domain.User{}, "", domain.Internal("refresh", errStateMoved)
}

// sessionRead is session_read.lua's argument.
type sessionRead struct {
	User       []string `json:"user"`
	Data       string   `json:"data"`
	ValidAfter string   `json:"valid_after"`
	Family     string   `json:"family"`
}

// readRefresh reads the presented token and, when it names a user, their data and the token's
// family (lua/session_read.lua).
func (s *Store) readRefresh(ctx context.Context, org, presented string) (refreshState, error) {
	var st refreshState
	arg := sessionRead{User: keyPattern(s.keys.user(org, keyHole)), Data: dataField, ValidAfter: fieldValidAfter, Family: familyPrefix}
	res, err := sessionReadScript.Run(ctx, s.rdb, []string{presented}, scriptArg(arg)).Slice()
	if err != nil {
		return st, translate("read refresh token", err)
	}
	str := func(i int) string {
		if i >= len(res) {
			return ""
		}
		v, _ := res[i].(string)
		return v
	}
	st.token, st.data, st.validAfter, st.family = str(0), str(1), str(2), str(3)
	if st.Token = parseToken(st.token); st.Token == nil {
		return st, nil
	}
	st.Family = parseFamily(st.family)
	st.User, st.user, err = sessionUser(st.data, st.validAfter, org)
	return st, err
}

// refreshWrite is what a refresh writes: the family ended (and its access tokens voided, for a
// reused token), or the presented token marked used and the family rotated to the next one,
// while the token, its family and its user's data and valid_after_ms are as read.
func (s *Store) refreshWrite(org, presented string, st refreshState, d domain.RefreshDecision, in domain.RefreshInput) *write {
	t := st.Token
	k, field := s.keys.user(org, t.User), familyPrefix+t.Family
	w := newWrite().
		valueIs(presented, st.token, errStateMoved).
		fieldIs(k, field, st.family, errStateMoved).
		fieldIs(k, dataField, st.data, errStateMoved).
		fieldIs(k, fieldValidAfter, st.validAfter, errStateMoved)
	if d.EndFamily {
		w.hdel(k, field)
	}
	if d.Revoke {
		// as a logout does: replicas void every access token of the family
		s.revokeTokens(w, org, domain.SessionRevocation(t.Family), in.Now)
	}
	if d.Refused == nil {
		w.setKeep(presented, tokenValue(t.Family, t.User, in.Now.UnixMilli())).
			setex(s.keys.refresh(org, in.Next), tokenValue(t.Family, t.User, 0), in.TTL).
			hset(k, field, formatFamily(d.Family)).
			hset(k, fieldActStamp, newStamp()) // the new key names the user: an act (actedBy)
	}
	return w
}

// Logout ends the session of a refresh token: the token goes, its family ends and every access
// token of the family is voided (domain.SessionRevocation), written while the token is as read.
// An unknown token has no session.
func (s *Store) Logout(ctx context.Context, org, refreshHash string, now time.Time) error {
	token := s.keys.refresh(org, shortHash(refreshHash))
	for range sessionRounds {
		raw, err := s.rdb.Get(ctx, token).Result()
		if errors.Is(err, redis.Nil) {
			return nil
		}
		if err != nil {
			return translate("read refresh token", err)
		}
		t := parseToken(raw)
		if t == nil {
			return nil
		}
		w := newWrite().valueIs(token, raw, errStateMoved).del(token).hdel(s.keys.user(org, t.User), familyPrefix+t.Family)
		s.revokeTokens(w, org, domain.SessionRevocation(t.Family), now)
		if err := w.run(ctx, s, "logout"); !errors.Is(err, errStateMoved) {
			return err
		}
	}
	return domain.Internal("logout", errStateMoved)
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
