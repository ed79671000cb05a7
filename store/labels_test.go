package store

import (
	"context"
	"encoding/json"
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
	data, _ := json.Marshal(st)
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

	t.Run("a label an earlier version left behind is set right, with a new label stamp, by the next change or a rebuild", func(t *testing.T) {
		f := boardNewFixture(t, "Eva", "Sam")
		labels, settings := f.s.keys.userLabels(f.org.ID), f.s.keys.orgSettings(f.org.ID)
		stamp := func() string { return f.s.rdb.HGet(ctx, settings, fieldLabelStamp).Val() }
		// an earlier version's replica hides Eva: her JSON changes, her label does not
		before, _ := f.s.User(ctx, f.org.ID, f.users["Eva"].ID)
		hidden := before
		hidden.Preferences.ShowOnLeaderboards = false
		hidden.Rev++
		if err := f.s.rdb.HSet(ctx, f.s.keys.user(f.org.ID, before.ID), dataField, marshalUser(hidden)).Err(); err != nil {
			t.Fatal(err)
		}
		s0 := stamp()
		// a change boards do not show, through this version
		later := hidden
		later.Preferences.ReminderTime = "09:15"
		if err := f.s.UpdateUser(ctx, hidden, later); err != nil {
			t.Fatal(err)
		}
		if l := f.s.rdb.HGet(ctx, labels, before.ID).Val(); l != "0Eva" || stamp() == s0 {
			t.Errorf("after the next change: label %q, label stamp %q (was %q); want 0Eva and a new stamp", l, stamp(), s0)
		}

		// the same for Sam, set right by a rebuild
		sam, _ := f.s.User(ctx, f.org.ID, f.users["Sam"].ID)
		renamed := sam
		renamed.Name, renamed.Rev = "Sam de Vries", sam.Rev+1
		if err := f.s.rdb.HSet(ctx, f.s.keys.user(f.org.ID, sam.ID), dataField, marshalUser(renamed)).Err(); err != nil {
			t.Fatal(err)
		}
		s1 := stamp()
		if err := f.s.RebuildBoards(ctx, f.org.ID, nil); err != nil {
			t.Fatal(err)
		}
		if l := f.s.rdb.HGet(ctx, labels, sam.ID).Val(); l != "1Sam de Vries" || stamp() == s1 {
			t.Errorf("after a rebuild: label %q, label stamp %q (was %q); want 1Sam de Vries and a new stamp", l, stamp(), s1)
		}
		s2 := stamp()
		if err := f.s.RebuildBoards(ctx, f.org.ID, nil); err != nil {
			t.Fatal(err)
		}
		if stamp() != s2 {
			t.Errorf("a rebuild that changed no label gave a new label stamp")
		}
	})

	t.Run("a user stored before labels were kept is read from their JSON, and a rebuild labels them", func(t *testing.T) {
		f := boardNewFixture(t, "Eva", "Sam")
		f.boardBump("Eva", 10, 1000)
		labelsShare(f, "Eva")
		before, _ := f.s.User(ctx, f.org.ID, f.users["Eva"].ID)
		hidden := before
		hidden.Preferences.ShowOnLeaderboards = false
		if err := f.s.UpdateUser(ctx, before, hidden); err != nil {
			t.Fatal(err)
		}
		labels := f.s.keys.userLabels(f.org.ID)
		if err := f.s.rdb.HDel(ctx, labels, f.users["Eva"].ID).Err(); err != nil {
			t.Fatal(err)
		}
		if e := labelsEntry(t, f.boardRead("Sam", 10, false), f.users["Eva"].ID); e.Name != "Eva" || e.Visible {
			t.Errorf("board entry %+v, want Eva, hidden (from her JSON)", e)
		}
		if name := labelsFeedAuthor(f); name != "Eva" {
			t.Errorf("feed author %q, want Eva (from her JSON)", name)
		}
		if err := f.s.RebuildBoards(ctx, f.org.ID, nil); err != nil {
			t.Fatal(err)
		}
		got, err := f.s.rdb.HGetAll(ctx, labels).Result()
		if err != nil {
			t.Fatal(err)
		}
		if got[f.users["Eva"].ID] != "0Eva" || got[f.users["Sam"].ID] != "1Sam" {
			t.Errorf("labels after the rebuild %v, want Eva hidden (0Eva) and Sam shown (1Sam)", got)
		}
	})
}

// Me reads the user's team's name from the team labels, and a team stored before labels were
// kept from the team itself.
func TestMeNamesTheTeamWithOrWithoutItsLabel(t *testing.T) {
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
	if err := s.rdb.HDel(ctx, s.keys.teamLabels(org.ID), team.ID).Err(); err != nil {
		t.Fatal(err)
	}
	if mv := me(t); mv.TeamName != "Store Utrecht" {
		t.Fatalf("team name %q without the label", mv.TeamName)
	}
	if _, err := s.Me(ctx, org.ID, "06H39MDJ8WSNTJQQEWGBR51HKC", dc); domain.ErrorKind(err) != domain.KindNotFound {
		t.Fatalf("an unknown user: %v, want not found", err)
	}
}
