package domain

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fuzz targets for every parser of the domain: what a person types (enrollment codes, emails,
// names), what the app sends back (refresh tokens, assignment ids, days, clock times, time
// zones) and the ids the server makes. `go test -fuzz=FuzzX ./domain` explores one; plain
// `go test` runs their seeds and testdata/fuzz as regression cases. scripts/fuzz.sh runs them all.

// wantInvalidField fails unless err is the domain's 422 "invalid" naming field: a refused input
// must be the client's mistake, never an internal error.
func wantInvalidField(t *testing.T, err error, field string) {
	t.Helper()
	de := AsError(err)
	if de.Kind != KindInvalid || de.Code != "invalid" || len(de.Fields) != 1 || de.Fields[0].Field != field {
		t.Fatalf("want invalid naming %q, got %#v", field, de)
	}
}

// codeOracle is what NormalizeEnrollmentCode must accept, said another way: twelve characters of
// Crockford's alphabet or the letters read as digits (O, I, L), in any case, with dashes and
// spaces anywhere.
var codeOracle = regexp.MustCompile(`^[ -]*(?:[0-9A-TV-Z][ -]*){12}$`)

func FuzzNormalizeEnrollmentCode(f *testing.F) {
	for _, seed := range []string{
		NewEnrollmentCode(), "ABCD-EFGH-JKMN", "abcd efgh jkmn", "ABCDEFGHJKMN", "0OIL-1LIO-0000",
		"ABCD-EFGH-JKM", "ABCD-EFGH-JKMNP", "ABCU-EFGH-JKMN", "", "------------", "ABCD\tEFGH-JKMN",
		"ıbcd-efgh-jkmn", "ſbcd-efgh-jkmn", "ABCD-EFGH-JKM\u212a", "ABCD-EFGH-JKMÑ", "\xff\xfe",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		code, ok := NormalizeEnrollmentCode(input)
		if want := codeOracle.MatchString(strings.ToUpper(input)); ok != want {
			t.Fatalf("NormalizeEnrollmentCode(%q) ok = %v, want %v", input, ok, want)
		}
		if !ok {
			if code != "" {
				t.Fatalf("a refused code still answered %q", code)
			}
			return
		}
		if len(code) != enrollmentCodeLength {
			t.Fatalf("%q normalizes to %q, not %d characters", input, code, enrollmentCodeLength)
		}
		for _, r := range code {
			if !strings.ContainsRune(crockford, r) {
				t.Fatalf("%q normalizes to %q, which holds %q outside Crockford's alphabet", input, code, r)
			}
		}
		// Normalizing is idempotent, and every way of writing the canonical code (as it is
		// printed, in lower case, run together) is the same code.
		for _, form := range []string{code, code[0:4] + "-" + code[4:8] + "-" + code[8:12], strings.ToLower(code), " " + code + " "} {
			if again, ok := NormalizeEnrollmentCode(form); !ok || again != code {
				t.Fatalf("%q normalizes to %q, but %q normalizes to %q, %v", input, code, form, again, ok)
			}
		}
	})
}

func FuzzParseRefreshToken(f *testing.F) {
	for _, seed := range []string{
		NewRefreshToken("acme"), NewRefreshToken("a-very-long-org-slug-of-forty-characters"), "acme.", ".secret",
		"acme." + strings.Repeat("A", 43), "acme." + strings.Repeat("A", 42) + "=", "acme." + strings.Repeat("+", 43),
		"Acme." + strings.Repeat("A", 43), "ac." + strings.Repeat("A", 43), "acme.x.y", "", "acme",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, token string) {
		org, hash, ok := ParseRefreshToken(token)
		if !ok {
			if org != "" || hash != "" {
				t.Fatalf("a refused token still answered org %q, hash %q", org, hash)
			}
		} else {
			secret, found := strings.CutPrefix(token, org+".")
			if !found || len(secret) != 43 || ValidateSlug(org) != nil {
				t.Fatalf("ParseRefreshToken(%q) accepted org %q", token, org)
			}
			// The store keys sessions by this hash: it must be the token's and nothing else's.
			if hash != HashSecret(token) {
				t.Fatalf("ParseRefreshToken(%q) answered hash %q, not the token's", token, hash)
			}
		}
		// Whatever org slug the input is, a token the server makes for it parses back to it.
		if ValidateSlug(token) == nil {
			fresh := NewRefreshToken(token)
			if got, hash, ok := ParseRefreshToken(fresh); !ok || got != token || hash != HashSecret(fresh) {
				t.Fatalf("a fresh token of org %q parses to %q, %q, %v", token, got, hash, ok)
			}
		}
	})
}

