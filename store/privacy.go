package store

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// eraseUserScript applies an erasure (see EraseUser).
var eraseUserScript = redis.NewScript(luaLexIndex + luaSource("erase_user"))

// erasePlan is erase_user.lua's argument (its header says what each field is).
type erasePlan struct {
	User        string          `json:"user"`
	Rev         int             `json:"rev"`
	Email       string          `json:"email"`
	Team        string          `json:"team"`
	Members     string          `json:"members"`
	Counted     bool            `json:"counted"`
	Admin       bool            `json:"admin"`
	Admins      []string        `json:"admins"` // the org's active admins as read
	Acts        string          `json:"acts"`   // the user's acts stamp as read before anything else
	View        string          `json:"view"`   // their view stamp as read before the plan
	Stats       string          `json:"stats"`  // and their stats stamp
	Anon        string          `json:"anon"`
	NowMS       int64           `json:"now_ms"`
	RevokedMS   int64           `json:"revoked_ms"`
	Stamp       string          `json:"stamp"`
	Tokens      []string        `json:"tokens"`
	Gone        []string        `json:"gone"`
	Counts      string          `json:"counts"`
	OutcomeDays []string        `json:"outcome_days"`
	Stories     []eraseStory    `json:"stories"`
	Suggestions []erasedObject  `json:"suggestions"`
	Barriers    []erasedBarrier `json:"barriers"`
	Kudos       []erasedKudos   `json:"kudos"`
	MeToo       []string        `json:"me_too"`
	Boards      []string        `json:"boards"`
	BoardTeams  []string        `json:"board_teams"`
	Dashes      []dashRewrite   `json:"dashes"`
}

// eraseStory is a story to remove (by erasure or retention), with its keys.
type eraseStory struct {
	ID   string   `json:"id"`
	Keys []string `json:"keys"` // the story, its kudos givers, when they gave them
	Team string   `json:"team"`
	Feed string   `json:"feed"` // the team's feed
}

// erasedStory is what removing story id of team (of org) changes.
func (s *Store) erasedStory(org, id, team string) eraseStory {
	es := eraseStory{ID: id, Team: team, Keys: []string{s.keys.story(org, id), s.keys.storyKudos(org, id), s.keys.storyKudosAt(org, id)}}
	if team != "" {
		es.Feed = s.keys.teamStories(org, team)
	}
	return es
}

type erasedObject struct {
	ID  string `json:"id"`
	Key string `json:"key"`
}

type erasedBarrier struct {
	Key  string `json:"key"`
	Data string `json:"data"`
}

// erasedKudos is a story whose kudos hold the erased user's id (given, or taken back): its
// givers' and their times' keys, and its team ("" none), whose feed shows the count.
type erasedKudos struct {
	Givers string `json:"givers"`
	At     string `json:"at"`
	Team   string `json:"team"`
}

// actedBy adds to w that userID does it, a write that leaves their id in a key not their own:
// their hash must still be there (an erasure done meanwhile: not found, which the API answers as
// a token whose user is gone), and their acts stamp is set anew, so that an erasure planned
// meanwhile decides again and finds what this writes (see EraseUser).
func (s *Store) actedBy(w *write, org, userID string) *write {
	uk := s.keys.user(org, userID)
	return w.present(uk, errUserNotFound).hset(uk, fieldActStamp, newStamp())
}

// mentionBatch is how many colleagues' inboxes eraseMentions reads at once.
const mentionBatch = 100

