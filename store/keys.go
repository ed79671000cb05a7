package store

import "strings"

// Every Redis key microact uses is built here. An org's keys all carry the org's slug as a
// {hash tag}, so they live in one Redis Cluster slot and one Lua script may touch any of them.
// A script that learns an id only from data it reads in the same step (the user a refresh
// token names) is given the key's pattern (keyPattern) and fills the id in (keyof,
// lua/lib_keys.lua), so that key is named here too and keeps the tag.

type keys struct{ prefix string }

// keyHole stands for an id a script fills into a key: keyPattern(k.user(org, keyHole)).
const keyHole = "\x00"

// keyPattern is a key built with keyHole for the ids a script fills in, split at its holes:
// the parts keyof (lua/lib_keys.lua) puts the ids between, in order. Ids and slugs never hold
// a NUL byte.
func keyPattern(key string) []string { return strings.Split(key, keyHole) }

// keyIDs reads back the ids a key of pattern p (keyPattern) holds, in order, for keys found by
// SCAN: ok is false when key is not of the pattern. An id is never empty and holds no ':', so
// a key beside one of the pattern ("story:<id>:kudosat" beside "story:<id>:kudos") is not of it.
func keyIDs(p []string, key string) (ids []string, ok bool) {
	rest, ok := strings.CutPrefix(key, p[0])
	if !ok {
		return nil, false
	}
	for _, part := range p[1:] {
		id := rest
		if part != "" {
			i := strings.Index(rest, part)
			if i < 0 {
				return nil, false
			}
			id = rest[:i]
		}
		if id == "" || strings.Contains(id, ":") {
			return nil, false
		}
		ids, rest = append(ids, id), rest[len(id)+len(part):]
	}
	if rest != "" {
		return nil, false
	}
	return ids, true
}

// keyID is keyIDs of a pattern with one id.
func keyID(p []string, key string) (string, bool) {
	ids, ok := keyIDs(p, key)
	if !ok || len(ids) != 1 {
		return "", false
	}
	return ids[0], true
}

// lexChunk is the chunk of the lex index named index that starts at id name, and lexChunks the
// index's directory of its chunks' names (lua/lib_lex_index.lua). A chunk's name comes from the
// index's own data, so the script fills both in from their patterns (luaLexIndex); built from
// the index's name, they carry its hash tag.
func lexChunk(index, name string) string { return index + ":" + name }
func lexChunks(index string) string      { return index + ":c" }

// org returns the base of an org's keys: "mx:{acme}:"; orgPattern matches every key of the org.
func (k keys) org(org string) string        { return k.prefix + ":{" + org + "}:" }
func (k keys) orgPattern(org string) string { return k.org(org) + "*" }

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
func (k keys) revoked(org string) string         { return k.org(org) + "revoked" }
func (k keys) idempotency(org, user, key string) string {
	return k.org(org) + "idem:" + user + ":" + key
}

// userOwn begins the name of every key beside a user's hash that holds their things alone (their
// barrier and suggestion indexes, userBarriers and userSuggestions, and the index's chunks).
func (k keys) userOwn(org, id string) string { return k.org(org) + "user:" + id + ":" }

// idempotencyParts keeps the records of the parts of a request's work (see SetPart), beside
// its Idempotency-Key (the same user and key hash), for the request's fingerprint only: another
// body sent with the key once its reservation is gone must not be answered from them.
func (k keys) idempotencyParts(org, user, key, fingerprint string) string {
	return k.org(org) + "idem:" + user + ":" + key + ":parts:" + fingerprint
}

// enrollment indexes a code hash to its org and user. It is global because a person types
// the code before anyone knows their org; the org's own user record stays the authority.
func (k keys) enrollment(codeHash string) string { return k.prefix + ":enroll:" + codeHash }

// orgs lists every org's slug, for operators.
func (k keys) orgs() string { return k.prefix + ":orgs" }

// worker is a push worker's heartbeat (see Store.WorkerBeat). It is global, like the worker:
// one process delivers for every org.
func (k keys) worker(consumer string) string { return k.prefix + ":worker:" + consumer }

// authFailures and authCeiling are a client's budgets of failed sign-ins (see FailureLimiter),
// global because a client fails before anyone knows its org. redis_rate puts "rate:" in front.
func (k keys) authFailures(client string) string { return k.prefix + ":authfail:" + client }
func (k keys) authCeiling(client string) string  { return k.prefix + ":authceil:" + client }

// seq counts the catalogue ids of every org (see catalogID). It is global so that an id is never
// handed out twice, to two orgs or to an org deleted and made again; it is never in a script.
func (k keys) seq() string { return k.prefix + ":seq" }

