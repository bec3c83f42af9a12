package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/handlers"
	"carnet/models"
	"carnet/models/webhook"
)

// Receiver modes: how the local endpoint answers.
const (
	answerOK   = iota // 204
	answer500         // 500 Internal Server Error
	answer410         // 410 Gone
	answerHang        // holds the request until released
)

// received is one delivery a receiver accepted (answered 2xx), its
// signature verified.
type received struct {
	ID      string
	Payload map[string]any
	Header  http.Header
}

// receiver is a partner's endpoint on 127.0.0.1: it verifies every
// request's signature with the subscription's secret (a request that does
// not verify fails the test) and records what it accepted, in order.
type receiver struct {
	t       *testing.T
	srv     *httptest.Server
	mu      sync.Mutex
	secrets map[string]string // subscription id → secret
	mode    int
	got     []received
	tries   int           // requests received, answered or not
	release chan struct{} // closed to let hanging requests go
	// refuseQuietly answers 401 to a request that does not verify, as a
	// receiver does, instead of failing the test (tests of bad signatures).
	refuseQuietly bool
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{t: t, secrets: map[string]string{}, release: make(chan struct{})}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(func() {
		r.unblock()
		r.srv.Close()
	})
	return r
}

func (r *receiver) unblock() {
	r.mu.Lock()
	defer r.mu.Unlock()
	select {
	case <-r.release:
	default:
		close(r.release)
	}
}

func (r *receiver) setMode(m int) {
	r.mu.Lock()
	r.mode = m
	r.mu.Unlock()
}

func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	var p map[string]any
	if err := json.Unmarshal(body, &p); err != nil {
		r.t.Errorf("webhook body is not JSON: %v %q", err, body)
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	r.mu.Lock()
	secret, mode, quiet := r.secrets[str(p["subscription_id"])], r.mode, r.refuseQuietly
	r.tries++
	r.mu.Unlock()
	if err := webhook.Verify(secret, req.Header, body, time.Now(), webhook.Tolerance); err != nil {
		if quiet {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		r.t.Errorf("webhook %s does not verify: %v", req.Header.Get(webhook.HeaderID), err)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if id := req.Header.Get(webhook.HeaderID); p["type"] != "webhook.ping" && id != p["delivery_id"] {
		r.t.Errorf("webhook-id %s but delivery_id %v", id, p["delivery_id"])
	}
	switch mode {
	case answer500:
		http.Error(w, "database unavailable", http.StatusInternalServerError)
		return
	case answer410:
		w.WriteHeader(http.StatusGone)
		return
	case answerHang:
		<-r.release
	}
	r.mu.Lock()
	r.got = append(r.got, received{ID: req.Header.Get(webhook.HeaderID), Payload: p, Header: req.Header.Clone()})
	r.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

// accepted returns what the receiver accepted so far.
func (r *receiver) accepted() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.got)
}

func (r *receiver) triesSoFar() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.tries
}

// subscribe registers a subscription to the receiver with token and keeps
// its secret.
func (r *receiver) subscribe(e *apitest.Env, token string, body obj) obj {
	r.t.Helper()
	if body == nil {
		body = obj{}
	}
	if _, ok := body["url"]; !ok {
		body["url"] = r.srv.URL + "/carnet"
	}
	res := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: token, Body: body})
	if res.Code != http.StatusCreated {
		r.t.Fatalf("subscribe: %d %s", res.Code, res.Body)
	}
	m := res.Map()
	r.mu.Lock()
	r.secrets[str(m["id"])] = str(m["secret"])
	r.mu.Unlock()
	return m
}

// fastHooks are delivery settings for tests: receivers on 127.0.0.1,
// retries within milliseconds.
func fastHooks() webhook.Config {
	return webhook.Config{Guard: webhook.Guard{AllowPrivate: true}, Poll: 20 * time.Millisecond, RetryFirst: 20 * time.Millisecond,
		RetryMax: 200 * time.Millisecond, Timeout: 3 * time.Second, Lease: 5 * time.Second, FanOutBatch: 50}
}

// waitFor polls cond until it holds, or fails after a while.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitForHooks is waitFor for the webhooks' work: on a timeout it says
// what the service was doing (its fan-out's lag and last error, the
// attempts' outcomes), which a timeout alone does not tell.
func waitForHooks(t *testing.T, e *apitest.Env, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s; webhooks: %+v", what, e.Webhooks.Stats())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitFannedOut waits until the webhooks' fan-out has read every change
// committed so far. Every change is a delivery of its own, but it shows
// the record as the fan-out reads it: a test that checks what each
// delivery shows waits for this between the changes, or a loaded machine,
// whose fan-out reads them together, shows the later state in both.
func waitFannedOut(t *testing.T, e *apitest.Env) {
	t.Helper()
	head, err := e.Store.LastSeq(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	waitForHooks(t, e, "the fan-out of every change so far", func() bool { return e.Webhooks.Stats().FanOutApplied >= head })
}

// deliveries returns a subscription's delivery log.
func deliveries(t *testing.T, e *apitest.Env, token, id, query string) []map[string]any {
	t.Helper()
	var out []map[string]any
	path := "/api/v1/webhooks/" + id + "/deliveries?limit=200"
	if query != "" {
		path += "&" + query
	}
	for path != "" {
		r := e.Do(apitest.Request{Method: "GET", Path: path, Token: token})
		if r.Code != 200 {
			t.Fatalf("deliveries: %d %s", r.Code, r.Body)
		}
		var page struct {
			Data  []map[string]any
			Links struct{ Next *string }
		}
		r.JSON(&page)
		out = append(out, page.Data...)
		path = ""
		if page.Links.Next != nil {
			path = *page.Links.Next
		}
	}
	return out
}

// settled reports whether no delivery of the subscription is waiting.
func settled(t *testing.T, e *apitest.Env, token, id string) bool {
	return len(deliveries(t, e, token, id, "state=pending,sending")) == 0
}

func patch(t *testing.T, e *apitest.Env, path string, body obj) obj {
	t.Helper()
	r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: body, ContentType: "application/merge-patch+json"})
	if r.Code != 200 {
		t.Fatalf("PATCH %s: %d %s", path, r.Code, r.Body)
	}
	return r.Map()
}