// EraseUser applies e (see domain.Erasure). It gathers, outside the script, everything that
// refers to the user — their day records' stories and barriers, their suggestions, the kudos
// sets, boards and dashboards that hold their id (found by SCAN within the org's slot) — and
// erases it in one script that refuses when the user changed since read. Colleagues'
// notifications that named them, pending pushes to or about them, and the enrollment-code
// index are seen to before, in steps that can be run again.
func (s *Store) EraseUser(ctx context.Context, e domain.Erasure) error {
	u, org := e.User, e.Org
	plan := erasePlan{
		User: u.ID, Rev: u.Rev, Email: u.Email, Team: u.TeamID,
		Counted: u.Active && u.Enrolled && u.TeamID != "", Admin: u.ActiveAdmin(),
		Admins: append([]string{}, e.Admins...), Anon: e.Anon,
		NowMS: e.Now.UnixMilli(), RevokedMS: revocationsKept.Milliseconds(), Stamp: newStamp(),
		Tokens: []string{}, Stories: []eraseStory{}, Suggestions: []erasedObject{}, Barriers: []erasedBarrier{},
		Kudos: []erasedKudos{}, MeToo: []string{}, Boards: []string{}, BoardTeams: []string{}, Dashes: []dashRewrite{},
		Gone: []string{
			s.keys.assignments(org, u.ID), s.keys.stats(org, u.ID), s.keys.badges(org, u.ID),
			s.keys.inbox(org, u.ID), s.keys.inboxRead(org, u.ID), s.keys.userBarriers(org, u.ID), s.keys.userSuggestions(org, u.ID),
		},
	}
	// What lies outside the script goes first, each step harmless to repeat: should one fail, the
	// user is still there, and erasing them again does it all again. The user's acts stamp is
	// read before all of it: what they do to others' things from now on (a kudos, a "me too", a
	// notification naming them that comes with it…) makes the script refuse the plan.
	first, err := s.rdb.HMGet(ctx, s.keys.user(org, u.ID), fieldCode, fieldActStamp).Result()
	if err != nil {
		return translate("erase user", err)
	}
	code, _ := first[0].(string)
	plan.Acts, _ = first[1].(string)
	if code != "" {
		if err := s.rdb.Del(ctx, s.keys.enrollment(code)).Err(); err != nil {
			return translate("erase user", err)
		}
	}
	if err := s.dropLead(ctx, org, u.ID); err != nil {
		return err
	}
	if err := s.Reschedule(ctx, org, u.ID, domain.Schedule(domain.User{}, domain.Org{}, e.Now)); err != nil {
		return err
	}
	if err := s.eraseMentions(ctx, org, u.Name); err != nil {
		return err
	}
	if err := s.erasePushes(ctx, org, u); err != nil {
		return err
	}
	// The plan: the user's stamps first. Every outcome of theirs sets a new view stamp, and every
	// change to their points a new stats stamp (a kudos to their story too), so one made while
	// the plan is read (a dashboard entry, a board it does not list) makes the script refuse it,
	// and the erasure is decided again.
	stamps, err := s.rdb.HMGet(ctx, s.keys.user(org, u.ID), fieldViewStamp, fieldStatsStamp).Result()
	if err != nil {
		return translate("erase user", err)
	}
	plan.View, _ = stamps[0].(string)
	plan.Stats, _ = stamps[1].(string)
	devices, err := s.Devices(ctx, org, u.ID)
	if err != nil {
		return err
	}
	for _, d := range devices {
		plan.Tokens = append(plan.Tokens, d.Token)
	}
	if err := s.eraseWritings(ctx, org, u, e.Anon, &plan); err != nil {
		return err
	}
	if err := s.eraseTraces(ctx, org, u.ID, &plan); err != nil {
		return err
	}
	if plan.OutcomeDays, err = s.outcomeDaysOf(ctx, org, u.ID); err != nil {
		return err
	}
	plan.Counts = s.keys.outcomeCounts(org)
	if u.TeamID != "" {
		plan.Members = s.keys.teamMembers(org, u.TeamID)
	}
	res, err := eraseUserScript.Run(ctx, s.rdb, []string{
		s.keys.user(org, u.ID), s.keys.admins(org), s.keys.revoked(org), s.keys.emails(org), s.keys.users(org),
		s.keys.userLabels(org), s.keys.orgSettings(org), s.keys.teamSizes(org), s.keys.tokens(org), s.keys.feedStamps(org),
		s.keys.boardStamps(org), s.keys.stories(org), s.keys.suggestions(org),
	}, scriptArg(plan)).Text()
	if err != nil {
		return translate("erase user", err)
	}
	switch res {
	case "gone":
		return errUserNotFound
	case "changed":
		return errConcurrent
	}
	return nil
}

