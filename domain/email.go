package domain

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"
)

// emailDomains checks and maps an address's domain as a mail client looks it up (UTS #46),
// with RFC 1035's lengths: labels of 1 to 63 characters, no empty label.
var emailDomains = idna.New(idna.MapForLookup(), idna.BidiRule(), idna.VerifyDNSLength(true))

// NormalizeEmail validates an address and answers its normal form, the form that is stored and
// compared: addresses are unique per org by it, so two that look the same are one address.
//
//   - Width and compatibility forms are folded (NFKC: "ａdmin" is "admin") and letters lowered.
//   - The domain goes through IDNA and is kept in its Unicode form ("xn--bcher-kva.example"
//     is "bücher.example").
//   - Invisible characters are refused, not removed (a zero-width space, a soft hyphen, a
//     direction mark, a control character): nobody types them into an address on purpose.
//   - A local part or a domain label mixing scripts is refused ("dеmo" with a Cyrillic е), the
//     way browsers show such domains as punycode (UTS #39, highly restrictive); Latin with
//     Chinese or Japanese scripts, or Korean, is allowed.
//
// The normal form is what is checked last: lower case can be longer than upper case (Ⱥ is 2
// bytes, ⱥ 3), and an admin sends the stored address back unchanged.
func NormalizeEmail(field, email string) (string, error) {
	email = strings.TrimSpace(email)
	if !utf8.ValidString(email) {
		return "", InvalidField(field, "must be valid UTF-8")
	}
	if i := strings.IndexFunc(email, invisible); i >= 0 {
		r, _ := utf8.DecodeRuneInString(email[i:])
		return "", InvalidField(field, fmt.Sprintf("must not contain invisible characters (it holds U+%04X)", r))
	}
	notAddress := InvalidField(field, "must be an email address like name@example.com")
	email = norm.NFKC.String(strings.ToLower(norm.NFKC.String(email)))
	at := strings.LastIndexByte(email, '@')
	if at < 0 {
		return "", notAddress
	}
	local, host := email[:at], email[at+1:]
	ascii, err := emailDomains.ToASCII(host)
	if err != nil || !strings.Contains(ascii, ".") {
		return "", notAddress
	}
	if host, err = emailDomains.ToUnicode(ascii); err != nil {
		return "", notAddress
	}
	email = local + "@" + host
	if len(email) > 254 {
		return "", InvalidField(field, "must be at most 254 characters")
	}
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email {
		return "", notAddress
	}
	for _, part := range append([]string{local}, strings.Split(host, ".")...) {
		if mixedScripts(part) {
			return "", InvalidField(field, "must not mix letters of different scripts in one part (such as Latin and Cyrillic in "+
				"\""+part+"\"), as look-alike addresses do")
		}
	}
	return email, nil
}

// invisible reports whether r shows nothing, or nothing of itself: controls, format characters
// (zero-width space and joiners, soft hyphen, direction marks), default-ignorable code points
// (variation selectors, Hangul fillers, the combining grapheme joiner), private-use and
// unassigned code points, and any space but the ASCII one (which an address cannot hold).
func invisible(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs, unicode.Other_Default_Ignorable_Code_Point,
		unicode.Variation_Selector, unicode.Noncharacter_Code_Point) ||
		(unicode.IsSpace(r) && r != ' ') || !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Zs)
}

// scriptSets are the mixtures of scripts one part of an address may hold (UTS #39's highly
// restrictive level): one script, or Latin with the scripts Chinese, Japanese or Korean
// writing combines.
var scriptSets = [][]string{
	{"Latin", "Han", "Hiragana", "Katakana"},
	{"Latin", "Han", "Bopomofo"},
	{"Latin", "Han", "Hangul"},
}

// mixedScripts reports whether s holds letters of scripts no single writing system combines.
// Digits, punctuation and combining marks (scripts Common and Inherited) belong to every script.
func mixedScripts(s string) bool {
	var seen []string
	for _, r := range s {
		if r < utf8.RuneSelf && !unicode.IsLetter(r) {
			continue
		}
		name := scriptOf(r)
		if name == "" || name == "Common" || name == "Inherited" || slices.Contains(seen, name) {
			continue
		}
		seen = append(seen, name)
	}
	if len(seen) <= 1 {
		return false
	}
	for _, set := range scriptSets {
		within := true
		for _, name := range seen {
			within = within && slices.Contains(set, name)
		}
		if within {
			return false
		}
	}
	return true
}

// scriptOf names r's script (Unicode's Script property), "" for none.
func scriptOf(r rune) string {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return "Latin"
		}
		return "Common"
	}
	for name, table := range unicode.Scripts {
		if unicode.Is(table, r) {
			return name
		}
	}
	return ""
}
