package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// LayoutVersion is the storage layout this code reads and writes. Every org records the layout
// its data has (the field fieldLayout of its settings hash), written when the org is made; the
// server works only on orgs of this layout, and `microact migrate` moves an org from an earlier
// one by the steps in migrations.
//
// Changing the layout: write a step that turns an org's data of layout LayoutVersion into the
// new one, append it to migrations and add one to LayoutVersion, in the same change.
const LayoutVersion = 3

// fieldLayout is the field of an org's settings hash holding its layout version.
const fieldLayout = "layout"

// A migration moves one org's data from one layout to the next. A step may be cut short (a
// crash, Redis lost) and is then run again from its start, so it must be safe to repeat.
type migration struct {
	name string
	run  func(ctx context.Context, s *Store, org string) error
}

// migrations[i] moves an org from layout i+1 to layout i+2; len(migrations) is LayoutVersion-1.
var migrations = []migration{
	// 1 → 2: a team's dashboard figures are counted on read from a log per day (dashEntry)
	// instead of counters per period; the boards are rebuilt from the stored outcomes, which
	// deletes the old counters and writes the logs. A rebuild cut short is run again whole
	// (one that was killed, once its hold of the boards has run out: see rebuildLease).
	// This code's rebuild finds the outcomes by layout 3's counts, which layout 1 does not have:
	// they are counted from the records first (step 2 → 3 counts them again).
	{name: "dashboard logs per day", run: func(ctx context.Context, s *Store, org string) error {
		var o domain.Org
		if _, err := readOne(ctx, s.rdb, s.keys.orgSettings(org), &o, errOrgNotFound); err != nil {
			return err
		}
		if err := s.writeOutcomeCounts(ctx, org); err != nil {
			return err
		}
		if err := s.deletePattern(ctx, s.keys.layout1DoneDays(org, "*")); err != nil {
			return err
		}
		return s.rebuildBoards(ctx, org, o, nil)
	}},
	// 2 → 3: the outcome index (per day the ids of the users who recorded one, in buckets, and
	// the days that had one) gives way to a count per day (keys.outcomeCounts); who recorded
	// one is read from the users' records. The counts are made anew from the records, so a
	// step cut short is run again whole.
	{name: "outcome counts per day", run: func(ctx context.Context, s *Store, org string) error {
		if err := s.writeOutcomeCounts(ctx, org); err != nil {
			return err
		}
		if err := s.deletePattern(ctx, s.keys.layout2OutcomeIndex(org, "*")); err != nil {
			return err
		}
		return translate("migrate", s.rdb.Del(ctx, s.keys.layout2OutcomeDays(org)).Err())
	}},
}

// writeOutcomeCounts sets org's outcome counts (keys.outcomeCounts) to the outcomes its users'
// records hold, by day.
func (s *Store) writeOutcomeCounts(ctx context.Context, org string) error {
	counts, err := s.countRecordedOutcomes(ctx, org)
	if err != nil {
		return err
	}
	pipe := s.rdb.TxPipeline()
	pipe.Del(ctx, s.keys.outcomeCounts(org))
	for day, n := range counts {
		pipe.HSet(ctx, s.keys.outcomeCounts(org), day, n)
	}
	_, err = pipe.Exec(ctx)
	return translate("migrate", err)
}

// countRecordedOutcomes counts the outcomes in the records of every user of org, by day.
func (s *Store) countRecordedOutcomes(ctx context.Context, org string) (map[string]int64, error) {
	counts := map[string]int64{}
	err := eachIDPage(ctx, s.rdb, s.keys.users(org), 200, func(ids []string) error {
		pipe := s.rdb.Pipeline()
		recs := make([]*redis.MapStringStringCmd, len(ids))
		for i, id := range ids {
			recs[i] = pipe.HGetAll(ctx, s.keys.assignments(org, id))
		}
		if err := execReads(ctx, pipe); err != nil {
			return translate("count outcomes", err)
		}
		for i, id := range ids {
			for _, day := range outcomeDaysIn(id, recs[i].Val()) {
				counts[day]++
			}
		}
		return nil
	})
	return counts, err
}

// ErrNoLayout and ErrNewerLayout are what Migrate answers for an org it cannot move: one that
// records no layout version, and one of a layout this code does not know.
var (
	ErrNoLayout    = errors.New("the org records no layout version")
	ErrNewerLayout = errors.New("the org's layout is newer than this build knows")
)

