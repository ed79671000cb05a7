package handlers

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

// Bulk import (contract §8): POST /v1/admin/users/import with text/csv "name,email,role,team".

// importCSV posts a CSV body as admin.
func (a *testAPI) importCSV(admin Session, body string, headers ...string) response {
	a.t.Helper()
	return a.call("POST", "/v1/admin/users/import", admin.AccessToken, body, append([]string{"Content-Type", "text/csv"}, headers...)...)
}

// errorLines maps each reported line to its message.
func (r ImportResult) errorLines() map[int]string {
	out := map[int]string{}
	for _, e := range r.Errors {
		out[e.Line] = e.Message
	}
	return out
}

func (r ImportResult) createdEmails() []string {
	var out []string
	for _, c := range r.Created {
		out = append(out, c.Email)
	}
	return out
}

func TestImportUsers(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	utrecht := a.team(admin, "Store Utrecht")
	zeist := a.team(admin, "Store Zeist")
	a.user(admin, "Existing Erik", "employee", "") // existing.erik@acme.example

	t.Run("valid lines are created and invalid ones reported by line, the header being line 1", func(t *testing.T) {
		a := a.in(t)
		body := strings.Join([]string{
			"name,email,role,team",                             // 1
			"Ann Smit,ann@acme.example,employee,Store Utrecht", // 2 ok, team by name
			"Bob Bad,bob@acme.example,superuser,",              // 3 bad role
			"",                                                 // 4 blank: skipped, still counted
			"Cas Kok,cas@acme.example,LEAD,store zeist",                // 5 ok, role and team in another case
			"Dirk Dup,ANN@acme.example,employee,",                      // 6 repeats line 2's email
			"Els Old,existing.erik@ACME.example,employee,",             // 7 taken by an existing user
			"Fay Few,fay@acme.example,employee",                        // 8 three fields
			"Gus Many,gus@acme.example,employee,,extra",                // 9 five fields
			"Hans Id,hans@acme.example,admin," + zeist.Id,              // 10 ok, team by id
			"Ivo Nowhere,ivo@acme.example,employee,Store Nowhere",      // 11 unknown team
			"Jan Mail,not-an-email,employee,",                          // 12 bad email
			",kim@acme.example,employee,",                              // 13 no name
			`"Lot, van Dam",lot@acme.example,employee,"Store Utrecht"`, // 14 ok, quoted fields
			"", // 15 (trailing newline of the file follows)
		}, "\n")
		var res ImportResult
		a.importCSV(admin, body).expect(200).decode(&res)

		if got, want := res.createdEmails(), []string{"ann@acme.example", "cas@acme.example", "hans@acme.example", "lot@acme.example"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("created %v, want %v (errors %+v)", got, want, res.Errors)
		}
		lines := res.errorLines()
		for _, want := range []struct {
			line int
			says string
		}{
			{3, "role"}, {6, "email"}, {7, "email"}, {8, "4 fields"}, {9, "4 fields"}, {11, "team"}, {12, "email"}, {13, "name"},
		} {
			if msg, ok := lines[want.line]; !ok || !strings.Contains(strings.ToLower(msg), want.says) {
				t.Errorf("line %d: want an error about %q, got %q (all: %+v)", want.line, want.says, msg, res.Errors)
			}
		}
		if len(res.Errors) != 8 {
			t.Errorf("%d errors, want 8: %+v", len(res.Errors), res.Errors)
		}
		for _, c := range res.Created {
			if c.EnrollmentCode == nil || *c.EnrollmentCode == "" {
				t.Fatalf("no code for %s", c.Email)
			}
		}

		// The created users exist as the lines said, and their codes work.
		byEmail := a.usersByEmail(admin)
		for email, want := range map[string]struct {
			name, role, team string
		}{
			"ann@acme.example":  {"Ann Smit", "employee", utrecht.Id},
			"cas@acme.example":  {"Cas Kok", "lead", zeist.Id},
			"hans@acme.example": {"Hans Id", "admin", zeist.Id},
			"lot@acme.example":  {"Lot, van Dam", "employee", utrecht.Id},
		} {
			u, ok := byEmail[email]
			if !ok {
				t.Fatalf("%s was not stored", email)
			}
			team := ""
			if u.Team != nil {
				team = u.Team.Id
			}
			if u.Name != want.name || string(u.Role) != want.role || team != want.team {
				t.Errorf("%s stored as %+v, want %+v", email, u, want)
			}
		}
		for _, email := range []string{"bob@acme.example", "dirk@acme.example", "fay@acme.example", "gus@acme.example", "ivo@acme.example", "kim@acme.example"} {
			if _, ok := byEmail[email]; ok {
				t.Errorf("%s was stored from an invalid line", email)
			}
		}
		var s Session
		a.call("POST", "/v1/auth/enroll", "", map[string]any{"code": res.Created[0].EnrollmentCode}).expect(200).decode(&s)
		if s.User.Email != res.Created[0].Email {
			t.Fatalf("the code of %s enrolled %s", res.Created[0].Email, s.User.Email)
		}
		var teams TeamList
		a.call("GET", "/v1/admin/teams", admin.AccessToken, nil).expect(200).decode(&teams)
		for _, tm := range teams.Items {
			if want := map[string]int{utrecht.Id: 2, zeist.Id: 2}[tm.Id]; tm.MemberCount != want {
				t.Errorf("team %s has %d members, want %d", tm.Name, tm.MemberCount, want)
			}
		}
	})

	t.Run("line numbers follow the file's lines across quoted multi-line fields, as encoding/csv reports them", func(t *testing.T) {
		a := a.in(t)
		body := "name,email,role,team\n" + // 1
			"\"Multi\nLine\nMaria\",maria@acme.example,boss,\n" + // 2-4: bad role, reported at its first line
			"\n" + // 5
			"Noor Next,noor@acme.example,nope,\n" + // 6
			"\"Otto\nOverlap\",otto@acme.example,employee,\n" + // 7-8: ok
			"Pim Last,pim@acme.example,chief,\n" // 9
		// What encoding/csv itself reports, which the API passes on.
		r := csv.NewReader(strings.NewReader(body))
		r.FieldsPerRecord = -1
		var csvLines []int
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			line, _ := r.FieldPos(0)
			if rec[0] != "name" {
				csvLines = append(csvLines, line)
			}
		}
		if !reflect.DeepEqual(csvLines, []int{2, 6, 7, 9}) {
			t.Fatalf("encoding/csv reports records at lines %v", csvLines)
		}

		var res ImportResult
		a.importCSV(admin, body).expect(200).decode(&res)
		var lines []int
		for _, e := range res.Errors {
			lines = append(lines, e.Line)
		}
		if !reflect.DeepEqual(lines, []int{2, 6, 9}) {
			t.Fatalf("error lines %v, want [2 6 9]: %+v", lines, res.Errors)
		}
		if got := res.createdEmails(); !reflect.DeepEqual(got, []string{"otto@acme.example"}) {
			t.Fatalf("created %v", got)
		}
	})

	t.Run("CRLF line endings count lines the same", func(t *testing.T) {
		a := a.in(t)
		body := "name,email,role,team\r\nQuin Crlf,quin@acme.example,employee,\r\n\r\nRon Crlf,ron@acme.example,wizard,\r\n"
		var res ImportResult
		a.importCSV(admin, body).expect(200).decode(&res)
		if len(res.Created) != 1 || len(res.Errors) != 1 || res.Errors[0].Line != 4 {
			t.Fatalf("got %+v", res)
		}
	})

	t.Run("a broken quote is reported at its line and the lines after it are still read", func(t *testing.T) {
		a := a.in(t)
		body := "name,email,role,team\n" +
			"Sam Before,sam@acme.example,employee,\n" + // 2 ok
			"Ti\"m Quote,tim@acme.example,employee,\n" + // 3 bare quote in the first field
			"Uma \"Mid\",uma@acme.example,employee,\n" + // 4 bare quote
			"Vic After,vic@acme.example,employee,\n" // 5 ok
		var res ImportResult
		a.importCSV(admin, body).expect(200).decode(&res)
		if got := res.createdEmails(); !reflect.DeepEqual(got, []string{"sam@acme.example", "vic@acme.example"}) {
			t.Fatalf("created %v, errors %+v", got, res.Errors)
		}
		if lines := res.errorLines(); len(lines) != 2 || lines[3] == "" || lines[4] == "" {
			t.Fatalf("errors %+v, want lines 3 and 4", res.Errors)
		}
	})

	t.Run("a file with only the header creates nothing", func(t *testing.T) {
		a := a.in(t)
		var res ImportResult
		a.importCSV(admin, "name,email,role,team\n").expect(200).decode(&res)
		if len(res.Created) != 0 || len(res.Errors) != 0 {
			t.Fatalf("got %+v", res)
		}
	})

	t.Run("a UTF-8 byte-order mark before the header is accepted", func(t *testing.T) {
		a := a.in(t)
		var res ImportResult
		a.importCSV(admin, "\ufeffname,email,role,team\r\nWil Bom,wil@acme.example,employee,Store Utrecht\r\n").expect(200).decode(&res)
		if len(res.Created) != 1 || len(res.Errors) != 0 {
			t.Fatalf("got %+v", res)
		}
	})

	t.Run("a header in another case and with spaces is accepted", func(t *testing.T) {
		a := a.in(t)
		var res ImportResult
		a.importCSV(admin, "Name, Email, Role, Team\nXav Case,xav@acme.example,employee,\n").expect(200).decode(&res)
		if len(res.Created) != 1 {
			t.Fatalf("got %+v", res)
		}
	})

	before := a.counts(admin)
	for _, tc := range []struct{ name, body string }{
		{"a missing header", "Yara Noheader,yara@acme.example,employee,\n"},
		{"a header naming other columns", "name,mail,role,team\nYara Wrong,yara@acme.example,employee,\n"},
		{"a header with a column too few", "name,email,role\nYara Few,yara@acme.example,employee\n"},
		{"a header with a column too many", "name,email,role,team,phone\nYara Many,yara@acme.example,employee,,06\n"},
		{"a header in another order", "email,name,role,team\nyara@acme.example,Yara Order,employee,\n"},
		{"an empty body", ""},
		{"a header with a broken quote", "\"name,email,role,team\n"},
	} {
		t.Run(tc.name+" is 400 malformed and creates nothing", func(t *testing.T) {
			a := a.in(t)
			a.importCSV(admin, tc.body).wantProblem(400, "malformed")
			if after := a.counts(admin); after != before {
				t.Fatalf("counts %+v, before %+v", after, before)
			}
		})
	}

	for _, ct := range []string{"application/json", "text/plain", "application/octet-stream"} {
		t.Run("a body sent as "+ct+" is 400 malformed", func(t *testing.T) {
			a := a.in(t)
			a.call("POST", "/v1/admin/users/import", admin.AccessToken, "name,email,role,team\nZed Json,zed@acme.example,employee,\n", "Content-Type", ct).
				wantProblem(400, "malformed")
			if after := a.counts(admin); after != before {
				t.Fatalf("counts %+v, before %+v", after, before)
			}
		})
	}

	t.Run("text/csv with a charset parameter is accepted", func(t *testing.T) {
		a := a.in(t)
		var res ImportResult
		a.call("POST", "/v1/admin/users/import", admin.AccessToken, "name,email,role,team\nZoe Charset,zoe@acme.example,employee,\n", "Content-Type", "text/csv; charset=utf-8").
			expect(200).decode(&res)
		if len(res.Created) != 1 {
			t.Fatalf("got %+v", res)
		}
	})

	t.Run("a body over 64 KiB is 413 body_too_large", func(t *testing.T) {
		a := a.in(t)
		var sb strings.Builder
		sb.WriteString("name,email,role,team\n")
		for i := 0; sb.Len() <= 64<<10; i++ {
			sb.WriteString("Big Import,big" + strings.Repeat("x", 40) + "@acme.example,employee,\n")
		}
		a.importCSV(admin, sb.String()).wantProblem(413, "body_too_large")
	})

	t.Run("a repeat with the same Idempotency-Key returns the same codes and creates nobody twice", func(t *testing.T) {
		a := a.in(t)
		body := "name,email,role,team\nIda Idem,ida@acme.example,employee,\nJos Idem,jos@acme.example,lead,Store Zeist\n"
		var first, second ImportResult
		a.importCSV(admin, body, "Idempotency-Key", "import-1").expect(200).decode(&first)
		users := a.counts(admin).users
		res := a.importCSV(admin, body, "Idempotency-Key", "import-1").expect(200)
		res.decode(&second)
		if res.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatal("not marked as a replay")
		}
		if len(first.Created) != 2 || !reflect.DeepEqual(first, second) {
			t.Fatalf("first %+v\nsecond %+v", first, second)
		}
		if a.counts(admin).users != users {
			t.Fatal("the replay created users")
		}
		// Without the key the same file is a new import, whose lines are now taken.
		var third ImportResult
		a.importCSV(admin, body).expect(200).decode(&third)
		if len(third.Created) != 0 || len(third.Errors) != 2 {
			t.Fatalf("third %+v", third)
		}
	})

	t.Run("the same Idempotency-Key with another file is 422 idempotency_key_reused", func(t *testing.T) {
		a := a.in(t)
		a.importCSV(admin, "name,email,role,team\nKai Other,kai@acme.example,employee,\n", "Idempotency-Key", "import-1").
			wantProblem(422, "idempotency_key_reused")
	})
}

