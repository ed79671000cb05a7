package handlers

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The console's import (issue 21): what Excel saves, a dry run, leads and new teams.

// importLines is what an import answered, line by line: "2 created eva@…", "4 error …".
func lineResults(r ImportResult) []string {
	var out []string
	for _, c := range r.Created {
		out = append(out, fmt.Sprintf("%02d created %s", c.Line, c.Email))
	}
	for _, e := range r.Errors {
		out = append(out, fmt.Sprintf("%02d error", e.Line))
	}
	slices.Sort(out)
	return out
}

func TestImportWhatExcelSaves(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	a.team(admin, "Store Utrecht")

	t.Run("a byte-order mark, semicolons and quoted fields", func(t *testing.T) {
		a := a.in(t)
		body := "\ufeffName;Email;Role;Team\r\n" +
			"\"Vries, Sanne de\";sanne@acme.example;Employee;Store Utrecht\r\n" +
			"\"Tom \"\"the till\"\" Bakker\";tom@acme.example;employee;\"Store Utrecht\"\r\n" +
			"Ann; ann@acme.example ;employee;\r\n"
		var res ImportResult
		a.importCSV(admin, body).expect(200).decode(&res)
		if got := lineResults(res); !slices.Equal(got, []string{"02 created sanne@acme.example", "03 created tom@acme.example", "04 created ann@acme.example"}) {
			t.Fatalf("lines %v: %+v", got, res)
		}
		s := a.enroll(*res.Created[0].EnrollmentCode)
		if s.User.Name != "Vries, Sanne de" || s.User.Team == nil || s.User.Team.Name != "Store Utrecht" {
			t.Fatalf("sanne %+v", s.User)
		}
		if tom := a.enroll(*res.Created[1].EnrollmentCode); tom.User.Name != `Tom "the till" Bakker` {
			t.Fatalf("tom %q", tom.User.Name)
		}
	})

	t.Run("commas still work, also with semicolons inside quoted fields", func(t *testing.T) {
		var res ImportResult
		a.in(t).importCSV(admin, "name,email,role,team\n\"Kok; Bob\",bob@acme.example,employee,\n").expect(200).decode(&res)
		if len(res.Created) != 1 || len(res.Errors) != 0 {
			t.Fatalf("%+v", res)
		}
	})

	t.Run("a semicolon header with a line of commas reports the line", func(t *testing.T) {
		var res ImportResult
		a.in(t).importCSV(admin, "name;email;role;team\nCas,cas@acme.example,employee,\n").expect(200).decode(&res)
		if len(res.Created) != 0 || len(res.Errors) != 1 || res.Errors[0].Line != 2 {
			t.Fatalf("%+v", res)
		}
	})
}

func TestImportDryRun(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	utrecht := a.team(admin, "Store Utrecht")
	a.user(admin, "Existing Erik", "employee", "")
	body := strings.Join([]string{
		"name;email;role;team",
		"Ann Smit;ann@acme.example;employee;Store Utrecht", // 2
		"Bob Bad;bob@acme.example;superuser;",              // 3 bad role, in the middle
		"Cas Kok;cas@acme.example;lead;store utrecht",      // 4 a lead of Utrecht
		"Dirk Dup;ANN@acme.example;employee;",              // 5 repeats line 2
		"Els Old;existing.erik@acme.example;employee;",     // 6 taken
		"Fay New;fay@acme.example;employee;Store Zwolle",   // 7 unknown team
		"Gus Last;gus@acme.example;admin;",                 // 8
	}, "\n") + "\n"
	want := []string{"02 created ann@acme.example", "03 error", "04 created cas@acme.example", "05 error", "06 error", "07 error", "08 created gus@acme.example"}

	t.Run("answers every line's result, codes null, and writes nothing", func(t *testing.T) {
		a := a.in(t)
		before := a.counts(admin)
		var dry ImportResult
		a.call("POST", "/v1/admin/users/import?dry_run=true", admin.AccessToken, body, "Content-Type", "text/csv").expect(200).decode(&dry)
		if got := lineResults(dry); !slices.Equal(got, want) {
			t.Fatalf("dry run lines %v, want %v", got, want)
		}
		if !dry.DryRun || len(dry.TeamsCreated) != 0 {
			t.Fatalf("dry run %+v", dry)
		}
		for _, c := range dry.Created {
			if c.EnrollmentCode != nil {
				t.Fatalf("a dry run gave a code: %+v", c)
			}
		}
		if after := a.counts(admin); after != before {
			t.Fatalf("a dry run wrote: %+v, before %+v", after, before)
		}
		var team Team
		a.call("GET", "/v1/admin/teams/"+utrecht.Id, admin.AccessToken, nil).expect(200).decode(&team)
		if len(team.LeadIds) != 0 {
			t.Fatalf("a dry run made a lead: %v", team.LeadIds)
		}
	})

	t.Run("the import then answers the same lines, and a lead line makes a lead of the team", func(t *testing.T) {
		a := a.in(t)
		before := a.counts(admin)
		var real ImportResult
		a.importCSV(admin, body).expect(200).decode(&real)
		if got := lineResults(real); !slices.Equal(got, want) || real.DryRun {
			t.Fatalf("import lines %v, want %v", got, want)
		}
		if after := a.counts(admin); after.users != before.users+3 {
			t.Fatalf("%d users created, want 3", after.users-before.users)
		}
		cas := a.enroll(*real.Created[1].EnrollmentCode)
		var team Team
		a.call("GET", "/v1/admin/teams/"+utrecht.Id, admin.AccessToken, nil).expect(200).decode(&team)
		if !slices.Equal(team.LeadIds, []string{cas.User.Id}) {
			t.Fatalf("lead_ids %v, want Cas %s", team.LeadIds, cas.User.Id)
		}
		var teams TeamSummaryList
		a.call("GET", "/v1/teams", cas.AccessToken, nil).expect(200).decode(&teams)
		if len(teams.Items) != 1 || teams.Items[0].Id != utrecht.Id {
			t.Fatalf("Cas's teams %+v", teams)
		}
	})

	t.Run("a dry run and an import may not share an Idempotency-Key", func(t *testing.T) {
		a := a.in(t)
		csv := "name,email,role,team\nHans Key,hans@acme.example,employee,\n"
		a.call("POST", "/v1/admin/users/import?dry_run=true", admin.AccessToken, csv, "Content-Type", "text/csv", "Idempotency-Key", "k-1").expect(200)
		a.call("POST", "/v1/admin/users/import", admin.AccessToken, csv, "Content-Type", "text/csv", "Idempotency-Key", "k-1").wantProblem(422, "idempotency_key_reused")
		var res ImportResult
		a.call("POST", "/v1/admin/users/import", admin.AccessToken, csv, "Content-Type", "text/csv", "Idempotency-Key", "k-2").expect(200).decode(&res)
		if len(res.Created) != 1 || res.Created[0].EnrollmentCode == nil {
			t.Fatalf("the import after the dry run: %+v", res)
		}
	})
}

