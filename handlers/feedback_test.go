package handlers

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

const formType = "application/x-www-form-urlencoded"

// feedbackPath is the path of a link's page.
func feedbackPath(t *testing.T, link FeedbackLink) string {
	t.Helper()
	u, err := url.Parse(link.Url)
	if err != nil || !strings.HasPrefix(u.Path, "/f/") {
		t.Fatalf("link %q", link.Url)
	}
	return u.Path
}

func answerForm(score, comment string) string {
	return url.Values{"score": {score}, "comment": {comment}}.Encode()
}

func TestFeedbackLinkAccess(t *testing.T) {
	t.Parallel()
	o := boardNewOrg(t, "fbaccess")
	lead := o.member("Lena Lead", "lead", "")
	team := o.boardTeam("Store 1", lead.User.Id)
	employee := o.member("Emil Employee", "employee", team.Id)
	path := "/v1/teams/" + team.Id + "/feedback-link"

	var first FeedbackLink
	t.Run("the team's lead gets the link, the same on every read", func(t *testing.T) {
		o.a.call("GET", path, lead.AccessToken, nil).expect(200).decode(&first)
		var again FeedbackLink
		o.a.call("GET", path, o.admin.AccessToken, nil).expect(200).decode(&again)
		if again != first || !strings.Contains(first.Url, "/f/fbaccess.") {
			t.Fatalf("%q then %q", first.Url, again.Url)
		}
	})
	t.Run("an employee may not see or rotate it", func(t *testing.T) {
		o.a.call("GET", path, employee.AccessToken, nil).expect(403, "forbidden")
		o.a.call("POST", path, employee.AccessToken, nil).expect(403, "forbidden")
	})
	t.Run("rotating gives a new link and the old page is gone", func(t *testing.T) {
		var next FeedbackLink
		o.a.call("POST", path, lead.AccessToken, nil).expect(200).decode(&next)
		if next == first {
			t.Fatal("rotating kept the link")
		}
		r := o.a.call("GET", feedbackPath(t, first), "", nil).expect(404)
		if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(r.Body), "no longer works") {
			t.Fatalf("%s %s", r.Header.Get("Content-Type"), r.Body)
		}
		o.a.call("GET", feedbackPath(t, next), "", nil).expect(200)
	})
	t.Run("only an admin revokes, and a revoked link is not made again until a rotation", func(t *testing.T) {
		o.a.call("DELETE", path, lead.AccessToken, nil).expect(403, "forbidden")
		var cur FeedbackLink
		o.a.call("GET", path, lead.AccessToken, nil).expect(200).decode(&cur)
		o.a.call("DELETE", path, o.admin.AccessToken, nil).expect(204)
		o.a.call("GET", path, lead.AccessToken, nil).expect(409, "feedback_link_revoked")
		o.a.call("GET", feedbackPath(t, cur), "", nil).expect(404)
		o.a.call("POST", path, lead.AccessToken, nil).expect(200)
		o.a.call("GET", path, lead.AccessToken, nil).expect(200)
	})
	t.Run("another org's team is not found", func(t *testing.T) {
		other := o.a.org("fbother")
		o.a.call("GET", path, other.AccessToken, nil).expect(404)
	})
}

