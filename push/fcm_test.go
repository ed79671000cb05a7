package push

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"firebase.google.com/go/v4/messaging"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/push/fcmfake"
)

// newFCM starts a fake FCM and a real FCMSender pointed at it.
func newFCM(t *testing.T) (*fcmfake.Server, *FCMSender) {
	t.Helper()
	fake := fcmfake.Start(t)
	s, err := NewFCMSender(t.Context(), FCMConfig{CredentialsFile: fake.CredentialsFile(t), Endpoint: fake.Endpoint()})
	if err != nil {
		t.Fatalf("NewFCMSender: %v", err)
	}
	return fake, s
}

// token is a registration token shaped like FCM's: long, with a colon.
func token(name string) string {
	return name + ":APA91bH" + strings.Repeat("x7Qz", 36)
}

func message(tok, kind, id string) Message {
	return Message{
		Token: tok, Platform: "android", Title: "Your gesture for today", Body: "Smile at one customer",
		Data:        map[string]string{"kind": kind, "id": id, "link": "microact://today"},
		CollapseKey: kind,
	}
}

func TestFCMSenderPayload(t *testing.T) {
	fake, s := newFCM(t)
	longKey := "kudos:" + strings.Repeat("01HZY", 20) // 106 bytes, over APNs' 64
	msgs := []Message{
		message(token("android"), domain.KindDailyGesture, "N1"),
		{Token: token("ios"), Platform: "ios", Title: "Kudos", Body: "Ana liked your story",
			Data: map[string]string{"kind": "kudos", "id": "N2", "link": "microact://stories/S1"}, CollapseKey: longKey},
		{Token: token("plain"), Platform: "ios", Title: "Test", Body: "Hello",
			Data: map[string]string{"kind": "test", "id": "N3", "link": "microact://inbox"}},
	}
	results, err := s.Send(t.Context(), msgs)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	for i, r := range results {
		if r.Err != nil {
			t.Fatalf("message %d: %v", i, r.Err)
		}
	}
	got := map[string]fcmfake.Received{}
	for _, r := range fake.Received() {
		got[r.Token] = r
	}
	if len(got) != 3 {
		t.Fatalf("fake received %d distinct tokens, want 3", len(got))
	}

	t.Run("the request goes to the project of the credentials with a bearer token", func(t *testing.T) {
		if p := got[token("android")].Project; p != fcmfake.ProjectID {
			t.Errorf("project = %q, want %q", p, fcmfake.ProjectID)
		}
		if n := fake.TokenRequests(); n != 1 {
			t.Errorf("access tokens fetched = %d, want 1 (cached)", n)
		}
	})
	t.Run("title, body and data travel as given", func(t *testing.T) {
		r := got[token("android")]
		if r.Notification.Title != "Your gesture for today" || r.Notification.Body != "Smile at one customer" {
			t.Errorf("notification = %+v", r.Notification)
		}
		want := map[string]string{"kind": "daily_gesture", "id": "N1", "link": "microact://today"}
		if fmt.Sprint(r.Data) != fmt.Sprint(want) {
			t.Errorf("data = %v, want %v", r.Data, want)
		}
	})
	t.Run("android gets high priority and collapses by key, in the queue and in the drawer", func(t *testing.T) {
		a := got[token("android")].Android
		if a.Priority != "high" || a.CollapseKey != "daily_gesture" || a.Notification.Tag != "daily_gesture" {
			t.Errorf("android = %+v", a)
		}
	})
	t.Run("apns gets priority 10, the default sound and the collapse id", func(t *testing.T) {
		a := got[token("android")].APNS
		if a.Headers["apns-priority"] != "10" || a.Headers["apns-collapse-id"] != "daily_gesture" {
			t.Errorf("apns headers = %v", a.Headers)
		}
		if a.Payload.Aps.Sound != "default" {
			t.Errorf("aps.sound = %q, want default", a.Payload.Aps.Sound)
		}
	})
	t.Run("a collapse key over 64 bytes is hashed to fit apns-collapse-id", func(t *testing.T) {
		r := got[token("ios")]
		id := r.APNS.Headers["apns-collapse-id"]
		if len(id) > 64 || id == "" || id == longKey {
			t.Errorf("apns-collapse-id = %q (%d bytes)", id, len(id))
		}
		if id != apnsCollapseID(longKey) {
			t.Errorf("apns-collapse-id is not stable: %q", id)
		}
		if r.Android.CollapseKey != longKey {
			t.Errorf("android collapse_key = %q, want the key unchanged", r.Android.CollapseKey)
		}
	})
	t.Run("without a collapse key nothing collapses", func(t *testing.T) {
		r := got[token("plain")]
		if _, ok := r.APNS.Headers["apns-collapse-id"]; ok || r.Android.CollapseKey != "" || r.Android.Notification.Tag != "" {
			t.Errorf("apns headers = %v, android = %+v", r.APNS.Headers, r.Android)
		}
		if r.APNS.Headers["apns-priority"] != "10" || r.APNS.Payload.Aps.Sound != "default" {
			t.Errorf("apns = %+v", r.APNS)
		}
	})
}