// TestWebhookDeliversSignedChanges follows one record's life through a
// subscription: each change arrives signed as Standard Webhooks says, as
// an entry of the change feed with the record's public view, in order, and
// the delivery log says how each went.
func TestWebhookDeliversSignedChanges(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	e.RunWebhooks(false)
	rcv := newReceiver(t)
	sub := rcv.subscribe(e, e.Admin, obj{"description": "Carte des lieux"})
	id := str(sub["id"])
	if !strings.HasPrefix(str(sub["secret"]), "whsec_") || sub["status"] != "active" {
		t.Fatalf("subscription: %v", sub)
	}

	// A structure whose phone is not public: an administrator's
	// subscription is shown what anyone may read.
	// Each write is let through the fan-out before the next: changes of
	// one record fanned out in one batch are each delivered, but show the
	// record's latest state (TestWebhookDeliversEveryChangeReadTogether).
	queued := func(n int) {
		waitFor(t, fmt.Sprintf("%d deliveries queued", n), func() bool { return len(deliveries(t, e, e.Admin, id, "")) >= n })
	}
	actor := createActor(t, e, merge(validActor("Médiathèque de l'Alcazar"), obj{"phones": []string{"04 91 55 90 00"}}))
	aid := str(actor["id"])
	queued(1)
	svc := createService(t, e, validService(aid, "Aide aux démarches"))
	queued(3) // the service, and its place scored again with it
	patch(t, e, "/api/v1/actors/"+aid, obj{"summary": "Ordinateurs en libre accès"})
	queued(4)
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + str(svc["id"]), Token: e.Admin}); r.Code != 204 {
		t.Fatalf("archive: %d", r.Code)
	}
	waitFor(t, "six deliveries", func() bool { return len(rcv.accepted()) >= 6 })
	// The sender records each answer once the receiver gave it: the log
	// may say "sending" for a moment after the last request arrived.
	waitFor(t, "the log to record the answers", func() bool { return settled(t, e, e.Admin, id) })
	got := rcv.accepted()
	checkOrderPerRecord(t, got)
	// Different records go out side by side: compare in seq order.
	slices.SortFunc(got, func(a, b received) int { return int(a.Payload["seq"].(float64) - b.Payload["seq"].(float64)) })
	var types []string
	for _, g := range got {
		types = append(types, str(g.Payload["type"]))
		if g.Payload["subscription_id"] != id || g.Payload["replay"] != false {
			t.Errorf("payload: %v", g.Payload)
		}
		if ts := g.Header.Get(webhook.HeaderTimestamp); ts == "" || g.Header.Get("Content-Type") != "application/json" {
			t.Errorf("headers: %v", g.Header)
		}
	}
	// Each write of the service scores its place again: an update of it.
	if want := []string{"actor.created", "service.created", "actor.updated", "actor.updated", "service.archived", "actor.updated"}; !slices.Equal(types, want) {
		t.Fatalf("types %v, want %v", types, want)
	}
	a := got[3].Payload["actor"].(map[string]any)
	if a["summary"] != "Ordinateurs en libre accès" || len(a["phones"].([]any)) != 0 {
		t.Errorf("the actor's public view: %v", a)
	}
	if ts := got[4].Payload["tombstone"].(map[string]any); ts["entity"] != "service" || got[4].Payload["service"] != nil {
		t.Errorf("tombstone: %v", got[4].Payload)
	}
	// Every delivery is in the log, delivered, with the answer's status.
	log := deliveries(t, e, e.Admin, id, "")
	if len(log) != 6 {
		t.Fatalf("log: %v", log)
	}
	for i, d := range log {
		if d["state"] != "delivered" || d["response_status"] != float64(204) || d["attempts"] != float64(1) || d["id"] != got[i].ID ||
			d["seq"] != got[i].Payload["seq"] || d["type"] != got[i].Payload["type"] {
			t.Errorf("log entry %d: %v", i, d)
		}
	}
	// One delivery with the body it sent.
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + id + "/deliveries/" + got[0].ID, Token: e.Admin})
	if r.Code != 200 || r.Map()["payload"].(map[string]any)["type"] != "actor.created" {
		t.Errorf("delivery: %d %s", r.Code, r.Body)
	}
	// The subscription's health.
	h := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + id, Token: e.Admin}).Map()["health"].(map[string]any)
	if h["last_success_at"] == nil || h["failing_since"] != nil || h["pending"] != float64(0) {
		t.Errorf("health: %v", h)
	}
}

// recordOf returns the id of the record a payload is about.
func recordOf(p map[string]any) string {
	if id, ok := p["entity_id"]; ok {
		return str(id)
	}
	return str(p["id"])
}

// checkLastSummary checks that the last delivery of an actor carries
// its summary want: the record's final state arrived.
func checkLastSummary(t *testing.T, got []received, actor, want string) {
	t.Helper()
	var last map[string]any
	for _, g := range got {
		if recordOf(g.Payload) == actor {
			last = g.Payload
		}
	}
	if last == nil || last["actor"].(map[string]any)["summary"] != want {
		t.Errorf("record %s: last delivery %v, want the summary %q", actor, last, want)
	}
}

// checkOrderPerRecord checks that each record's deliveries were accepted
// in seq order.
func checkOrderPerRecord(t *testing.T, got []received) map[string]float64 {
	t.Helper()
	last := map[string]float64{}
	for _, g := range got {
		eid, seq := recordOf(g.Payload), g.Payload["seq"].(float64)
		if seq <= last[eid] {
			t.Errorf("record %s: seq %v delivered after %v", eid, seq, last[eid])
		}
		last[eid] = seq
	}
	return last
}

