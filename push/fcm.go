package push

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	firebase "firebase.google.com/go/v4"
	"firebase.google.com/go/v4/errorutils"
	"firebase.google.com/go/v4/messaging"
	"google.golang.org/api/option"

	"github.com/microact/microact/domain"
)

// FCMConfig says where and as whom microact pushes.
type FCMConfig struct {
	CredentialsFile string // service-account JSON
	ProjectID       string // empty: the credentials' project_id
	Endpoint        string // base URL ending in /v1, for a fake or proxy; empty: FCM's own
}

const (
	// maxPerSendEach is the most messages the SDK's SendEach takes in one call.
	maxPerSendEach = 500
	// DefaultChunkTimeout bounds one SendEach call unless FCMSender.ChunkTimeout says otherwise.
	DefaultChunkTimeout = 30 * time.Second
	// maxRetryAfter caps the Retry-After FCM asks for, so a nonsensical header cannot park a
	// push for years or overflow a time.Duration.
	maxRetryAfter = 24 * time.Hour
	// apnsCollapseIDMax is APNs' limit on apns-collapse-id, in bytes.
	apnsCollapseIDMax = 64
)

// FCMSender pushes through Firebase Cloud Messaging's HTTP v1 API with the Admin SDK: one
// request per message (SendEach, never the retired batch endpoint), 500 messages per call.
//
// The SDK retries a request itself on 503 and on network errors, up to 4 more times, waiting
// 0 s, 1 s, 2 s and 4 s, or the response's Retry-After when that is longer; a Retry-After over
// 2 minutes ends its retries at once. 429 and 500 are not retried by the SDK. Its retry policy
// lives in its internal package and cannot be configured, so ChunkTimeout bounds it instead:
// what has not finished by then is reported Retryable and the outbox retries it later.
type FCMSender struct {
	// ChunkTimeout bounds one SendEach call of up to 500 messages, the SDK's own retries
	// included. Zero means DefaultChunkTimeout.
	ChunkTimeout time.Duration
	// Clock turns a Retry-After date into a wait. Nil means the system clock.
	Clock domain.Clock

	fcm sendEacher
}

// sendEacher is the part of *messaging.Client FCMSender uses.
type sendEacher interface {
	SendEach(ctx context.Context, msgs []*messaging.Message) (*messaging.BatchResponse, error)
}

// NewFCMSender builds a sender from a service-account JSON file; the project is cfg.ProjectID
// or else the credentials'. It reads the credentials now, so a missing or malformed file fails
// here, not at the first push. opts go to the SDK after the ones cfg implies.
func NewFCMSender(ctx context.Context, cfg FCMConfig, opts ...option.ClientOption) (*FCMSender, error) {
	var o []option.ClientOption
	if cfg.CredentialsFile != "" {
		o = append(o, option.WithCredentialsFile(cfg.CredentialsFile))
	}
	if cfg.Endpoint != "" {
		// The SDK posts each message to <endpoint>/projects/<project>/messages:send; FCM's own
		// endpoint is https://fcm.googleapis.com/v1, so ours ends in /v1 too.
		o = append(o, option.WithEndpoint(strings.TrimRight(cfg.Endpoint, "/")))
	}
	o = append(o, opts...)
	app, err := firebase.NewApp(ctx, &firebase.Config{ProjectID: cfg.ProjectID}, o...)
	if err != nil {
		return nil, fmt.Errorf("push: firebase app: %w", err)
	}
	client, err := app.Messaging(ctx)
	if err != nil {
		return nil, fmt.Errorf("push: firebase messaging: %w", err)
	}
	return &FCMSender{fcm: client}, nil
}

// Send pushes msgs in calls of at most 500; results are in the order of msgs.
func (s *FCMSender) Send(ctx context.Context, msgs []Message) ([]Result, error) {
	if s == nil || s.fcm == nil {
		return nil, errors.New("push: FCMSender not built with NewFCMSender")
	}
	results := make([]Result, len(msgs))
	for start := 0; start < len(msgs); start += maxPerSendEach {
		end := min(start+maxPerSendEach, len(msgs))
		s.sendChunk(ctx, msgs[start:end], results[start:end])
	}
	return results, nil
}

