package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/domain"
	"github.com/redis/go-redis/v9"
)

// A lex index (luaLexIndex) against a sorted list of the same ids: ids added in and out of
// order, removed, read page by page from every cursor, and no chunk ever larger than Redis
// packs.

// lexWrite adds (or, remove, removes) ids one by one through the write script.
func (s *testStore) lexWrite(index string, remove bool, ids ...string) {
	s.t.Helper()
	for _, id := range ids {
		w := newWrite()
		if remove {
			w.lexRem(index, id)
		} else {
			w.lexAdd(index, id)
		}
		if err := w.run(context.Background(), s.Store, "lex index"); err != nil {
			s.t.Fatal(err)
		}
	}
}

// lexAll reads the whole index in pages of limit, following the cursors as listNewest does.
func (s *testStore) lexAll(index string, limit int) []string {
	s.t.Helper()
	var out []string
	max := "+"
	for range 100_000 {
		ids, err := s.lexRange(context.Background(), index, max, limit+1)
		if err != nil {
			s.t.Fatal(err)
		}
		if len(ids) <= limit {
			return append(out, ids...)
		}
		out = append(out, ids[:limit]...)
		max = "(" + ids[limit-1]
	}
	s.t.Fatal("the pages never ended")
	return nil
}

// lexCheck compares the index with want (any order) and checks its keys: K and chunks no
// larger than LEX_MAX (120) and packed, a directory naming exactly the chunks there are.
func (s *testStore) lexCheck(index string, want []string, packedK bool) {
	s.t.Helper()
	ctx := context.Background()
	want = slices.Clone(want)
	slices.Sort(want)
	slices.Reverse(want)
	for _, limit := range []int{1, 7, 60, 500} {
		if got := s.lexAll(index, limit); !slices.Equal(got, want) {
			s.t.Fatalf("pages of %d: %d ids, want %d\n got  %.300v\n want %.300v", limit, len(got), len(want), got, want)
		}
	}
	// from every cursor, the next ids below it
	for i := 0; i < len(want); i += 1 + len(want)/20 {
		ids, err := s.lexRange(ctx, index, "("+want[i], 5)
		if err != nil {
			s.t.Fatal(err)
		}
		if end := min(i+6, len(want)); !slices.Equal(ids, want[i+1:end]) {
			s.t.Fatalf("below %s: %v, want %v", want[i], ids, want[i+1:end])
		}
	}
	names, err := s.rdb.ZRange(ctx, lexChunks(index), 0, -1).Result()
	if err != nil {
		s.t.Fatal(err)
	}
	total := 0
	keys := []string{index}
	for _, n := range names {
		keys = append(keys, lexChunk(index, n))
	}
	for i, key := range keys {
		n, err := s.rdb.ZCard(ctx, key).Result()
		if err != nil {
			s.t.Fatal(err)
		}
		total += int(n)
		if i > 0 && n == 0 {
			s.t.Errorf("the directory names an empty chunk %s", key)
		}
		if i == 0 && !packedK {
			continue
		}
		if n > 120 {
			s.t.Errorf("%s holds %d ids", key, n)
		}
		if enc, _ := s.rdb.ObjectEncoding(ctx, key).Result(); n > 0 && enc != "listpack" {
			s.t.Errorf("%s (%d ids) is a %s", key, n, enc)
		}
	}
	if total != len(want) {
		s.t.Errorf("the keys hold %d ids, want %d", total, len(want))
	}
	if others := s.keysUnder(lexChunk(index, "*")); len(others) != len(names)+min(len(names), 1) {
		s.t.Errorf("%d keys under the index, want its %d chunks and the directory: %v", len(others), len(names), others)
	}
}

func lexIDs(rng *rand.Rand, n int, from time.Time, spread time.Duration) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = domain.NewID(from.Add(time.Duration(rng.Int64N(int64(spread)))))
	}
	return ids
}

