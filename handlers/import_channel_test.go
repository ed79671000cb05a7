package handlers

import (
	"slices"
	"strings"
	"testing"
)

// A team's channel on GET /v1/teams, and the import's optional channel column: the teams it
// creates get it; a line whose channel is not its team's is a line error and changes no team.
func TestTeamChannelsInTheListAndTheImport(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	utrecht := a.team(admin, "Store Utrecht")
	a.call("PATCH", "/v1/admin/teams/"+utrecht.Id, admin.AccessToken, map[string]any{"channel": "store"}).expect(200)
	a.team(admin, "Back Office")

	channels := func() map[string]string {
		var list TeamSummaryList
		a.call("GET", "/v1/teams?limit=100", admin.AccessToken, nil).expect(200).decode(&list)
		out := map[string]string{}
		for _, s := range list.Items {
			out[s.Name] = "null"
			if s.Channel != nil {
				out[s.Name] = string(*s.Channel)
			}
		}
		return out
	}
	if got := channels(); got["Store Utrecht"] != "store" || got["Back Office"] != "null" {
		t.Fatalf("GET /v1/teams: %v", got)
	}

	body := "name;email;role;team;Channel\n" +
		"Ann;ann@acme.example;employee;Call Centre;Phone\n" + // 2 a new team with its channel
		"Bob;bob@acme.example;lead;call centre;\n" + // 3 the same team, no channel asked
		"Cas;cas@acme.example;employee;Call Centre;store\n" + // 4 not the channel it was created with
		"Dirk;dirk@acme.example;employee;Store Utrecht;store\n" + // 5 an existing team's own channel
		"Eva;eva@acme.example;employee;Back Office;online\n" + // 6 an existing team without one: no change
		"Fay;fay@acme.example;employee;;store\n" + // 7 a channel without a team
		"Gus;gus@acme.example;employee;Store Delft;moon\n" + // 8 no such channel: no team made
		"Hal;hal@acme.example;employee;Web Shop\n" // 9 four fields under a five-column header

	var dry ImportResult
	a.call("POST", "/v1/admin/users/import?dry_run=true&create_teams=true", admin.AccessToken, body, "Content-Type", "text/csv").expect(200).decode(&dry)
	var res ImportResult
	a.call("POST", "/v1/admin/users/import?create_teams=true", admin.AccessToken, body, "Content-Type", "text/csv").expect(200).decode(&res)
	want := []string{"02 created ann@acme.example", "03 created bob@acme.example", "04 error", "05 created dirk@acme.example", "06 error", "07 error", "08 error", "09 error"}
	for name, r := range map[string]ImportResult{"dry run": dry, "import": res} {
		if got := lineResults(r); !slices.Equal(got, want) {
			t.Fatalf("%s: lines %v", name, got)
		}
		if len(r.TeamsCreated) != 1 || r.TeamsCreated[0].Name != "Call Centre" || r.TeamsCreated[0].Channel == nil || *r.TeamsCreated[0].Channel != "phone" {
			t.Fatalf("%s: teams %+v", name, r.TeamsCreated)
		}
	}
	messages := map[int]string{}
	for _, e := range res.Errors {
		messages[e.Line] = e.Message
	}
	for line, part := range map[int]string{4: "channel: the team Call Centre has channel phone, not store", 6: "has channel none, not online",
		7: "channel: a channel needs a team", 8: "channel:", 9: "want 5 fields"} {
		if !strings.Contains(messages[line], part) {
			t.Errorf("line %d: %q, want %q in it", line, messages[line], part)
		}
	}
	if got := channels(); got["Call Centre"] != "phone" || got["Back Office"] != "null" || got["Store Utrecht"] != "store" || len(got) != 3 {
		t.Fatalf("the teams after the import: %v", got)
	}
}
