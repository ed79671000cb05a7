package domain

import (
	"strings"
	"testing"
)

// fieldsOf returns the field names an error reports, in order.
func fieldsOf(err error) []string {
	if err == nil {
		return nil
	}
	var names []string
	for _, f := range AsError(err).Fields {
		names = append(names, f.Field)
	}
	return names
}

func TestNormalizeEmail(t *testing.T) {
	for _, tc := range []struct{ name, input, want string }{
		{"a plain address is kept", "eva@acme.example", "eva@acme.example"},
		{"upper case is lowered", "Eva.Jansen@ACME.Example", "eva.jansen@acme.example"},
		{"surrounding spaces are trimmed", "  eva@acme.example\t", "eva@acme.example"},
		{"plus addressing is kept", "eva+shop@acme.example", "eva+shop@acme.example"},
		{"subdomains are kept", "eva@mail.acme.example", "eva@mail.acme.example"},
		{"254 characters are allowed", strings.Repeat("a", 64) + "@" + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 61), strings.Repeat("a", 64) + "@" + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 61)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := NormalizeEmail("email", tc.input)
			if err != nil || got != tc.want {
				t.Fatalf("NormalizeEmail(%q) = %q, %v; want %q", tc.input, got, err, tc.want)
			}
		})
	}
	for _, tc := range []struct{ name, input string }{
		{"the empty string", ""},
		{"spaces only", "   "},
		{"an address without @", "eva.acme.example"},
		{"an address without a local part", "@acme.example"},
		{"a domain without a dot", "eva@localhost"},
		{"a display name with an address", "Eva <eva@acme.example>"},
		{"two addresses", "eva@acme.example, tom@acme.example"},
		{"a space inside", "eva jansen@acme.example"},
		{"255 characters", strings.Repeat("a", 64) + "@" + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 62)},
		{"an address whose lower case is over 254 bytes", strings.Repeat("Ⱥ", 120) + "@acme.example"}, // 253 bytes, 373 lower-cased
	} {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			got, err := NormalizeEmail("email", tc.input)
			if err == nil {
				t.Fatalf("NormalizeEmail(%q) = %q, want an error", tc.input, got)
			}
			if ErrorKind(err) != KindInvalid || ErrorCode(err) != "invalid" || strings.Join(fieldsOf(err), ",") != "email" {
				t.Fatalf("want invalid on field email, got %#v", AsError(err))
			}
		})
	}
}

func TestCleanText(t *testing.T) {
	for _, tc := range []struct {
		name, input, want string
		ok                bool
	}{
		{"text is trimmed", "  Utrecht ", "Utrecht", true},
		{"exactly the maximum is allowed", strings.Repeat("é", 10), strings.Repeat("é", 10), true},
		{"one character over the maximum is refused", strings.Repeat("é", 11), "", false},
		{"newlines and tabs are allowed", "a\tb\nc", "a\tb\nc", true},
		{"other control characters are refused", "a\x00b", "", false},
		{"invalid UTF-8 is refused", "a\xffb", "", false},
		{"empty text is refused", " \t ", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CleanText("name", tc.input, 10)
			if tc.ok != (err == nil) || (tc.ok && got != tc.want) {
				t.Fatalf("CleanText(%q) = %q, %v", tc.input, got, err)
			}
			if err != nil && strings.Join(fieldsOf(err), ",") != "name" {
				t.Fatalf("error names %v, want name", fieldsOf(err))
			}
		})
	}
}

func TestSmallValidators(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		ok   bool
	}{
		{"a slug of lowercase letters, digits and dashes is valid", ValidateSlug("acme-retail-2"), true},
		{"a three-character slug is valid", ValidateSlug("abc"), true},
		{"a two-character slug is refused", ValidateSlug("ab"), false},
		{"a slug with capitals is refused", ValidateSlug("Acme"), false},
		{"a slug starting with a dash is refused", ValidateSlug("-acme"), false},
		{"a slug ending with a dash is refused", ValidateSlug("acme-"), false},
		{"a slug of 41 characters is refused", ValidateSlug(strings.Repeat("a", 41)), false},
		{"a slug with a brace is refused", ValidateSlug("ac{me}"), false},
		{"an IANA zone loads", second(LoadTimezone("timezone", "Europe/Amsterdam")), true},
		{"UTC loads", second(LoadTimezone("timezone", "UTC")), true},
		{"an unknown zone is refused", second(LoadTimezone("timezone", "Mars/Olympus_Mons")), false},
		{"Local is refused", second(LoadTimezone("timezone", "Local")), false},
		{"an empty zone is refused", second(LoadTimezone("timezone", "")), false},
		{"midnight is a clock time", ValidateClock("t", "00:00"), true},
		{"23:59 is a clock time", ValidateClock("t", "23:59"), true},
		{"24:00 is not a clock time", ValidateClock("t", "24:00"), false},
		{"a clock time needs two-digit hours", ValidateClock("t", "8:30"), false},
		{"a clock time has no seconds", ValidateClock("t", "08:30:00"), false},
		{"a calendar date parses", second(ParseDate("d", "2026-02-28")), true},
		{"a date that does not exist is refused", second(ParseDate("d", "2026-02-30")), false},
		{"a date in another format is refused", second(ParseDate("d", "28-02-2026")), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.ok != (tc.err == nil) {
				t.Fatalf("got %v", tc.err)
			}
			if tc.err != nil && ErrorKind(tc.err) != KindInvalid {
				t.Fatalf("want an invalid error, got %#v", AsError(tc.err))
			}
		})
	}
}

func second[T any](_ T, err error) error { return err }
