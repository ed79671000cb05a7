package domain

import (
	"slices"
	"time"
)

// Team is a group of employees with zero or more leads.
type Team struct {
	ID          string    `json:"id"`
	Rev         int       `json:"rev"` // bumped on every stored change; guards concurrent updates
	Org         string    `json:"org"`
	Name        string    `json:"name"`
	LeadIDs     []string  `json:"lead_ids"`
	Channel     Channel   `json:"channel,omitempty"` // "" none: the team gets gestures of every channel
	CreatedAt   time.Time `json:"created_at"`
	MemberCount int       `json:"-"` // read from the members index, not stored
}

// TeamInput creates or changes a team; nil fields stay as they are.
type TeamInput struct {
	Name    *string
	LeadIDs *[]string
	// Channel sets the team's channel; a pointer to "" clears it.
	Channel *string
}

// Apply validates in and applies it to t. Whether the leads exist is the store's check.
func (t *Team) Apply(in TeamInput) error {
	next := *t
	if in.Name != nil {
		name, err := CleanText("name", *in.Name, 100)
		if err != nil {
			return err
		}
		next.Name = name
	}
	if in.LeadIDs != nil {
		ids := slices.Clone(*in.LeadIDs)
		if len(ids) > 50 {
			return InvalidField("lead_ids", "must list at most 50 leads")
		}
		slices.Sort(ids)
		if len(slices.Compact(slices.Clone(ids))) != len(ids) {
			return InvalidField("lead_ids", "must not repeat a lead")
		}
		next.LeadIDs = slices.Clone(*in.LeadIDs)
	}
	if in.Channel != nil {
		next.Channel = ""
		if *in.Channel != "" {
			c, err := ParseChannel("channel", *in.Channel)
			if err != nil {
				return err
			}
			next.Channel = c
		}
	}
	if next.LeadIDs == nil {
		next.LeadIDs = []string{}
	}
	*t = next
	return nil
}

// Leads reports whether userID is one of the team's leads.
func (t Team) Leads(userID string) bool { return slices.Contains(t.LeadIDs, userID) }

// DashboardVisibleTo reports whether p may see the team's dashboard: an admin of its org, or a
// user the team lists as a lead.
func (t Team) DashboardVisibleTo(p Principal) bool {
	return t.Org == p.Org && (p.Role == RoleAdmin || t.Leads(p.UserID))
}

// VisibleTo reports whether p may look at the team (its dashboard, its board, the console's
// team picker): an admin every team of their org, a lead the teams that list them as a lead,
// an employee their own team.
func (t Team) VisibleTo(p Principal) bool {
	if t.Org != p.Org {
		return false
	}
	switch p.Role {
	case RoleAdmin:
		return true
	case RoleLead:
		return t.Leads(p.UserID)
	default:
		return t.ID != "" && t.ID == p.TeamID
	}
}
