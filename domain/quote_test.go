package domain

import (
	"testing"
	"time"
)

func TestQuotableComments(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 12, 4, 14, 3, 0, 0, time.UTC)
	answers := []FeedbackAnswer{
		{ID: "A3", Score: 10, Comment: "Anna found the right size", Day: "2026-12-04", At: at},
		{ID: "A2", Score: 9, Day: "2026-12-04", At: at},                              // a score without a comment
		{ID: "A1", Score: 3, Comment: "Too long a queue", Day: "2026-12-04", At: at}, // a detractor's words are the customer's too
		{ID: "A0", Score: 10, Comment: "Lovely", Day: "2026-12-03", At: at.Add(-24 * time.Hour)},
	}
	tests := []struct {
		name string
		day  string
		want []string
	}{
		{"the day's comments, newest first, without the scores that have no comment", "2026-12-04", []string{"A3", "A1"}},
		{"another day's comments are not that day's", "2026-12-03", []string{"A0"}},
		{"a day without answers has nothing to quote", "2026-12-05", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := QuotableComments(answers, tt.day)
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v, want ids %v", got, tt.want)
			}
			for i, a := range got {
				if a.ID != tt.want[i] {
					t.Fatalf("got %+v, want ids %v", got, tt.want)
				}
			}
		})
	}
	if got := QuotableComments(nil, "2026-12-04"); got == nil || len(got) != 0 {
		t.Fatalf("no answers: got %#v, want an empty list", got)
	}
}

func TestPickQuote(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 12, 4, 14, 3, 0, 0, time.UTC)
	answers := []FeedbackAnswer{
		{ID: "A3", Score: 10, Comment: "Anna found the right size", Day: "2026-12-04", At: at},
		{ID: "A2", Score: 9, Day: "2026-12-04", At: at},
		{ID: "A0", Score: 10, Comment: "Lovely", Day: "2026-12-03", At: at},
	}
	t.Run("a comment of the day is quoted with its score, words and time", func(t *testing.T) {
		q, err := PickQuote(answers, "A3", "2026-12-04")
		if err != nil {
			t.Fatal(err)
		}
		want := CustomerQuote{AnswerID: "A3", Score: 10, Comment: "Anna found the right size", At: at}
		if q != want {
			t.Fatalf("got %+v, want %+v", q, want)
		}
	})
	for _, tt := range []struct{ name, id, day string }{
		{"a comment of another day is refused", "A0", "2026-12-04"},
		{"a score without a comment is refused", "A2", "2026-12-04"},
		{"an id the team does not keep (another team's, or pushed out) is refused", "A9", "2026-12-04"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := PickQuote(answers, tt.id, tt.day)
			e := AsError(err)
			if err == nil || e.Kind != KindInvalid || len(e.Fields) != 1 || e.Fields[0].Field != "customer_quote_id" {
				t.Fatalf("got %v, want a customer_quote_id field error", err)
			}
		})
	}
}

func TestValidateOutcomeQuote(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		f       OutcomeFields
		wantErr bool
	}{
		{"no quote is fine", OutcomeFields{Result: ResultDone}, false},
		{"a shared story may quote", OutcomeFields{Result: ResultDone, Story: "Held the door", Share: true, QuoteID: "A3"}, false},
		{"a story kept to oneself does not quote", OutcomeFields{Result: ResultDone, Story: "Held the door", QuoteID: "A3"}, true},
		{"a done gesture without a story does not quote", OutcomeFields{Result: ResultDone, Share: true, QuoteID: "A3"}, true},
		{"a blank story is no story to quote in", OutcomeFields{Result: ResultDone, Story: "  ", Share: true, QuoteID: "A3"}, true},
		{"a skipped gesture does not quote", OutcomeFields{Result: ResultSkipped, QuoteID: "A3"}, true},
		{"an id that cannot be one is refused", OutcomeFields{Result: ResultDone, Story: "x", Share: true, QuoteID: "not an id"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ValidateOutcome(tt.f, "2026-12-04", "2026-12-04", now, time.UTC)
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("got %v", err)
				}
				return
			}
			e := AsError(err)
			if err == nil || e.Kind != KindInvalid {
				t.Fatalf("got %v, want invalid", err)
			}
			found := false
			for _, f := range e.Fields {
				found = found || f.Field == "customer_quote_id"
			}
			if !found {
				t.Fatalf("got fields %+v, want customer_quote_id among them", e.Fields)
			}
		})
	}
}