// TestWebhookOutageThenRecovery: the endpoint answers 500, then is down
// (nothing listens), then comes back; meanwhile several records change many
// times. Everything arrives once it is back, each record's changes in seq
// order, nothing lost; and writes never waited for the endpoint.
func TestWebhookOutageThenRecovery(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	e.RunWebhooks(false)
	// A receiver whose address outlives its server: down, then up again.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	rcv := &receiver{t: t, secrets: map[string]string{}, release: make(chan struct{})}
	rcv.srv = &httptest.Server{Listener: ln, Config: &http.Server{Handler: http.HandlerFunc(rcv.serve)}}
	rcv.srv.Start()
	rcv.setMode(answer500)
	sub := rcv.subscribe(e, e.Admin, nil)
	id := str(sub["id"])

	actors := make([]string, 4)
	for i := range actors {
		actors[i] = str(createActor(t, e, validActor(fmt.Sprintf("Lieu %d", i)))["id"])
	}
	update := func(round int) {
		for _, a := range actors {
			patch(t, e, "/api/v1/actors/"+a, obj{"summary": fmt.Sprintf("Version %d", round)})
		}
	}
	update(1)
	waitFor(t, "failed attempts", func() bool { return rcv.triesSoFar() >= 3 })
	// Down: nothing listens at the address.
	rcv.srv.Close()
	update(2)
	update(3)
	w := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + id, Token: e.Admin}).Map()
	if w["status"] != "failing" || w["health"].(map[string]any)["failing_since"] == nil {
		t.Errorf("while down: %v", w)
	}
	// Back, on the same address.
	ln2, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("the address %s was taken meanwhile: %v", addr, err)
	}
	back := &http.Server{Handler: http.HandlerFunc(rcv.serve)}
	go back.Serve(ln2)
	t.Cleanup(func() { back.Close() })
	rcv.setMode(answerOK)
	update(4)
	waitFor(t, "the queue to drain", func() bool { return settled(t, e, e.Admin, id) })

	got := rcv.accepted()
	checkOrderPerRecord(t, got)
	// The final state of every record arrived, and every delivery of the
	// log was delivered (none given up), once.
	for _, a := range actors {
		checkLastSummary(t, got, a, "Version 4")
	}
	log := deliveries(t, e, e.Admin, id, "")
	seen := map[string]int{}
	for _, g := range got {
		seen[g.ID]++
	}
	for _, d := range log {
		if d["state"] != "delivered" || seen[str(d["id"])] != 1 {
			t.Errorf("delivery %v accepted %d times", d, seen[str(d["id"])])
		}
	}
	if len(got) != len(log) {
		t.Errorf("%d accepted, %d in the log", len(got), len(log))
	}
	if w := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + id, Token: e.Admin}).Map(); w["status"] != "active" {
		t.Errorf("after recovery: %v", w)
	}
}

// TestWebhookRestartLosesNothing stops the worker mid-way (as a restart
// does), writes while no worker runs, abandons a claimed delivery (a worker
// killed before it finished: its lease runs out) and starts new workers:
// every change arrives, each record's in order.
func TestWebhookRestartLosesNothing(t *testing.T) {
	cfg := fastHooks()
	cfg.Lease = 300 * time.Millisecond
	e := apitest.New(t, apitest.WithWebhooks(cfg))
	rcv := newReceiver(t)
	sub := rcv.subscribe(e, e.Admin, nil)
	id := str(sub["id"])
	stop := e.RunWebhooks(true)
	a := str(createActor(t, e, validActor("Lieu qui change"))["id"])
	for i := range 5 {
		patch(t, e, "/api/v1/actors/"+a, obj{"summary": fmt.Sprintf("Version %d", i)})
	}
	waitFor(t, "a first delivery", func() bool { return len(rcv.accepted()) >= 1 })
	stop()
	// No worker: the changes wait in the change log.
	for i := 5; i < 10; i++ {
		patch(t, e, "/api/v1/actors/"+a, obj{"summary": fmt.Sprintf("Version %d", i)})
	}
	b := str(createActor(t, e, validActor("Autre lieu"))["id"])
	// Fan them out by hand (the follower a worker runs, without its
	// sending), then a worker claims one and dies.
	from, err := e.Store.WebhookCursor(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	f, err := e.Store.Follow(context.Background(), models.FollowOptions{Name: "webhooks-test", From: from,
		Apply: func(ctx context.Context, batch []models.Change) error {
			_, err := e.Store.FanOutWebhooks(ctx, batch, models.WebhookMaxPending, handlers.RenderWebhook)
			return err
		}})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the fan-out", func() bool {
		return len(deliveries(t, e, e.Admin, id, "entity_id="+b)) == 1
	})
	f.Stop()
	claimed, _, err := e.Store.ClaimWebhookDeliveries(context.Background(), id, "a-worker-that-dies", 300*time.Millisecond, 10)
	if err != nil || len(claimed) == 0 {
		t.Fatalf("claim: %v %v", claimed, err)
	}
	// Two fresh workers, as two replicas would.
	e.RunWebhooks(true)
	e.RunWebhooks(true)
	waitFor(t, "the queue to drain", func() bool { return settled(t, e, e.Admin, id) })
	got := rcv.accepted()
	last := checkOrderPerRecord(t, got)
	ids := map[string]int{}
	for _, g := range got {
		ids[g.ID]++
	}
	log := deliveries(t, e, e.Admin, id, "")
	for _, d := range log {
		if d["state"] != "delivered" || ids[str(d["id"])] == 0 {
			t.Errorf("not delivered: %v", d)
		}
	}
	checkLastSummary(t, got, a, "Version 9")
	if last[b] == 0 {
		t.Errorf("the record created while no worker ran was not delivered")
	}
}

