package api_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
)

// BenchmarkDirectory measures the main read and write paths through the real
// router on a 10,000-actor database (each with one service). Besides ns/op it
// reports the median and 99th percentile latency and the throughput, so that
// runs can be compared as ratios on a noisy machine:
//
//	go test -tags sqlite_fts5 -run '^$' -bench . -benchtime 2000x ./api
func BenchmarkDirectory(b *testing.B) {
	e := apitest.New(b)
	ctx := context.Background()
	const n = 10000
	rng := rand.New(rand.NewPCG(1, 2))
	typologies := []string{"BIB", "CCAS", "ASSO", "MSAP", "CS", "TIERS_LIEUX", "MUNI"}
	deps := []string{"13", "06", "83", "84", "04", "05", "75", "69", "33", "59"}
	start := time.Now()
	var ids []string
	for i := range n {
		dep := deps[rng.IntN(len(deps))]
		a := models.Actor{
			Name:       fmt.Sprintf("Lieu %05d", i),
			Typologies: models.StringList{typologies[rng.IntN(len(typologies))]},
			Address:    models.Address{Street: "1 rue de la Paix", PostalCode: dep + "100", Commune: "Commune " + dep},
		}
		if err := e.Store.CreateActor(ctx, &a); err != nil {
			b.Fatal(err)
		}
		s := models.Service{ActorID: a.ID, Name: "Accès libre", Kind: "equipment_access", Themes: models.StringList{"Accès internet et matériel informatique"}, OnSite: true}
		if err := e.Store.CreateService(ctx, &s); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	b.Logf("loaded %d actors and %d services in %s", n, n, time.Since(start).Round(time.Millisecond))

	body := `{"name":"Nouveau lieu","typologies":["BIB"],"address":{"street":"1 rue","postal_code":"13001","commune":"Marseille"},"phones":["0491000000"],"opening_hours":"Mo-Fr 09:00-18:00"}`
	deep := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?limit=20&sort=name"}).Map()["meta"].(map[string]any)["next_cursor"].(string)
	cases := []struct {
		name string
		req  func(i int) *http.Request
	}{
		{"create actor", func(int) *http.Request {
			r := httptest.NewRequest("POST", "/api/v1/actors", strings.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			r.Header.Set("Authorization", "Bearer "+e.Admin)
			return r
		}},
		{"get actor", func(i int) *http.Request { return httptest.NewRequest("GET", "/api/v1/actors/"+ids[i%n], nil) }},
		{"list actors first page", func(int) *http.Request { return httptest.NewRequest("GET", "/api/v1/actors?limit=20", nil) }},
		{"list actors next page by name", func(int) *http.Request {
			return httptest.NewRequest("GET", "/api/v1/actors?limit=20&sort=name&cursor="+deep, nil)
		}},
		{"list actors filtered", func(int) *http.Request {
			return httptest.NewRequest("GET", "/api/v1/actors?limit=20&departement=13&typologies=BIB,CCAS", nil)
		}},
		{"list services filtered", func(int) *http.Request {
			return httptest.NewRequest("GET", "/api/v1/services?limit=20&departement=06&themes=acces-internet-et-materiel-informatique", nil)
		}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				req := tc.req(i)
				w := httptest.NewRecorder()
				t0 := time.Now()
				e.Handler.ServeHTTP(w, req)
				lat = append(lat, time.Since(t0))
				if w.Code >= 300 {
					b.Fatalf("%d %s", w.Code, w.Body)
				}
			}
			b.StopTimer()
			report(b, lat)
		})
	}
}

// report adds median, p99 and throughput to the benchmark's line.
func report(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	var total time.Duration
	for _, d := range lat {
		total += d
	}
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) }
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
	b.ReportMetric(float64(len(lat))/total.Seconds(), "req/s")
}
