package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
)

// BenchmarkConcurrentWrites measures single writes (PATCH and POST of
// actors) through the real router with 32 writers at once, each sending its
// next write as soon as the last one answered, while a partner's job sends
// sync batches of 500 actors beside them (the next once the last answered,
// at most one a second), on a directory
// where many records share one address (a town hall hosting a dozen
// permanences, listed by two producers): every write there gives duplicate
// detection hundreds of candidates; then again without the sync batches
// (writes-only). It prints the median, p99 and throughput of the single
// writes, the median of the sync batches, and how long duplicate detection
// took to catch up once the writers stopped (where it follows the change
// log):
//
//	go test -run '^$' -bench ConcurrentWrites -benchtime 1x ./api
func BenchmarkConcurrentWrites(b *testing.B) {
	const (
		shared    = 100 // places of each source at the shared address
		spread    = 1600
		batchSize = 500
	)
	e := apitest.New(b)
	ctx := context.Background()
	sharedPlace := func(name, src, id string, i int) models.Actor {
		return models.Actor{Name: name, Source: src, SourceID: id,
			Address:  models.Address{Street: "2 place du Général de Gaulle", PostalCode: "13001", Commune: "Marseille"},
			Latitude: new(43.2965 + float64(i%7)*0.00002), Longitude: new(5.3698)}
	}
	// The hub's places: some at the shared address, the others spread over
	// the département; the partner's places all at the shared address.
	var hub, partner []models.Actor
	for i := range shared {
		hub = append(hub, sharedPlace(fmt.Sprintf("Permanence numérique %d", i), "hub", fmt.Sprintf("h%d", i), i))
		partner = append(partner, sharedPlace(fmt.Sprintf("Point numérique %d", i), "partenaire", fmt.Sprintf("p%d", i), i))
	}
	for i := range spread {
		hub = append(hub, models.Actor{Name: fmt.Sprintf("Espace numérique %d", i), Source: "hub", SourceID: fmt.Sprintf("s%d", i),
			Address:  models.Address{Street: fmt.Sprintf("%d rue de la République", i+1), PostalCode: "13001", Commune: "Marseille"},
			Latitude: new(43.2 + float64(i%40)*0.004), Longitude: new(5.3 + float64(i/40)*0.004)})
	}
	for _, batch := range [][]models.Actor{hub, partner} {
		for chunk := range slices.Chunk(batch, batchSize) {
			if _, err := e.Store.SyncBatch(ctx, chunk[0].Source, slices.Clone(chunk), nil, models.SyncOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	catchUp := func() time.Duration {
		// Where detection follows the change log, wait for it (not on
		// versions that detect inside the sync batch).
		c, ok := any(e.Store).(interface {
			CatchUp(context.Context, string) error
		})
		if !ok {
			return 0
		}
		start := time.Now()
		cctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
		defer cancel()
		if err := c.CatchUp(cctx, "duplicates"); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	setup := catchUp()
	b.Logf("seeded %d places, detection caught up in %v", len(hub)+len(partner), setup)
	page, err := e.Store.ListActors(ctx, models.ActorFilter{Sources: []string{"hub"}, ListParams: models.ListParams{Limit: 200}})
	if err != nil || len(page.Items) == 0 {
		b.Fatalf("no actor to edit: %v", err)
	}
	edit := page.Items
	do := func(method, path, ctype, body string) (time.Duration, int) {
		r := httptest.NewRequest(method, path, strings.NewReader(body))
		r.Header.Set("Content-Type", ctype)
		r.Header.Set("Authorization", "Bearer "+e.Admin)
		w := httptest.NewRecorder()
		t0 := time.Now()
		e.Handler.ServeHTTP(w, r)
		return time.Since(t0), w.Code
	}
	// With the partner's sync batches beside the writers, then without
	// them: a batch holds the single writer while it writes its 500
	// places, and the second run shows what single writes cost alone.
	for _, withSync := range []bool{true, false} {
		name := "with-sync"
		if !withSync {
			name = "writes-only"
		}
		b.Run(name, func(b *testing.B) { measureWrites(b, e, edit, partner, withSync, catchUp, do) })
	}
}

func measureWrites(b *testing.B, e *apitest.Env, edit []models.Actor, partner []models.Actor, withSync bool, catchUp func() time.Duration,
	do func(method, path, ctype, body string) (time.Duration, int)) {
	const (
		writers   = 32
		perWriter = 30 // single writes per writer and run
		batchSize = 500
	)
	for run := 0; b.Loop(); run++ {
		var mu sync.Mutex
		var single, syncs, holds, waits []time.Duration
		// Where the store tells each turn on the single writer, how long
		// turns held it and waited for it.
		observer, observed := any(e.Store).(interface {
			ObserveTurns(func(wait, hold time.Duration))
		})
		if observed {
			var tmu sync.Mutex
			observer.ObserveTurns(func(wait, hold time.Duration) {
				tmu.Lock()
				holds, waits = append(holds, hold), append(waits, wait)
				tmu.Unlock()
			})
		}
		done := make(chan struct{})
		var syncer sync.WaitGroup
		syncer.Go(func() {
			if !withSync {
				return
			}
			// The partner's job sends its next batch once the last one
			// answered, at most one a second.
			tick := time.NewTicker(time.Second)
			defer tick.Stop()
			for round := 0; ; round++ {
				var body []map[string]any
				for i := range batchSize {
					a := partner[(round*batchSize+i)%len(partner)]
					body = append(body, map[string]any{"source_id": a.SourceID, "name": fmt.Sprintf("%s, run %d round %d", a.Name, run, round),
						"address":  map[string]any{"street": a.Address.Street, "postal_code": a.Address.PostalCode, "commune": a.Address.Commune},
						"latitude": *a.Latitude, "longitude": *a.Longitude})
				}
				raw, _ := json.Marshal(map[string]any{"actors": body})
				d, code := do("PUT", "/api/v1/sync/partenaire/actors", "application/json", string(raw))
				if code != 200 {
					b.Errorf("sync: %d", code)
					return
				}
				mu.Lock()
				syncs = append(syncs, d)
				mu.Unlock()
				select {
				case <-done:
					return
				case <-tick.C:
				}
			}
		})
		start := time.Now()
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				for i := range perWriter {
					var d time.Duration
					var code, want int
					if i%2 == 0 {
						a := edit[(w*perWriter+i)%len(edit)]
						d, code = do("PATCH", "/api/v1/actors/"+a.ID, "application/merge-patch+json",
							fmt.Sprintf(`{"name":"%s (%d-%d-%d)"}`, strings.SplitN(a.Name, " (", 2)[0], run, w, i))
						want = 200
					} else {
						d, code = do("POST", "/api/v1/actors", "application/json",
							fmt.Sprintf(`{"name":"Permanence France Services %d-%d-%d","address":{"street":"2 place du Général de Gaulle","postal_code":"13001","commune":"Marseille"},"latitude":43.2965,"longitude":5.3698}`, run, w, i))
						want = 201
					}
					if code != want {
						b.Errorf("%d, want %d", code, want)
						return
					}
					mu.Lock()
					single = append(single, d)
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		elapsed := time.Since(start)
		close(done)
		syncer.Wait()
		if observed {
			observer.ObserveTurns(nil)
		}
		lag := catchUp()
		slices.Sort(single)
		slices.Sort(syncs)
		pct := func(l []time.Duration, p float64) float64 {
			if len(l) == 0 {
				return 0
			}
			return float64(l[int(p*float64(len(l)-1))].Microseconds()) / 1000
		}
		b.ReportMetric(pct(single, 0.5), "write-p50-ms")
		b.ReportMetric(pct(single, 0.99), "write-p99-ms")
		b.ReportMetric(float64(len(single))/elapsed.Seconds(), "writes/s")
		b.ReportMetric(pct(syncs, 0.5), "sync500-p50-ms")
		b.ReportMetric(float64(len(syncs)), "sync-batches")
		b.ReportMetric(float64(lag.Milliseconds()), "detection-catch-up-ms")
		if observed {
			slices.Sort(holds)
			slices.Sort(waits)
			b.ReportMetric(pct(holds, 0.5), "turn-hold-p50-ms")
			b.ReportMetric(pct(holds, 0.9), "turn-hold-p90-ms")
			b.ReportMetric(pct(holds, 0.99), "turn-hold-p99-ms")
			b.ReportMetric(pct(holds, 1), "turn-hold-max-ms")
			b.ReportMetric(pct(waits, 0.5), "turn-wait-p50-ms")
			b.ReportMetric(pct(waits, 0.99), "turn-wait-p99-ms")
			b.ReportMetric(float64(len(holds)), "turns")
			var held time.Duration
			for _, h := range holds {
				held += h
			}
			// The share of the time a turn held the writer: below 1, the
			// writer sat idle between turns (the next one not yet running).
			b.ReportMetric(held.Seconds()/elapsed.Seconds(), "writer-busy")
		}
	}
}
