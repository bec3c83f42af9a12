package search_test

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"carnet/models/search"
	"carnet/models/vocab"
)

// BenchmarkEngine measures the engine alone (no HTTP) on a synthetic
// territory: index build, memory, and each query shape's latency.
//
//	go test -run '^$' -bench Engine -benchtime 2000x ./models/search
func BenchmarkEngine(b *testing.B) {
	s, _, ter := synthetic(b, 6000, 20000)
	ctx := context.Background()
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	start := time.Now()
	m, err := search.NewMemory(ctx, s, nil)
	if err != nil {
		b.Fatal(err)
	}
	build := time.Since(start)
	m.SetCacheSize(0) // measure the engine, not reused answers
	runtime.GC()
	runtime.ReadMemStats(&m1)
	b.Logf("build %s, heap +%.1f MiB", build, float64(m1.HeapAlloc-m0.HeapAlloc)/(1<<20))
	c := ter.Communes[0]
	here := &search.Point{Lat: c.Lat, Lon: c.Lon}
	shapes := []struct {
		name string
		q    search.Query
	}{
		{"broad prefix", search.Query{Text: "médiat"}},
		{"selective", search.Query{Text: "médiathèque paris"}},
		{"near", search.Query{Near: here}},
		{"near filters facets", search.Query{Near: here, RadiusKM: 15, Filters: map[string][]string{
			search.FieldThemes: {vocab.ThemeAdministrativeProcedures}, search.FieldFees: {vocab.FeeFree}},
			Facets: []string{search.FieldThemes, search.FieldKind, search.FieldFees, search.FieldPublics, search.FieldLanguages, search.FieldOpenOn}}},
		{"open saturday", search.Query{Filters: map[string][]string{search.FieldOpenOn: {search.OpenOnSaturday}, search.FieldDepartement: {"75"}}}},
		// An acronym the places write out, and a written-out name the
		// places write as an acronym (the generator names EPNs « Espace
		// public numérique de … », MJCs « MJC … »).
		{"acronym + commune", search.Query{Text: "epn " + c.Name}},
		{"written-out name", search.Query{Text: "maison des jeunes et de la culture"}},
		// A need and a public as helpers type them: generic words
		// (« cours ») and a public (« seniors ») beside the need.
		{"need + public", search.Query{Text: "cours informatique seniors"}},
	}
	// The bench command's selective shape: a word of a place's name and
	// its commune, 256 of them in turn.
	var sel []search.Query
	for _, p := range ter.Places {
		if len(sel) == 256 {
			break
		}
		for _, w := range strings.Fields(p.Actor.Name) {
			if len([]rune(w)) >= 4 {
				sel = append(sel, search.Query{Text: w + " " + p.Actor.Address.Commune})
				break
			}
		}
	}
	b.Run("selective, name word + commune", func(b *testing.B) {
		lat := make([]time.Duration, 0, b.N)
		i := 0
		for b.Loop() {
			t0 := time.Now()
			if _, err := m.SearchServices(ctx, sel[i%len(sel)]); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t0))
			i++
		}
		report(b, lat)
	})
	for _, sh := range shapes {
		b.Run(sh.name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			for b.Loop() {
				t0 := time.Now()
				if _, err := m.SearchServices(ctx, sh.q); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
			report(b, lat)
		})
	}
	b.Run("suggest", func(b *testing.B) {
		lat := make([]time.Duration, 0, b.N)
		for b.Loop() {
			t0 := time.Now()
			if _, err := m.Suggest(ctx, search.SuggestRequest{Profile: search.ProfileBeginner, Needs: []string{vocab.ThemeEverydayDigitalTools}, Near: here, Free: true}); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t0))
		}
		report(b, lat)
	})
}

func report(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	if len(lat) == 0 {
		return
	}
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}