func TestFCMSenderProjectFromConfig(t *testing.T) {
	fake := fcmfake.Start(t)
	s, err := NewFCMSender(t.Context(), FCMConfig{
		CredentialsFile: fake.CredentialsFile(t), ProjectID: "microact-prod", Endpoint: fake.Endpoint() + "/",
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Send(t.Context(), []Message{message(token("a"), "test", "N1")}); err != nil {
		t.Fatal(err)
	}
	if got := fake.Delivered(); len(got) != 1 || got[0].Project != "microact-prod" {
		t.Fatalf("delivered = %+v, want one message to project microact-prod", got)
	}
}

func TestFCMSenderOutcomes(t *testing.T) {
	fake, s := newFCM(t)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s.Clock = domain.NewFixedClock(now)

	type want struct {
		ok, unregistered, retryable bool
		retryAfter                  time.Duration
		attempts                    int // requests the fake saw: the SDK's own retries show here
	}
	tests := []struct {
		name    string
		respond *fcmfake.Response
		want    want
	}{
		{"an accepted message has no error", nil, want{ok: true, attempts: 1}},
		{"an unregistered token is to be removed",
			&fcmfake.Response{Status: 404, ErrorCode: "UNREGISTERED"}, want{unregistered: true, attempts: 1}},
		{"an invalid token is to be removed",
			&fcmfake.Response{Status: 400, ErrorCode: "INVALID_ARGUMENT"}, want{unregistered: true, attempts: 1}},
		{"an invalid payload keeps the token and is not retried",
			&fcmfake.Response{Status: 400, ErrorCode: "INVALID_ARGUMENT", Field: "message.data"}, want{attempts: 1}},
		{"a token of another sender is to be removed",
			&fcmfake.Response{Status: 403, ErrorCode: "SENDER_ID_MISMATCH"}, want{unregistered: true, attempts: 1}},
		{"a quota error is retryable after Retry-After seconds, and the SDK does not retry it",
			&fcmfake.Response{Status: 429, RetryAfter: "3"}, want{retryable: true, retryAfter: 3 * time.Second, attempts: 1}},
		{"a quota error is retryable after a Retry-After date",
			&fcmfake.Response{Status: 429, RetryAfter: now.Add(90 * time.Second).Format(http.TimeFormat)},
			want{retryable: true, retryAfter: 90 * time.Second, attempts: 1}},
		{"an internal error is retryable, and the SDK does not retry it",
			&fcmfake.Response{Status: 500}, want{retryable: true, attempts: 1}},
		{"a passing 503 is retried by the SDK at once and delivered",
			&fcmfake.Response{Status: 503, Times: 1}, want{ok: true, attempts: 2}},
		{"a 503 asking for more than the SDK's 2-minute cap is handed back at once",
			&fcmfake.Response{Status: 503, RetryAfter: "300"}, want{retryable: true, retryAfter: 5 * time.Minute, attempts: 1}},
		{"an APNs credentials problem is rejected, not retried, and keeps the token",
			&fcmfake.Response{Status: 401, ErrorCode: "THIRD_PARTY_AUTH_ERROR"}, want{attempts: 1}},
	}
	msgs := make([]Message, len(tests))
	for i, tt := range tests {
		msgs[i] = message(token(fmt.Sprintf("outcome%d", i)), "test", fmt.Sprintf("N%d", i))
		if tt.respond != nil {
			fake.Respond(msgs[i].Token, *tt.respond)
		}
	}
	results, err := s.Send(t.Context(), msgs) // one call: results must line up with messages
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if len(results) != len(msgs) {
		t.Fatalf("%d results for %d messages", len(results), len(msgs))
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := results[i]
			if (r.Err == nil) != tt.want.ok || r.Unregistered != tt.want.unregistered ||
				r.Retryable != tt.want.retryable || r.RetryAfter != tt.want.retryAfter {
				t.Errorf("result = %+v, want %+v", r, tt.want)
			}
			if n := fake.Attempts(msgs[i].Token); n != tt.want.attempts {
				t.Errorf("fake saw %d attempts, want %d", n, tt.want.attempts)
			}
		})
	}
}

