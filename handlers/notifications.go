package handlers

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// PutDevice registers or replaces the caller's phone for pushes.
func (s *Server) PutDevice(c echo.Context, deviceID DeviceId) error {
	var req DeviceRegistration
	if err := bind(c, &req); err != nil {
		return err
	}
	token, err := domain.CleanText("token", req.Token, 4096)
	if err != nil {
		return err
	}
	p := principal(c)
	d := domain.PushDevice{ID: deviceID, Token: token, Platform: string(req.Platform), UpdatedAt: s.now()}
	if err := s.Notifications.PutDevice(c.Request().Context(), p.Org, p.UserID, d); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// DeleteDevice stops pushing to one of the caller's phones.
func (s *Server) DeleteDevice(c echo.Context, deviceID DeviceId) error {
	p := principal(c)
	if err := s.Notifications.DeleteDevice(c.Request().Context(), p.Org, p.UserID, deviceID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// ListNotifications answers the caller's inbox, newest first.
func (s *Server) ListNotifications(c echo.Context, params ListNotificationsParams) error {
	p := principal(c)
	page, err := pageOf(params.Limit, params.Cursor)
	if err != nil {
		return err
	}
	items, unread, next, err := s.Notifications.Inbox(c.Request().Context(), p.Org, p.UserID, page)
	if err != nil {
		return err
	}
	out := NotificationList{Items: make([]Notification, len(items)), Unread: unread, NextCursor: nextCursor(next)}
	for i, n := range items {
		data := n.Data
		if data == nil {
			data = map[string]string{}
		}
		out.Items[i] = Notification{Id: n.ID, Kind: NotificationKind(n.Kind), Title: n.Title, Body: n.Body, Data: data, CreatedAt: instant(n.CreatedAt), Read: n.Read}
	}
	return c.JSON(http.StatusOK, out)
}

// MarkNotificationsRead marks the caller's notifications up to one id read.
func (s *Server) MarkNotificationsRead(c echo.Context) error {
	var req MarkRead
	if err := bind(c, &req); err != nil {
		return err
	}
	p := principal(c)
	if _, ok := domain.IDTime(req.UpTo); !ok {
		return domain.InvalidField("up_to", "not the id of a notification")
	}
	if err := s.Notifications.MarkRead(c.Request().Context(), p.Org, p.UserID, req.UpTo); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// SendTestNotification sends a user a test notification at once.
func (s *Server) SendTestNotification(c echo.Context, userID UserId) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := s.requireActive(ctx, p.Org, userID); err != nil {
		return err
	}
	id, err := s.Notifications.Notify(ctx, p.Org, userID, domain.DraftOf(domain.KindTest, "microact://notifications"), s.now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, NotificationRef{Id: id})
}

// reschedule sets a user's reminders anew after a change of preferences, time zone or status,
// from the user as stored: a second change racing this one cannot leave this one's reminders.
func (s *Server) reschedule(ctx context.Context, u domain.User) error {
	org, err := s.orgs.get(ctx, u.Org)
	if err != nil {
		return err
	}
	return s.Notifications.ScheduleUser(ctx, org.org, u.ID, s.now())
}
