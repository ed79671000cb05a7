// Package fcmfake is a stand-in for Firebase Cloud Messaging's HTTP v1 API and Google's OAuth2
// token endpoint, for tests that push through the real Firebase Admin SDK without the internet.
//
//	fake := fcmfake.Start(t)
//	sender, err := push.NewFCMSender(ctx, push.FCMConfig{
//		CredentialsFile: fake.CredentialsFile(t), Endpoint: fake.Endpoint()})
//
// Every token is accepted unless told otherwise with Respond or Fail.
package fcmfake

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// ProjectID is the Firebase project of the credentials CredentialsFile writes.
const ProjectID = "microact-test"

// accessToken is what the token endpoint hands out and the send endpoint demands.
const accessToken = "fake"

// Server is a running fake. It is safe for concurrent use.
type Server struct {
	URL string // base URL, e.g. http://127.0.0.1:41234

	srv *httptest.Server

	mu        sync.Mutex
	received  []Received
	responses map[string]*Response // by token
	fail      int                  // requests still to fail at the network level
	tokens    int                  // access tokens handed out
	key       []byte               // PEM of the service account's private key, made once
	holds     map[string]*Hold     // by token: the next send to it waits
	closing   chan struct{}        // closed when the test ends: held sends give up
}

// Hold is a send request the fake keeps waiting (see Server.Hold).
type Hold struct {
	// Arrived is closed when the held request has arrived.
	Arrived chan struct{}
	release chan struct{}
	once    sync.Once
}

// Release lets the held request be answered as any other.
func (h *Hold) Release() { h.once.Do(func() { close(h.release) }) }

// Received is one send request as the fake decoded it.
type Received struct {
	Project      string            // from the URL path
	Token        string            // message.token
	Notification Notification      // message.notification
	Data         map[string]string // message.data
	Android      Android           // message.android
	APNS         APNS              // message.apns
	Message      json.RawMessage   // the whole message, for anything else
	Status       int               // what the fake answered; 0 when it cut the connection
	At           time.Time         // when the request arrived
}

// Notification is the message's cross-platform notification.
type Notification struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

// Android is the message's Android block.
type Android struct {
	Priority     string `json:"priority"`
	CollapseKey  string `json:"collapse_key"`
	TTL          string `json:"ttl"`
	Notification struct {
		Title string `json:"title"`
		Body  string `json:"body"`
		Tag   string `json:"tag"`
	} `json:"notification"`
}

// APNS is the message's APNs block.
type APNS struct {
	Headers map[string]string `json:"headers"`
	Payload struct {
		Aps struct {
			Sound            string `json:"sound"`
			Badge            *int   `json:"badge"`
			ContentAvailable int    `json:"content-available"`
		} `json:"aps"`
	} `json:"payload"`
}

// Response is how the fake answers sends to one token.
type Response struct {
	Status     int    // HTTP status; 0 or 200 accepts the message
	ErrorCode  string // FCM's errorCode; empty: the usual one for Status (404 → UNREGISTERED …)
	Message    string // error message; empty: one like FCM's
	Field      string // INVALID_ARGUMENT only: the field at fault; empty: "message.token"
	RetryAfter string // Retry-After header, seconds or an HTTP date
	Times      int    // answer like this this many times, then accept; 0: every time
}

// Start runs a fake on 127.0.0.1 until the test ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{responses: map[string]*Response{}, holds: map[string]*Hold{}, closing: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /token", s.token)
	mux.HandleFunc("POST /v1/projects/{project}/messages:send", s.send)
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL
	tb.Cleanup(s.srv.Close)
	tb.Cleanup(func() { close(s.closing) }) // first: Close waits for the held requests
	return s
}

// Hold makes the next send request for token wait without an answer, as a slow FCM would,
// until the Hold is released (then it is answered as usual) or the sender hangs up (a process
// killed mid-send): then it is recorded with Status 0, not delivered.
func (s *Server) Hold(token string) *Hold {
	h := &Hold{Arrived: make(chan struct{}), release: make(chan struct{})}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.holds[token] = h
	return h
}

