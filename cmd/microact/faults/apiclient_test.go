package faults

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	neturl "net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/microact/microact/handlers"
	"github.com/microact/microact/internal/apitest"
)

// requestTimeout is the longest any request may take. The tests fail a request that takes
// longer as a hang: a Redis outage must be answered with 503 at once, not waited out.
const requestTimeout = 10 * time.Second

// httpClient is shared by every simulated phone; each request gets a fresh connection or a
// pooled one, as the app's HTTP stack would.
var httpClient = &http.Client{
	Timeout:   requestTimeout,
	Transport: &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 128, IdleConnTimeout: 30 * time.Second},
}

// answer is one HTTP exchange; err is a transport failure (refused, reset, timeout).
type answer struct {
	status int
	header http.Header
	body   []byte
	err    error
	took   time.Duration
}

func (a answer) String() string {
	if a.err != nil {
		return a.err.Error()
	}
	return fmt.Sprintf("%d %s", a.status, bytes.TrimSpace(a.body))
}

// send makes one request. body may be nil, a string or []byte (sent as is) or a value (sent
// as JSON); headers are pairs of name and value.
func send(method, url, token string, body any, headers ...string) answer {
	ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
	defer cancel()
	res, err := apitest.Send(ctx, httpClient, method, url, token, body, headers...)
	return answer{status: res.Status, header: res.Header, body: res.Body, err: err, took: res.Took}
}

// call sends a request that has to be answered with want, and decodes the answer into out.
func call(want int, out any, method, url, token string, body any, headers ...string) error {
	a := send(method, url, token, body, headers...)
	if a.err != nil || a.status != want {
		return fmt.Errorf("%s %s: want %d, got %s", method, url, want, a)
	}
	if out != nil {
		if err := json.Unmarshal(a.body, out); err != nil {
			return fmt.Errorf("%s %s: decode %s: %w", method, url, a.body, err)
		}
	}
	return nil
}

// must is call for the test's own goroutine: it fails the test.
func must(t *testing.T, want int, out any, method, url, token string, body any, headers ...string) {
	t.Helper()
	if err := call(want, out, method, url, token, body, headers...); err != nil {
		t.Fatal(err)
	}
}

// inParallel calls fn for 0…n-1, eight at a time as a busy shop's phones would, and fails the
// test if any call fails.
func inParallel(t *testing.T, n int, fn func(i int) error) {
	t.Helper()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	slots := make(chan struct{}, 8)
	for i := range n {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			if err := fn(i); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("%d of %d failed, e.g. %v", len(errs), n, errs[0])
	}
}

// org is a seeded org: its admin, its teams and its employees, each enrolled on their phone.
type org struct {
	slug      string
	adminCode string // the first admin's enrollment code
	admin     string // the admin's access token
	teams     []handlers.Team
	staff     []*employee
}

// employee is one enrolled user of the seeded org.
type employee struct {
	n     int
	id    string
	token string
	team  string // team id
}

// newOrg creates the org "faults" with the binary's own `org create`, with the starter pack.
func newOrg(t *testing.T, d *deployment) *org {
	t.Helper()
	return newOrgNamed(t, d, "faults")
}

// newOrgNamed creates an org of this slug as newOrg does.
func newOrgNamed(t *testing.T, d *deployment, slug string) *org {
	t.Helper()
	o := &org{slug: slug}
	out := d.command("org", "create", "--slug", o.slug, "--name", "Fault Tolerant Retail", "--timezone", middayZone(time.Now()),
		"--admin-name", "Ada Admin", "--admin-email", "ada@faults.example", "--pack", "starter")
	var created struct {
		Admin struct {
			EnrollmentCode string `json:"enrollment_code"`
		} `json:"admin"`
	}
	if err := json.Unmarshal([]byte(out), &created); err != nil {
		t.Fatalf("org create printed %q: %v", out, err)
	}
	o.adminCode = created.Admin.EnrollmentCode
	return o
}

