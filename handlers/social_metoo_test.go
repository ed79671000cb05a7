package handlers

import (
	"slices"
	"testing"
)

// "Me too" (issue 23): colleagues who meet the same barrier add themselves to it, so the lead
// sees how many people it stops instead of as many reports.

func TestSocialBarrierMeToo(t *testing.T) {
	o := socialNewOrg(t, "barrier-metoo")
	b := o.a.socialReport(o.eva, "time", "The queue at the till is too long to greet anyone.")
	meToo := func(s *Session) response { return o.a.call("POST", "/v1/barriers/"+b.Id+"/me-too", s.AccessToken, nil) }

	t.Run("a colleague joins; the barrier says how many and that they did", func(t *testing.T) {
		var got Barrier
		meToo(o.ben).expect(200).decode(&got)
		if got.Id != b.Id || got.MeTooCount != 1 || !got.MeTooByMe {
			t.Errorf("after Ben's me too: %+v", got)
		}
	})
	t.Run("joining again changes nothing", func(t *testing.T) {
		var got Barrier
		meToo(o.ben).expect(200).decode(&got)
		if got.MeTooCount != 1 || !got.MeTooByMe {
			t.Errorf("after Ben's second me too: %+v", got)
		}
	})
	t.Run("someone of another team joins too; the lead sees the count, not that they joined", func(t *testing.T) {
		meToo(o.olaf).expect(200)
		var got Barrier
		o.a.call("GET", "/v1/barriers/"+b.Id, o.lena.AccessToken, nil).expect(200).decode(&got)
		if got.MeTooCount != 2 || got.MeTooByMe {
			t.Errorf("Lena reads %+v", got)
		}
		var list BarrierList
		o.a.call("GET", "/v1/barriers?team_id="+o.red.Id, o.lena.AccessToken, nil).expect(200).decode(&list)
		if len(list.Items) != 1 || list.Items[0].MeTooCount != 2 {
			t.Errorf("Lena's list %+v", list.Items)
		}
	})
	t.Run("who joined sees the barrier in their list and behind its link", func(t *testing.T) {
		if ids := o.a.socialBarrierIDs(o.olaf, ""); !slices.Contains(ids, b.Id) {
			t.Errorf("Olaf's barriers %q lack the one he joined", ids)
		}
		var got Barrier
		o.a.call("GET", "/v1/barriers/"+b.Id, o.olaf.AccessToken, nil).expect(200).decode(&got)
		if !got.MeTooByMe {
			t.Errorf("Olaf reads %+v", got)
		}
	})
	t.Run("the reporter cannot join their own barrier", func(t *testing.T) {
		meToo(o.eva).wantProblem(403, "own_barrier")
	})
	t.Run("a resolved barrier takes no more", func(t *testing.T) {
		o.a.socialMove(o.lena, b.Id, "resolved", "A second till opens at noon.").expect(200)
		meToo(o.max).wantProblem(409, "barrier_resolved")
	})
	t.Run("another org's admin gets 404, as does an unknown barrier", func(t *testing.T) {
		meToo(&o.other.admin).wantProblem(404, "not_found")
		o.a.call("POST", "/v1/barriers/01JFZ9B2D4F6H8K0M2P4R6T8V0/me-too", o.ben.AccessToken, nil).wantProblem(404, "not_found")
	})
	t.Run("a new barrier has no one with it yet", func(t *testing.T) {
		fresh := o.a.socialReport(o.eva, "tools", "The scanner is broken.")
		if fresh.MeTooCount != 0 || fresh.MeTooByMe {
			t.Errorf("new barrier %+v", fresh)
		}
	})
}