func TestLexIndexInOrder(t *testing.T) {
	s := newTestStore(t)
	rng := rand.New(rand.NewPCG(1, 1))
	index := s.keys.stories("lexorder")
	ids := lexIDs(rng, 1000, testNow, 24*time.Hour)
	slices.Sort(ids)
	s.lexWrite(index, false, ids...)
	s.lexCheck(index, ids, true)

	t.Run("chunks stay at least half full when ids come in order", func(t *testing.T) {
		names, _ := s.rdb.ZRange(context.Background(), lexChunks(index), 0, -1).Result()
		if len(names) > 1000/60 {
			t.Errorf("%d chunks for 1,000 ids", len(names))
		}
	})
}

func TestLexIndexOutOfOrderWithRemovals(t *testing.T) {
	s := newTestStore(t)
	for seed := range uint64(3) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 2))
			index := s.keys.teamStories("lexrandom", fmt.Sprint("team", seed))
			var have []string
			for round := range 6 {
				add := lexIDs(rng, 150+rng.IntN(150), testNow, 30*24*time.Hour)
				s.lexWrite(index, false, add...)
				have = append(have, add...)
				rng.Shuffle(len(have), func(i, j int) { have[i], have[j] = have[j], have[i] })
				var gone []string
				if round%2 == 1 { // remove a third, or (once) nearly all
					n := len(have) / 3
					if round == 3 {
						n = len(have) - 2
					}
					gone, have = have[:n], have[n:]
				}
				s.lexWrite(index, true, gone...)
				s.lexWrite(index, true, gone[:min(3, len(gone))]...) // removing twice changes nothing
				s.lexCheck(index, have, true)
			}
			s.lexWrite(index, true, have...)
			s.lexCheck(index, nil, true)
		})
	}
}

// An index of earlier versions is one sorted set of any size: it is read as it is, and new
// ids go to chunks.
func TestLexIndexOfEarlierVersions(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 3))
	index := s.keys.barriers("lexold")
	old := lexIDs(rng, 500, testNow, 10*24*time.Hour)
	for _, id := range old {
		if err := s.rdb.ZAdd(ctx, index, redis.Z{Member: id}).Err(); err != nil {
			t.Fatal(err)
		}
	}
	s.lexCheck(index, old, false)
	newer := lexIDs(rng, 300, testNow.Add(10*24*time.Hour), 24*time.Hour)
	late := lexIDs(rng, 3, testNow, 10*24*time.Hour) // among the old ones
	s.lexWrite(index, false, append(newer, late...)...)
	s.lexWrite(index, true, old[:10]...)
	s.lexCheck(index, append(append(old[10:], newer...), late...), false)
	if n, _ := s.rdb.ZCard(ctx, index).Result(); n > 500 {
		t.Errorf("the old set holds %d ids", n)
	}
}

// The feed, barrier lists and the ids an outcome adds all go through the index.
func TestLexIndexBehindFeedsAndLists(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	org, _ := s.org("lexfeeds")
	team := s.team(org, "Store Utrecht")
	author, _ := s.user(org, "Eva", "eva@lexfeeds.example", "employee", team.ID)
	var ids []string
	for i := range 130 {
		b := domain.Barrier{ID: domain.NewID(testNow.Add(time.Duration(i) * time.Minute)), ReporterID: author.ID,
			TeamID: team.ID, Category: "time", Text: fmt.Sprint("barrier ", i), Status: "open", CreatedAt: testNow, UpdatedAt: testNow}
		if err := s.CreateBarrier(ctx, org.ID, b); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, b.ID)
	}
	for _, list := range []struct{ team, reporter string }{{"", ""}, {team.ID, ""}, {"", author.ID}} {
		var got []string
		page := domain.Page{Limit: 50}
		for {
			bs, next, err := s.Barriers(ctx, org.ID, list.team, list.reporter, page)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range bs {
				got = append(got, b.ID)
			}
			if next == "" {
				break
			}
			page.Cursor = next
		}
		want := slices.Clone(ids)
		slices.Reverse(want)
		if !slices.Equal(got, want) {
			t.Errorf("barriers of %+v: %d, want %d newest first", list, len(got), len(want))
		}
	}
	if names := s.keysUnder(s.keys.barriers(org.ID) + ":*"); len(names) != 2 {
		t.Errorf("the org's barriers went to %v, want one chunk beside the set and its directory", names)
	}
	if !strings.Contains(s.keys.teamBarriers(org.ID, team.ID), "{"+org.ID+"}") {
		t.Error("the index's keys carry no hash tag")
	}
}
