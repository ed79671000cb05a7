package handlers

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Abuse limits of show and tell, barriers and suggestions: text trimmed and bounded, control
// characters refused, a per-user rate on kudos, suggestions and barriers, one story a day.

// socialBadTexts are texts every free-text field refuses, with why.
var socialBadTexts = []struct{ why, text string }{
	{"a NUL", "Nice\x00story"},
	{"a bell", "Ring\x07ring"},
	{"an escape sequence", "\x1b[31mred\x1b[0m"},
	{"a C1 control", "next\u0085line"},
	{"a delete", "oops\x7f"},
}

func TestSocialStoryText(t *testing.T) {
	o := socialNewOrg(t, "limits-story")
	share := func(s *Session, story string) response {
		t.Helper()
		return o.a.loopRecord(s, o.a.loopToday(s).Id, map[string]any{"result": "done", "story": story, "share": true})
	}
	for _, c := range socialBadTexts {
		t.Run("a story with "+c.why+" is 422", func(t *testing.T) {
			p := share(o.eva, c.text).wantProblem(422, "invalid")
			if !p.names("story") {
				t.Errorf("the problem names %v", p.fieldNames())
			}
		})
	}
	t.Run("a story over 1000 characters is 422", func(t *testing.T) {
		share(o.eva, strings.Repeat("a", 1001)).wantProblem(422, "invalid")
		share(o.eva, strings.Repeat("é", 1001)).wantProblem(422, "invalid")
	})
	t.Run("nothing was recorded by the refused outcomes", func(t *testing.T) {
		if as := o.a.loopToday(o.eva); as.Outcome != nil {
			t.Errorf("outcome %+v", as.Outcome)
		}
		if l := o.a.socialFeed(o.eva, "?scope=org"); len(l.Items) != 0 {
			t.Errorf("feed %+v", l.Items)
		}
	})
	t.Run("1000 characters, even of two bytes each, with line breaks and tabs, are accepted", func(t *testing.T) {
		text := "Line one\n\tLine two " + strings.Repeat("é", 1000-19)
		var r OutcomeResult
		share(o.eva, text).expect(201).decode(&r)
		st, ok := o.a.socialFind(o.ben, "team", *r.StoryId)
		if !ok || st.Text != text {
			t.Errorf("the story reads %q", st.Text)
		}
	})
	t.Run("a blank story shares nothing", func(t *testing.T) {
		var r OutcomeResult
		share(o.ben, " \n\t ").expect(201).decode(&r)
		if r.StoryId != nil {
			t.Errorf("story_id %q", *r.StoryId)
		}
		if l := o.a.socialFeed(o.eva, "?scope=org"); len(l.Items) != 1 {
			t.Errorf("%d stories in the feed, want Eva's only", len(l.Items))
		}
	})
	t.Run("one story a day: a second outcome for the day is 409", func(t *testing.T) {
		share(o.eva, "Again, to flood the feed.").wantProblem(409, "already_recorded")
	})
}

func TestSocialBarrierText(t *testing.T) {
	o := socialNewOrg(t, "limits-barrier")
	report := func(text string) response {
		t.Helper()
		return o.a.call("POST", "/v1/barriers", o.eva.AccessToken, map[string]any{"category": "time", "text": text})
	}
	blocked := func(s *Session, text string) response {
		t.Helper()
		return o.a.loopRecord(s, o.a.loopToday(s).Id, map[string]any{"result": "blocked", "barrier": map[string]any{"category": "time", "text": text}})
	}
	for _, c := range socialBadTexts {
		t.Run("a barrier with "+c.why+" is 422, reported or with a blocked outcome", func(t *testing.T) {
			if p := report(c.text).wantProblem(422, "invalid"); !p.names("text") {
				t.Errorf("the problem names %v", p.fieldNames())
			}
			if p := blocked(o.ben, c.text).wantProblem(422, "invalid"); !p.names("barrier.text") {
				t.Errorf("the problem names %v", p.fieldNames())
			}
		})
	}
	t.Run("a barrier over 1000 characters or blank is 422", func(t *testing.T) {
		for _, text := range []string{strings.Repeat("x", 1001), strings.Repeat("ü", 1001), "   ", ""} {
			report(text).wantProblem(422, "invalid")
			blocked(o.ben, text).wantProblem(422, "invalid")
		}
	})
	t.Run("a note with control characters or over 1000 characters is 422", func(t *testing.T) {
		b := o.a.socialReport(o.eva, "time", "Too busy.")
		o.a.socialMove(o.lena, b.Id, "acknowledged", "Ok\x1b").wantProblem(422, "invalid")
		o.a.socialMove(o.lena, b.Id, "acknowledged", strings.Repeat("n", 1001)).wantProblem(422, "invalid")
		o.a.socialMove(o.lena, b.Id, "acknowledged", "Fine.\nReally.").expect(200)
	})
	t.Run("nothing was filed by the refused reports", func(t *testing.T) {
		if ids := o.a.socialBarrierIDs(&o.admin, ""); len(ids) != 1 {
			t.Errorf("%d barriers, want 1", len(ids))
		}
	})
	t.Run("1000 characters of text are accepted", func(t *testing.T) {
		text := strings.Repeat("ü", 1000)
		if b := o.a.socialReport(o.eva, "time", text); b.Text != text {
			t.Errorf("text of %d characters", len([]rune(b.Text)))
		}
	})
	t.Run("text is trimmed, inner line breaks kept", func(t *testing.T) {
		if b := o.a.socialReport(o.eva, "time", "\n\t The till.\nAnd the door. "); b.Text != "The till.\nAnd the door." {
			t.Errorf("text %q", b.Text)
		}
	})
}

