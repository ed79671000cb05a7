package domain

import "math"

// A user's place on a leaderboard: their points, and when they reached them. Ranks are unique
// and equal points rank who reached them first higher (CONTRACT: "ordered by who reached them
// first"). A board is a sorted set of user ids whose score holds both (BoardPlace.Score):
//
//	points × 2^31 + (2^31 − 1 − seconds from 2020-01-01 UTC to the reach time)
//
// so a higher score ranks higher, and among equal points the earlier reach (within one second
// the larger id, as Redis orders equal scores). Reach times are clamped to 2020–2088. From 2^22
// points on (centuries of daily gestures) the time part is left out: the score stays an exact
// double and ranks by points alone.

const (
	boardUnit  = int64(1) << 31
	boardEpoch = int64(1577836800) // 2020-01-01 UTC
	boardExact = 1 << 22
)

// BoardPlace is a user's place on a leaderboard.
type BoardPlace struct {
	Points  int
	Reached int64 // Unix seconds
}

// Score is the place as its board's sorted set scores it: a whole number, exact as a double
// (below 2^53, or a multiple of 2^31).
func (p BoardPlace) Score() float64 {
	if p.Points >= boardExact {
		return float64(p.Points) * float64(boardUnit)
	}
	t := min(max(p.Reached-boardEpoch, 0), boardUnit-1)
	return float64(int64(p.Points)*boardUnit + boardUnit - 1 - t)
}

// BoardPlaceOf is the place a board's score holds. The reach time of a score without one (from
// 2^22 points on) is the latest a score can hold.
func BoardPlaceOf(score float64) BoardPlace {
	pts := math.Floor(score / float64(boardUnit))
	return BoardPlace{Points: int(pts), Reached: boardEpoch + boardUnit - 1 - int64(score-pts*float64(boardUnit))}
}

// MoveOnBoard is a user's place on a board after their points there change by pts at sec (Unix
// seconds), from have when on says they are on it: write says whether the board changes.
//   - Points gained (an outcome, a kudos) put the user on the board and count as reached at the
//     latest of the increments: changes applied in any order (a rebuild) give the same place.
//   - Points taken back (a kudos withdrawn) lower theirs, never below zero, and keep when they
//     were reached; a user not on the board stays off it, so a board no longer kept stays gone.
//   - No change writes nothing.
func MoveOnBoard(have BoardPlace, on bool, pts int, sec int64) (place BoardPlace, write bool) {
	switch {
	case pts > 0 && !on:
		return BoardPlace{Points: pts, Reached: sec}, true
	case pts > 0:
		return BoardPlace{Points: have.Points + pts, Reached: max(sec, have.Reached)}, true
	case pts < 0 && on:
		return BoardPlace{Points: max(0, have.Points+pts), Reached: have.Reached}, true
	}
	return have, false
}
