package domain

import (
	"math"
	"testing"
	"time"
)

var boardAt = time.Date(2026, 12, 7, 9, 30, 0, 0, time.UTC).Unix()

func TestBoardPlaceScore(t *testing.T) {
	for _, tc := range []struct {
		name  string
		place BoardPlace
		score float64
	}{
		{"points and the seconds since 2020 below them", BoardPlace{Points: 10, Reached: boardEpoch + 100}, 10<<31 + 1<<31 - 1 - 100},
		{"reached at the epoch", BoardPlace{Points: 1, Reached: boardEpoch}, 1<<31 + 1<<31 - 1},
		{"zero points keep their reach time", BoardPlace{Points: 0, Reached: boardEpoch + 5}, 1<<31 - 1 - 5},
		{"before 2020 ranks as 2020", BoardPlace{Points: 3, Reached: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).Unix()}, 3<<31 + 1<<31 - 1},
		{"after 2088 ranks as its last second", BoardPlace{Points: 3, Reached: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC).Unix()}, 3 << 31},
		{"just below 2^22 points keeps the time", BoardPlace{Points: 1<<22 - 1, Reached: boardEpoch}, (1<<22-1)<<31 + 1<<31 - 1},
		{"from 2^22 points on, the points alone", BoardPlace{Points: 1 << 22, Reached: boardAt}, 1 << 53},
		{"far beyond, still exact", BoardPlace{Points: 1 << 40, Reached: boardAt}, math.Ldexp(1, 71)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.place.Score()
			if got != tc.score {
				t.Fatalf("Score() = %.0f, want %.0f", got, tc.score)
			}
			back := BoardPlaceOf(got)
			if back.Points != tc.place.Points {
				t.Fatalf("BoardPlaceOf(%.0f) = %+v, want %d points", got, back, tc.place.Points)
			}
			if back.Score() != got {
				t.Fatalf("decoded %+v scores %.0f, want %.0f", back, back.Score(), got)
			}
		})
	}
}

func TestBoardPlaceRanks(t *testing.T) {
	// each place ranks above the next: the order a board shows
	ranked := []BoardPlace{
		{Points: 1 << 40, Reached: boardAt},
		{Points: 1 << 22, Reached: boardAt + 5},
		{Points: 1 << 22, Reached: boardAt}, // equal from 2^22 on: by id, so equal scores here
		{Points: 11, Reached: boardAt + 60},
		{Points: 10, Reached: boardAt},
		{Points: 10, Reached: boardAt + 1},
		{Points: 0, Reached: boardAt},
	}
	for i := 1; i < len(ranked); i++ {
		a, b := ranked[i-1].Score(), ranked[i].Score()
		if a < b || (a == b && ranked[i].Points < 1<<22) {
			t.Errorf("%+v (%.0f) does not rank above %+v (%.0f)", ranked[i-1], a, ranked[i], b)
		}
	}
}

func TestMoveOnBoard(t *testing.T) {
	have := BoardPlace{Points: 10, Reached: boardAt}
	for _, tc := range []struct {
		name  string
		have  BoardPlace
		on    bool
		pts   int
		sec   int64
		want  BoardPlace
		write bool
	}{
		{"points put a user on the board, reached now", BoardPlace{}, false, 5, boardAt, BoardPlace{5, boardAt}, true},
		{"points add, reached now", have, true, 5, boardAt + 9, BoardPlace{15, boardAt + 9}, true},
		{"an earlier increment keeps the later reach time", have, true, 5, boardAt - 9, BoardPlace{15, boardAt}, true},
		{"points taken back keep the reach time", have, true, -4, boardAt + 9, BoardPlace{6, boardAt}, true},
		{"never below zero", have, true, -40, boardAt + 9, BoardPlace{0, boardAt}, true},
		{"taking back from a user off the board writes nothing", BoardPlace{}, false, -4, boardAt, BoardPlace{}, false},
		{"no points write nothing", have, true, 0, boardAt + 9, have, false},
		{"no points write nothing for a user off the board", BoardPlace{}, false, 0, boardAt, BoardPlace{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, write := MoveOnBoard(tc.have, tc.on, tc.pts, tc.sec)
			if got != tc.want || write != tc.write {
				t.Fatalf("MoveOnBoard = %+v, %v; want %+v, %v", got, write, tc.want, tc.write)
			}
		})
	}
}

// boardPlay applies gains in order to a user off the board, as a board keeps them: through its
// score after every step.
func boardPlay(gains [][2]int64) (float64, bool) {
	var score float64
	on := false
	for _, g := range gains {
		have := BoardPlaceOf(score)
		if p, write := MoveOnBoard(have, on, int(g[0]), g[1]); write {
			score, on = p.Score(), true
		}
	}
	return score, on
}

func FuzzMoveOnBoard(f *testing.F) {
	f.Add(int64(10), boardAt, int64(5), boardAt-60, int64(7), boardAt+60)
	f.Add(int64(1<<22-1), boardAt, int64(1), boardAt+1, int64(0), int64(0))
	f.Add(int64(3), int64(0), int64(3), int64(1<<40), int64(-2), boardAt)
	f.Fuzz(func(t *testing.T, p1, s1, p2, s2, p3, s3 int64) {
		gains := [][2]int64{{p1, s1}, {p2, s2}, {p3, s3}}
		for _, g := range gains {
			if g[0] < 0 || g[0] > 1<<30 { // gains only: what an outcome or a rebuild adds
				return
			}
		}
		// a rebuild adds a board's outcomes in any order: every order gives one place
		want, on := boardPlay(gains)
		total := int(p1 + p2 + p3)
		perm := [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}
		for _, order := range perm {
			var g [][2]int64
			for _, i := range order {
				g = append(g, gains[i])
			}
			if got, _ := boardPlay(g); got != want {
				t.Fatalf("gains %v in order %v score %.0f, in the given order %.0f", gains, order, got, want)
			}
		}
		if on != (total > 0) {
			t.Fatalf("gains %v: on the board %v", gains, on)
		}
		place := BoardPlaceOf(want)
		if place.Points != total {
			t.Fatalf("gains %v: %d points, want %d", gains, place.Points, total)
		}
		if want != math.Trunc(want) || want >= 1<<53 && math.Mod(want, float64(boardUnit)) != 0 {
			t.Fatalf("score %.0f is not exact", want)
		}
		// the reach time is the latest gain's, clamped into what a score holds
		if total > 0 && total < 1<<22 {
			latest := int64(math.MinInt64)
			for _, g := range gains {
				if g[0] > 0 {
					latest = max(latest, g[1])
				}
			}
			if clamped := min(max(latest, boardEpoch), boardEpoch+boardUnit-1); place.Reached != clamped {
				t.Fatalf("gains %v: reached %d, want %d", gains, place.Reached, clamped)
			}
		}
		// taking points back never ranks a user above where they were, nor below zero
		if on {
			back, _ := MoveOnBoard(place, true, -int(p1), s1)
			if back.Points < 0 || back.Score() > want {
				t.Fatalf("taking back %d from %+v gives %+v", p1, place, back)
			}
		}
	})
}
