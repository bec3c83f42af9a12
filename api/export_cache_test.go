package api_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"carnet/api/apitest"
)

// exportWalks reads the walks of the directory made for exports, from
// /metrics.
func exportWalks(t *testing.T, e *apitest.Env) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^carnet_export_walks_total (\d+)$`).FindStringSubmatch(serve(e, "GET", "/metrics", "").Body.String())
	if m == nil {
		t.Fatal("carnet_export_walks_total missing from /metrics")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// An export is a function of the directory's state (last public change and
// day: what its ETag names). Each download walked the whole directory again,
// so that a handful of anonymous clients asking at once cost a walk each;
// now one walk answers every download of one state, and a change of the
// directory, or of the day, makes the next download a new walk.
func TestExportsWalkOncePerState(t *testing.T) {
	var clock atomic.Int64
	clock.Store(time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC).UnixNano())
	e := apitest.New(t, apitest.WithClock(func() time.Time { return time.Unix(0, clock.Load()) }))
	createActor(t, e, validActor("Médiathèque de l'export"))
	before := exportWalks(t, e)

	plain := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv"})
	zipped := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv", Header: map[string]string{"Accept-Encoding": "gzip"}})
	again := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv"})
	if plain.Code != 200 || zipped.Code != 200 || again.Code != 200 {
		t.Fatalf("%d %d %d", plain.Code, zipped.Code, again.Code)
	}
	if !strings.Contains(plain.Body.String(), "Médiathèque de l'export") || again.Body.String() != plain.Body.String() {
		t.Errorf("the same state gave different files:\n%s\n%s", plain.Body, again.Body)
	}
	if zipped.Header().Get("Content-Encoding") != "gzip" || gunzip(t, zipped.Body.Bytes()) != plain.Body.String() {
		t.Errorf("gzip answer %q differs from the plain one", zipped.Header().Get("Content-Encoding"))
	}
	if plain.Header().Get("Content-Length") != strconv.Itoa(plain.Body.Len()) || zipped.Header().Get("Content-Length") != strconv.Itoa(zipped.Body.Len()) {
		t.Errorf("Content-Length %q (%d bytes), gzip %q (%d bytes)", plain.Header().Get("Content-Length"), plain.Body.Len(), zipped.Header().Get("Content-Length"), zipped.Body.Len())
	}
	if plain.Header().Get("ETag") == "" || plain.Header().Get("ETag") != again.Header().Get("ETag") || plain.Header().Get("X-Changes-Cursor") == "" {
		t.Errorf("headers: %v", plain.Header())
	}
	if n := exportWalks(t, e) - before; n != 1 {
		t.Errorf("three downloads of one state walked the directory %d times, want 1", n)
	}

	// A client that holds the state walks nothing.
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/geojson", Header: map[string]string{"If-None-Match": strings.Replace(plain.Header().Get("ETag"), "standard-csv", "geojson", 1)}}); r.Code != 304 {
		t.Errorf("If-None-Match of the current state: %d", r.Code)
	}
	if n := exportWalks(t, e) - before; n != 1 {
		t.Errorf("a 304 walked the directory (%d walks)", n)
	}

	// A change: the next download is of the new state.
	createActor(t, e, validActor("Tiers-lieu arrivé après"))
	next := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv"})
	if !strings.Contains(next.Body.String(), "Tiers-lieu arrivé après") || next.Header().Get("ETag") == plain.Header().Get("ETag") {
		t.Errorf("after a change: %s %s", next.Header().Get("ETag"), next.Body)
	}

	// Many clients at once on a state nobody has downloaded: one walk.
	createActor(t, e, validActor("Espace public numérique du soir"))
	mid := exportWalks(t, e)
	var wg sync.WaitGroup
	bodies := make([]string, 8)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			bodies[i] = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-json"}).Body.String()
		}()
	}
	wg.Wait()
	for _, b := range bodies {
		if b != bodies[0] || !strings.Contains(b, "Espace public numérique du soir") {
			t.Fatalf("concurrent downloads differ or miss the last change: %s", b)
		}
	}
	if n := exportWalks(t, e) - mid; n != 1 {
		t.Errorf("8 concurrent downloads walked the directory %d times, want 1", n)
	}

	// The next day is another state (statuses follow closure dates, scores
	// age): a new walk, a new ETag.
	clock.Add(int64(24 * time.Hour))
	mid = exportWalks(t, e)
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-json"}); r.Code != 200 || r.Header().Get("ETag") == "" || !strings.Contains(r.Header().Get("ETag"), "2026-12-03") {
		t.Errorf("next day: %d %s", r.Code, r.Header().Get("ETag"))
	}
	if n := exportWalks(t, e) - mid; n != 1 {
		t.Errorf("the next day's download walked %d times, want 1", n)
	}

	// HEAD answers the same headers from the kept export.
	if r := serve(e, "HEAD", "/api/v1/exports/standard-json", ""); r.Code != 200 || r.Body.Len() != 0 || r.Header().Get("Content-Length") == "" {
		t.Errorf("HEAD: %d %q %d bytes", r.Code, r.Header().Get("Content-Length"), r.Body.Len())
	}
}
