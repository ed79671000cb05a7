package store

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/internal/copies"
	"github.com/redis/go-redis/v9"
)

var (
	errStoryNotFound      = domain.NotFound("story")
	errBarrierNotFound    = domain.NotFound("barrier")
	errSuggestionNotFound = domain.NotFound("suggestion")
)

// Feed reads one page of the org's story feed, or a team's.
//
// The replica keeps a copy of each page it read, with the page's stamp (see feedScript): while
// the stamp holds, the script only says so and which of the copy's cards the viewer gave kudos,
// and the page is answered from the copy (a page read in whole cost Redis ~0.75 ms, most of a
// feed request). Every change to what a card shows — a new story, a kudos, a spotlight, a story
// deleted, a team renamed or deleted, a user's label, the catalogue — changes the stamp in the
// same step.
func (s *Store) Feed(ctx context.Context, org, teamID, viewerID string, page domain.Page) (domain.FeedPage, error) {
	feed, field := s.keys.stories(org), feedOrg
	if teamID != "" {
		feed, field = s.keys.teamStories(org, teamID), teamID
	}
	key := org + "\x00" + field + "\x00" + page.Cursor + "\x00" + strconv.Itoa(page.Limit)
	cp, have := s.feeds.Get(key)
	cat, haveCat := s.catalogs.get(org)
	kept := ""
	if haveCat && !cat.Value.large {
		kept = cat.Stamp
	}
	read := s.feedRead(org, field, viewerID, page.Limit)
	read.After, read.Catalog = page.Cursor, kept
	if have {
		read.Copy = cp.Stamp
		for _, v := range cp.Value.views {
			read.CopyIDs = append(read.CopyIDs, v.Story.ID)
		}
	}
	res, err := feedScript.Run(ctx, s.rdb, s.feedKeys(org, feed, viewerID), scriptArg(read)).StringSlice()
	if err != nil {
		return domain.FeedPage{}, translate("feed", err)
	}
	if have && len(res) == 2+len(cp.Value.views) && res[0] == "=" {
		views := slices.Clone(cp.Value.views)
		for i := range views {
			views[i].KudoedByMe = res[2+i] == "1"
		}
		return domain.FeedPage{Views: views, Next: cp.Value.next, ViewerLocale: res[1]}, nil
	}
	if len(res) < 5 {
		return domain.FeedPage{}, domain.Internal("feed", errUnexpected(strings.Join(res, ",")))
	}
	n, err := strconv.Atoi(res[1])
	if err != nil || n < 0 || 5+n > len(res) {
		return domain.FeedPage{}, domain.Internal("feed", errUnexpected(res[1]))
	}
	// When the copy is out of date (this page was read without it) the catalogue is read
	// again. A failure there does not fail the page, which is whole; the next page tries again.
	_ = s.refreshCatalog(ctx, org, res[2])
	objs, cards := res[5:5+n], res[5+n:]
	// obj is the object a card refers to by position or, "=<key>", in the catalogue's copy;
	// texts of objects deleted by hand are "": render what is left.
	obj := func(ref string) string {
		if key, ok := strings.CutPrefix(ref, "="); ok {
			return cat.Value.objects[key] // "" without a copy
		}
		i, err := strconv.Atoi(ref)
		if err != nil || i < 1 || i > len(objs) {
			return ""
		}
		return objs[i-1]
	}
	views := make([]domain.StoryView, 0, len(cards)/9)
	for i := 0; i+8 < len(cards); i += 9 {
		var v domain.StoryView
		var team domain.Team
		var err error
		if v.Story, err = s.stories.decode(cards[i]); err != nil {
			return domain.FeedPage{}, domain.Internal("decode story", err)
		}
		v.AuthorName, v.AuthorShown, v.AuthorRole = labelledUser(obj(cards[i+4]))
		if team, err = s.teams.decode(obj(cards[i+5])); err != nil {
			return domain.FeedPage{}, domain.Internal("decode team", err)
		}
		if v.Gesture, err = s.gestures.decode(obj(cards[i+6])); err != nil {
			return domain.FeedPage{}, domain.Internal("decode gesture", err)
		}
		if v.Value, err = s.values.decode(obj(cards[i+7])); err != nil {
			return domain.FeedPage{}, domain.Internal("decode value", err)
		}
		v.TeamName = team.Name
		v.Kudos, _ = strconv.Atoi(cards[i+1])
		v.Spotlight = cards[i+2] == "1"
		v.KudoedByMe = cards[i+3] == "1"
		if v.Quote, err = decodeQuote(cards[i+8]); err != nil {
			return domain.FeedPage{}, domain.Internal("decode quote", err)
		}
		views = append(views, v)
	}
	s.feeds.Put(key, copies.Copy[feedPage]{Stamp: res[3], Value: feedPage{views: views, next: res[0]}})
	return domain.FeedPage{Views: views, Next: res[0], ViewerLocale: res[4]}, nil
}

// feedScript reads one page of a story feed (see lua/feed_page.lua).
var feedScript = redis.NewScript(luaLexIndex + luaSource("lib_json", "lib_story", "feed_page"))

// feedRead is feedScript's argument: which page, and what the replica's copy of it holds.
type feedRead struct {
	After    string   `json:"after"`
	Limit    int      `json:"limit"`
	Viewer   string   `json:"viewer"`
	Catalog  string   `json:"catalog"`
	Copy     string   `json:"copy"`
	CopyIDs  []string `json:"copy_ids"`
	NewStamp string   `json:"new_stamp"`
	Field    string   `json:"field"`
	Story    []string `json:"story"` // key patterns (keyPattern)
	Kudos    []string `json:"kudos"`
	Team     []string `json:"team"`
	Gesture  []string `json:"gesture"`
	Value    []string `json:"value"`
}

