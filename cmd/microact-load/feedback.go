package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"sync/atomic"

	"github.com/microact/microact/domain"
)

// feedbackPhase is the phase of customers answering on the teams' feedback pages.
const feedbackPhase = "POST feedback answer"

// feedbackComments are what some customers write; the rest only give a score.
var feedbackComments = []string{
	"Anna found the right size for my son in two minutes.",
	"Friendly, quick, and they walked me to the right shelf.",
	"The queue at the till was long.",
	"Helped me carry the boxes to my car in the rain.",
}

// feedback is what the answer phase needs: every team's page and a counter that gives each
// answer an address of its own.
type feedback struct {
	pages   []string // "/f/<token>" per team
	answers atomic.Int64
}

// feedbackPages reads every seeded team's feedback link (made on its first read, as a lead's
// console does).
func (h *harness) feedbackPages(ctx context.Context) error {
	seen := map[string]bool{}
	for _, p := range h.people {
		if p.team == "" || seen[p.team] {
			continue
		}
		seen[p.team] = true
		token, err := h.st.FeedbackLink(ctx, h.o.org, p.team)
		if err != nil {
			return fmt.Errorf("feedback link of %s: %w", p.team, err)
		}
		h.fb.pages = append(h.fb.pages, "/f/"+token)
	}
	return nil
}

// answer is one customer's answer on the next team's page, from an address of its own: the
// server counts an address's answers (10 an hour) and each link's (1,000 a day), and limits an
// address's page loads (30 a minute); the harness measures the answer path, so it stays under
// all three. The address, a made-up one of the benchmarking range 198.18.0.0/15 (RFC 2544), is
// only a header's text: it reaches the server as the X-Forwarded-For of its trusted loopback
// proxy (MICROACT_TRUSTED_PROXIES in scripts/bench.sh); no request leaves this machine.
func (h *harness) answer(rng *rand.Rand) (call, bool) {
	n := h.fb.answers.Add(1) - 1
	limits := domain.DefaultFeedbackLimits
	if len(h.fb.pages) == 0 || n >= int64(limits.PerAddress)*131072 || n >= int64(limits.PerLinkDay*len(h.fb.pages)) {
		return call{}, false
	}
	a := n % 131072
	address := fmt.Sprintf("198.%d.%d.%d", 18+a>>16, (a>>8)&255, a&255)
	score := 6 + rng.IntN(5) // 6–10, mostly passives and promoters
	if rng.IntN(10) == 0 {
		score = rng.IntN(6)
	}
	form := url.Values{"score": {strconv.Itoa(score)}}
	if rng.IntN(3) == 0 {
		form.Set("comment", feedbackComments[rng.IntN(len(feedbackComments))])
	}
	return call{
		kind: "answer", method: "POST", path: h.fb.pages[int(n)%len(h.fb.pages)], body: form.Encode(), want: 200,
		headers: []string{"Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-For", address},
	}, true
}

// answersCounted is how many answers the org's counts hold.
func (h *harness) answersCounted(ctx context.Context) (int, error) {
	days, err := h.st.FeedbackCounts(ctx, h.o.org, "")
	n := 0
	for _, c := range days {
		for _, k := range c {
			n += k
		}
	}
	return n, err
}
