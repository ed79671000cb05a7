package handlers

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// exportPage is how many objects the data export reads per store call.
const exportPage = 100

// ExportMe answers everything stored about the caller (the right of access).
func (s *Server) ExportMe(c echo.Context) error {
	ctx, p := c.Request().Context(), principal(c)
	u, err := s.Users.User(ctx, p.Org, p.UserID)
	if err != nil {
		return err
	}
	profile, err := s.me(ctx, u)
	if err != nil {
		return err
	}
	out := MeExport{ExportedAt: instant(s.now()), Profile: profile}
	if out.Devices, err = s.exportDevices(ctx, p); err != nil {
		return err
	}
	var storyIDs []string
	if out.Assignments, storyIDs, err = s.exportAssignments(ctx, p); err != nil {
		return err
	}
	if out.Stories, err = s.exportStories(ctx, p, storyIDs); err != nil {
		return err
	}
	given, err := s.Privacy.KudosGiven(ctx, p.Org, p.UserID)
	if err != nil {
		return err
	}
	out.KudosGiven = make([]KudosGiven, len(given))
	for i, id := range given {
		out.KudosGiven[i] = KudosGiven{StoryId: id}
	}
	if out.Barriers, err = s.exportBarriers(ctx, p); err != nil {
		return err
	}
	if out.Suggestions, err = s.exportSuggestions(ctx, p); err != nil {
		return err
	}
	if out.Notifications, err = s.exportNotifications(ctx, p); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="microact-`+p.UserID+`.json"`)
	return c.JSON(http.StatusOK, out)
}

func (s *Server) exportDevices(ctx context.Context, p domain.Principal) ([]ExportedDevice, error) {
	devices, err := s.Notifications.Devices(ctx, p.Org, p.UserID)
	if err != nil {
		return nil, err
	}
	out := make([]ExportedDevice, len(devices))
	for i, d := range devices {
		out[i] = ExportedDevice{Id: d.ID, Platform: ExportedDevicePlatform(d.Platform), UpdatedAt: instant(d.UpdatedAt)}
	}
	return out, nil
}

// exportAssignments reads every assignment kept, and the ids of the stories shared with them.
func (s *Server) exportAssignments(ctx context.Context, p domain.Principal) ([]Assignment, []string, error) {
	out, stories := []Assignment{}, []string{}
	today, err := s.today(ctx, p)
	if err != nil {
		return nil, nil, err
	}
	page := domain.Page{Limit: exportPage}
	for {
		views, next, err := s.Loop.History(ctx, p.Org, p.UserID, page)
		if err != nil {
			return nil, nil, err
		}
		for _, v := range views {
			out = append(out, toAssignment(v, today))
			if o := v.Assignment.Outcome; o != nil && o.StoryID != "" {
				stories = append(stories, o.StoryID)
			}
		}
		if next == "" {
			return out, stories, nil
		}
		page.Cursor = next
	}
}

func (s *Server) exportStories(ctx context.Context, p domain.Principal, ids []string) ([]ExportedStory, error) {
	stories, err := s.Privacy.OwnStories(ctx, p.Org, p.UserID, ids)
	if err != nil {
		return nil, err
	}
	out := make([]ExportedStory, len(stories))
	for i, st := range stories {
		day, _ := domain.ParseDate("date", st.Story.Day)
		out[i] = ExportedStory{Id: st.Story.ID, Date: openapiDate(day), GestureId: st.Story.GestureID, Text: st.Story.Text,
			Kudos: st.Kudos, Hidden: st.Hidden, CustomerQuote: toQuote(st.Quote), CreatedAt: instant(st.Story.CreatedAt)}
		if st.Story.Reaction != "" {
			r := Reaction(st.Story.Reaction)
			out[i].Reaction = &r
		}
	}
	return out, nil
}

func (s *Server) exportBarriers(ctx context.Context, p domain.Principal) ([]Barrier, error) {
	out, names := []Barrier{}, map[string]string{}
	page := domain.Page{Limit: exportPage}
	for {
		batch, next, err := s.Social.Barriers(ctx, p.Org, "", p.UserID, page)
		if err != nil {
			return nil, err
		}
		ids := make([]string, len(batch))
		for i, b := range batch {
			v, err := s.toBarrier(ctx, p.Org, b, names)
			if err != nil {
				return nil, err
			}
			out, ids[i] = append(out, v), b.ID
		}
		support, err := s.Social.BarrierSupport(ctx, p.Org, p.UserID, ids)
		if err != nil {
			return nil, err
		}
		ptrs := make([]*Barrier, len(batch))
		for i := range batch {
			ptrs[i] = &out[len(out)-len(batch)+i]
		}
		withSupport(ptrs, support)
		if next == "" {
			return out, nil
		}
		page.Cursor = next
	}
}

func (s *Server) exportSuggestions(ctx context.Context, p domain.Principal) ([]Suggestion, error) {
	out, locale := []Suggestion{}, s.locale(ctx, p)
	page := domain.Page{Limit: exportPage}
	for {
		batch, next, err := s.Social.Suggestions(ctx, p.Org, p.UserID, page)
		if err != nil {
			return nil, err
		}
		for _, sg := range batch {
			if sg.AuthorID != p.UserID {
				continue
			}
			v, err := s.toSuggestion(ctx, sg, locale)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		if next == "" {
			return out, nil
		}
		page.Cursor = next
	}
}

func (s *Server) exportNotifications(ctx context.Context, p domain.Principal) ([]Notification, error) {
	out := []Notification{}
	page := domain.Page{Limit: exportPage}
	for {
		items, _, next, err := s.Notifications.Inbox(ctx, p.Org, p.UserID, page)
		if err != nil {
			return nil, err
		}
		for _, n := range items {
			data := n.Data
			if data == nil {
				data = map[string]string{}
			}
			out = append(out, Notification{Id: n.ID, Kind: NotificationKind(n.Kind), Title: n.Title, Body: n.Body, Data: data, CreatedAt: instant(n.CreatedAt), Read: n.Read})
		}
		if next == "" {
			return out, nil
		}
		page.Cursor = next
	}
}
