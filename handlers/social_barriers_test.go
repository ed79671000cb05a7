package handlers

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Barriers (contract section 5): open → acknowledged → resolved with a note, the reporter
// notified on every change, who sees which, and the dashboard's open_barriers.

// socialBarrierAt moves a new barrier of Eva's to status along the allowed path.
func (o *socialOrg) socialBarrierAt(status string) Barrier {
	o.t.Helper()
	b := o.a.socialReport(o.eva, "tools", "The card reader at till 2 keeps failing.")
	switch status {
	case "acknowledged":
		o.a.socialMove(o.lena, b.Id, "acknowledged", "").expect(200).decode(&b)
	case "resolved":
		o.a.socialMove(o.lena, b.Id, "resolved", "").expect(200).decode(&b)
	}
	return b
}

// socialOpenBarriers is the open_barriers of a team's dashboard, as its lead reads it.
func (o *socialOrg) socialOpenBarriers(lead *Session, team Team) int {
	o.t.Helper()
	var d Dashboard
	o.a.call("GET", "/v1/teams/"+team.Id+"/dashboard", lead.AccessToken, nil).expect(200).decode(&d)
	return d.OpenBarriers
}

func TestSocialBarrierStates(t *testing.T) {
	o := socialNewOrg(t, "barrier-states")
	for _, c := range []struct {
		from, to string
		status   int
	}{
		{"open", "acknowledged", 200},
		{"open", "resolved", 200},
		{"acknowledged", "resolved", 200},
		{"acknowledged", "acknowledged", 409},
		{"resolved", "acknowledged", 409},
		{"resolved", "resolved", 409},
	} {
		t.Run(c.from+" to "+c.to+" is "+socialStatus(c.status), func(t *testing.T) {
			a := o.a.in(t)
			b := o.socialBarrierAt(c.from)
			notes := len(a.socialNotices(o.eva, "barrier_update"))
			a.clock.Advance(time.Minute)
			r := a.socialMove(&o.admin, b.Id, c.to, "Looked at it.")
			after := b
			if c.status != 200 {
				r.wantProblem(c.status, "invalid_transition")
			} else {
				r.expect(200).decode(&after)
				if string(after.Status) != c.to || after.Note != "Looked at it." || !after.UpdatedAt.Equal(a.clock.Now()) || !after.CreatedAt.Equal(b.CreatedAt) {
					t.Errorf("after the move: %+v", after)
				}
			}
			for _, seen := range o.socialBarriers(o.eva) {
				if seen.Id == b.Id && (seen.Status != after.Status || seen.Note != after.Note || !seen.UpdatedAt.Equal(after.UpdatedAt)) {
					t.Errorf("listed as %+v, want %+v", seen, after)
				}
			}
			wantNotes := notes
			if c.status == 200 {
				wantNotes++
			}
			if got := len(a.socialNotices(o.eva, "barrier_update")); got != wantNotes {
				t.Errorf("%d barrier_update notifications, want %d", got, wantNotes)
			}
		})
	}

	t.Run("a status outside acknowledged and resolved is 422", func(t *testing.T) {
		b := o.socialBarrierAt("open")
		for _, status := range []string{"open", "closed", ""} {
			o.a.socialMove(o.lena, b.Id, status, "").wantProblem(422, "invalid")
		}
	})

	t.Run("the reporter hears of every change, with the barrier and its new status", func(t *testing.T) {
		s := o.socialMember("Rita Kok", "employee", o.red.Id)
		b := o.a.socialReport(s, "stock", "No bags left at the till.")
		o.a.socialMove(o.lena, b.Id, "acknowledged", "Ordered.").expect(200)
		o.a.clock.Advance(time.Second) // the inbox orders by time
		o.a.socialMove(&o.admin, b.Id, "resolved", "Delivered.").expect(200)
		notes := o.a.socialNotices(s, "barrier_update")
		if len(notes) != 2 {
			t.Fatalf("%d notifications, want 2: %+v", len(notes), notes)
		}
		for i, status := range []string{"resolved", "acknowledged"} { // newest first
			if n := notes[i]; n.Data["barrier_id"] != b.Id || n.Data["status"] != status || !strings.Contains(n.Body, "No bags left") {
				t.Errorf("notification %d: %+v", i, n)
			}
		}
		for _, other := range []*Session{o.eva, o.lena, &o.admin} {
			for _, n := range o.a.socialNotices(other, "barrier_update") {
				if n.Data["barrier_id"] == b.Id {
					t.Errorf("%s was told about Rita's barrier", other.User.Name)
				}
			}
		}
	})

	t.Run("the note is kept when absent, replaced when sent, and trimmed", func(t *testing.T) {
		b := o.socialBarrierAt("open")
		o.a.socialMove(o.lena, b.Id, "acknowledged", "  We ordered a new one.  ").expect(200).decode(&b)
		if b.Note != "We ordered a new one." {
			t.Errorf("note %q", b.Note)
		}
		o.a.socialMove(o.lena, b.Id, "resolved", "").expect(200).decode(&b)
		if b.Note != "We ordered a new one." {
			t.Errorf("note %q after a move without one", b.Note)
		}
	})

	t.Run("resolving earns the reporter the barrier_resolved badge, once", func(t *testing.T) {
		s := o.socialMember("Tom Dekker", "employee", o.red.Id)
		b := o.a.socialReport(s, "rules", "I may not leave the till to help.")
		if o.a.socialHasBadge(s, "barrier_resolved") {
			t.Fatal("a badge before anything was resolved")
		}
		o.a.socialMove(o.lena, b.Id, "acknowledged", "").expect(200)
		if o.a.socialHasBadge(s, "barrier_resolved") {
			t.Error("a badge for an acknowledged barrier")
		}
		o.a.socialMove(o.lena, b.Id, "resolved", "").expect(200)
		earned := o.a.loopMe(s).Badges
		o.socialAdvance(time.Hour)
		o.a.socialMove(o.lena, o.a.socialReport(s, "time", "Again.").Id, "resolved", "").expect(200)
		again := o.a.loopMe(s).Badges
		if !slices.Contains(loopBadgeIDs(earned), "barrier_resolved") || !slices.Equal(again, earned) {
			t.Errorf("badges after one resolution %+v, after two %+v", earned, again)
		}
	})
}

