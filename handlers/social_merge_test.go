package handlers

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/microact/microact/push"
)

// Barriers get removed, not just reported (issue 23): who said "me too" hears what became of
// the barrier, a lead merges duplicates, and a barrier nobody picks up goes to the admins.

func TestSocialBarrierMeTooNotices(t *testing.T) {
	o := socialNewOrg(t, "barrier-metoo-notices")
	b := o.a.socialReport(o.eva, "time", "The queue at the till is too long to greet anyone.")
	o.a.call("POST", "/v1/barriers/"+b.Id+"/me-too", o.ben.AccessToken, nil).expect(200)
	o.a.call("POST", "/v1/barriers/"+b.Id+"/me-too", o.olaf.AccessToken, nil).expect(200)

	for _, step := range []struct{ status, note string }{{"acknowledged", "We look at the rota."}, {"resolved", "A second till opens at noon."}} {
		t.Run("on "+step.status+" the reporter and everyone who said me too are told, with the note", func(t *testing.T) {
			o.a.socialMove(o.lena, b.Id, step.status, step.note).expect(200)
			for _, s := range []*Session{o.eva, o.ben, o.olaf} {
				got := o.a.socialNotices(s, "barrier_update")
				if len(got) == 0 || got[0].Data["barrier_id"] != b.Id || got[0].Data["status"] != step.status ||
					got[0].Data["note"] != step.note || !strings.Contains(got[0].Body, step.note) {
					t.Fatalf("%s's barrier_update notices: %+v", s.User.Name, got)
				}
			}
			reporter, joined := o.a.socialNotices(o.eva, "barrier_update")[0], o.a.socialNotices(o.ben, "barrier_update")[0]
			if reporter.Title == joined.Title || reporter.Body != joined.Body {
				t.Errorf("the reporter reads %q, who said me too %q", reporter.Title, joined.Title)
			}
		})
	}
	t.Run("nobody else is told", func(t *testing.T) {
		if got := o.a.socialNotices(o.max, "barrier_update"); len(got) != 0 {
			t.Errorf("Max was told: %+v", got)
		}
	})
	t.Run("the badge for a resolved barrier stays the reporter's", func(t *testing.T) {
		if !o.a.socialHasBadge(o.eva, "barrier_resolved") || o.a.socialHasBadge(o.ben, "barrier_resolved") {
			t.Error("badges: Eva should hold barrier_resolved, Ben not")
		}
	})
	t.Run("the export shows who said me too that they did, and how many did", func(t *testing.T) {
		var ex MeExport
		o.a.call("GET", "/v1/me/export", o.ben.AccessToken, nil).expect(200).decode(&ex)
		if len(ex.Barriers) != 1 || ex.Barriers[0].Id != b.Id || !ex.Barriers[0].MeTooByMe || ex.Barriers[0].MeTooCount != 2 {
			t.Errorf("Ben's exported barriers: %+v", ex.Barriers)
		}
		o.a.call("GET", "/v1/me/export", o.eva.AccessToken, nil).expect(200).decode(&ex)
		if len(ex.Barriers) != 1 || ex.Barriers[0].MeTooByMe || ex.Barriers[0].MeTooCount != 2 {
			t.Errorf("Eva's exported barriers: %+v", ex.Barriers)
		}
	})
}

