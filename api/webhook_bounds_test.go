package api_test

import (
	"fmt"
	"net"
	"testing"

	"carnet/api/apitest"
)

// TestWebhookQueueBound: one subscription keeps at most MaxPending
// deliveries waiting. A dead endpoint beside a healthy one, then a burst of
// changes larger than the bound: the dead one falls behind (a cursor in its
// health, no more rendered bodies), the healthy one still receives every
// record; once the dead endpoint works again it catches up from the change
// log and receives every record too, and deleting a subscription takes its
// log with it. Twenty unfiltered subscriptions to dead endpoints had stored
// 320,424 deliveries (probe 34, finding 3).
func TestWebhookQueueBound(t *testing.T) {
	const bound, burst = 60, 300
	cfg := fastHooks()
	cfg.MaxPending, cfg.FanOutBatch, cfg.ReplayBatch = bound, 20, 20
	e := apitest.New(t, apitest.WithWebhooks(cfg))
	e.RunWebhooks(false)
	healthy := newReceiver(t)
	good := str(healthy.subscribe(e, e.Admin, nil)["id"])
	// Nothing listens at the dead endpoint's address.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadURL := "http://" + ln.Addr().String() + "/carnet"
	ln.Close()
	dead := str(healthy.subscribe(e, e.Admin, obj{"url": deadURL})["id"])

	places := make([]obj, burst)
	for i := range places {
		places[i] = partnerActor(fmt.Sprintf("b%d", i), fmt.Sprintf("Lieu %d", i))
	}
	res := syncActors(t, e, "", places...)
	if res.Counts["created"] != burst {
		t.Fatalf("sync: %v", res.Counts)
	}
	ids := map[string]bool{}
	for _, r := range res.Results {
		ids[r.ID] = true
	}
	waitFannedOut(t, e)

	health := func(id string) map[string]any {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + id, Token: e.Admin})
		if r.Code != 200 {
			t.Fatalf("GET webhook: %d %s", r.Code, r.Body)
		}
		return r.Map()["health"].(map[string]any)
	}
	h := health(dead)
	if p := h["pending"].(float64); p > bound || h["behind_cursor"] == nil || h["behind_since"] == nil {
		t.Errorf("dead endpoint after %d changes: %v (at most %d waiting, and behind)", burst, h, bound)
	}
	if n := len(deliveries(t, e, e.Admin, dead, "")); n > bound {
		t.Errorf("dead endpoint: %d deliveries stored, want at most %d", n, bound)
	}
	// Every record reaches the healthy endpoint, whether it fell behind
	// meanwhile or not.
	reached := func(r *receiver, sub string) func() bool {
		return func() bool {
			seen := map[string]bool{}
			for _, g := range r.accepted() {
				if str(g.Payload["subscription_id"]) == sub {
					seen[recordOf(g.Payload)] = true
				}
			}
			for id := range ids {
				if !seen[id] {
					return false
				}
			}
			return true
		}
	}
	waitForHooks(t, e, "every record at the healthy endpoint", reached(healthy, good))
	waitForHooks(t, e, "the healthy subscription caught up", func() bool { return health(good)["behind_cursor"] == nil })

	// The dead endpoint comes back (a new URL forgets its failures): it
	// catches up, and every record arrives.
	back := newReceiver(t)
	healthy.mu.Lock()
	back.secrets[dead] = healthy.secrets[dead]
	healthy.mu.Unlock()
	patch(t, e, "/api/v1/webhooks/"+dead, obj{"url": back.srv.URL + "/carnet"})
	waitForHooks(t, e, "every record at the endpoint back", reached(back, dead))
	waitForHooks(t, e, "the subscription back caught up", func() bool { return health(dead)["behind_cursor"] == nil })
	checkOrderPerRecord(t, back.accepted())

	// Deleting a subscription takes its log with it.
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/webhooks/" + good, Token: e.Admin}); r.Code != 204 {
		t.Fatalf("DELETE: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + good + "/deliveries", Token: e.Admin}); r.Code != 404 {
		t.Errorf("deliveries of a deleted subscription: %d", r.Code)
	}
}
