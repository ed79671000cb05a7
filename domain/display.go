package domain

import (
	"context"
	"encoding/base64"
	"strings"
	"time"
)

// Display is a break-room screen's link: a team's (TeamID) or the whole org's (TeamID "").
// Its token is a bearer secret that lets a screen read what the display shows and nothing
// else; the store keeps only its hash (see HashSecret).
type Display struct {
	ID        string    `json:"id"`
	Org       string    `json:"org"`
	TeamID    string    `json:"team_id"`
	TokenHash string    `json:"token_hash"`
	CreatedBy string    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// MaxDisplays bounds an org's display links: a screen per break room, not per person.
const MaxDisplays = 50

// displayTokenPrefix tells a display token apart from every other secret at a glance (and in a
// leaked log line): it is no refresh token and no access token.
const displayTokenPrefix = "mxd."

// NewDisplayToken returns a display token for an org: the prefix, the org slug (so the server
// finds the org's keys) and 256 random bits, the secret.
func NewDisplayToken(org string) string {
	var b [32]byte
	mustRead(b[:])
	return displayTokenPrefix + org + "." + base64.RawURLEncoding.EncodeToString(b[:])
}

// ParseDisplayToken splits a display token into its org and the hash it is stored under; ok is
// false for anything that cannot be one.
func ParseDisplayToken(token string) (org, hash string, ok bool) {
	rest, found := strings.CutPrefix(token, displayTokenPrefix)
	if !found {
		return "", "", false
	}
	org, secret, found := strings.Cut(rest, ".")
	if !found || ValidateSlug(org) != nil || len(secret) != 43 {
		return "", "", false
	}
	if _, err := base64.RawURLEncoding.DecodeString(secret); err != nil {
		return "", "", false
	}
	return org, HashSecret(token), true
}

// CanManageDisplay reports whether p may create, see and revoke a display of team (nil for the
// whole org's): an admin any display of their org, a lead those of the teams they lead, nobody
// else any.
func CanManageDisplay(p Principal, team *Team) bool {
	switch {
	case p.Role == RoleAdmin:
		return team == nil || team.Org == p.Org
	case p.Role == RoleLead && team != nil:
		return team.Org == p.Org && team.Leads(p.UserID)
	}
	return false
}

// DisplayStore keeps display links.
type DisplayStore interface {
	// CreateDisplay stores a display; a team that is not the org's is 422 on team_id.
	CreateDisplay(ctx context.Context, d Display) error
	// Displays lists an org's displays, oldest first.
	Displays(ctx context.Context, org string) ([]Display, error)
	// DisplayByToken finds the display a token hash belongs to (NotFound when revoked or never made).
	DisplayByToken(ctx context.Context, org, hash string) (Display, error)
	// DeleteDisplay revokes a display: its token stops working at once. NotFound when there is none.
	DeleteDisplay(ctx context.Context, org, id string) error
}
