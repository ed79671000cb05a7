package handlers

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// importHeader is the CSV header the contract names.
var importHeader = []string{"name", "email", "role", "team"}

// importChannel is the optional fifth column: the channel of the line's team.
const importChannel = "channel"

// ImportUsers creates users from CSV lines "name,email,role,team". Each valid line is created
// even when others fail; every line's result names its line number (the header is line 1).
// Sent with an Idempotency-Key, each user's write keeps the line's answer (its email and code)
// as a part of the request (domain.IdempotentRequest.SetPart), and so does each team's: a retry
// after an import that died halfway answers the lines done before as they were answered then,
// and creates the rest. A dry run checks every line as the import would and writes nothing.
func (s *Server) ImportUsers(c echo.Context, params ImportUsersParams) error {
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
	run := &importRun{
		s: s, ctx: ctx, org: org,
		dry: params.DryRun != nil && *params.DryRun, createTeams: params.CreateTeams != nil && *params.CreateTeams,
		teams: map[string]string{}, channels: map[string]domain.Channel{}, planned: map[string]bool{}, listed: map[string]bool{}, emails: map[string]bool{},
		result: ImportResult{Created: []ImportCreated{}, Errors: []ImportError{}, TeamsCreated: []ImportTeam{}},
	}
	run.result.DryRun = run.dry
	if !run.dry {
		run.req = domain.IdempotentRequestOf(ctx)
	}
	if run.req != nil {
		if run.done, err = s.Idempotency.IdempotentParts(ctx, run.req); err != nil {
			return err
		}
	}
	for {
		row, err := rows.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return readError(err) // the lines before were created
		}
		if row.Problem != "" {
			run.result.Errors = append(run.result.Errors, ImportError{Line: row.Line, Message: row.Problem})
			continue
		}
		if err := run.line(row); err != nil {
			if k := domain.ErrorKind(err); k == domain.KindUnavailable || k == domain.KindInternal ||
				domain.ErrorCode(err) == "idempotency_in_progress" { // a retry holds the key now: it goes on
				return err // the lines before were created; a retry with the key answers them as created
			}
			run.result.Errors = append(run.result.Errors, ImportError{Line: row.Line, Message: messageOf(err)})
		}
	}
	return c.JSON(http.StatusOK, run.result)
}

// importRun is one import (or dry run) in progress.
type importRun struct {
	s                *Server
	ctx              context.Context
	org              domain.Org
	dry, createTeams bool
	req              *domain.IdempotentRequest
	done             map[string][]byte         // the parts an earlier attempt with this key did
	teams            map[string]string         // a team's name or id as written → id ("" = none)
	channels         map[string]domain.Channel // a team's channel by id (dry run: by lower-case name if planned)
	planned          map[string]bool           // dry run: teams (lower-case names) the import would create
	listed           map[string]bool           // teams (lower-case names) in teams_created
	emails           map[string]bool           // the addresses of the lines created (in a dry run: that would be)
	result           ImportResult
}

// line imports one line, or tells what is wrong with it.
func (r *importRun) line(row importRow) error {
	part := "line:" + strconv.Itoa(row.Line)
	if record, ok := r.done[part]; ok {
		var created ImportCreated
		if err := json.Unmarshal(record, &created); err != nil {
			return domain.Internal("decode an import's line", err)
		}
		created.Line = row.Line
		r.result.Created = append(r.result.Created, created)
		if row.Role == string(domain.RoleLead) && row.Team != "" { // the first try may have died before
			teamID, err := r.team(row.Team, "")
			if err != nil {
				return err
			}
			u, err := r.s.Users.UserByEmail(r.ctx, r.org.ID, created.Email)
			if err != nil {
				return err
			}
			return r.s.addLead(r.ctx, r.org.ID, teamID, u.ID)
		}
		return nil
	}
	// The user is checked before their team is looked up or made: a bad line makes no team.
	u, code, enrollment, err := r.s.newUser(r.org, domain.UserInput{Name: row.Name, Email: row.Email, Role: row.Role})
	if err != nil {
		return err
	}
	if err := r.emailFree(u.Email); err != nil { // the store checks it again; this keeps a team from being made for it
		return err
	}
	var channel domain.Channel
	if row.Channel != "" {
		if row.Team == "" {
			return domain.InvalidField(importChannel, "a channel needs a team on the line")
		}
		if channel, err = domain.ParseChannel(importChannel, row.Channel); err != nil {
			return err
		}
	}
	if r.dry {
		if _, err := r.team(row.Team, channel); err != nil {
			return err
		}
		r.emails[u.Email] = true
		r.result.Created = append(r.result.Created, ImportCreated{Line: row.Line, Email: u.Email})
		return nil
	}
	teamID, err := r.team(row.Team, channel)
	if err != nil {
		return err
	}
	u.TeamID = teamID
	created := ImportCreated{Line: row.Line, Email: u.Email, EnrollmentCode: &code}
	if r.req != nil {
		record, _ := json.Marshal(created) // strings and a number
		r.req.SetPart(part, record)
	}
	err = r.s.storeUser(r.ctx, r.org, u, enrollment)
	if r.req != nil {
		r.req.DropPart() // a failed write leaves it: it must not go with the next write
	}
	if err != nil {
		return err
	}
	r.emails[u.Email] = true
	r.result.Created = append(r.result.Created, created)
	if u.Role == domain.RoleLead && teamID != "" {
		return r.s.addLead(r.ctx, r.org.ID, teamID, u.ID)
	}
	return nil
}