func FuzzParseAssignmentID(f *testing.F) {
	for _, seed := range []string{
		"20261123-" + NewID(time.Now()), "20260230-x", "2026112-x", "20261123-", "20261123", "-x",
		"2026+123-x", "20261123-" + strings.Repeat("u", 65), "00000101-x", "99991231-a-b-c", "２０２６1123-x",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		day, user, ok := ParseAssignmentID(id)
		if !ok {
			if day != "" || user != "" {
				t.Fatalf("a refused id still answered %q, %q", day, user)
			}
			return
		}
		if _, err := ParseDate("day", day); err != nil {
			t.Fatalf("ParseAssignmentID(%q) answered the day %q, which is not a date", id, day)
		}
		if user == "" || len(user) > 64 {
			t.Fatalf("ParseAssignmentID(%q) answered the user %q", id, user)
		}
		if back := AssignmentID(day, user); back != id {
			t.Fatalf("ParseAssignmentID(%q) = %q, %q, which make the id %q", id, day, user, back)
		}
	})
}

// fuzzZones are time zones with the awkward days: DST at midnight (Santiago, Havana), half-hour
// DST (Lord Howe), a skipped calendar day (Apia, 2011-12-30), far east and west of UTC.
var fuzzZones = []string{
	"UTC", "Europe/Amsterdam", "America/Santiago", "America/Havana", "Australia/Lord_Howe",
	"Pacific/Apia", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu", "America/St_Johns",
}