func TestSocialBarrierMerge(t *testing.T) {
	o := socialNewOrg(t, "barrier-merge")
	kept := o.a.socialReport(o.eva, "time", "The queue at the till is too long.")
	dup := o.a.socialReport(o.ben, "time", "Too many people wait at the till.")
	blue := o.a.socialReport(o.olaf, "tools", "The scanner is broken.")
	o.a.call("POST", "/v1/barriers/"+dup.Id+"/me-too", o.olaf.AccessToken, nil).expect(200)
	o.a.call("POST", "/v1/barriers/"+dup.Id+"/me-too", o.eva.AccessToken, nil).expect(200) // the kept one's reporter
	merge := func(s *Session, id, into string) response {
		return o.a.call("POST", "/v1/barriers/"+id+"/merge", s.AccessToken, map[string]any{"into": into})
	}

	t.Run("only a lead of the team or an admin merges", func(t *testing.T) {
		merge(o.ben, dup.Id, kept.Id).wantProblem(403, "forbidden")
		merge(o.max, dup.Id, kept.Id).wantProblem(403, "forbidden")
		merge(&o.other.admin, dup.Id, kept.Id).wantProblem(404, "not_found")
	})
	t.Run("refusals say why and change nothing", func(t *testing.T) {
		merge(o.lena, dup.Id, dup.Id).wantProblem(422, "merge_into_itself")
		merge(&o.admin, dup.Id, blue.Id).wantProblem(422, "merge_across_teams")
		p := merge(o.lena, dup.Id, "01JFZ9B2D4F6H8K0M2P4R6T8V0").wantProblem(422, "invalid")
		if !slices.Contains(p.fieldNames(), "into") {
			t.Errorf("problem names %q", p.fieldNames())
		}
		merge(o.lena, dup.Id, "not an id").expect(422)
		o.a.call("POST", "/v1/barriers/"+dup.Id+"/merge", o.lena.AccessToken, map[string]any{"into": kept.Id, "why": "x"}).expect(400)
		var got Barrier
		o.a.call("GET", "/v1/barriers/"+dup.Id, o.lena.AccessToken, nil).expect(200).decode(&got)
		if got.MeTooCount != 2 {
			t.Errorf("the duplicate after refusals: %+v", got)
		}
	})
	t.Run("the lead merges: everyone of the duplicate joins the barrier kept, once", func(t *testing.T) {
		var got Barrier
		merge(o.lena, dup.Id, kept.Id).expect(200).decode(&got)
		// Ben (the duplicate's reporter) and Olaf join; Eva reported the kept one and is not counted
		if got.Id != kept.Id || got.MeTooCount != 2 || got.MergedInto != nil {
			t.Errorf("kept barrier %+v", got)
		}
	})
	t.Run("the duplicate answers 404 barrier_merged with where it went, to everyone", func(t *testing.T) {
		for _, s := range []*Session{o.ben, o.lena, &o.admin} {
			p := o.a.call("GET", "/v1/barriers/"+dup.Id, s.AccessToken, nil).wantProblem(404, "barrier_merged")
			if p.MergedInto != kept.Id {
				t.Errorf("%s: merged_into %q", s.User.Name, p.MergedInto)
			}
		}
		o.a.call("POST", "/v1/barriers/"+dup.Id+"/me-too", o.max.AccessToken, nil).wantProblem(404, "barrier_merged")
		o.a.socialMove(o.lena, dup.Id, "acknowledged", "").wantProblem(404, "barrier_merged")
		merge(o.lena, dup.Id, kept.Id).wantProblem(404, "barrier_merged")
		merge(o.lena, kept.Id, dup.Id).wantProblem(422, "barrier_merged")
	})
	t.Run("the lists show the kept barrier only, as joined for those who came along", func(t *testing.T) {
		for _, c := range []struct {
			s      *Session
			query  string
			joined bool
		}{{o.ben, "", true}, {o.olaf, "", true}, {o.lena, "&team_id=" + o.red.Id, false}, {&o.admin, "", false}} {
			var list BarrierList
			o.a.call("GET", "/v1/barriers?limit=100"+c.query, c.s.AccessToken, nil).expect(200).decode(&list)
			var ids []string
			for _, b := range list.Items {
				ids = append(ids, b.Id)
				if b.Id == kept.Id && b.MeTooByMe != c.joined {
					t.Errorf("%s: me_too_by_me %v", c.s.User.Name, b.MeTooByMe)
				}
			}
			if slices.Contains(ids, dup.Id) || !slices.Contains(ids, kept.Id) {
				t.Errorf("%s lists %q", c.s.User.Name, ids)
			}
		}
	})
	t.Run("the duplicate's reporter still finds their own text in their export", func(t *testing.T) {
		var ex MeExport
		o.a.call("GET", "/v1/me/export", o.ben.AccessToken, nil).expect(200).decode(&ex)
		found := false
		for _, b := range ex.Barriers {
			if b.Id == dup.Id {
				found = b.Text == dup.Text && b.MergedInto != nil && *b.MergedInto == kept.Id
			}
		}
		if !found {
			t.Errorf("Ben's exported barriers: %+v", ex.Barriers)
		}
	})
	t.Run("the people of the duplicate hear of the kept barrier's resolution", func(t *testing.T) {
		o.a.socialMove(o.lena, kept.Id, "resolved", "A second till.").expect(200)
		for _, s := range []*Session{o.eva, o.ben, o.olaf} {
			if got := o.a.socialNotices(s, "barrier_update"); len(got) != 1 || got[0].Data["barrier_id"] != kept.Id {
				t.Errorf("%s's barrier_update notices: %+v", s.User.Name, got)
			}
		}
	})
	t.Run("nothing merges into or out of a resolved barrier", func(t *testing.T) {
		another := o.a.socialReport(o.ben, "time", "The till again.")
		merge(o.lena, another.Id, kept.Id).wantProblem(409, "barrier_resolved")
		merge(&o.admin, kept.Id, another.Id).wantProblem(409, "barrier_resolved")
	})
	t.Run("an admin merges too; the open count on the dashboard drops", func(t *testing.T) {
		a1 := o.a.socialReport(o.eva, "stock", "No bags.")
		a2 := o.a.socialReport(o.ben, "stock", "Bags are out.")
		before := socialDashboard(o, o.lena, o.red.Id)
		merge(&o.admin, a2.Id, a1.Id).expect(200)
		if after := socialDashboard(o, o.lena, o.red.Id); after.OpenBarriers != before.OpenBarriers-1 {
			t.Errorf("open barriers %d, then %d", before.OpenBarriers, after.OpenBarriers)
		}
	})
}

