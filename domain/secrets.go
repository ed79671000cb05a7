package domain

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
)

const (
	// EnrollmentCodeTTL is how long an enrollment code works.
	EnrollmentCodeTTL = 14 * 24 * time.Hour
	// AccessTokenTTL is the lifetime of an access token.
	AccessTokenTTL = 15 * time.Minute
	// RefreshTokenTTL is how long an unused refresh token stays valid; every refresh renews it.
	RefreshTokenTTL = 60 * 24 * time.Hour
	// enrollmentCodeLength is 12 Crockford characters: 60 random bits.
	enrollmentCodeLength = 12
)

// NewEnrollmentCode returns a fresh code formatted for people ("ABCD-EFGH-JKLM").
func NewEnrollmentCode() string {
	var b [8]byte
	mustRead(b[:])
	c := encodeBase32(b[:], enrollmentCodeLength)
	return c[0:4] + "-" + c[4:8] + "-" + c[8:12]
}

// NewEnrollment makes a fresh code (to show once) and what the store keeps of it: its hash and
// expiry.
func NewEnrollment(now time.Time) (string, Enrollment) {
	code := NewEnrollmentCode()
	norm, _ := NormalizeEnrollmentCode(code)
	return code, Enrollment{CodeHash: HashSecret(norm), ExpiresAt: now.Add(EnrollmentCodeTTL)}
}

// NormalizeEnrollmentCode turns what a person typed into the canonical code: case-insensitive,
// dashes and spaces optional, and the letters people confuse with digits read as those digits.
// ok is false when the input cannot be a code.
func NormalizeEnrollmentCode(input string) (code string, ok bool) {
	var sb strings.Builder
	for _, r := range strings.ToUpper(input) {
		switch {
		case r == '-' || r == ' ':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if !strings.ContainsRune(crockford, r) {
			return "", false
		}
		sb.WriteRune(r)
	}
	if sb.Len() != enrollmentCodeLength {
		return "", false
	}
	return sb.String(), true
}

// HashSecret returns the hex SHA-256 of a high-entropy secret. Codes and refresh tokens are
// stored only as this hash; their entropy makes a slow hash unnecessary.
//
// No secret is ever compared with == (which stops at the first differing byte and so tells an
// attacker, by its timing, how much of a guess was right). A presented secret is hashed and
// the hash used as a Redis key: how long a lookup takes depends on the hash of the guess, which
// says nothing about the stored secret, and finding a key proves the whole guess right. Where a
// script then compares two hashes (the user's current code, the family's current refresh
// token), the presented one has already been found as a key, so only a holder of a real (if
// replaced) secret gets there, and at most learns a prefix of another secret's SHA-256, from
// which the secret itself cannot be recovered.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// NewRefreshToken returns an opaque refresh token for an org. The org slug leads the token so
// the server can find the org's keys; the 256 random bits after it are the secret.
func NewRefreshToken(org string) string {
	var b [32]byte
	mustRead(b[:])
	return org + "." + base64.RawURLEncoding.EncodeToString(b[:])
}

// ParseRefreshToken splits a refresh token into its org and the hash under which it is stored.
func ParseRefreshToken(token string) (org, hash string, ok bool) {
	org, secret, found := strings.Cut(token, ".")
	if !found || ValidateSlug(org) != nil || len(secret) != 43 {
		return "", "", false
	}
	if _, err := base64.RawURLEncoding.DecodeString(secret); err != nil {
		return "", "", false
	}
	return org, HashSecret(token), true
}

func mustRead(b []byte) {
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
}
