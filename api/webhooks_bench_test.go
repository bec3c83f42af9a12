package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/dbtest"
	"carnet/models/webhook"
)

// BenchmarkWebhookDelivery measures the webhook pipeline with the
// production settings (except loopback allowed): a change committed, fanned
// out from the change log, signed and POSTed to a local endpoint. It
// reports the latency from the write's return to the endpoint's receipt
// (median, p99), one change at a time, and the throughput of a burst of
// 1,000 changes to 4 subscriptions (deliveries per second):
//
//	go test -run '^$' -bench WebhookDelivery -benchtime 200x ./api
func BenchmarkWebhookDelivery(b *testing.B) {
	e := apitest.New(b, apitest.WithWebhooks(webhook.Config{Guard: webhook.Guard{AllowPrivate: true}, Log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}))
	e.RunWebhooks(false)
	var mu sync.Mutex
	arrived := map[string]time.Time{} // subscription/record → receipt
	got := make(chan struct{}, 1<<16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var p map[string]any
		_ = json.Unmarshal(body, &p)
		mu.Lock()
		arrived[fmt.Sprint(p["subscription_id"], "/", recordOf(p))] = time.Now()
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
		got <- struct{}{}
	}))
	b.Cleanup(srv.Close)
	subscribe := func() string {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: e.Admin, Body: obj{"url": srv.URL}})
		if r.Code != 201 {
			b.Fatalf("subscribe: %d %s", r.Code, r.Body)
		}
		return str(r.Map()["id"])
	}
	first := subscribe()
	ctx := context.Background()
	create := func(i int) string {
		a := models.Actor{Name: fmt.Sprintf("Lieu %06d", i), Address: models.Address{Street: "1 rue", PostalCode: "13001", Commune: "Marseille"}}
		if err := e.Store.CreateActor(ctx, &a); err != nil {
			b.Fatal(err)
		}
		return a.ID
	}
	wait := func(n int) {
		deadline := time.After(40 * time.Second)
		for range n {
			select {
			case <-got:
			case <-deadline:
				raw := dbtest.Raw(b, e.DBPath)
				dump := func(q string) string {
					rs, err := raw.Query(q)
					if err != nil {
						return err.Error()
					}
					defer rs.Close()
					cols, _ := rs.Columns()
					out := ""
					for rs.Next() {
						vals := make([]any, len(cols))
						ptrs := make([]any, len(cols))
						for i := range vals {
							ptrs[i] = &vals[i]
						}
						rs.Scan(ptrs...)
						out += fmt.Sprintln(vals...)
					}
					return out
				}
				b.Logf("now %s\n%s\n%s", time.Now().UTC(),
					dump("SELECT subscription_id, state, count(*) AS n, min(next_attempt_at), max(next_attempt_at), max(attempts) FROM webhook_deliveries GROUP BY subscription_id, state"),
					dump("SELECT id, active, paused_until, consecutive_failures, start_seq FROM webhook_subscriptions"))
				d, subs, _ := e.Store.WebhookQueueCounts(ctx)
				fo := e.Webhooks.Stats()
				b.Fatalf("deliveries did not arrive in time (%d received of %d); queue %v, subscriptions %v, fan-out lag %d", len(arrived), n, d, subs, fo.LagChanges)
			}
		}
	}

	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		id := create(i)
		done := time.Now()
		wait(1)
		mu.Lock()
		lat = append(lat, arrived[first+"/"+id].Sub(done))
		mu.Unlock()
	}
	b.StopTimer()
	b.Logf("latency phase: %d changes", b.N)
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")

	// A burst: 200 changes, 4 subscriptions.
	for range 3 {
		subscribe()
	}
	const burst = 200
	start := time.Now()
	for i := range burst {
		create(b.N + i)
	}
	written := time.Since(start)
	wait(4 * burst)
	took := time.Since(start)
	b.ReportMetric(4*burst/took.Seconds(), "deliveries/s")
	b.Logf("burst: %d changes written in %s, %d deliveries received %s after the first write", burst, written.Round(time.Millisecond), 4*burst, took.Round(time.Millisecond))
}
