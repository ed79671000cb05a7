package handlers

import (
	"testing"
	"time"
)

// The board of teams ranks teams by points per active, enrolled member, counted when answering, so a
// team's score follows members joining, leaving and being deactivated at once.
func TestBoardTeamsPerActiveMember(t *testing.T) {
	o := boardNewOrg(t, "teams")
	north := o.boardTeam("North")
	south := o.boardTeam("South")
	solo := o.boardTeam("Solo")
	quiet := o.boardTeam("Quiet")
	o.boardTeam("Empty")
	ann := o.member("Ann", "employee", north.Id)
	ben := o.member("Ben", "employee", north.Id)
	cas := o.member("Cas", "employee", south.Id)
	dan := o.member("Dan", "employee", south.Id)
	o.member("Eef", "employee", south.Id)
	o.member("Fay", "employee", south.Id)
	ivo := o.member("Ivo", "employee", solo.Id)
	o.member("Gus", "employee", quiet.Id)

	monday := boardAmsterdam(t, loopDay(0), "09:00:00")
	for i, s := range []*Session{ann, ben, cas, dan, ivo} {
		o.boardDoneAt(monday.Add(time.Duration(i)*time.Millisecond), s)
	}
	read := func(t *testing.T, want ...string) TeamsLeaderboard {
		t.Helper()
		o.at(o.a.clock.Now(), ann)
		for _, period := range []string{"week", "month", "all"} {
			lb := o.a.boardTeams(ann.AccessToken, "?period="+period)
			boardWantRows(t, period, boardTeamRows(lb), want)
		}
		return o.a.boardTeams(ann.AccessToken, "")
	}

	t.Run("points are divided by active members; equal scores go to more points", func(t *testing.T) {
		lb := read(t, "1 North 20 2 10.00", "2 Solo 10 1 10.00", "3 South 20 4 5.00", "4 Quiet 0 1 0.00", "5 Empty 0 0 0.00")
		if lb.Me == nil || boardTeamRow(*lb.Me) != "1 North 20 2 10.00" {
			t.Errorf("me = %+v, want Ann's team North", lb.Me)
		}
	})

	t.Run("a deactivated member no longer counts, their points stay", func(t *testing.T) {
		o.boardPatchUser(ben, map[string]any{"active": false})
		read(t, "1 North 20 1 20.00", "2 Solo 10 1 10.00", "3 South 20 4 5.00", "4 Quiet 0 1 0.00", "5 Empty 0 0 0.00")
	})

	t.Run("someone invited counts once they enroll, not before", func(t *testing.T) {
		hal := o.a.user(o.admin, "Hal", "employee", north.Id)
		read(t, "1 North 20 1 20.00", "2 Solo 10 1 10.00", "3 South 20 4 5.00", "4 Quiet 0 1 0.00", "5 Empty 0 0 0.00")
		o.a.enroll(hal.EnrollmentCode)
		o.a.clock.Advance(teamsBoardFresh + time.Second) // the board of teams is served for a moment
		read(t, "1 North 20 2 10.00", "2 Solo 10 1 10.00", "3 South 20 4 5.00", "4 Quiet 0 1 0.00", "5 Empty 0 0 0.00")
	})

	t.Run("a member who moves counts for the new team; points earned before stay with the old one", func(t *testing.T) {
		o.boardPatchUser(ann, map[string]any{"team_id": south.Id})
		o.boardDoneAt(boardAmsterdam(t, loopDay(1), "09:00:00"), ann)
		lb := read(t, "1 North 20 1 20.00", "2 Solo 10 1 10.00", "3 South 30 5 6.00", "4 Quiet 0 1 0.00", "5 Empty 0 0 0.00")
		if lb.Me == nil || lb.Me.Team.Id != south.Id {
			t.Errorf("me = %+v, want Ann's new team South", lb.Me)
		}
	})

	t.Run("me is the caller's team even beyond the limit", func(t *testing.T) {
		lb := o.a.boardTeams(ann.AccessToken, "?limit=1")
		boardWantRows(t, "limit 1", boardTeamRows(lb), []string{"1 North 20 1 20.00"})
		if lb.Me == nil || boardTeamRow(*lb.Me) != "3 South 30 5 6.00" {
			t.Errorf("me = %+v, want South at rank 3", lb.Me)
		}
		if lb := o.a.boardTeams(o.admin.AccessToken, ""); lb.Me != nil {
			t.Errorf("an admin without a team has me = %+v", lb.Me)
		}
	})

	t.Run("a team without active members ranks last, whatever its points", func(t *testing.T) {
		var users UserList
		o.a.call("GET", "/v1/admin/users?team_id="+north.Id, o.admin.AccessToken, nil).expect(200).decode(&users)
		for _, u := range users.Items {
			if u.Name == "Hal" {
				o.a.call("PATCH", "/v1/admin/users/"+u.Id, o.admin.AccessToken, map[string]any{"active": false}).expect(200)
			}
		}
		read(t, "1 Solo 10 1 10.00", "2 South 30 5 6.00", "3 Quiet 0 1 0.00", "4 North 20 0 0.00", "5 Empty 0 0 0.00")
	})

	t.Run("a reactivated member counts again", func(t *testing.T) {
		o.boardPatchUser(ben, map[string]any{"active": true})
		read(t, "1 North 20 1 20.00", "2 Solo 10 1 10.00", "3 South 30 5 6.00", "4 Quiet 0 1 0.00", "5 Empty 0 0 0.00")
	})
}
