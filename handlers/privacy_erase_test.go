package handlers

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/microact/microact/store/redistest"
	"github.com/redis/go-redis/v9"
)

// dumpKeys reads every key of the test's prefix with all it holds, as text, by key.
func (a *testAPI) dumpKeys() map[string]string {
	a.t.Helper()
	ctx, rdb := context.Background(), a.store.Client()
	var (
		mu sync.Mutex
		ks []string
	)
	scan := func(ctx context.Context, c redis.Cmdable) error {
		iter := c.Scan(ctx, 0, a.prefix+"*", 1000).Iterator()
		for iter.Next(ctx) {
			mu.Lock()
			ks = append(ks, iter.Val())
			mu.Unlock()
		}
		return iter.Err()
	}
	var err error
	if cluster, ok := rdb.(*redis.ClusterClient); ok { // a SCAN asks one node: ask every master
		err = cluster.ForEachMaster(ctx, func(ctx context.Context, n *redis.Client) error { return scan(ctx, n) })
	} else {
		err = scan(ctx, rdb)
	}
	if err != nil {
		a.t.Fatal(err)
	}
	out := map[string]string{}
	for _, k := range ks {
		var b strings.Builder
		switch rdb.Type(ctx, k).Val() {
		case "string":
			b.WriteString(rdb.Get(ctx, k).Val())
		case "hash": // in field order, so that equal hashes read the same
			h := rdb.HGetAll(ctx, k).Val()
			for _, f := range slices.Sorted(maps.Keys(h)) {
				b.WriteString(f + "=" + h[f] + "\n")
			}
		case "set":
			b.WriteString(strings.Join(slices.Sorted(slices.Values(rdb.SMembers(ctx, k).Val())), "\n"))
		case "zset":
			b.WriteString(strings.Join(rdb.ZRange(ctx, k, 0, -1).Val(), "\n"))
		case "list":
			b.WriteString(strings.Join(rdb.LRange(ctx, k, 0, -1).Val(), "\n"))
		case "stream":
			for _, m := range rdb.XRange(ctx, k, "-", "+").Val() {
				for _, f := range slices.Sorted(maps.Keys(m.Values)) {
					b.WriteString(f + "=" + m.Values[f].(string) + "\n")
				}
			}
		}
		out[k] = b.String()
	}
	return out
}

// holding lists the keys whose name or content holds any of needles.
func holding(dump map[string]string, needles ...string) []string {
	var out []string
	for k, v := range dump {
		for _, n := range needles {
			if strings.Contains(k, n) || strings.Contains(v, n) {
				out = append(out, k+" holds "+n)
			}
		}
	}
	return out
}

