package handlers

import (
	"testing"
	"time"
)

// A replica decides an outcome from its copies of the user's state and stats (what their last
// today and stats reads left), checked inside the write. A kudos changes the author's points
// and a resolved barrier their badges without a new view stamp, but with a new stats stamp
// (fieldStatsStamp) that the write checks, so an outcome decided from a copy taken before a
// kudos is decided again, not written over the kudos' points.
func TestLoopOutcomeFromCopyKeepsKudosPoints(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("copyrace")
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 3)
	eva := o.member("Eva Jansen", "employee", "")
	sam := o.member("Sam de Vries", "employee", "")

	share := func(s *Session) string {
		t.Helper()
		as := a.loopToday(s)
		res := a.loopOutcome(s, as.Id, map[string]any{"result": "done", "story": "She smiled back.", "share": true})
		if res.StoryId == nil {
			t.Fatal("the shared story has no id")
		}
		return *res.StoryId
	}
	evas, sams := share(eva), share(sam)
	o.at(a.clock.Now().Add(24*time.Hour), eva, sam)
	kudos := func(giver *Session, story string) {
		t.Helper()
		a.call("PUT", "/v1/stories/"+story+"/kudos", giver.AccessToken, nil).expect(204)
	}

	t.Run("a kudos between the copy and the outcome keeps its points", func(t *testing.T) {
		samBefore := a.socialPoints(sam)
		kudos(eva, sams)
		perKudos := a.socialPoints(sam) - samBefore
		if perKudos <= 0 {
			t.Fatalf("a kudos gave %d points", perKudos)
		}

		today := a.loopToday(eva)     // the replica's copy of Eva's state
		before := a.socialPoints(eva) // and of her stats
		kudos(sam, evas)              // her points change, her view stamp does not
		res := a.loopOutcome(eva, today.Id, map[string]any{"result": "done"})
		if res.PointsAwarded <= 0 {
			t.Fatalf("the outcome awarded %d points", res.PointsAwarded)
		}
		want := before + perKudos + res.PointsAwarded
		if stored := a.socialPoints(eva); res.Stats.Points.Total != want || stored != want {
			t.Errorf("points after the outcome: answered %d, stored %d; want %d (the kudos' kept)", res.Stats.Points.Total, stored, want)
		}
	})
}
