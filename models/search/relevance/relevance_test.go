package relevance

import (
	"context"
	"path/filepath"
	"testing"

	"carnet/models"
	"carnet/models/search"
)

// TestJudgedQueries fails when search falls below the figures it reached on
// the judged set (README, « Relevance »), less 0.01 of rounding.
func TestJudgedQueries(t *testing.T) {
	files, err := Files("../../..")
	if err != nil {
		t.Skip(err)
	}
	ctx := context.Background()
	store, err := models.Open(ctx, filepath.Join(t.TempDir(), "r.db"), models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := Load(ctx, store, files); err != nil {
		t.Fatal(err)
	}
	mem, err := search.NewMemory(ctx, store, nil)
	if err != nil {
		t.Fatal(err)
	}
	qs, err := Judged()
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 80 {
		t.Fatalf("%d judged queries", len(qs))
	}
	for _, c := range []struct {
		services   bool
		p5, recall float64
		zero       int
	}{{false, 0.95, 0.93, 0}, {true, 0.95, 0.93, 0}} {
		f, err := Evaluate(ctx, mem, qs, c.services)
		if err != nil {
			t.Fatal(err)
		}
		if f.P5 < c.p5 || f.Recall20 < c.recall || f.Zero > c.zero {
			t.Errorf("services=%v: P@5 %.2f (floor %.2f), recall@20 %.2f (floor %.2f), zero %d (at most %d)",
				c.services, f.P5, c.p5, f.Recall20, c.recall, f.Zero, c.zero)
		}
	}
}
