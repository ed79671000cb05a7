package handlers

import (
	"context"

	"github.com/microact/microact/domain"
)

// dayContext works out the caller's local day and the org's current periods from the token
// and the cached org — no Redis call.
func (s *Server) dayContext(p domain.Principal, org *orgEntry) domain.DayContext {
	now := s.now()
	loc, err := domain.LoadTimezone("tz", p.Timezone)
	if err != nil {
		loc = org.loc // verified tokens always carry a valid zone
	}
	periods := org.periodsOf(domain.LocalDay(now, org.loc))
	return domain.DayContext{
		Now: now, Today: domain.LocalDay(now, loc), Location: loc, OrgLoc: org.loc, WeekStart: org.org.WeekStartsOn,
		Week: periods.week, Month: periods.month, Team: p.TeamID,
	}
}

// today is the caller's local day.
func (s *Server) today(ctx context.Context, p domain.Principal) (string, error) {
	org, err := s.orgs.get(ctx, p.Org)
	if err != nil {
		return "", err
	}
	return s.dayContext(p, org).Today, nil
}
