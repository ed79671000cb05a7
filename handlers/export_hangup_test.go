package handlers

import (
	"bufio"
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

// endlessExport exports the same row until the request ends.
type endlessExport struct{ domain.ExportStore }

func (endlessExport) ExportOutcomes(ctx context.Context, _, from, _ string, emit func(domain.ExportRow) error) error {
	for ctx.Err() == nil {
		if err := emit(domain.ExportRow{Day: from, UserID: "U1", UserName: "Ana", Result: "done"}); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// lockedBuffer is a log destination the handler writes while the test reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestExportClientHangingUpIsNoError(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("hangup")
	var logs lockedBuffer
	a.server.Log = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a.server.Export = endlessExport{a.store}

	req, err := http.NewRequest("GET", a.url+"/v1/admin/export/outcomes?from=2026-11-23&to=2026-11-23", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+o.admin.AccessToken)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bufio.NewReader(res.Body).ReadString('\n'); err != nil || res.StatusCode != 200 {
		t.Fatalf("status %d, first line: %v", res.StatusCode, err)
	}
	res.Body.Close() // the admin's browser gives up halfway

	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(logs.String(), "export") {
		if time.Now().After(deadline) {
			t.Fatal("nothing logged about the export cut short")
		}
		time.Sleep(10 * time.Millisecond) // polling the log, not synchronisation
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a client hanging up was logged as an error:\n%s", logs.String())
	}
}
