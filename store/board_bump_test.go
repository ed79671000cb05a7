package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

// A user's place on a board as the store writes it (write.place: decided by domain.MoveOnBoard
// from the score as read, written while it is as read) and reads it back (board_read): ties a
// second apart, a million points, points taken back, a score changed meanwhile.

// boardFixture is a team with members on the store, and its all-time board.
type boardFixture struct {
	s     *testStore
	org   domain.Org
	team  domain.Team
	users map[string]domain.User // by name
	board string
}

func boardNewFixture(t *testing.T, names ...string) *boardFixture {
	s := newTestStore(t)
	org, _ := s.org("bump")
	team := s.team(org, "Store Utrecht")
	f := &boardFixture{s: s, org: org, team: team, users: map[string]domain.User{}, board: s.keys.teamBoard(org.ID, team.ID, "all")}
	for _, n := range names {
		f.users[n], _ = s.user(org, n, n+"@bump.example", "employee", team.ID)
	}
	return f
}

// boardBump moves a user's points on the board by points, reached at ms, as an outcome (points
// gained) or a kudos (gained or taken back) moves them.
func (f *boardFixture) boardBump(name string, points, ms int64) {
	f.s.t.Helper()
	if err := f.boardMove(name, points, ms, nil); err != nil {
		f.s.t.Fatal(err)
	}
}

// boardMove is boardBump decided from have, the score as read (nil: read now).
func (f *boardFixture) boardMove(name string, points, ms int64, have *boardScore) error {
	ctx, id := context.Background(), f.users[name].ID
	mv := boardMove{key: f.board, pts: int(points), sec: ms / 1000}
	if have == nil {
		scores, err := f.s.readScores(ctx, id, nil, []boardMove{mv})
		if err != nil {
			return err
		}
		h := scores[f.board]
		have = &h
	}
	return newWrite().place(id, mv, *have, errStateMoved).run(ctx, f.s.Store, "board")
}

// wantScore is what the board stores for points reached at ms (domain.BoardPlace).
func wantScore(points, ms int64) float64 {
	return domain.BoardPlace{Points: int(points), Reached: ms / 1000}.Score()
}

// boardRead reads the board as name (an employee of the team).
func (f *boardFixture) boardRead(name string, limit int, around bool) domain.Board {
	f.s.t.Helper()
	caller := domain.Principal{UserID: f.users[name].ID, Org: f.org.ID, Role: domain.RoleEmployee, TeamID: f.team.ID}
	b, err := f.s.TeamBoard(context.Background(), f.org.ID, f.team.ID, "all", domain.BoardRead{Caller: caller, Limit: limit, Around: around})
	if err != nil {
		f.s.t.Fatal(err)
	}
	return b
}

// boardRows renders a board's entries as "rank name points".
func (f *boardFixture) boardRows(b domain.Board) string {
	byID := map[string]string{}
	for n, u := range f.users {
		byID[u.ID] = n
	}
	out := ""
	for _, e := range b.Entries {
		out += fmt.Sprintf("%d %s %d; ", e.Rank, byID[e.UserID], e.Points)
	}
	return out
}

var boardMs = testNow.UnixMilli()

const second = 1000 // in ms

