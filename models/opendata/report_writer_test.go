package opendata_test

import (
	"bytes"
	"context"
	"reflect"
	"testing"

	"carnet/models/opendata"
)

// TestReportKeptBesideTheWriter: the report is kept by a goroutine of its
// own, beside the writer (issue 11, item 6); it must be the report the
// writer kept itself: the same whatever the batches (one row each, or the
// whole file in one), Progress called after each batch with the rows
// handed to the writer so far, ending at the report's Rows.
func TestReportKeptBesideTheWriter(t *testing.T) {
	var buf bytes.Buffer
	if err := opendata.WriteSynthetic(&buf, 300, 1); err != nil {
		t.Fatal(err)
	}
	var reports []*opendata.Report
	for _, size := range []int{1, 7, 1000} {
		var seen []int
		opt := opendata.ImportOptions{Source: "synthetic", BatchSize: size, Progress: func(rows int) { seen = append(seen, rows) }}
		rep, err := opendata.Import(context.Background(), openStore(t), bytes.NewReader(buf.Bytes()), opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(seen) == 0 || seen[len(seen)-1] != rep.Rows || rep.Rows != 300 {
			t.Fatalf("batches of %d: progress %v, report rows %d", size, seen, rep.Rows)
		}
		for i := 1; i < len(seen); i++ {
			if seen[i] < seen[i-1] {
				t.Fatalf("batches of %d: progress went back: %v", size, seen)
			}
		}
		if rep.Warnings == 0 || len(rep.Issues) == 0 {
			t.Fatalf("batches of %d: the synthetic file's warnings are gone", size)
		}
		rep.Elapsed = 0
		reports = append(reports, rep)
	}
	for i, rep := range reports[1:] {
		if !reflect.DeepEqual(rep, reports[0]) {
			t.Errorf("report %d differs from the first: %d issues, %v %v (first: %d, %v %v)", i+1,
				len(rep.Issues), rep.Actors, rep.Services, len(reports[0].Issues), reports[0].Actors, reports[0].Services)
		}
	}
}
