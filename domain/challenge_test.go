package domain

import (
	"reflect"
	"testing"
)

func TestChallengesFor(t *testing.T) {
	ch := func(id, from, to string, teams ...string) Challenge {
		return Challenge{ID: id, StartsOn: from, EndsOn: to, TeamIDs: teams}
	}
	all := []Challenge{
		ch("ENDEDLONGAGO", "2026-01-01", "2026-01-31"),
		ch("ENDEDRECENTLY", "2026-11-01", "2026-11-30"),
		ch("ENDEDYESTERDAY", "2026-11-20", "2026-12-04"),
		ch("LATER", "2027-01-10", "2027-01-20"),
		ch("SOON", "2026-12-07", "2026-12-20"),
		ch("RUNNING", "2026-12-01", "2026-12-31"),
		ch("OTHERTEAM", "2026-12-01", "2026-12-31", "T2"),
		ch("MYTEAM", "2026-12-05", "2026-12-05", "T1", "T2"),
	}
	ids := func(cs []Challenge) []string {
		out := []string{}
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	tests := []struct {
		name, team string
		want       []string
	}{
		{"a member sees running, then upcoming soonest first, then recently ended latest first", "T1",
			[]string{"RUNNING", "MYTEAM", "SOON", "LATER", "ENDEDYESTERDAY", "ENDEDRECENTLY"}},
		{"a member of a team without challenges of its own sees those for every team", "T3",
			[]string{"RUNNING", "SOON", "LATER", "ENDEDYESTERDAY", "ENDEDRECENTLY"}},
		{"someone without a team sees only the challenges for every team", "",
			[]string{"RUNNING", "SOON", "LATER", "ENDEDYESTERDAY", "ENDEDRECENTLY"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(ChallengesFor(all, tt.team, "2026-12-05", 30)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestChallengeStateOn(t *testing.T) {
	c := Challenge{StartsOn: "2026-12-01", EndsOn: "2026-12-03"}
	for day, want := range map[string]string{
		"2026-11-30": ChallengeUpcoming, "2026-12-01": ChallengeRunning, "2026-12-03": ChallengeRunning,
		"2026-12-04": ChallengeEnded,
	} {
		if got := c.StateOn(day); got != want {
			t.Errorf("StateOn(%s) = %s, want %s", day, got, want)
		}
	}
}
