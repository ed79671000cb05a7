package handlers

import (
	"fmt"
	"testing"
)

func TestBoardZZProbe(t *testing.T) {
	o := boardNewOrg(t, "probe")
	team := o.boardTeam("T")
	for _, q := range []string{"?limit=0", "?limit=101", "?limit=100", "?period=year", "?around=you", "?limit=abc"} {
		r := o.a.call("GET", "/v1/leaderboards/teams/"+team.Id+q, o.admin.AccessToken, nil)
		fmt.Println(q, r.Status, string(r.Body))
	}
	r := o.a.call("GET", "/v1/teams/"+team.Id+"/dashboard?period=all", o.admin.AccessToken, nil)
	fmt.Println("dash all", r.Status, string(r.Body))
}