// The catalogue: values, gestures, challenges, and the compact catalogues the loop picks from.
func (k keys) value(org, id string) string     { return k.org(org) + "value:" + id }
func (k keys) values(org string) string        { return k.org(org) + "values" }
func (k keys) activeValues(org string) string  { return k.org(org) + "values:active" }
func (k keys) gesture(org, id string) string   { return k.org(org) + "gesture:" + id }
func (k keys) gestures(org string) string      { return k.org(org) + "gestures" }
func (k keys) challenge(org, id string) string { return k.org(org) + "challenge:" + id }
func (k keys) challenges(org string) string    { return k.org(org) + "challenges" }
func (k keys) catalog(org string) string       { return k.org(org) + "catalog" }
func (k keys) challengeCatalog(org string) string {
	return k.org(org) + "chcatalog"
}
func (k keys) packKeys(org string) string { return k.org(org) + "packkeys" }

// A user's daily loop.
func (k keys) assignments(org, user string) string { return k.org(org) + "asg:" + user }
func (k keys) stats(org, user string) string       { return k.org(org) + "stats:" + user }
func (k keys) badges(org, user string) string      { return k.org(org) + "badges:" + user }
func (k keys) outcomeIdempotency(org, user, keyHash string) string {
	return k.org(org) + "idemo:" + user + ":" + keyHash
}

// outcomeCounts counts, per day (field: the assignment's day), the outcomes recorded for it: the
// days export, rebuild and retention look at, and the totals they report. Which users recorded
// one is read from the users' records of the day (see eachOutcomes): nearly every user has a
// record on nearly every workday, so an index of them would save few reads and cost every
// outcome its id in memory.
func (k keys) outcomeCounts(org string) string { return k.org(org) + "outcomes" }

// layout2OutcomeIndex, layout2OutcomeBucket and layout2OutcomeDays name what layout 2 kept
// instead of outcomeCounts, as layout 2 named it, for the migration that removes it: a day's
// index (layout2OutcomeIndex(org, "*") is the pattern of every index and its buckets), its
// buckets of user ids, and the days that had one.
func (k keys) layout2OutcomeIndex(org, day string) string { return k.org(org) + "outidx:" + day }
func (k keys) layout2OutcomeBucket(org, day, bucket string) string {
	return k.org(org) + "outidx:" + day + ":" + bucket
}
func (k keys) layout2OutcomeDays(org string) string { return k.org(org) + "outcomedays" }

// used lists the gestures ("<id>") and challenges ("c:<id>") that assignments refer to.
func (k keys) used(org string) string { return k.org(org) + "used" }

// teamSizes counts each team's active, enrolled members, for the teams leaderboard and
// dashboards: someone invited who never signed in does not drag their team down.
func (k keys) teamSizes(org string) string { return k.org(org) + "teamsize" }

// Leaderboards, per period key ("w2026-11-23", "m2026-11", "all").
func (k keys) boards(org string) string { return k.org(org) + "lb:" } // begins every board's key
func (k keys) teamBoard(org, team, period string) string {
	return k.org(org) + "lb:t:" + team + ":" + period
}
func (k keys) teamsBoard(org, period string) string { return k.org(org) + "lb:o:" + period }
func (k keys) challengeBoard(org, id string) string { return k.org(org) + "lb:c:" + id }

// dashboardDay is a team's dashboard log of one local day (the day an outcome occurred, in the
// org's time zone): a list of one entry per outcome (see dashEntry); a period's dashboard reads
// the logs of its days.
func (k keys) dashboardDay(org, team, day string) string {
	return k.org(org) + "dash:" + team + ":d:" + day
}
func (k keys) openBarriers(org, team string) string {
	return k.org(org) + "team:" + team + ":barriers:open"
}

// boardsPattern matches every user and team board of the org, dashboardsPattern its
// dashboard logs (and layout 1's dashboards): what a rebuild makes anew (rebuildBoards).
func (k keys) boardsPattern(org string) string     { return k.org(org) + "lb:*" }
func (k keys) dashboardsPattern(org string) string { return k.org(org) + "dash:*" }

// layout1Dashboard, layout1DashboardUsers and layout1DoneDays name what layout 1 kept of a
// team's dashboard instead of the logs (dashboardDay), as layout 1 named it: counters per
// period, the users counted, and the done days. The migration from layout 1 removes them by
// pattern: the counters with the dashboards its rebuild makes anew (rebuildBoards), the done
// days itself.
func (k keys) layout1Dashboard(org, team, period string) string {
	return k.org(org) + "dash:" + team + ":" + period
}
func (k keys) layout1DashboardUsers(org, team, period string) string {
	return k.org(org) + "dash:" + team + ":" + period + ":u"
}
func (k keys) layout1DoneDays(org, team string) string {
	return k.org(org) + "team:" + team + ":donedays"
}

