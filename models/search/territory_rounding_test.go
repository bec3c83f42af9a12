package search_test

import (
	"context"
	"testing"

	"carnet/models/search"
)

// A gap's nearest_km is the distance the search shows for the nearest place
// offering the theme: one rounding (to the nearest 100 m) for both, and a
// commune is a gap exactly when that shown distance exceeds gap_km.
func TestGapNearestIsTheSearchDistance(t *testing.T) {
	_, m, _ := synthetic(t, 1500, 4000)
	ctx := context.Background()
	const gapKM = 5
	rep, err := m.Territory(ctx, search.TerritoryQuery{Departement: "13", GapKM: gapKM})
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, g := range rep.Gaps {
		for _, c := range g.Communes {
			if c.NearestKM == nil {
				continue
			}
			r, err := m.SearchActors(ctx, search.Query{Near: &search.Point{Lat: c.Lat, Lon: c.Lon}, RadiusKM: search.MaxRadiusKM,
				Filters: map[string][]string{search.FieldThemes: {g.Theme}}, Sort: search.SortDistance, Limit: 1})
			if err != nil || len(r.Hits) == 0 || r.Hits[0].DistanceKM == nil {
				t.Fatalf("%s: no place offering %s within %v km (%v)", c.Name, g.Theme, search.MaxRadiusKM, err)
			}
			// The diagnostic also places uncoordinated places at their
			// commune's centre, which the search does not: it may find
			// nearer, never farther (rounded up, it showed 28 for 27.9).
			got, want := *c.NearestKM, *r.Hits[0].DistanceKM
			if got > want {
				t.Errorf("%s, %s: nearest_km %v, search distance_km %v", c.Name, g.Theme, got, want)
			}
			if got == want {
				compared++
			}
			if *c.NearestKM <= gapKM {
				t.Errorf("%s, %s: a gap at %v km with gap_km %v", c.Name, g.Theme, *c.NearestKM, gapKM)
			}
		}
	}
	if compared == 0 {
		t.Fatal("no gap commune with a nearest place to compare")
	}
}