func TestBoardBumpTies(t *testing.T) {
	f := boardNewFixture(t, "eva", "sam") // sam has the larger id

	t.Run("equal points a second apart rank the earlier first, whatever the ids", func(t *testing.T) {
		f.boardBump("sam", 10, boardMs)
		f.boardBump("eva", 10, boardMs+second)
		if got := f.boardRows(f.boardRead("eva", 10, false)); got != "1 sam 10; 2 eva 10; " {
			t.Errorf("got %q", got)
		}
		f.boardBump("eva", 10, boardMs+2*second)
		f.boardBump("sam", 10, boardMs+3*second)
		if got := f.boardRows(f.boardRead("eva", 10, false)); got != "1 eva 20; 2 sam 20; " {
			t.Errorf("got %q", got)
		}
	})

	t.Run("the member is the user's id, its score the points and the latest reach time", func(t *testing.T) {
		ctx := context.Background()
		score, err := f.s.rdb.ZScore(ctx, f.board, f.users["sam"].ID).Result()
		if err != nil {
			t.Fatal(err)
		}
		if want := wantScore(20, boardMs+3*second); score != want {
			t.Errorf("Sam's score %.0f, want %.0f", score, want)
		}
		if n, _ := f.s.rdb.ZCard(ctx, f.board).Result(); n != 2 {
			t.Errorf("%d members on the board, want one per user", n)
		}
	})

	t.Run("within one second equal points rank the larger id first", func(t *testing.T) {
		g := boardNewFixture(t, "ida", "bob") // bob has the larger id
		g.boardBump("ida", 10, boardMs)
		g.boardBump("bob", 10, boardMs+999)
		if got := g.boardRows(g.boardRead("ida", 10, false)); got != "1 bob 10; 2 ida 10; " {
			t.Errorf("got %q", got)
		}
	})

	t.Run("increments arriving out of order keep the latest reach time", func(t *testing.T) {
		g := boardNewFixture(t, "ida", "bob")
		g.boardBump("ida", 10, boardMs+5*second)
		g.boardBump("bob", 20, boardMs+4*second)
		g.boardBump("ida", 10, boardMs+1*second) // replayed late: ida reached 20 at +5, after bob
		if got := g.boardRows(g.boardRead("ida", 10, false)); got != "1 bob 20; 2 ida 20; " {
			t.Errorf("got %q", got)
		}
	})

	t.Run("times before 2020 and after 2088 rank as the edges", func(t *testing.T) {
		g := boardNewFixture(t, "ida", "bob", "eva")
		g.boardBump("ida", 10, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli())
		g.boardBump("bob", 10, time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli())
		g.boardBump("eva", 10, boardMs)
		if got := g.boardRows(g.boardRead("ida", 10, false)); got != "1 bob 10; 2 eva 10; 3 ida 10; " {
			t.Errorf("got %q", got)
		}
	})
}

func TestBoardBumpAMillionPoints(t *testing.T) {
	f := boardNewFixture(t, "eva", "sam", "ida")
	for i := range int64(10) {
		f.boardBump("eva", 100_000, boardMs+i*second)
	}
	f.boardBump("sam", 999_999, boardMs)
	f.boardBump("sam", 1, boardMs+10*second) // a million, reached a second after Eva
	f.boardBump("ida", 1_000_001, boardMs+20*second)

	b := f.boardRead("sam", 10, false)
	if got := f.boardRows(b); got != "1 ida 1000001; 2 eva 1000000; 3 sam 1000000; " {
		t.Errorf("got %q", got)
	}
	if b.MyRank != 3 || b.MyPoints != 1_000_000 {
		t.Errorf("Sam's place %d with %d points", b.MyRank, b.MyPoints)
	}

	t.Run("points stay exact far beyond, ranked by points alone", func(t *testing.T) {
		f.boardBump("eva", 1<<40, boardMs+30*second)
		b := f.boardRead("eva", 1, true)
		if b.MyRank != 1 || b.MyPoints != 1<<40+1_000_000 || b.Entries[0].Points != 1<<40+1_000_000 {
			t.Errorf("Eva: %+v", b)
		}
		f.boardBump("ida", 1<<22-1_000_001, boardMs+40*second) // 2^22 exactly
		f.boardBump("sam", 1<<22-1_000_000-1, boardMs+50*second)
		f.boardBump("sam", 1, boardMs+60*second) // 2^22, later than Ida but no time part kept
		b = f.boardRead("eva", 10, false)
		if got := f.boardRows(b); got != fmt.Sprintf("1 eva %d; 2 ida %d; 3 sam %d; ", 1<<40+1_000_000, 1<<22, 1<<22) {
			t.Errorf("got %q", got)
		}
		for _, n := range []string{"ida", "sam"} {
			if s, _ := f.s.rdb.ZScore(context.Background(), f.board, f.users[n].ID).Result(); s != float64(1<<22)*(1<<31) {
				t.Errorf("%s's score %.0f, want the points alone", n, s)
			}
		}
	})
}