// TestWebhookFilters registers subscriptions with each filter and checks
// which changes each receives.
func TestWebhookFilters(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	e.RunWebhooks(false)
	rcv := newReceiver(t)
	subs := map[string]string{}
	for name, f := range map[string]obj{
		"all":        {},
		"services":   {"entities": []string{"service"}},
		"creations":  {"ops": []string{"create"}},
		"caf":        {"sources": []string{"CAF-13"}},
		"dept06":     {"departements": []string{"06"}},
		"marseille":  {"communes": []string{"Marseille"}},
		"nice+caf13": {"communes": []string{"06088"}, "sources": []string{"caf-13"}},
	} {
		subs[name] = str(rcv.subscribe(e, e.Admin, obj{"filters": f})["id"])
	}
	marseille := createActor(t, e, merge(validActor("Lieu à Marseille"), obj{"address": obj{"street": "1 rue", "postal_code": "13002", "commune": "Marseille"}}))
	nice := createActor(t, e, merge(validActor("Lieu à Nice"), obj{"source": "caf-13", "source_id": "n1",
		"address": obj{"street": "1 rue", "postal_code": "06000", "commune": "Nice"}}))
	// A service of the Nice place (no source of its own: matches caf-13 by its actor).
	svc := createService(t, e, validService(str(nice["id"]), "Atelier"))
	waitFannedOut(t, e) // else M's creation may be read with its update, and show it
	patch(t, e, "/api/v1/actors/"+str(marseille["id"]), obj{"summary": "Changé"})
	// S's creation scores N again: an update of N.
	want := map[string][]string{
		"all":        {"actor.created:M", "actor.created:N", "service.created:S", "actor.updated:N", "actor.updated:M"},
		"services":   {"service.created:S"},
		"creations":  {"actor.created:M", "actor.created:N", "service.created:S"},
		"caf":        {"actor.created:N", "service.created:S", "actor.updated:N"},
		"dept06":     {"actor.created:N", "service.created:S", "actor.updated:N"},
		"marseille":  {"actor.created:M", "actor.updated:M"},
		"nice+caf13": {"actor.created:N", "service.created:S", "actor.updated:N"},
	}
	names := map[string]string{str(marseille["id"]): "M", str(nice["id"]): "N", str(svc["id"]): "S"}
	checkReceivedBy(t, e, rcv, subs, names, want)
	// The filters come back normalised: lower case, communes as codes.
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + subs["marseille"], Token: e.Admin}).Map()
	if f := r["filters"].(map[string]any); str(f["communes"]) != "[13055]" {
		t.Errorf("filters: %v", f)
	}
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + subs["caf"], Token: e.Admin}).Map()
	if f := r["filters"].(map[string]any); str(f["sources"]) != "[caf-13]" {
		t.Errorf("filters: %v", f)
	}
	// Bad filters are refused, naming each.
	bad := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: e.Admin, Body: obj{"url": rcv.srv.URL,
		"filters": obj{"entities": []string{"referral"}, "ops": []string{"delete"}, "sources": []string{"pas une source"},
			"departements": []string{"100"}, "communes": []string{"Atlantis"}}}})
	if bad.Code != 422 || !hasAll(fields(t, bad), "filters.entities[0]", "filters.ops[0]", "filters.sources[0]", "filters.departements[0]", "filters.communes[0]") {
		t.Errorf("bad filters: %d %s", bad.Code, bad.Body)
	}
}

// fakeResolver answers name lookups from a table.
type fakeResolver map[string][]netip.Addr

func (f fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if a, ok := f[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

// TestWebhookSSRF: with production's guard, endpoints on this machine,
// private networks, link-local addresses (cloud metadata) and other
// non-public ranges are refused at registration — written as addresses, or
// names resolving there — and at each delivery, on the address actually
// dialled.
func TestWebhookSSRF(t *testing.T) {
	prod := webhook.Config{Guard: webhook.Guard{Resolver: fakeResolver{
		"intranet.partenaire.example": {netip.MustParseAddr("10.1.2.3")},
		"rebind.partenaire.example":   {netip.MustParseAddr("93.184.215.14"), netip.MustParseAddr("127.0.0.1")},
		"hooks.partenaire.example":    {netip.MustParseAddr("93.184.215.14")},
	}}}
	e := apitest.New(t, apitest.WithWebhooks(prod))
	for _, u := range []string{
		"http://hooks.partenaire.example/carnet", // plain http
		"https://127.0.0.1/carnet",
		"https://127.1.2.3:8443/carnet",
		"https://localhost/carnet",
		"https://api.localhost/carnet",
		"https://[::1]/carnet",
		"https://10.0.0.1/carnet",
		"https://172.16.5.4/carnet",
		"https://192.168.1.10/carnet",
		"https://169.254.169.254/latest/meta-data/",
		"https://[fe80::1]/carnet",
		"https://[fd00::1]/carnet",
		"https://[::ffff:192.168.0.1]/carnet",
		"https://[64:ff9b::a00:1]/carnet",
		"https://100.64.0.1/carnet",
		"https://0.0.0.0/carnet",
		"https://224.0.0.1/carnet",
		// Numeric forms that C resolvers (inet_aton) read as 127.0.0.1:
		// not IP addresses for Go, not DNS names either.
		"https://2130706433/carnet",
		"https://0x7f000001/carnet",
		"https://0177.0.0.1/carnet",
		"https://127.1/carnet",
		"https://0x7f.0.0.1/carnet",
		"https://intranet.partenaire.example/carnet",
		"https://rebind.partenaire.example/carnet",
		"ftp://hooks.partenaire.example/carnet",
		"https://user:secret@hooks.partenaire.example/carnet",
		"https://hooks.partenaire.example/carnet#fragment",
		"/carnet",
		"",
	} {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: e.Admin, Body: obj{"url": u}})
		if r.Code != 422 || !slices.Contains(fields(t, r), "url") {
			t.Errorf("%q: %d %s", u, r.Code, r.Body)
		}
	}
	// Public names and names that do not resolve yet are accepted.
	for _, u := range []string{"https://hooks.partenaire.example/carnet", "https://pas-encore.partenaire.example/carnet", "https://93.184.215.14:8443/hooks"} {
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: e.Admin, Body: obj{"url": u}}); r.Code != 201 {
			t.Errorf("%q: %d %s", u, r.Code, r.Body)
		}
	}
	// At delivery: a subscription registered while loopback was allowed
	// (or whose name now resolves there) is refused when connecting, and
	// the endpoint receives nothing.
	dev := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	rcv := newReceiver(t)
	id := str(rcv.subscribe(dev, dev.Admin, nil)["id"])
	// The same endpoint by a name that resolves to this machine.
	byName := str(rcv.subscribe(dev, dev.Admin, obj{"url": strings.Replace(rcv.srv.URL, "127.0.0.1", "localhost", 1) + "/carnet"})["id"])
	dev.RunWebhooks(true, func(c *webhook.Config) { c.Guard = webhook.Guard{} })
	createActor(t, dev, validActor("Lieu"))
	for _, sub := range []string{id, byName} {
		waitFor(t, "a refused attempt", func() bool {
			d := deliveries(t, dev, dev.Admin, sub, "")
			return len(d) == 1 && d[0]["attempts"].(float64) >= 1 && d[0]["state"] == "pending" && d[0]["last_error"] != ""
		})
		d := deliveries(t, dev, dev.Admin, sub, "")[0]
		if e := str(d["last_error"]); !strings.Contains(e, "not on the public Internet") || strings.Contains(e, "127.0.0.1") || d["response_status"] != nil {
			t.Errorf("refused delivery: %v", d)
		}
	}
	if n := rcv.triesSoFar(); n != 0 {
		t.Errorf("the endpoint received %d requests", n)
	}

	// Redirects are not followed, whatever their target (here an endpoint
	// on this machine, as the cloud's metadata service would be): the
	// attempt fails, saying so, and the target receives nothing.
	target := newReceiver(t)
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.srv.URL+"/latest/meta-data/", http.StatusTemporaryRedirect)
	}))
	t.Cleanup(redirector.Close)
	dev2 := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	dev2.RunWebhooks(false)
	rid := str(rcv.subscribe(dev2, dev2.Admin, obj{"url": redirector.URL + "/carnet"})["id"])
	createActor(t, dev2, validActor("Lieu"))
	waitFor(t, "a failed attempt", func() bool {
		d := deliveries(t, dev2, dev2.Admin, rid, "")
		return len(d) == 1 && d[0]["last_error"] != ""
	})
	d := deliveries(t, dev2, dev2.Admin, rid, "")[0]
	if !strings.Contains(str(d["last_error"]), "redirects are not followed") || d["response_status"] != float64(307) || d["state"] == "delivered" {
		t.Errorf("redirected delivery: %v", d)
	}
	if n := target.triesSoFar(); n != 0 {
		t.Errorf("the redirect's target received %d requests", n)
	}
	// A test ping to an endpoint the guard refuses now (registered under
	// other settings) is refused before any request.
	admin, err := e.Store.LoadPrincipal(context.Background(), e.AdminUser.ID)
	if err != nil {
		t.Fatal(err)
	}
	old, _, err := e.Store.CreateWebhook(models.WithPrincipal(context.Background(), admin), models.NewWebhook{URL: rcv.srv.URL, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks/" + old.ID + "/ping", Token: e.Admin}); r.Code != 422 || rcv.triesSoFar() != 0 {
		t.Errorf("ping to a refused endpoint: %d %s", r.Code, r.Body)
	}
}

