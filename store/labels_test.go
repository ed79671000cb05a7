package store

import (
	"context"
	"reflect"
	"testing"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// Boards and feeds show a user by their label (userLabel), kept beside their JSON.

func labelsShare(f *boardFixture, author string) string {
	f.s.t.Helper()
	ctx := context.Background()
	id := domain.NewID(f.s.clock.Now())
	st := domain.Story{ID: id, AuthorID: f.users[author].ID, TeamID: f.team.ID, Text: "story", Day: "2026-11-23", CreatedAt: f.s.clock.Now()}
	data := encodeStory(st)
	if err := f.s.rdb.HSet(ctx, f.s.keys.story(f.org.ID, id), "data", data, "kudos", 0).Err(); err != nil {
		f.s.t.Fatal(err)
	}
	if err := f.s.rdb.ZAdd(ctx, f.s.keys.teamStories(f.org.ID, f.team.ID), redis.Z{Member: id}).Err(); err != nil {
		f.s.t.Fatal(err)
	}
	return id
}

func labelsFeedAuthor(f *boardFixture) string {
	f.s.t.Helper()
	fp, err := f.s.Feed(context.Background(), f.org.ID, f.team.ID, f.users["Sam"].ID, domain.Page{Limit: 10})
	views := fp.Views
	if err != nil || len(views) != 1 {
		f.s.t.Fatalf("Feed = %d views, %v; want the one story", len(views), err)
	}
	return views[0].AuthorName
}

func labelsEntry(t *testing.T, b domain.Board, id string) domain.BoardEntry {
	t.Helper()
	for _, e := range b.Entries {
		if e.UserID == id {
			return e
		}
	}
	t.Fatalf("user %s is not on the board %+v", id, b.Entries)
	return domain.BoardEntry{}
}

func TestUserLabels(t *testing.T) {
	ctx := context.Background()

	t.Run("a new user is shown by name, and visible, on boards and feeds", func(t *testing.T) {
		f := boardNewFixture(t, "Eva", "Sam")
		f.boardBump("Eva", 10, 1000)
		labelsShare(f, "Eva")
		if e := labelsEntry(t, f.boardRead("Sam", 10, false), f.users["Eva"].ID); e.Name != "Eva" || !e.Visible {
			t.Errorf("board entry %+v, want Eva, visible", e)
		}
		if name := labelsFeedAuthor(f); name != "Eva" {
			t.Errorf("feed author %q, want Eva", name)
		}
		if l, err := f.s.rdb.HGet(ctx, f.s.keys.userLabels(f.org.ID), f.users["Eva"].ID).Result(); err != nil || l != "1Eva" {
			t.Errorf("Eva's label %q, %v; want 1Eva, written with her JSON", l, err)
		}
	})

	t.Run("a rename and hiding from leaderboards show on the next read", func(t *testing.T) {
		f := boardNewFixture(t, "Eva", "Sam")
		f.boardBump("Eva", 10, 1000)
		labelsShare(f, "Eva")
		before, err := f.s.User(ctx, f.org.ID, f.users["Eva"].ID)
		if err != nil {
			t.Fatal(err)
		}
		after := before
		after.Name, after.Preferences.ShowOnLeaderboards = "Eva Jansen", false
		if err := f.s.UpdateUser(ctx, before, after); err != nil {
			t.Fatal(err)
		}
		if e := labelsEntry(t, f.boardRead("Sam", 10, false), f.users["Eva"].ID); e.Name != "Eva Jansen" || e.Visible {
			t.Errorf("board entry %+v, want Eva Jansen, hidden", e)
		}
		if name := labelsFeedAuthor(f); name != "Eva Jansen" {
			t.Errorf("feed author %q, want Eva Jansen", name)
		}
	})

	t.Run("the org's label stamp moves with a label, not with the rest of a user", func(t *testing.T) {
		f := boardNewFixture(t, "Eva", "Sam")
		stamp := func() string { return f.s.rdb.HGet(ctx, f.s.keys.orgSettings(f.org.ID), fieldLabelStamp).Val() }
		change := func(edit func(*domain.User)) {
			t.Helper()
			before, err := f.s.User(ctx, f.org.ID, f.users["Eva"].ID)
			if err != nil {
				t.Fatal(err)
			}
			after := before
			edit(&after)
			if err := f.s.UpdateUser(ctx, before, after); err != nil {
				t.Fatal(err)
			}
		}
		was := stamp()
		change(func(u *domain.User) { u.Locale = "nl" })
		if now := stamp(); now != was {
			t.Errorf("a new locale moved the label stamp %q to %q", was, now)
		}
		change(func(u *domain.User) { u.Role = domain.RoleLead })
		if now := stamp(); now == was || now == "" {
			t.Errorf("becoming a lead left the label stamp at %q", now)
		}
	})
}

// Me reads the user's team's name from the team labels.
func TestMeNamesTheTeamFromItsLabel(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("melabel")
	team := s.team(org, "Store Utrecht")
	eva, _ := s.user(org, "Eva", "eva@melabel.example", "employee", team.ID)
	dc := domain.DayContext{Today: "2026-11-23", Week: domain.Period{Key: "w"}, Month: domain.Period{Key: "m"}}
	me := func(t *testing.T) domain.MeView {
		t.Helper()
		mv, err := s.Me(ctx, org.ID, eva.ID, dc)
		if err != nil {
			t.Fatal(err)
		}
		want, err := s.User(ctx, org.ID, eva.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(mv.User, want) || want.Name != "Eva" {
			t.Fatalf("user %+v, want %+v", mv.User, want)
		}
		return mv
	}
	if mv := me(t); mv.TeamName != "Store Utrecht" {
		t.Fatalf("team name %q with the label", mv.TeamName)
	}
	if err := s.rdb.HSet(ctx, s.keys.user(org.ID, eva.ID), fieldEnrolled, 1).Err(); err != nil {
		t.Fatal(err)
	}
	if mv := me(t); !mv.User.Enrolled {
		t.Fatal("an enrolled user read as not enrolled")
	}
	if _, err := s.Me(ctx, org.ID, "06H39MDJ8WSNTJQQEWGBR51HKC", dc); domain.ErrorKind(err) != domain.KindNotFound {
		t.Fatalf("an unknown user: %v, want not found", err)
	}
}
