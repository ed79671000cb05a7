package handlers

import (
	"testing"
)

func TestEmployeesReadTheChallengesTheyTakePartIn(t *testing.T) {
	o := boardNewOrg(t, "mychallenges")
	utrecht, gouda := o.boardTeam("Store Utrecht"), o.boardTeam("Store Gouda")
	eva := o.member("Eva Jansen", "employee", utrecht.Id)
	sam := o.member("Sam de Vries", "employee", gouda.Id)
	everyone := o.challenge("Greeting week", loopDay(0), loopDay(6), []string{o.greeting.Id}, map[string]any{"bonus_points": 5})
	goudaOnly := o.challenge("Gouda's week", loopDay(0), loopDay(6), []string{o.greeting.Id}, map[string]any{"team_ids": []string{gouda.Id}})
	later := o.challenge("Regulars", loopDay(10), loopDay(12), []string{o.greeting.Id}, map[string]any{"team_ids": []string{utrecht.Id}})
	o.boardDoneAt(boardAmsterdam(t, loopDay(0), "09:00:00"), eva)
	o.at(boardAmsterdam(t, loopDay(0), "12:00:00"), eva, sam)

	list := func(s *Session) []MyChallenge {
		var l MyChallengeList
		o.a.call("GET", "/v1/challenges", s.AccessToken, nil).expect(200).decode(&l)
		return l.Items
	}

	t.Run("an employee sees the running challenges for their team first, with their points and place, then upcoming ones", func(t *testing.T) {
		got := list(eva)
		if len(got) != 2 || got[0].Id != everyone.Id || got[1].Id != later.Id {
			t.Fatalf("challenges %+v, want %s then %s", got, everyone.Id, later.Id)
		}
		if got[0].State != MyChallengeStateRunning || got[0].MyPoints != 15 || got[0].MyRank == nil || *got[0].MyRank != 1 || got[0].BonusPoints != 5 {
			t.Errorf("running challenge %+v, want running, 15 points (bonus included), rank 1", got[0])
		}
		if got[1].State != MyChallengeStateUpcoming || got[1].MyPoints != 0 || got[1].MyRank != nil {
			t.Errorf("upcoming challenge %+v, want upcoming, no points, no rank", got[1])
		}
	})

	t.Run("a member of another team sees that team's challenge and not Utrecht's", func(t *testing.T) {
		got := list(sam)
		if len(got) != 2 || got[0].Id != everyone.Id || got[1].Id != goudaOnly.Id {
			t.Fatalf("challenges %+v, want %s and %s", got, everyone.Id, goudaOnly.Id)
		}
		if got[0].MyPoints != 0 || got[0].MyRank != nil {
			t.Errorf("Sam's progress in %s: %d points, rank %v; want his own: none (Eva's 15 are hers)", everyone.Id, got[0].MyPoints, got[0].MyRank)
		}
	})

	t.Run("one challenge reads the same; one for another team is 404", func(t *testing.T) {
		var one MyChallenge
		o.a.call("GET", "/v1/challenges/"+everyone.Id, eva.AccessToken, nil).expect(200).decode(&one)
		if one.MyPoints != 15 || one.Name != "Greeting week" {
			t.Errorf("challenge %+v", one)
		}
		o.a.call("GET", "/v1/challenges/"+goudaOnly.Id, eva.AccessToken, nil).wantProblem(404, "not_found")
	})

	t.Run("a challenge that ended more than 30 days ago leaves the list but can still be read", func(t *testing.T) {
		o.at(boardAmsterdam(t, loopDay(6+31), "12:00:00"), eva)
		got := list(eva)
		if len(got) != 1 || got[0].Id != later.Id || got[0].State != MyChallengeStateEnded {
			t.Fatalf("challenges %+v, want only %s, ended", got, later.Id)
		}
		o.a.call("GET", "/v1/challenges/"+everyone.Id, eva.AccessToken, nil).expect(200)
	})
}