// TestWebhookFailingEndpointSlowsNothing: one endpoint hangs; writes return
// and another subscription receives every change meanwhile.
func TestWebhookFailingEndpointSlowsNothing(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	e.RunWebhooks(false)
	stuck, fine := newReceiver(t), newReceiver(t)
	stuck.setMode(answerHang)
	stuck.subscribe(e, e.Admin, nil)
	fid := str(fine.subscribe(e, e.Admin, nil)["id"])
	for i := range 10 {
		createActor(t, e, validActor(fmt.Sprintf("Lieu %d", i))) // returns while the stuck endpoint holds requests
	}
	waitFor(t, "the healthy endpoint to receive everything", func() bool { return len(fine.accepted()) == 10 })
	waitFor(t, "the healthy subscription's log to say delivered", func() bool { return settled(t, e, e.Admin, fid) })
	if n := stuck.triesSoFar(); n == 0 || n > 4 {
		t.Errorf("the hanging endpoint holds %d requests; at most 4 (CARNET_WEBHOOK_CONCURRENCY) expected", n)
	}
	stuck.unblock()
}

// TestWebhookRetriesGiveUpAndDisable: a delivery failing past the maximum
// age is given up (and the record's next change goes out after it); a
// subscription failing for longer than the limit is turned off with the
// reason; 410 Gone turns it off at once; turning it on again resumes.
func TestWebhookRetriesGiveUpAndDisable(t *testing.T) {
	cfg := fastHooks()
	cfg.MaxAge, cfg.DisableAfter = time.Second, 1500*time.Millisecond
	e := apitest.New(t, apitest.WithWebhooks(cfg))
	e.RunWebhooks(false)
	rcv := newReceiver(t)
	rcv.setMode(answer500)
	id := str(rcv.subscribe(e, e.Admin, nil)["id"])
	a := str(createActor(t, e, validActor("Lieu"))["id"])
	waitFor(t, "a delivery given up", func() bool { return len(deliveries(t, e, e.Admin, id, "state=failed")) == 1 })
	failed := deliveries(t, e, e.Admin, id, "state=failed")[0]
	if failed["response_status"] != float64(500) || !strings.Contains(str(failed["last_error"]), "given up") || failed["attempts"].(float64) < 2 ||
		failed["response_excerpt"] != "database unavailable" {
		t.Errorf("given up: %v", failed)
	}
	// The endpoint keeps failing with the record's next change, past the
	// time a subscription may fail without a success.
	patch(t, e, "/api/v1/actors/"+a, obj{"summary": "Toujours en panne"})
	waitFor(t, "the subscription turned off", func() bool {
		return e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + id, Token: e.Admin}).Map()["status"] == "disabled"
	})
	w := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + id, Token: e.Admin}).Map()
	if !strings.Contains(str(w["disabled_reason"]), "has failed since") || w["disabled_cursor"] == nil || w["health"].(map[string]any)["given_up"] == float64(0) {
		t.Errorf("disabled: %v", w)
	}
	// Changes made while it is off are not queued; turning it on and
	// replaying after disabled_cursor brings them.
	patch(t, e, "/api/v1/actors/"+a, obj{"summary": "Pendant la panne"})
	rcv.setMode(answerOK)
	cursor := w["disabled_cursor"] // read while off: turning it on clears it
	w = patch(t, e, "/api/v1/webhooks/"+id, obj{"active": true})
	if w["status"] != "active" || w["disabled_reason"] != "" || w["disabled_cursor"] != nil {
		t.Errorf("on again: %v", w)
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks/" + id + "/replay", Token: e.Admin, Body: obj{"cursor": cursor}})
	if r.Code != 202 {
		t.Fatalf("replay: %d %s", r.Code, r.Body)
	}
	waitFor(t, "the replayed change", func() bool {
		for _, g := range rcv.accepted() {
			if g.Payload["replay"] == true && g.Payload["actor"].(map[string]any)["summary"] == "Pendant la panne" {
				return true
			}
		}
		return false
	})
	// 410 Gone: off at once.
	rcv.setMode(answer410)
	patch(t, e, "/api/v1/actors/"+a, obj{"summary": "Encore"})
	waitFor(t, "410 to turn it off", func() bool {
		w := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + id, Token: e.Admin}).Map()
		return w["status"] == "disabled" && strings.Contains(str(w["disabled_reason"]), "410")
	})
}

