package handlers

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/pem"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/microact/microact/domain"
)

// Access tokens (contract §3): what the API accepts as a bearer token, and key rotation.

func TestAccessTokens(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	eva := a.member(admin, "Eva Jansen", "employee", "")

	t.Run("a token from enrollment is accepted", func(t *testing.T) {
		a := a.in(t)
		a.call("GET", "/v1/me", eva.AccessToken, nil).expect(200)
	})

	t.Run("the token carries the contract's claims and a kid", func(t *testing.T) {
		c := tokenClaims(eva.AccessToken)
		for _, name := range []string{"sub", "org", "role", "exp", "iat", "jti"} {
			if c[name] == nil {
				t.Errorf("claim %q missing: %v", name, c)
			}
		}
		if c["sub"] != eva.User.Id || c["org"] != "acme" || c["role"] != "employee" {
			t.Fatalf("claims %v", c)
		}
		if exp, iat := c["exp"].(float64), c["iat"].(float64); exp-iat != 900 {
			t.Fatalf("lifetime %v s, want 900", exp-iat)
		}
		tok, _, err := jwt.NewParser().ParseUnverified(eva.AccessToken, jwt.MapClaims{})
		if err != nil || tok.Header["kid"] == nil || tok.Header["alg"] != "EdDSA" {
			t.Fatalf("header %v, %v", tok.Header, err)
		}
	})

	for _, tc := range []struct{ name, header string }{
		{"no Authorization header", ""},
		{"an empty bearer token", "Bearer "},
		{"a bearer token that is no JWT", "Bearer garbage"},
		{"a token in another scheme", "Basic " + eva.AccessToken},
		{"a token without a scheme", eva.AccessToken},
		{"a token with its signature cut off", "Bearer " + eva.AccessToken[:len(eva.AccessToken)-10]},
		{"a token with a changed payload", "Bearer " + withPayload(eva.AccessToken, a.claimsOf(admin))},
	} {
		t.Run(tc.name+" is 401 unauthorized", func(t *testing.T) {
			a := a.in(t)
			headers := []string{}
			if tc.header != "" {
				headers = []string{"Authorization", tc.header}
			}
			a.call("GET", "/v1/me", "", nil, headers...).wantProblem(401, "unauthorized")
		})
	}

	t.Run("the bearer scheme is case-insensitive", func(t *testing.T) {
		a := a.in(t)
		a.call("GET", "/v1/me", "", nil, "Authorization", "bearer "+eva.AccessToken).expect(200)
	})

	_, otherKey, _ := ed25519.GenerateKey(nil)
	ownKID := a.server.Tokens.keys.signKID
	forged := func(change func(*claims)) claims {
		c := a.claimsOf(eva)
		change(&c)
		return c
	}
	unchanged := func(*claims) {}
	for _, tc := range []struct{ name, token string }{
		{"a token signed by another key (its own kid)", sign(jwt.SigningMethodEdDSA, otherKey, keyID(otherKey.Public().(ed25519.PublicKey)), a.claimsOf(eva))},
		{"a token signed by another key under the server's kid", sign(jwt.SigningMethodEdDSA, otherKey, ownKID, a.claimsOf(eva))},
		{"an HS256 token with any secret", sign(jwt.SigningMethodHS256, []byte("secret"), ownKID, a.claimsOf(eva))},
		{"an HS256 token keyed with the server's public key", sign(jwt.SigningMethodHS256, []byte(a.server.Tokens.keys.verify[ownKID]), ownKID, a.claimsOf(eva))},
		{"an unsigned token (alg none)", sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, ownKID, a.claimsOf(eva))},
		{"a server-signed token with an unknown kid", sign(jwt.SigningMethodEdDSA, a.server.Tokens.keys.signer, "no-such-kid", a.claimsOf(eva))},
		{"a server-signed token without a kid", sign(jwt.SigningMethodEdDSA, a.server.Tokens.keys.signer, "", a.claimsOf(eva))},
		{"a token issued in the future", a.serverSigned(forged(func(c *claims) {
			c.IssuedAt = jwt.NewNumericDate(a.clock.Now().Add(time.Hour))
			c.ExpiresAt = jwt.NewNumericDate(a.clock.Now().Add(time.Hour + domain.AccessTokenTTL))
		}))},
		{"a token without iat", a.serverSigned(forged(func(c *claims) { c.IssuedAt = nil }))},
		{"a token without exp", a.serverSigned(forged(func(c *claims) { c.ExpiresAt = nil }))},
		{"a token without sub", a.serverSigned(forged(func(c *claims) { c.Subject = "" }))},
		{"a token with an unknown role", a.serverSigned(forged(func(c *claims) { c.Role = "owner" }))},
		{"a token whose org is not a slug", a.serverSigned(forged(func(c *claims) { c.Org = "{acme}" }))},
		{"a token not yet valid (nbf)", a.serverSigned(forged(func(c *claims) { c.NotBefore = jwt.NewNumericDate(a.clock.Now().Add(time.Hour)) }))},
		{"a sanity check: the forging helper makes good tokens", ""},
	} {
		if tc.token == "" {
			t.Run(tc.name, func(t *testing.T) {
				a := a.in(t)
				a.call("GET", "/v1/me", a.serverSigned(forged(unchanged)), nil).expect(200)
			})
			continue
		}
		t.Run(tc.name+" is 401 unauthorized", func(t *testing.T) {
			a := a.in(t)
			a.call("GET", "/v1/me", tc.token, nil).wantProblem(401, "unauthorized")
		})
	}

	t.Run("a token is accepted until it expires and then 401 token_expired", func(t *testing.T) {
		b := newAPI(t)
		admin := b.org("acme")
		b.clock.Advance(14 * time.Minute)
		b.call("GET", "/v1/me", admin.AccessToken, nil).expect(200)
		b.clock.Advance(2 * time.Minute)
		b.call("GET", "/v1/me", admin.AccessToken, nil).wantProblem(401, "token_expired")
		b.call("GET", "/v1/admin/teams", admin.AccessToken, nil).wantProblem(401, "token_expired")
	})

	t.Run("another org's claims never read this org's data", func(t *testing.T) {
		a := a.in(t)
		globex := a.org("globex")
		team := a.team(admin, "Acme Secret Team")
		// A validly signed token for org globex that names a user and role of acme.
		cross := a.serverSigned(forged(func(c *claims) { c.Org = "globex"; c.Subject = admin.User.Id; c.Role = "admin" }))
		for _, path := range []string{"/v1/me", "/v1/admin/users/" + admin.User.Id, "/v1/admin/teams/" + team.Id, "/v1/admin/users/" + eva.User.Id} {
			res := a.call("GET", path, cross, nil)
			if res.Status != 404 && res.Status != 401 {
				t.Fatalf("GET %s: status %d: %s", path, res.Status, res.Body)
			}
		}
		var teams TeamList
		a.call("GET", "/v1/admin/teams", cross, nil).expect(200).decode(&teams)
		var users UserList
		a.call("GET", "/v1/admin/users", cross, nil).expect(200).decode(&users)
		for _, u := range users.Items {
			if u.Id != globex.User.Id {
				t.Fatalf("globex's list shows %s (%s)", u.Id, u.Email)
			}
		}
		if len(teams.Items) != 0 {
			t.Fatalf("globex's team list shows %v", teams.Items)
		}
	})

	t.Run("a token for an org that does not exist reads nothing", func(t *testing.T) {
		a := a.in(t)
		ghost := a.serverSigned(forged(func(c *claims) { c.Org = "ghost"; c.Subject = eva.User.Id }))
		res := a.call("GET", "/v1/me", ghost, nil)
		if res.Status != 404 && res.Status != 401 {
			t.Fatalf("status %d: %s", res.Status, res.Body)
		}
	})
}

