package handlers

import (
	"context"
	"slices"
	"testing"
)

func TestStoryAndBarrierRetentionAreOrgSettings(t *testing.T) {
	o := socialNewOrg(t, "keep")
	a := o.a
	var org OrgSettings
	a.call("GET", "/v1/admin/org", o.admin.AccessToken, nil).expect(200).decode(&org)
	if org.StoryRetentionDays != nil || org.BarrierRetentionDays != nil {
		t.Fatalf("a new org should keep stories and barriers: %v %v", org.StoryRetentionDays, org.BarrierRetentionDays)
	}
	for _, tc := range []struct {
		name   string
		body   map[string]any
		status int
		story  *int
	}{
		{"a month for stories is taken", map[string]any{"story_retention_days": 30}, 200, days(30)},
		{"a patch without the field keeps it", map[string]any{"swaps_per_day": 2}, 200, days(30)},
		{"six days is too short", map[string]any{"story_retention_days": 6}, 422, days(30)},
		{"more than ten years is too long", map[string]any{"story_retention_days": 3651}, 422, days(30)},
		{"a text is malformed", map[string]any{"story_retention_days": "30"}, 400, days(30)},
		{"null keeps them again", map[string]any{"story_retention_days": nil}, 200, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a.call("PATCH", "/v1/admin/org", o.admin.AccessToken, tc.body).expect(tc.status)
			a.call("GET", "/v1/admin/org", o.admin.AccessToken, nil).expect(200).decode(&org)
			if (org.StoryRetentionDays == nil) != (tc.story == nil) || (tc.story != nil && *org.StoryRetentionDays != *tc.story) {
				t.Errorf("story_retention_days %v", org.StoryRetentionDays)
			}
		})
	}
}

func TestRetentionRemovesOldStoriesAndBarriers(t *testing.T) {
	o := socialNewOrg(t, "forget")
	a, ctx := o.a, context.Background()
	oldStory := o.socialShare(o.eva, "An old story")
	oldBarrier := a.socialReport(o.eva, "tools", "An old barrier")
	a.call("POST", "/v1/barriers/"+oldBarrier.Id+"/me-too", o.olaf.AccessToken, nil).expect(200)
	workedOn := a.socialReport(o.ben, "time", "Old, but the lead works on it")
	o.socialAdvance(20 * day)
	a.socialMove(o.lena, workedOn.Id, "acknowledged", "On it").expect(200)
	newStory := o.socialShare(o.ben, "A recent story")
	newBarrier := a.socialReport(o.ben, "stock", "A recent barrier")
	o.socialAdvance(15 * day) // 35 days after the old ones, 15 after the recent ones

	expire := func() int {
		t.Helper()
		org, err := a.store.Org(ctx, o.admin.User.Org)
		if err != nil {
			t.Fatal(err)
		}
		n, err := a.store.ExpireSocial(ctx, org, a.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	openBarriers := func() int {
		t.Helper()
		var d Dashboard
		a.call("GET", "/v1/teams/"+o.red.Id+"/dashboard?period=week", o.lena.AccessToken, nil).expect(200).decode(&d)
		return d.OpenBarriers
	}
	openBefore := openBarriers()
	t.Run("without retention settings nothing goes", func(t *testing.T) {
		if n := expire(); n != 0 {
			t.Errorf("removed %d", n)
		}
	})
	a.call("PATCH", "/v1/admin/org", o.admin.AccessToken, map[string]any{"story_retention_days": 30, "barrier_retention_days": 30}).expect(200)
	t.Run("stories and barriers past 30 days go, once", func(t *testing.T) {
		if n := expire(); n != 2 {
			t.Errorf("removed %d, want the old story and the old barrier", n)
		}
		if n := expire(); n != 0 {
			t.Errorf("a second run removed %d", n)
		}
	})
	t.Run("the feeds keep the recent story only", func(t *testing.T) {
		for _, scope := range []string{"team", "org"} {
			ids := socialStoryIDs(a.socialFeedAll(o.lena, scope, 100))
			if slices.Contains(ids, oldStory) || !slices.Contains(ids, newStory) {
				t.Errorf("%s feed %v", scope, ids)
			}
		}
	})
	t.Run("the barrier lists keep the recent and the worked-on barrier", func(t *testing.T) {
		for _, s := range []*Session{o.lena, &o.admin} {
			ids := a.socialBarrierIDs(s, "")
			if slices.Contains(ids, oldBarrier.Id) || !slices.Contains(ids, newBarrier.Id) || !slices.Contains(ids, workedOn.Id) {
				t.Errorf("barriers %v", ids)
			}
		}
		if ids := a.socialBarrierIDs(o.eva, ""); slices.Contains(ids, oldBarrier.Id) {
			t.Errorf("the reporter still lists it: %v", ids)
		}
		if ids := a.socialBarrierIDs(o.olaf, ""); slices.Contains(ids, oldBarrier.Id) {
			t.Errorf("who said me too still lists it: %v", ids)
		}
		if left := a.boardScan(a.store.Keys().Barrier("forget", oldBarrier.Id) + "*"); len(left) != 0 {
			t.Errorf("keys of the removed barrier are left: %v", left) // its once guards expire on their own
		}
	})
	t.Run("the dashboard no longer counts the removed barrier as open", func(t *testing.T) {
		if after := openBarriers(); after != openBefore-1 || openBefore != 3 {
			t.Errorf("open barriers %d before, %d after", openBefore, after)
		}
	})
}

func days(n int) *int { return &n }