// TestWebhookReplay queues changes again from a cursor, with the record's
// current state, and refuses bad cursors.
func TestWebhookReplay(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	e.RunWebhooks(false)
	rcv := newReceiver(t)
	id := str(rcv.subscribe(e, e.Admin, obj{"filters": obj{"entities": []string{"actor"}}})["id"])
	before, err := e.Store.LastSeq(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		createActor(t, e, validActor(fmt.Sprintf("Lieu %d", i)))
	}
	waitFor(t, "three deliveries", func() bool { return len(rcv.accepted()) == 3 })
	for _, bad := range []string{"-1", "abc", "999999999"} {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks/" + id + "/replay?cursor=" + bad, Token: e.Admin})
		if r.Code != 422 || !slices.Contains(fields(t, r), "cursor") {
			t.Errorf("cursor=%s: %d %s", bad, r.Code, r.Body)
		}
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks/" + id + "/replay", Token: e.Admin}); r.Code != 422 {
		t.Errorf("no cursor: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks/" + id + "/replay?cursor=1", Token: e.Admin, Body: obj{"cursor": "2"}}); r.Code != 400 {
		t.Errorf("two cursors: %d", r.Code)
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks/" + id + "/replay", Token: e.Admin, Body: obj{"cursor": fmt.Sprint(before)}})
	if r.Code != 202 || r.Map()["replay"] == nil {
		t.Fatalf("replay: %d %s", r.Code, r.Body)
	}
	waitFor(t, "the replayed deliveries", func() bool { return len(rcv.accepted()) == 6 })
	// Each record once more, as a new delivery (its own webhook-id) marked
	// replay; records go out side by side, so in any order.
	got := rcv.accepted()
	live := map[string]string{} // record → webhook-id of its live delivery
	for _, g := range got[:3] {
		live[recordOf(g.Payload)] = g.ID
	}
	replayed := map[string]bool{}
	for _, g := range got[3:] {
		rec := recordOf(g.Payload)
		if g.Payload["replay"] != true || live[rec] == "" || live[rec] == g.ID || replayed[rec] {
			t.Errorf("replayed %v (live deliveries %v)", g.Payload, live)
		}
		replayed[rec] = true
	}
	if w := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + id, Token: e.Admin}).Map(); w["replay"] != nil {
		t.Errorf("replay still running: %v", w["replay"])
	}
}