func TestFeedbackPage(t *testing.T) {
	t.Parallel()
	o := boardNewOrg(t, "fbpage")
	lead := o.member("Lena Lead", "lead", "")
	team := o.boardTeam("Store 1", lead.User.Id)
	var link FeedbackLink
	o.a.call("GET", "/v1/teams/"+team.Id+"/feedback-link", lead.AccessToken, nil).expect(200).decode(&link)
	page := feedbackPath(t, link)

	t.Run("the page is small, has no script and a strict policy", func(t *testing.T) {
		r := o.a.call("GET", page, "", nil).expect(200)
		body := string(r.Body)
		if len(r.Body) > 30*1024 || strings.Contains(body, "<script") || !strings.Contains(body, `name="score" value="10"`) {
			t.Fatalf("%d bytes: %s", len(r.Body), body)
		}
		csp := r.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "style-src 'sha256-") || strings.Contains(csp, "unsafe") {
			t.Fatalf("policy %q", csp)
		}
	})
	t.Run("the page speaks the customer's language among the org's, else the org's default", func(t *testing.T) {
		nl := string(o.a.call("GET", page, "", nil, "Accept-Language", "nl-BE,nl;q=0.9,en;q=0.5").expect(200).Body)
		if !strings.Contains(nl, `lang="nl"`) || !strings.Contains(nl, "Versturen") {
			t.Fatalf("%s", nl)
		}
		de := string(o.a.call("GET", page, "", nil, "Accept-Language", "de-DE").expect(200).Body)
		if !strings.Contains(de, `lang="de"`) || !strings.Contains(de, "Senden") {
			t.Fatalf("%s", de)
		}
		es := string(o.a.call("GET", page, "", nil, "Accept-Language", "es-ES").expect(200).Body)
		if !strings.Contains(es, `lang="en"`) || !strings.Contains(es, "Send") {
			t.Fatalf("a language the page does not speak falls back to the org's default: %s", es)
		}
	})
	t.Run("an answer is thanked, screened and shown on the lead's dashboard", func(t *testing.T) {
		r := o.a.call("POST", page, "", answerForm("10", "Anna was great, mail anna@example.com"), "Content-Type", formType).expect(200)
		if !strings.Contains(string(r.Body), "Thank you!") || !strings.Contains(r.Header.Get("Set-Cookie"), "answered=2026-11-23") {
			t.Fatalf("%s %q", r.Body, r.Header.Get("Set-Cookie"))
		}
		var d Dashboard
		o.a.call("GET", "/v1/teams/"+team.Id+"/dashboard", lead.AccessToken, nil).expect(200).decode(&d)
		last := d.Nps.Series[len(d.Nps.Series)-1]
		if last.Answers != 1 || last.Promoters != 1 || last.Score != 100 || last.TopShare != 1 || d.Nps.Period.Answers != 1 {
			t.Fatalf("series %+v period %+v", last, d.Nps.Period)
		}
		if len(d.Nps.LatestComments) != 1 || d.Nps.LatestComments[0].Comment != "Anna was great, mail […]" || d.Nps.LatestComments[0].Score != 10 {
			t.Fatalf("comments %+v", d.Nps.LatestComments)
		}
		if d.Nps.Org != nil {
			t.Fatal("a lead got the org's roll-up")
		}
		var ad Dashboard
		o.a.call("GET", "/v1/teams/"+team.Id+"/dashboard", o.admin.AccessToken, nil).expect(200).decode(&ad)
		if ad.Nps.Org == nil || (*ad.Nps.Org)[7].Answers != 1 {
			t.Fatalf("org roll-up %+v", ad.Nps.Org)
		}
	})
	answers := func() int {
		var d Dashboard
		o.a.call("GET", "/v1/teams/"+team.Id+"/dashboard", lead.AccessToken, nil).expect(200).decode(&d)
		return d.Nps.Period.Answers
	}
	t.Run("a browser that answered today is thanked and not counted again", func(t *testing.T) {
		r := o.a.call("POST", page, "", answerForm("0", ""), "Content-Type", formType, "Cookie", "answered=2026-11-23").expect(200)
		if !strings.Contains(string(r.Body), "already answered") || answers() != 1 {
			t.Fatalf("%s, %d answers", r.Body, answers())
		}
		o.a.call("GET", page, "", nil, "Cookie", "answered=2026-11-23").expect(200)
	})
	t.Run("a filled-in honeypot is thanked and not counted", func(t *testing.T) {
		body := url.Values{"score": {"10"}, "website": {"http://spam.example"}}.Encode()
		o.a.call("POST", page, "", body, "Content-Type", formType).expect(200)
		if answers() != 1 {
			t.Fatalf("%d answers", answers())
		}
	})
	t.Run("no score or one out of range shows the form again", func(t *testing.T) {
		for _, score := range []string{"", "11", "-1", "ten"} {
			r := o.a.call("POST", page, "", answerForm(score, "kept"), "Content-Type", formType).expect(422)
			if !strings.Contains(string(r.Body), "from 0 to 10") || !strings.Contains(string(r.Body), ">kept</textarea>") {
				t.Fatalf("%q: %s", score, r.Body)
			}
		}
	})
	t.Run("a body over 64 KiB is 413, as a page", func(t *testing.T) {
		r := o.a.call("POST", page, "", answerForm("9", strings.Repeat("x", 70_000)), "Content-Type", formType).expect(413)
		if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("%q", r.Header.Get("Content-Type"))
		}
	})
	t.Run("a malformed token is 404, as a page", func(t *testing.T) {
		o.a.call("GET", "/f/not-a-token", "", nil).expect(404)
	})
	t.Run("an answer on a link rotated since this replica last counted one is not counted", func(t *testing.T) {
		before := answers()
		o.a.call("POST", "/v1/teams/"+team.Id+"/feedback-link", lead.AccessToken, nil).expect(200)
		r := o.a.call("POST", page, "", answerForm("10", ""), "Content-Type", formType).expect(404)
		if !strings.Contains(string(r.Body), "no longer works") || answers() != before {
			t.Fatalf("%s, %d answers (before %d)", r.Body, answers(), before)
		}
	})
}