// sendChunk sends up to 500 messages and fills their results.
func (s *FCMSender) sendChunk(ctx context.Context, msgs []Message, results []Result) {
	batch := make([]*messaging.Message, 0, len(msgs))
	at := make([]int, 0, len(msgs)) // batch[j] is msgs[at[j]]
	for i, m := range msgs {
		if m.Token == "" {
			// The SDK would refuse the whole call for one message without a target.
			results[i] = Result{Err: errors.New("push: message without a token")}
			continue
		}
		batch = append(batch, fcmMessage(m))
		at = append(at, i)
	}
	if len(batch) == 0 {
		return
	}
	if err := ctx.Err(); err != nil {
		for _, i := range at {
			results[i] = Result{Err: fmt.Errorf("push: fcm: not sent: %w", err), Retryable: true}
		}
		return
	}
	ctx, cancel := context.WithTimeout(ctx, orDefault(s.ChunkTimeout, DefaultChunkTimeout))
	defer cancel()
	resp, err := s.fcm.SendEach(ctx, batch)
	if err != nil {
		// Nothing was sent: the SDK found a message invalid before sending any. Sending the
		// same messages again would fail the same way.
		for _, i := range at {
			results[i] = Result{Err: fmt.Errorf("push: fcm: %w", err)}
		}
		return
	}
	now := time.Now()
	if s.Clock != nil {
		now = s.Clock.Now()
	}
	for j, r := range resp.Responses {
		if !r.Success {
			results[at[j]] = classify(r.Error, now)
		}
	}
}

// orDefault is d, or def when d is not positive.
func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// fcmMessage is m as FCM wants it. It carries both the Android and the APNs block whatever
// m.Platform says: FCM applies the one matching the token, and a device whose platform was
// recorded wrong still gets a proper notification.
func fcmMessage(m Message) *messaging.Message {
	msg := &messaging.Message{
		Token:        m.Token,
		Notification: &messaging.Notification{Title: m.Title, Body: m.Body},
		Data:         m.Data,
		Android: &messaging.AndroidConfig{
			Priority:    "high",
			CollapseKey: m.CollapseKey,
		},
		APNS: &messaging.APNSConfig{
			Headers: map[string]string{"apns-priority": "10"},
			Payload: &messaging.APNSPayload{Aps: &messaging.Aps{Sound: "default"}},
		},
	}
	if m.CollapseKey != "" {
		// collapse_key only collapses messages still waiting for an offline device; the tag
		// replaces one already shown, as apns-collapse-id does on iOS.
		msg.Android.Notification = &messaging.AndroidNotification{Tag: m.CollapseKey}
		msg.APNS.Headers["apns-collapse-id"] = apnsCollapseID(m.CollapseKey)
	}
	return msg
}

// apnsCollapseID is key when it fits APNs' 64 bytes, else its SHA-256 in hex (64 bytes).
func apnsCollapseID(key string) string {
	if len(key) <= apnsCollapseIDMax {
		return key
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// fcmErrorBody is the part of an FCM v1 error response classify reads.
type fcmErrorBody struct {
	Error struct {
		Message string `json:"message"`
		Status  string `json:"status"`
		Details []struct {
			Type            string `json:"@type"`
			ErrorCode       string `json:"errorCode"`
			FieldViolations []struct {
				Field string `json:"field"`
			} `json:"fieldViolations"`
		} `json:"details"`
	} `json:"error"`
}

// classify translates the SDK's error for one message into a Result.
func classify(err error, now time.Time) Result {
	resp := errorutils.HTTPResponse(err)
	if resp == nil {
		// No HTTP answer: the network failed after the SDK's own retries, or the context ended
		// (the caller's, or ChunkTimeout cutting the SDK's back-off short).
		return Result{Err: fmt.Errorf("push: fcm: %w", err), Retryable: true}
	}
	var body fcmErrorBody
	if raw, rerr := io.ReadAll(resp.Body); rerr == nil {
		_ = json.Unmarshal(raw, &body) // not JSON (a proxy's page): the status code decides
	}
	code := body.Error.Status
	for _, d := range body.Error.Details {
		if d.ErrorCode != "" {
			code = d.ErrorCode
		}
	}
	r := Result{Err: fmt.Errorf("push: fcm: %d %s: %w", resp.StatusCode, code, err)}
	switch {
	case messaging.IsUnregistered(err), messaging.IsSenderIDMismatch(err):
		r.Unregistered = true // gone, or registered to another Firebase project
	case messaging.IsInvalidArgument(err):
		r.Unregistered = aboutToken(body, err)
	case messaging.IsQuotaExceeded(err), messaging.IsUnavailable(err), messaging.IsInternal(err),
		resp.StatusCode == http.StatusTooManyRequests, resp.StatusCode >= 500:
		r.Retryable = true
	}
	r.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), now)
	return r
}

// aboutToken tells an INVALID_ARGUMENT about the registration token (remove it) from one
// about the payload (a bug on our side; keeping the token is right). FCM names the field in a
// google.rpc.BadRequest detail; its message is the fallback.
func aboutToken(body fcmErrorBody, err error) bool {
	named := false
	for _, d := range body.Error.Details {
		for _, v := range d.FieldViolations {
			if v.Field == "message.token" {
				return true
			}
			named = true
		}
	}
	return !named && strings.Contains(strings.ToLower(err.Error()), "registration token")
}

// parseRetryAfter reads a Retry-After header: delay seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		// Clamped on both sides before the product: a very negative count would overflow it
		// into a long positive wait.
		d = time.Duration(min(max(secs, 0), int64(maxRetryAfter/time.Second))) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), maxRetryAfter)
}
