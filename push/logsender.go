package push

import (
	"context"
	"log/slog"
)

// LogSender logs pushes instead of sending them: the sender when no FCM credentials are
// configured (development, demos). Every message is reported as accepted.
type LogSender struct {
	Log *slog.Logger // nil: slog.Default()
}

// Send logs each message without its token, which is a credential to the device.
func (s LogSender) Send(ctx context.Context, msgs []Message) ([]Result, error) {
	log := s.Log
	if log == nil {
		log = slog.Default()
	}
	for _, m := range msgs {
		log.InfoContext(ctx, "push (logged, not sent)",
			"kind", m.Data["kind"], "id", m.Data["id"], "title", m.Title,
			"platform", m.Platform, "token", tokenPrefix(m.Token))
	}
	return make([]Result, len(msgs)), nil
}

// tokenPrefix is enough of a token to tell devices apart in a log: at most 8 characters and
// never more than half of it.
func tokenPrefix(token string) string {
	n := min(8, len(token)/2)
	return token[:n] + "…"
}