func fuzzZone(t *testing.T, i uint8) *time.Location {
	t.Helper()
	loc, err := LoadTimezone("tz", fuzzZones[int(i)%len(fuzzZones)])
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func FuzzLocalDays(f *testing.F) {
	f.Add("2026-11-23", 1, 1, uint8(1))
	f.Add("2026-03-29", -1, 7, uint8(1))
	f.Add("2011-12-30", 1, 5, uint8(5))
	f.Add("2024-02-29", 365, 3, uint8(2))
	f.Add("2026-02-30", 0, 1, uint8(0))
	f.Add("2026-1-5", 0, 1, uint8(0))
	f.Add("0001-01-01", 6, 2, uint8(3))
	f.Add("9999-12-31", -6, 4, uint8(4))
	f.Add(" 2026-11-23", 0, 1, uint8(0))
	f.Add("2026-11-23T00:00:00Z", 0, 1, uint8(0))
	f.Add("2026-09-06", 0, 1, uint8(2)) // Santiago: the clocks jump from 00:00 to 01:00
	f.Add("2026-03-08", 0, 1, uint8(3)) // Havana, likewise
	f.Fuzz(func(t *testing.T, s string, n int, weekStartsOn int, zone uint8) {
		d, err := ParseDate("day", s)
		if err != nil {
			wantInvalidField(t, err, "day")
			return
		}
		// An accepted day is written exactly one way, so days compare and sort as strings.
		if back := d.Format(time.DateOnly); back != s {
			t.Fatalf("ParseDate accepted %q, which reads back as %q", s, back)
		}
		// The rules below move days by up to ten years; keep them inside years 0001–9999, where
		// every day has the same four-digit shape.
		if s < "0011-01-01" || s > "9989-12-31" {
			return
		}
		loc := fuzzZone(t, zone)
		n %= 3650
		moved := AddDays(s, n)
		if back := AddDays(moved, -n); back != s {
			t.Fatalf("%s moved %d days is %s, and back is %s", s, n, moved, back)
		}
		wd := ISOWeekday(s)
		if wd < 1 || wd > 7 || ISOWeekday(AddDays(s, 1)) != wd%7+1 || ISOWeekday(AddDays(s, 7)) != wd {
			t.Fatalf("ISO weekdays around %s: %d, %d, %d", s, wd, ISOWeekday(AddDays(s, 1)), ISOWeekday(AddDays(s, 7)))
		}

		ws := 1 + (weekStartsOn%7+7)%7
		w := WeekOf(s, ws, loc)
		if w.FirstDay > s || s > w.LastDay || AddDays(w.FirstDay, 6) != w.LastDay || ISOWeekday(w.FirstDay) != ws ||
			w.Key != "w"+w.FirstDay || w.Kind != "week" {
			t.Fatalf("week of %s starting on %d: %+v", s, ws, w)
		}
		m := MonthOf(s, loc)
		if m.FirstDay != s[:8]+"01" || m.LastDay[:7] != s[:7] || AddDays(m.LastDay, 1)[8:] != "01" ||
			m.Key != "m"+s[:7] || m.Kind != "month" {
			t.Fatalf("month of %s: %+v", s, m)
		}
		for _, p := range []Period{w, m} {
			if !p.StartsAt.Before(p.EndsAt) {
				t.Fatalf("the %s of %s in %s starts at %s and ends at %s", p.Kind, s, loc, p.StartsAt, p.EndsAt)
			}
		}
		// Period keys name boards and counters in Redis: every day of a period has its key,
		// and the day after it another.
		for _, d := range []string{w.FirstDay, w.LastDay} {
			if k := WeekOf(d, ws, loc).Key; k != w.Key {
				t.Fatalf("%s is in the week %s, but %s in %s", s, w.Key, d, k)
			}
		}
		if k := WeekOf(AddDays(w.LastDay, 1), ws, loc).Key; k == w.Key {
			t.Fatalf("the day after the week %s is in it too", w.Key)
		}
		for _, d := range []string{m.FirstDay, m.LastDay} {
			if k := MonthOf(d, loc).Key; k != m.Key {
				t.Fatalf("%s is in the month %s, but %s in %s", s, m.Key, d, k)
			}
		}
		if k := MonthOf(AddDays(m.LastDay, 1), loc).Key; k == m.Key {
			t.Fatalf("the day after the month %s is in it too", m.Key)
		}

		// A day starts at its first instant in the zone: that instant is on the day itself and
		// the instant before it on an earlier day. Only a day the zone skipped (Apia skipped
		// 2011-12-30) has no instant of its own.
		start, next := StartOfDay(s, loc), StartOfDay(AddDays(s, 1), loc)
		if LocalDay(next.Add(-time.Nanosecond), loc) != s {
			return
		}
		if !start.Before(next) {
			t.Fatalf("%s in %s starts at %s, not before the next day (%s)", s, loc, start, next)
		}
		if got := LocalDay(start, loc); got != s {
			t.Fatalf("%s in %s starts at %s, which is on %s there", s, loc, start, got)
		}
		if got := LocalDay(start.Add(-time.Nanosecond), loc); got >= s {
			t.Fatalf("the instant before %s starts in %s is on %s", s, loc, got)
		}
	})
}

// minutesOf reads an accepted "HH:MM" with plain arithmetic, to check the functions that use
// fmt.Sscanf and string comparison.
func minutesOf(s string) int {
	h, _ := strconv.Atoi(s[:2])
	m, _ := strconv.Atoi(s[3:])
	return h*60 + m
}

func FuzzClockTimes(f *testing.F) {
	f.Add("08:30", "21:00", "07:30", int64(1795420800))
	f.Add("23:59", "00:00", "00:00", int64(0))
	f.Add("24:00", "7:00", "08:00", int64(-1))
	f.Add("8:30", "22:00", "22:00", int64(1795420800))
	f.Add("08:3O", "12:00", "13:00", int64(1795463999))
	f.Add("٠٨:٣٠", "21:00", "07:30", int64(1))
	f.Add("08:30\n", "", "", int64(1))
	f.Add("+8:30", "00:00", "23:59", int64(253402300799))
	f.Fuzz(func(t *testing.T, s, start, end string, unix int64) {
		if err := ValidateClock("reminder_time", s); err != nil {
			wantInvalidField(t, err, "reminder_time")
		} else {
			if len(s) != 5 || s[2] != ':' {
				t.Fatalf("ValidateClock accepted %q", s)
			}
			mins := minutesOf(s)
			if mins < 0 || mins >= 24*60 || fmt.Sprintf("%02d:%02d", mins/60, mins%60) != s {
				t.Fatalf("ValidateClock accepted %q, which is not a time of day", s)
			}
			at := time.Unix(unix%(400*365*86400), 0).UTC() // years 1570–2369
			if got := atClock(at, s); got.Format("15:04") != s || LocalDay(got, time.UTC) != LocalDay(at, time.UTC) {
				t.Fatalf("%s on the day of %s is %s", s, at, got)
			}
			next := NextAt(at, time.UTC, s, func(string) bool { return true })
			if !next.After(at) || next.Sub(at) > 24*time.Hour || next.Format("15:04") != s {
				t.Fatalf("the first %s after %s is %s", s, at, next)
			}
		}

		// Quiet hours from two accepted times: quiet exactly inside the window (which may wrap
		// midnight), and over at the next moment the clock shows its end.
		if ValidateClock("start", start) != nil || ValidateClock("end", end) != nil {
			return
		}
		at := time.Unix(unix%(400*365*86400), 0).UTC()
		quiet, until := InQuietHours(at, QuietHours{Start: start, End: end})
		now, from, to := at.Hour()*60+at.Minute(), minutesOf(start), minutesOf(end)
		want := false
		switch {
		case from < to:
			want = from <= now && now < to
		case from > to:
			want = now >= from || now < to
		}
		if quiet != want {
			t.Fatalf("at %s with quiet hours %s–%s quiet = %v, want %v", at.Format("15:04"), start, end, quiet, want)
		}
		if quiet && (!until.After(at) || until.Sub(at) > 24*time.Hour || until.Format("15:04") != end) {
			t.Fatalf("quiet hours %s–%s at %s end at %s", start, end, at, until)
		}
	})
}

func FuzzLoadTimezone(f *testing.F) {
	for _, seed := range []string{
		"Europe/Amsterdam", "UTC", "Local", "", "Etc/GMT+12", "europe/amsterdam", "../../etc/passwd",
		"/usr/share/zoneinfo/UTC", "Europe/", "Europe/Amsterdam\x00", "Mars/Olympus_Mons", strings.Repeat("A/", 40),
		"America/Argentina/ComodRivadavia", "zone.tab", ".", "EST5EDT",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		loc, err := LoadTimezone("timezone", name)
		if err != nil {
			wantInvalidField(t, err, "timezone")
			return
		}
		if name == "" || name == "Local" || len(name) > 64 || loc == nil || loc.String() != name {
			t.Fatalf("LoadTimezone accepted %q as %v", name, loc)
		}
		// Accepted zones are cached: the second read is the same location.
		if again, err := LoadTimezone("timezone", name); err != nil || again != loc {
			t.Fatalf("a second LoadTimezone(%q) = %v, %v", name, again, err)
		}
	})
}