// emailFree says whether a line's address would be refused: taken in the org, or by an earlier
// line of the file (as the store would refuse it).
func (r *importRun) emailFree(email string) error {
	if r.emails[email] {
		return errImportEmailTaken
	}
	_, err := r.s.Users.UserByEmail(r.ctx, r.org.ID, email)
	if err == nil {
		return errImportEmailTaken
	}
	if domain.ErrorKind(err) != domain.KindNotFound {
		return err
	}
	return nil
}

// errImportEmailTaken is the store's email_taken, as a dry run finds it.
var errImportEmailTaken = domain.Conflict("email_taken", "Another user of this org has this email address.")

// team finds the team a line names (by id or name, any case), creating it with create_teams
// and channel; "" for none. A channel other than "" must be the team's. In a dry run a team to be
// created resolves to "" (the user is checked without it).
func (r *importRun) team(ref string, channel domain.Channel) (string, error) {
	if ref == "" {
		return "", nil
	}
	if id, ok := r.teams[ref]; ok {
		if id == "" {
			return "", domain.InvalidField("team", "no team named "+ref)
		}
		return id, channelFits(ref, r.channels[id], channel)
	}
	if key := strings.ToLower(ref); r.planned[key] {
		return "", channelFits(ref, r.channels[key], channel)
	}
	t, err := r.s.Teams.Team(r.ctx, r.org.ID, ref)
	if domain.ErrorKind(err) == domain.KindNotFound {
		t, err = r.s.Teams.TeamByName(r.ctx, r.org.ID, ref)
	}
	if err == nil {
		r.teams[ref], r.channels[t.ID] = t.ID, t.Channel
		r.listEarlier(t)
		return t.ID, channelFits(ref, t.Channel, channel)
	}
	if domain.ErrorKind(err) != domain.KindNotFound {
		return "", err
	}
	if !r.createTeams {
		r.teams[ref] = ""
		return "", domain.InvalidField("team", "no team named "+ref)
	}
	return r.newTeam(ref, channel)
}

// channelFits refuses a line's channel (want, "" for any) that is not its team's (has): an
// import makes no change to a team it did not create.
func channelFits(team string, has, want domain.Channel) error {
	if want == "" || want == has {
		return nil
	}
	now := "none"
	if has != "" {
		now = string(has)
	}
	return domain.InvalidField(importChannel, fmt.Sprintf("the team %s has channel %s, not %s (change it on the team)", team, now, want))
}

// newTeam creates the team a line names (only plans it in a dry run).
func (r *importRun) newTeam(ref string, channel domain.Channel) (string, error) {
	key := strings.ToLower(ref)
	t := domain.Team{Org: r.org.ID, CreatedAt: r.s.now()}
	in := domain.TeamInput{Name: &ref}
	if channel != "" {
		ch := string(channel)
		in.Channel = &ch
	}
	if err := t.Apply(in); err != nil {
		return "", err
	}
	if r.dry {
		r.planned[key] = true
		r.listed[key] = true
		r.channels[key] = t.Channel
		r.result.TeamsCreated = append(r.result.TeamsCreated, ImportTeam{Name: t.Name, Channel: channelOf(t.Channel)})
		return "", nil
	}
	part := "team:" + key
	if r.req != nil {
		record, _ := json.Marshal(ImportTeam{Name: t.Name, Channel: channelOf(t.Channel)})
		r.req.SetPart(part, record)
	}
	t, err := r.s.Teams.CreateTeam(r.ctx, t)
	if r.req != nil {
		r.req.DropPart()
	}
	if err != nil {
		return "", err
	}
	r.s.forgetTeamsBoards(r.org.ID)
	r.teams[ref], r.channels[t.ID] = t.ID, t.Channel
	r.listed[key] = true
	r.result.TeamsCreated = append(r.result.TeamsCreated, ImportTeam{Id: &t.ID, Name: t.Name, Channel: channelOf(t.Channel)})
	return t.ID, nil
}