// Notifications: inboxes, devices, the push outbox and the reminder schedule.
func (k keys) inbox(org, user string) string     { return k.org(org) + "inbox:" + user }
func (k keys) inboxRead(org, user string) string { return k.org(org) + "inbox:" + user + ":read" }
func (k keys) tokens(org string) string          { return k.org(org) + "tokens" }
func (k keys) outbox(org string) string          { return k.org(org) + "outbox" }
func (k keys) outboxRetry(org string) string     { return k.org(org) + "outbox:retry" }
func (k keys) outboxDead(org string) string      { return k.org(org) + "outbox:dead" }
func (k keys) once(org, key string) string       { return k.org(org) + "once:" + key }
func (k keys) sent(org, id string) string        { return k.org(org) + "sent:" + id }
func (k keys) delivering(org, id string) string  { return k.org(org) + "delivering:" + id }
func (k keys) pushes(org, user, day string) string {
	return k.org(org) + "pushes:" + user + ":" + day
}
func (k keys) collapse(org, key string) string { return k.org(org) + "collapse:" + key }
func (k keys) schedule(org string) string      { return k.org(org) + "schedule" }

// Show and tell, barriers, suggestions.
func (k keys) story(org, id string) string         { return k.org(org) + "story:" + id }
func (k keys) storyKudos(org, id string) string    { return k.org(org) + "story:" + id + ":kudos" }
func (k keys) storyKudosAt(org, id string) string  { return k.org(org) + "story:" + id + ":kudosat" } // see Store.Kudos
func (k keys) stories(org string) string           { return k.org(org) + "stories" }
func (k keys) teamStories(org, team string) string { return k.org(org) + "team:" + team + ":stories" }
func (k keys) barrier(org, id string) string       { return k.org(org) + "barrier:" + id }
func (k keys) barriers(org string) string          { return k.org(org) + "barriers" }

// barrierMeToo holds the ids of the colleagues who met the same barrier ("me too").
func (k keys) barrierMeToo(org, id string) string { return k.org(org) + "barrier:" + id + ":metoo" }
func (k keys) teamBarriers(org, team string) string {
	return k.org(org) + "team:" + team + ":barriers"
}

// escalatedBarriers holds a team's barriers that went to the org's admins, nobody having
// acknowledged them in time, until a lead does (see Store.EscalateBarrier).
func (k keys) escalatedBarriers(org, team string) string {
	return k.org(org) + "team:" + team + ":barriers:escalated"
}
func (k keys) userBarriers(org, user string) string { return k.org(org) + "user:" + user + ":barriers" }
func (k keys) suggestion(org, id string) string     { return k.org(org) + "suggestion:" + id }
func (k keys) suggestions(org string) string        { return k.org(org) + "suggestions" }
func (k keys) userSuggestions(org, user string) string {
	return k.org(org) + "user:" + user + ":suggestions"
}

// teamLabels names each team by id, so the board of all teams reads names in one command.
func (k keys) teamLabels(org string) string { return k.org(org) + "teamlabels" }

// teamChannels maps a team's id to its channel (teams without one are not in it): part of the
// org's state a pick is decided from, under its catalogue stamp.
func (k keys) teamChannels(org string) string { return k.org(org) + "teamchannels" }

// userLabels holds what boards and feeds show of each user by id (see userLabel), so a board's
// rows and a feed page's authors are read in one command instead of a user's JSON each.
func (k keys) userLabels(org string) string { return k.org(org) + "userlabels" }

// boardStamps holds each team's board stamp (see Store.WholeTeamBoard), a new random one after
// every change to any of the team's boards.
func (k keys) boardStamps(org string) string { return k.org(org) + "lbstamps" }

// rebuildPending holds the outcomes ("day|user", as eachOutcomes names them) recorded while a
// rebuild of the org's boards runs (fieldRebuild): they leave the boards to the rebuild, which
// adds each once, by its scan or, when the scan had passed it, at its end.
func (k keys) rebuildPending(org string) string { return k.org(org) + "rebuildpending" }

// feedStamps holds the stamp of the org's story feed (field feedOrg) and of each team's (field
// the team's id), a new random one after every change to what a card of the feed shows (see
// Store.Feed).
func (k keys) feedStamps(org string) string { return k.org(org) + "feedstamps" }

// feedOrg is the org feed's field in feedStamps (team ids are ULIDs, never "*").
const feedOrg = "*"

// The floor of a write (see Floor) builds its other keys from the same hash tag, "{o}", which
// no org's keys carry: an org's tag is inside the prefix ("mx:{acme}:").
const floorTag = "{o}"