func TestSocialBarrierReports(t *testing.T) {
	o := socialNewOrg(t, "barrier-report")

	t.Run("a report starts open, with the reporter and their team", func(t *testing.T) {
		b := o.a.socialReport(o.eva, "tools", "  The scanner at till 3 is broken.  ")
		if b.Status != "open" || b.Text != "The scanner at till 3 is broken." || b.Note != "" || b.Category != "tools" ||
			b.Reporter != (UserRef{Id: o.eva.User.Id, Name: "Eva Jansen"}) || b.Team == nil || *b.Team != (TeamRef{Id: o.red.Id, Name: "Red"}) ||
			!b.CreatedAt.Equal(o.a.clock.Now()) || !b.UpdatedAt.Equal(b.CreatedAt) {
			t.Errorf("barrier %+v", b)
		}
	})
	t.Run("a reporter without a team files a barrier without one", func(t *testing.T) {
		b := o.a.socialReport(&o.admin, "other", "The head office printer.")
		if b.Team != nil {
			t.Errorf("team %+v, want null", b.Team)
		}
	})
	t.Run("a category the org does not have is 422", func(t *testing.T) {
		for _, cat := range []string{"weather", "Tools", ""} {
			o.a.call("POST", "/v1/barriers", o.eva.AccessToken, map[string]any{"category": cat, "text": "x"}).wantProblem(422, "invalid")
		}
		as := o.a.loopToday(o.ben)
		p := o.a.loopRecord(o.ben, as.Id, map[string]any{"result": "blocked", "barrier": map[string]any{"category": "weather", "text": "Rain."}}).wantProblem(422, "invalid")
		if !p.names("barrier.category") {
			t.Errorf("the problem names %v", p.fieldNames())
		}
	})
	t.Run("the org's own categories are accepted once set", func(t *testing.T) {
		o.patchOrg(map[string]any{"barrier_categories": []string{"time", "weather"}})
		o.a.socialReport(o.eva, "weather", "Customers stay away when it rains.")
		o.a.call("POST", "/v1/barriers", o.eva.AccessToken, map[string]any{"category": "tools", "text": "x"}).wantProblem(422, "invalid")
	})
	t.Run("a blocked outcome files a barrier like a report", func(t *testing.T) {
		as := o.a.loopToday(o.ben)
		r := o.a.loopOutcome(o.ben, as.Id, map[string]any{"result": "blocked", "barrier": map[string]any{"category": "time", "text": "Too busy at the till."}})
		if r.BarrierId == nil {
			t.Fatal("no barrier_id")
		}
		var got Barrier
		for _, b := range o.socialBarriers(o.lena) {
			if b.Id == *r.BarrierId {
				got = b
			}
		}
		if got.Status != "open" || got.Text != "Too busy at the till." || got.Reporter.Id != o.ben.User.Id || got.Team == nil || got.Team.Id != o.red.Id {
			t.Errorf("listed as %+v", got)
		}
		o.a.socialMove(o.lena, *r.BarrierId, "resolved", "More staff on Saturdays.").expect(200)
		if len(o.a.socialNotices(o.ben, "barrier_update")) != 1 {
			t.Error("Ben was not told")
		}
	})
}