func TestEraseUserLeavesNoTraceOfThePerson(t *testing.T) {
	o := socialNewOrg(t, "erase")
	a, eva, ben := o.a, o.eva, o.ben
	evaEmail := "eva.jansen@erase.example"
	a.call("PUT", "/v1/me/devices/pixel-eva", eva.AccessToken, map[string]any{"token": "fcm-token-of-eva", "platform": "android"}).expect(204)
	evaStory := o.socialShare(eva, "I helped a lady with her heavy bags — Eva's own words")
	benStory := o.socialShare(ben, "Ben found the right size for a boy")
	a.call("PUT", "/v1/stories/"+evaStory+"/kudos", ben.AccessToken, nil).expect(204)
	a.call("PUT", "/v1/stories/"+benStory+"/kudos", eva.AccessToken, nil).expect(204)
	takenBack := o.socialShare(o.olaf, "Olaf carried the crate to her car")
	a.call("PUT", "/v1/stories/"+takenBack+"/kudos", eva.AccessToken, nil).expect(204)
	a.call("DELETE", "/v1/stories/"+takenBack+"/kudos", eva.AccessToken, nil).expect(204)
	hidden := o.socialShare(eva, "A story Eva hid again")
	a.call("DELETE", "/v1/stories/"+hidden, eva.AccessToken, nil).expect(204)
	barrier := a.socialReport(eva, "tools", "The scanner at till 3 is broken, says Eva")
	suggestion := a.socialSuggest(eva, o.value.Id, "Eva's idea of a welcome card")
	olafs := a.socialReport(o.olaf, "time", "The queue at the till")
	a.call("POST", "/v1/barriers/"+olafs.Id+"/me-too", eva.AccessToken, nil).expect(200)
	olafStory := o.socialShare(o.olaf, "Olaf walked a customer to the right aisle")
	a.call("PUT", "/v1/stories/"+olafStory+"/kudos", eva.AccessToken, nil).expect(204)
	blueFeed := func() string { // the stamp of the feed of Olaf's team, where she has no story
		return a.store.Client().HGet(context.Background(), a.store.Keys().FeedStamps("erase"), o.blue.Id).Val()
	}
	blueBefore := blueFeed()
	var teamsBefore TeamsLeaderboard
	a.call("GET", "/v1/leaderboards/teams?period=all", o.admin.AccessToken, nil).expect(200).decode(&teamsBefore)
	if got := a.socialNotices(ben, "kudos"); len(got) != 1 || !strings.Contains(got[0].Body, "Eva Jansen") {
		t.Fatalf("before the erasure Ben's kudos notice should name Eva: %+v", got)
	}
	if leftovers := holding(a.dumpKeys(), "Eva Jansen", evaEmail); len(leftovers) == 0 {
		t.Fatal("the store should hold Eva's name and email before the erasure (the scan below would prove nothing)")
	}

	a.call("DELETE", "/v1/admin/users/"+eva.User.Id, o.admin.AccessToken, nil).expect(204)

	t.Run("no key of the store holds her name, email, texts or push token", func(t *testing.T) {
		needles := []string{"Eva Jansen", evaEmail, "Eva's own words", "Eva hid again", "says Eva", "Eva's idea", "fcm-token-of-eva", "pixel-eva"}
		if leftovers := holding(a.dumpKeys(), needles...); len(leftovers) > 0 {
			t.Errorf("after the erasure:\n%s", strings.Join(leftovers, "\n"))
		}
	})
	t.Run("her id is left only in the list that voids her access tokens (for an hour)", func(t *testing.T) {
		for _, k := range holding(a.dumpKeys(), eva.User.Id) {
			if !strings.HasSuffix(k, ":revoked holds "+eva.User.Id) {
				t.Error(k)
			}
		}
	})
	t.Run("the outcome export has no row of hers and does not count her", func(t *testing.T) {
		n, err := a.store.CountOutcomes(context.Background(), "erase", "", "")
		if err != nil || n != 3 { // Ben's and Olaf's two; Eva's two are gone
			t.Errorf("%d outcomes, %v", n, err)
		}
	})
	t.Run("her sessions end: the access token and the refresh token are refused", func(t *testing.T) {
		a.call("GET", "/v1/me", eva.AccessToken, nil).expect(401)
		a.refresh(eva.RefreshToken).expect(401)
	})
	t.Run("the admin no longer finds her", func(t *testing.T) {
		a.call("GET", "/v1/admin/users/"+eva.User.Id, o.admin.AccessToken, nil).expect(404)
		for _, id := range a.listAll("/v1/admin/users", o.admin.AccessToken, 100) {
			if id == eva.User.Id {
				t.Error("the user list still has her")
			}
		}
	})
	t.Run("the feed of a team where she only gave kudos is read anew", func(t *testing.T) {
		if after := blueFeed(); blueBefore == "" || after == blueBefore {
			t.Errorf("the Blue feed's stamp %q before the erasure, %q after", blueBefore, after)
		}
	})
	t.Run("feeds show no story of hers, and her kudos still count without her", func(t *testing.T) {
		for _, scope := range []string{"team", "org"} {
			for _, st := range a.socialFeedAll(ben, scope, 100) {
				if st.Author.Id == eva.User.Id || st.Id == evaStory {
					t.Errorf("the %s feed still shows her story %s", scope, st.Id)
				}
				if st.Id == benStory && st.Kudos != 1 {
					t.Errorf("Ben's story has %d kudos, want 1 (hers, anonymous)", st.Kudos)
				}
			}
		}
	})
	t.Run("boards have no row of hers, and the teams board keeps the team's points", func(t *testing.T) {
		var board Leaderboard
		a.call("GET", "/v1/leaderboards/teams/"+o.red.Id+"?period=all&limit=100", o.admin.AccessToken, nil).expect(200).decode(&board)
		for _, e := range board.Entries {
			if e.User.Id != nil && *e.User.Id == eva.User.Id {
				t.Error("the team board still ranks her")
			}
		}
		var teamsAfter TeamsLeaderboard
		a.call("GET", "/v1/leaderboards/teams?period=all", o.admin.AccessToken, nil).expect(200).decode(&teamsAfter)
		points := func(l TeamsLeaderboard) map[string]int {
			m := map[string]int{}
			for _, e := range l.Entries {
				m[e.Team.Id] = e.Points
			}
			return m
		}
		if b, a := points(teamsBefore)[o.red.Id], points(teamsAfter)[o.red.Id]; b != a || b == 0 {
			t.Errorf("Red's points were %d and are %d: the aggregate should stay", b, a)
		}
	})
	t.Run("her barrier stays for the lead, anonymous and without its text", func(t *testing.T) {
		var b Barrier
		found := false
		var list BarrierList
		a.call("GET", "/v1/barriers", o.lena.AccessToken, nil).expect(200).decode(&list)
		for _, item := range list.Items {
			if item.Id == barrier.Id {
				found, b = true, item
			}
		}
		if !found {
			t.Fatal("the barrier is gone from the lead's list")
		}
		if b.Reporter.Id == eva.User.Id || b.Reporter.Name != "" || b.Text != "" || b.Category != "tools" {
			t.Errorf("barrier after the erasure: %+v", b)
		}
	})
	t.Run("her me too still counts on a colleague's barrier, without her", func(t *testing.T) {
		var got Barrier
		a.call("GET", "/v1/barriers/"+olafs.Id, o.olaf.AccessToken, nil).expect(200).decode(&got)
		if got.MeTooCount != 1 {
			t.Errorf("Olaf's barrier after the erasure: %+v", got)
		}
	})
	t.Run("her suggestion is gone", func(t *testing.T) {
		for _, id := range a.socialSuggestionIDs(&o.admin, "") {
			if id == suggestion.Id {
				t.Error("the suggestion is still listed")
			}
		}
	})
	t.Run("Ben's notification names a former colleague instead", func(t *testing.T) {
		got := a.socialNotices(ben, "kudos")
		if len(got) != 1 || got[0].Body != "A former colleague liked your story." {
			t.Errorf("Ben's kudos notices: %+v", got)
		}
	})
	t.Run("a second erasure finds nobody", func(t *testing.T) {
		a.call("DELETE", "/v1/admin/users/"+eva.User.Id, o.admin.AccessToken, nil).expect(404, "not_found")
	})
	t.Run("an erased lead leads no team any more", func(t *testing.T) {
		a.call("DELETE", "/v1/admin/users/"+o.lena.User.Id, o.admin.AccessToken, nil).expect(204)
		var red Team
		a.call("GET", "/v1/admin/teams/"+o.red.Id, o.admin.AccessToken, nil).expect(200).decode(&red)
		if len(red.LeadIds) != 0 {
			t.Errorf("Red's leads %v", red.LeadIds)
		}
		if leftovers := holding(a.dumpKeys(), "Lena Bos", o.lena.User.Id+"\""); len(leftovers) > 0 {
			t.Errorf("after erasing Lena:\n%s", strings.Join(leftovers, "\n"))
		}
	})
	t.Run("her email can be used for a new user", func(t *testing.T) {
		a.call("POST", "/v1/admin/users", o.admin.AccessToken, map[string]any{"name": "Eva Nieuw", "email": evaEmail, "role": "employee"}).expect(201)
	})
}