// feedRead is the read of a first page of feed (its field in the feed stamps) by viewer,
// without copies.
func (s *Store) feedRead(org, field, viewer string, limit int) feedRead {
	return feedRead{
		Limit: limit, Viewer: viewer, CopyIDs: []string{}, NewStamp: newStamp(), Field: field,
		Story: keyPattern(s.keys.story(org, keyHole)), Kudos: keyPattern(s.keys.storyKudos(org, keyHole)),
		Team: keyPattern(s.keys.team(org, keyHole)), Gesture: keyPattern(s.keys.gesture(org, keyHole)),
		Value: keyPattern(s.keys.value(org, keyHole)),
	}
}

// feedKeys are feedScript's keys for reading feed.
func (s *Store) feedKeys(org, feed, viewer string) []string {
	return []string{feed, s.keys.userLabels(org), s.keys.orgSettings(org), s.keys.feedStamps(org), s.keys.user(org, viewer)}
}

// feedPage is a replica's copy of one feed page (see Feed); its views' KudoedByMe is the
// reader's who read it, and is set anew for every reader.
type feedPage struct {
	views []domain.StoryView
	next  string
}

// feedPages bounds the feed pages a replica keeps: a first page of each team's feed and the
// org's, and the pages after them that were read, ~1 KB a card (shared gestures and values
// aside), so 4,096 pages of 20 cards are at most ~80 MB.
const feedPages = 4096

// labelledUser reads a user's label (see userLabel) as the feed answers it: their name, whether
// the user shows on leaderboards (and break-room screens) and their role as shown ("lead" for a
// lead, see roleShown). A user deleted by hand has none: no name, not shown.
func labelledUser(raw string) (name string, shown bool, role domain.Role) {
	if raw == "" {
		return "", false, ""
	}
	shown, lead := labelFlags(raw[:1])
	return raw[1:], shown, roleShown(lead)
}

// Story reads a story and whether it was deleted.
func (s *Store) Story(ctx context.Context, org, id string) (domain.Story, bool, error) {
	rows, err := readObjects(ctx, s.rdb, []string{s.keys.story(org, id)}, "deleted")
	if err != nil {
		return domain.Story{}, false, err
	}
	if !rows[0].found {
		return domain.Story{}, false, errStoryNotFound
	}
	st, err := decodeStory(id, rows[0].data)
	if err != nil {
		return st, false, domain.Internal("decode "+rows[0].key, err)
	}
	return st, rows[0].extra[0] == "1", nil
}

// StoryView reads one story with its kudos, spotlight and whether viewerID gave it kudos, in
// one round trip; a deleted story is not found. The names it refers to are left to the caller.
func (s *Store) StoryView(ctx context.Context, org, id, viewerID string) (domain.StoryView, error) {
	pipe := s.rdb.Pipeline()
	fields := pipe.HMGet(ctx, s.keys.story(org, id), dataField, "kudos", "spotlight", "deleted", quoteField)
	kudoed := pipe.SIsMember(ctx, s.keys.storyKudos(org, id), viewerID)
	if _, err := pipe.Exec(ctx); err != nil {
		return domain.StoryView{}, translate("story view", err)
	}
	f := fields.Val()
	data, ok := f[0].(string)
	if !ok || f[3] == "1" {
		return domain.StoryView{}, errStoryNotFound
	}
	st, err := decodeStory(id, data)
	if err != nil {
		return domain.StoryView{}, domain.Internal("decode "+s.keys.story(org, id), err)
	}
	v := domain.StoryView{Story: st, Spotlight: f[2] == "1", KudoedByMe: kudoed.Val()}
	if k, ok := f[1].(string); ok {
		v.Kudos, _ = strconv.Atoi(k)
	}
	if q, ok := f[4].(string); ok {
		if v.Quote, err = decodeQuote(q); err != nil {
			return domain.StoryView{}, domain.Internal("decode quote of "+s.keys.story(org, id), err)
		}
	}
	return v, nil
}

// decodeStory reads a story's data; id is its key's. The outcome stores a shared story's data
// (its hash also holds "kudos", "spotlight" and "deleted" once set) as '|'-separated fields
//
//	day | created | author | team | gesture | value | reaction | text
//
// where created is seconds from the start (UTC) of day, reaction a one-character code (see
// reactionNames; "" none) and the text, the only field that may hold a '|', last (ids never do:
// see domain.IDPattern); the id is the key's. That is about 190 B less per story than its JSON
// object.
func decodeStory(id, raw string) (domain.Story, error) {
	var st domain.Story
	f, at, err := compactFields(raw, 8, "story")
	if err != nil {
		return st, err
	}
	reaction, ok := reactionNames[f[6]]
	if !ok {
		return st, errUnexpected("story reaction " + f[6])
	}
	return domain.Story{
		ID: id, Day: f[0], CreatedAt: at,
		AuthorID: f[2], TeamID: f[3], GestureID: f[4], ValueID: f[5], Reaction: reaction, Text: f[7],
	}, nil
}

// encodeStory is a story's data as decodeStory reads it (its id is its key's).
func encodeStory(st domain.Story) string {
	return strings.Join([]string{st.Day, strconv.FormatInt(st.CreatedAt.Unix()-dayStart(st.Day), 10), st.AuthorID, st.TeamID,
		st.GestureID, st.ValueID, reactionCodes[st.Reaction], st.Text}, "|")
}

// maxStorySecs bounds a compact story's or barrier's time from its day (the scripts write a few
// days' worth at most), well inside what a time.Duration holds.
const maxStorySecs = 1 << 32

