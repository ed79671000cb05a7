package domain

import "time"

// CustomerQuote is a customer's comment that a shared story quotes, so that show and tell
// carries the customer's own words: the score and comment as the team keeps them (screened
// before storage) and when they were given. It names nobody: the answer kept nothing else.
type CustomerQuote struct {
	AnswerID string
	Score    int
	Comment  string
	At       time.Time
}

// QuotableComments are the comments a story of an assignment of day may quote, from its team's
// latest answers (newest first, as FeedbackComments answers them): those given on the same day
// (the org's local day) that have a comment. Order is kept.
func QuotableComments(answers []FeedbackAnswer, day string) []FeedbackAnswer {
	out := []FeedbackAnswer{}
	for _, a := range answers {
		if a.Day == day && a.Comment != "" && ValidScore(a.Score) {
			out = append(out, a)
		}
	}
	return out
}

// PickQuote finds the answer id among the team's latest answers for a story of day. It is
// Invalid (field customer_quote_id) unless the answer is quotable (see QuotableComments): an
// answer of another day or team, one without a comment, or one the team no longer keeps.
func PickQuote(answers []FeedbackAnswer, id, day string) (CustomerQuote, error) {
	for _, a := range QuotableComments(answers, day) {
		if a.ID == id {
			return CustomerQuote{AnswerID: a.ID, Score: a.Score, Comment: a.Comment, At: a.At}, nil
		}
	}
	return CustomerQuote{}, Invalid("invalid", "The outcome is not valid.",
		FieldError{Field: "customer_quote_id", Message: "is not a customer comment of the team on the assignment's day (see GET /v1/me/assignments/{assignment_id}/customer-comments)"})
}

// checkQuoteID checks a quote's id in an outcome: only a shared story quotes a customer.
func checkQuoteID(f OutcomeFields, shared bool) error {
	switch {
	case f.QuoteID == "":
		return nil
	case !ValidID(f.QuoteID):
		return InvalidField("customer_quote_id", "must be an id such as 01JD3QA1B2C3D4E5F6G7H8J9K0 or B1C")
	case !shared:
		return InvalidField("customer_quote_id", "only a shared story quotes a customer: send it with result done, a story and share true")
	}
	return nil
}
