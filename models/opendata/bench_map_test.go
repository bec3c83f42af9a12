package opendata_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// BenchmarkMapSynthetic measures the reader's side of an import alone:
// the synthetic file read, each row mapped (ToPlace) and its records
// prepared (models.PrepareSyncBatch) by batches of 1,000, as Import does
// beside the writes, without a database. On a shared machine its CPU a
// row moves less than the whole import's. Run with -benchtime 1x.
func BenchmarkMapSynthetic(b *testing.B) {
	var buf bytes.Buffer
	if err := opendata.WriteSynthetic(&buf, *syntheticRows, 1); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		start := processCPU()
		rd, err := opendata.NewReader(bytes.NewReader(buf.Bytes()), "")
		if err != nil {
			b.Fatal(err)
		}
		rows := 0
		var actors []models.Actor
		var services []models.SyncService
		flush := func() {
			models.PrepareSyncBatch("bench", actors, services)
			actors, services = actors[:0], services[:0]
		}
		for {
			rec, err := rd.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			rows++
			p := opendata.ToPlace(rec, "bench")
			if p.Rejected {
				b.Fatalf("row %d rejected: %+v", rec.Row, p.Issues)
			}
			actors = append(actors, p.Actor)
			if p.Service != nil {
				services = append(services, models.SyncService{Service: *p.Service, ActorSourceID: p.Actor.SourceID})
			}
			if len(actors) == 1000 {
				flush()
			}
		}
		flush()
		b.ReportMetric(float64((processCPU()-start).Microseconds())/float64(rows), "map-cpu-µs/row")
	}
}