func TestImportCreateTeams(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	a.team(admin, "Store Utrecht")
	body := "name,email,role,team\n" +
		"Ann,ann@acme.example,employee,Store Zwolle\n" + // 2 a new team
		"Bob,bob@acme.example,lead,store zwolle\n" + // 3 the same team, another case: its lead
		"Cas,cas@acme.example,employee,Store Utrecht\n" + // 4 an existing team
		"Dirk,dirk,employee,Store Delft\n" + // 5 a bad address: no team is made for a line that fails
		"Ann Again,ANN@acme.example,employee,Store Gouda\n" // 6 a repeated address: nor for this one

	t.Run("without create_teams an unknown team is a line error", func(t *testing.T) {
		var res ImportResult
		a.in(t).importCSV(admin, "name,email,role,team\nZed,zed@acme.example,employee,Store Nowhere\n").expect(200).decode(&res)
		if len(res.Created) != 0 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "Store Nowhere") || len(res.TeamsCreated) != 0 {
			t.Fatalf("%+v", res)
		}
	})

	t.Run("a dry run lists the teams it would create, without ids, and creates none", func(t *testing.T) {
		a := a.in(t)
		before := a.counts(admin)
		var dry ImportResult
		a.call("POST", "/v1/admin/users/import?dry_run=true&create_teams=true", admin.AccessToken, body, "Content-Type", "text/csv").expect(200).decode(&dry)
		if len(dry.TeamsCreated) != 1 || dry.TeamsCreated[0].Name != "Store Zwolle" || dry.TeamsCreated[0].Id != nil {
			t.Fatalf("teams %+v", dry.TeamsCreated)
		}
		if got := lineResults(dry); !slices.Equal(got, []string{"02 created ann@acme.example", "03 created bob@acme.example", "04 created cas@acme.example", "05 error", "06 error"}) {
			t.Fatalf("lines %v", got)
		}
		if after := a.counts(admin); after != before {
			t.Fatalf("a dry run wrote: %+v, before %+v", after, before)
		}
	})

	t.Run("creates each new team once, with its members and leads", func(t *testing.T) {
		a := a.in(t)
		var res ImportResult
		a.call("POST", "/v1/admin/users/import?create_teams=true", admin.AccessToken, body, "Content-Type", "text/csv").expect(200).decode(&res)
		if len(res.TeamsCreated) != 1 || res.TeamsCreated[0].Id == nil || res.TeamsCreated[0].Name != "Store Zwolle" {
			t.Fatalf("teams %+v", res.TeamsCreated)
		}
		zwolle := *res.TeamsCreated[0].Id
		var team Team
		a.call("GET", "/v1/admin/teams/"+zwolle, admin.AccessToken, nil).expect(200).decode(&team)
		bob := a.enroll(*res.Created[1].EnrollmentCode)
		if team.MemberCount != 2 || !slices.Equal(team.LeadIds, []string{bob.User.Id}) {
			t.Fatalf("Store Zwolle %+v", team)
		}
		if got := a.counts(admin).teams; got != 2 {
			t.Fatalf("%d teams, want 2 (Utrecht, Zwolle; not Delft)", got)
		}
		var again ImportResult
		a.call("POST", "/v1/admin/users/import?create_teams=true", admin.AccessToken,
			"name,email,role,team\nEve,eve@acme.example,employee,STORE ZWOLLE\n", "Content-Type", "text/csv").expect(200).decode(&again)
		if len(again.TeamsCreated) != 0 || len(again.Created) != 1 {
			t.Fatalf("an existing team was created again: %+v", again)
		}
	})
}