func TestBoardPlaceTakenBack(t *testing.T) {
	f := boardNewFixture(t, "eva", "ida")
	ctx := context.Background()
	score := func(name string) float64 {
		s, _ := f.s.rdb.ZScore(ctx, f.board, f.users[name].ID).Result()
		return s
	}

	t.Run("no points write nothing", func(t *testing.T) {
		f.boardBump("eva", 0, boardMs)
		if n, _ := f.s.rdb.Exists(ctx, f.board).Result(); n != 0 {
			t.Errorf("%d board keys exist after adding nothing", n)
		}
		if b := f.boardRead("eva", 10, false); len(b.Entries) != 0 || b.MyRank != 0 {
			t.Errorf("board %+v, want empty and Eva unranked", b)
		}
	})

	t.Run("points taken back go to zero at the least, keeping the reach time", func(t *testing.T) {
		f.boardBump("eva", 10, boardMs)
		f.boardBump("eva", -4, boardMs+3*second)
		if s := score("eva"); s != wantScore(6, boardMs) {
			t.Errorf("Eva's score %.0f, want %.0f", s, wantScore(6, boardMs))
		}
		f.boardBump("eva", -10, boardMs+4*second)
		if b := f.boardRead("eva", 10, false); b.MyPoints != 0 || b.MyRank != 1 {
			t.Errorf("Eva: rank %d with %d points, want ranked with 0", b.MyRank, b.MyPoints)
		}
		f.boardBump("eva", 3, boardMs+5*second) // a kudos given again counts as reached now
		if s := score("eva"); s != wantScore(3, boardMs+5*second) {
			t.Errorf("Eva's score %.0f, want %.0f", s, wantScore(3, boardMs+5*second))
		}
	})

	t.Run("points taken back from a user off the board leave them off it", func(t *testing.T) {
		f.boardBump("ida", -5, boardMs)
		if _, err := f.s.rdb.ZScore(ctx, f.board, f.users["ida"].ID).Result(); err == nil {
			t.Error("Ida was put on the board")
		}
	})

	t.Run("a score changed since it was read writes nothing", func(t *testing.T) {
		read := boardScore{score: wantScore(3, boardMs+5*second), on: true}
		f.boardBump("eva", 2, boardMs+6*second) // a kudos meanwhile
		if err := f.boardMove("eva", 7, boardMs+7*second, &read); !errors.Is(err, errStateMoved) {
			t.Fatalf("the write from the old score answered %v", err)
		}
		if s := score("eva"); s != wantScore(5, boardMs+6*second) {
			t.Errorf("Eva's score %.0f, want %.0f (the kudos' alone)", s, wantScore(5, boardMs+6*second))
		}
		off := boardScore{}
		if err := f.boardMove("eva", -1, boardMs+8*second, &off); !errors.Is(err, errStateMoved) {
			t.Fatalf("taking back from a user read as off the board, now on it, answered %v", err)
		}
	})
}

// What an outcome leaves in the replica's copy: its boards' scores as it wrote them or as they
// were known, so that the next outcome (a skipped one between) is still decided without a read.
func TestOutcomePlaceKeepsWhatItKnows(t *testing.T) {
	sec := testNow.Unix()
	known := map[string]boardScore{
		"week":  {score: domain.BoardPlace{Points: 5, Reached: sec - 60}.Score(), on: true},
		"all":   {score: domain.BoardPlace{Points: 50, Reached: sec - 60}.Score(), on: true},
		"other": {score: 1, on: true}, // a board this outcome does not count on
	}
	skipped := outcomeWrite{Ms: sec * 1000}
	for _, k := range []string{"week", "month", "all"} {
		skipped.move(k, 0, 0)
	}
	if after := skipped.place(known); len(skipped.Places) != 0 || len(after) != 2 || after["week"] != known["week"] || after["all"] != known["all"] {
		t.Errorf("a skipped outcome wrote %v and left %v, want nothing written and week and all kept", skipped.Places, after)
	}
	done := outcomeWrite{Ms: sec * 1000}
	for _, k := range []string{"week", "month", "all"} {
		done.move(k, 3, 0)
	}
	after := done.place(map[string]boardScore{"week": known["week"], "month": {}, "all": known["all"]})
	want := map[string]int{"week": 8, "month": 3, "all": 53}
	if len(after) != 3 || len(done.Places) != 9 {
		t.Fatalf("a done outcome wrote %v and left %v", done.Places, after)
	}
	for k, pts := range want {
		if got := domain.BoardPlaceOf(after[k].score); !after[k].on || got != (domain.BoardPlace{Points: pts, Reached: sec}) {
			t.Errorf("%s: %+v, want %d points reached now", k, got, pts)
		}
	}
}
