package domain

import (
	"testing"
	"time"
)

func TestDecideFeedback(t *testing.T) {
	limits := FeedbackLimits{PerAddress: 3, AddressWindow: time.Hour, PerLinkDay: 10}
	fresh := FeedbackState{LinkTeam: "T1", AddressTTL: -2, LinkTTL: -2} // as read before any answer
	with := func(change func(s *FeedbackState)) FeedbackState {
		s := fresh
		change(&s)
		return s
	}
	const counted = time.Duration(-1)
	cases := []struct {
		name string
		s    FeedbackState
		team string
		l    FeedbackLimits
		want time.Duration // counted, 0 for a link that is gone, else the wait
	}{
		{"the first answer on a link is counted", fresh, "T1", limits, counted},
		{"an address's last answer of its window is counted",
			with(func(s *FeedbackState) { s.ByAddress, s.AddressTTL = 2, 40*time.Minute }), "T1", limits, counted},
		{"an address at its limit waits until its counter runs out",
			with(func(s *FeedbackState) { s.ByAddress, s.AddressTTL = 3, 40*time.Minute }), "T1", limits, 40 * time.Minute},
		{"an address over its limit (the limit was lowered) waits too",
			with(func(s *FeedbackState) { s.ByAddress, s.AddressTTL = 7, time.Minute }), "T1", limits, time.Minute},
		{"an address counter without a time to live makes it wait the whole window",
			with(func(s *FeedbackState) { s.ByAddress, s.AddressTTL = 3, -1 }), "T1", limits, time.Hour},
		{"an address counter with under a second left makes it wait the whole window",
			with(func(s *FeedbackState) { s.ByAddress, s.AddressTTL = 3, 0 }), "T1", limits, time.Hour},
		{"an address counter's last second is waited for",
			with(func(s *FeedbackState) { s.ByAddress, s.AddressTTL = 3, time.Second }), "T1", limits, time.Second},
		{"a window's wait is whole seconds",
			with(func(s *FeedbackState) { s.ByAddress = 3 }), "T1",
			FeedbackLimits{PerAddress: 3, AddressWindow: 90*time.Second + 700*time.Millisecond, PerLinkDay: 10}, 90 * time.Second},
		{"a link's last answer of the day is counted",
			with(func(s *FeedbackState) { s.ByLink, s.LinkTTL = 9, 20*time.Hour }), "T1", limits, counted},
		{"a link at its day's limit waits until its day counter runs out",
			with(func(s *FeedbackState) { s.ByLink, s.LinkTTL = 10, 20*time.Hour }), "T1", limits, 20 * time.Hour},
		{"a link day counter without a time to live makes it wait the counter's whole life",
			with(func(s *FeedbackState) { s.ByLink, s.LinkTTL = 10, -1 }), "T1", limits, FeedbackLinkDayKept},
		{"an address and a link both at their limits wait for the address",
			with(func(s *FeedbackState) { s.ByAddress, s.AddressTTL, s.ByLink, s.LinkTTL = 3, time.Minute, 10, time.Hour }), "T1", limits, time.Minute},
		{"a rotated link counts nothing, even under its limits",
			with(func(s *FeedbackState) { s.LinkTeam = "T2" }), "T1", limits, 0},
		{"a revoked link counts nothing",
			with(func(s *FeedbackState) { s.LinkTeam = "" }), "T1", limits, 0},
		{"a link that is gone is gone before it is limited",
			with(func(s *FeedbackState) { s.LinkTeam, s.ByAddress, s.ByLink = "", 3, 10 }), "T1", limits, 0},
		{"a limit of zero answers counts none",
			fresh, "T1", FeedbackLimits{AddressWindow: time.Hour, PerLinkDay: 10}, time.Hour},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := DecideFeedback(c.s, c.team, c.l)
			switch {
			case c.want == counted:
				if err != nil {
					t.Fatalf("want counted, got %v", err)
				}
			case c.want == 0:
				if de := AsError(err); err == nil || de.Kind != KindNotFound {
					t.Fatalf("want not found, got %v", err)
				}
			default:
				if de := AsError(err); err == nil || de.Kind != KindRateLimited || de.RetryAfter != c.want {
					t.Fatalf("want rate limited for %v, got %#v", c.want, err)
				}
			}
		})
	}
}

// FuzzDecideFeedback checks the limits' invariants for any state: an answer is counted only on
// the link's own team with both counters under their limits, and a refused one always has a
// wait of whole seconds no longer than the counter's life.
func FuzzDecideFeedback(f *testing.F) {
	f.Add("T1", "T1", 2, int64(40), 9, int64(3600), 3, int64(3600), 10)
	f.Add("T1", "T1", 3, int64(-1), 0, int64(-2), 3, int64(3600), 10)
	f.Add("", "T1", 0, int64(0), 0, int64(0), 3, int64(3600), 10)
	f.Fuzz(func(t *testing.T, linkTeam, team string, byAddress int, addressTTL int64, byLink int, linkTTL int64, perAddress int, window int64, perLinkDay int) {
		l := FeedbackLimits{PerAddress: perAddress, AddressWindow: time.Duration(window%(1<<40)) * time.Millisecond, PerLinkDay: perLinkDay}
		s := FeedbackState{
			LinkTeam: linkTeam, ByAddress: byAddress, ByLink: byLink,
			AddressTTL: time.Duration(addressTTL % (1 << 40) * int64(time.Millisecond)),
			LinkTTL:    time.Duration(linkTTL % (1 << 40) * int64(time.Millisecond)),
		}
		err := DecideFeedback(s, team, l)
		if err == nil {
			if linkTeam == "" || linkTeam != team || byAddress >= perAddress || byLink >= perLinkDay {
				t.Fatalf("counted past a guard: %+v for %q within %+v", s, team, l)
			}
			return
		}
		de := AsError(err)
		switch de.Kind {
		case KindNotFound:
			if linkTeam != "" && linkTeam == team {
				t.Fatalf("the link names %q, refused as gone", team)
			}
		case KindRateLimited:
			// The address is told first; the wait is its counter's time left or, not known, its life.
			ttl, life := s.LinkTTL, FeedbackLinkDayKept
			if byAddress >= perAddress {
				ttl, life = s.AddressTTL, l.AddressWindow
			} else if byLink < perLinkDay {
				t.Fatalf("refused under both limits: %+v within %+v", s, l)
			}
			w := de.RetryAfter
			if w%time.Second != 0 || w < 0 || w > max(ttl, life) || (w == 0 && max(ttl, life) >= time.Second) {
				t.Fatalf("wait %v for %+v within %+v", w, s, l)
			}
		default:
			t.Fatalf("unexpected %v", err)
		}
	})
}
