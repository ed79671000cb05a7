package handlers

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/microact/microact/domain"
)

// Access tokens are EdDSA (Ed25519) JWTs. The key file holds one or more keys: the first
// private key signs, every key verifies, so a new key can be put in front of the old one and
// the old one removed once the tokens it signed have expired — nobody is logged out.

// Keys are the signing key and every key that verifies.
type Keys struct {
	signer  ed25519.PrivateKey
	signKID string
	verify  map[string]ed25519.PublicKey
	order   []string // kids in file order, for the JWKS
}

// ParseKeys reads PEM blocks: "PRIVATE KEY" (PKCS #8 Ed25519) and "PUBLIC KEY" (PKIX Ed25519,
// a retired key that still verifies).
func ParseKeys(pemData []byte) (*Keys, error) {
	k := &Keys{verify: map[string]ed25519.PublicKey{}}
	for n := 1; ; n++ {
		var block *pem.Block
		block, pemData = pem.Decode(pemData)
		if block == nil {
			break
		}
		var pub ed25519.PublicKey
		switch block.Type {
		case "PRIVATE KEY":
			key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
			priv, ok := key.(ed25519.PrivateKey)
			if err != nil || !ok {
				return nil, fmt.Errorf("PEM block %d: not a PKCS #8 Ed25519 private key", n)
			}
			pub = priv.Public().(ed25519.PublicKey)
			if k.signer == nil {
				k.signer, k.signKID = priv, keyID(pub)
			}
		case "PUBLIC KEY":
			key, err := x509.ParsePKIXPublicKey(block.Bytes)
			p, ok := key.(ed25519.PublicKey)
			if err != nil || !ok {
				return nil, fmt.Errorf("PEM block %d: not a PKIX Ed25519 public key", n)
			}
			pub = p
		default:
			return nil, fmt.Errorf("PEM block %d: unexpected type %q", n, block.Type)
		}
		kid := keyID(pub)
		if _, dup := k.verify[kid]; !dup {
			k.verify[kid] = pub
			k.order = append(k.order, kid)
		}
	}
	if k.signer == nil {
		return nil, errors.New("no Ed25519 private key (PEM \"PRIVATE KEY\") found")
	}
	return k, nil
}

// GenerateKeyPEM returns a new Ed25519 private key as PEM, for development.
func GenerateKeyPEM() ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// keyID is the first 16 bytes of the key's SHA-256, base64url: stable across restarts and
// replicas without configuring anything.
func keyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return base64.RawURLEncoding.EncodeToString(sum[:16])
}

// claims are an access token's claims.
type claims struct {
	Org  string `json:"org"`
	Role string `json:"role"`
	TZ   string `json:"tz"`             // the user's effective time zone, so their day needs no lookup
	Team string `json:"team,omitempty"` // the user's team, so boards check access in one call
	SID  string `json:"sid"`            // the session (refresh-token family), which logout ends
	jwt.RegisteredClaims
}

// Tokens issues and verifies access tokens.
type Tokens struct {
	keys   *Keys
	clock  domain.Clock
	parser *jwt.Parser

	// verified remembers tokens whose signature and claims checked out, by the token's exact
	// text, until they expire: checking an Ed25519 signature costs more than the rest of a
	// typical request, and a phone sends the same token with every call for 15 minutes.
	// Expiry is checked again on every use; revocation is the caller's check, as before.
	mu          sync.RWMutex
	verified    map[string]verifiedToken
	verifiedCap int
}

type verifiedToken struct {
	caller          domain.Principal
	issued, expires time.Time
}

// verifiedCap bounds the verified-token cache: about 700 bytes per entry, 35 MB when full.
const verifiedCap = 50_000

// leeway is how far apart the clocks of the issuing and the checking replica may be.
const leeway = 5 * time.Second

// NewTokens uses keys and clock.
func NewTokens(keys *Keys, clock domain.Clock) *Tokens {
	return &Tokens{keys: keys, clock: clock, verified: map[string]verifiedToken{}, verifiedCap: verifiedCap, parser: jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodEdDSA.Alg()}), // pinned: never "none", never HS*
		jwt.WithIssuedAt(),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(clock.Now),
		jwt.WithLeeway(leeway),
	)}
}