// TestWebhookOwnershipAndSecrets: partners need the scope and see only
// their own subscriptions; the payload shows a partner its own source's
// contacts; secrets rotate with an overlap; ping; idempotent creation.
func TestWebhookOwnershipAndSecrets(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	e.RunWebhooks(false)
	rcv := newReceiver(t)
	_, plain := e.Partner("Sans webhooks", []string{"p0"}, []string{models.ScopeDirectoryWrite})
	_, caf := e.Partner("CAF 13", []string{"caf-13"}, []string{models.ScopeDirectoryWrite, models.ScopeWebhooksManage})
	_, cpam := e.Partner("CPAM 13", []string{"cpam-13"}, []string{models.ScopeWebhooksManage})
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: plain, Body: obj{"url": rcv.srv.URL}}); r.Code != 403 ||
		!strings.Contains(r.Body.String(), "webhooks:manage") {
		t.Errorf("without the scope: %d %s", r.Code, r.Body)
	}
	mine := rcv.subscribe(e, caf, nil)
	theirs := rcv.subscribe(e, cpam, nil)
	if mine["owner"].(map[string]any)["label"] != "CAF 13" {
		t.Errorf("owner: %v", mine["owner"])
	}
	for _, path := range []string{"", "/deliveries", "/ping"} {
		method := "GET"
		if path == "/ping" {
			method = "POST"
		}
		if r := e.Do(apitest.Request{Method: method, Path: "/api/v1/webhooks/" + str(theirs["id"]) + path, Token: caf}); r.Code != 404 {
			t.Errorf("%s another partner's %s: %d", method, path, r.Code)
		}
	}
	list := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks", Token: caf}).Map()
	if n := list["meta"].(map[string]any)["total"]; n != float64(1) {
		t.Errorf("the partner lists %v subscriptions", n)
	}
	if n := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks", Token: e.Admin}).Map()["meta"].(map[string]any)["total"]; n != float64(2) {
		t.Errorf("the administrator lists %v subscriptions", n)
	}
	// Its own record: the partner sees the phone (its source), the other
	// partner's subscription does not.
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: caf, Body: merge(validActor("Point CAF"),
		obj{"source": "caf-13", "source_id": "p1", "phones": []string{"04 91 00 00 00"}})})
	if r.Code != 201 {
		t.Fatalf("create: %d %s", r.Code, r.Body)
	}
	waitFor(t, "both deliveries", func() bool { return len(rcv.accepted()) == 2 })
	for _, g := range rcv.accepted() {
		phones := g.Payload["actor"].(map[string]any)["phones"].([]any)
		own := g.Payload["subscription_id"] == mine["id"]
		if own != (len(phones) == 1) {
			t.Errorf("subscription %v (own %v) sees phones %v", g.Payload["subscription_id"], own, phones)
		}
	}
	// Rotation with an overlap: two signatures, each verifying with its
	// secret; without one, only the new.
	rot := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks/" + str(mine["id"]) + "/secret", Token: caf, Body: obj{"previous_secret_valid_seconds": 3600}})
	if rot.Code != 200 || rot.Map()["previous_secret_expires_at"] == nil {
		t.Fatalf("rotate: %d %s", rot.Code, rot.Body)
	}
	newSecret := str(rot.Map()["secret"])
	ping := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks/" + str(mine["id"]) + "/ping", Token: caf})
	// The receiver still verifies with the old secret: the overlap lets it.
	if ping.Code != 200 || ping.Map()["delivered"] != true || ping.Map()["response_status"] != float64(204) {
		t.Fatalf("ping: %d %s", ping.Code, ping.Body)
	}
	last := rcv.accepted()[len(rcv.accepted())-1]
	if sigs := strings.Fields(last.Header.Get(webhook.HeaderSignature)); len(sigs) != 2 {
		t.Errorf("signatures during the overlap: %v", sigs)
	}
	rcv.mu.Lock()
	rcv.secrets[str(mine["id"])] = newSecret
	rcv.refuseQuietly = true
	rcv.mu.Unlock()
	e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks/" + str(mine["id"]) + "/secret", Token: caf, Body: obj{"previous_secret_valid_seconds": 0}})
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks/" + str(mine["id"]) + "/ping", Token: caf}); r.Map()["delivered"] != false ||
		r.Map()["response_status"] != float64(401) {
		t.Errorf("a ping signed with a secret the receiver does not know: %s", r.Body)
	}
	for _, bad := range []int{-1, 604801} {
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks/" + str(mine["id"]) + "/secret", Token: caf,
			Body: obj{"previous_secret_valid_seconds": bad}}); r.Code != 422 {
			t.Errorf("overlap %d: %d", bad, r.Code)
		}
	}
	// Idempotent creation: a retry gets the first answer.
	key := map[string]string{"Idempotency-Key": "hook-1"}
	first := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: cpam, Body: obj{"url": rcv.srv.URL + "/b"}, Header: key})
	again := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: cpam, Body: obj{"url": rcv.srv.URL + "/b"}, Header: key})
	if first.Code != 201 || again.Code != 201 || again.Header().Get("Idempotent-Replayed") != "true" || first.Map()["id"] != again.Map()["id"] {
		t.Errorf("idempotent creation: %d %d %s", first.Code, again.Code, again.Body)
	}
	// If-Match guards changes.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/webhooks/" + str(mine["id"]), Token: caf, Body: obj{"description": "x"},
		Header: map[string]string{"If-Match": `"1"`}}); r.Code != 412 {
		t.Errorf("stale If-Match: %d", r.Code)
	}
	// Deleting removes it for good.
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/webhooks/" + str(mine["id"]), Token: caf}); r.Code != 204 {
		t.Errorf("delete: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + str(mine["id"]), Token: caf}); r.Code != 404 {
		t.Errorf("after delete: %d", r.Code)
	}
	// The trail says who did what.
	trail := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/trail?subject_kind=webhook", Token: e.Admin})
	if trail.Code != 200 || !strings.Contains(trail.Body.String(), "webhook.secret_rotated") || !strings.Contains(trail.Body.String(), "webhook.deleted") {
		t.Errorf("trail: %d %s", trail.Code, trail.Body)
	}
	// Metrics.
	m := serve(e, "GET", "/metrics", "").Body.String()
	for _, want := range []string{`carnet_webhook_deliveries_total{outcome="delivered"}`, `carnet_webhook_queue{state="pending"}`,
		`carnet_webhook_subscriptions{status="active"}`, "carnet_webhook_fanout_lag_changes"} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestWebhookNoPersonalDataNorSecrets: referrals (the personal data of the
// people referred) never reach an endpoint nor the delivery log, whatever
// the filters; the signing secret is shown at creation and rotation only.
func TestWebhookNoPersonalDataNorSecrets(t *testing.T) {
	w := newReferralWorld(t, apitest.WithWebhooks(fastHooks()))
	e := w.e
	e.RunWebhooks(false)
	rcv := newReceiver(t)
	created := rcv.subscribe(e, e.Admin, nil)
	id, secret := str(created["id"]), str(created["secret"])
	_, partner := e.Partner("CAF 13", []string{"caf-13"}, []string{models.ScopeWebhooksManage})
	pcreated := rcv.subscribe(e, partner, nil)
	pid, psecret := str(pcreated["id"]), str(pcreated["secret"])

	// A referral's whole life: sent, read, accepted, a message.
	ref := w.send(t)
	if r := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + ref, Token: w.memberB}); r.Code != 200 {
		t.Fatalf("read: %d", r.Code)
	}
	if r := w.move(w.memberB, ref, "accepted", nil); r.Code != 200 {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	// Then a directory change, which must arrive: once it has, every
	// earlier change has been fanned out.
	patch(t, e, "/api/v1/actors/"+w.b, obj{"summary": "Après l'orientation"})
	waitFor(t, "the directory change", func() bool {
		n := 0
		for _, g := range rcv.accepted() {
			if recordOf(g.Payload) == w.b && g.Payload["type"] == "actor.updated" {
				n++
			}
		}
		return n == 2
	})
	person := []string{personFirst, personLast, personPhone, personSitText, "Merci de la rappeler", ref}
	for _, g := range rcv.accepted() {
		body, _ := json.Marshal(g.Payload)
		for _, p := range person {
			if strings.Contains(string(body), p) {
				t.Errorf("a delivery carries %q: %s", p, body)
			}
		}
		if g.Payload["entity"] != "actor" && g.Payload["entity"] != "service" {
			t.Errorf("a delivery of a %v", g.Payload["entity"])
		}
	}
	for _, sub := range [][2]string{{id, e.Admin}, {pid, partner}} {
		for _, d := range deliveries(t, e, sub[1], sub[0], "") {
			full := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + sub[0] + "/deliveries/" + str(d["id"]), Token: sub[1]})
			for _, p := range person {
				if strings.Contains(full.Body.String(), p) {
					t.Errorf("the delivery log carries %q: %s", p, full.Body)
				}
			}
		}
	}
	// Referrals cannot be asked for.
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: e.Admin, Body: obj{"url": rcv.srv.URL, "filters": obj{"entities": []string{"referral"}}}})
	if r.Code != 422 {
		t.Errorf("a subscription to referrals: %d %s", r.Code, r.Body)
	}

	// The secret never comes back: not when read, listed, changed,
	// replayed, nor in the delivery log or the trail.
	noSecret := func(what string, res *apitest.Response) {
		t.Helper()
		for _, s := range []string{secret, psecret, strings.TrimPrefix(secret, "whsec_"), strings.TrimPrefix(psecret, "whsec_")} {
			if strings.Contains(res.Body.String(), s) {
				t.Errorf("%s shows a secret: %s", what, res.Body)
			}
		}
		if strings.Contains(res.Body.String(), `"secret"`) {
			t.Errorf("%s has a secret field: %s", what, res.Body)
		}
	}
	noSecret("GET", e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + id, Token: e.Admin}))
	noSecret("the partner's GET", e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + pid, Token: partner}))
	noSecret("the list", e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks", Token: e.Admin}))
	noSecret("PATCH", e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/webhooks/" + id, Token: e.Admin, Body: obj{"description": "x"}, ContentType: "application/merge-patch+json"}))
	noSecret("replay", e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks/" + id + "/replay", Token: e.Admin, Body: obj{"cursor": "0"}}))
	noSecret("ping", e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks/" + id + "/ping", Token: e.Admin}))
	noSecret("the delivery log", e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + id + "/deliveries", Token: e.Admin}))
	noSecret("the trail", e.Do(apitest.Request{Method: "GET", Path: "/api/v1/trail?subject_kind=webhook", Token: e.Admin}))
	// Rotation shows the new one, once.
	rot := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks/" + id + "/secret", Token: e.Admin})
	newSecret := str(rot.Map()["secret"])
	if rot.Code != 200 || !strings.HasPrefix(newSecret, "whsec_") || newSecret == secret {
		t.Fatalf("rotate: %d %s", rot.Code, rot.Body)
	}
	if g := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + id, Token: e.Admin}); strings.Contains(g.Body.String(), strings.TrimPrefix(newSecret, "whsec_")) {
		t.Errorf("GET after rotation shows the secret: %s", g.Body)
	}
}

