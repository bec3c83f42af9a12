package api_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
)

// TestDiskFullAnswersStorageFull: a full disk (SQLITE_FULL here, made by
// capping the database's growth) was answered 500 « An internal error
// occurred. » on every write, logged once per request, while /readyz said
// « ok » (probe 39a F3). It is a 503 storage_full saying nothing was
// written, with Retry-After, logged once per interval; /readyz says
// « degraded » until a write succeeds again.
func TestDiskFullAnswersStorageFull(t *testing.T) {
	var logs bytes.Buffer
	var skew atomic.Int64
	clock := func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }
	e := apitest.New(t, apitest.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))), apitest.WithClock(clock))
	if e.Store.Engine() != "sqlite" {
		t.Skip("capping the database's growth is SQLite's max_page_count")
	}
	ctx := context.Background()
	rows := func(n int, prefix string) []obj {
		out := make([]obj, n)
		for i := range out {
			out[i] = obj{"id": fmt.Sprintf("%s-%d", prefix, i), "nom": fmt.Sprintf("Espace numérique %s %d", prefix, i), "pivot": "00000000000000", "commune": "Gap",
				"code_postal": "05000", "adresse": fmt.Sprintf("%d rue Colonel Roux", i+1), "date_maj": "2023-05-01", "services": "Aide aux démarches administratives"}
		}
		return out
	}
	if err := e.Store.LimitGrowth(ctx, 0); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/full/import", Token: e.Admin, Body: rows(300, fmt.Sprint("f", i))})
		if r.Code != 503 || r.Header().Get("Retry-After") == "" {
			t.Fatalf("import on a full disk: %d (Retry-After %q) %s", r.Code, r.Header().Get("Retry-After"), r.Body)
		}
		p := r.Map()
		if p["type"] != "urn:carnet:problem:storage_full" || !strings.Contains(str(p["detail"]), "nothing was written") {
			t.Errorf("problem: %s", r.Body)
		}
	}
	if n := strings.Count(logs.String(), "storage is full"); n != 1 {
		t.Errorf("%d log lines for two refused writes, want 1:\n%s", n, logs.String())
	}
	ready := func() obj {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: "/readyz"})
		if r.Code != 200 {
			t.Fatalf("/readyz: %d %s", r.Code, r.Body)
		}
		return r.Map()
	}
	if got := ready(); got["status"] != "degraded" || got["storage_full_at"] == nil {
		t.Errorf("/readyz while writes fail: %v", got)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?source=full", Token: e.Admin}); r.Code != 200 || len(r.Map()["data"].([]any)) != 0 {
		t.Errorf("reads on a full disk: %d %s", r.Code, r.Body)
	}
	// Space is back: writes succeed, and a minute without a refusal
	// later readiness says so.
	if err := e.Store.LimitGrowth(ctx, -1); err != nil {
		t.Fatal(err)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/full/import", Token: e.Admin, Body: rows(300, "ok")}); r.Code != 200 {
		t.Fatalf("import once space is back: %d %s", r.Code, r.Body)
	}
	skew.Store(int64(models.StorageFullWindow))
	if got := ready(); got["status"] != "ok" || got["storage_full_at"] != nil {
		t.Errorf("/readyz a minute later: %v", got)
	}
}