func TestSocialBarrierVisibility(t *testing.T) {
	o := socialNewOrg(t, "barrier-see")
	both := o.socialMember("Bo Both", "lead", "")
	o.socialLeads(o.blue, o.max, both)
	o.socialLeads(o.red, o.lena, both)
	evas := o.a.socialReport(o.eva, "time", "Eva's barrier.")
	o.a.clock.Advance(time.Second)
	bens := o.a.socialReport(o.ben, "tools", "Ben's barrier.")
	o.a.clock.Advance(time.Second)
	lenas := o.a.socialReport(o.lena, "rules", "Lena's own barrier.")
	o.a.clock.Advance(time.Second)
	olafs := o.a.socialReport(o.olaf, "stock", "Olaf's barrier.")
	o.a.clock.Advance(time.Second)
	admins := o.a.socialReport(&o.admin, "other", "The admin's barrier.")
	o.a.clock.Advance(time.Second)
	o.a.socialReport(&o.other.admin, "time", "Another org's barrier.")
	o.a.socialMove(o.lena, bens.Id, "acknowledged", "").expect(200)
	o.a.socialMove(o.max, olafs.Id, "resolved", "").expect(200)

	for _, c := range []struct {
		who   string
		s     *Session
		query string
		want  []string
	}{
		{"an employee sees her own", o.eva, "", []string{evas.Id}},
		{"an employee sees his own", o.ben, "", []string{bens.Id}},
		{"an employee's status filter", o.ben, "?status=open", nil},
		{"the lead sees their team's, newest first", o.lena, "", []string{lenas.Id, bens.Id, evas.Id}},
		{"the lead's open ones", o.lena, "?status=open", []string{lenas.Id, evas.Id}},
		{"the lead's acknowledged ones", o.lena, "?status=acknowledged", []string{bens.Id}},
		{"the lead's team by team_id", o.lena, "?team_id=" + o.red.Id + "&status=open", []string{lenas.Id, evas.Id}},
		{"the other lead sees theirs", o.max, "", []string{olafs.Id}},
		{"a lead of two teams sees both", both, "", []string{olafs.Id, lenas.Id, bens.Id, evas.Id}},
		{"a lead of two teams narrows to one", both, "?team_id=" + o.blue.Id, []string{olafs.Id}},
		{"a lead of two teams filters by status", both, "?status=resolved", []string{olafs.Id}},
		{"the admin sees all of the org", &o.admin, "", []string{admins.Id, olafs.Id, lenas.Id, bens.Id, evas.Id}},
		{"the admin narrows to a team", &o.admin, "?team_id=" + o.blue.Id, []string{olafs.Id}},
		{"the admin filters by status", &o.admin, "?status=open", []string{admins.Id, lenas.Id, evas.Id}},
	} {
		t.Run(c.who, func(t *testing.T) {
			a := o.a.in(t)
			for _, limit := range []int{1, 2, 100} {
				path := "/v1/barriers" + c.query
				got := a.listAll(path, c.s.AccessToken, limit)
				socialWantIDs(t, path+" by "+socialStatus(limit), got, c.want)
			}
		})
	}

	t.Run("team_id of a team one does not lead is 403, of another org 404", func(t *testing.T) {
		o.a.call("GET", "/v1/barriers?team_id="+o.blue.Id, o.lena.AccessToken, nil).wantProblem(403, "forbidden")
		o.a.call("GET", "/v1/barriers?team_id="+o.red.Id, o.eva.AccessToken, nil).wantProblem(403, "forbidden")
		other := o.a.team(o.other.admin, "Green")
		o.a.call("GET", "/v1/barriers?team_id="+other.Id, o.admin.AccessToken, nil).wantProblem(404, "not_found")
		o.a.call("GET", "/v1/barriers?team_id="+other.Id, o.lena.AccessToken, nil).wantProblem(403, "forbidden")
		o.a.call("GET", "/v1/barriers?status=closed", o.admin.AccessToken, nil).wantProblem(422, "invalid")
	})

	t.Run("the dashboard counts open and acknowledged barriers", func(t *testing.T) {
		if got := o.socialOpenBarriers(o.lena, o.red); got != 3 {
			t.Errorf("Red's open_barriers %d, want 3 (two open, one acknowledged)", got)
		}
		if got := o.socialOpenBarriers(o.max, o.blue); got != 0 {
			t.Errorf("Blue's open_barriers %d, want 0 (one resolved)", got)
		}
		o.a.socialMove(o.lena, evas.Id, "acknowledged", "").expect(200)
		if got := o.socialOpenBarriers(o.lena, o.red); got != 3 {
			t.Errorf("after acknowledging one: %d, want 3", got)
		}
		o.a.socialMove(o.lena, bens.Id, "resolved", "").expect(200)
		o.a.socialMove(&o.admin, evas.Id, "resolved", "").expect(200)
		if got := o.socialOpenBarriers(o.lena, o.red); got != 1 {
			t.Errorf("after resolving two: %d, want 1", got)
		}
		o.a.socialReport(o.ben, "time", "A new one.")
		if got := o.socialOpenBarriers(o.lena, o.red); got != 2 {
			t.Errorf("after a new report: %d, want 2", got)
		}
	})
}