// TestWebhookReplicasDeliverOnce: two workers on one database (replicas;
// on PostgreSQL with CARNET_TEST_POSTGRES) fan out and send one stream of
// changes: every delivery reaches the endpoint exactly once (leases), and
// each record's changes in order.
func TestWebhookReplicasDeliverOnce(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	rcv := newReceiver(t)
	id := str(rcv.subscribe(e, e.Admin, nil)["id"])
	e.RunWebhooks(true)
	e.RunWebhooks(true)
	var ids []string
	for i := range 12 {
		ids = append(ids, str(createActor(t, e, validActor(fmt.Sprintf("Lieu %d", i)))["id"]))
	}
	for round := range 4 {
		for _, a := range ids {
			patch(t, e, "/api/v1/actors/"+a, obj{"summary": fmt.Sprintf("Version %d", round)})
		}
	}
	waitFor(t, "the queue to drain", func() bool {
		return settled(t, e, e.Admin, id) && len(rcv.accepted()) == len(deliveries(t, e, e.Admin, id, ""))
	})
	time.Sleep(200 * time.Millisecond) // a duplicate would come now
	got := rcv.accepted()
	checkOrderPerRecord(t, got)
	seen := map[string]int{}
	for _, g := range got {
		seen[g.ID]++
	}
	log := deliveries(t, e, e.Admin, id, "")
	for _, d := range log {
		if d["state"] != "delivered" || seen[str(d["id"])] != 1 || d["attempts"] != float64(1) {
			t.Errorf("delivery %v accepted %d times", d, seen[str(d["id"])])
		}
	}
	if len(got) != len(log) || rcv.triesSoFar() != len(log) {
		t.Errorf("%d accepted, %d requests, %d in the log", len(got), rcv.triesSoFar(), len(log))
	}
	// The fan-out too: one delivery per change and record, never two for
	// one seq.
	perSeq := map[string]bool{}
	for _, d := range log {
		k := fmt.Sprint(d["seq"])
		if perSeq[k] {
			t.Errorf("seq %s queued twice", k)
		}
		perSeq[k] = true
	}
	for _, a := range ids {
		checkLastSummary(t, got, a, "Version 3")
	}
}

// TestWebhookCreatedTagIsGetsTag: a subscription's creation answered the
// bare version ("1"), where a read of it answers the version and a digest
// of the representation: a client keeping the tag of its creation got 200
// for an unchanged subscription.
func TestWebhookCreatedTagIsGetsTag(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	rcv := newReceiver(t)
	res := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: e.Admin, Body: obj{"url": rcv.srv.URL + "/carnet"}})
	if res.Code != http.StatusCreated {
		t.Fatalf("%d %s", res.Code, res.Body)
	}
	tag := res.Header().Get("ETag")
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/webhooks/" + str(res.Map()["id"]), Token: e.Admin, Header: map[string]string{"If-None-Match": tag}})
	if r.Code != http.StatusNotModified {
		t.Errorf("GET with the creation's tag %s: %d (tag %s), want 304", tag, r.Code, r.Header().Get("ETag"))
	}
}