func TestEraseUserIsForAdminsOfTheOrg(t *testing.T) {
	o := socialNewOrg(t, "erasers")
	a := o.a
	for _, tc := range []struct {
		who    string
		s      *Session
		target string
		status int
		code   string
	}{
		{"an employee", o.ben, o.eva.User.Id, 403, "forbidden"},
		{"a lead of her team", o.lena, o.eva.User.Id, 403, "forbidden"},
		{"another org's admin", &o.other.admin, o.eva.User.Id, 404, "not_found"},
		{"the org's only admin, erasing themselves", &o.admin, o.admin.User.Id, 409, "erase_self"},
		{"an admin, for an id nobody has", &o.admin, "01JD3QA1B2C3D4E5F6G7H8J9K0", 404, "not_found"},
	} {
		t.Run(tc.who+" gets "+socialStatus(tc.status), func(t *testing.T) {
			a.call("DELETE", "/v1/admin/users/"+tc.target, tc.s.AccessToken, nil).expect(tc.status, tc.code)
		})
	}
	a.call("GET", "/v1/admin/users/"+o.eva.User.Id, o.admin.AccessToken, nil).expect(200)
	t.Run("an admin erases another, and then cannot erase themselves", func(t *testing.T) {
		second := o.socialMember("Second Admin", "admin", "")
		a.call("DELETE", "/v1/admin/users/"+o.admin.User.Id, second.AccessToken, nil).expect(204)
		a.call("DELETE", "/v1/admin/users/"+second.User.Id, second.AccessToken, nil).expect(409, "erase_self")
	})
}