// A lead of two teams pages through the barriers of both with a status filter: a team whose
// newest hundred barriers all have another status must still give its matching ones.
func TestSocialBarrierFilterAcrossTeams(t *testing.T) {
	o := socialNewOrg(t, "barrier-filter")
	both := o.socialMember("Bo Both", "lead", "")
	o.socialLeads(o.red, o.lena, both)
	o.socialLeads(o.blue, o.max, both)
	var want []string
	for i := range 3 {
		o.a.clock.Advance(time.Second)
		b := o.a.socialReport(o.eva, "time", "Red barrier "+socialStatus(i))
		o.a.socialMove(o.lena, b.Id, "resolved", "").expect(200)
		want = append([]string{b.Id}, want...)
	}
	o.a.clock.Advance(time.Second)
	blue := o.a.socialReport(o.olaf, "tools", "The Blue barrier that was resolved.")
	o.a.socialMove(o.max, blue.Id, "resolved", "").expect(200)
	want = append([]string{blue.Id}, want...)
	o.a.clock.Advance(time.Second)
	reporters := []*Session{o.olaf} // within the hourly limit of barriers each
	for i := range 5 {
		reporters = append(reporters, o.socialMember("Blue Member "+socialStatus(i), "employee", o.blue.Id))
	}
	for i := range 100 { // newer, and open
		o.a.socialReport(reporters[i%len(reporters)], "time", "Open Blue barrier "+socialStatus(i))
	}
	for _, limit := range []int{1, 2, 5, 100} {
		socialWantIDs(t, "resolved barriers of both teams by "+socialStatus(limit),
			o.a.listAll("/v1/barriers?status=resolved", both.AccessToken, limit), want)
	}
	if n := len(o.a.listAll("/v1/barriers?status=open", both.AccessToken, 30)); n != 100 {
		t.Errorf("%d open barriers, want 100", n)
	}
}