// usersByEmail reads every user of the admin's org.
func (a *testAPI) usersByEmail(admin Session) map[string]User {
	a.t.Helper()
	out := map[string]User{}
	var page UserList
	a.call("GET", "/v1/admin/users?limit=100", admin.AccessToken, nil).expect(200).decode(&page)
	for _, u := range page.Items {
		out[u.Email] = u
	}
	return out
}

// usersFailingAfter is a user store that stops answering (Redis went away) after n users.
type usersFailingAfter struct {
	domain.UserStore
	n int
}

func (u *usersFailingAfter) CreateUser(ctx context.Context, user domain.User, code domain.Enrollment, due map[string]time.Time) error {
	if u.n == 0 {
		return domain.Unavailable(errors.New("redis went away"))
	}
	u.n--
	return u.UserStore.CreateUser(ctx, user, code, due)
}

// An import is a write per line; sent with an Idempotency-Key, each keeps its line's answer, so
// the retry of an import that died halfway answers every line as the first try did or would
// have, creates only the rest, and gives the codes that were lost with the first answer.
func TestAnImportRetriedAfterItDiedHalfwayAnswersEveryLine(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	csv := "name,email,role,team\n"
	for i := range 6 {
		csv += fmt.Sprintf("Person %d,p%d@acme.example,employee,\n", i, i)
	}
	csv += "Broken,not-an-email,employee,\n"
	users := a.server.Users
	before := a.counts(admin)

	a.server.Users = &usersFailingAfter{UserStore: users, n: 3}
	a.importCSV(admin, csv, "Idempotency-Key", "import-1").wantProblem(503, "unavailable")
	a.server.Users = users
	if got := a.counts(admin).users; got != before.users+3 {
		t.Fatalf("the first try created %d users, want 3", got-before.users)
	}

	var retry ImportResult
	a.importCSV(admin, csv, "Idempotency-Key", "import-1").expect(200).decode(&retry)
	want := []string{"p0@acme.example", "p1@acme.example", "p2@acme.example", "p3@acme.example", "p4@acme.example", "p5@acme.example"}
	if got := retry.createdEmails(); !reflect.DeepEqual(got, want) || len(retry.Errors) != 1 || retry.errorLines()[8] == "" {
		t.Fatalf("the retry answered created %v, errors %+v; want all six created and line 8 refused", got, retry.Errors)
	}
	if got := a.counts(admin).users; got != before.users+6 {
		t.Fatalf("%d users after the retry, want 6 more than before", got-before.users)
	}
	for i, c := range retry.Created { // the first three codes are those of the first try's lost answer
		if s := a.enroll(*c.EnrollmentCode); s.User.Email != want[i] {
			t.Fatalf("line %d's code enrolled %s", i+2, s.User.Email)
		}
	}

	var again ImportResult
	res := a.importCSV(admin, csv, "Idempotency-Key", "import-1").expect(200)
	res.decode(&again)
	if res.Header.Get("Idempotent-Replayed") != "true" || !reflect.DeepEqual(again, retry) {
		t.Fatalf("a second retry answered %+v, want the retry's answer replayed", again)
	}

	t.Run("without a key a retry reports the lines done before as taken", func(t *testing.T) {
		a := a.in(t)
		a.server.Users = &usersFailingAfter{UserStore: users, n: 1}
		body := "name,email,role,team\nKey Less,kl0@acme.example,employee,\nKey Less,kl1@acme.example,employee,\n"
		a.importCSV(admin, body).wantProblem(503, "unavailable")
		a.server.Users = users
		var r ImportResult
		a.importCSV(admin, body).expect(200).decode(&r)
		if !reflect.DeepEqual(r.createdEmails(), []string{"kl1@acme.example"}) || r.errorLines()[2] == "" {
			t.Fatalf("answered %+v", r)
		}
	})
}
