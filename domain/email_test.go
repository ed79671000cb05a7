package domain

import (
	"strings"
	"testing"
)

// Look-alike addresses (issue 20): each of these once made a second user who looked the same
// as admin@demo.example.
func TestNormalizeEmailLookAlikes(t *testing.T) {
	for _, tc := range []struct{ name, input, want string }{
		{"fullwidth letters are the letters", "ａdmin@demo.example", "admin@demo.example"},
		{"a fullwidth address is the address", "ＡＤＭＩＮ＠ＤＥＭＯ．ＥＸＡＭＰＬＥ", "admin@demo.example"},
		{"a ligature is its letters", "\ufb01nn@demo.example", "finn@demo.example"},
		{"the Kelvin sign is a k", "\u212aim@demo.example", "kim@demo.example"},
		{"a decomposed é is the composed one", "e\u0301va@demo.example", "éva@demo.example"},
		{"a punycode domain is its Unicode form", "eva@xn--bcher-kva.example", "eva@bücher.example"},
		{"a Unicode domain is lowered", "eva@BÜCHER.example", "eva@bücher.example"},
		{"a Cyrillic address is fine", "иван@пример.example", "иван@пример.example"},
		{"a Greek address is fine", "ελένη@demo.example", "ελένη@demo.example"},
		{"Latin with Japanese is fine", "taro山田@demo.example", "taro山田@demo.example"},
		{"Latin with Korean is fine", "kim김@demo.example", "kim김@demo.example"},
		{"digits go with any script", "иван2@demo.example", "иван2@demo.example"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := NormalizeEmail("email", tc.input)
			if err != nil || got != tc.want {
				t.Fatalf("NormalizeEmail(%q) = %q, %v; want %q", tc.input, got, err, tc.want)
			}
			if again, err := NormalizeEmail("email", got); err != nil || again != got {
				t.Fatalf("the normal form %q normalizes to %q, %v", got, again, err)
			}
		})
	}
	for _, tc := range []struct{ name, input, why string }{
		{"a zero-width space", "admin\u200b@demo.example", "invisible"},
		{"a zero-width space in the domain", "admin@demo\u200b.example", "invisible"},
		{"a soft hyphen", "ad\u00admin@demo.example", "invisible"},
		{"a soft hyphen in the domain", "admin@de\u00admo.example", "invisible"},
		{"a zero-width joiner", "ad\u200dmin@demo.example", "invisible"},
		{"a word joiner", "admin\u2060@demo.example", "invisible"},
		{"a byte order mark", "\ufeffadmin@demo.example", "invisible"},
		{"a right-to-left override", "admin\u202e@demo.example", "invisible"},
		{"a left-to-right mark", "admin@demo.example\u200e", "invisible"},
		{"a variation selector", "admin\ufe0f@demo.example", "invisible"},
		{"a combining grapheme joiner", "ad\u034fmin@demo.example", "invisible"},
		{"a Hangul filler", "admin\u3164@demo.example", "invisible"},
		{"a tag character", "admin\U000e0041@demo.example", "invisible"},
		{"a private-use character", "admin\ue000@demo.example", "invisible"},
		{"an unassigned code point", "admin\U0003fffd@demo.example", "invisible"},
		{"a no-break space", "admin\u00a0@demo.example", "invisible"},
		{"a control character", "admin\x01@demo.example", "invisible"},
		{"a Cyrillic е in the domain", "admin@d\u0435mo.example", "mix"},
		{"a Cyrillic а in the local part", "\u0430dmin@demo.example", "mix"},
		{"a Greek ο in the local part", "adm\u03bfin@demo.example", "mix"},
		{"a Cyrillic е in the top-level domain", "admin@demo.\u0435xample", "mix"},
		{"Cyrillic with Greek", "\u0430\u03b1@demo.example", "mix"},
		{"a fullwidth Cyrillic mixture", "ａ\u0430@demo.example", "mix"},
		{"a domain that is not IDNA", "eva@xn--acme.example", "address"},
		{"a domain with an empty label", "eva@acme..example", "address"},
		{"a domain ending in a dot", "eva@acme.example.", "address"},
		{"a domain with an underscore", "eva@ac_me.example", "address"},
		{"a label of 64 characters", "eva@" + strings.Repeat("a", 64) + ".example", "address"},
		{"a domain literal", "eva@[127.0.0.1]", "address"},
		{"a fullwidth at sign twice", "a＠b@demo.example", "address"},
	} {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			got, err := NormalizeEmail("email", tc.input)
			if err == nil {
				t.Fatalf("NormalizeEmail(%q) = %q, want an error", tc.input, got)
			}
			if ErrorKind(err) != KindInvalid || strings.Join(fieldsOf(err), ",") != "email" {
				t.Fatalf("want invalid on field email, got %#v", AsError(err))
			}
			if msg := AsError(err).Fields[0].Message; !strings.Contains(msg, tc.why) {
				t.Fatalf("message %q does not say %q", msg, tc.why)
			}
		})
	}
}