// A flood is counted only within the limits: from one address up to the address's limit,
// from many up to the link's daily limit.
func TestFeedbackFlood(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	_, proxies, _ := net.ParseCIDR("127.0.0.0/8")
	flood := a.replica(func(s *Server) {
		s.TrustedProxies = append(s.TrustedProxies, proxies)
		s.FeedbackLimits = domain.FeedbackLimits{PerAddress: 3, AddressWindow: time.Hour, PerLinkDay: 10}
		s.FeedbackPageRate = domain.Rate{Events: 10_000, Per: time.Second}
	})
	o := boardOrgOn(a, "fbflood")
	team := o.boardTeam("Store 1")
	var link FeedbackLink
	a.call("GET", "/v1/teams/"+team.Id+"/feedback-link", o.admin.AccessToken, nil).expect(200).decode(&link)
	page := feedbackPath(t, link)
	answers := func() int {
		var d Dashboard
		a.call("GET", "/v1/teams/"+team.Id+"/dashboard", o.admin.AccessToken, nil).expect(200).decode(&d)
		return d.Nps.Period.Answers
	}
	statuses := func(n int, address func(i int) string) map[int]int {
		got := map[int]int{}
		for i := range n {
			r := flood.call("POST", page, "", answerForm("10", ""), "Content-Type", formType, "X-Forwarded-For", address(i))
			got[r.Status]++
			if r.Status == 429 && r.Header.Get("Retry-After") == "" {
				t.Fatal("429 without Retry-After")
			}
		}
		return got
	}
	t.Run("from one address, its limit is counted and the rest told to wait", func(t *testing.T) {
		got := statuses(50, func(int) string { return "203.0.113.9" })
		if got[200] != 3 || got[429] != 47 || answers() != 3 {
			t.Fatalf("statuses %v, %d counted", got, answers())
		}
	})
	t.Run("from many addresses, the link's daily limit is counted", func(t *testing.T) {
		got := statuses(50, func(i int) string { return fmt.Sprintf("198.51.100.%d", i+1) })
		if got[200] != 7 || got[429] != 43 || answers() != 10 {
			t.Fatalf("statuses %v, %d counted", got, answers())
		}
	})
	t.Run("the page itself is limited per address in each replica", func(t *testing.T) {
		got := map[int]int{}
		for range 40 {
			got[a.call("GET", page, "", nil).Status]++
		}
		if got[200] != feedbackPageRate.Events || got[429] != 40-feedbackPageRate.Events {
			t.Fatalf("statuses %v", got)
		}
	})
}

func TestDashboardLinksAnswersToGestures(t *testing.T) {
	t.Parallel()
	o := boardNewOrg(t, "fblink")
	lead := o.member("Lena Lead", "lead", "")
	team := o.boardTeam("Store 1", lead.User.Id)
	emp := o.member("Emil Employee", "employee", team.Id)
	o.boardDoneAt(testNow.Add(time.Hour), emp)
	o.at(testNow.Add(2*time.Hour), lead)
	var link FeedbackLink
	o.a.call("GET", "/v1/teams/"+team.Id+"/feedback-link", lead.AccessToken, nil).expect(200).decode(&link)
	o.a.call("POST", feedbackPath(t, link), "", answerForm("9", ""), "Content-Type", formType).expect(200)
	var d Dashboard
	o.a.call("GET", "/v1/teams/"+team.Id+"/dashboard", lead.AccessToken, nil).expect(200).decode(&d)
	g := d.Nps.Gestures
	if g.Few.Days != 1 || g.Few.Answers != 1 || g.Few.TopShare != 1 || g.Many.Days != 0 || g.ManyFrom != 2 {
		t.Fatalf("groups %+v", g)
	}
	if len(g.BestDays) != 1 || g.BestDays[0].Format(time.DateOnly) != "2026-11-23" {
		t.Fatalf("best days %v", g.BestDays)
	}
	if len(g.BestDayValues) != 1 || g.BestDayValues[0].Name != "Attentive" || g.BestDayValues[0].Done != 1 {
		t.Fatalf("values %+v", g.BestDayValues)
	}
}
