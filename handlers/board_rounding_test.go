package handlers

import (
	"encoding/json"
	"testing"
)

// Scores and shares are answered rounded, as people read them: a team's score to one decimal,
// the dashboard's participation rate to three (issue 20: "58.8, not 58.833332").
func TestBoardFiguresAreRounded(t *testing.T) {
	t.Parallel()
	o := boardNewOrg(t, "rounding")
	team := o.boardTeam("Trio")
	ann := o.member("Ann", "employee", team.Id)
	o.member("Ben", "employee", team.Id)
	o.member("Cas", "employee", team.Id)
	o.boardDoneAt(boardAmsterdam(t, loopDay(0), "09:00:00"), ann) // 10 points among 3 members

	t.Run("a team's score has one decimal", func(t *testing.T) {
		body := o.a.call("GET", "/v1/leaderboards/teams?period=week", ann.AccessToken, nil).expect(200).Body
		var raw struct {
			Entries []struct{ Score json.Number } `json:"entries"`
			Me      struct{ Score json.Number }   `json:"me"`
		}
		if err := json.Unmarshal(body, &raw); err != nil || len(raw.Entries) != 1 {
			t.Fatalf("%s: %v", body, err)
		}
		if raw.Entries[0].Score != "3.3" || raw.Me.Score != "3.3" {
			t.Fatalf("score %s (me %s), want 3.3: %s", raw.Entries[0].Score, raw.Me.Score, body)
		}
	})

	t.Run("the participation rate has three decimals", func(t *testing.T) {
		body := o.a.call("GET", "/v1/teams/"+team.Id+"/dashboard?period=week", o.admin.AccessToken, nil).expect(200).Body
		var raw struct {
			Rate json.Number `json:"participation_rate"`
		}
		if err := json.Unmarshal(body, &raw); err != nil || raw.Rate != "0.333" {
			t.Fatalf("participation_rate %s, want 0.333: %s", raw.Rate, body)
		}
	})
}
