package handlers

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/microact/microact/domain"
)

// Token attacks beyond auth_tokens_test.go: algorithms the server never signs with, keys
// confused with secrets, claims mixed across orgs, credentials moved to another org. Every
// refusal is a 401 problem document, and refusals of one kind read the same whatever was wrong,
// so an attacker learns nothing about which part of a forgery failed.

func TestForgedAccessTokens(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	acme, globex := a.org("acme"), a.org("globex")
	eva := a.member(acme, "Eva Jansen", "employee", "")
	keys := a.server.Tokens.keys
	kid := keys.signKID
	pubDER, err := x509.MarshalPKIXPublicKey(keys.verify[kid])
	if err != nil {
		t.Fatal(err)
	}
	pubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER})
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var jwks JWKS
	a.call("GET", "/.well-known/jwks.json", "", nil).expect(200).decode(&jwks)

	forged := []struct{ name, token string }{
		{"an RS256 token under the server's kid", sign(jwt.SigningMethodRS256, rsaKey, kid, a.claimsOf(eva))},
		{"an ES256 token under the server's kid", sign(jwt.SigningMethodES256, ecKey, kid, a.claimsOf(eva))},
		{"an HS256 token keyed with the server's public key as PEM", sign(jwt.SigningMethodHS256, pubPEM, kid, a.claimsOf(eva))},
		{"an HS256 token keyed with the public key's DER", sign(jwt.SigningMethodHS256, pubDER, kid, a.claimsOf(eva))},
		{"an HS256 token keyed with the JWKS x value", sign(jwt.SigningMethodHS256, []byte(jwks.Keys[0].X), kid, a.claimsOf(eva))},
		{"an unsigned token (alg none) without a kid", sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, "", a.claimsOf(eva))},
		{"a token whose header says EdDSA but whose signature is cut off", strings.TrimRight(a.serverSigned(a.claimsOf(eva)), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")},
		{"a server-signed token with the kid of a JWKS key in another case", sign(jwt.SigningMethodEdDSA, keys.signer, strings.ToLower(kid), a.claimsOf(eva))},
		{"a token with the payload of another org's admin under this token's signature", withPayload(eva.AccessToken, a.claimsOf(globex))},
		{"a token with its header swapped for alg none", withHeader(eva.AccessToken, `{"alg":"none","kid":"`+kid+`","typ":"JWT"}`)},
		{"a token with its header swapped for HS256", withHeader(eva.AccessToken, `{"alg":"HS256","kid":"`+kid+`","typ":"JWT"}`)},
	}
	for _, tc := range forged {
		t.Run(tc.name+" is 401 unauthorized", func(t *testing.T) {
			a.in(t).call("GET", "/v1/me", tc.token, nil).wantProblem(401, "unauthorized")
		})
	}

	t.Run("every refused forgery reads like a token that is no JWT at all", func(t *testing.T) {
		a := a.in(t)
		garbage := a.call("GET", "/v1/me", "garbage", nil)
		want := garbage.wantProblem(401, "unauthorized")
		more := []struct{ name, token string }{
			{"another key", sign(jwt.SigningMethodEdDSA, mustEd25519(t), kid, a.claimsOf(eva))},
			{"an unknown kid", sign(jwt.SigningMethodEdDSA, keys.signer, "no-such-kid", a.claimsOf(eva))},
			{"no kid", sign(jwt.SigningMethodEdDSA, keys.signer, "", a.claimsOf(eva))},
			{"a future iat", a.serverSigned(secWithClaims(a.claimsOf(eva), func(c *claims) {
				c.IssuedAt = jwt.NewNumericDate(a.clock.Now().Add(time.Hour))
				c.ExpiresAt = jwt.NewNumericDate(a.clock.Now().Add(2 * time.Hour))
			}))},
			{"a changed payload", withPayload(eva.AccessToken, secWithClaims(a.claimsOf(eva), func(c *claims) { c.Role = "admin" }))},
		}
		for _, f := range append(forged, more...) {
			if got := a.call("GET", "/v1/me", f.token, nil); string(got.Body) != string(garbage.Body) {
				t.Errorf("%s: %s, want the answer to garbage, %s", f.name, got.Body, garbage.Body)
			}
		}
		for _, word := range []string{"kid", "sign", "alg", "key", "iat", "issued"} {
			if strings.Contains(strings.ToLower(want.Detail), word) {
				t.Errorf("the detail %q says which part failed (%q)", want.Detail, word)
			}
		}
	})

	t.Run("an expired token says only that it expired: an hour ago reads like a second ago", func(t *testing.T) {
		a := a.in(t)
		expiredAgo := func(d time.Duration) string {
			return a.serverSigned(secWithClaims(a.claimsOf(eva), func(c *claims) {
				c.IssuedAt = jwt.NewNumericDate(a.clock.Now().Add(-d - domain.AccessTokenTTL))
				c.ExpiresAt = jwt.NewNumericDate(a.clock.Now().Add(-d))
			}))
		}
		// The parser allows 5 s of clock skew, so "a second ago" is 6 s.
		recent := a.call("GET", "/v1/me", expiredAgo(6*time.Second), nil)
		recent.wantProblem(401, "token_expired")
		old := a.call("GET", "/v1/me", expiredAgo(time.Hour), nil)
		if string(old.Body) != string(recent.Body) {
			t.Fatalf("the answers differ: %s and %s", recent.Body, old.Body)
		}
	})

	t.Run("a validly signed token of this org naming another org's admin reads nothing of that org", func(t *testing.T) {
		a := a.in(t)
		mixed := a.serverSigned(secWithClaims(a.claimsOf(eva), func(c *claims) { c.Subject = globex.User.Id; c.Role = "admin" }))
		res := a.call("GET", "/v1/me", mixed, nil)
		if res.Status != 401 && res.Status != 404 {
			t.Fatalf("status %d: %s", res.Status, res.Body)
		}
		if strings.Contains(string(res.Body), "globex") {
			t.Fatalf("the answer shows the other org: %s", res.Body)
		}
		for _, path := range []string{"/v1/admin/users/" + globex.User.Id, "/v1/me/history", "/v1/me/notifications"} {
			if body := string(a.call("GET", path, mixed, nil).Body); strings.Contains(body, "globex") {
				t.Fatalf("GET %s shows the other org: %s", path, body)
			}
		}
	})
}