// An admin's erasure is decided on the org's admins as read (domain.LastAdmin) and applied while
// they are: the other admin stepping down meanwhile makes the erased one the last, and the
// erasure is decided again and refused.
func TestEraseUserOfAnAdminWhoBecameTheLast(t *testing.T) {
	o := socialNewOrg(t, "lastadmin")
	a := o.a
	second := o.socialMember("Second Admin", "admin", "")
	third := o.socialMember("Third Admin", "admin", "")
	admins := a.store.Keys().Admins(o.slug)
	hook := &redistest.AfterCmd{Name: "smembers", Key: admins, Do: func() {
		a.call("PATCH", "/v1/admin/users/"+o.admin.User.Id, third.AccessToken, map[string]any{"role": "employee"}).expect(200)
		a.call("PATCH", "/v1/admin/users/"+third.User.Id, second.AccessToken, map[string]any{"active": false}).expect(200)
	}}
	a.store.Client().AddHook(hook)
	// the first admin erases the second while the others step down: the second is then the last
	a.call("DELETE", "/v1/admin/users/"+second.User.Id, o.admin.AccessToken, nil).expect(409, "last_admin")
	if !hook.Fired() {
		t.Fatal("the erasure never read the admins")
	}
	a.call("GET", "/v1/admin/users/"+second.User.Id, second.AccessToken, nil).expect(200)
}

// eraseDuring erases who while hook lands a change in the erasure's plan (after it read what),
// and reports every key that still holds their id or name, but the list of revoked tokens.
func (o *socialOrg) eraseDuring(t *testing.T, hook *redistest.AfterCmd, who *Session, what string) {
	t.Helper()
	o.a.store.Client().AddHook(hook)
	o.a.call("DELETE", "/v1/admin/users/"+who.User.Id, o.admin.AccessToken, nil).expect(204)
	if !hook.Fired() {
		t.Fatalf("the erasure never read %s", what)
	}
	for _, k := range holding(o.a.dumpKeys(), who.User.Id, who.User.Name) {
		if !strings.HasSuffix(k, ":revoked holds "+who.User.Id) {
			t.Error(k)
		}
	}
}

// dashboardLogs lists the keys of a team's dashboard logs (on a Cluster too).
func (a *testAPI) dashboardLogs(org, team string) []string {
	prefix := a.store.Keys().DashboardDay(org, team, "")
	var logs []string
	for k := range a.dumpKeys() {
		if strings.HasPrefix(k, prefix) {
			logs = append(logs, k)
		}
	}
	return logs
}

