package opendata_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/dbtest"
	"carnet/models/opendata"
)

// An export larger than the cache keeps is not kept: Get says so, and each
// download streams its own walk, as before the cache.
func TestExportCacheKeepsOnlyWhatFits(t *testing.T) {
	store, _ := dbtest.Open(t, models.Options{})
	ctx := context.Background()
	if _, err := opendata.Import(ctx, store, strings.NewReader(`[{"id":"1","nom":"Médiathèque","commune":"Angoulême","code_postal":"16000","adresse":"1 rue Hergé","date_maj":"2024-01-01","services":"Aide aux démarches administratives"}]`), opendata.ImportOptions{Source: "t", Format: opendata.FormatJSON}); err != nil {
		t.Fatal(err)
	}
	cur, err := store.ExportStateNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	small := &opendata.ExportCache{MaxBytes: 64}
	if kept, err := small.Get(ctx, store, "standard-csv", cur); err != nil || kept != nil {
		t.Fatalf("an export over MaxBytes: %v %v", kept, err)
	}
	if kept, err := small.Get(ctx, store, "standard-csv", cur); err != nil || kept != nil || small.Walks() != 1 {
		t.Fatalf("asked again: %v %v, %d walks (the size is known for this state)", kept, err, small.Walks())
	}
	var buf bytes.Buffer
	if err := small.Stream(ctx, store, "standard-csv", &buf, nil); err != nil || !strings.Contains(buf.String(), "Médiathèque") {
		t.Fatalf("streamed: %v %s", err, buf.String())
	}

	big := &opendata.ExportCache{}
	kept, err := big.Get(ctx, store, "standard-csv", cur)
	if err != nil || kept == nil || kept.State.Seq != cur.Seq || kept.Size != int64(buf.Len()) {
		t.Fatalf("kept %+v, %v (streamed %d bytes)", kept, err, buf.Len())
	}
}
