package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/microact/microact/domain"
)

// A replica answers a team's members from the whole board it keeps (domain.BoardWindow over
// WholeTeamBoard): every read must answer what the board script answers.
func TestWholeBoardAnswersAsTheBoardScript(t *testing.T) {
	ctx := context.Background()
	var names []string
	for i := range 12 {
		names = append(names, fmt.Sprintf("P%02d", i))
	}
	f := boardNewFixture(t, names...)
	rng := rand.New(rand.NewPCG(7, 11))
	for _, n := range names[:10] { // two members stay off the board
		// few distinct points and reach times, so ties of both kinds occur
		f.boardBump(n, int64(rng.IntN(4)+1)*10, int64(1000+rng.IntN(3)))
	}
	entries, _, ok, err := f.s.WholeTeamBoard(ctx, f.org.ID, f.team.ID, "all", 500)
	if err != nil || !ok || len(entries) != 10 {
		t.Fatalf("WholeTeamBoard = %d entries, ok %v, %v; want the 10 on the board", len(entries), ok, err)
	}

	t.Run("every caller, limit and window reads the same as through the board script", func(t *testing.T) {
		for _, caller := range names {
			for limit := 1; limit <= 12; limit++ {
				for _, around := range []bool{false, true} {
					want := f.boardRead(caller, limit, around)
					got := domain.BoardWindow(entries, domain.BoardRead{Caller: domain.Principal{UserID: f.users[caller].ID}, Limit: limit, Around: around})
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("%s, limit %d, around %v:\n got  %+v\n want %+v", caller, limit, around, got, want)
					}
				}
			}
		}
	})

	t.Run("a board larger than a copy may be is not read", func(t *testing.T) {
		entries, _, ok, err := f.s.WholeTeamBoard(ctx, f.org.ID, f.team.ID, "all", 9)
		if err != nil || ok || entries != nil {
			t.Errorf("WholeTeamBoard of at most 9 = %d entries, ok %v, %v; want nothing read", len(entries), ok, err)
		}
	})

	t.Run("a board no script stamped gets a stamp on its first whole read, which a read of the stamp answers", func(t *testing.T) {
		// (boardBump, unlike the outcome script, writes no stamp)
		_, stamp, _, err := f.s.WholeTeamBoard(ctx, f.org.ID, f.team.ID, "all", 500)
		now, err2 := f.s.TeamBoardStamp(ctx, f.org.ID, f.team.ID)
		if err != nil || err2 != nil || stamp == "" || now != stamp {
			t.Errorf("stamp read with the board %q (%v), read alone %q (%v); want the same, not empty", stamp, err, now, err2)
		}
		if _, again, _, _ := f.s.WholeTeamBoard(ctx, f.org.ID, f.team.ID, "all", 500); again != stamp {
			t.Errorf("a second whole read gave the stamp %q, want the first's %q", again, stamp)
		}
	})

	t.Run("a team that does not exist is not found, nor a key of a team that is not the team", func(t *testing.T) {
		for _, id := range []string{"nosuchteam", f.team.ID + ":members"} {
			if _, _, _, err := f.s.WholeTeamBoard(ctx, f.org.ID, id, "all", 500); domain.ErrorKind(err) != domain.KindNotFound {
				t.Errorf("%s: err = %v, want not found", id, err)
			}
		}
	})
}

// The board script reads the team with the board; who may see it is decided in Go
// (domain.MaySeeBoard, table-tested there). These are the store's answers around it.
func TestTeamBoardReadsTheTeamWithTheBoard(t *testing.T) {
	ctx := context.Background()
	f := boardNewFixture(t, "Eva", "Bob")
	f.boardBump("Eva", 20, boardMs)
	read := func(p domain.Principal, teamID string) (domain.Board, error) {
		return f.s.TeamBoard(ctx, f.org.ID, teamID, "all", domain.BoardRead{Caller: p, Limit: 5})
	}

	t.Run("a team's display, a member without a user, reads the board and has no place on it", func(t *testing.T) {
		b, err := read(domain.Principal{Org: f.org.ID, TeamID: f.team.ID}, f.team.ID)
		if err != nil || len(b.Entries) != 1 || b.MyRank != 0 {
			t.Errorf("board %+v, %v; want Eva's row and no place", b, err)
		}
	})

	t.Run("another team's member is refused", func(t *testing.T) {
		_, err := read(domain.Principal{UserID: "someone", Org: f.org.ID, Role: domain.RoleEmployee, TeamID: "OTHER"}, f.team.ID)
		if domain.ErrorKind(err) != domain.KindForbidden {
			t.Errorf("err = %v, want forbidden", err)
		}
	})

	t.Run("a team that does not exist is not found, for an admin too, nor a key of a team that is not the team", func(t *testing.T) {
		admin := domain.Principal{UserID: "ada", Org: f.org.ID, Role: domain.RoleAdmin}
		for _, id := range []string{"nosuchteam", f.team.ID + ":members"} {
			if _, err := read(admin, id); domain.ErrorKind(err) != domain.KindNotFound {
				t.Errorf("%s: err = %v, want not found", id, err)
			}
		}
	})
}