// decodeStoryCard reads a feed card's story: its id, a '|' and its data (see feedScript).
func decodeStoryCard(raw string) (domain.Story, error) {
	id, data, ok := strings.Cut(raw, "|")
	if !ok {
		return domain.Story{}, errUnexpected("story card " + raw)
	}
	return decodeStory(id, data)
}

// A kudos and a spotlight are decided in Go (domain.DecideKudos, domain.MaySpotlight) from the
// state as read, and written by the write script (see write) only while every value they were
// decided from is still as read; otherwise the state is read and decided again.

// socialRounds bounds how often a kudos or spotlight is decided again because the state it was
// decided from moved (others gave kudos to the same story in between). Of the requests racing
// for one story each round writes one, so this many colleagues may give it kudos at the same
// moment (TestKudosAtOnce has half as many).
const socialRounds = 32

// kudosState is what a kudos is decided from, and the stored values the write checks are
// still current.
type kudosState struct {
	domain.KudosState
	count, entry string    // the story's kudos and the giver's entry in when kudos were given, as stored
	to           recipient // the author as a notification is addressed to them
	stats        string    // the author's stats stamp
	// the author's scores on the boards of the story's team a kudos may change, as read
	scores map[string]boardScore
}

// kudosStatsFields are the author's stats a kudos changes, in the order they are read.
var kudosStatsFields = []string{"tot", "wk", "wp", "mk", "mp", "kudos"}

// Kudos gives or takes back a kudos.
func (s *Store) Kudos(ctx context.Context, org, storyID, giverID string, delta int, k domain.KudosContext) error {
	in := domain.KudosInput{Giver: giverID, Delta: delta, Points: k.Points, Now: domain.KudosPeriods{Week: k.Week.Key, Month: k.Month.Key}}
	for range socialRounds {
		st, err := s.readKudos(ctx, org, storyID, giverID, in.Now)
		if err != nil {
			return err
		}
		d, err := domain.DecideKudos(st.KudosState, in)
		if err != nil || !d.Changed {
			return err
		}
		moves := s.kudosMoves(org, st, d, in, k)
		scores, err := s.readScores(ctx, st.Story.AuthorID, st.scores, moves) // the author moved team: their new team's
		if err != nil {
			return err
		}
		err = s.kudosWrite(org, st, d, in, k, moves, scores).run(ctx, s, "kudos")
		if !errors.Is(err, errStateMoved) {
			return err
		}
	}
	return domain.Internal("kudos", errStateMoved)
}

// readKudos reads the story with the giver's kudos on it, then its author's stats and team and
// their scores on the boards of the story's team a kudos given now (in the periods now) or taken
// back may change.
func (s *Store) readKudos(ctx context.Context, org, storyID, giverID string, now domain.KudosPeriods) (kudosState, error) {
	var st kudosState
	pipe := s.rdb.Pipeline()
	story := pipe.HMGet(ctx, s.keys.story(org, storyID), dataField, "deleted", "kudos")
	given := pipe.SIsMember(ctx, s.keys.storyKudos(org, storyID), giverID)
	entry := pipe.HGet(ctx, s.keys.storyKudosAt(org, storyID), giverID)
	if err := execReads(ctx, pipe); err != nil {
		return st, translate("read kudos", err)
	}
	f := story.Val()
	data, ok := f[0].(string)
	if !ok || f[1] == "1" {
		return st, errStoryNotFound
	}
	var err error
	if st.Story, err = decodeStory(storyID, data); err != nil {
		return st, domain.Internal("decode story "+storyID, err)
	}
	st.count, _ = f[2].(string)
	st.Count, _ = strconv.Atoi(st.count)
	st.Given, st.entry = given.Val(), entry.Val()
	st.TakenBack = st.entry == kudosTakenBack
	if week, month, ok := strings.Cut(st.entry, "|"); ok && st.Given {
		st.GivenIn = domain.KudosPeriods{Week: week, Month: month}
	}

	author := st.Story.AuthorID
	pipe = s.rdb.Pipeline()
	user := pipe.HMGet(ctx, s.keys.user(org, author), dataField, fieldStatsStamp)
	stats := pipe.HMGet(ctx, s.keys.stats(org, author), kudosStatsFields...)
	badge := pipe.HExists(ctx, s.keys.badges(org, author), kudosBadge)
	var boards []string
	if team := st.Story.TeamID; team != "" {
		boards = s.teamBoards(org, team, now.Week, now.Month, st.GivenIn.Week, st.GivenIn.Month, "all")
	}
	scores := queueScores(ctx, pipe, author, boards)
	if err := execReads(ctx, pipe); err != nil {
		return st, translate("read kudos", err)
	}
	st.scores = scoresOf(scores)
	u := user.Val()
	raw, _ := u[0].(string)
	if st.to, err = recipientFrom(author, raw); err != nil {
		return st, err
	}
	st.AuthorTeam = st.to.team
	st.AuthorGone = raw == ""
	st.stats, _ = u[1].(string)
	v := stats.Val()
	str := func(i int) string { s, _ := v[i].(string); return s }
	num := func(i int) int { n, _ := strconv.Atoi(str(i)); return n }
	st.Stats = domain.KudosStats{Total: num(0), Week: domain.PeriodPoints{Key: str(1), Points: num(2)},
		Month: domain.PeriodPoints{Key: str(3), Points: num(4)}, Received: num(5), Badge: badge.Val()}
	return st, nil
}

// kudosTakenBack is a giver's entry in when kudos were given (keys.storyKudosAt) once they took
// theirs back; a kudos on the story has "<week>|<month>", the periods it counted in.
const kudosTakenBack = "-"

// kudosBadge is the badge ten kudos received earn.
const kudosBadge = "kudos_10"

