package search_test

import (
	"context"
	"testing"

	"carnet/models/search"
)

func TestSmoke(t *testing.T) {
	_, m := paca(t)
	ns, na := m.Len()
	t.Logf("services %d actors %d build %s", ns, na, m.BuildTime)
	for _, q := range []string{"mediatheque", "Médiathèque", "médiat", "mediatheque marseille", "france services"} {
		r, err := m.SearchServices(context.Background(), search.Query{Text: q, Facets: []string{"themes"}})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%q: total %d next %q facets %v", q, r.Total, r.NextCursor, r.Facets)
		for _, h := range r.Hits[:min(3, len(r.Hits))] {
			t.Logf("   %.2f %s / %s (%s)", h.Score, h.Item.Name, h.Item.Actor.Name, h.Item.Actor.Address.Commune)
		}
	}
	r, err := m.SearchServices(context.Background(), search.Query{Near: &search.Point{Lat: 43.2965, Lon: 5.3698}, Limit: 5})
	t.Log(r.Total, err)
	for _, h := range r.Hits {
		t.Logf("   %v %s", *h.DistanceKM, h.Item.Name)
	}
}
