package handlers

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// adminPage reads one page of an admin list: the caller must be an admin, list reads the page
// of their org, convert turns each item into its wire form.
func adminPage[T, W any](c echo.Context, limit *int, cursor *string,
	list func(context.Context, string, domain.Page) ([]T, string, error), convert func(T) W) ([]W, *string, error) {
	p, err := requireAdmin(c)
	if err != nil {
		return nil, nil, err
	}
	page, err := pageOf(limit, cursor)
	if err != nil {
		return nil, nil, err
	}
	found, next, err := list(c.Request().Context(), p.Org, page)
	if err != nil {
		return nil, nil, err
	}
	items := make([]W, len(found))
	for i, t := range found {
		items[i] = convert(t)
	}
	return items, nextCursor(next), nil
}

// adminGet answers one object of the admin's org.
func adminGet[T, W any](c echo.Context, id string, get func(context.Context, string, string) (T, error), convert func(T) W) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	t, err := get(c.Request().Context(), p.Org, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, convert(t))
}