// listEarlier lists a team an earlier try of this import created, found now as existing.
func (r *importRun) listEarlier(t domain.Team) {
	key := strings.ToLower(t.Name)
	if _, ok := r.done["team:"+key]; ok && !r.listed[key] {
		r.listed[key] = true
		r.result.TeamsCreated = append(r.result.TeamsCreated, ImportTeam{Id: &t.ID, Name: t.Name, Channel: channelOf(t.Channel)})
	}
}

// addLead makes userID a lead of the team (if not one already).
func (s *Server) addLead(ctx context.Context, org, teamID, userID string) error {
	for try := 0; ; try++ {
		before, err := s.Teams.Team(ctx, org, teamID)
		if err != nil {
			return err
		}
		if before.Leads(userID) {
			return nil
		}
		after := before
		leads := append(slices.Clone(before.LeadIDs), userID)
		if err := after.Apply(domain.TeamInput{LeadIDs: &leads}); err != nil {
			return err
		}
		err = s.Teams.UpdateTeam(ctx, before, after)
		if domain.ErrorCode(err) == "concurrent_update" && try < 3 {
			continue
		}
		return err
	}
}

// importRow is one line of an import after the header: its line number (the header is line 1)
// and its fields, or the problem that makes it no user line.
type importRow struct {
	Line    int
	Name    string // as written; domain.NewUser trims and checks it
	Email   string // as written; domain.NewUser normalizes it
	Role    string // trimmed and lower-cased (spreadsheets write "Lead")
	Team    string // a team's name or id, trimmed; "" for none
	Channel string // trimmed and lower-cased; "" for none (or no channel column)
	Problem string // not "" when the line is not four fields of valid CSV
}

// importReader reads the CSV of a user import line by line, so that a large import is streamed
// and each line is created as soon as it is read. It knows the CSV, not the org.
type importReader struct {
	csv    *csv.Reader
	fields int // 4, or 5 with the channel column
}

// newImportReader reads and checks the header line.
func newImportReader(body io.Reader) (*importReader, error) {
	buffered := bufio.NewReader(body)
	r := csv.NewReader(buffered)
	r.Comma = separatorOf(buffered)
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
	withChannel := append(slices.Clone(importHeader), importChannel)
	if !equalFold(header, importHeader) && !equalFold(header, withChannel) {
		return nil, domain.Malformed("malformed", "The CSV header must be name,email,role,team (or name;email;role;team), with ,channel after it if lines name their team's channel.",
			domain.FieldError{Field: "line 1", Message: "want name,email,role,team or name,email,role,team,channel"})
	}
	return &importReader{csv: r, fields: len(header)}, nil
}

// separatorOf tells the separator of a CSV from its header line: ';' when the line holds more
// semicolons than commas (Excel saves ';' where ',' is the decimal comma), else ','.
func separatorOf(r *bufio.Reader) rune {
	head, _ := r.Peek(512) // as much as there is; the header is short
	line, _, _ := strings.Cut(string(head), "\n")
	if strings.Count(line, ";") > strings.Count(line, ",") {
		return ';'
	}
	return ','
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
	if len(rec) != ir.fields {
		if ir.fields == len(importHeader) {
			return importRow{Line: line, Problem: "want 4 fields: name,email,role,team"}, nil
		}
		return importRow{Line: line, Problem: "want 5 fields: name,email,role,team,channel"}, nil
	}
	row := importRow{Line: line, Name: rec[0], Email: rec[1], Role: strings.ToLower(strings.TrimSpace(rec[2])),
		Team: strings.TrimSpace(rec[3])}
	if ir.fields > len(importHeader) {
		row.Channel = strings.ToLower(strings.TrimSpace(rec[4]))
	}
	return row, nil
}

// readError says why the body could not be read: too large, or cut off.
func readError(err error) error {
	if tooLarge(err) {
		return fromEchoError(echo.ErrStatusRequestEntityTooLarge)
	}
	return domain.Malformed("malformed", "The body could not be read.")
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
