package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/handlers"
	"github.com/microact/microact/internal/apitest"
	"github.com/microact/microact/push/fcmfake"
	"github.com/microact/microact/store/redistest"
)

// No secret reaches a log: microact serve runs with every MICROACT_* secret set (a Redis
// password in the URL, a JWT key file, FCM credentials) and is put through a realistic session
// over HTTP: enrollment, failed logins, refresh and reuse, devices, pushes FCM accepts, forgets
// and rejects, outcomes with idempotency keys, logout, a 500 and a Redis outage. Every line
// written to its stderr (go-redis's own lines included, see store.LogTo) and to Go's standard
// logger (where net/http writes) is then searched for every secret that passed through.

// lockedBuffer collects log output written from many goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor polls cond until it holds; the workers run on the real clock, so the test waits for
// what they do instead of for a time.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	// a bound on a wait, not a timing: a loaded machine running the race detector needs its minute
	deadline := time.Now().Add(90 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// secretsClient calls the API over HTTP and notes every secret it sends or receives.
type secretsClient struct {
	t       *testing.T
	base    string
	secrets map[string]string // secret → what it is
}

func (c *secretsClient) secret(what, value string) string {
	c.secrets[value] = what
	return value
}

// call sends a request; body nil, a string (sent as CSV) or a value (sent as JSON); headers
// are pairs.
func (c *secretsClient) call(method, path, token string, body any, headers ...string) (int, []byte) {
	c.t.Helper()
	if _, csv := body.(string); csv {
		headers = append(headers, "Content-Type", "text/csv")
	}
	res, err := apitest.Send(context.Background(), nil, method, c.base+path, token, body, headers...)
	if err != nil {
		c.t.Fatal(err)
	}
	return res.Status, res.Body
}

// expect calls and fails unless the status is want; it decodes a JSON answer into v (if given).
func (c *secretsClient) expect(want int, v any, method, path, token string, body any, headers ...string) {
	c.t.Helper()
	status, out := c.call(method, path, token, body, headers...)
	if status != want {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, status, want, out)
	}
	if v != nil {
		if err := json.Unmarshal(out, v); err != nil {
			c.t.Fatalf("%s %s: %v: %s", method, path, err, out)
		}
	}
}

// session enrolls with code and notes the session's tokens as secrets.
func (c *secretsClient) session(code string, body map[string]any) handlers.Session {
	c.t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	body["code"] = code
	var s handlers.Session
	c.expect(200, &s, "POST", "/v1/auth/enroll", "", body)
	c.secret("an access token", s.AccessToken)
	c.secret("a refresh token", s.RefreshToken)
	return s
}

func (c *secretsClient) refresh(refreshToken string) handlers.Session {
	c.t.Helper()
	var s handlers.Session
	c.expect(200, &s, "POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": refreshToken})
	c.secret("an access token", s.AccessToken)
	c.secret("a refresh token", s.RefreshToken)
	return s
}

// randomSecret is a secret of n random bytes, hex: nothing else in a log can contain it.
func randomSecret(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// pemLines are the base64 lines of every PEM block in data: the key material itself.
func pemLines(t *testing.T, data []byte) []string {
	t.Helper()
	var lines []string
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		enc := base64.StdEncoding.EncodeToString(block.Bytes)
		for len(enc) > 0 {
			n := min(64, len(enc))
			lines = append(lines, enc[:n])
			enc = enc[n:]
		}
	}
	if len(lines) == 0 {
		t.Fatal("no PEM block found")
	}
	return lines
}

