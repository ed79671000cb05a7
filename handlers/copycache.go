package handlers

import "github.com/microact/microact/domain"

// A replica keeps answers it read from Redis together with the stamp they were read with (see
// internal/copies, fieldViewStamp in store/loop.go and Store.WholeTeamBoard). A repeat read reads only the stamp
// and, while it is unchanged, answers the copy: Redis does not read, encode and send the answer,
// nor this process decode it again. Any change to what an answer shows, made through any
// replica, changes its stamp in the same atomic step, so a copy out of date is never answered;
// the read after a change costs a second round trip.

// todayCacheSize bounds how many rendered today answers a replica keeps: one per user who
// opened the app today, about 1 KB each, so 100,000 is about 100 MB at most. An org larger
// than that still works; its repeat reads miss more often.
const todayCacheSize = 100_000

// todayCopy is one rendered today answer, for the user's local day.
type todayCopy struct {
	day  string
	body []byte
}

// boardCopyMax is the most members a kept copy of a team board holds, and boardCacheSize how
// many copies (one per team and period read) a replica keeps: ~80 B a member, so at most
// ~160 MB, and far less for teams of tens. A larger board is read by the board script each time.
const (
	boardCopyMax   = 500
	boardCacheSize = 4096
)

// boardCopy is a whole team board of one period in rank order, or only the fact that the board
// was too large to keep (large boards stay large: a board's members only leave it with its period).
type boardCopy struct {
	entries []domain.BoardEntry
	large   bool
}

// largeBoard is the stamp a board too large to keep is kept with: it needs no check.
const largeBoard = "large"
