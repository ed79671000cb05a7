package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/microact/microact/configs"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/handlers"
)

func export(ctx context.Context, cfg configs.Config, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", stdout)
	orgID := fs.String("org", "", "the org's slug (required)")
	from := fs.String("from", "", "first day, YYYY-MM-DD (required)")
	to := fs.String("to", "", "last day, YYYY-MM-DD (required)")
	format := fs.String("format", "csv", "csv or jsonl")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *orgID == "" || *from == "" || *to == "" {
		return exitError{exitUsage, errors.New("export needs --org, --from and --to")}
	}
	if err := checkOrgFlag(*orgID); err != nil {
		return err
	}
	if *format != "csv" && *format != "jsonl" {
		return exitError{exitUsage, errors.New("--format must be csv or jsonl")}
	}
	for _, d := range []string{*from, *to} {
		if _, err := domain.ParseDate("date", d); err != nil {
			return exitError{exitUsage, fmt.Errorf("%q is not a date YYYY-MM-DD", d)}
		}
	}
	if *to < *from {
		return exitError{exitUsage, errors.New("--to is before --from")}
	}
	st, err := openStore(cfg, domain.SystemClock{})
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Org(ctx, *orgID); err != nil {
		return describe(err)
	}
	total, err := st.CountOutcomes(ctx, *orgID, *from, *to)
	if err != nil {
		return err
	}
	bar := newProgress(stderr, total)
	out := bufio.NewWriterSize(stdout, 64*1024)
	w := handlers.NewExportWriter(out, *format)
	err = st.ExportOutcomes(ctx, *orgID, *from, *to, func(r domain.ExportRow) error {
		bar.add()
		return w.Write(r)
	})
	bar.done()
	if err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return out.Flush()
}

// progress draws a one-line progress bar on a terminal, and nothing elsewhere (a pipe or file
// gets no control characters).
type progress struct {
	w     io.Writer
	total int64
	n     int64
	on    bool
}

func newProgress(w io.Writer, total int64) *progress {
	f, ok := w.(*os.File)
	on := false
	if ok {
		if info, err := f.Stat(); err == nil {
			on = info.Mode()&os.ModeCharDevice != 0
		}
	}
	return &progress{w: w, total: total, on: on}
}

func (p *progress) add() {
	p.n++
	if p.on && (p.n%200 == 0 || p.n == p.total) {
		p.draw()
	}
}

func (p *progress) draw() {
	const width = 30
	filled := width
	if p.total > 0 {
		filled = int(int64(width) * min(p.n, p.total) / p.total)
	}
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = ' '
		if i < filled {
			bar[i] = '#'
		}
	}
	fmt.Fprintf(p.w, "\rexporting [%s] %d/%d", bar, p.n, p.total)
}

func (p *progress) done() {
	if p.on {
		p.draw()
		fmt.Fprintln(p.w)
	}
}

func leaderboardsRebuild(ctx context.Context, cfg configs.Config, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("leaderboards rebuild", stdout)
	orgID := fs.String("org", "", "the org's slug (required)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *orgID == "" {
		return exitError{exitUsage, errors.New("leaderboards rebuild needs --org")}
	}
	if err := checkOrgFlag(*orgID); err != nil {
		return err
	}
	st, err := openStore(cfg, domain.SystemClock{})
	if err != nil {
		return err
	}
	defer st.Close()
	var bar *progress
	err = st.RebuildBoards(ctx, *orgID, func(done, total int64) {
		if bar == nil {
			bar = newProgress(stderr, total)
		}
		for bar.n < done {
			bar.add()
		}
	})
	if bar != nil {
		bar.done()
	}
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "rebuilt the leaderboards and dashboards of %s\n", *orgID)
	return nil
}
