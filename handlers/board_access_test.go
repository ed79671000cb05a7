package handlers

import (
	"strconv"
	"testing"
	"time"
)

// Who may see which board and dashboard (contract section 6).
func TestBoardAccess(t *testing.T) {
	o := boardNewOrg(t, "access")
	red := o.boardTeam("Red")
	blue := o.boardTeam("Blue")
	eva := o.member("Eva Jansen", "employee", red.Id)
	lena := o.member("Lena Bos", "lead", red.Id)
	max := o.member("Max Visser", "lead", "") // leads Blue without being one of its members
	o.boardLeadTeam(red, lena.User.Id)
	o.boardLeadTeam(blue, max.User.Id)
	week := loopDay(0)
	chRed := o.challenge("Red week", week, loopDay(6), []string{o.greeting.Id}, map[string]any{"team_ids": []string{red.Id}})
	chBlue := o.challenge("Blue week", week, loopDay(6), []string{o.greeting.Id}, map[string]any{"team_ids": []string{blue.Id}})
	chAll := o.challenge("Everyone's week", week, loopDay(6), []string{o.greeting.Id})

	other := o.a.loopNewOrg("access-other")
	green := o.a.team(other.admin, "Green")
	otherValue := other.value("Helpful")
	chGreen := other.challenge("Green week", week, loopDay(6), []string{other.gesture(otherValue.Id, "Hold the door").Id})

	team := func(id string) string { return "/v1/leaderboards/teams/" + id }
	challenge := func(id string) string { return "/v1/leaderboards/challenges/" + id }
	dashboard := func(id string) string { return "/v1/teams/" + id + "/dashboard" }
	const missing = "06H0000000000000000000000X"

	for _, c := range []struct {
		who    string
		s      *Session
		path   string
		status int
	}{
		{"an employee", eva, team(red.Id), 200},
		{"an employee", eva, team(red.Id) + "?period=all&around=me", 200},
		{"an employee", eva, team(blue.Id), 403},
		{"an employee", eva, "/v1/leaderboards/teams", 200},
		{"an employee", eva, challenge(chRed.Id), 200},
		{"an employee", eva, challenge(chAll.Id), 200},
		{"an employee", eva, challenge(chBlue.Id), 403},
		{"an employee", eva, dashboard(red.Id), 403},
		{"an employee", eva, dashboard(blue.Id), 403},

		{"a lead", lena, team(red.Id), 200},
		{"a lead", lena, team(blue.Id), 403},
		{"a lead", lena, "/v1/leaderboards/teams", 200},
		{"a lead", lena, challenge(chRed.Id), 200},
		{"a lead", lena, challenge(chAll.Id), 200},
		{"a lead", lena, challenge(chBlue.Id), 403},
		{"a lead", lena, dashboard(red.Id), 200},
		{"a lead", lena, dashboard(blue.Id), 403},

		{"a lead of a team they are not a member of", max, team(blue.Id), 200},
		{"a lead of a team they are not a member of", max, team(red.Id), 403},
		{"a lead of a team they are not a member of", max, dashboard(blue.Id), 200},
		{"a lead of a team they are not a member of", max, dashboard(red.Id), 403},
		{"a lead of a team they are not a member of", max, challenge(chAll.Id), 200},

		{"an admin", &o.admin, team(red.Id), 200},
		{"an admin", &o.admin, team(blue.Id), 200},
		{"an admin", &o.admin, "/v1/leaderboards/teams", 200},
		{"an admin", &o.admin, challenge(chRed.Id), 200},
		{"an admin", &o.admin, challenge(chBlue.Id), 200},
		{"an admin", &o.admin, dashboard(red.Id), 200},
		{"an admin", &o.admin, dashboard(blue.Id) + "?period=month", 200},

		{"an employee", eva, team(green.Id), 404},
		{"an employee", eva, challenge(chGreen.Id), 404},
		{"an admin", &o.admin, team(green.Id), 404},
		{"an admin", &o.admin, challenge(chGreen.Id), 404},
		{"an admin", &o.admin, dashboard(green.Id), 404},
		{"a lead", lena, dashboard(green.Id), 404},
		{"an admin", &o.admin, team(missing), 404},
		{"an admin", &o.admin, challenge(missing), 404},
		{"an admin", &o.admin, dashboard(missing), 404},
	} {
		t.Run(c.who+" asking for "+c.path+" gets "+strconv.Itoa(c.status), func(t *testing.T) {
			r := o.a.call("GET", c.path, c.s.AccessToken, nil)
			switch c.status {
			case 403:
				r.wantProblem(403, "forbidden")
			case 404:
				r.wantProblem(404, "not_found")
			default:
				r.expect(c.status)
			}
		})
	}

	t.Run("without a token every board is 401", func(t *testing.T) {
		for _, path := range []string{team(red.Id), "/v1/leaderboards/teams", challenge(chAll.Id), dashboard(red.Id)} {
			o.a.call("GET", path, "", nil).expect(401)
		}
	})

	t.Run("after moving to another team an employee sees that team's boards instead", func(t *testing.T) {
		o.a.clock.Advance(2 * time.Second) // a token of the very second of a change is given the benefit
		o.boardPatchUser(eva, map[string]any{"team_id": blue.Id})
		o.a.call("GET", team(red.Id), eva.AccessToken, nil).wantProblem(401, "unauthorized")
		o.a.loopRefresh(eva)
		o.a.call("GET", team(red.Id), eva.AccessToken, nil).wantProblem(403, "forbidden")
		o.a.call("GET", team(blue.Id), eva.AccessToken, nil).expect(200)
		o.a.call("GET", challenge(chRed.Id), eva.AccessToken, nil).wantProblem(403, "forbidden")
		o.a.call("GET", challenge(chBlue.Id), eva.AccessToken, nil).expect(200)
	})
}