func TestCredentialsMovedToAnotherOrg(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	acme := a.org("acme")
	a.org("globex")

	t.Run("a refresh token moved under another org's slug is 401 invalid_token and ends nothing", func(t *testing.T) {
		a := a.in(t)
		eva := a.member(acme, "Eva Jansen", "employee", "")
		_, secret, _ := strings.Cut(eva.RefreshToken, ".")
		a.refresh("globex."+secret).wantProblem(401, "invalid_token")
		a.call("POST", "/v1/auth/logout", "", map[string]any{"refresh_token": "globex." + secret}).expect(204)
		a.clock.Advance(61 * time.Second) // past any replica's revocation cache
		a.call("GET", "/v1/me", eva.AccessToken, nil).expect(200)
		a.refresh(eva.RefreshToken).expect(200)
	})

	t.Run("refusals of refresh tokens read alike: unknown, moved, logged out, of a deactivated user", func(t *testing.T) {
		a := a.in(t)
		moved := a.member(acme, "Moved Max", "employee", "")
		out := a.member(acme, "Out Olga", "employee", "")
		a.call("POST", "/v1/auth/logout", "", map[string]any{"refresh_token": out.RefreshToken}).expect(204)
		gone := a.member(acme, "Gone Gerda", "employee", "")
		a.patchUser(acme, gone.User.Id, map[string]any{"active": false}).expect(200)
		_, secret, _ := strings.Cut(moved.RefreshToken, ".")
		unknown := a.refresh("acme." + base64.RawURLEncoding.EncodeToString(make([]byte, 32)))
		unknown.wantProblem(401, "invalid_token")
		for name, token := range map[string]string{"moved": "globex." + secret, "logged out": out.RefreshToken, "deactivated": gone.RefreshToken} {
			if got := a.refresh(token); string(got.Body) != string(unknown.Body) {
				t.Errorf("%s: %d %s, want %s", name, got.Status, got.Body, unknown.Body)
			}
		}
	})

	t.Run("refusals of enrollment codes read alike: unknown, used, replaced, of a deactivated user", func(t *testing.T) {
		a := a.in(t)
		used := a.user(acme, "Used Ursula", "employee", "")
		a.enroll(used.EnrollmentCode)
		replaced := a.user(acme, "Replaced Rick", "employee", "")
		a.call("POST", "/v1/admin/users/"+replaced.User.Id+"/enrollment-code", acme.AccessToken, nil).expect(200)
		gone := a.user(acme, "Gone Gina", "employee", "")
		a.patchUser(acme, gone.User.Id, map[string]any{"active": false}).expect(200)
		unknown := a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": domain.NewEnrollmentCode()})
		unknown.wantProblem(401, "invalid_code")
		for name, code := range map[string]string{"used": used.EnrollmentCode, "replaced": replaced.EnrollmentCode, "deactivated": gone.EnrollmentCode} {
			if got := a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": code}); string(got.Body) != string(unknown.Body) {
				t.Errorf("%s: %d %s, want %s", name, got.Status, got.Body, unknown.Body)
			}
		}
	})
}

// secWithClaims is c changed by change.
func secWithClaims(c claims, change func(*claims)) claims {
	change(&c)
	return c
}

// withHeader swaps a token's header for the JSON header, keeping its payload and signature.
func withHeader(token, header string) string {
	parts := strings.Split(token, ".")
	return base64.RawURLEncoding.EncodeToString([]byte(header)) + "." + parts[1] + "." + parts[2]
}

func mustEd25519(t *testing.T) any {
	t.Helper()
	k, err := ParseKeys(mustKeyPEM(t))
	if err != nil {
		t.Fatal(err)
	}
	return k.signer
}
