package handlers

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"syscall"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/microact/microact/domain"
)

// exportHeader is the CSV export's header line.
var exportHeader = []string{"date", "user_id", "user_name", "team_id", "team_name", "gesture_id", "gesture_title",
	"value_id", "value_name", "result", "reaction", "points", "story_shared", "occurred_at", "recorded_at"}

// ExportOutcomes streams the org's outcomes of a range of days as CSV or JSON lines.
func (s *Server) ExportOutcomes(c echo.Context, params ExportOutcomesParams) error {
	p, err := requireAdmin(c)
	if err != nil {
		return err
	}
	from, to := params.From.Format(time.DateOnly), params.To.Format(time.DateOnly)
	if to < from {
		return domain.InvalidField("to", "must not be before from")
	}
	if params.To.Sub(params.From.Time) > 400*24*time.Hour {
		return domain.InvalidField("to", "an export covers at most 400 days")
	}
	format := "csv"
	if params.Format != nil {
		format = string(*params.Format)
	}
	ctx := c.Request().Context()
	// Fail before the first byte when Redis is down, so the client gets a 503, not a cut stream.
	if _, err := s.Export.CountOutcomes(ctx, p.Org, from, to); err != nil {
		return err
	}
	res := c.Response()
	if format == "jsonl" {
		res.Header().Set(echo.HeaderContentType, "application/x-ndjson")
	} else {
		res.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	}
	res.Header().Set("Content-Disposition", `attachment; filename="outcomes-`+from+`-`+to+`.`+format+`"`)
	res.WriteHeader(http.StatusOK)
	w := NewExportWriter(res, format)
	err = s.Export.ExportOutcomes(ctx, p.Org, from, to, func(r domain.ExportRow) error {
		if err := w.Write(r); err != nil {
			return err
		}
		if w.rows%exportFlushEvery == 0 {
			w.Flush()
			res.Flush()
		}
		return nil
	})
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	switch {
	case err == nil:
	case clientGone(ctx, err):
		// The admin closed the download: nothing went wrong here.
		s.Log.Info("export ended early: the client hung up", "org", p.Org, "rows", w.rows)
	default:
		// The status is sent; all that can be done is to end the stream early and log why.
		s.Log.Error("export ended early", "org", p.Org, "err", err)
	}
	return nil
}

// clientGone answers whether err is the client having closed the connection.
func clientGone(ctx context.Context, err error) bool {
	return ctx.Err() != nil || errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET)
}

// exportFlushEvery rows the stream is flushed to the client.
const exportFlushEvery = 500

// ExportWriter writes export rows as CSV (with a header line) or JSON lines. The command-line
// export uses it too.
type ExportWriter struct {
	format string
	csv    *csv.Writer
	json   *json.Encoder
	rows   int
}

// NewExportWriter writes rows in format ("csv" or "jsonl") to w.
func NewExportWriter(w io.Writer, format string) *ExportWriter {
	if format == "jsonl" {
		return &ExportWriter{format: format, json: json.NewEncoder(w)}
	}
	return &ExportWriter{format: "csv", csv: csv.NewWriter(w)}
}

// Write writes one row.
func (e *ExportWriter) Write(r domain.ExportRow) error {
	if e.csv != nil && e.rows == 0 {
		if err := e.csv.Write(exportHeader); err != nil {
			return err
		}
	}
	e.rows++
	if e.json != nil {
		day, _ := domain.ParseDate("date", r.Day)
		row := ExportRow{
			Date: openapiDate(day), UserId: r.UserID, UserName: r.UserName, TeamId: optional(r.TeamID), TeamName: optional(r.TeamName),
			GestureId: r.GestureID, GestureTitle: r.GestureTitle, ValueId: r.ValueID, ValueName: r.ValueName,
			Result: Result(r.Result), Points: r.Points, StoryShared: r.StoryShared, OccurredAt: instant(r.OccurredAt), RecordedAt: instant(r.RecordedAt),
		}
		if r.Reaction != "" {
			re := Reaction(r.Reaction)
			row.Reaction = &re
		}
		return e.json.Encode(row)
	}
	cells := []string{
		r.Day, r.UserID, r.UserName, r.TeamID, r.TeamName, r.GestureID, r.GestureTitle, r.ValueID, r.ValueName,
		r.Result, r.Reaction, strconv.Itoa(r.Points), strconv.FormatBool(r.StoryShared),
		formatInstant(r.OccurredAt), formatInstant(r.RecordedAt),
	}
	for i, c := range cells {
		cells[i] = inertCell(c)
	}
	return e.csv.Write(cells)
}

// inertCell keeps a spreadsheet from reading a cell as a formula (OWASP's CSV injection
// advice): a cell starting with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, which spreadsheets show as text and do not evaluate. Every cell goes through it,
// those microact writes itself too, so no column is forgotten when one is added; JSON lines
// stay verbatim.
func inertCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// Flush writes what is buffered; a CSV export of no rows still gets its header line.
func (e *ExportWriter) Flush() error {
	if e.csv == nil {
		return nil
	}
	if e.rows == 0 {
		if err := e.csv.Write(exportHeader); err != nil {
			return err
		}
		e.rows = -1 // header written, no rows
	}
	e.csv.Flush()
	return e.csv.Error()
}
