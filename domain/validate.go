package domain

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

var (
	slugPattern  = regexp.MustCompile(SlugPattern)
	clockPattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
)

// ValidateSlug checks an org slug: 3–40 lowercase letters, digits and inner dashes.
func ValidateSlug(slug string) error {
	if !slugPattern.MatchString(slug) {
		return InvalidField("slug", "must be 3 to 40 lowercase letters, digits or dashes, not starting or ending with a dash")
	}
	return nil
}

// CleanText trims s and checks it is 1..max characters without control characters.
func CleanText(field, s string, max int) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", InvalidField(field, "must not be empty")
	}
	return s, checkText(field, s, max)
}

// CleanOptionalText is CleanText that allows the empty string.
func CleanOptionalText(field, s string, max int) (string, error) {
	s = strings.TrimSpace(s)
	return s, checkText(field, s, max)
}

func checkText(field, s string, max int) error {
	if !utf8.ValidString(s) {
		return InvalidField(field, "must be valid UTF-8")
	}
	if utf8.RuneCountInString(s) > max {
		return InvalidField(field, "must be at most "+strconv.Itoa(max)+" characters")
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return InvalidField(field, "must not contain control characters")
		}
	}
	return nil
}

// zones caches loaded time zones: time.LoadLocation reads the zone database on every call,
// and every request works out a local day.
var zones sync.Map // name → *time.Location

// LoadTimezone resolves an IANA time-zone name. "Local" and "" are refused: a zone must be explicit.
func LoadTimezone(field, name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	if name == "" || name == "Local" || len(name) > 64 {
		return nil, InvalidField(field, "must be an IANA time zone such as Europe/Amsterdam")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, InvalidField(field, "must be an IANA time zone such as Europe/Amsterdam")
	}
	zones.Store(name, loc)
	return loc, nil
}

// ValidateClock checks a local clock time "HH:MM".
func ValidateClock(field, s string) error {
	if !clockPattern.MatchString(s) {
		return InvalidField(field, "must be a time of day such as 08:30")
	}
	return nil
}

// ParseDate parses a local calendar day "YYYY-MM-DD".
func ParseDate(field, s string) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, InvalidField(field, "must be a day such as 2026-11-23")
	}
	return d, nil
}