// The SDK retries 503s and network errors itself and its back-off cannot be configured;
// ChunkTimeout bounds it, so these tests take half a second, not the SDK's 7.
func TestFCMSenderChunkTimeoutCutsTheSDKsRetries(t *testing.T) {
	t.Run("a lasting 503 is retryable once the time is up", func(t *testing.T) {
		fake, s := newFCM(t)
		s.ChunkTimeout = 500 * time.Millisecond
		tok := token("busy")
		fake.Respond(tok, fcmfake.Response{Status: 503})
		r := sendOne(t, s, tok)
		if !r.Retryable || r.Unregistered || r.Err == nil {
			t.Errorf("result = %+v, want retryable", r)
		}
		// the SDK's first retry is immediate, the next one waits 1 s: past the deadline
		if n := fake.Attempts(tok); n != 2 {
			t.Errorf("fake saw %d attempts, want 2", n)
		}
	})
	t.Run("a lasting network failure is retryable once the time is up", func(t *testing.T) {
		fake, s := newFCM(t)
		s.ChunkTimeout = 500 * time.Millisecond
		fake.Fail(1000)
		tok := token("cut")
		r := sendOne(t, s, tok)
		if !r.Retryable || r.Unregistered || r.Err == nil {
			t.Errorf("result = %+v, want retryable", r)
		}
		if n := fake.Attempts(tok); n != 2 {
			t.Errorf("fake saw %d attempts, want 2", n)
		}
	})
	t.Run("a single dropped connection is retried by the SDK and delivered", func(t *testing.T) {
		fake, s := newFCM(t)
		fake.Fail(1)
		tok := token("blip")
		if r := sendOne(t, s, tok); r.Err != nil {
			t.Errorf("result = %+v, want delivered", r)
		}
		if n, d := fake.Attempts(tok), len(fake.Delivered()); n != 2 || d != 1 {
			t.Errorf("attempts = %d, delivered = %d, want 2 and 1", n, d)
		}
	})
}

// What the SDK does on its own when nothing cuts it short: 5 attempts over 7 s (0+1+2+4).
func TestFCMSenderSDKRetriesUntilItGivesUp(t *testing.T) {
	if testing.Short() {
		t.Skip("waits through the SDK's 7 s of back-off")
	}
	t.Run("a lasting 503", func(t *testing.T) {
		t.Parallel()
		fake, s := newFCM(t)
		tok := token("busy")
		fake.Respond(tok, fcmfake.Response{Status: 503})
		start := time.Now()
		r := sendOne(t, s, tok)
		if !r.Retryable || r.Err == nil {
			t.Errorf("result = %+v, want retryable", r)
		}
		if n, took := fake.Attempts(tok), time.Since(start); n != 5 || took < 7*time.Second {
			t.Errorf("attempts = %d in %v, want 5 in at least 7s", n, took)
		}
	})
	t.Run("a lasting network failure", func(t *testing.T) {
		t.Parallel()
		fake, s := newFCM(t)
		fake.Fail(1000)
		tok := token("cut")
		r := sendOne(t, s, tok)
		if !r.Retryable || r.Err == nil {
			t.Errorf("result = %+v, want retryable", r)
		}
		if n := fake.Attempts(tok); n != 5 {
			t.Errorf("attempts = %d, want 5", n)
		}
	})
}

func sendOne(t *testing.T, s *FCMSender, tok string) Result {
	t.Helper()
	results, err := s.Send(t.Context(), []Message{message(tok, "test", "N1")})
	if err != nil || len(results) != 1 {
		t.Fatalf("Send = %v, %v", results, err)
	}
	return results[0]
}

// countingSendEach records the size of each SendEach call before handing it to the SDK.
type countingSendEach struct {
	sendEacher
	mu    sync.Mutex
	sizes []int
}

func (c *countingSendEach) SendEach(ctx context.Context, msgs []*messaging.Message) (*messaging.BatchResponse, error) {
	c.mu.Lock()
	c.sizes = append(c.sizes, len(msgs))
	c.mu.Unlock()
	return c.sendEacher.SendEach(ctx, msgs)
}

