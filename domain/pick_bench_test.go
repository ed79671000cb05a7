package domain

import (
	"fmt"
	"testing"
)

// BenchmarkPick decides over a catalogue of the starter pack's size (54 gestures, two of them
// in a running challenge): the pick of a first read, a swap's alternatives, and the whole ranking.
func BenchmarkPick(b *testing.B) {
	var cat Catalog
	for i := range 54 {
		cat.Gestures = append(cat.Gestures, CatalogGesture{ID: fmt.Sprintf("G%d", i), ValueID: fmt.Sprintf("V%d", i%6), Points: 10})
	}
	cat.Challenges = []CatalogChallenge{{ID: "C1", StartsOn: "2026-11-01", EndsOn: "2026-12-31", GestureIDs: []string{"G3", "G7"}, BonusPoints: 5}}
	recent := map[string]string{"2026-11-24": "G1", "2026-11-23": "G2", "2026-11-20": "G3", "2026-11-19": "G4"}
	r := PickRequest{Catalog: cat, Role: RoleEmployee, TeamID: "T1", Day: "2026-11-25",
		Recent: func(d string) string { return recent[d] }, Rest: RestOf(User{Preferences: Preferences{Workdays: []int{1, 2, 3, 4, 5}}}), Seed: 7}
	rec := DayRecord{Day: r.Day, GestureID: "G5", SwapsLeft: 1}
	b.Run("first read", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := PickGesture(r); !ok {
				b.Fatal("no pick")
			}
		}
	})
	b.Run("swap", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if alts, err := Alternatives(rec, r.Day, r.Day, r); err != nil || len(alts) != MaxAlternatives {
				b.Fatal(alts, err)
			}
		}
	})
	b.Run("whole ranking", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if len(Ranked(r)) != 54 {
				b.Fatal("ranked")
			}
		}
	})
}
