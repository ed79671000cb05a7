package handlers

import (
	"strings"
	"testing"
)

// Barriers get removed (issue 23): a team's leads hear of a new barrier, and the note of the lead
// who resolves it reaches the reporter.

func TestSocialBarrierReachesTheLeads(t *testing.T) {
	o := socialNewOrg(t, "barrier-leads")

	// The barrier's text stays behind the link (the inbox keeps no copy an erasure would miss).
	t.Run("a reported barrier notifies the team's lead, not the other team's", func(t *testing.T) {
		b := o.a.socialReport(o.eva, "tools", "The card reader at till 2 keeps failing.")
		got := o.a.socialNotices(o.lena, "barrier_reported")
		if len(got) != 1 || got[0].Data["barrier_id"] != b.Id || got[0].Data["link"] != "microact://barriers/"+b.Id ||
			!strings.Contains(got[0].Body, "Eva Jansen") || strings.Contains(got[0].Body, "card reader") {
			t.Errorf("Lena's barrier_reported notifications: %+v", got)
		}
		if n := len(o.a.socialNotices(o.max, "barrier_reported")); n != 0 {
			t.Errorf("Max (lead of Blue) got %d", n)
		}
	})

	t.Run("a barrier filed with a blocked outcome notifies the lead once, a replay included", func(t *testing.T) {
		before := len(o.a.socialNotices(o.lena, "barrier_reported"))
		as := o.a.loopToday(o.ben)
		body := map[string]any{"result": "blocked", "barrier": map[string]any{"category": "time", "text": "Too busy at the till."}}
		var first, again OutcomeResult
		o.a.call("POST", "/v1/me/assignments/"+as.Id+"/outcome", o.ben.AccessToken, body, "Idempotency-Key", "blocked-1").expect(201).decode(&first)
		o.a.call("POST", "/v1/me/assignments/"+as.Id+"/outcome", o.ben.AccessToken, body, "Idempotency-Key", "blocked-1").expect(201).decode(&again)
		got := o.a.socialNotices(o.lena, "barrier_reported")
		if first.BarrierId == nil || len(got) != before+1 || got[0].Data["barrier_id"] != *first.BarrierId || !strings.Contains(got[0].Body, "Ben") {
			t.Errorf("after a blocked outcome and its replay: %d new, newest %+v", len(got)-before, got[0])
		}
	})

	t.Run("a lead who reports in their own team is not told of their own barrier", func(t *testing.T) {
		before := len(o.a.socialNotices(o.lena, "barrier_reported"))
		o.a.socialReport(o.lena, "rules", "The returns rule is unclear.")
		if n := len(o.a.socialNotices(o.lena, "barrier_reported")); n != before {
			t.Errorf("Lena got %d notifications of her own barrier", n-before)
		}
	})
}

func TestSocialBarrierNoteReachesTheReporter(t *testing.T) {
	o := socialNewOrg(t, "barrier-note")
	b := o.a.socialReport(o.eva, "stock", "The umbrellas we lend out were all gone.")
	o.a.socialMove(o.lena, b.Id, "resolved", "Twenty more arrived; they are by the door.").expect(200)
	got := o.a.socialNotices(o.eva, "barrier_update")
	if len(got) != 1 {
		t.Fatalf("%d barrier_update notifications", len(got))
	}
	n := got[0]
	if n.Data["note"] != "Twenty more arrived; they are by the door." || n.Data["status"] != "resolved" ||
		!strings.Contains(n.Body, "Twenty more arrived") || !strings.Contains(n.Body, "umbrellas") {
		t.Errorf("the reporter's notification: %+v", n)
	}

	t.Run("without a note there is no note", func(t *testing.T) {
		b := o.a.socialReport(o.eva, "stock", "No bags left.")
		o.a.socialMove(o.lena, b.Id, "acknowledged", "").expect(200)
		n := o.a.socialNotices(o.eva, "barrier_update")[0]
		if _, ok := n.Data["note"]; ok || strings.Contains(n.Body, "—") {
			t.Errorf("a notification without a note: %+v", n)
		}
	})
}
