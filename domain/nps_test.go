package domain

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func counts(pairs ...int) ScoreCounts {
	var c ScoreCounts
	for i := 0; i+1 < len(pairs); i += 2 {
		c[pairs[i]] += pairs[i+1]
	}
	return c
}

func TestNPSOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                    string
		counts                  ScoreCounts
		promoters, passives, de int
		score                   int
		top                     float64
	}{
		{"no answers make no score", ScoreCounts{}, 0, 0, 0, 0, 0},
		{"9 and 10 are promoters", counts(9, 1, 10, 1), 2, 0, 0, 100, 1},
		{"7 and 8 are passives and count only in the total", counts(7, 1, 8, 1), 0, 2, 0, 0, 0},
		{"0 to 6 are detractors", counts(0, 1, 6, 1), 0, 0, 2, -100, 0},
		{"a 7 is not a 9: half promoters, half passives is 50", counts(7, 1, 9, 1), 1, 1, 0, 50, 0.5},
		{"one promoter of eight rounds half up to 13", counts(10, 1, 8, 7), 1, 7, 0, 13, 0.125},
		{"one detractor of eight rounds half away from zero to -13", counts(3, 1, 8, 7), 0, 7, 1, -13, 0},
		{"promoters minus detractors over all answers", counts(10, 5, 7, 3, 2, 2), 5, 3, 2, 30, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := NPSOf(tt.counts)
			if n.Promoters != tt.promoters || n.Passives != tt.passives || n.Detractors != tt.de || n.Score != tt.score || n.TopShare != tt.top {
				t.Fatalf("got %+v", n)
			}
			if n.Answers != n.Promoters+n.Passives+n.Detractors {
				t.Fatalf("answers %d do not add up", n.Answers)
			}
		})
	}
}

func TestScreenComment(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"plain words stay", "Anna helped me find the right size!", "Anna helped me find the right size!"},
		{"an email address is masked", "mail me at jan.de.vries+shop@example.co.uk please", "mail me at […] please"},
		{"an international phone number is masked", "call +31 6 1234 5678 tomorrow", "call […] tomorrow"},
		{"a phone number with dashes and brackets is masked", "ring (020) 555-1234", "ring […]"},
		{"a phone number written as one run is masked", "0612345678", "[…]"},
		{"a price, a time and a date stay", "paid 12.50 at 14:30 on 5-12-2026", "paid 12.50 at 14:30 on 5-12-2026"},
		{"a short receipt number stays", "receipt 123456", "receipt 123456"},
		{"a full date with a four-digit year stays", "on 05-12-2026", "on 05-12-2026"},
		{"line breaks and control characters go", "great\n\tservice\x00\x1b!", "great service!"},
		{"surrounding and repeated spaces go", "   so   kind   ", "so kind"},
		{"invalid UTF-8 is dropped", "caf\xe9 good", "caf good"},
		{"an address with non-Latin letters is masked", "écrivez à zoë@exemple.fr", "écrivez à […]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ScreenComment(tt.in); got != tt.want {
				t.Fatalf("ScreenComment(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	t.Run("a long comment is cut to the limit", func(t *testing.T) {
		got := ScreenComment(strings.Repeat("é", FeedbackCommentMax+50))
		if utf8.RuneCountInString(got) != FeedbackCommentMax {
			t.Fatalf("kept %d characters", utf8.RuneCountInString(got))
		}
	})
}

func FuzzScreenComment(f *testing.F) {
	for _, s := range []string{"call +31 6 1234 5678", "a@b.nl", "paid 12.50", "\xff\x00x", "1 2 3 4 5 6 7 8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := ScreenComment(s)
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 kept: %q", got)
		}
		if utf8.RuneCountInString(got) > FeedbackCommentMax {
			t.Fatalf("too long: %d", utf8.RuneCountInString(got))
		}
		if emailPattern.MatchString(got) || phonePattern.MatchString(got) {
			t.Fatalf("an address or number survived in %q (from %q)", got, s)
		}
		if ScreenComment(got) != got {
			t.Fatalf("screening is not stable: %q → %q", got, ScreenComment(got))
		}
		for _, r := range got {
			if r < 0x20 || r == 0x7f {
				t.Fatalf("control character kept in %q", got)
			}
		}
	})
}

