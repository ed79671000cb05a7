package store

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/microact/microact/domain"
)

// dayRecord is an assignment as the scripts store it; short names keep a user's history small.
type dayRecord struct {
	ID        string       `json:"id"`
	Day       string       `json:"d"`
	Gesture   string       `json:"g"`
	Challenge string       `json:"c"`
	SwapsLeft int          `json:"sw"`
	Swapped   string       `json:"x"`
	Created   string       `json:"t"`
	Bonus     *int         `json:"b,omitempty"` // the challenge's bonus points, as given with the assignment
	Outcome   *outcomeJSON `json:"o,omitempty"`

	at *recordTimes // a compact record's times, relative to its day until fill knows the day
}

type outcomeJSON struct {
	Result     string  `json:"r"`
	Reaction   string  `json:"re"`
	Story      string  `json:"st"`
	Shared     bool    `json:"sh"`
	BarrierCat string  `json:"bc"`
	BarrierTxt string  `json:"bt"`
	Occurred   string  `json:"oa"`
	Recorded   string  `json:"ra"`
	Points     int     `json:"p"`
	StoryID    string  `json:"sid"`
	BarrierID  string  `json:"bid"`
	Team       *string `json:"tm"` // the user's team when recorded ("" none)

	// The texts are left to the shared story and the reported barrier (storyTexts puts them back).
	storyHeld, barrierHeld bool
	// The team is the one the user's assignments hash names (decodeRecord puts it back).
	teamHeld bool
	// ms is when the outcome was recorded, Unix milliseconds (fill puts it in place): the reach
	// time of the points it gave (see RebuildBoards).
	ms int64
}

// recordFormat is the record as stored (pack writes it, parseRecord reads it): '|'-separated
// fields
//
//	1 | g | c | sw | x | t | b                                      an assignment
//	  … | r | re | sh | ms | oa | ra | p | sid | bid | tm | bc | n | st+bt   and its outcome
//
// where t is seconds from the start (UTC) of the record's day, ms milliseconds from it, oa and
// ra seconds from ms's second (ra empty when it is ms's second), r and re one-character codes,
// sh flags (1 shared, 2 the story's text and 4 the barrier's left to them) or empty, b the challenge bonus or empty, and the last field the story (its first n
// bytes) and then the barrier text, the only fields that may hold a '|'; tm is "=" (see
// recordTeamHeld) when it is the team the user's assignments hash names in its field "tm".
// Ids never hold a '|' (see domain.IDPattern), so every record can be said this way.
const recordFormat = "1"

var (
	resultNames   = map[string]string{"d": domain.ResultDone, "s": domain.ResultSkipped, "b": domain.ResultBlocked}
	reactionNames = map[string]string{"": "", "1": "delighted", "2": "positive", "3": "neutral", "4": "negative"}
	resultCodes   = inverse(resultNames)
	reactionCodes = inverse(reactionNames)
)

func inverse(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[v] = k
	}
	return out
}

// dayStart is the Unix second day (YYYY-MM-DD) starts at in UTC, which a record's times are
// relative to.
func dayStart(day string) int64 {
	d, _ := time.Parse(time.DateOnly, day)
	return d.Unix()
}

// pack is the record as stored (see recordFormat); team is the team its user's assignments
// hash names, ms when its outcome was recorded (Unix milliseconds). The texts of a shared story
// and a reported barrier are left to them.
func (rec dayRecord) pack(team string, ms int64) string {
	base := dayStart(rec.Day)
	created, _ := time.Parse(time.RFC3339, rec.Created)
	bonus := ""
	if rec.Bonus != nil {
		bonus = strconv.Itoa(*rec.Bonus)
	}
	f := []string{recordFormat, rec.Gesture, rec.Challenge, strconv.Itoa(rec.SwapsLeft), rec.Swapped,
		strconv.FormatInt(created.Unix()-base, 10), bonus}
	if o := rec.Outcome; o != nil {
		msb := ms / 1000
		if ms%1000 < 0 {
			msb--
		}
		occurred, _ := time.Parse(time.RFC3339, o.Occurred)
		recorded, _ := time.Parse(time.RFC3339, o.Recorded)
		flags, story, barrier := 0, o.Story, o.BarrierTxt
		if o.Shared {
			flags++
			if o.StoryID != "" {
				flags, story = flags+2, ""
			}
		}
		if o.BarrierID != "" {
			flags, barrier = flags+4, ""
		}
		fl, rd := "", ""
		if flags > 0 {
			fl = strconv.Itoa(flags)
		}
		if recorded.Unix() != msb {
			rd = strconv.FormatInt(recorded.Unix()-msb, 10)
		}
		tm := ""
		if o.Team != nil {
			tm = *o.Team
		}
		if tm != "" && tm == team {
			tm = recordTeamHeld
		}
		f = append(f, resultCodes[o.Result], reactionCodes[o.Reaction], fl, strconv.FormatInt(ms-base*1000, 10),
			strconv.FormatInt(occurred.Unix()-msb, 10), rd, strconv.Itoa(o.Points), o.StoryID, o.BarrierID, tm, o.BarrierCat,
			strconv.Itoa(len(story)), story+barrier)
	}
	return strings.Join(f, "|")
}

type recordTimes struct {
	created, ms, occurred, recorded int64
}

var errCompactRecord = errors.New("malformed compact record")

// parseRecord reads a stored record (see recordFormat). Its times are put in place by fill.
func parseRecord(raw string, rec *dayRecord) error { return rec.uncompact(raw) }