func TestSocialSuggestionText(t *testing.T) {
	o := socialNewOrg(t, "limits-suggest")
	suggest := func(title, howTo string) response {
		t.Helper()
		return o.a.call("POST", "/v1/suggestions", o.eva.AccessToken, map[string]any{"title": title, "how_to": howTo, "value_id": o.value.Id})
	}
	for _, c := range socialBadTexts[:3] {
		t.Run("a title or how-to with "+c.why+" is 422", func(t *testing.T) {
			suggest(c.text, "Fine.").wantProblem(422, "invalid")
			suggest("Fine", c.text).wantProblem(422, "invalid")
		})
	}
	t.Run("a title over 80 or a how-to over 400 characters is 422, blank ones too", func(t *testing.T) {
		suggest(strings.Repeat("t", 81), "Fine.").wantProblem(422, "invalid")
		suggest("Fine", strings.Repeat("h", 401)).wantProblem(422, "invalid")
		suggest("  ", "Fine.").wantProblem(422, "invalid")
	})
	t.Run("texts are trimmed", func(t *testing.T) {
		var sg Suggestion
		o.a.call("POST", "/v1/suggestions", o.ben.AccessToken, map[string]any{"title": "  Offer water  ", "how_to": "\tOffer a glass of water. ", "value_id": o.value.Id}).
			expect(201).decode(&sg)
		if sg.Title != "Offer water" || sg.HowTo != "Offer a glass of water." {
			t.Errorf("suggestion %+v", sg)
		}
	})
}

// socialRetryAfter reads a 429's Retry-After in seconds.
func socialRetryAfter(t *testing.T, r response) time.Duration {
	t.Helper()
	r.wantProblem(429, "rate_limited")
	n, err := strconv.Atoi(r.Header.Get("Retry-After"))
	if err != nil || n < 1 {
		t.Fatalf("Retry-After %q", r.Header.Get("Retry-After"))
	}
	return time.Duration(n) * time.Second
}

func TestSocialKudosRate(t *testing.T) {
	o := socialNewOrg(t, "limits-kudos")
	story := o.socialShare(o.eva, "A story everyone likes.")
	kudos := func(s *Session, method string) response {
		return o.a.call(method, "/v1/stories/"+story+"/kudos", s.AccessToken, nil)
	}
	t.Run("30 kudos calls a minute pass, the 31st is 429 with Retry-After", func(t *testing.T) {
		for i := range 30 {
			method := []string{"PUT", "DELETE"}[i%2]
			if r := kudos(o.ben, method); r.Status != 204 {
				t.Fatalf("call %d: %d %s", i+1, r.Status, r.Body)
			}
		}
		wait := socialRetryAfter(t, kudos(o.ben, "PUT"))
		if wait > 10*time.Second {
			t.Errorf("Retry-After %s for a rate of 30 a minute", wait)
		}
		o.a.clock.Advance(wait - time.Second)
		kudos(o.ben, "PUT").wantProblem(429, "rate_limited")
		o.a.clock.Advance(time.Second)
		kudos(o.ben, "PUT").expect(204)
	})
	t.Run("the limit is per user", func(t *testing.T) {
		kudos(o.olaf, "PUT").expect(204)
		kudos(o.ben, "DELETE").wantProblem(429, "rate_limited")
	})
	t.Run("a minute later the whole allowance is back", func(t *testing.T) {
		o.socialAdvance(time.Minute)
		for i := range 30 {
			kudos(o.ben, []string{"DELETE", "PUT"}[i%2]).expect(204)
		}
		kudos(o.ben, "PUT").wantProblem(429, "rate_limited")
	})
	t.Run("the refused calls changed nothing", func(t *testing.T) {
		o.socialAdvance(time.Minute)
		if n, mine := o.a.socialKudosOf(o.ben, story); n != 2 || !mine {
			t.Errorf("kudos %d, kudoed_by_me %v; want Olaf's and Ben's", n, mine) // Ben's last call that passed was a PUT
		}
	})
}

func TestSocialSuggestionAndBarrierRates(t *testing.T) {
	for _, c := range []struct {
		what  string
		per   time.Duration
		allow int
		do    func(o *socialOrg, s *Session, i int) response
	}{
		{"suggestions", time.Hour, suggestionRate.Events, func(o *socialOrg, s *Session, i int) response {
			return o.a.call("POST", "/v1/suggestions", s.AccessToken, map[string]any{"title": fmt.Sprintf("Idea %d", i), "how_to": "Do it.", "value_id": o.value.Id})
		}},
		{"barriers", time.Hour, barrierRate.Events, func(o *socialOrg, s *Session, i int) response {
			return o.a.call("POST", "/v1/barriers", s.AccessToken, map[string]any{"category": "time", "text": fmt.Sprintf("Barrier %d", i)})
		}},
	} {
		t.Run(fmt.Sprintf("%d %s an hour pass, one more is 429 until Retry-After has passed", c.allow, c.what), func(t *testing.T) {
			o := socialNewOrg(t, "limits-"+c.what)
			for i := range c.allow {
				c.do(o, o.eva, i).expect(201)
			}
			wait := socialRetryAfter(t, c.do(o, o.eva, c.allow))
			if wait > c.per/time.Duration(c.allow)+time.Second {
				t.Errorf("Retry-After %s", wait)
			}
			c.do(o, o.ben, 0).expect(201) // per user
			o.socialAdvance(2 * time.Minute)
			c.do(o, o.eva, c.allow+1).wantProblem(429, "rate_limited") // an idle minute is not an hour
			o.socialAdvance(wait - 2*time.Minute)
			c.do(o, o.eva, c.allow+2).expect(201)
			c.do(o, o.eva, c.allow+3).wantProblem(429, "rate_limited")
		})
	}
}
