package domain

import "time"

// A phone is not a feed: a user is pushed at most a few notifications a local day (the day by
// LocalDay in their own time zone), and of the notifications that collapse together (kudos on
// one story) at most one a window. Whatever is not pushed still reaches the inbox.

// PushLimits bound the pushes to one user.
type PushLimits struct {
	DailyCap int           // pushes per local day
	Window   time.Duration // one push per collapse window (counted in whole seconds), 0 for none
}

// PushRequest is one notification the outbox worker is about to push.
type PushRequest struct {
	ID       string // the notification
	Collapse string // what it collapses with, "" for nothing
	Now      time.Time
}

// PushState is what a push is decided from: the user's pushes counted on the local day the
// push falls on, and which notification holds the collapse window (read only when the push
// collapses with something).
type PushState struct {
	Counted  bool      // the notification is among the day's pushes already: a retry
	Today    int       // the pushes counted on the day
	Holder   string    // the notification that holds the collapse window, "" for none
	HeldTill time.Time // when its window ends, by the clock (not when the store forgets it)
}

// PushDecision says whether a notification is pushed, and what that records.
type PushDecision struct {
	Allow bool
	Count bool          // add it to the day's pushes
	Hold  time.Duration // hold the collapse window for it this long from now; 0 leaves it alone
}

// DecidePush decides whether a notification may be pushed. A retry of one already counted is
// pushed again (its first attempt may not have reached every phone) and records nothing. Another
// notification holding the collapse window until after now keeps this one off the phone, and so
// does a day that already has its cap of pushes; otherwise the push counts on the day and, when it
// collapses with something, holds the window from now. A window held by the notification itself
// (counted on another day) does not stop it: it only counts again and holds the window anew.
func DecidePush(s PushState, r PushRequest, l PushLimits) PushDecision {
	if s.Counted {
		return PushDecision{Allow: true}
	}
	window := l.Window.Truncate(time.Second) // the store keeps the window's end in whole seconds
	if r.Collapse == "" {
		window = 0
	}
	if window > 0 && s.Holder != "" && s.Holder != r.ID && s.HeldTill.After(r.Now) {
		return PushDecision{}
	}
	if s.Today >= l.DailyCap {
		return PushDecision{}
	}
	return PushDecision{Allow: true, Count: true, Hold: max(window, 0)}
}
