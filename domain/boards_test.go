package domain

import (
	"strings"
	"testing"
)

func TestMaySeeBoard(t *testing.T) {
	red := TeamBoardOwner(Team{ID: "RED", LeadIDs: []string{"lena", "max"}})
	redUnread := BoardOwner{ID: "RED"}
	forRed := ChallengeBoardOwner(Challenge{ID: "C1", TeamIDs: []string{"RED", "GREEN"}})
	forAll := ChallengeBoardOwner(Challenge{ID: "C2"})
	challengeUnread := BoardOwner{Challenge: true, ID: "C1"}

	admin := Principal{UserID: "ada", Role: RoleAdmin}
	eva := Principal{UserID: "eva", Role: RoleEmployee, TeamID: "RED"}
	bob := Principal{UserID: "bob", Role: RoleEmployee, TeamID: "BLUE"}
	lena := Principal{UserID: "lena", Role: RoleLead, TeamID: "RED"}
	max := Principal{UserID: "max", Role: RoleLead} // leads Red without being a member
	loner := Principal{UserID: "lou", Role: RoleEmployee}
	screen := Principal{TeamID: "RED"} // a team's display reads as a member without a user

	for _, c := range []struct {
		name string
		p    Principal
		b    BoardOwner
		want BoardAccess
	}{
		{"an admin sees a team's board without it read", admin, redUnread, BoardAllowed},
		{"an admin sees a challenge's board without it read", admin, challengeUnread, BoardAllowed},
		{"an admin sees a challenge's board for other teams", admin, forRed, BoardAllowed},
		{"a member sees their team's board without it read", eva, redUnread, BoardAllowed},
		{"a member sees their team's board", eva, red, BoardAllowed},
		{"a team's display sees its board without it read", screen, redUnread, BoardAllowed},
		{"another team's member is not decided until the team's leads are read", bob, redUnread, BoardUnread},
		{"another team's member may not see it", bob, red, BoardDenied},
		{"a lead who is no member is not decided until the team's leads are read", max, redUnread, BoardUnread},
		{"a lead who is no member sees the team's board", max, red, BoardAllowed},
		{"a lead who is a member sees it", lena, red, BoardAllowed},
		{"a user without a team may not see a team's board", loner, red, BoardDenied},
		{"a user without an id is no lead", Principal{Role: RoleLead}, TeamBoardOwner(Team{ID: "RED", LeadIDs: []string{""}}), BoardDenied},
		{"a challenge's board is not decided until its teams are read", eva, challengeUnread, BoardUnread},
		{"a member of a team a challenge is for sees its board", eva, forRed, BoardAllowed},
		{"a member of another team may not see it", bob, forRed, BoardDenied},
		{"a lead of a team a challenge is for, but no member of it, may not see it", max, forRed, BoardDenied},
		{"a challenge's id is no team: a member of a team of that id is not let in by it", Principal{UserID: "x", TeamID: "C1"},
			BoardOwner{Challenge: true, ID: "C1", Read: true, TeamIDs: []string{"RED"}}, BoardDenied},
		{"everyone sees the board of a challenge for every team", bob, forAll, BoardAllowed},
		{"even a user without a team", loner, forAll, BoardAllowed},
		{"a user without a team may not see a challenge for some teams", loner, forRed, BoardDenied},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := MaySeeBoard(c.p, c.b); got != c.want {
				t.Errorf("MaySeeBoard = %d, want %d", got, c.want)
			}
		})
	}
}

// Reading the owner only ever lets more callers in: whoever is let in without it read is let
// in with it read, so the shortcut for admins and members decides as the full read would.
func FuzzMaySeeBoardUnreadAgrees(f *testing.F) {
	f.Add("eva", "RED", "employee", "RED", false, "lena", "RED")
	f.Add("ada", "", "admin", "C1", true, "", "")
	f.Fuzz(func(t *testing.T, user, team, role, owner string, challenge bool, lead, forTeam string) {
		p := Principal{UserID: user, TeamID: team, Role: Role(role)}
		unread := BoardOwner{Challenge: challenge, ID: owner}
		read := BoardOwner{Challenge: challenge, ID: owner, Read: true, LeadIDs: []string{lead}, TeamIDs: []string{forTeam}}
		got, full := MaySeeBoard(p, unread), MaySeeBoard(p, read)
		if full == BoardUnread {
			t.Fatalf("read owner left undecided for %+v", p)
		}
		if got == BoardDenied {
			t.Fatalf("unread owner denied %+v: only reading it may", p)
		}
		if got == BoardAllowed && full != BoardAllowed {
			t.Fatalf("allowed unread but %d read, for %+v", full, p)
		}
	})
}

