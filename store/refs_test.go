package store

import (
	"context"
	"strings"
	"testing"

	"github.com/microact/microact/domain"
)

// A write that refers to another object by id stores nothing unless the id names an object of
// the org's index when the write is made — not merely some key: "B1Q:members" is team B1Q's
// member set, and a check that the key "team:B1Q:members" exists would pass.
func TestWritesReferOnlyToObjectsOfTheOrg(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, admin := s.org("acme")
	other, _ := s.org("other")
	team := s.team(org, "Utrecht")
	elsewhere := s.team(other, "Elsewhere")
	eva, _ := s.user(org, "Eva", "eva@acme.example", "employee", team.ID)
	val, err := s.SaveValue(ctx, domain.Value{Org: org.ID, Name: "Warm", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.SaveGesture(ctx, domain.Gesture{Org: org.ID, Title: "Greet", ValueID: val.ID, Points: 10, Active: true, Roles: []domain.Role{}, TeamIDs: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	junk := []string{team.ID + ":members", "{acme}", "*", team.ID + "?", "B1 C", elsewhere.ID, "Z9"}

	wantRefused := func(t *testing.T, err error, field string) {
		t.Helper()
		de := domain.AsError(err)
		if de.Kind != domain.KindInvalid || len(de.Fields) != 1 || de.Fields[0].Field != field {
			t.Fatalf("want 422 naming %s, got %v", field, err)
		}
	}

	for _, id := range junk {
		t.Run("a user moved to team "+id+" is refused and stays where they were", func(t *testing.T) {
			after := eva
			after.TeamID = id
			wantRefused(t, s.UpdateUser(ctx, eva, after), "team_id")
			stored, err := s.User(ctx, org.ID, eva.ID)
			if err != nil || stored.TeamID != team.ID || stored.Rev != eva.Rev {
				t.Fatalf("stored %+v, %v", stored, err)
			}
		})
		t.Run("a user created in team "+id+" is not created", func(t *testing.T) {
			u := s.newUser(org, "Noor", "noor@acme.example", "employee", "")
			u.TeamID = id
			_, code := s.enrollment()
			wantRefused(t, s.CreateUser(ctx, u, code, nil), "team_id")
			if _, err := s.User(ctx, org.ID, u.ID); domain.ErrorKind(err) != domain.KindNotFound {
				t.Fatalf("the user was stored: %v", err)
			}
		})
		t.Run("a gesture for team "+id+" or of value "+id+" is not stored", func(t *testing.T) {
			bad := domain.Gesture{Org: org.ID, Title: "Wave", ValueID: val.ID, Points: 10, Active: true, Roles: []domain.Role{}, TeamIDs: []string{team.ID, id}}
			_, err := s.SaveGesture(ctx, bad)
			wantRefused(t, err, "team_ids")
			bad.ID, bad.TeamIDs, bad.ValueID = "", []string{}, id
			_, err = s.SaveGesture(ctx, bad)
			wantRefused(t, err, "value_id")
			all, err := s.AllGestures(ctx, org.ID)
			if err != nil || len(all) != 1 {
				t.Fatalf("gestures %v, %v", all, err)
			}
		})
		t.Run("a challenge for team "+id+" or with gesture "+id+" is not stored", func(t *testing.T) {
			c := domain.Challenge{Org: org.ID, Name: "Winter", StartsOn: "2026-12-01", EndsOn: "2026-12-31", TeamIDs: []string{id}, GestureIDs: []string{g.ID}}
			_, err := s.SaveChallenge(ctx, c)
			wantRefused(t, err, "team_ids")
			c.ID, c.TeamIDs, c.GestureIDs = "", []string{}, []string{g.ID, id}
			_, err = s.SaveChallenge(ctx, c)
			wantRefused(t, err, "gesture_ids")
			if list, _, err := s.Challenges(ctx, org.ID, domain.Page{Limit: 10}); err != nil || len(list) != 0 {
				t.Fatalf("challenges %v, %v", list, err)
			}
		})
		t.Run("a team led by "+id+" is not stored", func(t *testing.T) {
			_, err := s.CreateTeam(ctx, domain.Team{Org: org.ID, Name: "Zeist " + id, LeadIDs: []string{admin.ID, id}, CreatedAt: s.clock.Now()})
			wantRefused(t, err, "lead_ids")
			after := team
			after.LeadIDs = []string{id}
			wantRefused(t, s.UpdateTeam(ctx, team, after), "lead_ids")
			stored, err := s.Team(ctx, org.ID, team.ID)
			if err != nil || len(stored.LeadIDs) != 0 || stored.Rev != team.Rev {
				t.Fatalf("stored %+v, %v", stored, err)
			}
		})
		t.Run("a suggestion of value "+id+" is not stored", func(t *testing.T) {
			sg := domain.Suggestion{ID: domain.NewID(s.clock.Now()), Org: org.ID, AuthorID: eva.ID, TeamID: team.ID, Title: "Hold", HowTo: "Hold it.",
				ValueID: id, Status: domain.SuggestionPending, CreatedAt: s.clock.Now()}
			wantRefused(t, s.CreateSuggestion(ctx, sg), "value_id")
		})
	}
	for _, k := range s.keysUnder(s.keys.orgPattern("acme")) {
		if strings.Contains(k, junk[0]+":") {
			t.Fatalf("a key made of the junk id %q: %s", junk[0], k)
		}
	}
}
