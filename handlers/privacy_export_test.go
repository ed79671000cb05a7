package handlers

import (
	"strings"
	"testing"
)

func TestExportMeGivesTheCallerEverythingStoredAboutThem(t *testing.T) {
	o := socialNewOrg(t, "export")
	a, eva, ben := o.a, o.eva, o.ben
	a.call("PUT", "/v1/me/devices/pixel-eva", eva.AccessToken, map[string]any{"token": "fcm-token-of-eva", "platform": "android"}).expect(204)
	evaStory := o.socialShare(eva, "I helped a lady with her heavy bags", map[string]any{"reaction": "delighted"})
	benStory := o.socialShare(ben, "Ben found the right size for a boy")
	a.call("PUT", "/v1/stories/"+evaStory+"/kudos", ben.AccessToken, nil).expect(204)
	a.call("PUT", "/v1/stories/"+benStory+"/kudos", eva.AccessToken, nil).expect(204)
	barrier := a.socialReport(eva, "tools", "The scanner at till 3 is broken")
	a.socialReport(ben, "time", "Ben's barrier, not Eva's")
	suggestion := a.socialSuggest(eva, o.value.Id, "A welcome card")
	a.socialSuggest(ben, o.value.Id, "Ben's idea")

	res := a.call("GET", "/v1/me/export", eva.AccessToken, nil).expect(200)
	var x MeExport
	res.decode(&x)

	t.Run("it is a download of one JSON document", func(t *testing.T) {
		if got := res.Header.Get("Content-Disposition"); got != `attachment; filename="microact-`+eva.User.Id+`.json"` {
			t.Errorf("Content-Disposition %q", got)
		}
		if !x.ExportedAt.Equal(a.clock.Now()) {
			t.Errorf("exported_at %v, now %v", x.ExportedAt, a.clock.Now())
		}
	})
	t.Run("the profile holds preferences, points, streak and badges", func(t *testing.T) {
		p := x.Profile
		if p.Id != eva.User.Id || p.Name != "Eva Jansen" || p.Email != "eva.jansen@export.example" || len(p.Preferences.Workdays) == 0 {
			t.Errorf("profile %+v", p)
		}
		if p.Stats.Points.Total != a.socialPoints(eva) || p.Stats.DoneTotal != 1 || p.Stats.Streak.Current != 1 {
			t.Errorf("stats %+v", p.Stats)
		}
	})
	t.Run("devices are listed without their token", func(t *testing.T) {
		if len(x.Devices) != 1 || x.Devices[0].Id != "pixel-eva" || x.Devices[0].Platform != "android" {
			t.Errorf("devices %+v", x.Devices)
		}
		if strings.Contains(string(res.Body), "fcm-token-of-eva") {
			t.Error("the export holds the push token")
		}
	})
	t.Run("assignments, her story, her kudos, barrier, suggestion and notifications are hers only", func(t *testing.T) {
		if len(x.Assignments) != 1 || x.Assignments[0].Outcome == nil || x.Assignments[0].Status != "done" {
			t.Errorf("assignments %+v", x.Assignments)
		}
		if len(x.Stories) != 1 || x.Stories[0].Id != evaStory || x.Stories[0].Kudos != 1 || x.Stories[0].Hidden ||
			x.Stories[0].Text != "I helped a lady with her heavy bags" || x.Stories[0].Reaction == nil || *x.Stories[0].Reaction != "delighted" {
			t.Errorf("stories %+v", x.Stories)
		}
		if len(x.KudosGiven) != 1 || x.KudosGiven[0].StoryId != benStory {
			t.Errorf("kudos given %+v", x.KudosGiven)
		}
		if len(x.Barriers) != 1 || x.Barriers[0].Id != barrier.Id || x.Barriers[0].Text != "The scanner at till 3 is broken" {
			t.Errorf("barriers %+v", x.Barriers)
		}
		if len(x.Suggestions) != 1 || x.Suggestions[0].Id != suggestion.Id {
			t.Errorf("suggestions %+v", x.Suggestions)
		}
		if len(x.Notifications) == 0 || x.Notifications[0].Kind != "kudos" {
			t.Errorf("notifications %+v", x.Notifications)
		}
		if strings.Contains(string(res.Body), "Ben found") || strings.Contains(string(res.Body), "Ben's") {
			t.Error("the export holds a colleague's texts")
		}
	})
	t.Run("a hidden story is still in it, marked hidden", func(t *testing.T) {
		a.call("DELETE", "/v1/stories/"+evaStory, eva.AccessToken, nil).expect(204)
		var again MeExport
		a.call("GET", "/v1/me/export", eva.AccessToken, nil).expect(200).decode(&again)
		if len(again.Stories) != 1 || !again.Stories[0].Hidden {
			t.Errorf("stories %+v", again.Stories)
		}
	})
	t.Run("without a token it is 401", func(t *testing.T) {
		a.call("GET", "/v1/me/export", "", nil).expect(401)
	})
}