// populate enrolls the admin, creates teams, imports users spread over them and enrolls every
// user, all over HTTP through base.
func (o *org) populate(t *testing.T, base string, users, teams int) {
	t.Helper()
	began := time.Now()
	defer func() {
		t.Logf("seeded %d users in %d teams in %s", users, teams, time.Since(began).Round(time.Millisecond))
	}()
	var admin handlers.Session
	must(t, 200, &admin, "POST", base+"/v1/auth/enroll", "", map[string]any{"code": o.adminCode})
	o.admin = admin.AccessToken

	csv := "name,email,role,team\n"
	for i := range teams {
		var team handlers.Team
		must(t, 201, &team, "POST", base+"/v1/admin/teams", o.admin, map[string]string{"name": fmt.Sprintf("Store %d", i+1)})
		o.teams = append(o.teams, team)
	}
	for i := range users {
		csv += fmt.Sprintf("Employee %d,e%d@faults.example,employee,%s\n", i, i, o.teams[i%teams].Id)
	}
	a := send("POST", base+"/v1/admin/users/import", o.admin, []byte(csv), "Content-Type", "text/csv")
	var imported handlers.ImportResult
	if a.err != nil || a.status != 200 || json.Unmarshal(a.body, &imported) != nil || len(imported.Created) != users {
		t.Fatalf("import: %s", a)
	}

	o.staff = make([]*employee, users)
	inParallel(t, users, func(i int) error {
		var s handlers.Session
		err := call(200, &s, "POST", base+"/v1/auth/enroll", "", map[string]any{"code": imported.Created[i].EnrollmentCode,
			"device": map[string]string{"id": fmt.Sprintf("phone-%d", i), "name": "Pixel 8", "platform": "android"}})
		if err != nil {
			return err
		}
		o.staff[i] = &employee{n: i, id: s.User.Id, token: s.AccessToken, team: s.User.Team.Id}
		return nil
	})
}

// middayZone is a fixed-offset time zone in which it is around noon at now: far from the
// local midnight that would start another day mid-test and from the default quiet hours
// (21:00–07:30) that would hold pushes back.
func middayZone(now time.Time) string {
	offset := 12 - now.UTC().Hour() // -11 … +12 hours
	switch {
	case offset > 0:
		return fmt.Sprintf("Etc/GMT-%d", offset) // POSIX signs: Etc/GMT-2 is UTC+2
	case offset < 0:
		return fmt.Sprintf("Etc/GMT+%d", -offset)
	}
	return "Etc/UTC"
}

// fetch GETs url, which has to answer 200, into out. A 503 is asked again for up to 10 s,
// as a phone does: right after Redis comes back, go-redis keeps answering the outage's dial
// error for up to a second (its dial circuit breaker probes once a second), and what the
// fault tests verify afterwards is what was recorded, not how fast microact noticed.
func fetch(url, token string, out any) error {
	a := send("GET", url, token, nil)
	for deadline := time.Now().Add(10 * time.Second); a.status == 503 && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
		a = send("GET", url, token, nil)
	}
	if err := jsonOK(a, out); err != nil {
		return fmt.Errorf("GET %s: %w", url, err)
	}
	return nil
}

// jsonOK decodes a 200 answer into out.
func jsonOK(a answer, out any) error {
	if a.err != nil || a.status != 200 {
		return fmt.Errorf("want 200, got %s", a)
	}
	if err := json.Unmarshal(a.body, out); err != nil {
		return fmt.Errorf("decode %s: %w", a.body, err)
	}
	return nil
}

// pages reads every page of a list endpoint.
func pages[T any](url, token string) ([]T, error) {
	var all []T
	cursor := ""
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	for {
		var page struct {
			Items      []T     `json:"items"`
			NextCursor *string `json:"next_cursor"`
		}
		u := url + sep + "limit=100"
		if cursor != "" {
			u += "&cursor=" + neturl.QueryEscape(cursor)
		}
		if err := fetch(u, token, &page); err != nil {
			return nil, err
		}
		all = append(all, page.Items...)
		if page.NextCursor == nil || *page.NextCursor == "" {
			return all, nil
		}
		cursor = *page.NextCursor
	}
}