func TestNoSecretReachesTheLogs(t *testing.T) {
	t.Chdir(t.TempDir())
	var logs lockedBuffer
	prevOut, prevFlags := log.Writer(), log.Flags()
	log.SetOutput(&logs) // net/http's own complaints go to the standard logger
	t.Cleanup(func() { log.SetOutput(prevOut); log.SetFlags(prevFlags) })

	secrets := map[string]string{}
	c := &secretsClient{t: t, secrets: secrets}

	// Redis with a password, given only in MICROACT_REDIS_URL.
	rds := redistest.Start(t)
	password := c.secret("the Redis password", randomSecret(16))
	if err := rds.Client(t).ConfigSet(context.Background(), "requirepass", password).Err(); err != nil {
		t.Fatal(err)
	}
	redisURL := "redis://:" + password + "@" + rds.Addr() + "/0"

	// The JWT signing key and the FCM service account's key, read from files.
	dir := t.TempDir()
	jwtPEM, err := handlers.GenerateKeyPEM()
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(dir, "jwt.pem")
	if err := os.WriteFile(keyFile, jwtPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, l := range pemLines(t, jwtPEM) {
		c.secret("the JWT private key", l)
	}
	fake := fcmfake.Start(t)
	credsFile := fake.CredentialsFile(t)
	var creds struct {
		PrivateKey string `json:"private_key"`
	}
	raw, err := os.ReadFile(credsFile)
	if err != nil || json.Unmarshal(raw, &creds) != nil {
		t.Fatalf("reading %s: %v", credsFile, err)
	}
	for _, l := range pemLines(t, []byte(creds.PrivateKey)) {
		c.secret("the FCM credentials' private key", l)
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c.base = "http://" + addr
	env := map[string]string{
		"MICROACT_HTTP_ADDR":            addr,
		"MICROACT_REDIS_URL":            redisURL,
		"MICROACT_KEY_PREFIX":           "mx",
		"MICROACT_JWT_KEY_FILE":         keyFile,
		"MICROACT_FCM_CREDENTIALS_FILE": credsFile,
		"MICROACT_FCM_ENDPOINT":         fake.Endpoint(),
		"MICROACT_ENV":                  "prod",
	}
	getenv := func(k string) string { return env[k] }

	// The first admin, from the command line.
	// The operator commands log to the same place as the server (go-redis's logger is one per
	// process and follows the last command started).
	var out bytes.Buffer
	if err := run(context.Background(), append([]string{}, createArgs...), getenv, &out, &logs); err != nil {
		t.Fatalf("org create: %v", err)
	}
	var first created
	if err := json.Unmarshal(out.Bytes(), &first); err != nil {
		t.Fatal(err)
	}
	c.secret("an enrollment code", first.Admin.EnrollmentCode)

	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- run(ctx, []string{"serve"}, getenv, io.Discard, &logs) }()
	shutdown := sync.OnceFunc(func() {
		stop()
		select {
		case err := <-served:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop")
		}
	})
	t.Cleanup(shutdown)
	waitFor(t, "the API to listen", func() bool {
		select {
		case err := <-served: // it will not listen: say why instead of waiting
			t.Fatalf("serve ended before listening: %v", err)
		default:
		}
		res, err := http.Get(c.base + "/healthz")
		if err == nil {
			res.Body.Close()
		}
		return err == nil && res.StatusCode == 200
	})

	// A mistyped code, the admin's enrollment, a refresh, the reuse of the rotated token (which
	// ends the session), a guessed refresh token and a forged access token.
	wrongCode := c.secret("a mistyped enrollment code", domain.NewEnrollmentCode())
	if status, body := c.call("POST", "/v1/auth/enroll", "", map[string]any{"code": wrongCode}); status != 401 {
		t.Fatalf("a wrong code: %d %s", status, body)
	}
	phone := c.session(first.Admin.EnrollmentCode, map[string]any{"device": map[string]any{"id": "admin-phone", "name": "Pixel 8", "platform": "android"}})
	rotated := c.refresh(phone.RefreshToken)
	if status, _ := c.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": phone.RefreshToken}); status != 401 {
		t.Fatalf("a reused refresh token: %d", status)
	}
	guessed := c.secret("a guessed refresh token", "acme."+base64.RawURLEncoding.EncodeToString([]byte(randomSecret(16))))
	if status, _ := c.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": guessed}); status != 401 {
		t.Fatalf("a guessed refresh token: %d", status)
	}
	forged := c.secret("a forged access token", rotated.AccessToken[:strings.LastIndex(rotated.AccessToken, ".")+1]+base64.RawURLEncoding.EncodeToString([]byte(randomSecret(32))))
	if status, _ := c.call("GET", "/v1/me", forged, nil); status != 401 {
		t.Fatalf("a forged access token: %d", status)
	}

	// The operator gives the admin a new code; the admin sets up a team, a gesture and people.
	out.Reset()
	if err := run(context.Background(), []string{"user", "code", "--org", "acme", "--email", "anna@acme.example"}, getenv, &out, &logs); err != nil {
		t.Fatalf("user code: %v", err)
	}
	var again struct {
		EnrollmentCode string `json:"enrollment_code"`
	}
	if err := json.Unmarshal(out.Bytes(), &again); err != nil {
		t.Fatal(err)
	}
	admin := c.session(c.secret("an enrollment code", again.EnrollmentCode), nil).AccessToken
	var team handlers.Team
	c.expect(201, &team, "POST", "/v1/admin/teams", admin, map[string]any{"name": "Store Utrecht"})
	var value handlers.Value
	c.expect(201, &value, "POST", "/v1/admin/values", admin, map[string]any{"name": "Attentive", "description": "We notice people."})
	c.expect(201, nil, "POST", "/v1/admin/gestures", admin, map[string]any{"title": "Hold the door", "how_to": "Hold it.", "value_id": value.Id})
	newUser := func(name string) handlers.UserCreated {
		var u handlers.UserCreated
		c.expect(201, &u, "POST", "/v1/admin/users", admin, map[string]any{"name": name, "email": strings.ToLower(strings.Fields(name)[0]) + "@acme.example", "role": "employee", "team_id": team.Id})
		c.secret("an enrollment code", u.EnrollmentCode)
		return u
	}
	evaUser := newUser("Eva Jansen")
	var spare handlers.EnrollmentCode
	c.expect(200, &spare, "POST", "/v1/admin/users/"+evaUser.User.Id+"/enrollment-code", admin, nil)
	c.secret("an enrollment code", spare.EnrollmentCode)
	var imported handlers.ImportResult
	c.expect(200, &imported, "POST", "/v1/admin/users/import", admin, "name,email,role,team\nTom Bakker,tom@acme.example,employee,Store Utrecht\n")
	if len(imported.Created) != 1 {
		t.Fatalf("import: %+v", imported)
	}
	c.secret("an enrollment code", *imported.Created[0].EnrollmentCode)
	eva := c.session(spare.EnrollmentCode, nil)

	// Eva's phones: one FCM accepts, one it no longer knows, one whose push it rejects.
	phones := map[string]fcmfake.Response{"accepted": {}, "unregistered": {Status: 404}, "rejected": {Status: 400, Field: "message.data"}}
	for name, answer := range phones {
		token := c.secret("an FCM registration token", "fcm-"+name+"-"+randomSecret(40))
		if answer.Status != 0 {
			fake.Respond(token, answer)
		}
		c.expect(204, nil, "PUT", "/v1/me/devices/"+name, eva.AccessToken, map[string]any{"token": token, "platform": "android"})
	}
	c.expect(202, nil, "POST", "/v1/admin/users/"+evaUser.User.Id+"/test-notification", admin, nil)
	waitFor(t, "the pushes to every phone", func() bool { return len(fake.Received()) >= len(phones) })
	waitFor(t, "the rejected push to be logged", func() bool { return strings.Contains(logs.String(), "push rejected") })

	// Eva's day: an outcome and a barrier, each with an idempotency key, the outcome sent twice.
	var today handlers.Assignment
	c.expect(200, &today, "GET", "/v1/me/today", eva.AccessToken, nil)
	key := c.secret("an idempotency key", randomSecret(20))
	for range 2 {
		c.expect(201, nil, "POST", "/v1/me/assignments/"+today.Id+"/outcome", eva.AccessToken,
			map[string]any{"result": "done", "story": "She smiled.", "share": true}, "Idempotency-Key", key)
	}
	c.expect(201, nil, "POST", "/v1/barriers", eva.AccessToken, map[string]any{"category": "tools", "text": "The scanner is broken."},
		"Idempotency-Key", c.secret("an idempotency key", randomSecret(20)))
	c.expect(204, nil, "POST", "/v1/auth/logout", "", map[string]any{"refresh_token": eva.RefreshToken})

	// A 500: a user whose stored record cannot be read.
	bob := c.session(newUser("Bob Broken").EnrollmentCode, nil)
	st := (&operator{t: t, env: env}).store()
	if err := st.Client().HSet(context.Background(), st.Keys().User("acme", bob.User.Id), "data", "{not json").Err(); err != nil {
		t.Fatal(err)
	}
	if status, body := c.call("GET", "/v1/me", bob.AccessToken, nil); status != 500 {
		t.Fatalf("an unreadable user: %d %s", status, body)
	}

	// Redis goes away.
	rds.Kill()
	if status, body := c.call("GET", "/v1/admin/users", admin, nil); status != 503 {
		t.Fatalf("without Redis: %d %s", status, body)
	}
	shutdown()

	all := logs.String()
	for _, line := range []string{"starting microact", ":xxxxx@", "pushing through Firebase Cloud Messaging", "push rejected", "internal error", "dependency unavailable", "redis client"} {
		if !strings.Contains(all, line) {
			t.Errorf("the logs lack %q, so they were not all captured:\n%s", line, all)
		}
	}
	lower := strings.ToLower(all)
	for value, what := range secrets {
		variants := []string{value}
		if norm, ok := domain.NormalizeEnrollmentCode(value); ok && strings.Contains(what, "code") {
			variants = append(variants, norm)
		}
		if parts := strings.Split(value, "."); len(parts) > 1 {
			variants = append(variants, parts[len(parts)-1]) // a token's signature or secret part
		}
		for _, v := range variants {
			if strings.Contains(lower, strings.ToLower(v)) {
				t.Errorf("%s is in the logs: %s", what, v)
			}
		}
	}
	if t.Failed() {
		t.Logf("the logs:\n%s", all)
	}
}
