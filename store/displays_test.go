package store

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

func TestDisplays(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, admin := s.org("screens")
	team := s.team(org, "Store Utrecht")
	newDisplay := func(teamID string) (domain.Display, string) {
		token := domain.NewDisplayToken(org.ID)
		_, hash, _ := domain.ParseDisplayToken(token)
		return domain.Display{ID: domain.NewID(s.clock.Now()), Org: org.ID, TeamID: teamID, TokenHash: hash, CreatedBy: admin.ID, CreatedAt: s.clock.Now()}, token
	}
	teamDisplay, teamToken := newDisplay(team.ID)
	orgDisplay, _ := newDisplay("")
	for _, d := range []domain.Display{teamDisplay, orgDisplay} {
		if err := s.CreateDisplay(ctx, d); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("a display is found by its token's hash and listed", func(t *testing.T) {
		_, hash, _ := domain.ParseDisplayToken(teamToken)
		got, err := s.DisplayByToken(ctx, org.ID, hash)
		if err != nil || got != teamDisplay {
			t.Fatalf("DisplayByToken = %+v, %v; want %+v", got, err, teamDisplay)
		}
		list, err := s.Displays(ctx, org.ID)
		if err != nil || len(list) != 2 || list[0] != teamDisplay || list[1] != orgDisplay {
			t.Fatalf("Displays = %+v, %v; want the team's then the org's", list, err)
		}
	})
	t.Run("the token itself is stored nowhere", func(t *testing.T) {
		secret := teamToken[strings.LastIndex(teamToken, ".")+1:]
		for _, k := range s.keysUnder(s.prefix + ":*") {
			if strings.Contains(k, secret) {
				t.Fatalf("key %s holds the token", k)
			}
			if typ, _ := s.rdb.Type(ctx, k).Result(); typ == "hash" {
				all, _ := s.rdb.HGetAll(ctx, k).Result()
				b, _ := json.Marshal(all)
				if strings.Contains(string(b), secret) {
					t.Fatalf("hash %s holds the token", k)
				}
			}
		}
	})
	t.Run("a display of a team that is not the org's is refused and nothing stored", func(t *testing.T) {
		other, _ := newDisplay("B1ZZZZ")
		err := s.CreateDisplay(ctx, other)
		if domain.ErrorKind(err) != domain.KindInvalid {
			t.Fatalf("CreateDisplay = %v, want invalid", err)
		}
		if _, err := s.DisplayByToken(ctx, org.ID, other.TokenHash); domain.ErrorKind(err) != domain.KindNotFound {
			t.Fatalf("DisplayByToken of the refused display = %v, want not found", err)
		}
	})
	t.Run("a revoked display's token finds nothing and it leaves the list", func(t *testing.T) {
		if err := s.DeleteDisplay(ctx, org.ID, teamDisplay.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DisplayByToken(ctx, org.ID, teamDisplay.TokenHash); domain.ErrorKind(err) != domain.KindNotFound {
			t.Fatalf("DisplayByToken after revocation = %v, want not found", err)
		}
		list, err := s.Displays(ctx, org.ID)
		if err != nil || len(list) != 1 || list[0] != orgDisplay {
			t.Fatalf("Displays = %+v, %v; want only the org's", list, err)
		}
		if err := s.DeleteDisplay(ctx, org.ID, teamDisplay.ID); domain.ErrorKind(err) != domain.KindNotFound {
			t.Fatalf("revoking again = %v, want not found", err)
		}
	})
	t.Run("another org finds none of this org's displays", func(t *testing.T) {
		other, _ := s.org("screens-other")
		if _, err := s.DisplayByToken(ctx, other.ID, orgDisplay.TokenHash); domain.ErrorKind(err) != domain.KindNotFound {
			t.Fatalf("DisplayByToken in another org = %v, want not found", err)
		}
		if err := s.DeleteDisplay(ctx, other.ID, orgDisplay.ID); domain.ErrorKind(err) != domain.KindNotFound {
			t.Fatalf("DeleteDisplay in another org = %v, want not found", err)
		}
	})
}

// A feed card says whether its author shows on leaderboards, which a break-room screen follows.
func TestFeedSaysWhetherTheAuthorShowsOnBoards(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	org, _ := s.org("feedshown")
	team := s.team(org, "Store Utrecht")
	eva, _ := s.user(org, "Eva", "eva@feedshown.example", "employee", team.ID)
	sam, _ := s.user(org, "Sam", "sam@feedshown.example", "employee", team.ID)
	sam.Rev = 1
	hidden, off := sam, false
	if err := hidden.ApplyMe(domain.MePatch{Preferences: domain.PreferencesPatch{ShowOnLeaderboards: &off}}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateUser(ctx, sam, hidden); err != nil {
		t.Fatal(err)
	}
	for i, author := range []domain.User{eva, sam} {
		id := domain.NewID(s.clock.Now().Add(time.Duration(i) * time.Second))
		st := domain.Story{ID: id, AuthorID: author.ID, TeamID: team.ID, Text: "story", Day: "2026-11-23", CreatedAt: s.clock.Now()}
		data := encodeStory(st)
		if err := s.rdb.HSet(ctx, s.keys.story(org.ID, id), "data", data).Err(); err != nil {
			t.Fatal(err)
		}
		if err := s.rdb.ZAdd(ctx, s.keys.teamStories(org.ID, team.ID), redis.Z{Member: id}).Err(); err != nil {
			t.Fatal(err)
		}
	}
	fp, err := s.Feed(ctx, org.ID, team.ID, "", domain.Page{Limit: 10})
	if err != nil || len(fp.Views) != 2 {
		t.Fatalf("Feed = %d views, %v", len(fp.Views), err)
	}
	shown := map[string]bool{}
	for _, v := range fp.Views {
		shown[v.AuthorName] = v.AuthorShown
	}
	if !shown["Eva"] || shown["Sam"] {
		t.Fatalf("shown = %v, want Eva shown and Sam not", shown)
	}
}