func FuzzNPSOf(f *testing.F) {
	f.Add(1, 2, 3, 4)
	f.Fuzz(func(t *testing.T, a, b, c, d int) {
		var cs ScoreCounts
		for i, n := range []int{a, b, c, d} {
			cs[(i*3)%11] = max(0, n%1000)
		}
		n := NPSOf(cs)
		if n.Score < -100 || n.Score > 100 || n.TopShare < 0 || n.TopShare > 1 {
			t.Fatalf("out of range: %+v", n)
		}
	})
}

func TestFeedbackToken(t *testing.T) {
	t.Parallel()
	tok := NewFeedbackToken("acme")
	if org, ok := FeedbackTokenOrg(tok); !ok || org != "acme" {
		t.Fatalf("%q parsed as %q, %v", tok, org, ok)
	}
	for _, bad := range []string{"", "acme", "acme.short", ".AAAAAAAAAAAAAAAAAAAAAA", "ac me.AAAAAAAAAAAAAAAAAAAAAA", "acme.AAAAAAAAAAAAAAAAAAAA/A"} {
		if _, ok := FeedbackTokenOrg(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestLinkGestures(t *testing.T) {
	t.Parallel()
	value := map[string]string{"g1": "v-smile", "g2": "v-care", "g3": "v-smile"}
	valueOf := func(g string) string { return value[g] }
	days := []string{"2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"}

	t.Run("no answers give no link", func(t *testing.T) {
		l := LinkGestures(days, map[string]DayDone{"2026-11-30": {Done: 4}}, nil, valueOf)
		if l.DaysWithAnswers != 0 || l.ManyDays != 0 || l.FewDays != 0 || len(l.BestDays) != 0 {
			t.Fatalf("%+v", l)
		}
	})
	t.Run("days above the median of gestures are many, the rest few, with their counts", func(t *testing.T) {
		done := map[string]DayDone{
			"2026-11-30": {Done: 1, ByGesture: map[string]int{"g2": 1}},
			"2026-12-01": {Done: 6, ByGesture: map[string]int{"g1": 4, "g3": 2}},
			"2026-12-02": {Done: 2, ByGesture: map[string]int{"g2": 2}},
			"2026-12-03": {Done: 5, ByGesture: map[string]int{"g1": 3, "g2": 2}},
			// 2026-12-04: nothing done, no answers either: it does not count
		}
		answers := map[string]ScoreCounts{
			"2026-11-30": counts(7, 2),
			"2026-12-01": counts(10, 3),
			"2026-12-02": counts(9, 1, 6, 1),
			"2026-12-03": counts(9, 1, 8, 1),
		}
		l := LinkGestures(days, done, answers, valueOf)
		if l.DaysWithAnswers != 4 || l.ManyFrom != 3 || l.ManyDays != 2 || l.FewDays != 2 {
			t.Fatalf("split %+v", l)
		}
		if l.Many.Answers != 5 || l.Many.Promoters != 4 || l.Few.Answers != 4 || l.Few.Promoters != 1 {
			t.Fatalf("many %+v few %+v", l.Many, l.Few)
		}
		if len(l.BestDays) != 1 || l.BestDays[0] != "2026-12-01" {
			t.Fatalf("best days %v", l.BestDays)
		}
		if len(l.BestDayValues) != 1 || l.BestDayValues[0] != (ValueDone{ValueID: "v-smile", Done: 6}) {
			t.Fatalf("values %+v", l.BestDayValues)
		}
	})
	t.Run("days with the same number of gestures are all few days", func(t *testing.T) {
		done := map[string]DayDone{"2026-11-30": {Done: 3}, "2026-12-01": {Done: 3}}
		answers := map[string]ScoreCounts{"2026-11-30": counts(10, 1), "2026-12-01": counts(5, 1)}
		l := LinkGestures(days, done, answers, valueOf)
		if l.ManyDays != 0 || l.FewDays != 2 || l.Few.Answers != 2 {
			t.Fatalf("%+v", l)
		}
	})
}