// The erasure rewrites the person's entries of the dashboard logs where it read them: a log
// changed meanwhile (an entry ahead of hers) makes it decide again, so that it neither leaves
// her id nor overwrites a colleague's entry.
func TestEraseUserRewritesTheDashboardLogAsItIsNow(t *testing.T) {
	o := socialNewOrg(t, "erasedash")
	a, ctx, rdb := o.a, context.Background(), o.a.store.Client()
	o.socialShare(o.eva, "Eva's story")
	o.socialShare(o.ben, "Ben's story")
	logs := a.dashboardLogs(o.slug, o.red.Id)
	var log string
	for _, k := range logs {
		if strings.Contains(strings.Join(rdb.LRange(ctx, k, 0, -1).Val(), " "), o.eva.User.Id) {
			log = k
		}
	}
	if log == "" {
		t.Fatalf("no dashboard log among %v names Eva", logs)
	}
	before := rdb.LRange(ctx, log, 0, -1).Val()
	const ahead = "s00" // a skipped gesture, which names nobody
	hook := &redistest.AfterCmd{Name: "lrange", Key: log, Do: func() {
		if err := rdb.LPush(ctx, log, ahead).Err(); err != nil {
			t.Error(err)
		}
	}}
	rdb.AddHook(hook)
	a.call("DELETE", "/v1/admin/users/"+o.eva.User.Id, o.admin.AccessToken, nil).expect(204)
	if !hook.Fired() {
		t.Fatal("the erasure never read the log")
	}
	after := rdb.LRange(ctx, log, 0, -1).Val()
	if len(after) != len(before)+1 || after[0] != ahead {
		t.Fatalf("log %q, want %q with %q ahead", after, before, ahead)
	}
	for i, e := range after[1:] {
		if strings.Contains(e, o.eva.User.Id) {
			t.Errorf("entry %d still names Eva: %q", i, e)
		}
		if strings.Contains(before[i], o.ben.User.Id) && e != before[i] {
			t.Errorf("Ben's entry %q became %q", before[i], e)
		}
	}
}

// An outcome the person records while their erasure is planned (after it read the dashboard
// logs) makes the erasure decide again: the new entry does not keep their id.
func TestEraseUserAfterAnOutcomeRecordedMeanwhile(t *testing.T) {
	o := socialNewOrg(t, "erasenew")
	a, ctx, rdb := o.a, context.Background(), o.a.store.Client()
	o.socialShare(o.eva, "Eva's story") // today's dashboard log of Red
	open := a.loopToday(o.ben)
	logs := a.dashboardLogs(o.slug, o.red.Id)
	if len(logs) != 1 {
		t.Fatalf("dashboard logs %v: want Red's of today", logs)
	}
	hook := &redistest.AfterCmd{Name: "lrange", Key: logs[0], Do: func() {
		a.loopOutcome(o.ben, open.Id, map[string]any{"result": "done"})
	}}
	rdb.AddHook(hook)
	a.call("DELETE", "/v1/admin/users/"+o.ben.User.Id, o.admin.AccessToken, nil).expect(204)
	if !hook.Fired() {
		t.Fatal("the erasure never read the log")
	}
	entries := rdb.LRange(ctx, logs[0], 0, -1).Val()
	if len(entries) != 2 {
		t.Fatalf("log %q, want Eva's entry and Ben's", entries)
	}
	for _, e := range entries {
		if strings.Contains(e, o.ben.User.Id) {
			t.Errorf("an entry still names Ben: %q", e)
		}
	}
}

// A kudos to the person's story while their erasure is planned puts them on their team's boards
// (here boards that did not exist when the plan listed the org's boards): their stats stamp
// moves, and the erasure decides again, so no board keeps them.
func TestEraseUserAfterKudosGivenMeanwhile(t *testing.T) {
	o := socialNewOrg(t, "erasekudos")
	a, ctx, rdb := o.a, context.Background(), o.a.store.Client()
	story := o.socialShare(o.eva, "Eva's story")
	boards := a.store.Keys().TeamBoard(o.slug, o.red.Id, "")
	for k := range a.dumpKeys() {
		if strings.HasPrefix(k, boards) {
			rdb.Del(ctx, k)
		}
	}
	logs := a.dashboardLogs(o.slug, o.red.Id)
	if len(logs) != 1 {
		t.Fatalf("dashboard logs %v: want Red's of today", logs)
	}
	hook := &redistest.AfterCmd{Name: "lrange", Key: logs[0], Do: func() {
		a.call("PUT", "/v1/stories/"+story+"/kudos", o.ben.AccessToken, nil).expect(204)
	}}
	rdb.AddHook(hook)
	a.call("DELETE", "/v1/admin/users/"+o.eva.User.Id, o.admin.AccessToken, nil).expect(204)
	if !hook.Fired() {
		t.Fatal("the erasure never read the log")
	}
	for _, k := range holding(a.dumpKeys(), o.eva.User.Id) {
		if !strings.HasSuffix(k, ":revoked holds "+o.eva.User.Id) {
			t.Error(k)
		}
	}
}

