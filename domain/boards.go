package domain

import "slices"

// Who may see a user leaderboard. The store reads the team or challenge a board belongs to
// together with the board; this decides, so the rule is written once for every way a board is
// read (the board script, a replica's copy of a team's board).

// BoardOwner is the team or challenge a board belongs to, as far as it was read.
type BoardOwner struct {
	Challenge bool   // a challenge's board; a team's otherwise
	ID        string // the team's or the challenge's id
	// Read says LeadIDs and TeamIDs are the owner's as stored. Without them only the caller's
	// own role and team decide: an admin, or a member reading their own team's board (the
	// common read), is let in without anything read.
	Read    bool
	LeadIDs []string // a team's leads
	TeamIDs []string // the teams a challenge is for; none: every team
}

// TeamBoardOwner is the owner of t's boards, as read.
func TeamBoardOwner(t Team) BoardOwner { return BoardOwner{ID: t.ID, Read: true, LeadIDs: t.LeadIDs} }

// ChallengeBoardOwner is the owner of c's board, as read.
func ChallengeBoardOwner(c Challenge) BoardOwner {
	return BoardOwner{Challenge: true, ID: c.ID, Read: true, TeamIDs: c.TeamIDs}
}

// BoardAccess is whether a caller may see a board.
type BoardAccess uint8

const (
	BoardDenied BoardAccess = iota
	BoardAllowed
	// BoardUnread: the owner's leads or teams decide, and they were not read.
	BoardUnread
)

// MaySeeBoard decides whether p may see the board b owns: an admin every board of their org;
// a team's board the team's members and its leads (a lead need not be a member); a
// challenge's board the members of the teams it is for, everyone when it is for every team.
func MaySeeBoard(p Principal, b BoardOwner) BoardAccess {
	switch {
	case p.Role == RoleAdmin, !b.Challenge && p.TeamID != "" && p.TeamID == b.ID:
		return BoardAllowed
	case !b.Read:
		return BoardUnread
	case b.Challenge && (Challenge{TeamIDs: b.TeamIDs}).For(p.TeamID),
		!b.Challenge && p.UserID != "" && slices.Contains(b.LeadIDs, p.UserID):
		return BoardAllowed
	}
	return BoardDenied
}

// TeamMember is one of a team's members now, as read.
type TeamMember struct {
	ID     string
	Active bool
}

// Participants counts the users of doneBy (the users of a period's done gestures in the team's
// dashboard logs, repeats allowed) who take part: only the team's members now who are active
// count, once each, so that the share of members taking part compares like with like (a team's
// size counts its active members). A user who left the team or was deactivated since still
// has their gestures counted, but not as taking part.
func Participants(doneBy []string, members []TeamMember) int {
	counts := make(map[string]bool, len(members))
	for _, m := range members {
		counts[m.ID] = m.Active
	}
	in := map[string]bool{}
	for _, u := range doneBy {
		if counts[u] {
			in[u] = true
		}
	}
	return len(in)
}

// OutcomeBoards is which leaderboards an outcome counts on (BoardsOf).
type OutcomeBoards struct {
	// Team: its team's boards of the week, the month and all time it occurred in, by its points.
	// An outcome without points still reads the user's places there (a replica keeps them).
	Team bool
	// Teams: the board of all teams of the same periods, by its points, which also renews the
	// team's board stamp.
	Teams bool
	// Challenge: its challenge's board, by its points.
	Challenge bool
}

// BoardsOf says which boards an outcome of result earning points counts on, recorded in team
// ("" none) for an assignment of challenge ("" none): a team's boards when it has a team, the
// board of all teams when it earns points there too, and a challenge's board when the challenge
// was done. A new outcome and a rebuild's replay of a stored one are counted alike.
func BoardsOf(result string, points int, team, challenge string) OutcomeBoards {
	return OutcomeBoards{
		Team:      team != "",
		Teams:     team != "" && points > 0,
		Challenge: challenge != "" && result == ResultDone,
	}
}