// Issue signs an access token of session sid for the user, whose effective time zone is tz.
func (t *Tokens) Issue(u domain.User, tz, sid string) (string, error) {
	now := t.clock.Now()
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims{
		Org: u.Org, Role: string(u.Role), TZ: tz, Team: u.TeamID, SID: sid,
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   u.ID,
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(domain.AccessTokenTTL)),
			ID:        domain.NewID(now),
		},
	})
	tok.Header["kid"] = t.keys.signKID
	return tok.SignedString(t.keys.signer)
}

var (
	errNoToken      = domain.Unauthorized("unauthorized", "An access token is required: Authorization: Bearer <token>.")
	errBadToken     = domain.Unauthorized("unauthorized", "The access token is not valid.")
	errExpiredToken = domain.Unauthorized("token_expired", "The access token has expired; refresh the session.")
	errRevokedToken = domain.Unauthorized("unauthorized", "The access token is no longer valid; refresh the session.")
)

// Verify checks an access token and returns its caller and when it was issued.
func (t *Tokens) Verify(token string) (domain.Principal, time.Time, error) {
	t.mu.RLock()
	v, ok := t.verified[token]
	t.mu.RUnlock()
	if ok {
		now := t.clock.Now()
		switch {
		case now.After(v.expires.Add(leeway)):
			t.mu.Lock()
			delete(t.verified, token)
			t.mu.Unlock()
			return domain.Principal{}, time.Time{}, errExpiredToken
		case v.issued.After(now.Add(leeway)): // only a clock set back can get here
			return domain.Principal{}, time.Time{}, errBadToken
		}
		return v.caller, v.issued, nil
	}
	caller, issued, expires, err := t.verify(token)
	if err == nil {
		t.remember(token, verifiedToken{caller: caller, issued: issued, expires: expires})
	}
	return caller, issued, err
}

// remember adds a verified token; when the cache is full it first drops the expired ones,
// and if that frees too little, everything (each token is then checked once more).
func (t *Tokens) remember(token string, v verifiedToken) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.verified) >= t.verifiedCap {
		now := t.clock.Now()
		for k, old := range t.verified {
			if now.After(old.expires.Add(leeway)) {
				delete(t.verified, k)
			}
		}
		if len(t.verified) >= t.verifiedCap*3/4 {
			clear(t.verified)
		}
	}
	t.verified[token] = v
}

// verify checks a token's signature and claims.
func (t *Tokens) verify(token string) (domain.Principal, time.Time, time.Time, error) {
	var c claims
	_, err := t.parser.ParseWithClaims(token, &c, func(tok *jwt.Token) (any, error) {
		kid, _ := tok.Header["kid"].(string)
		if pub, ok := t.keys.verify[kid]; ok {
			return pub, nil
		}
		return nil, errors.New("unknown kid")
	})
	if errors.Is(err, jwt.ErrTokenExpired) {
		return domain.Principal{}, time.Time{}, time.Time{}, errExpiredToken
	}
	if err != nil {
		return domain.Principal{}, time.Time{}, time.Time{}, errBadToken
	}
	role, rerr := domain.ParseRole("role", c.Role)
	if rerr != nil || c.Subject == "" || domain.ValidateSlug(c.Org) != nil || c.IssuedAt == nil || c.ExpiresAt == nil {
		return domain.Principal{}, time.Time{}, time.Time{}, errBadToken
	}
	if _, err := domain.LoadTimezone("tz", c.TZ); err != nil {
		return domain.Principal{}, time.Time{}, time.Time{}, errBadToken
	}
	// The jti is made at the issue instant to the millisecond; iat has whole seconds only, too
	// coarse to tell a token from just before a revocation from one just after.
	issued := c.IssuedAt.Time
	if at, ok := domain.IDTime(c.ID); ok && at.Truncate(time.Second).Equal(issued.Truncate(time.Second)) {
		issued = at
	}
	caller := domain.Principal{UserID: c.Subject, Org: c.Org, Role: role, Timezone: c.TZ, TeamID: c.Team, SessionID: c.SID}
	return caller, issued, c.ExpiresAt.Time, nil
}

// JWKS lists the public keys in the JSON Web Key Set format.
func (t *Tokens) JWKS() JWKS {
	set := JWKS{Keys: make([]JWK, 0, len(t.keys.order))}
	for _, kid := range t.keys.order {
		set.Keys = append(set.Keys, JWK{
			Kty: JWKKtyOKP, Crv: JWKCrvEd25519, Alg: JWKAlgEdDSA, Use: JWKUseSig, Kid: kid,
			X: base64.RawURLEncoding.EncodeToString(t.keys.verify[kid]),
		})
	}
	return set
}