func FuzzCleanText(f *testing.F) {
	for _, seed := range []string{
		"Eva", "  Eva Jansen  ", "", "   ", "line\nbreak", "tab\there", "bell\a", "\u0085next line",
		"\xff\xfe", "é", strings.Repeat("é", 101), "\u200b", "zero\x00byte", "\u2028separator",
	} {
		f.Add(seed, uint8(100))
	}
	f.Fuzz(func(t *testing.T, s string, max uint8) {
		limit := int(max%120) + 1
		for _, optional := range []bool{false, true} {
			clean, err := CleanText("name", s, limit)
			if optional {
				clean, err = CleanOptionalText("name", s, limit)
			}
			if err != nil {
				wantInvalidField(t, err, "name")
				continue
			}
			if clean != strings.TrimSpace(clean) || clean != strings.TrimSpace(s) || !utf8.ValidString(clean) ||
				utf8.RuneCountInString(clean) > limit || (!optional && clean == "") {
				t.Fatalf("cleaning %q (at most %d) gave %q", s, limit, clean)
			}
			for _, r := range clean {
				if unicode.IsControl(r) && r != '\n' && r != '\t' {
					t.Fatalf("cleaning %q kept the control character %q", s, r)
				}
			}
			// Stored text cleans to itself: a value read back and sent again is accepted as is.
			if again, err := CleanText("name", clean, limit); (err != nil && clean != "") || again != clean {
				t.Fatalf("cleaned %q cleans again to %q, %v", clean, again, err)
			}
		}
	})
}

