package search

import (
	"context"
	"math"
	"path/filepath"
	"reflect"
	"testing"

	"carnet/models"
	"carnet/models/search/synth"
)

// TestFacetStrategies checks that counting facets one result at a time and
// by intersecting bitsets give the same counts.
func TestFacetStrategies(t *testing.T) {
	ctx := context.Background()
	s, err := models.Open(ctx, filepath.Join(t.TempDir(), "t.db"), models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := synth.Load(ctx, s, synth.Generate(synth.Options{Seed: 3, Actors: 300, Services: 900}), 300); err != nil {
		t.Fatal(err)
	}
	m, err := NewMemory(ctx, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tbl := range []*table{m.services, m.actors} {
		var fields []string
		for f := range tbl.fields {
			fields = append(fields, f)
		}
		result := make(bitset, len(tbl.all))
		copy(result, tbl.all)
		for i := 0; i < len(tbl.docs); i += 3 {
			result.clear(uint32(i))
		}
		perDoc := tbl.facets(fields, result, 0)
		bitsets := tbl.facets(fields, result, math.MaxInt32)
		if !reflect.DeepEqual(perDoc, bitsets) {
			t.Errorf("facets differ:\n%v\n%v", perDoc, bitsets)
		}
	}
}
