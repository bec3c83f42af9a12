package api_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models/modeltest"
)

// BenchmarkHSDS measures the HSDS view through the real router on the PACA
// file imported by the real importer (646 places and services), with the
// median and 99th percentile latency of each request:
//
//	go test -run '^$' -bench HSDS -benchtime 2000x ./api
func BenchmarkHSDS(b *testing.B) {
	e := apitest.New(b)
	rep, err := modeltest.LoadStandardFile(context.Background(), e.Store, pacaFile)
	if err != nil {
		b.Skipf("PACA sample not loadable (%v): it lives in ../shared/reference beside the repository", err)
	}
	b.Logf("%d places loaded", rep.Loaded)
	first := e.Do(apitest.Request{Method: "GET", Path: "/api/hsds/v3/services?per_page=1"}).Map()["contents"].([]any)[0].(map[string]any)
	cases := []struct{ name, path string }{
		{"services per_page=50", "/api/hsds/v3/services?per_page=50"},
		{"services per_page=50 page 7", "/api/hsds/v3/services?per_page=50&page=7"},
		{"services per_page=50 full", "/api/hsds/v3/services?per_page=50&full=true"},
		{"services search", "/api/hsds/v3/services?per_page=50&search=m%C3%A9diath%C3%A8que"},
		{"service by id", "/api/hsds/v3/services/" + first["id"].(string)},
		{"organizations per_page=50", "/api/hsds/v3/organizations?per_page=50"},
		{"service_at_locations postcode+proximity", "/api/hsds/v3/service_at_locations?postcode=13001&proximity=5000&per_page=50"},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				w := httptest.NewRecorder()
				req := httptest.NewRequest("GET", tc.path, nil)
				t0 := time.Now()
				e.Handler.ServeHTTP(w, req)
				lat = append(lat, time.Since(t0))
				if w.Code != 200 {
					b.Fatalf("%d %s", w.Code, w.Body)
				}
			}
			b.StopTimer()
			report(b, lat)
		})
	}
}