// Endpoint is the base URL to give the SDK (option.WithEndpoint, MICROACT_FCM_ENDPOINT).
func (s *Server) Endpoint() string { return s.URL + "/v1" }

// CredentialsFile writes a service-account JSON for project "microact-test" whose token_uri
// is this fake, and returns its path. The RSA key is generated once per Server.
func (s *Server) CredentialsFile(tb testing.TB) string {
	tb.Helper()
	s.mu.Lock()
	if s.key == nil {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			s.mu.Unlock()
			tb.Fatalf("fcmfake: generating a key: %v", err)
		}
		der, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			s.mu.Unlock()
			tb.Fatalf("fcmfake: encoding the key: %v", err)
		}
		s.key = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	}
	key := s.key
	s.mu.Unlock()

	creds, err := json.MarshalIndent(map[string]string{
		"type":                        "service_account",
		"project_id":                  ProjectID,
		"private_key_id":              "fcmfake-key",
		"private_key":                 string(key),
		"client_email":                "microact@" + ProjectID + ".iam.gserviceaccount.com",
		"client_id":                   "100000000000000000001",
		"auth_uri":                    s.URL + "/auth",
		"token_uri":                   s.URL + "/token",
		"auth_provider_x509_cert_url": s.URL + "/certs",
	}, "", "  ")
	if err != nil {
		tb.Fatalf("fcmfake: %v", err)
	}
	path := filepath.Join(tb.TempDir(), "fcm-service-account.json")
	if err := os.WriteFile(path, creds, 0o600); err != nil {
		tb.Fatalf("fcmfake: %v", err)
	}
	return path
}

// Respond makes sends to token answer r from now on (see Response.Times).
func (s *Server) Respond(token string, r Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.responses[token] = &r
}

// Fail makes the next n send requests, whatever their token, fail at the network level: the
// fake reads the request and closes the connection without answering.
func (s *Server) Fail(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = n
}

// Received is every send request so far, in the order they arrived, failed ones included.
func (s *Server) Received() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// Delivered is the messages the fake accepted, in the order they arrived.
func (s *Server) Delivered() []Received {
	var out []Received
	for _, r := range s.Received() {
		if r.Status == http.StatusOK {
			out = append(out, r)
		}
	}
	return out
}

// Attempts is how many send requests for token arrived, failed ones included.
func (s *Server) Attempts(token string) int {
	n := 0
	for _, r := range s.Received() {
		if r.Token == token {
			n++
		}
	}
	return n
}

// TokenRequests is how many access tokens the fake handed out.
func (s *Server) TokenRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokens
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	s.mu.Lock()
	s.tokens++
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"access_token":%q,"token_type":"Bearer","expires_in":3600}`, accessToken)
}

func (s *Server) send(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Message json.RawMessage `json:"message"`
	}
	arrived := time.Now()
	decodeErr := json.NewDecoder(r.Body).Decode(&req)
	rec := Received{Project: r.PathValue("project"), Message: req.Message, At: arrived}
	if decodeErr == nil {
		var m struct {
			Token        string            `json:"token"`
			Notification Notification      `json:"notification"`
			Data         map[string]string `json:"data"`
			Android      Android           `json:"android"`
			APNS         APNS              `json:"apns"`
		}
		decodeErr = json.Unmarshal(req.Message, &m)
		rec.Token, rec.Notification, rec.Data, rec.Android, rec.APNS = m.Token, m.Notification, m.Data, m.Android, m.APNS
	}

	s.mu.Lock()
	hold := s.holds[rec.Token]
	delete(s.holds, rec.Token)
	s.mu.Unlock()
	if hold != nil {
		close(hold.Arrived)
		select {
		case <-hold.release:
		case <-r.Context().Done():
			s.record(rec)
			return
		case <-s.closing:
			s.record(rec)
			return
		}
	}

	s.mu.Lock()
	cut := s.fail > 0
	if cut {
		s.fail--
	}
	answer := Response{Status: http.StatusOK}
	switch {
	case cut:
		answer.Status = 0
	case r.Header.Get("Authorization") != "Bearer "+accessToken:
		answer = Response{Status: http.StatusUnauthorized, ErrorCode: "UNAUTHENTICATED",
			Message: "Request is missing required authentication credential."}
	case decodeErr != nil || rec.Token == "":
		answer = Response{Status: http.StatusBadRequest, ErrorCode: "INVALID_ARGUMENT",
			Message: "Invalid JSON payload received or no token.", Field: "message"}
	case s.responses[rec.Token] != nil:
		p := s.responses[rec.Token]
		answer = *p
		if p.Times > 0 {
			if p.Times--; p.Times == 0 {
				delete(s.responses, rec.Token)
			}
		}
	}
	if answer.Status == 0 && !cut {
		answer.Status = http.StatusOK
	}
	rec.Status = answer.Status
	s.received = append(s.received, rec)
	n := len(s.received)
	s.mu.Unlock()

	switch {
	case cut:
		hangUp(w)
	case answer.Status == http.StatusOK:
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"name":"projects/%s/messages/%d"}`, rec.Project, n)
	default:
		writeError(w, answer)
	}
}

