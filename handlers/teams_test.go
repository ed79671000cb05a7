package handlers

import (
	"slices"
	"strconv"
	"testing"
	"time"
)

func TestVisibleTeams(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	admin := a.org("acme")
	lena := a.member(admin, "Lena Lead", "lead", "")
	lars := a.member(admin, "Lars Lead", "lead", "")
	red := a.team(admin, "Red", lena.User.Id)
	blue := a.team(admin, "Blue", lena.User.Id, lars.User.Id)
	green := a.team(admin, "Green")
	eva := a.member(admin, "Eva Employee", "employee", red.Id)
	a.member(admin, "Ed Employee", "employee", red.Id)
	loner := a.member(admin, "Lone Employee", "employee", "")
	// Lars belongs to Green without leading it.
	a.patchUser(admin, lars.User.Id, map[string]any{"team_id": green.Id}).expect(200)
	a.clock.Advance(time.Second) // the move voided his tokens; a new one is issued after it
	var code EnrollmentCode
	a.call("POST", "/v1/admin/users/"+lars.User.Id+"/enrollment-code", admin.AccessToken, nil).expect(200).decode(&code)
	lars = a.enroll(code.EnrollmentCode)

	beta := a.org("beta")
	betaLead := a.member(beta, "Bea Lead", "lead", "")
	a.team(beta, "Beta Store", betaLead.User.Id)

	list := func(t *testing.T, s Session) TeamSummaryList {
		var l TeamSummaryList
		a.in(t).call("GET", "/v1/teams", s.AccessToken, nil).expect(200).decode(&l)
		return l
	}
	names := func(l TeamSummaryList) []string {
		var n []string
		for _, it := range l.Items {
			n = append(n, it.Name)
		}
		return n
	}

	t.Run("an admin gets every team of the org with its leads and member count", func(t *testing.T) {
		l := list(t, admin)
		if got := names(l); !slices.Equal(got, []string{"Red", "Blue", "Green"}) || l.NextCursor != nil {
			t.Fatalf("teams %v, next %v", got, l.NextCursor)
		}
		r := l.Items[0]
		if r.Id != red.Id || r.Members != 2 || !slices.Equal(r.LeadIds, []string{lena.User.Id}) {
			t.Fatalf("red %+v", r)
		}
		if g := l.Items[2]; g.LeadIds == nil || len(g.LeadIds) != 0 || g.Members != 1 {
			t.Fatalf("green %+v", g)
		}
	})

	t.Run("a lead gets the teams that list them, not the team they only belong to", func(t *testing.T) {
		if got := names(list(t, lena)); !slices.Equal(got, []string{"Red", "Blue"}) {
			t.Fatalf("lena's teams %v", got)
		}
		if got := names(list(t, lars)); !slices.Equal(got, []string{"Blue"}) {
			t.Fatalf("lars's teams %v", got)
		}
	})

	t.Run("an employee gets their own team, or none", func(t *testing.T) {
		if got := names(list(t, eva)); !slices.Equal(got, []string{"Red"}) {
			t.Fatalf("eva's teams %v", got)
		}
		if l := list(t, loner); len(l.Items) != 0 || l.NextCursor != nil {
			t.Fatalf("loner's teams %+v", l)
		}
	})

	t.Run("another org's admin and lead see none of this org's teams", func(t *testing.T) {
		if got := names(list(t, beta)); !slices.Equal(got, []string{"Beta Store"}) {
			t.Fatalf("beta admin's teams %v", got)
		}
		if got := names(list(t, betaLead)); !slices.Equal(got, []string{"Beta Store"}) {
			t.Fatalf("beta lead's teams %v", got)
		}
	})

	t.Run("a lead's list pages through many teams without losing or repeating one", func(t *testing.T) {
		a := a.in(t)
		var want []string
		for i := range 130 { // more than one store page of 100
			leads := []string{}
			if i%3 == 0 {
				leads = append(leads, lars.User.Id)
			}
			tm := a.team(admin, "Shop "+strconv.Itoa(i), leads...)
			if i%3 == 0 {
				want = append(want, tm.Id)
			}
		}
		want = append([]string{blue.Id}, want...)
		if got := a.listAll("/v1/teams", lars.AccessToken, 7); !slices.Equal(got, want) {
			t.Fatalf("paged %d teams, want %d:\n%v\n%v", len(got), len(want), got, want)
		}
		if got := a.listAll("/v1/teams", lars.AccessToken, len(want)); !slices.Equal(got, want) {
			t.Fatalf("a page of exactly all: %v", got)
		}
		if got := a.listAll("/v1/teams", admin.AccessToken, 50); len(got) != 133 {
			t.Fatalf("admin paged %d teams", len(got))
		}
	})

	t.Run("refuses a cursor it did not give out", func(t *testing.T) {
		a.in(t).call("GET", "/v1/teams?cursor=***", lena.AccessToken, nil).wantProblem(400, "malformed")
	})
}