// What the person does to others' things while their erasure is planned (after it read the
// dashboard logs, when every SCAN is done) leaves their id or name where the plan did not look: a
// kudos set or "me too" set made by it, a barrier or suggestion of theirs and the leads'
// notifications naming them, a phone's token, a spotlight's notification, a refresh token. Each
// such write sets their acts stamp, and the erasure decides again, so nothing keeps them.
//
// Done after the erasure, by a replica that has not yet learnt that the person's tokens were
// revoked (here: their hash deleted behind the server's back), such a write is refused as
// coming from a user who is gone, and writes nothing.
func TestEraseUserAfterTheyActedMeanwhile(t *testing.T) {
	for _, tc := range []struct {
		name string
		who  func(o *socialOrg) *Session // the person erased and acting: Ben unless said
		act  func(o *socialOrg, who *Session, story, barrier string) response
		done int // its status
	}{
		{"a kudos", nil, func(o *socialOrg, who *Session, story, _ string) response {
			return o.a.call("PUT", "/v1/stories/"+story+"/kudos", who.AccessToken, nil)
		}, 204},
		{"a me too", nil, func(o *socialOrg, who *Session, _, barrier string) response {
			return o.a.call("POST", "/v1/barriers/"+barrier+"/me-too", who.AccessToken, nil)
		}, 200},
		{"a barrier", nil, func(o *socialOrg, who *Session, _, _ string) response {
			return o.a.call("POST", "/v1/barriers", who.AccessToken, map[string]any{"category": "time", "text": "No time today."})
		}, 201},
		{"a suggestion", nil, func(o *socialOrg, who *Session, _, _ string) response {
			return o.a.call("POST", "/v1/suggestions", who.AccessToken, map[string]any{"title": "Hold the door", "how_to": "Hold it.", "value_id": o.value.Id})
		}, 201},
		{"a phone", nil, func(o *socialOrg, who *Session, _, _ string) response {
			return o.a.call("PUT", "/v1/me/devices/a-phone", who.AccessToken, map[string]any{"token": "fcm-phone", "platform": "android"})
		}, 204},
		{"a session renewed", nil, func(o *socialOrg, who *Session, _, _ string) response {
			return o.a.call("POST", "/v1/auth/refresh", "", map[string]any{"refresh_token": who.RefreshToken})
		}, 200},
		// by an admin: a lead is no lead any more by then (the erasure's first steps)
		{"a spotlight", func(o *socialOrg) *Session { return o.socialMember("Ada Admin", "admin", "") }, func(o *socialOrg, who *Session, story, _ string) response {
			return o.a.call("POST", "/v1/stories/"+story+"/spotlight", who.AccessToken, nil)
		}, 204},
	} {
		setup := func(t *testing.T) (*socialOrg, *Session, string, string) {
			o := socialNewOrg(t, "eraseacts")
			story := o.socialShare(o.eva, "Eva's story") // and today's dashboard log of Red
			barrier := o.a.socialReport(o.eva, "tools", "The card reader keeps failing.")
			who := o.ben
			if tc.who != nil {
				who = tc.who(o)
			}
			return o, who, story, barrier.Id
		}
		t.Run(tc.name+" while the erasure is planned", func(t *testing.T) {
			o, who, story, barrier := setup(t)
			a := o.a
			logs := a.dashboardLogs(o.slug, o.red.Id)
			if len(logs) != 1 {
				t.Fatalf("dashboard logs %v: want Red's of today", logs)
			}
			o.eraseDuring(t, &redistest.AfterCmd{Name: "lrange", Key: logs[0], Do: func() { tc.act(o, who, story, barrier).expect(tc.done) }},
				who, "the log")
		})
		t.Run(tc.name+" once the person is gone", func(t *testing.T) {
			o, who, story, barrier := setup(t)
			if err := o.a.store.Client().Del(context.Background(), o.a.store.Keys().User(o.slug, who.User.Id)).Err(); err != nil {
				t.Fatal(err)
			}
			before := o.a.dumpKeys()
			tc.act(o, who, story, barrier).expect(401)
			for k, v := range o.a.dumpKeys() {
				if before[k] != v && strings.Contains(k+v, who.User.Id) {
					t.Errorf("%s changed: %q", k, v)
				}
			}
		})
	}
}