func TestKeyRotation(t *testing.T) {
	t.Parallel()
	oldPEM, newPEM := mustKeyPEM(t), mustKeyPEM(t)
	oldKID, newKID := kidOf(t, oldPEM), kidOf(t, newPEM)
	base := newAPI(t)
	admin := base.org("acme")
	signingWith := func(pemData []byte) func(*Server) {
		return func(s *Server) {
			keys, err := ParseKeys(pemData)
			if err != nil {
				t.Fatal(err)
			}
			s.Tokens = NewTokens(keys, s.Clock)
		}
	}
	// The deployment before the rotation signs with the old key.
	old := base.replica(signingWith(oldPEM))
	var current Session
	old.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": admin.RefreshToken}).expect(200).decode(&current)
	oldToken := current.AccessToken
	if headerKID(oldToken) != oldKID {
		t.Fatal("the old deployment does not sign with the old key")
	}

	for _, tc := range []struct {
		name string
		file []byte
	}{
		{"a new private key before the old private key", slices.Concat(newPEM, oldPEM)},
		{"a new private key before the old key's public key", slices.Concat(newPEM, publicPEM(t, oldPEM))},
	} {
		t.Run("with "+tc.name+": old tokens still work, new ones use the new key, JWKS lists both", func(t *testing.T) {
			base, old := base.in(t), old.in(t)
			rotated := base.replica(signingWith(tc.file))
			rotated.call("GET", "/v1/me", oldToken, nil).expect(200)
			rotated.call("GET", "/v1/admin/org", oldToken, nil).expect(200)

			var s Session
			rotated.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": current.RefreshToken}).expect(200).decode(&s)
			current = s
			if got := headerKID(s.AccessToken); got != newKID {
				t.Fatalf("new token signed with kid %q, want the new key's %q", got, newKID)
			}
			rotated.call("GET", "/v1/me", s.AccessToken, nil).expect(200)

			var set JWKS
			rotated.call("GET", "/.well-known/jwks.json", "", nil).expect(200).decode(&set)
			var kids []string
			for _, k := range set.Keys {
				kids = append(kids, k.Kid)
				if k.Kty != "OKP" || k.Crv != "Ed25519" || k.Alg != "EdDSA" || k.Use != "sig" || k.X == "" {
					t.Fatalf("key %+v", k)
				}
			}
			if !slices.Equal(kids, []string{newKID, oldKID}) {
				t.Fatalf("JWKS kids %v, want new %s then old %s", kids, newKID, oldKID)
			}
			// A replica not yet rolled (old key only) refuses the new key's tokens: this is why
			// the new key goes in second first, then first.
			old.call("GET", "/v1/me", s.AccessToken, nil).wantProblem(401, "unauthorized")
		})
	}

	t.Run("after the old key is removed its tokens are refused", func(t *testing.T) {
		retired := base.in(t).replica(signingWith(newPEM))
		retired.call("GET", "/v1/me", oldToken, nil).wantProblem(401, "unauthorized")
		retired.call("GET", "/v1/me", current.AccessToken, nil).expect(200)
	})

	t.Run("a key file without a private key is refused", func(t *testing.T) {
		if _, err := ParseKeys(publicPEM(t, oldPEM)); err == nil {
			t.Fatal("a file of public keys only was accepted")
		}
	})

	t.Run("a key file with something else than Ed25519 keys is refused", func(t *testing.T) {
		bad := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte("x")})
		if _, err := ParseKeys(slices.Concat(oldPEM, bad)); err == nil {
			t.Fatal("a certificate block was accepted")
		}
	})
}

func mustKeyPEM(t *testing.T) []byte {
	t.Helper()
	p, err := GenerateKeyPEM()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// publicPEM is the PKIX public key of a private key PEM: a retired key that still verifies.
func publicPEM(t *testing.T, privPEM []byte) []byte {
	t.Helper()
	block, _ := pem.Decode(privPEM)
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(key.(ed25519.PrivateKey).Public())
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

func kidOf(t *testing.T, privPEM []byte) string {
	t.Helper()
	k, err := ParseKeys(privPEM)
	if err != nil {
		t.Fatal(err)
	}
	return k.signKID
}

func headerKID(token string) string {
	tok, _, err := jwt.NewParser().ParseUnverified(token, jwt.MapClaims{})
	if err != nil {
		return ""
	}
	kid, _ := tok.Header["kid"].(string)
	return kid
}

// withPayload swaps a token's payload for the claims c, keeping its header and signature.
func withPayload(token string, c claims) string {
	parts := strings.Split(token, ".")
	forged := strings.Split(sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, "", c), ".")
	return parts[0] + "." + forged[1] + "." + parts[2]
}
