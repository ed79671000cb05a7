package store

import (
	"context"
	"fmt"
	"testing"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// bump, the outcome script's leaderboard update, at its edges: ties a millisecond apart, a
// million points, points that are not positive.

// boardBumpScript runs bump alone. KEYS[1] the board, KEYS[2] its user → member hash;
// ARGV[1] the user id, ARGV[2] points, ARGV[3] the time reached (Unix ms).
var boardBumpScript = redis.NewScript(luaPrelude + `
bump(KEYS[1], KEYS[2], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), '')
return 0
`)

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

// boardBump adds points to a user's place on the board as reached at ms.
func (f *boardFixture) boardBump(name string, points, ms int64) {
	f.s.t.Helper()
	err := boardBumpScript.Run(context.Background(), f.s.rdb, []string{f.board, f.board + ":m"}, f.users[name].ID, points, ms).Err()
	if err != nil {
		f.s.t.Fatal(err)
	}
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

func TestBoardBumpTies(t *testing.T) {
	f := boardNewFixture(t, "eva", "sam") // sam has the larger id

	t.Run("equal points a millisecond apart rank the earlier first, whatever the ids", func(t *testing.T) {
		f.boardBump("sam", 10, boardMs)
		f.boardBump("eva", 10, boardMs+1)
		if got := f.boardRows(f.boardRead("eva", 10, false)); got != "1 sam 10; 2 eva 10; " {
			t.Errorf("got %q", got)
		}
		f.boardBump("eva", 10, boardMs+2)
		f.boardBump("sam", 10, boardMs+3)
		if got := f.boardRows(f.boardRead("eva", 10, false)); got != "1 eva 20; 2 sam 20; " {
			t.Errorf("got %q", got)
		}
	})

	t.Run("the member encodes the latest reach time before the id; the hash keeps the time", func(t *testing.T) {
		ctx := context.Background()
		at, err := f.s.rdb.HGet(ctx, f.board+":m", f.users["sam"].ID).Result()
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("%013d", 9999999999999-(boardMs+3)); at != want {
			t.Errorf("member hash holds %q, want %q", at, want)
		}
		if _, err := f.s.rdb.ZScore(ctx, f.board, at+":"+f.users["sam"].ID).Result(); err != nil {
			t.Errorf("board member %q: %v", at+":"+f.users["sam"].ID, err)
		}
		if n, _ := f.s.rdb.ZCard(ctx, f.board).Result(); n != 2 {
			t.Errorf("%d members on the board, want one per user", n)
		}
	})

	t.Run("increments arriving out of order keep the latest reach time", func(t *testing.T) {
		g := boardNewFixture(t, "ida", "bob")
		g.boardBump("ida", 10, boardMs+5)
		g.boardBump("bob", 20, boardMs+4)
		g.boardBump("ida", 10, boardMs+1) // replayed late: ida reached 20 at +5, after bob
		if got := g.boardRows(g.boardRead("ida", 10, false)); got != "1 bob 20; 2 ida 20; " {
			t.Errorf("got %q", got)
		}
	})
}

func TestBoardBumpAMillionPoints(t *testing.T) {
	f := boardNewFixture(t, "eva", "sam", "ida")
	for i := range int64(10) {
		f.boardBump("eva", 100_000, boardMs+i)
	}
	f.boardBump("sam", 999_999, boardMs)
	f.boardBump("sam", 1, boardMs+10) // a million, reached a millisecond after Eva
	f.boardBump("ida", 1_000_001, boardMs+20)

	b := f.boardRead("sam", 10, false)
	if got := f.boardRows(b); got != "1 ida 1000001; 2 eva 1000000; 3 sam 1000000; " {
		t.Errorf("got %q", got)
	}
	if b.MyRank != 3 || b.MyPoints != 1_000_000 {
		t.Errorf("Sam's place %d with %d points", b.MyRank, b.MyPoints)
	}

	t.Run("points stay exact far beyond", func(t *testing.T) {
		f.boardBump("eva", 1<<40, boardMs+30)
		b := f.boardRead("eva", 1, true)
		if b.MyRank != 1 || b.MyPoints != 1<<40+1_000_000 || b.Entries[0].Points != 1<<40+1_000_000 {
			t.Errorf("Eva: %+v", b)
		}
	})
}

func TestBoardBumpNeverTakesPointsAway(t *testing.T) {
	f := boardNewFixture(t, "eva")
	ctx := context.Background()

	t.Run("zero or negative points write nothing", func(t *testing.T) {
		f.boardBump("eva", 0, boardMs)
		f.boardBump("eva", -5, boardMs)
		if n, _ := f.s.rdb.Exists(ctx, f.board, f.board+":m").Result(); n != 0 {
			t.Errorf("%d board keys exist after adding nothing", n)
		}
		if b := f.boardRead("eva", 10, false); len(b.Entries) != 0 || b.MyRank != 0 {
			t.Errorf("board %+v, want empty and Eva unranked", b)
		}
	})

	t.Run("negative points after positive ones leave them and their reach time", func(t *testing.T) {
		f.boardBump("eva", 10, boardMs)
		before, _ := f.s.rdb.HGet(ctx, f.board+":m", f.users["eva"].ID).Result()
		f.boardBump("eva", -10, boardMs+1)
		f.boardBump("eva", 0, boardMs+2)
		after, _ := f.s.rdb.HGet(ctx, f.board+":m", f.users["eva"].ID).Result()
		if b := f.boardRead("eva", 10, false); b.MyPoints != 10 || before != after {
			t.Errorf("Eva has %d points (want 10), member %q → %q", b.MyPoints, before, after)
		}
	})
}

// Member hashes written before 2026-12-02 held the whole member ("<time>:<id>"): boards still
// place their users, and the next bump moves them to the short form without a second entry.
func TestBoardBumpReadsWholeMembersOfEarlierVersions(t *testing.T) {
	f := boardNewFixture(t, "eva", "sam")
	ctx := context.Background()
	whole := func(name string, points, ms int64) string {
		member := fmt.Sprintf("%013d:%s", 9999999999999-ms, f.users[name].ID)
		if err := f.s.rdb.ZAdd(ctx, f.board, redis.Z{Score: float64(points), Member: member}).Err(); err != nil {
			t.Fatal(err)
		}
		if err := f.s.rdb.HSet(ctx, f.board+":m", f.users[name].ID, member).Err(); err != nil {
			t.Fatal(err)
		}
		return member
	}
	whole("eva", 20, boardMs)
	whole("sam", 10, boardMs)

	if b := f.boardRead("sam", 1, true); b.MyRank != 2 || b.MyPoints != 10 || f.boardRows(b) != "2 sam 10; " {
		t.Fatalf("Sam around himself: rank %d, %d points, rows %q", b.MyRank, b.MyPoints, f.boardRows(b))
	}
	f.boardBump("sam", 10, boardMs+1) // 20, reached after Eva
	if got := f.boardRows(f.boardRead("sam", 10, false)); got != "1 eva 20; 2 sam 20; " {
		t.Errorf("after the bump: %q", got)
	}
	if n, _ := f.s.rdb.ZCard(ctx, f.board).Result(); n != 2 {
		t.Errorf("%d members on the board, want one per user", n)
	}
	at, _ := f.s.rdb.HGet(ctx, f.board+":m", f.users["sam"].ID).Result()
	if want := fmt.Sprintf("%013d", 9999999999999-(boardMs+1)); at != want {
		t.Errorf("Sam's member hash holds %q, want the short %q", at, want)
	}
	f.boardBump("eva", 5, boardMs) // an older increment: Eva keeps her time, now in the short form
	if got := f.boardRows(f.boardRead("eva", 10, false)); got != "1 eva 25; 2 sam 20; " {
		t.Errorf("after Eva's bump: %q", got)
	}
	if at, _ := f.s.rdb.HGet(ctx, f.board+":m", f.users["eva"].ID).Result(); at != fmt.Sprintf("%013d", 9999999999999-boardMs) {
		t.Errorf("Eva's member hash holds %q", at)
	}
}