func FuzzNormalizeEmail(f *testing.F) {
	for _, seed := range []string{
		"eva@acme.example", " Eva.Jansen@ACME.Example ", "eva", "@acme.example", "eva@localhost",
		"Eva <eva@acme.example>", `"eva jansen"@acme.example`, "eva@[127.0.0.1]", "eva@acme.example.",
		"éva@acme.example", "eva@xn--acme.example", "İİİ@acme.example", "\u212aim@acme.example", "a@b.c",
		"admin\u200b@demo.example", "ad\u00admin@demo.example", "ａdmin@demo.example", "admin@d\u0435mo.example",
		"eva@xn--bcher-kva.example", "taro山田@demo.example", "e\u0301va@demo.example", "a＠b@demo.example", "eva@Xn--BBe.example",
		strings.Repeat("a", 64) + "@" + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 61),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		email, err := NormalizeEmail("email", s)
		if err != nil {
			wantInvalidField(t, err, "email")
			return
		}
		// The local part is lower case; the domain is in IDNA's normal form, which is not always
		// lower case (UTS #46 folds Cherokee to its capitals): the round trip below checks that.
		local := email[:max(strings.LastIndexByte(email, '@'), 0)]
		if len(email) > 254 || local != strings.ToLower(local) || strings.Count(email, "@") == 0 || email != strings.TrimSpace(email) ||
			!norm.NFKC.IsNormalString(email) || strings.ContainsFunc(email, invisible) {
			t.Fatalf("NormalizeEmail(%q) = %q", s, email)
		}
		// Emails are unique per org by their normal form, and an admin's PATCH sends the stored
		// address back: the normal form must be accepted and unchanged.
		if again, err := NormalizeEmail("email", email); err != nil || again != email {
			t.Fatalf("%q normalizes to %q, which normalizes to %q, %v", s, email, again, err)
		}
	})
}

func FuzzIDs(f *testing.F) {
	f.Add(NewID(time.Now()), int64(1795420800000))
	f.Add("01JD3Q8Z5T7M2N4P6R8S0V2X4Z", int64(0))
	f.Add("01JD3Q8Z5T7M2N4P6R8S0V2X4", int64(-1))
	f.Add("ZZZZZZZZZZZZZZZZZZZZZZZZZZ", int64(1<<48-1))
	f.Add("01JD3Q8Z5U7M2N4P6R8S0V2X4Z", int64(1<<48))
	f.Add("01jd3q8z5t7m2n4p6r8s0v2x4z", int64(42))
	f.Fuzz(func(t *testing.T, id string, ms int64) {
		at, ok := IDTime(id)
		if ok != (len(id) == 26 && strings.Trim(id[:10], crockford) == "") {
			t.Fatalf("IDTime(%q) ok = %v", id, ok)
		}
		if ok && (at.Location() != time.UTC || at.UnixMilli() < 0 || at.UnixMilli() >= 1<<48) {
			t.Fatalf("IDTime(%q) = %s", id, at)
		}

		// Ids made one after the other sort in that order and tell when they were made: never
		// before the moment asked for (a clock stepping back keeps the latest moment seen).
		ms = (ms%(1<<48) + 1<<48) % (1 << 48)
		now := time.UnixMilli(ms)
		first, second := NewID(now), NewID(now)
		if first >= second {
			t.Fatalf("ids made at %s do not sort in order: %s, %s", now, first, second)
		}
		t1, ok1 := IDTime(first)
		t2, ok2 := IDTime(second)
		if !ok1 || !ok2 || t1.Before(now) || t2.Before(t1) {
			t.Fatalf("ids made at %s tell %s, %v and %s, %v", now, t1, ok1, t2, ok2)
		}
	})
}
