package domain

import (
	"regexp"
	"strings"
	"testing"
)

func TestNewEnrollmentCode(t *testing.T) {
	shape := regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$`)

	t.Run("a code is three groups of four Crockford characters", func(t *testing.T) {
		for range 100 {
			if c := NewEnrollmentCode(); !shape.MatchString(c) {
				t.Fatalf("%q is not XXXX-XXXX-XXXX in Crockford's alphabet", c)
			}
		}
	})

	t.Run("every one of the 12 characters carries 5 random bits (60 bits)", func(t *testing.T) {
		var seen [12]map[byte]bool
		for i := range seen {
			seen[i] = map[byte]bool{}
		}
		codes := map[string]bool{}
		for range 3000 {
			c := strings.ReplaceAll(NewEnrollmentCode(), "-", "")
			if codes[c] {
				t.Fatalf("%q issued twice", c)
			}
			codes[c] = true
			for i := range 12 {
				seen[i][c[i]] = true
			}
		}
		for i, s := range seen {
			// With 3000 codes a position showing fewer than all 32 characters is not random
			// (the chance of missing one by luck is about 10^-40).
			if len(s) != 32 {
				t.Fatalf("position %d only ever shows %d of 32 characters", i, len(s))
			}
		}
	})

	t.Run("a fresh code normalises to its own characters", func(t *testing.T) {
		c := NewEnrollmentCode()
		got, ok := NormalizeEnrollmentCode(c)
		if !ok || got != strings.ReplaceAll(c, "-", "") {
			t.Fatalf("NormalizeEnrollmentCode(%q) = %q, %v", c, got, ok)
		}
	})
}

func TestNormalizeEnrollmentCode(t *testing.T) {
	for _, tc := range []struct {
		name, input, want string
		ok                bool
	}{
		{"the printed form is accepted", "ABCD-EFGH-JKMN", "ABCDEFGHJKMN", true},
		{"lower case is accepted", "abcd-efgh-jkmn", "ABCDEFGHJKMN", true},
		{"dashes are optional", "ABCDEFGHJKMN", "ABCDEFGHJKMN", true},
		{"spaces are ignored", " ABCD EFGH JKMN ", "ABCDEFGHJKMN", true},
		{"dashes anywhere are ignored", "A-B-C-D-E-F-G-H-J-K-M-N", "ABCDEFGHJKMN", true},
		{"the letter O reads as zero", "OOOO-oooo-0000", "000000000000", true},
		{"the letters I and L read as one", "IIII-LLLL-illl", "111111111111", true},
		{"the letter U is not part of any code", "UUUU-ABCD-EFGH", "", false},
		{"punctuation other than dashes is refused", "ABCD.EFGH.JKMN", "", false},
		{"one character too few is refused", "ABCD-EFGH-JKM", "", false},
		{"one character too many is refused", "ABCD-EFGH-JKMNP", "", false},
		{"the empty string is refused", "", "", false},
		{"only dashes are refused", "------------", "", false},
		{"non-ASCII letters are refused", "ÄBCD-EFGH-JKMN", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := NormalizeEnrollmentCode(tc.input)
			if got != tc.want || ok != tc.ok {
				t.Fatalf("NormalizeEnrollmentCode(%q) = %q, %v; want %q, %v", tc.input, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestRefreshTokens(t *testing.T) {
	t.Run("a new token parses back to its org and the hash of the whole token", func(t *testing.T) {
		tok := NewRefreshToken("acme")
		org, hash, ok := ParseRefreshToken(tok)
		if !ok || org != "acme" || hash != HashSecret(tok) {
			t.Fatalf("ParseRefreshToken(%q) = %q, %q, %v", tok, org, hash, ok)
		}
	})

	t.Run("two new tokens differ", func(t *testing.T) {
		if a, b := NewRefreshToken("acme"), NewRefreshToken("acme"); a == b {
			t.Fatal("the same token was issued twice")
		}
	})

	secret := strings.SplitN(NewRefreshToken("acme"), ".", 2)[1]
	for _, tc := range []struct{ name, token string }{
		{"the empty string", ""},
		{"a token without a dot", "acme" + secret},
		{"a token without an org", "." + secret},
		{"a token whose org is not a slug", "ACME." + secret},
		{"a token whose org is too short", "ac." + secret},
		{"a token with a short secret", "acme." + secret[:42]},
		{"a token with a long secret", "acme." + secret + "A"},
		{"a token whose secret is not base64url", "acme." + strings.Repeat("!", 43)},
		{"a token whose secret uses standard base64", "acme." + strings.Repeat("+", 43)},
		{"a token with a second dot", "acme." + secret[:21] + "." + secret[22:]},
	} {
		t.Run("rejects "+tc.name, func(t *testing.T) {
			if org, hash, ok := ParseRefreshToken(tc.token); ok || org != "" || hash != "" {
				t.Fatalf("ParseRefreshToken(%q) = %q, %q, %v; want a rejection", tc.token, org, hash, ok)
			}
		})
	}
}

func TestHashSecret(t *testing.T) {
	t.Run("the hash is stable hex SHA-256 and differs between secrets", func(t *testing.T) {
		a, b := HashSecret("one"), HashSecret("two")
		if a != HashSecret("one") || a == b || len(a) != 64 || strings.Trim(a, "0123456789abcdef") != "" {
			t.Fatalf("HashSecret: %q, %q", a, b)
		}
	})
}