// errLayout is what a request on an org of another layout answers: a 503, since the org is
// usable again once an operator has run `microact migrate`.
func errLayout(org string, have int) error {
	return &domain.Error{Kind: domain.KindUnavailable, Code: "unavailable",
		Message: "This org's stored data awaits an upgrade by an operator; try again later.", RetryAfter: time.Minute,
		Err: fmt.Errorf("org %s has storage layout %d, this build reads %d: run microact migrate", org, have, LayoutVersion)}
}

// checkLayout answers errLayout unless raw (the field fieldLayout as read) is LayoutVersion.
func checkLayout(org string, raw any) error {
	if have := parseLayout(raw); have != LayoutVersion {
		return errLayout(org, have)
	}
	return nil
}

// parseLayout reads the field fieldLayout as HMGET answers it: 0 when it is missing or not a
// number.
func parseLayout(raw any) int {
	s, _ := raw.(string)
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// OrgLayout says which layout version an org's data records (0: none).
func (s *Store) OrgLayout(ctx context.Context, org string) (int, error) {
	vals, err := s.rdb.HMGet(ctx, s.keys.orgSettings(org), dataField, fieldLayout).Result()
	if err != nil {
		return 0, translate("org layout", err)
	}
	if vals[0] == nil {
		return 0, errOrgNotFound
	}
	return parseLayout(vals[1]), nil
}

// OrgAtLayout is an org and the layout version its data records.
type OrgAtLayout struct {
	Org    string
	Layout int // 0: none recorded
}

// OutdatedOrgs lists the orgs whose data is not of LayoutVersion, by slug.
func (s *Store) OutdatedOrgs(ctx context.Context) ([]OrgAtLayout, error) {
	ids, err := s.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	slices.Sort(ids)
	var out []OrgAtLayout
	for _, id := range ids {
		v, err := s.OrgLayout(ctx, id)
		if errors.Is(err, errOrgNotFound) {
			continue // listed but deleted meanwhile
		}
		if err != nil {
			return nil, err
		}
		if v != LayoutVersion {
			out = append(out, OrgAtLayout{Org: id, Layout: v})
		}
	}
	return out, nil
}

// MigrateOptions says how Migrate works: DryRun plans without writing; Assume is the layout to
// take an org without a recorded version to be at (0: such an org is ErrNoLayout).
type MigrateOptions struct {
	DryRun bool
	Assume int
}

// Migration is what Migrate did (or, dry, would do) to an org: the layout it found, the one it
// left, and the steps between, in order. From == To is an org already current.
type Migration struct {
	Org      string
	From, To int
	Steps    []string
	Assumed  bool // From was not recorded but taken from MigrateOptions.Assume
}

// Migrate moves an org's data to LayoutVersion, one step at a time, recording the layout after
// each so that a migration cut short goes on from where it stopped. It is idempotent: an org
// already current is left as it is.
func (s *Store) Migrate(ctx context.Context, org string, opt MigrateOptions) (Migration, error) {
	return s.migrate(ctx, org, opt, migrations)
}

func (s *Store) migrate(ctx context.Context, org string, opt MigrateOptions, steps []migration) (Migration, error) {
	current := len(steps) + 1
	m := Migration{Org: org, To: current}
	from, err := s.OrgLayout(ctx, org)
	if err != nil {
		return m, err
	}
	if from == 0 {
		if opt.Assume == 0 {
			return m, ErrNoLayout
		}
		from, m.Assumed = opt.Assume, true
	}
	m.From = from
	if from > current {
		return m, fmt.Errorf("%w: layout %d, this build knows up to %d", ErrNewerLayout, from, current)
	}
	for v := from; v < current; v++ {
		m.Steps = append(m.Steps, steps[v-1].name)
	}
	if opt.DryRun {
		return m, nil
	}
	if m.Assumed {
		if err := s.recordLayout(ctx, org, from); err != nil {
			return m, err
		}
	}
	for v := from; v < current; v++ {
		if err := steps[v-1].run(ctx, s, org); err != nil {
			return m, fmt.Errorf("layout %d to %d (%s): %w", v, v+1, steps[v-1].name, err)
		}
		if err := s.recordLayout(ctx, org, v+1); err != nil {
			return m, err
		}
	}
	return m, nil
}

// recordLayout records the org's layout version, if the org (still) exists.
func (s *Store) recordLayout(ctx context.Context, org string, v int) error {
	k := s.keys.orgSettings(org)
	return newWrite().present(k, errOrgNotFound).hset(k, fieldLayout, strconv.Itoa(v)).run(ctx, s, "record layout")
}