// kudosPeriod is a period whose boards a kudos changes: its key, whether it is the current one,
// and the time to live its boards are given (seconds, 0 none).
type kudosPeriod struct {
	key     string
	current bool
	ttl     int64
}

// kudosPeriods are the periods of the boards a kudos changes: its credit counts in the week and
// month it was given in (d.In) and all time. A kudos taken back from a past period leaves its
// boards' time to live alone.
func kudosPeriods(d domain.KudosDecision, in domain.KudosInput, k domain.KudosContext) []kudosPeriod {
	now := k.Notice.Now
	var out []kudosPeriod
	for _, p := range []struct {
		key, now string
		period   domain.Period
	}{{d.In.Week, in.Now.Week, k.Week}, {d.In.Month, in.Now.Month, k.Month}, {"all", "all", domain.Period{}}} {
		kp := kudosPeriod{key: p.key, current: p.key == p.now}
		if kp.current && p.key != "all" {
			kp.ttl = boardTTL(p.period, now)
		}
		out = append(out, kp)
	}
	return out
}

// kudosMoves are the changes a kudos makes to its author's places on their team's boards.
func (s *Store) kudosMoves(org string, st kudosState, d domain.KudosDecision, in domain.KudosInput, k domain.KudosContext) []boardMove {
	if d.Credit == 0 || st.AuthorTeam == "" {
		return nil
	}
	var moves []boardMove
	for _, p := range kudosPeriods(d, in, k) {
		moves = append(moves, boardMove{key: s.keys.teamBoard(org, st.AuthorTeam, p.key), pts: d.Credit, sec: k.Notice.Now.Unix(), ttl: p.ttl})
	}
	return moves
}

// kudosWrite is what a kudos writes: the story's count and givers, the author's stats, boards
// (moves, decided from scores as read) and notice, while the story, the giver's kudos and the
// author's state are as read.
func (s *Store) kudosWrite(org string, st kudosState, d domain.KudosDecision, in domain.KudosInput, k domain.KudosContext, moves []boardMove, scores map[string]boardScore) *write {
	story, givers, at := s.keys.story(org, st.Story.ID), s.keys.storyKudos(org, st.Story.ID), s.keys.storyKudosAt(org, st.Story.ID)
	author, user := st.Story.AuthorID, s.keys.user(org, st.Story.AuthorID)
	w := newWrite().
		fieldIs(story, "deleted", "", errStateMoved).
		fieldIs(story, "kudos", st.count, errStateMoved).
		member(givers, in.Giver, st.Given, errStateMoved).
		fieldIs(at, in.Giver, st.entry, errStateMoved).
		present(story, errStateMoved).                       // a story gone whole meanwhile (retention) passes the checks of its fields
		fieldIs(user, dataField, st.to.data, errStateMoved). // the author's team (their every swap changes their view stamp)
		fieldIs(user, fieldStatsStamp, st.stats, errStateMoved)
	s.actedBy(w, org, in.Giver)
	stamp, now := newStamp(), k.Notice.Now
	w.hset(story, "kudos", strconv.Itoa(d.Count))
	if in.Delta > 0 {
		w.sadd(givers, in.Giver).hset(at, in.Giver, d.In.Week+"|"+d.In.Month)
	} else {
		w.srem(givers, in.Giver).hset(at, in.Giver, kudosTakenBack)
	}
	s.feedsChanged(w, org, st.Story.TeamID)
	if st.AuthorGone { // erased meanwhile: nothing of theirs is written again
		return w.absent(user, errStateMoved)
	}
	statsKey, ds := s.keys.stats(org, author), d.Stats
	for i, v := range []string{strconv.Itoa(ds.Total), ds.Week.Key, strconv.Itoa(ds.Week.Points), ds.Month.Key,
		strconv.Itoa(ds.Month.Points), strconv.Itoa(ds.Received)} {
		w.hset(statsKey, kudosStatsFields[i], v)
	}
	w.hset(user, fieldStatsStamp, stamp)
	if team := st.AuthorTeam; len(moves) > 0 {
		w.hset(s.keys.boardStamps(org), team, stamp)
		for i, p := range kudosPeriods(d, in, k) {
			w.place(author, moves[i], scores[moves[i].key], errStateMoved)
			if teams := s.keys.teamsBoard(org, p.key); p.current {
				w.zincr(teams, team, d.Credit, p.ttl)
			} else {
				w.zincrXX(teams, team, d.Credit)
			}
		}
	}
	if d.Earned {
		w.hsetnx(s.keys.badges(org, author), kudosBadge, strconv.FormatInt(now.Unix(), 10))
	}
	if d.Notify {
		s.tell(w, org, st.to, domain.NewID(now), k.Notice.Draft, now)
	}
	return w
}

