package domain

import (
	"cmp"
	"slices"
)

// GestureLink sets a team's customer answers beside its gestures, day by day: the 9+ share on
// days the team did many gestures against days it did few, with the numbers of days and
// answers so that nobody reads noise as a result, and the values whose gestures were done on
// the days customers rated best.
type GestureLink struct {
	// ManyFrom is the fewest gestures a "many" day had; days with fewer are "few" days.
	ManyFrom        int
	ManyDays        int
	FewDays         int
	Many, Few       NPS
	BestDays        []string // best first
	BestDayValues   []ValueDone
	DaysWithAnswers int
}

// ValueDone counts the gestures of one value done on some days.
type ValueDone struct {
	ValueID string
	Done    int
}

// bestDaysShare is the share of answered days counted as the best (at least one day).
const bestDaysShare = 3 // a third

// LinkGestures works out the link over days (local days, oldest first) from the team's done
// gestures and its answers per day; valueOf names a gesture's value ("" if unknown). Only days
// with answers count: a day nobody rated says nothing about what the gestures did.
func LinkGestures(days []string, done map[string]DayDone, answers map[string]ScoreCounts, valueOf func(gestureID string) string) GestureLink {
	type day struct {
		day    string
		done   int
		counts ScoreCounts
		nps    NPS
	}
	var rated []day
	for _, d := range days {
		c := answers[d]
		n := NPSOf(c)
		if n.Answers == 0 {
			continue
		}
		rated = append(rated, day{day: d, done: done[d].Done, counts: c, nps: n})
	}
	var link GestureLink
	link.DaysWithAnswers = len(rated)
	if len(rated) == 0 {
		return link
	}
	counts := make([]int, len(rated))
	for i, d := range rated {
		counts[i] = d.done
	}
	slices.Sort(counts)
	median := counts[(len(counts)-1)/2] // the lower median: more gestures than it is "many"
	link.ManyFrom = median + 1
	var many, few ScoreCounts
	for _, d := range rated {
		if d.done > median {
			link.ManyDays++
			many.Add(d.counts)
		} else {
			link.FewDays++
			few.Add(d.counts)
		}
	}
	link.Many, link.Few = NPSOf(many), NPSOf(few)

	best := slices.Clone(rated)
	slices.SortStableFunc(best, func(a, b day) int {
		if c := cmp.Compare(b.nps.TopShare, a.nps.TopShare); c != 0 {
			return c
		}
		if c := cmp.Compare(b.nps.Answers, a.nps.Answers); c != 0 {
			return c
		}
		return cmp.Compare(b.day, a.day)
	})
	best = best[:max(1, len(best)/bestDaysShare)]
	byValue := map[string]int{}
	for _, d := range best {
		link.BestDays = append(link.BestDays, d.day)
		for g, n := range done[d.day].ByGesture {
			if v := valueOf(g); v != "" {
				byValue[v] += n
			}
		}
	}
	for v, n := range byValue {
		link.BestDayValues = append(link.BestDayValues, ValueDone{ValueID: v, Done: n})
	}
	slices.SortFunc(link.BestDayValues, func(a, b ValueDone) int {
		if c := cmp.Compare(b.Done, a.Done); c != 0 {
			return c
		}
		return cmp.Compare(a.ValueID, b.ValueID)
	})
	return link
}
