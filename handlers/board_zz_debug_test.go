package handlers

import (
	"testing"
	"time"
	"fmt"
)

func TestBoardZZDebug(t *testing.T) {
	o := boardNewOrgAt(t, "dst", boardAmsterdam(t, "2026-03-25", "12:00:00"))
	team := o.boardTeam("Store Utrecht")
	eva := o.member("Eva Jansen", "employee", team.Id)
	to := time.Date(2026, 3, 29, 22, 0, 0, 0, time.UTC)
	r := o.boardDoneAt(to.Add(-30*time.Minute), eva)
	fmt.Printf("%+v\n", r)
	base := o.a.boardBase(o.slug, team.Id)
	fmt.Println(o.a.boardSnapshot(base, "lb:*", "dash:*"))
	o.at(to.Add(-time.Millisecond), eva)
	_, body := o.a.boardGet(eva.AccessToken, "/v1/leaderboards/teams/"+team.Id+"?period=week")
	fmt.Println(body)
}