// Spotlight marks a story spotlighted if the caller may (domain.MaySpotlight), and notifies its
// author once: spotlighting again changes nothing.
func (s *Store) Spotlight(ctx context.Context, org, storyID string, caller domain.Principal, n domain.Notice) error {
	key := s.keys.story(org, storyID)
	for range socialRounds {
		f, err := s.rdb.HMGet(ctx, key, dataField, "deleted", "spotlight").Result()
		if err != nil {
			return translate("read story", err)
		}
		data, ok := f[0].(string)
		if !ok || f[1] == "1" {
			return errStoryNotFound
		}
		st, err := decodeStory(storyID, data)
		if err != nil {
			return domain.Internal("decode story "+storyID, err)
		}
		// present: a story gone whole meanwhile (retention) would pass the checks of its fields
		w := newWrite().present(key, errStateMoved).
			fieldIs(key, "deleted", "", errStateMoved).fieldIs(key, "spotlight", "", errStateMoved)
		pipe := s.rdb.Pipeline()
		author := queueRecipient(ctx, pipe, s.keys.user(org, st.AuthorID))
		var teamData *redis.StringCmd
		if caller.Role != domain.RoleAdmin && st.TeamID != "" {
			teamData = pipe.HGet(ctx, s.keys.team(org, st.TeamID), dataField)
		}
		if err := execReads(ctx, pipe); err != nil {
			return translate("spotlight", err)
		}
		to, err := recipientOf(st.AuthorID, author)
		if err != nil {
			return err
		}
		var team *domain.Team
		if teamData != nil && teamData.Val() != "" {
			team = &domain.Team{}
			if err := (objectRow{key: "team " + st.TeamID, data: teamData.Val()}).decode(team); err != nil {
				return err
			}
			w.rev(s.keys.team(org, st.TeamID), team.Rev, errStateMoved) // its leads
		}
		if err := domain.MaySpotlight(caller, team); err != nil {
			return err
		}
		if f[2] == "1" {
			return nil
		}
		s.feedsChanged(w.hset(key, "spotlight", "1"), org, st.TeamID)
		s.tell(w, org, to, domain.NewID(n.Now), n.Draft, n.Now)
		err = w.run(ctx, s, "spotlight")
		if !errors.Is(err, errStateMoved) {
			return err
		}
	}
	return domain.Internal("spotlight", errStateMoved)
}

// DeleteStory hides a story from every feed.
func (s *Store) DeleteStory(ctx context.Context, org string, st domain.Story) error {
	w := newWrite().lexRem(s.keys.stories(org), st.ID)
	if st.TeamID != "" {
		w.lexRem(s.keys.teamStories(org, st.TeamID), st.ID)
	}
	w.hset(s.keys.story(org, st.ID), "deleted", "1")
	s.feedsChanged(w, org, st.TeamID) // the story leaves the feeds' copies
	return w.run(ctx, s, "delete story")
}

// feedsChanged adds to w new stamps for the org's story feed and team's (none for ""): every
// replica's copy of their pages is read anew (see Feed).
func (s *Store) feedsChanged(w *write, org, team string) {
	stamp := newStamp()
	w.hset(s.keys.feedStamps(org), feedOrg, stamp)
	if team != "" {
		w.hset(s.keys.feedStamps(org), team, stamp)
	}
}

// CreateBarrier stores a barrier reported directly (not from a blocked gesture).
func (s *Store) CreateBarrier(ctx context.Context, org string, b domain.Barrier) error {
	w := newWrite().absent(s.keys.barrier(org, b.ID), domain.Conflict("conflict", "A barrier with this id exists already."))
	s.actedBy(w, org, b.ReporterID).
		hset(s.keys.barrier(org, b.ID), dataField, marshal(b)).
		lexAdd(s.keys.barriers(org), b.ID).
		lexAdd(s.keys.userBarriers(org, b.ReporterID), b.ID)
	if b.TeamID != "" {
		w.lexAdd(s.keys.teamBarriers(org, b.TeamID), b.ID).sadd(s.keys.openBarriers(org, b.TeamID), b.ID)
	}
	return w.run(ctx, s, "create barrier")
}

// Barrier reads one barrier.
func (s *Store) Barrier(ctx context.Context, org, id string) (domain.Barrier, error) {
	rows, err := readObjects(ctx, s.rdb, []string{s.keys.barrier(org, id)})
	if err != nil {
		return domain.Barrier{}, err
	}
	if !rows[0].found {
		return domain.Barrier{}, errBarrierNotFound
	}
	b, err := decodeBarrier(id, rows[0].data)
	if err != nil {
		return b, domain.Internal("decode "+rows[0].key, err)
	}
	return b, nil
}

// decodeBarrier reads a barrier's data of either form; id is its key's. The outcome script
// stores a barrier reported with a blocked gesture as '|'-separated fields
//
//	day | created | reporter | team | category | text
//
// (created in seconds from the start (UTC) of day, the text, which may hold a '|', last; the
// id is the key's): it is open, without a note, and updated when created. That is about 200 B
// less than its JSON object, the other form: a barrier the compact form cannot say (a '|' in
// an id or the category) is stored as JSON, as is every barrier once it has changed.
func decodeBarrier(id, raw string) (domain.Barrier, error) {
	var b domain.Barrier
	if strings.HasPrefix(raw, "{") {
		err := json.Unmarshal([]byte(raw), &b)
		if b.ID == "" {
			b.ID = id
		}
		return b, err
	}
	f, at, err := compactFields(raw, 6, "barrier")
	if err != nil {
		return b, err
	}
	return domain.Barrier{
		ID: id, ReporterID: f[2], TeamID: f[3], Category: f[4], Text: f[5], Status: domain.BarrierOpen,
		Day: f[0], CreatedAt: at, UpdatedAt: at,
	}, nil
}

// compactFields splits a compact story or barrier (kind) into its n fields, the first two its day
// and its time in seconds from the day's start (UTC), which it answers as a time.
func compactFields(raw string, n int, kind string) ([]string, time.Time, error) {
	f := strings.SplitN(raw, "|", n)
	if len(f) != n {
		return nil, time.Time{}, errUnexpected(kind + " " + raw)
	}
	at, err := dayTime(f[0], f[1])
	return f, at, err
}

// dayTime reads a compact story's or barrier's time: secs seconds from the start (UTC) of day.
func dayTime(day, secs string) (time.Time, error) {
	start, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return time.Time{}, err
	}
	n, err := strconv.ParseInt(secs, 10, 64)
	if err != nil || n < -maxStorySecs || n > maxStorySecs {
		return time.Time{}, errUnexpected("time " + secs)
	}
	return start.Add(time.Duration(n) * time.Second).UTC(), nil
}

