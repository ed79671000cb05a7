package store

import (
	"strconv"
	"strings"
	"time"

	"github.com/microact/microact/domain"
)

// quoteField is the field of a story's hash (beside "data", "kudos", "spotlight", "deleted")
// that holds the customer comment its author quoted, as
//
//	score | given (Unix seconds) | answer id | comment
//
// the comment, the only part that may hold a '|', last. It is written with the story by the
// outcome script and goes with the story's hash.
const quoteField = "quote"

func encodeQuote(q domain.CustomerQuote) string {
	return strconv.Itoa(q.Score) + "|" + strconv.FormatInt(q.At.Unix(), 10) + "|" + q.AnswerID + "|" + q.Comment
}

// decodeQuote reads a story's quote field; "" (none) is nil.
func decodeQuote(raw string) (*domain.CustomerQuote, error) {
	if raw == "" {
		return nil, nil
	}
	f := strings.SplitN(raw, "|", 4)
	if len(f) != 4 {
		return nil, errUnexpected("story quote " + raw)
	}
	score, err1 := strconv.Atoi(f[0])
	at, err2 := strconv.ParseInt(f[1], 10, 64)
	if err1 != nil || err2 != nil || !domain.ValidScore(score) {
		return nil, errUnexpected("story quote " + raw)
	}
	return &domain.CustomerQuote{AnswerID: f[2], Score: score, Comment: f[3], At: time.Unix(at, 0).UTC()}, nil
}