// A lead who merges barriers while the person's erasure is planned (after every SCAN) moves the
// person's "me too", or the duplicate they reported, onto the barrier kept: a set and a list the
// plan did not see. The merge sets the acts stamp of everyone it moves, so the erasure decides
// again and nothing keeps them.
func TestEraseUserAfterAMergeMovedTheirMeToo(t *testing.T) {
	for _, who := range []string{"said me too to", "reported"} {
		t.Run("Ben "+who+" the duplicate", func(t *testing.T) {
			o := socialNewOrg(t, "erasemerge")
			a := o.a
			o.socialShare(o.eva, "Eva's story") // today's dashboard log of Red
			kept := a.socialReport(o.eva, "time", "The queue at the till is too long.")
			reporter := o.eva
			if who == "reported" {
				reporter = o.ben
			}
			dup := a.socialReport(reporter, "time", "Too many people wait at the till.")
			if reporter != o.ben {
				a.call("POST", "/v1/barriers/"+dup.Id+"/me-too", o.ben.AccessToken, nil).expect(200)
			}
			logs := a.dashboardLogs(o.slug, o.red.Id)
			if len(logs) != 1 {
				t.Fatalf("dashboard logs %v: want Red's of today", logs)
			}
			o.eraseDuring(t, &redistest.AfterCmd{Name: "lrange", Key: logs[0], Do: func() {
				a.call("POST", "/v1/barriers/"+dup.Id+"/merge", o.lena.AccessToken, map[string]any{"into": kept.Id}).expect(200)
			}}, o.ben, "the log")
		})
	}
}

// After an erasure the person's "me too" stays counted under an anonymous id, and so does their
// reported duplicate: a merge afterwards moves both onto the barrier kept, still counted, and
// writes nothing for a user who is no more.
func TestMergeAfterAnErasureKeepsTheAnonymousMeToo(t *testing.T) {
	o := socialNewOrg(t, "mergeanon")
	a := o.a
	kept := a.socialReport(o.eva, "time", "The queue at the till is too long.")
	dup := a.socialReport(o.ben, "time", "Too many people wait at the till.")
	a.call("POST", "/v1/barriers/"+dup.Id+"/me-too", o.olaf.AccessToken, nil).expect(200)
	a.call("DELETE", "/v1/admin/users/"+o.olaf.User.Id, o.admin.AccessToken, nil).expect(204)
	a.call("DELETE", "/v1/admin/users/"+o.ben.User.Id, o.admin.AccessToken, nil).expect(204)
	before := a.dumpKeys()
	var got Barrier
	a.call("POST", "/v1/barriers/"+dup.Id+"/merge", o.lena.AccessToken, map[string]any{"into": kept.Id}).expect(200).decode(&got)
	if got.Id != kept.Id || got.MeTooCount != 2 {
		t.Errorf("kept barrier %+v, want the reporter's and Olaf's anonymous places counted", got)
	}
	for k := range a.dumpKeys() {
		if _, ok := before[k]; !ok && strings.HasPrefix(k, a.store.Keys().User(o.slug, "")) { // a user's, or their own index
			t.Errorf("the merge made %s", k)
		}
	}
}

// A gesture the person records as blocked while the erasure reads the pending pushes (after it
// rewrote the notifications that named them) tells their team's leads, naming them: that
// notification is an act of theirs (domain.Draft.By), so the erasure decides again and neither
// the lead's inbox nor the outbox keeps their name.
func TestEraseUserAfterTheirBarrierToldTheLeads(t *testing.T) {
	o := socialNewOrg(t, "eraseblocked")
	a := o.a
	open := a.loopToday(o.ben)
	o.eraseDuring(t, &redistest.AfterCmd{Name: "xrange", Key: a.store.Keys().Outbox(o.slug), Do: func() {
		a.loopOutcome(o.ben, open.Id, map[string]any{"result": "blocked", "barrier": map[string]any{"category": "time", "text": "Queue."}})
	}}, o.ben, "the outbox")
}