// MeToo adds userID to the colleagues who met the same barrier, and the barrier to their list,
// if they may (domain.JoinBarrier, decided on the barrier as read and written only while it is
// as read); joining again changes nothing.
func (s *Store) MeToo(ctx context.Context, org, barrierID, userID string) error {
	key, meToo := s.keys.barrier(org, barrierID), s.keys.barrierMeToo(org, barrierID)
	for range socialRounds {
		pipe := s.rdb.Pipeline()
		data := pipe.HGet(ctx, key, dataField)
		joined := pipe.SIsMember(ctx, meToo, userID)
		if err := execReads(ctx, pipe); err != nil {
			return translate("me too", err)
		}
		b, raw, err := s.barrierAsRead(barrierID, data)
		if err != nil {
			return err
		}
		if err := domain.JoinBarrier(b, userID); err != nil || joined.Val() {
			return err
		}
		w := newWrite().fieldIs(key, dataField, raw, errStateMoved)
		err = s.actedBy(w, org, userID).sadd(meToo, userID).lexAdd(s.keys.userBarriers(org, userID), barrierID).
			run(ctx, s, "me too")
		if !errors.Is(err, errStateMoved) {
			return err
		}
	}
	return domain.Internal("me too", errStateMoved)
}

// barrierAsRead is the barrier a read of its data answered, and that data as stored.
func (s *Store) barrierAsRead(id string, data *redis.StringCmd) (domain.Barrier, string, error) {
	raw := data.Val()
	if raw == "" {
		return domain.Barrier{}, "", errBarrierNotFound
	}
	b, err := decodeBarrier(id, raw)
	if err != nil {
		return b, raw, domain.Internal("decode barrier "+id, err)
	}
	return b, raw, nil
}

