package push

import (
	"context"
	"time"
)

// Message is one push to one device.
type Message struct {
	Token       string // FCM registration token
	Platform    string // "android" or "ios"
	Title, Body string
	Data        map[string]string // always holds kind, id, link (e.g. microact://today)
	CollapseKey string            // e.g. the kind, or "kudos:<story id>"
}

// Result is the outcome of one message.
type Result struct {
	Err          error         // nil when FCM accepted it
	Unregistered bool          // the token is gone or invalid: remove it
	Retryable    bool          // 429, 503, 500, network errors: try again later
	RetryAfter   time.Duration // from FCM's Retry-After header when given, else 0
}

// Sender sends messages; results are in the order of msgs. An error is returned only when
// nothing could be attempted (e.g. bad configuration); per-message failures go in Results.
type Sender interface {
	Send(ctx context.Context, msgs []Message) ([]Result, error)
}