func TestParticipants(t *testing.T) {
	members := []TeamMember{{ID: "eva", Active: true}, {ID: "bob", Active: true}, {ID: "ida", Active: false}}
	for _, c := range []struct {
		name   string
		doneBy []string
		want   int
	}{
		{"nobody done, nobody taking part", nil, 0},
		{"each active member who did a gesture takes part", []string{"eva", "bob"}, 2},
		{"a member with several gestures counts once", []string{"eva", "eva", "eva"}, 1},
		{"a deactivated member does not take part", []string{"eva", "ida"}, 1},
		{"a user no longer in the team does not take part", []string{"leo", "bob"}, 1},
		{"an entry without a user does not take part", []string{""}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Participants(c.doneBy, members); got != c.want {
				t.Errorf("Participants = %d, want %d", got, c.want)
			}
		})
	}
	t.Run("a team without members has nobody taking part", func(t *testing.T) {
		if got := Participants([]string{"eva"}, nil); got != 0 {
			t.Errorf("Participants = %d, want 0", got)
		}
	})
}

// Nobody takes part but an active member, each once: never more than the active members.
func FuzzParticipants(f *testing.F) {
	f.Add("eva,bob,eva", "eva,ida", uint8(1))
	f.Fuzz(func(t *testing.T, done, members string, activeBits uint8) {
		var ms []TeamMember
		active := 0
		seen := map[string]bool{}
		for i, id := range strings.Split(members, ",") {
			if seen[id] { // a team's members are a set
				continue
			}
			seen[id] = true
			a := activeBits>>(i%8)&1 == 1
			ms = append(ms, TeamMember{ID: id, Active: a})
			if a {
				active++
			}
		}
		if got := Participants(strings.Split(done, ","), ms); got < 0 || got > active {
			t.Fatalf("Participants = %d of %d active members", got, active)
		}
	})
}

// A window centred on the caller stays limit entries long as far as the board allows, and lies
// within WindowRadius of the caller's rank: the rows a board read fetches around them hold it.
func TestBoardWindowStart(t *testing.T) {
	for _, tc := range []struct {
		mine, size, limit int
		around            bool
		want              int
	}{
		{5, 100, 10, false, 0},
		{-1, 100, 10, true, 0},
		{50, 100, 10, true, 45},
		{2, 100, 10, true, 0},
		{98, 100, 10, true, 90},
		{3, 5, 10, true, 0},
		{6, 20, 1, true, 6},
	} {
		r := BoardRead{Limit: tc.limit, Around: tc.around}
		if got := r.WindowStart(tc.mine, tc.size); got != tc.want {
			t.Errorf("WindowStart(%d, %d) of %+v = %d, want %d", tc.mine, tc.size, r, got, tc.want)
		}
	}
	for size := 0; size <= 30; size++ {
		for limit := 1; limit <= 12; limit++ {
			r := BoardRead{Limit: limit, Around: true}
			for mine := 0; mine < size; mine++ {
				start, radius := r.WindowStart(mine, size), r.WindowRadius()
				end := min(size, start+limit) - 1
				if start < 0 || start > mine || end < mine || end-start+1 != min(size, limit) ||
					start < mine-radius || end > mine+radius {
					t.Fatalf("size %d, limit %d, caller at %d: window %d..%d, radius %d", size, limit, mine, start, end, radius)
				}
			}
		}
	}
}

func TestBoardsOf(t *testing.T) {
	for _, c := range []struct {
		name            string
		result          string
		points          int
		team, challenge string
		want            OutcomeBoards
	}{
		{"done in a team", ResultDone, 10, "RED", "", OutcomeBoards{Team: true, Teams: true}},
		{"done in a team, a challenge", ResultDone, 10, "RED", "C1", OutcomeBoards{Team: true, Teams: true, Challenge: true}},
		{"done without a team, a challenge", ResultDone, 10, "", "C1", OutcomeBoards{Challenge: true}},
		{"done at no points (an org's setting)", ResultDone, 0, "RED", "C1", OutcomeBoards{Team: true, Challenge: true}},
		{"blocked earns points but no challenge", ResultBlocked, 2, "RED", "C1", OutcomeBoards{Team: true, Teams: true}},
		{"skipped in a team", ResultSkipped, 0, "RED", "C1", OutcomeBoards{Team: true}},
		{"skipped alone", ResultSkipped, 0, "", "", OutcomeBoards{}},
	} {
		if got := BoardsOf(c.result, c.points, c.team, c.challenge); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}