func TestFCMSenderSendsLargeBatchesInChunksOf500(t *testing.T) {
	fake, s := newFCM(t)
	counter := &countingSendEach{sendEacher: s.fcm}
	s.fcm = counter
	const n = 1200
	msgs := make([]Message, n)
	for i := range msgs {
		msgs[i] = message(token(fmt.Sprintf("bulk%04d", i)), "weekly_recap", fmt.Sprintf("N%04d", i))
		if i%7 == 0 {
			fake.Respond(msgs[i].Token, fcmfake.Response{Status: 404})
		}
	}
	results, err := s.Send(t.Context(), msgs)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if fmt.Sprint(counter.sizes) != "[500 500 200]" {
		t.Errorf("SendEach calls = %v, want [500 500 200]", counter.sizes)
	}
	if len(results) != n {
		t.Fatalf("%d results, want %d", len(results), n)
	}
	for i, r := range results {
		if gone := i%7 == 0; r.Unregistered != gone || (r.Err == nil) == gone {
			t.Fatalf("result %d = %+v, want unregistered %v", i, r, gone)
		}
	}
	delivered := fake.Delivered()
	if len(delivered) != n-(n+6)/7 {
		t.Errorf("delivered %d, want %d", len(delivered), n-(n+6)/7)
	}
	for _, d := range delivered {
		var i int
		fmt.Sscanf(d.Data["id"], "N%d", &i)
		if d.Token != msgs[i].Token {
			t.Fatalf("message %s went to %s, want %s", d.Data["id"], d.Token, msgs[i].Token)
		}
	}
}

func TestFCMSenderMessageWithoutTokenFailsAlone(t *testing.T) {
	fake, s := newFCM(t)
	results, err := s.Send(t.Context(), []Message{message("", "test", "N1"), message(token("ok"), "test", "N2")})
	if err != nil {
		t.Fatal(err)
	}
	if r := results[0]; r.Err == nil || r.Retryable || r.Unregistered {
		t.Errorf("tokenless result = %+v, want a plain rejection", r)
	}
	if results[1].Err != nil || len(fake.Delivered()) != 1 {
		t.Errorf("the other message: %+v, delivered %d", results[1], len(fake.Delivered()))
	}
}

func TestFCMSenderWithEndedContextSendsNothing(t *testing.T) {
	fake, s := newFCM(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	results, err := s.Send(ctx, []Message{message(token("a"), "test", "N1"), message(token("b"), "test", "N2")})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range results {
		if !r.Retryable || r.Err == nil {
			t.Errorf("result %d = %+v, want retryable", i, r)
		}
	}
	if n := len(fake.Received()); n != 0 {
		t.Errorf("fake received %d requests, want 0", n)
	}
}

func TestNewFCMSenderFailsOnBadCredentials(t *testing.T) {
	dir := t.TempDir()
	garbled := filepath.Join(dir, "garbled.json")
	if err := os.WriteFile(garbled, []byte("not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, path := range map[string]string{"missing": filepath.Join(dir, "missing.json"), "garbled": garbled} {
		if _, err := NewFCMSender(t.Context(), FCMConfig{CredentialsFile: path, ProjectID: "p"}); err == nil {
			t.Errorf("NewFCMSender with a %s credentials file: no error", name)
		}
	}
	if _, err := (&FCMSender{}).Send(t.Context(), []Message{message(token("a"), "test", "N1")}); err == nil {
		t.Error("Send on a zero FCMSender: no error")
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name, header string
		want         time.Duration
	}{
		{"seconds", "3", 3 * time.Second},
		{"an HTTP date", "Mon, 02 Mar 2026 09:02:00 GMT", 2 * time.Minute},
		{"a date in the past", "Mon, 02 Mar 2026 08:00:00 GMT", 0},
		{"none", "", 0},
		{"garbage", "soon", 0},
		{"negative seconds", "-5", 0},
		{"so many negative seconds that they overflow a Duration", "-10000000000", 0},
		{"absurdly many seconds, capped at a day", "99999999999999999", 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseRetryAfter(tt.header, now); got != tt.want {
				t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.header, got, tt.want)
			}
		})
	}
}

func TestLogSenderNeverLogsAWholeToken(t *testing.T) {
	var buf bytes.Buffer
	s := LogSender{Log: slog.New(slog.NewTextHandler(&buf, nil))}
	msgs := []Message{
		message(token("android"), domain.KindDailyGesture, "N1"),
		{Token: "short", Platform: "ios", Title: "Kudos", Data: map[string]string{"kind": "kudos", "id": "N2"}},
	}
	results, err := s.Send(t.Context(), msgs)
	if err != nil || len(results) != 2 || results[0].Err != nil || results[1].Err != nil {
		t.Fatalf("Send = %+v, %v; want two successes", results, err)
	}
	out := buf.String()
	for _, m := range msgs {
		if strings.Contains(out, m.Token) {
			t.Errorf("log holds the whole token %q:\n%s", m.Token, out)
		}
	}
	for _, want := range []string{"kind=daily_gesture", "id=N1", `title="Your gesture for today"`, "platform=android", "token=android:…", "kind=kudos", "platform=ios", "token=sh…"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %s:\n%s", want, out)
		}
	}
}