// Two leads move the same barrier at the same moment: one move wins, the other is 409, and the
// reporter hears of the winning move only.
func TestSocialBarrierConcurrentMoves(t *testing.T) {
	o := socialNewOrg(t, "barrier-race")
	for round := range 5 {
		b := o.a.socialReport(o.eva, "time", "Race "+socialStatus(round))
		notes := len(o.a.socialNotices(o.eva, "barrier_update"))
		res := make([]loopRaw, 2)
		var wg sync.WaitGroup
		for i, c := range []struct {
			s      *Session
			status string
		}{{o.lena, "acknowledged"}, {&o.admin, "resolved"}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res[i] = o.a.loopDoRaw("PATCH", "/v1/barriers/"+b.Id, c.s.AccessToken, map[string]any{"status": c.status, "note": c.s.User.Name})
			}()
		}
		wg.Wait()
		var won []Barrier
		for _, r := range res {
			switch {
			case r.status == 200:
				var after Barrier
				if err := json.Unmarshal(r.body, &after); err != nil {
					t.Fatal(err)
				}
				won = append(won, after)
			case r.status == 409 && (r.code == "concurrent_update" || r.code == "invalid_transition"):
			default:
				t.Fatalf("round %d: %d %s", round, r.status, r.body)
			}
		}
		var final Barrier
		for _, seen := range o.socialBarriers(o.eva) {
			if seen.Id == b.Id {
				final = seen
			}
		}
		switch len(won) {
		case 1: // the winner's move is the barrier's state
			if final.Status != won[0].Status || final.Note != won[0].Note {
				t.Errorf("round %d: the move %+v won, yet the barrier is %+v", round, won[0], final)
			}
		case 2: // acknowledged, then resolved: both are allowed one after the other
			if final.Status != "resolved" {
				t.Errorf("round %d: both moves passed, yet the barrier is %+v", round, final)
			}
		default:
			t.Errorf("round %d: no move passed", round)
		}
		if got := len(o.a.socialNotices(o.eva, "barrier_update")); got != notes+len(won) {
			t.Errorf("round %d: %d notifications for %d moves", round, got-notes, len(won))
		}
		o.a.clock.Advance(time.Second)
	}
}

// A lead's own barriers: the contract's "lead: their teams" would leave out a lead's barriers filed
// in a team they do not lead (or without a team), so they could not follow what they reported.
// Leads see their teams' barriers and their own, each once.
func TestSocialLeadSeesOwnBarriers(t *testing.T) {
	o := socialNewOrg(t, "barrier-lead-own")
	floater := o.socialMember("Fay Floor", "lead", o.red.Id) // a lead by role, in Red, leading no team
	mine := o.a.socialReport(floater, "tools", "The ladder is broken.")
	olafs := o.a.socialReport(o.olaf, "time", "Olaf's barrier in Blue.")
	maxs := o.a.socialReport(o.max, "time", "Max's own barrier in Blue.")
	if !slices.Contains(o.a.socialBarrierIDs(floater, ""), mine.Id) {
		t.Error("a lead leading no team does not see the barrier they reported")
	}
	maxSees := o.a.socialBarrierIDs(o.max, "")
	if n := len(slices.DeleteFunc(slices.Clone(maxSees), func(id string) bool { return id != maxs.Id })); n != 1 {
		t.Errorf("Max sees his own barrier %d times in %v", n, maxSees)
	}
	if slices.Contains(maxSees, mine.Id) || !slices.Equal(maxSees, []string{maxs.Id, olafs.Id}) {
		t.Errorf("Max sees %v, want his own and Olaf's, newest first", maxSees)
	}
	if paged := o.a.listAll("/v1/barriers", o.max.AccessToken, 1); !slices.Equal(paged, maxSees) {
		t.Errorf("a page at a time, Max sees %v, want %v", paged, maxSees)
	}
}
