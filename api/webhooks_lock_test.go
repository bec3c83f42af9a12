package api_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/handlers"
	"carnet/models"
)

// TestWebhookDeleteWhileDelivering deletes subscriptions while workers
// claim and record their deliveries. The delete locked the subscription
// and then deleted its deliveries; a worker recording an attempt locked the
// delivery and then the subscription (its health): opposite orders, a
// deadlock that failed the delete (503) or rolled back the record of a
// delivery the endpoint had acknowledged, sent again once its lease ran
// out. Every path now locks the subscription first.
func TestWebhookDeleteWhileDelivering(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	rcv := newReceiver(t)
	const subs, changes, workers = 6, 30, 4
	var ids []string
	for range subs {
		ids = append(ids, str(rcv.subscribe(e, e.Admin, nil)["id"]))
	}
	ctx := context.Background()
	var places []models.PlaceWithServices
	for i := range changes {
		var a models.Actor
		a.Name, a.Address = fmt.Sprintf("Lieu %d", i), models.Address{Street: "2 rue de la République", PostalCode: "13002", Commune: "Marseille"}
		places = append(places, models.PlaceWithServices{Actor: a})
	}
	if err := e.Store.CreatePlaces(ctx, places); err != nil {
		t.Fatal(err)
	}
	from, err := e.Store.WebhookCursor(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f, err := e.Store.Follow(ctx, models.FollowOptions{Name: "webhooks-test", From: from,
		Apply: func(ctx context.Context, batch []models.Change) error {
			_, err := e.Store.FanOutWebhooks(ctx, batch, models.WebhookMaxPending, handlers.RenderWebhook)
			return err
		}})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the fan-out", func() bool { return len(deliveries(t, e, e.Admin, ids[subs-1], "")) == changes })
	f.Stop()
	pol := models.WebhookPolicy{Backoff: func(int) time.Duration { return time.Second }, MaxAge: time.Hour, DisableAfter: time.Hour, MaxRetryAfter: time.Minute}
	var failures, deletes atomic.Int64
	var mu sync.Mutex
	var seen []string
	fail := func(format string, args ...any) {
		failures.Add(1)
		mu.Lock()
		defer mu.Unlock()
		if len(seen) < 5 {
			seen = append(seen, fmt.Sprintf(format, args...))
		}
	}
	for _, id := range ids {
		var finished atomic.Int64
		var wg sync.WaitGroup
		for w := range workers {
			owner := fmt.Sprintf("worker-%d", w)
			wg.Go(func() {
				for {
					claimed, sub, err := e.Store.ClaimWebhookDeliveries(ctx, id, owner, time.Minute, 2)
					if err != nil {
						fail("claim: %v", err)
						return
					}
					if sub == nil || len(claimed) == 0 {
						return // deleted, or nothing left
					}
					for _, d := range claimed {
						a := models.WebhookAttempt{At: time.Now(), Delivered: true, Status: 204}
						if _, _, err := e.Store.FinishWebhookDelivery(ctx, d.ID, owner, a, pol); err != nil {
							fail("recording a delivery the endpoint acknowledged: %v", err)
						}
						finished.Add(1)
					}
				}
			})
		}
		workersDone := make(chan struct{})
		go func() { wg.Wait(); close(workersDone) }()
	wait:
		for finished.Load() < 4 {
			select {
			case <-workersDone:
				break wait
			default:
				runtime.Gosched()
			}
		}
		r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/webhooks/" + id, Token: e.Admin})
		deletes.Add(1)
		if r.Code != 204 {
			fail("DELETE: %d %s", r.Code, r.Body)
		}
		wg.Wait()
	}
	if n := failures.Load(); n > 0 {
		t.Errorf("%d failures over %d deletes beside the workers; first: %s", n, deletes.Load(), strings.Join(seen, "; "))
	}
}
