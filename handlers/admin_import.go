package handlers

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// importHeader is the CSV header the contract names.
var importHeader = []string{"name", "email", "role", "team"}

// ImportUsers creates users from CSV lines "name,email,role,team". Each valid line is created
// even when others fail; every failure is reported with its line number (the header is line 1).
// Sent with an Idempotency-Key, each user's write keeps the line's answer (its email and code)
// as a part of the request (domain.IdempotentRequest.SetPart): a retry after an import that
// died halfway answers the lines done before as they were answered then, and creates the rest.
func (s *Server) ImportUsers(c echo.Context, _ ImportUsersParams) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	if ct := c.Request().Header.Get(echo.HeaderContentType); !strings.HasPrefix(ct, "text/csv") {
		return domain.Malformed("malformed", "The body must be CSV (Content-Type: text/csv).")
	}
	ctx := c.Request().Context()
	org, err := s.Orgs.Org(ctx, p.Org)
	if err != nil {
		return err
	}
	rows, err := newImportReader(c.Request().Body)
	if err != nil {
		return err
	}

	req := domain.IdempotentRequestOf(ctx)
	var done map[string][]byte // the lines an earlier attempt with this key created
	if req != nil {
		if done, err = s.Idempotency.IdempotentParts(ctx, req); err != nil {
			return err
		}
	}

	result := ImportResult{Created: []ImportCreated{}, Errors: []ImportError{}}
	teams := map[string]string{} // a team's name or id as written → id ("" = none)
	for {
		row, err := rows.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return readError(err) // the lines before were created
		}
		if row.Problem != "" {
			result.Errors = append(result.Errors, ImportError{Line: row.Line, Message: row.Problem})
			continue
		}
		part := "line:" + strconv.Itoa(row.Line)
		if record, ok := done[part]; ok {
			var created ImportCreated
			if err := json.Unmarshal(record, &created); err != nil {
				return domain.Internal("decode an import's line", err)
			}
			result.Created = append(result.Created, created)
			continue
		}
		teamID, err := s.resolveTeam(c, p.Org, row.Team, teams)
		if err != nil {
			if domain.ErrorKind(err) == domain.KindUnavailable {
				return err
			}
			result.Errors = append(result.Errors, ImportError{Line: row.Line, Message: messageOf(err)})
			continue
		}
		in := domain.UserInput{Name: row.Name, Email: row.Email, Role: row.Role, TeamID: teamID}
		u, code, enrollment, err := s.newUser(org, in)
		if err == nil {
			created := ImportCreated{Email: u.Email, EnrollmentCode: code}
			if req != nil {
				record, _ := json.Marshal(created) // two strings
				req.SetPart(part, record)
			}
			err = s.storeUser(ctx, org, u, enrollment)
			if req != nil {
				req.TakePart() // a failed write leaves it: it must not go with the next line's
			}
		}
		if err != nil {
			if k := domain.ErrorKind(err); k == domain.KindUnavailable || k == domain.KindInternal ||
				domain.ErrorCode(err) == "idempotency_in_progress" { // a retry holds the key now: it goes on
				return err // the lines before were created; a retry with the key answers them as created
			}
			result.Errors = append(result.Errors, ImportError{Line: row.Line, Message: messageOf(err)})
			continue
		}
		result.Created = append(result.Created, ImportCreated{Email: u.Email, EnrollmentCode: code})
	}
	return c.JSON(http.StatusOK, result)
}

// importRow is one line of an import after the header: its line number (the header is line 1)
// and its fields, or the problem that makes it no user line.
type importRow struct {
	Line    int
	Name    string // as written; domain.NewUser trims and checks it
	Email   string // as written; domain.NewUser normalizes it
	Role    string // trimmed and lower-cased (spreadsheets write "Lead")
	Team    string // a team's name or id, trimmed; "" for none
	Problem string // not "" when the line is not four fields of valid CSV
}

// importReader reads the CSV of a user import line by line, so that a large import is streamed
// and each line is created as soon as it is read. It knows the CSV, not the org.
type importReader struct{ csv *csv.Reader }

// newImportReader reads and checks the header line.
func newImportReader(body io.Reader) (*importReader, error) {
	r := csv.NewReader(body)
	r.FieldsPerRecord = -1 // a line with the wrong number of fields is reported, not fatal
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		if tooLarge(err) {
			return nil, readError(err)
		}
		return nil, domain.Malformed("malformed", "The CSV has no header line.", domain.FieldError{Field: "line 1", Message: "want name,email,role,team"})
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff") // spreadsheets write a byte-order mark
	}
	if !equalFold(header, importHeader) {
		return nil, domain.Malformed("malformed", "The CSV header must be name,email,role,team.", domain.FieldError{Field: "line 1", Message: "want name,email,role,team"})
	}
	return &importReader{csv: r}, nil
}

// next reads the next line. It returns io.EOF after the last, and any other error when the
// body cannot be read on; a line that is not valid CSV or has the wrong number of fields is a
// row with a Problem, and reading goes on after it.
func (ir *importReader) next() (importRow, error) {
	rec, err := ir.csv.Read()
	if err != nil {
		var perr *csv.ParseError
		if !errors.As(err, &perr) {
			return importRow{}, err
		}
		// encoding/csv goes on at the line after the broken record
		return importRow{Line: perr.StartLine, Problem: "not valid CSV: " + err.Error()}, nil
	}
	line, _ := ir.csv.FieldPos(0) // only valid for a record read without error
	if len(rec) != len(importHeader) {
		return importRow{Line: line, Problem: "want 4 fields: name,email,role,team"}, nil
	}
	return importRow{Line: line, Name: rec[0], Email: rec[1], Role: strings.ToLower(strings.TrimSpace(rec[2])),
		Team: strings.TrimSpace(rec[3])}, nil
}

// readError says why the body could not be read: too large, or cut off.
func readError(err error) error {
	if tooLarge(err) {
		return fromEchoError(echo.ErrStatusRequestEntityTooLarge)
	}
	return domain.Malformed("malformed", "The body could not be read.")
}

// resolveTeam finds a team by id or name (cached per import).
func (s *Server) resolveTeam(c echo.Context, org, ref string, cache map[string]string) (string, error) {
	if ref == "" {
		return "", nil
	}
	if id, ok := cache[ref]; ok {
		if id == "" {
			return "", domain.InvalidField("team", "no team named "+ref)
		}
		return id, nil
	}
	ctx := c.Request().Context()
	t, err := s.Teams.Team(ctx, org, ref)
	if domain.ErrorKind(err) == domain.KindNotFound {
		t, err = s.Teams.TeamByName(ctx, org, ref)
	}
	if domain.ErrorKind(err) == domain.KindNotFound {
		cache[ref] = ""
		return "", domain.InvalidField("team", "no team named "+ref)
	}
	if err != nil {
		return "", err
	}
	cache[ref] = t.ID
	return t.ID, nil
}

// messageOf says what is wrong with one line, field by field.
func messageOf(err error) string {
	de := domain.AsError(err)
	if len(de.Fields) == 0 {
		return de.Message
	}
	parts := make([]string, len(de.Fields))
	for i, f := range de.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return strings.Join(parts, "; ")
}

func equalFold(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(strings.TrimSpace(a[i]), b[i]) {
			return false
		}
	}
	return true
}