func (rec *dayRecord) uncompact(s string) error {
	f := strings.SplitN(s, "|", 20)
	if f[0] != recordFormat || (len(f) != 7 && len(f) != 20) {
		return errCompactRecord
	}
	ints := make([]int64, 0, 7)
	num := func(field string, empty bool) bool {
		if field == "" && empty {
			ints = append(ints, 0)
			return true
		}
		n, err := strconv.ParseInt(field, 10, 64)
		ints = append(ints, n)
		return err == nil
	}
	if !num(f[3], false) || !num(f[5], false) || (f[6] != "" && !num(f[6], false)) {
		return errCompactRecord
	}
	*rec = dayRecord{Gesture: f[1], Challenge: f[2], SwapsLeft: int(ints[0]), Swapped: f[4], at: &recordTimes{created: ints[1]}}
	if f[6] != "" {
		b := int(ints[2])
		rec.Bonus = &b
	}
	if len(f) == 7 {
		return nil
	}
	result, ok1 := resultNames[f[7]]
	reaction, ok2 := reactionNames[f[8]]
	ints = ints[:0]
	flags, err := strconv.Atoi(f[9])
	if f[9] == "" {
		flags, err = 0, nil
	}
	if !ok1 || !ok2 || err != nil || (flags < 1 && f[9] != "") || flags > 7 ||
		!num(f[10], false) || !num(f[11], false) || !num(f[12], true) || !num(f[13], false) || !num(f[18], false) {
		return errCompactRecord
	}
	n := ints[4]
	if n < 0 || n > int64(len(f[19])) || ints[3] != int64(int(ints[3])) {
		return errCompactRecord
	}
	team := f[16]
	rec.at.ms, rec.at.occurred, rec.at.recorded = ints[0], ints[1], ints[2]
	rec.Outcome = &outcomeJSON{
		Result: result, Reaction: reaction, Shared: flags&1 != 0, storyHeld: flags&2 != 0, barrierHeld: flags&4 != 0, Points: int(ints[3]),
		StoryID: f[14], BarrierID: f[15], Team: &team, BarrierCat: f[17], Story: f[19][:n], BarrierTxt: f[19][n:],
		teamHeld: team == recordTeamHeld,
	}
	return nil
}

// recordTeamHeld is a compact record's team when it is the one its user's assignments hash
// names in the field recordTeamField (see pack).
const (
	recordTeamHeld  = "="
	recordTeamField = "tm"
)

// decodeRecord reads an assignment record as stored for day: pack leaves out what is empty or
// derivable, which is put back here. team is the field
// recordTeamField of the user's assignments hash ("" when unset).
func decodeRecord(day, userID, raw, team string) (dayRecord, error) {
	var rec dayRecord
	if err := parseRecord(raw, &rec); err != nil {
		return rec, err
	}
	rec.fill(day, userID)
	if o := rec.Outcome; o != nil && o.teamHeld {
		o.Team, o.teamHeld = &team, false
	}
	return rec, nil
}

func (rec *dayRecord) fill(day, userID string) {
	if rec.Day == "" {
		rec.Day = day
	}
	if rec.ID == "" {
		rec.ID = domain.AssignmentID(rec.Day, userID)
	}
	if at := rec.at; at != nil {
		if d, err := time.Parse(time.DateOnly, rec.Day); err == nil {
			start := d.Unix()
			rec.Created = rfc3339(start + at.created)
			if o := rec.Outcome; o != nil {
				ms := start*1000 + at.ms
				sec := ms / 1000
				if ms%1000 < 0 {
					sec-- // ms's second is its floor, as the scripts take it
				}
				o.Occurred, o.Recorded, o.ms = rfc3339(sec+at.occurred), rfc3339(sec+at.recorded), ms
			}
			rec.at = nil
		}
	}
	if o := rec.Outcome; o != nil && o.Recorded == "" {
		o.Recorded = o.Occurred
	}
}

func rfc3339(unix int64) string { return time.Unix(unix, 0).UTC().Format(time.RFC3339) }

// storyTexts puts back the texts that records leave to their shared story and reported
// barrier, reading those in one round trip. One that is gone leaves its text empty.
func (s *Store) storyTexts(ctx context.Context, org string, recs []dayRecord) error {
	held := s.heldTextsOf(org, recs)
	rows, err := readObjects(ctx, s.rdb, held.keys)
	if err != nil {
		return err
	}
	return held.put(rows)
}

// heldTexts are the stories and barriers whose texts records leave to them: keys to read (with
// readObjects, alone or with other objects) and where each one's text goes.
type heldTexts struct {
	keys    []string
	texts   []*string
	stories []bool // whether keys[i] is a story's (else a barrier's)
}

// heldTextsOf names the objects holding the texts of recs, which put fills in once read.
func (s *Store) heldTextsOf(org string, recs []dayRecord) heldTexts {
	var h heldTexts
	for i := range recs {
		o := recs[i].Outcome
		if o == nil {
			continue
		}
		if o.storyHeld {
			h.keys, h.texts, h.stories = append(h.keys, s.keys.story(org, o.StoryID)), append(h.texts, &o.Story), append(h.stories, true)
		}
		if o.barrierHeld {
			h.keys, h.texts, h.stories = append(h.keys, s.keys.barrier(org, o.BarrierID)), append(h.texts, &o.BarrierTxt), append(h.stories, false)
		}
		o.storyHeld, o.barrierHeld = false, false
	}
	return h
}

// put puts the texts of rows, read for h.keys in order, where they belong.
func (h heldTexts) put(rows []objectRow) error {
	for i, row := range rows {
		var text string
		var err error
		switch {
		case !row.found:
		case h.stories[i]:
			var st domain.Story
			st, err = decodeStory("", row.data)
			text = st.Text
		default:
			var b domain.Barrier
			b, err = decodeBarrier("", row.data)
			text = b.Text
		}
		if err != nil {
			return domain.Internal("decode "+row.key, err)
		}
		*h.texts[i] = text
	}
	return nil
}
