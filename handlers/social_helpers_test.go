package handlers

import (
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"
)

// Helpers of the show-and-tell, barrier and suggestion tests (social_*_test.go). Every name
// starts with "social" so they cannot clash with helpers other test files add.

// socialOrg is an org with the cast of the contract's permission tables: two teams, Red and
// Blue, each with an employee and a lead; Red has a second employee; an admin without a team;
// and another org with an admin of its own.
type socialOrg struct {
	*loopOrg
	value   Value
	gesture Gesture // the one gesture of the catalogue, for everyone
	red     Team
	blue    Team
	eva     *Session // employee of Red: the author, the reporter
	ben     *Session // employee of Red: Eva's colleague
	olaf    *Session // employee of Blue
	lena    *Session // lead of Red (and a member of it)
	max     *Session // lead of Blue (and a member of it)
	other   *loopOrg // another org
	extra   []*Session
}

// socialNewOrg starts an API and creates the cast at testNow (a Monday, 09:00 in Amsterdam).
func socialNewOrg(t *testing.T, slug string) *socialOrg {
	t.Helper()
	a := newAPI(t)
	o := &socialOrg{loopOrg: a.loopNewOrg(slug)}
	o.value = o.loopOrg.value("Attentive")
	o.gesture = o.loopOrg.gesture(o.value.Id, "Greet every customer")
	o.red = a.team(o.admin, "Red")
	o.blue = a.team(o.admin, "Blue")
	o.eva = o.loopOrg.member("Eva Jansen", "employee", o.red.Id)
	o.ben = o.loopOrg.member("Ben de Boer", "employee", o.red.Id)
	o.olaf = o.loopOrg.member("Olaf Smit", "employee", o.blue.Id)
	o.lena = o.loopOrg.member("Lena Bos", "lead", o.red.Id)
	o.max = o.loopOrg.member("Max Visser", "lead", o.blue.Id)
	o.socialLeads(o.red, o.lena)
	o.socialLeads(o.blue, o.max)
	o.other = a.loopNewOrg(slug + "-other")
	return o
}

// socialLeads makes leads the leads of team.
func (o *socialOrg) socialLeads(team Team, leads ...*Session) {
	o.t.Helper()
	ids := []string{}
	for _, l := range leads {
		ids = append(ids, l.User.Id)
	}
	o.a.call("PATCH", "/v1/admin/teams/"+team.Id, o.admin.AccessToken, map[string]any{"lead_ids": ids}).expect(200)
}

// socialMember adds a user to the cast (their session is renewed whenever the clock moves).
func (o *socialOrg) socialMember(name, role, teamID string) *Session {
	o.t.Helper()
	s := o.loopOrg.member(name, role, teamID)
	o.extra = append(o.extra, s)
	return s
}

// socialRole is one member of the cast, named as the permission tables name them.
type socialRole struct {
	who string
	s   *Session
}

// socialCast lists the cast as seen from Eva's objects, in the order of the permission tables.
func (o *socialOrg) socialCast() []socialRole {
	return []socialRole{
		{"the author herself", o.eva},
		{"a colleague of the same team", o.ben},
		{"an employee of another team", o.olaf},
		{"the lead of the author's team", o.lena},
		{"the lead of another team", o.max},
		{"an admin", &o.admin},
		{"another org's admin", &o.other.admin},
	}
}

// socialSessions are all sessions of the test, the other org's admin included.
func (o *socialOrg) socialSessions() []*Session {
	out := []*Session{&o.admin, o.eva, o.ben, o.olaf, o.lena, o.max, &o.other.admin}
	return append(out, o.extra...)
}

// socialAdvance moves the clock by d and renews every session (access tokens last 15 minutes).
func (o *socialOrg) socialAdvance(d time.Duration) {
	o.t.Helper()
	o.a.clock.Advance(d)
	for _, s := range o.socialSessions() {
		o.a.loopRefresh(s)
	}
}

// socialShare records a done with a shared story for today's assignment of s and returns the
// story's id. When today's outcome is recorded already, the clock first moves to the next day
// (renewing every session): one story per person per day is all the loop allows.
func (o *socialOrg) socialShare(s *Session, text string, extra ...map[string]any) string {
	o.t.Helper()
	as := o.a.loopToday(s)
	if as.Outcome != nil {
		o.socialAdvance(day)
		as = o.a.loopToday(s)
	}
	body := loopMerge(map[string]any{"result": "done", "story": text, "share": true}, extra...)
	r := o.a.loopOutcome(s, as.Id, body)
	if r.StoryId == nil {
		o.t.Fatalf("sharing %q made no story: %+v", text, r)
	}
	return *r.StoryId
}