func socialDashboard(o *socialOrg, s *Session, teamID string) Dashboard {
	o.t.Helper()
	var d Dashboard
	o.a.call("GET", "/v1/teams/"+teamID+"/dashboard?period=week", s.AccessToken, nil).expect(200).decode(&d)
	return d
}

// socialEscalatedByTeam answers GET /v1/teams for s as each team's escalated_barriers by name
// ("absent" when the field is not there).
func socialEscalatedByTeam(o *socialOrg, s *Session) map[string]string {
	o.t.Helper()
	var l TeamSummaryList
	o.a.call("GET", "/v1/teams", s.AccessToken, nil).expect(200).decode(&l)
	out := map[string]string{}
	for _, t := range l.Items {
		out[t.Name] = "absent"
		if t.EscalatedBarriers != nil {
			out[t.Name] = strconv.Itoa(*t.EscalatedBarriers)
		}
	}
	return out
}

func TestSocialBarrierEscalation(t *testing.T) {
	o := socialNewOrg(t, "barrier-escalation") // Monday 09:00 in Amsterdam, Monday to Friday
	esc := &push.Escalator{Store: o.a.store, Clock: o.a.clock, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	run := func() int {
		t.Helper()
		n, err := esc.RunOnce(context.Background(), o.slug)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	waiting := o.a.socialReport(o.eva, "time", "The queue at the till is too long.")
	picked := o.a.socialReport(o.ben, "tools", "The scanner is broken.")
	o.a.socialMove(o.lena, picked.Id, "acknowledged", "").expect(200)

	t.Run("before three workdays have passed nothing escalates", func(t *testing.T) {
		o.socialAdvance(3*day - time.Minute) // Thursday 08:59
		if n := run(); n != 0 || len(o.a.socialNotices(&o.admin, "barrier_escalated")) != 0 {
			t.Fatalf("escalated %d", n)
		}
	})
	t.Run("at three workdays the open barrier goes to the admins, the acknowledged one not", func(t *testing.T) {
		o.socialAdvance(time.Minute)
		if n := run(); n != 1 {
			t.Fatalf("escalated %d", n)
		}
		got := o.a.socialNotices(&o.admin, "barrier_escalated")
		if len(got) != 1 || got[0].Data["barrier_id"] != waiting.Id || !strings.Contains(got[0].Body, "Red") ||
			strings.Contains(got[0].Body, waiting.Text) || got[0].Data["link"] != "microact://barriers/"+waiting.Id {
			t.Fatalf("the admin's notices: %+v", got)
		}
		var b Barrier
		o.a.call("GET", "/v1/barriers/"+waiting.Id, o.lena.AccessToken, nil).expect(200).decode(&b)
		if !b.Escalated || b.EscalatedAt == nil || !b.EscalatedAt.Equal(o.a.clock.Now().Truncate(time.Second)) {
			t.Errorf("escalated barrier %+v", b)
		}
		o.a.call("GET", "/v1/barriers/"+picked.Id, o.lena.AccessToken, nil).expect(200).decode(&b)
		if b.Escalated || b.EscalatedAt != nil {
			t.Errorf("acknowledged barrier %+v", b)
		}
	})
	t.Run("the dashboard flags it to the lead and the admin", func(t *testing.T) {
		for _, s := range []*Session{o.lena, &o.admin} {
			if d := socialDashboard(o, s, o.red.Id); d.EscalatedBarriers != 1 {
				t.Errorf("%s's dashboard: %d escalated", s.User.Name, d.EscalatedBarriers)
			}
		}
		if d := socialDashboard(o, o.max, o.blue.Id); d.EscalatedBarriers != 0 {
			t.Errorf("Blue's dashboard: %d escalated", d.EscalatedBarriers)
		}
	})
	t.Run("the admin's roll-up and the lead's teams carry it; an employee's team does not", func(t *testing.T) {
		if got := socialEscalatedByTeam(o, &o.admin); got[o.red.Name] != "1" || got[o.blue.Name] != "0" {
			t.Errorf("the admin's teams: %v", got)
		}
		if got := socialEscalatedByTeam(o, o.lena); got[o.red.Name] != "1" {
			t.Errorf("lena's teams: %v", got)
		}
		if got := socialEscalatedByTeam(o, o.eva); got[o.red.Name] != "absent" {
			t.Errorf("eva's teams: %v", got)
		}
	})
	t.Run("it escalates once, however often and by however many replicas the escalator runs", func(t *testing.T) {
		o.socialAdvance(day)
		if n := run(); n != 0 {
			t.Errorf("escalated again: %d", n)
		}
		if got := o.a.socialNotices(&o.admin, "barrier_escalated"); len(got) != 1 {
			t.Errorf("the admin was told %d times", len(got))
		}
	})
	t.Run("a lead who acknowledges it takes the flag off; the barrier still says it escalated", func(t *testing.T) {
		o.a.socialMove(o.lena, waiting.Id, "acknowledged", "On it.").expect(200)
		if d := socialDashboard(o, o.lena, o.red.Id); d.EscalatedBarriers != 0 {
			t.Errorf("escalated after acknowledging: %d", d.EscalatedBarriers)
		}
		if got := socialEscalatedByTeam(o, &o.admin); got[o.red.Name] != "0" {
			t.Errorf("the admin's teams after acknowledging: %v", got)
		}
		var b Barrier
		o.a.call("GET", "/v1/barriers/"+waiting.Id, o.lena.AccessToken, nil).expect(200).decode(&b)
		if !b.Escalated {
			t.Errorf("barrier %+v", b)
		}
	})
	t.Run("a Friday's barrier waits over the weekend", func(t *testing.T) {
		// now Friday 09:00
		friday := o.a.socialReport(o.olaf, "stock", "No bags left.")
		o.socialAdvance(4*day - time.Minute) // Tuesday 08:59: Monday and Tuesday are only two workdays
		if n := run(); n != 0 {
			t.Fatalf("escalated on Tuesday: %d", n)
		}
		o.socialAdvance(day + time.Minute) // Wednesday 09:00
		if n := run(); n != 1 {
			t.Fatalf("escalated on Wednesday: %d", n)
		}
		if got := o.a.socialNotices(&o.admin, "barrier_escalated"); len(got) != 2 || got[0].Data["barrier_id"] != friday.Id {
			t.Errorf("the admin's notices: %+v", got)
		}
	})
	t.Run("replicas racing escalate a barrier exactly once", func(t *testing.T) {
		late := o.a.socialReport(o.eva, "rules", "The rule on returns is unclear.")
		o.socialAdvance(7 * day)
		var wg sync.WaitGroup
		counts := make([]int, 4)
		for i := range counts {
			replica := &push.Escalator{Store: o.a.store, Clock: o.a.clock, Log: esc.Log}
			wg.Go(func() { counts[i], _ = replica.RunOnce(context.Background(), o.slug) })
		}
		wg.Wait()
		if total := counts[0] + counts[1] + counts[2] + counts[3]; total != 1 {
			t.Errorf("escalations by the replicas: %v", counts)
		}
		got := o.a.socialNotices(&o.admin, "barrier_escalated")
		if len(got) != 3 || got[0].Data["barrier_id"] != late.Id {
			t.Errorf("the admin's notices: %+v", got)
		}
	})
	t.Run("a merged duplicate does not escalate on its own", func(t *testing.T) {
		a1 := o.a.socialReport(o.eva, "stock", "No tape.")
		a2 := o.a.socialReport(o.ben, "stock", "Tape is out.")
		o.a.call("POST", "/v1/barriers/"+a2.Id+"/merge", o.lena.AccessToken, map[string]any{"into": a1.Id}).expect(200)
		o.socialAdvance(7 * day)
		if n := run(); n != 1 {
			t.Errorf("escalated %d, want the kept barrier only", n)
		}
	})
}
