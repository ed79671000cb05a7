package handlers

import "testing"

// A lead's story and board row carry their role (issue 23), so the team sees that the lead did
// the gesture too.

func TestSocialLeadRole(t *testing.T) {
	o := socialNewOrg(t, "lead-role")
	leadStory := o.socialShare(o.lena, "I greeted every customer at the door.")
	evaStory := o.socialShare(o.eva, "I held the door for a customer with a pram.")
	isLead := func(r *ShownRole) bool { return r != nil && *r == ShownRoleLead }
	roles := func(s *Session) map[string]*ShownRole {
		out := map[string]*ShownRole{}
		for _, st := range o.a.socialFeedAll(s, "team", 100) {
			out[st.Id] = st.AuthorRole
		}
		return out
	}
	board := func(s *Session) map[string]LeaderboardEntry {
		var b Leaderboard
		o.a.call("GET", "/v1/leaderboards/teams/"+o.red.Id+"?period=week", s.AccessToken, nil).expect(200).decode(&b)
		out := map[string]LeaderboardEntry{}
		for _, e := range b.Entries {
			if e.User.Id != nil {
				out[*e.User.Id] = e
			}
		}
		return out
	}

	t.Run("the lead's story says lead in the feed and behind its link, a colleague's says nothing", func(t *testing.T) {
		got := roles(o.ben)
		if !isLead(got[leadStory]) || got[evaStory] != nil {
			t.Errorf("roles in Ben's feed: lead %v, Eva %v", got[leadStory], got[evaStory])
		}
		var st Story
		o.a.call("GET", "/v1/stories/"+leadStory, o.ben.AccessToken, nil).expect(200).decode(&st)
		if !isLead(st.AuthorRole) {
			t.Errorf("story behind the link: %+v", st)
		}
		o.a.call("GET", "/v1/stories/"+evaStory, o.ben.AccessToken, nil).expect(200).decode(&st)
		if st.AuthorRole != nil {
			t.Errorf("Eva's story behind the link: %+v", st)
		}
	})
	t.Run("the lead's board row says lead, a colleague's says nothing", func(t *testing.T) {
		rows := board(o.ben)
		if !isLead(rows[o.lena.User.Id].Role) || rows[o.eva.User.Id].Role != nil {
			t.Errorf("rows: lead %+v, Eva %+v", rows[o.lena.User.Id], rows[o.eva.User.Id])
		}
	})
	t.Run("the break-room screen shows the lead's story and row as a lead's", func(t *testing.T) {
		sc, _ := o.displayRead(displayToken(t, o.displayCreate(o.lena, o.red.Id)))
		for _, st := range sc.Stories {
			if lead := isLead(st.AuthorRole); lead != (st.Id == leadStory) {
				t.Errorf("story %s on the screen: author_role %v", st.Text, st.AuthorRole)
			}
		}
		leads := 0
		for _, r := range sc.Board {
			if isLead(r.Role) {
				leads++
				if r.Name == nil || *r.Name != o.lena.User.Name {
					t.Errorf("a lead's row that is not Lena's: %+v", r)
				}
			}
		}
		if leads != 1 || len(sc.Stories) != 2 {
			t.Errorf("%d lead rows on the board, %d stories", leads, len(sc.Stories))
		}
	})
	t.Run("a lead who does not show on leaderboards has no role on a row others read", func(t *testing.T) {
		o.a.call("PATCH", "/v1/me", o.lena.AccessToken, map[string]any{"preferences": map[string]any{"show_on_leaderboards": false}}).expect(200)
		var b Leaderboard
		o.a.call("GET", "/v1/leaderboards/teams/"+o.red.Id+"?period=week", o.ben.AccessToken, nil).expect(200).decode(&b)
		for _, e := range b.Entries {
			if e.User.Id == nil && e.Role != nil {
				t.Errorf("a hidden row carries a role: %+v", e)
			}
		}
		if own := board(o.lena)[o.lena.User.Id]; own.Role != nil && !isLead(own.Role) {
			t.Errorf("Lena's own row: %+v", own)
		}
		o.a.call("PATCH", "/v1/me", o.lena.AccessToken, map[string]any{"preferences": map[string]any{"show_on_leaderboards": true}}).expect(200)
	})
	t.Run("a lead made an employee no longer carries the role", func(t *testing.T) {
		o.a.call("PATCH", "/v1/admin/users/"+o.lena.User.Id, o.admin.AccessToken, map[string]any{"role": "employee"}).expect(200)
		if got := roles(o.ben); got[leadStory] != nil {
			t.Errorf("role after the change: %v", *got[leadStory])
		}
		if rows := board(o.ben); rows[o.lena.User.Id].Role != nil {
			t.Errorf("row after the change: %+v", rows[o.lena.User.Id])
		}
	})
}