// eraseWritings adds to plan what the user wrote: their stories, shared or hidden (deleted),
// barriers (anonymised under anon, text removed) and suggestions. Stories and barriers are found
// by SCAN, not from the user's day records: retention may have removed a record whose story is
// still kept.
func (s *Store) eraseWritings(ctx context.Context, org string, u domain.User, anon string, plan *erasePlan) error {
	err := s.eachObject(ctx, org, s.keys.story(org, keyHole), func(id, raw string) error {
		st, err := decodeStory(id, raw)
		if err != nil {
			return domain.Internal("decode story "+id, err)
		}
		if st.AuthorID == u.ID {
			plan.Stories = append(plan.Stories, s.erasedStory(org, id, st.TeamID))
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = s.eachObject(ctx, org, s.keys.barrier(org, keyHole), func(id, raw string) error {
		b, err := decodeBarrier(id, raw)
		if err != nil {
			return domain.Internal("decode barrier "+id, err)
		}
		if b.ReporterID == u.ID {
			b.ReporterID, b.Text = anon, ""
			plan.Barriers = append(plan.Barriers, erasedBarrier{Key: s.keys.barrier(org, id), Data: marshal(b)})
		}
		return nil
	})
	if err != nil {
		return err
	}
	page := domain.Page{Limit: 100}
	for {
		sgs, next, err := s.Suggestions(ctx, org, u.ID, page)
		if err != nil {
			return err
		}
		for _, sg := range sgs {
			if sg.AuthorID == u.ID {
				plan.Suggestions = append(plan.Suggestions, erasedObject{ID: sg.ID, Key: s.keys.suggestion(org, sg.ID)})
			}
		}
		if next == "" {
			return nil
		}
		page.Cursor = next
	}
}

// eraseTraces adds to plan the keys of the org that hold the user's id: their idempotency
// records and push counters (deleted), the kudos sets of stories (their kudos), boards and
// dashboards. They are found by SCAN within the org's slot: an erasure is rare, and these keys
// are named by day, period or story, which no index lists per user.
func (s *Store) eraseTraces(ctx context.Context, org, userID string, plan *erasePlan) error {
	for _, prefix := range []string{s.keys.idempotency(org, userID, ""), s.keys.outcomeIdempotency(org, userID, ""),
		s.keys.pushes(org, userID, ""), s.keys.userOwn(org, userID)} {
		found, err := s.scanOrg(ctx, org, prefix)
		if err != nil {
			return err
		}
		plan.Gone = append(plan.Gone, found...)
	}
	// guards of notifications and push collapsing named by the user ("once:daily_gesture|<id>|…")
	for _, prefix := range []string{s.keys.once(org, ""), s.keys.collapse(org, "")} {
		found, err := s.scanOrg(ctx, org, prefix)
		if err != nil {
			return err
		}
		for _, k := range found {
			if strings.Contains(strings.TrimPrefix(k, prefix), userID) {
				plan.Gone = append(plan.Gone, k)
			}
		}
	}
	// refresh tokens, current and rotated ("<family>|<user>[|<used>]"): refused without the user
	// already, and gone with it
	tokens, err := s.scanOrg(ctx, org, s.keys.refresh(org, ""))
	if err != nil {
		return err
	}
	for len(tokens) > 0 {
		n := min(len(tokens), exportBatch)
		vals, err := s.rdb.MGet(ctx, tokens[:n]...).Result()
		if err != nil {
			return translate("erase user", err)
		}
		for i, v := range vals {
			text, _ := v.(string)
			if f := strings.Split(text, "|"); len(f) >= 2 && f[1] == userID {
				plan.Gone = append(plan.Gone, tokens[i])
			}
		}
		tokens = tokens[n:]
	}
	// the stories whose kudos hold the user's id, given or taken back (a kudos given or taken
	// back meanwhile is an act of theirs: Store.actedBy), and their teams, whose feeds show the
	// count
	_, marked, err := s.kudosMarks(ctx, org, userID)
	if err != nil {
		return err
	}
	stories := make([]string, len(marked))
	for i, id := range marked {
		stories[i] = s.keys.story(org, id)
	}
	rows, err := readObjects(ctx, s.rdb, stories)
	if err != nil {
		return err
	}
	for i, id := range marked {
		var team string
		if rows[i].found {
			st, err := decodeStory(id, rows[i].data)
			if err != nil {
				return domain.Internal("decode story "+id, err)
			}
			team = st.TeamID
		}
		plan.Kudos = append(plan.Kudos, erasedKudos{Givers: s.keys.storyKudos(org, id), At: s.keys.storyKudosAt(org, id), Team: team})
	}
	// the barriers the user said "me too" to: their id gives way to the anonymous one
	meToo := keyPattern(s.keys.barrierMeToo(org, keyHole))
	metoo, err := s.scanOrg(ctx, org, meToo[0])
	if err != nil {
		return err
	}
	for _, k := range metoo {
		if id, ok := keyID(meToo, k); ok {
			plan.MeToo = append(plan.MeToo, s.keys.barrierMeToo(org, id))
		}
	}
	boards, err := s.scanOrg(ctx, org, s.keys.boards(org))
	if err != nil {
		return err
	}
	teamBoard, challengeBoard := keyPattern(s.keys.teamBoard(org, keyHole, keyHole)), keyPattern(s.keys.challengeBoard(org, keyHole))
	teams := map[string]bool{}
	for _, k := range boards {
		if ids, ok := keyIDs(teamBoard, k); ok {
			teams[ids[0]] = true
		} else if _, ok := keyID(challengeBoard, k); !ok {
			continue // the teams board ranks teams: it stays
		}
		plan.Boards = append(plan.Boards, k)
	}
	for team := range teams {
		plan.BoardTeams = append(plan.BoardTeams, team)
	}
	dashboardDay := keyPattern(s.keys.dashboardDay(org, keyHole, keyHole))
	dashes, err := s.scanOrg(ctx, org, dashboardDay[0])
	if err != nil {
		return err
	}
	var logs []string
	for _, k := range dashes {
		if _, ok := keyIDs(dashboardDay, k); ok {
			logs = append(logs, k)
		}
	}
	// the user's entries in the dashboard logs name anon instead, so the counts stay
	for len(logs) > 0 {
		n := min(len(logs), 500)
		pipe := s.rdb.Pipeline()
		reads := make([]*redis.StringSliceCmd, n)
		for i, k := range logs[:n] {
			reads[i] = pipe.LRange(ctx, k, 0, -1)
		}
		if err := execReads(ctx, pipe); err != nil {
			return translate("erase user", err)
		}
		for i, k := range logs[:n] {
			for j, e := range reads[i].Val() {
				if as, ok := dashEntryAs(e, userID, plan.Anon); ok {
					plan.Dashes = append(plan.Dashes, dashRewrite{Key: k, Index: j, Old: e, New: as})
				}
			}
		}
		logs = logs[n:]
	}
	return nil
}

// dashRewrite is an entry of a dashboard log rewritten where it was read.
type dashRewrite struct {
	Key   string `json:"k"`
	Index int    `json:"i"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// scanOrg lists the org's keys whose name starts with prefix (a key of keys.go with its ids
// left open: keys.story(org, ""), keyPattern's first part), by SCAN on
// the node that holds the org's slot.
func (s *Store) scanOrg(ctx context.Context, org, prefix string) ([]string, error) {
	var node redis.Cmdable = s.rdb
	if c, ok := s.rdb.(*redis.ClusterClient); ok {
		n, err := c.MasterForKey(ctx, s.keys.org(org))
		if err != nil {
			return nil, translate("scan org", err)
		}
		node = n
	}
	var out []string
	iter := node.Scan(ctx, 0, globEscape(prefix)+"*", 1000).Iterator()
	for iter.Next(ctx) {
		out = append(out, iter.Val())
	}
	return out, translate("scan org", iter.Err())
}

// globEscape escapes what SCAN's MATCH reads as a pattern.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]\^-`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// eraseMentions replaces the erased person's name in colleagues' notifications, a batch of
// inboxes per script run.
func (s *Store) eraseMentions(ctx context.Context, org, name string) error {
	if strings.TrimSpace(name) == "" {
		return nil
	}
	page := domain.Page{Limit: mentionBatch}
	for {
		users, next, err := s.Users(ctx, org, "", page)
		if err != nil {
			return err
		}
		pipe := s.rdb.Pipeline()
		inboxes := make([]*redis.StringSliceCmd, len(users))
		for i, u := range users {
			inboxes[i] = pipe.LRange(ctx, s.keys.inbox(org, u.ID), 0, -1)
		}
		if len(users) > 0 {
			if err := execReads(ctx, pipe); err != nil {
				return translate("erase mentions", err)
			}
		}
		for i, u := range users {
			if err := s.rewriteMentions(ctx, org, u, inboxes[i].Val(), name); err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		page.Cursor = next
	}
}

// rewriteMentions replaces name in u's notifications, items as read, by what u's locale says
// instead (domain.Notification.WithoutName), each written while it is where it was read; an
// inbox that moved meanwhile (a new notification shifts every item) is read again.
func (s *Store) rewriteMentions(ctx context.Context, org string, u domain.User, items []string, name string) error {
	inbox, instead := s.keys.inbox(org, u.ID), domain.ErasedName(u.Locale)
	for range socialRounds {
		w, changed := newWrite(), false
		for i, raw := range items {
			var n domain.Notification
			if json.Unmarshal([]byte(raw), &n) != nil {
				continue
			}
			if without, ok := n.WithoutName(name, instead); ok {
				w.at(inbox, i, raw, errStateMoved).lset(inbox, i, marshal(without))
				changed = true
			}
		}
		if !changed {
			return nil
		}
		if err := w.apply(ctx, s, "erase mentions"); !errors.Is(err, errStateMoved) {
			return err
		}
		var err error
		if items, err = s.rdb.LRange(ctx, inbox, 0, -1).Result(); err != nil {
			return translate("erase mentions", err)
		}
	}
	return domain.Internal("erase mentions", errStateMoved)
}

// erasePushes drops pushes still waiting for the erased user, or naming them, from the outbox,
// its retries and its dead letters: a phone never shows them. A worker that claimed one
// meanwhile acknowledges an entry that is gone, which is harmless.
func (s *Store) erasePushes(ctx context.Context, org string, u domain.User) error {
	mentions := func(user, n string) bool {
		if user == u.ID {
			return true
		}
		var item domain.Notification
		return json.Unmarshal([]byte(n), &item) == nil && item.Mentions(u.Name)
	}
	for _, stream := range []string{s.keys.outbox(org), s.keys.outboxDead(org)} {
		start := "-"
		for {
			msgs, err := s.rdb.XRangeN(ctx, stream, start, "+", 500).Result()
			if err != nil {
				return translate("erase pushes", err)
			}
			var drop []string
			for _, m := range msgs {
				user, _ := m.Values["u"].(string)
				n, _ := m.Values["n"].(string)
				if mentions(user, n) {
					drop = append(drop, m.ID)
				}
			}
			if len(drop) > 0 && stream == s.keys.outbox(org) {
				// acknowledged first: a worker holding one may then no longer move it to the
				// retries or the dead letters (see outbox_move.lua)
				err := s.rdb.XAck(ctx, stream, outboxGroup, drop...).Err()
				if err != nil && !noGroup(err) {
					return translate("erase pushes", err)
				}
			}
			if len(drop) > 0 {
				if err := s.rdb.XDel(ctx, stream, drop...).Err(); err != nil {
					return translate("erase pushes", err)
				}
			}
			if len(msgs) < 500 {
				break
			}
			start = "(" + msgs[len(msgs)-1].ID
		}
	}
	retries, err := s.rdb.ZRange(ctx, s.keys.outboxRetry(org), 0, -1).Result()
	if err != nil {
		return translate("erase pushes", err)
	}
	for _, r := range retries {
		var e retryEntry
		if json.Unmarshal([]byte(r), &e) == nil && mentions(e.User, e.N) {
			if err := s.rdb.ZRem(ctx, s.keys.outboxRetry(org), r).Err(); err != nil {
				return translate("erase pushes", err)
			}
		}
	}
	return nil
}

// Admins lists the org's active admins.
func (s *Store) Admins(ctx context.Context, org string) ([]string, error) {
	ids, err := s.rdb.SMembers(ctx, s.keys.admins(org)).Result()
	return ids, translate("admins", err)
}

// OwnStories reads the stories among ids that userID wrote, hidden ones included, newest first.
func (s *Store) OwnStories(ctx context.Context, org, userID string, ids []string) ([]domain.OwnStory, error) {
	ks := make([]string, len(ids))
	for i, id := range ids {
		ks[i] = s.keys.story(org, id)
	}
	rows, err := readObjects(ctx, s.rdb, ks, "kudos", "deleted", quoteField)
	if err != nil {
		return nil, err
	}
	out := make([]domain.OwnStory, 0, len(rows))
	for i, r := range rows {
		if !r.found {
			continue
		}
		st, err := decodeStory(ids[i], r.data)
		if err != nil {
			return nil, domain.Internal("decode "+r.key, err)
		}
		if st.AuthorID != userID {
			continue
		}
		kudos, _ := r.extra[0].(string)
		n, _ := strconv.Atoi(kudos)
		rawQuote, _ := r.extra[2].(string)
		quote, err := decodeQuote(rawQuote)
		if err != nil {
			return nil, err
		}
		out = append(out, domain.OwnStory{Story: st, Kudos: n, Hidden: r.extra[1] == "1", Quote: quote})
	}
	slices.SortFunc(out, func(a, b domain.OwnStory) int { return strings.Compare(b.Story.ID, a.Story.ID) })
	return out, nil
}

// KudosGiven lists the stories userID gave kudos to: the kudos sets of the org's stories that
// hold them (found by SCAN; an export is rare), in id order.
func (s *Store) KudosGiven(ctx context.Context, org, userID string) ([]string, error) {
	given, _, err := s.kudosMarks(ctx, org, userID)
	return given, err
}

// kudosMarks lists, in id order, the stories userID gave kudos to (their givers' set holds
// them) and the stories whose kudos hold their id in any way: given, or taken back (the hash of
// when kudos were given keeps a taken-back one as kudosTakenBack). Found by SCAN: an export or an
// erasure is rare.
func (s *Store) kudosMarks(ctx context.Context, org, userID string) (given, marked []string, err error) {
	givers, at := keyPattern(s.keys.storyKudos(org, keyHole)), keyPattern(s.keys.storyKudosAt(org, keyHole))
	found, err := s.scanOrg(ctx, org, givers[0])
	if err != nil {
		return nil, nil, err
	}
	var ids []string
	for _, k := range found {
		if id, ok := keyID(givers, k); ok {
			ids = append(ids, id)
		} else if id, ok := keyID(at, k); ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	pipe := s.rdb.Pipeline()
	gave := make([]*redis.BoolCmd, len(ids))
	when := make([]*redis.BoolCmd, len(ids))
	for i, id := range ids {
		gave[i] = pipe.SIsMember(ctx, s.keys.storyKudos(org, id), userID)
		when[i] = pipe.HExists(ctx, s.keys.storyKudosAt(org, id), userID)
	}
	if len(ids) > 0 {
		if _, err := pipe.Exec(ctx); err != nil {
			return nil, nil, translate("kudos given", err)
		}
	}
	given, marked = []string{}, []string{}
	for i, id := range ids {
		if gave[i].Val() {
			given = append(given, id)
		}
		if gave[i].Val() || when[i].Val() {
			marked = append(marked, id)
		}
	}
	return given, marked, nil
}

// dropLead takes the user out of the leads of every team they lead.
func (s *Store) dropLead(ctx context.Context, org, userID string) error {
	page := domain.Page{Limit: 100}
	for {
		teams, next, err := s.Teams(ctx, org, page)
		if err != nil {
			return err
		}
		for _, before := range teams {
			if !before.Leads(userID) {
				continue
			}
			after := before
			after.LeadIDs = slices.DeleteFunc(slices.Clone(before.LeadIDs), func(id string) bool { return id == userID })
			if err := s.UpdateTeam(ctx, before, after); err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		page.Cursor = next
	}
}

// outcomeDaysOf answers the days whose records of userID hold an outcome: an erasure counts them
// down in the org's outcome counts in the script that deletes the records, so an erasure cut
// short and run again counts no day down twice.
func (s *Store) outcomeDaysOf(ctx context.Context, org, userID string) ([]string, error) {
	raws, err := s.rdb.HGetAll(ctx, s.keys.assignments(org, userID)).Result()
	if err != nil {
		return nil, translate("erase user", err)
	}
	return outcomeDaysIn(userID, raws), nil
}

// outcomeDaysIn answers the days whose records, in raws (a user's assignments hash as read),
// hold an outcome, in order.
func outcomeDaysIn(userID string, raws map[string]string) []string {
	days := []string{}
	for _, day := range assignmentDays(slices.Collect(maps.Keys(raws)), "") {
		if rec, err := decodeRecord(day, userID, raws[day], raws[recordTeamField]); err == nil && rec.Outcome != nil {
			days = append(days, day)
		}
	}
	slices.Reverse(days) // assignmentDays answers the newest first
	return days
}