// socialFeed reads one page of a feed ("?scope=org&limit=5&cursor=…").
func (a *testAPI) socialFeed(s *Session, query string) StoryList {
	a.t.Helper()
	var l StoryList
	a.call("GET", "/v1/stories"+query, s.AccessToken, nil).expect(200).decode(&l)
	return l
}

// socialFeedAll reads every page of a feed of scope (team or org), limit stories a page.
func (a *testAPI) socialFeedAll(s *Session, scope string, limit int) []Story {
	a.t.Helper()
	var all []Story
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 200 {
			a.t.Fatalf("the %s feed never ends", scope)
		}
		q := "?scope=" + scope + "&limit=" + strconv.Itoa(limit)
		if cursor != "" {
			q += "&cursor=" + url.QueryEscape(cursor)
		}
		page := a.socialFeed(s, q)
		if len(page.Items) > limit {
			a.t.Fatalf("%d stories on a page of %d", len(page.Items), limit)
		}
		all = append(all, page.Items...)
		if page.NextCursor == nil {
			return all
		}
		cursor = *page.NextCursor
	}
}

// socialFind looks a story up in a feed of s.
func (a *testAPI) socialFind(s *Session, scope, id string) (Story, bool) {
	a.t.Helper()
	for _, st := range a.socialFeedAll(s, scope, 100) {
		if st.Id == id {
			return st, true
		}
	}
	return Story{}, false
}

// socialStoryIDs lists the ids of stories.
func socialStoryIDs(stories []Story) []string {
	ids := make([]string, len(stories))
	for i, s := range stories {
		ids[i] = s.Id
	}
	return ids
}

// socialReport reports a barrier as s.
func (a *testAPI) socialReport(s *Session, category, text string) Barrier {
	a.t.Helper()
	var b Barrier
	a.call("POST", "/v1/barriers", s.AccessToken, map[string]any{"category": category, "text": text}).expect(201).decode(&b)
	return b
}

// socialMove changes a barrier's status as s (note "" sends none).
func (a *testAPI) socialMove(s *Session, barrierID, status, note string) response {
	a.t.Helper()
	body := map[string]any{"status": status}
	if note != "" {
		body["note"] = note
	}
	return a.call("PATCH", "/v1/barriers/"+barrierID, s.AccessToken, body)
}

// socialBarrierIDs lists every barrier s sees (query like "?status=open"), all pages.
func (a *testAPI) socialBarrierIDs(s *Session, query string) []string {
	a.t.Helper()
	path := "/v1/barriers" + query
	return a.listAll(path, s.AccessToken, 100)
}

// socialSuggest proposes a gesture as s.
func (a *testAPI) socialSuggest(s *Session, valueID, title string) Suggestion {
	a.t.Helper()
	var sg Suggestion
	body := map[string]any{"title": title, "how_to": "How to " + title + ".", "value_id": valueID}
	a.call("POST", "/v1/suggestions", s.AccessToken, body).expect(201).decode(&sg)
	return sg
}

// socialSuggestionIDs lists every suggestion s may review with a status ("" for the default).
func (a *testAPI) socialSuggestionIDs(s *Session, status string) []string {
	a.t.Helper()
	path := "/v1/suggestions"
	if status != "" {
		path += "?status=" + status
	}
	return a.listAll(path, s.AccessToken, 100)
}

// socialInbox reads the first page of s's notifications.
func (a *testAPI) socialInbox(s *Session) []Notification {
	a.t.Helper()
	var l NotificationList
	a.call("GET", "/v1/me/notifications?limit=100", s.AccessToken, nil).expect(200).decode(&l)
	return l.Items
}

// socialNotices lists s's notifications of kind, newest first.
func (a *testAPI) socialNotices(s *Session, kind string) []Notification {
	a.t.Helper()
	var out []Notification
	for _, n := range a.socialInbox(s) {
		if string(n.Kind) == kind {
			out = append(out, n)
		}
	}
	return out
}

// socialPoints is s's total points.
func (a *testAPI) socialPoints(s *Session) int {
	a.t.Helper()
	return a.loopMe(s).Stats.Points.Total
}

// socialHasBadge tells whether s holds the badge id.
func (a *testAPI) socialHasBadge(s *Session, id string) bool {
	a.t.Helper()
	return slices.Contains(loopBadgeIDs(a.loopMe(s).Badges), id)
}

// socialStatus renders a status for a subtest's name.
func socialStatus(status int) string { return strconv.Itoa(status) }