// record keeps a request that got no answer.
func (s *Server) record(rec Received) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.received = append(s.received, rec)
}

// hangUp closes the connection without a response, as a network failure would.
func hangUp(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler) // the server closes the connection
	}
	conn.Close()
}

// statusNames are Google's canonical codes for the HTTP statuses FCM answers with.
var statusNames = map[int]string{
	400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
	429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE",
}

// fcmCodes are FCM's usual error codes per HTTP status.
var fcmCodes = map[int]string{
	400: "INVALID_ARGUMENT", 401: "THIRD_PARTY_AUTH_ERROR", 403: "SENDER_ID_MISMATCH",
	404: "UNREGISTERED", 429: "QUOTA_EXCEEDED", 500: "INTERNAL", 503: "UNAVAILABLE",
}

// messages are FCM's wording per error code.
var messages = map[string]string{
	"UNREGISTERED":           "Requested entity was not found.",
	"INVALID_ARGUMENT":       "The registration token is not a valid FCM registration token",
	"SENDER_ID_MISMATCH":     "SenderId mismatch",
	"QUOTA_EXCEEDED":         "Quota exceeded for quota metric 'Send requests'.",
	"UNAVAILABLE":            "The service is currently unavailable.",
	"INTERNAL":               "Internal error encountered.",
	"THIRD_PARTY_AUTH_ERROR": "Auth error from APNS or Web Push Service",
}

// writeError answers in FCM v1's error format.
func writeError(w http.ResponseWriter, a Response) {
	code := a.ErrorCode
	if code == "" {
		code = fcmCodes[a.Status]
	}
	field := a.Field
	if field == "" {
		field = "message.token"
	}
	msg := a.Message
	if msg == "" {
		msg = messages[code]
		if code == "INVALID_ARGUMENT" && field != "message.token" {
			msg = fmt.Sprintf("Invalid value at '%s'", field)
		}
	}
	status := statusNames[a.Status]
	if status == "" {
		status = "UNKNOWN"
	}
	details := []any{map[string]string{
		"@type":     "type.googleapis.com/google.firebase.fcm.v1.FcmError",
		"errorCode": code,
	}}
	if code == "INVALID_ARGUMENT" {
		details = append(details, map[string]any{
			"@type":           "type.googleapis.com/google.rpc.BadRequest",
			"fieldViolations": []map[string]string{{"field": field, "description": msg}},
		})
	}
	body, _ := json.Marshal(map[string]any{"error": map[string]any{
		"code": a.Status, "message": msg, "status": status, "details": details,
	}})
	if a.RetryAfter != "" {
		w.Header().Set("Retry-After", a.RetryAfter)
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(a.Status)
	_, _ = w.Write(body)
}