// BarrierSupport answers, per barrier id, how many colleagues said "me too" and whether
// viewerID is one of them, in one round trip.
func (s *Store) BarrierSupport(ctx context.Context, org, viewerID string, ids []string) (map[string]domain.BarrierSupport, error) {
	out := make(map[string]domain.BarrierSupport, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	pipe := s.rdb.Pipeline()
	counts, joined := make([]*redis.IntCmd, len(ids)), make([]*redis.BoolCmd, len(ids))
	for i, id := range ids {
		counts[i] = pipe.SCard(ctx, s.keys.barrierMeToo(org, id))
		joined[i] = pipe.SIsMember(ctx, s.keys.barrierMeToo(org, id), viewerID)
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, translate("barrier support", err)
	}
	for i, id := range ids {
		out[id] = domain.BarrierSupport{MeToo: int(counts[i].Val()), Joined: joined[i].Val()}
	}
	return out, nil
}

// Barriers lists the org's barriers, a team's, or a reporter's, newest first.
func (s *Store) Barriers(ctx context.Context, org, teamID, reporterID string, page domain.Page) ([]domain.Barrier, string, error) {
	index := s.keys.barriers(org)
	switch {
	case reporterID != "":
		index = s.keys.userBarriers(org, reporterID)
	case teamID != "":
		index = s.keys.teamBarriers(org, teamID)
	}
	return listNewest(ctx, s, index, func(id string) string { return s.keys.barrier(org, id) }, decodeBarrier, page)
}

// UpdateBarrier stores a barrier's new status if it is unchanged since read (Conflict
// otherwise), with what the move brings about (domain.MovedBarrier): the reporter's badge, and
// the reporter (n) and those who said "me too" (n with their own title, see domain.MeTooDraft)
// told. It is decided on the barrier, its "me too" set and the reporter's badges as read, and
// written only while they are as read.
func (s *Store) UpdateBarrier(ctx context.Context, org string, before, after domain.Barrier, n domain.Notice) error {
	key, meTooKey := s.keys.barrier(org, before.ID), s.keys.barrierMeToo(org, before.ID)
	reporter, badges := s.keys.user(org, before.ReporterID), s.keys.badges(org, before.ReporterID)
	for range socialRounds {
		pipe := s.rdb.Pipeline()
		data := pipe.HGet(ctx, key, dataField)
		meToo := pipe.SMembers(ctx, meTooKey)
		held := pipe.HExists(ctx, badges, barrierBadge)
		if err := execReads(ctx, pipe); err != nil {
			return translate("update barrier", err)
		}
		cur, raw, err := s.barrierAsRead(before.ID, data)
		if err != nil || cur.Status != before.Status || cur.MergedInto != "" || cur.ReporterID != before.ReporterID {
			return errConcurrent
		}
		// the move is made to the barrier as stored now: what changed since the caller read it
		// (escalated meanwhile) stays
		next := cur
		next.Status, next.Note, next.UpdatedAt = after.Status, after.Note, after.UpdatedAt
		m := domain.MovedBarrier(cur, next, meToo.Val(), held.Val())
		w := newWrite().fieldIs(key, dataField, raw, errStateMoved).sameSet(meTooKey, meToo.Val(), errStateMoved).
			hset(key, dataField, marshal(next)).
			srem(s.keys.escalatedBarriers(org, before.TeamID), before.ID) // it stops waiting for a lead
		if !next.Unresolved() {
			w.srem(s.keys.openBarriers(org, before.TeamID), before.ID)
		}
		to, err := s.readRecipients(ctx, org, append([]string{before.ReporterID}, m.MeToo...))
		if err != nil {
			return err
		}
		// (a reporter erased meanwhile gets nothing written back; telling them checks their data
		// is as read)
		if m.EarnBadge && to[0].data != "" {
			w.fieldIs(badges, barrierBadge, "", errStateMoved).
				hset(badges, barrierBadge, strconv.FormatInt(n.Now.Unix(), 10)).
				hset(reporter, fieldStatsStamp, newStamp()) // the reporter's stats change (see RecordOutcome)
		}
		id, meTooDraft := domain.NewID(n.Now), domain.MeTooDraft(n.Draft)
		s.tell(w, org, to[0], id, n.Draft, n.Now) // the reporter
		for _, r := range to[1:] {
			s.tell(w, org, r, id, meTooDraft, n.Now)
		}
		err = w.run(ctx, s, "update barrier")
		if !errors.Is(err, errStateMoved) {
			return err
		}
	}
	return domain.Internal("update barrier", errStateMoved)
}

// barrierBadge is the badge a reporter earns when a barrier of theirs is resolved.
const barrierBadge = "barrier_resolved"

// MergeBarrier merges a duplicate barrier into the one kept if both are still as read
// (Conflict otherwise): those who join the kept one (domain.MergeJoiners) find it in their
// lists; the duplicate keeps its data, marked merged_into, for its reporter's export, and leaves
// the org's and the team's lists and sets. One write, made only while both barriers and the
// duplicate's "me too" set are as read.
func (s *Store) MergeBarrier(ctx context.Context, org string, dup, into domain.Barrier, now time.Time) error {
	dupKey, intoKey := s.keys.barrier(org, dup.ID), s.keys.barrier(org, into.ID)
	dupMeToo, intoMeToo := s.keys.barrierMeToo(org, dup.ID), s.keys.barrierMeToo(org, into.ID)
	for range socialRounds {
		pipe := s.rdb.Pipeline()
		dupData, intoData := pipe.HGet(ctx, dupKey, dataField), pipe.HGet(ctx, intoKey, dataField)
		meToo := pipe.SMembers(ctx, dupMeToo)
		if err := execReads(ctx, pipe); err != nil {
			return translate("merge barrier", err)
		}
		d, dupRaw, err := s.barrierAsRead(dup.ID, dupData)
		if err != nil || d.Status != dup.Status || d.MergedInto != "" {
			return errConcurrent
		}
		i, intoRaw, err := s.barrierAsRead(into.ID, intoData)
		if err != nil || i.Status != into.Status || i.MergedInto != "" {
			return errConcurrent
		}
		joiners := domain.MergeJoiners(d, i, meToo.Val()) // as stored now
		userKeys := make([]string, len(joiners))
		for j, u := range joiners {
			userKeys[j] = s.keys.user(org, u)
		}
		users, err := readObjects(ctx, s.rdb, userKeys)
		if err != nil {
			return err
		}
		w := newWrite().fieldIs(dupKey, dataField, dupRaw, errStateMoved).fieldIs(intoKey, dataField, intoRaw, errStateMoved).
			sameSet(dupMeToo, meToo.Val(), errStateMoved).
			hset(dupKey, dataField, marshal(domain.Merged(d, into.ID, now)))
		for j, u := range joiners {
			w.sadd(intoMeToo, u)
			if !users[j].found {
				// the anonymous id an erasure left in their place: counted, with no user to tell
				continue
			}
			// Their id goes where an erasure planned meanwhile did not look: their acts stamp
			// moves (see actedBy), and such an erasure decides again.
			w.present(userKeys[j], errStateMoved).hset(userKeys[j], fieldActStamp, newStamp()).lexAdd(s.keys.userBarriers(org, u), into.ID)
		}
		err = w.del(dupMeToo).
			srem(s.keys.openBarriers(org, dup.TeamID), dup.ID).srem(s.keys.escalatedBarriers(org, dup.TeamID), dup.ID).
			lexRem(s.keys.barriers(org), dup.ID).lexRem(s.keys.teamBarriers(org, dup.TeamID), dup.ID).
			run(ctx, s, "merge barrier")
		if !errors.Is(err, errStateMoved) {
			return err
		}
	}
	return domain.Internal("merge barrier", errStateMoved)
}

// EscalateBarrier marks b escalated at n.Now, puts it in its team's escalated set and tells
// the org's admins, once, while the barrier is as the caller read it when it decided so
// (domain.EscalationDue): false when it moved since (acknowledged, resolved, merged or
// escalated by another replica's scheduler), for the caller to decide again on its next round.
func (s *Store) EscalateBarrier(ctx context.Context, org string, b domain.Barrier, n domain.Notice) (bool, error) {
	key, admins := s.keys.barrier(org, b.ID), s.keys.admins(org)
	for range socialRounds {
		pipe := s.rdb.Pipeline()
		data := pipe.HGet(ctx, key, dataField)
		ids := pipe.SMembers(ctx, admins)
		if err := execReads(ctx, pipe); err != nil {
			return false, translate("escalate barrier", err)
		}
		cur, raw, err := s.barrierAsRead(b.ID, data)
		switch {
		case domain.ErrorKind(err) == domain.KindNotFound:
			return false, nil
		case err != nil:
			return false, err
		case cur.Status != b.Status || cur.MergedInto != b.MergedInto || (cur.EscalatedAt == nil) != (b.EscalatedAt == nil):
			return false, nil
		}
		at := n.Now.UTC()
		e := cur // as stored now: what changed since the caller read it stays
		e.EscalatedAt = &at
		w := newWrite().fieldIs(key, dataField, raw, errStateMoved).sameSet(admins, ids.Val(), errStateMoved).
			hset(key, dataField, marshal(e)).sadd(s.keys.escalatedBarriers(org, b.TeamID), b.ID)
		to, err := s.readRecipients(ctx, org, ids.Val())
		if err != nil {
			return false, err
		}
		id := domain.NewID(n.Now)
		for _, r := range to {
			s.tell(w, org, r, id, n.Draft, n.Now)
		}
		err = w.run(ctx, s, "escalate barrier")
		if !errors.Is(err, errStateMoved) {
			return err == nil, err
		}
	}
	return false, domain.Internal("escalate barrier", errStateMoved)
}

// UnresolvedBarriers reads the unresolved barriers of the given teams (those a scheduler looks
// at for escalation), in one round trip for the sets and one for the barriers.
func (s *Store) UnresolvedBarriers(ctx context.Context, org string, teamIDs []string) ([]domain.Barrier, error) {
	if len(teamIDs) == 0 {
		return nil, nil
	}
	pipe := s.rdb.Pipeline()
	sets := make([]*redis.StringSliceCmd, len(teamIDs))
	for i, t := range teamIDs {
		sets[i] = pipe.SMembers(ctx, s.keys.openBarriers(org, t))
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, translate("unresolved barriers", err)
	}
	var ids, keys []string
	for _, set := range sets {
		for _, id := range set.Val() {
			ids, keys = append(ids, id), append(keys, s.keys.barrier(org, id))
		}
	}
	if len(keys) == 0 {
		return nil, nil
	}
	rows, err := readObjects(ctx, s.rdb, keys)
	if err != nil {
		return nil, err
	}
	out := make([]domain.Barrier, 0, len(rows))
	for i, row := range rows {
		if row.data == "" {
			continue // expired or erased since the set was read
		}
		b, err := decodeBarrier(ids[i], row.data)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// CreateSuggestion stores a new suggestion.
func (s *Store) CreateSuggestion(ctx context.Context, sg domain.Suggestion) error {
	sg.Rev = 1
	w := newWrite().refers(s.keys.values(sg.Org), sg.ValueID, domain.InvalidField("value_id", "no value with this id")).
		absent(s.keys.suggestion(sg.Org, sg.ID), domain.Conflict("conflict", "A suggestion with this id exists already."))
	return s.actedBy(w, sg.Org, sg.AuthorID).
		hset(s.keys.suggestion(sg.Org, sg.ID), dataField, marshal(sg)).
		lexAdd(s.keys.suggestions(sg.Org), sg.ID).
		lexAdd(s.keys.userSuggestions(sg.Org, sg.AuthorID), sg.ID).
		run(ctx, s, "create suggestion")
}

// Suggestion reads one suggestion.
func (s *Store) Suggestion(ctx context.Context, org, id string) (domain.Suggestion, error) {
	var sg domain.Suggestion
	_, err := readOne(ctx, s.rdb, s.keys.suggestion(org, id), &sg, errSuggestionNotFound)
	return sg, err
}

// Suggestions lists the org's suggestions, or (authorID set) one author's, newest first.
func (s *Store) Suggestions(ctx context.Context, org, authorID string, page domain.Page) ([]domain.Suggestion, string, error) {
	index := s.keys.suggestions(org)
	if authorID != "" {
		index = s.keys.userSuggestions(org, authorID)
	}
	return listNewest(ctx, s, index, func(id string) string { return s.keys.suggestion(org, id) }, decodeJSON[domain.Suggestion], page)
}

// ReviewSuggestion stores a review if nobody reviewed the suggestion meanwhile, in one step
// with the gesture an approval makes (g; nil for a rejection) and the author's notice, so that a
// review is never stored without its gesture, nor a gesture without its review.
func (s *Store) ReviewSuggestion(ctx context.Context, before, after domain.Suggestion, g *domain.Gesture, n domain.Notice) error {
	after.Rev = before.Rev + 1
	k := s.keys.suggestion(before.Org, before.ID)
	for range socialRounds {
		w := newWrite().rev(k, before.Rev, domain.Conflict("already_reviewed", "Someone reviewed this suggestion meanwhile."))
		var made domain.Gesture // gestureWrite gives it its id and rev: g is updated once it is written
		if g != nil {
			made = *g
			if err := s.gestureWrite(ctx, w, &made); err != nil {
				return err
			}
		}
		to, err := s.readRecipients(ctx, before.Org, []string{before.AuthorID})
		if err != nil {
			return err
		}
		s.tell(w.hset(k, dataField, marshal(after)), before.Org, to[0], domain.NewID(n.Now), n.Draft, n.Now)
		err = w.run(ctx, s, "review suggestion")
		if err == nil && g != nil {
			*g = made
		}
		if !errors.Is(err, errStateMoved) {
			return err
		}
	}
	return domain.Internal("review suggestion", errStateMoved)
}

// listNewest reads one page of objects from a lex index (see luaLexIndex), newest (largest id) first,
// each decoded from its id and data.
func listNewest[T any](ctx context.Context, s *Store, index string, key func(string) string,
	decode func(id, raw string) (T, error), page domain.Page) ([]T, string, error) {
	max := "+"
	if page.Cursor != "" {
		max = "(" + page.Cursor
	}
	ids, err := s.lexRange(ctx, index, max, page.Limit+1)
	if err != nil {
		return nil, "", translate("list "+index, err)
	}
	next := ""
	if len(ids) > page.Limit {
		ids, next = ids[:page.Limit], ids[page.Limit-1]
	}
	ks := make([]string, len(ids))
	for i, id := range ids {
		ks[i] = key(id)
	}
	rows, err := readObjects(ctx, s.rdb, ks)
	if err != nil {
		return nil, "", err
	}
	items := make([]T, 0, len(rows))
	for i, r := range rows {
		if !r.found {
			continue
		}
		item, err := decode(ids[i], r.data)
		if err != nil {
			return nil, "", domain.Internal("decode "+r.key, err)
		}
		items = append(items, item)
	}
	return items, next, nil
}

// decodeJSON decodes an object stored as its JSON.
func decodeJSON[T any](_, raw string) (T, error) {
	var v T
	err := json.Unmarshal([]byte(raw), &v)
	return v, err
}
