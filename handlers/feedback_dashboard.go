package handlers

import (
	"context"

	"github.com/microact/microact/domain"
)

// latestComments is how many comments the dashboard shows.
const latestComments = 5

// dashboardNPS is what the team's customers said, for its dashboard: the weeks of the series,
// the dashboard's period, the latest comments, the link to the team's gestures, and for admins
// the org's weeks.
func (s *Server) dashboardNPS(ctx context.Context, p domain.Principal, teamID string, period domain.Period, weeks []domain.Period, today string) (DashboardNPS, error) {
	out := DashboardNPS{LatestComments: []FeedbackComment{}}
	counts, err := s.Feedback.FeedbackCounts(ctx, p.Org, teamID)
	if err != nil {
		return out, err
	}
	out.Period = npsWeek(period.FirstDay, sumDays(counts, period.FirstDay, period.LastDay))
	out.Series = npsSeries(counts, weeks)
	comments, err := s.Feedback.FeedbackComments(ctx, p.Org, teamID, latestComments)
	if err != nil {
		return out, err
	}
	for _, c := range comments {
		out.LatestComments = append(out.LatestComments, FeedbackComment{
			Id: c.ID, Score: c.Score, Comment: c.Comment, Day: localDate(c.Day), CreatedAt: c.At.UTC(),
		})
	}
	if out.Gestures, err = s.gestureLink(ctx, p.Org, teamID, weeks, today, counts); err != nil {
		return out, err
	}
	if p.Role == domain.RoleAdmin {
		orgCounts, err := s.Feedback.FeedbackCounts(ctx, p.Org, "")
		if err != nil {
			return out, err
		}
		series := npsSeries(orgCounts, weeks)
		out.Org = &series
	}
	return out, nil
}

// gestureLink sets the team's answers beside its gestures over the series' weeks up to today.
func (s *Server) gestureLink(ctx context.Context, org, teamID string, weeks []domain.Period, today string, counts map[string]domain.ScoreCounts) (NPSGestureLink, error) {
	out := NPSGestureLink{BestDays: []LocalDate{}}
	out.BestDayValues = []struct {
		Done int    `json:"done"`
		Id   string `json:"id"`
		Name string `json:"name"`
	}{}
	if len(weeks) == 0 {
		return out, nil
	}
	done, err := s.Feedback.TeamDoneDays(ctx, org, teamID, weeks[0].FirstDay, today)
	if err != nil {
		return out, err
	}
	var days []string
	for day := weeks[0].FirstDay; day <= today; day = domain.AddDays(day, 1) {
		days = append(days, day)
	}
	valueOf := map[string]string{}
	var lookupErr error
	link := domain.LinkGestures(days, done, counts, func(gestureID string) string {
		v, ok := valueOf[gestureID]
		if !ok {
			g, err := s.Catalog.Gesture(ctx, org, gestureID)
			if err != nil && domain.ErrorKind(err) != domain.KindNotFound && lookupErr == nil {
				lookupErr = err
			}
			v = g.ValueID
			valueOf[gestureID] = v
		}
		return v
	})
	if lookupErr != nil {
		return out, lookupErr
	}
	out.ManyFrom = link.ManyFrom
	out.Many = NPSGroup{Days: link.ManyDays, Answers: link.Many.Answers, TopShare: float32(domain.ShareOf(link.Many.Promoters, link.Many.Answers))}
	out.Few = NPSGroup{Days: link.FewDays, Answers: link.Few.Answers, TopShare: float32(domain.ShareOf(link.Few.Promoters, link.Few.Answers))}
	for _, d := range link.BestDays {
		out.BestDays = append(out.BestDays, localDate(d))
	}
	for _, v := range link.BestDayValues {
		value, err := s.Catalog.Value(ctx, org, v.ValueID)
		if err != nil && domain.ErrorKind(err) != domain.KindNotFound {
			return out, err
		}
		out.BestDayValues = append(out.BestDayValues, struct {
			Done int    `json:"done"`
			Id   string `json:"id"`
			Name string `json:"name"`
		}{Done: v.Done, Id: v.ValueID, Name: value.Name})
	}
	return out, nil
}

// npsSeries is one NPSWeek per week.
func npsSeries(counts map[string]domain.ScoreCounts, weeks []domain.Period) []NPSWeek {
	out := make([]NPSWeek, len(weeks))
	for i, w := range weeks {
		out[i] = npsWeek(w.FirstDay, sumDays(counts, w.FirstDay, w.LastDay))
	}
	return out
}

// sumDays adds the counts of the days from first to last.
func sumDays(counts map[string]domain.ScoreCounts, first, last string) domain.ScoreCounts {
	var sum domain.ScoreCounts
	for day, c := range counts {
		if day >= first && day <= last {
			sum.Add(c)
		}
	}
	return sum
}

func npsWeek(startsOn string, c domain.ScoreCounts) NPSWeek {
	n := domain.NPSOf(c)
	return NPSWeek{
		StartsOn: localDate(startsOn), Answers: n.Answers, Promoters: n.Promoters, Passives: n.Passives,
		Detractors: n.Detractors, Score: n.Score, TopShare: float32(domain.ShareOf(n.Promoters, n.Answers)),
	}
}