func (k keys) floorUser(id string) string { return floorTag + "floor:user:" + id }
func (k keys) floorPattern() string       { return floorTag + "*" }

// Customer feedback (see feedback.go): a team's current link token ("" once revoked), the
// link's token hash → team index, per team and for the whole org the answers counted by
// "<day>:<score>", the team's latest comments, and the flood guards: answers of one address
// in its window and of one link on one day. (A team's done gestures per day are read from its
// dashboard logs, dashboardDay.)
func (k keys) feedbackLink(org, team string) string { return k.org(org) + "fb:link:" + team }
func (k keys) feedbackToken(org, tokenHash string) string {
	return k.org(org) + "fb:token:" + tokenHash
}
func (k keys) feedbackCounts(org, team string) string   { return k.org(org) + "fb:counts:" + team }
func (k keys) feedbackOrgCounts(org string) string      { return k.org(org) + "fb:counts" }
func (k keys) feedbackComments(org, team string) string { return k.org(org) + "fb:comments:" + team }
func (k keys) feedbackAddress(org, addressHash string) string {
	return k.org(org) + "fb:addr:" + addressHash
}
func (k keys) feedbackLinkDay(org, team, day string) string {
	return k.org(org) + "fb:day:" + team + ":" + day
}

// Display links (break-room screens): the org's displays by id, and each display again under
// its token's hash, so a screen's read finds it with one GET of a key only the token names.
func (k keys) displays(org string) string { return k.org(org) + "displays" }
func (k keys) displayToken(org, hash string) string {
	return k.org(org) + "display:" + hash
}

// Keys names, for tests and tools outside the store, the keys they read, age or plant to see
// what the store wrote (or what an older layout left): each method is the store's own builder
// above, so a key's name is written in this file only. A "*" for an id, day or period makes a
// SCAN pattern of the same layout: TeamBoard(org, team, "w*") is a team's week boards. Add a
// method only when a test needs it.
type Keys struct{ k keys }

// Keys returns the names of the store's keys, with its prefix.
func (s *Store) Keys() Keys { return Keys{s.keys} }

func (k Keys) OrgSettings(org string) string        { return k.k.orgSettings(org) }
func (k Keys) User(org, id string) string           { return k.k.user(org, id) }
func (k Keys) Admins(org string) string             { return k.k.admins(org) }
func (k Keys) TeamMembers(org, team string) string  { return k.k.teamMembers(org, team) }
func (k Keys) Assignments(org, user string) string  { return k.k.assignments(org, user) }
func (k Keys) Badges(org, user string) string       { return k.k.badges(org, user) }
func (k Keys) OutcomeCounts(org string) string      { return k.k.outcomeCounts(org) }
func (k Keys) Story(org, id string) string          { return k.k.story(org, id) }
func (k Keys) StoryKudosAt(org, id string) string   { return k.k.storyKudosAt(org, id) }
func (k Keys) Barrier(org, id string) string        { return k.k.barrier(org, id) }
func (k Keys) OpenBarriers(org, team string) string { return k.k.openBarriers(org, team) }
func (k Keys) Outbox(org string) string             { return k.k.outbox(org) }
func (k Keys) FeedStamps(org string) string         { return k.k.feedStamps(org) }
func (k Keys) RebuildPending(org string) string     { return k.k.rebuildPending(org) }
func (k Keys) Schedule(org string) string           { return k.k.schedule(org) }
func (k Keys) TeamBoard(org, team, period string) string {
	return k.k.teamBoard(org, team, period)
}
func (k Keys) TeamsBoard(org, period string) string { return k.k.teamsBoard(org, period) }
func (k Keys) ChallengeBoard(org, id string) string { return k.k.challengeBoard(org, id) }
func (k Keys) DashboardDay(org, team, day string) string {
	return k.k.dashboardDay(org, team, day)
}
func (k Keys) Layout1Dashboard(org, team, period string) string {
	return k.k.layout1Dashboard(org, team, period)
}
func (k Keys) Layout1DashboardUsers(org, team, period string) string {
	return k.k.layout1DashboardUsers(org, team, period)
}
func (k Keys) Layout1DoneDays(org, team string) string { return k.k.layout1DoneDays(org, team) }
func (k Keys) Layout2OutcomeIndex(org, day string) string {
	return k.k.layout2OutcomeIndex(org, day)
}
func (k Keys) Layout2OutcomeBucket(org, day, bucket string) string {
	return k.k.layout2OutcomeBucket(org, day, bucket)
}
func (k Keys) Layout2OutcomeDays(org string) string { return k.k.layout2OutcomeDays(org) }
