package store

// Every Redis key microact uses is built here. An org's keys all carry the org's slug as a
// {hash tag}, so they live in one Redis Cluster slot and one Lua script may touch any of them.
// Keys built inside a script from the org's base (see scripts) keep that tag too.

type keys struct{ prefix string }

// org returns the base of an org's keys: "mx:{acme}:".
func (k keys) org(org string) string { return k.prefix + ":{" + org + "}:" }

func (k keys) orgSettings(org string) string     { return k.org(org) + "org" }
func (k keys) users(org string) string           { return k.org(org) + "users" }
func (k keys) user(org, id string) string        { return k.org(org) + "user:" + id }
func (k keys) emails(org string) string          { return k.org(org) + "emails" }
func (k keys) admins(org string) string          { return k.org(org) + "admins" }
func (k keys) teams(org string) string           { return k.org(org) + "teams" }
func (k keys) team(org, id string) string        { return k.org(org) + "team:" + id }
func (k keys) teamNames(org string) string       { return k.org(org) + "teamnames" }
func (k keys) teamMembers(org, id string) string { return k.org(org) + "team:" + id + ":members" }
func (k keys) refresh(org, hash string) string   { return k.org(org) + "refresh:" + hash }
func (k keys) family(org, id string) string      { return k.org(org) + "family:" + id }
func (k keys) revoked(org string) string         { return k.org(org) + "revoked" }
func (k keys) idempotency(org, user, key string) string {
	return k.org(org) + "idem:" + user + ":" + key
}

// enrollment indexes a code hash to its org and user. It is global because a person types
// the code before anyone knows their org; the org's own user record stays the authority.
func (k keys) enrollment(codeHash string) string { return k.prefix + ":enroll:" + codeHash }

// orgs lists every org's slug, for operators.
func (k keys) orgs() string { return k.prefix + ":orgs" }
